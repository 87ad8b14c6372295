/**
 * The grammar of Lucene's classic QueryParser (QueryParser.jj), as a recursive-descent parser that keeps the
 * same bookkeeping as the JavaCC-generated one so that its syntax errors list the same expected tokens:
 *
 * - each choice point that falls through records the generation (count of consumed tokens) under its id,
 *   with the token kinds it would have accepted (the generated jj_la1 / jj_la1_0 tables);
 * - the three LOOKAHEAD(2) sites (MultiTerm in Query's first and later clauses, `field:` in Clause) keep
 *   call records; on an error those that looked past the current generation are re-scanned, and an expected
 *   sequence they produce is listed only when it repeats one already listed (JavaCC 7's jj_add_error_token
 *   adds duplicates only, which is why `<TERM> ...` and `"*" ...` end the familiar lists).
 *
 * Grammar (splitOnWhitespace=false, as Elasticsearch leaves it):
 *   Query  ::= ( MultiTerm | Modifiers Clause ) ( MultiTerm | Conjunction Modifiers Clause )*
 *   Clause ::= [ (<TERM> | "*") ":" ] ( Term | "(" Query ")" [ "^" <NUMBER> ] )
 *   MultiTerm ::= <TERM> <TERM>+   while the next token is a TERM not followed by ":" "*" "~" "^" AND OR
 * Query construction is delegated to QueryParserActions (QueryParserBase's hooks).
 */
import { QueryParserError, lexicalErrorMessage, parseExceptionMessage } from './query-parser-errors.ts'
import * as K from './query-parser-tokens.ts'
import type { Token, TokenStream } from './query-parser-tokens.ts'

export const CONJ_NONE = 0
export const CONJ_AND = 1
export const CONJ_OR = 2
export const MOD_NONE = 0
export const MOD_NOT = 10
export const MOD_REQ = 11

/** QueryParserBase's side: what the grammar's actions call. Q is the query type; null is "no query". */
export interface QueryParserActions<Q, C> {
  newClauseList(): C
  addClause(clauses: C, conj: number, mods: number, q: Q | null): void
  addMultiTermClauses(clauses: C, q: Q | null): void
  clauseCount(clauses: C): number
  booleanQuery(clauses: C): Q | null
  fieldQuery(field: string | null, text: string): Q | null
  bareToken(
    field: string | null,
    term: Token,
    fuzzySlop: Token | null,
    kind: 'term' | 'prefix' | 'wildcard' | 'regexp',
  ): Q | null
  range(
    field: string | null,
    lower: Token,
    upper: Token,
    includeLower: boolean,
    includeUpper: boolean,
  ): Q | null
  quoted(field: string | null, term: Token, fuzzySlop: Token | null): Q | null
  boost(q: Q | null, boost: Token | null): Q | null
  unescape(text: string): string
}

const CLAUSE_START = [K.BAREOPER, K.LPAREN, K.STAR, K.QUOTED, K.TERM, K.PREFIXTERM, K.WILDTERM, K.REGEXPTERM]
const TERM_START = [...CLAUSE_START.filter((k) => k !== K.LPAREN), K.RANGEIN_START, K.RANGEEX_START, K.NUMBER]
const MODIFIERS = [K.NOT, K.PLUS, K.MINUS]
const QUERY_START = [...MODIFIERS, ...CLAUSE_START, K.RANGEIN_START, K.RANGEEX_START, K.NUMBER]
const RANGE_PART = [K.RANGE_TO, K.RANGE_QUOTED, K.RANGE_GOOP]
const BARE = [K.BAREOPER, K.STAR, K.TERM, K.PREFIXTERM, K.WILDTERM, K.REGEXPTERM, K.NUMBER]
const DISALLOWED_AFTER_MULTI_TERM = new Set([K.COLON, K.STAR, K.FUZZY_SLOP, K.CARAT, K.AND, K.OR])

/** The choice points (jj_la1 ids) and the kinds each accepts. */
const CHOICES: readonly (readonly number[])[] = [
  [K.AND, K.OR],
  [K.AND, K.OR],
  MODIFIERS,
  MODIFIERS,
  QUERY_START,
  [K.AND, K.OR, ...QUERY_START],
  [K.AND, K.OR, ...QUERY_START],
  [K.STAR, K.TERM],
  [K.CARAT],
  [...TERM_START, K.LPAREN],
  BARE,
  [K.FUZZY_SLOP],
  [K.CARAT],
  [K.CARAT, K.FUZZY_SLOP],
  [K.CARAT, K.FUZZY_SLOP],
  [K.RANGEIN_START, K.RANGEEX_START],
  RANGE_PART,
  RANGE_PART,
  [K.RANGEIN_END, K.RANGEEX_END],
  [K.CARAT],
  [K.FUZZY_SLOP],
  [K.CARAT],
  [K.CARAT, K.FUZZY_SLOP],
  [K.CARAT, K.FUZZY_SLOP],
  TERM_START,
]

class LookaheadSuccess extends Error {}

interface CallRecord {
  gen: number
  first: number
  arg: number
}

export class ClassicQueryParser<Q, C> {
  /** Index of the last consumed token; -1 before the first. */
  private current = -1
  private gen = 0
  private readonly la1: number[] = CHOICES.map(() => -1)
  private readonly calls: CallRecord[][] = [[], [], []]
  private scanPos = -1
  private lastPos = -1
  private la = 0
  private rescan = false
  private expected: number[][] = []
  private lastTokens: number[] = []
  private endPos = 0

  constructor(
    private readonly stream: TokenStream,
    private readonly actions: QueryParserActions<Q, C>,
  ) {}

  /** TopLevelQuery: Query then <EOF>. */
  parse(field: string | null): Q | null {
    const q = this.query(field)
    this.consume(K.EOF)
    return q
  }

  private token(index: number): Token {
    const token = this.stream.tokens[index]
    if (token !== undefined) return token
    const error = this.stream.error
    if (error === null) return this.stream.tokens[this.stream.tokens.length - 1]!
    throw new QueryParserError('TokenMgrError', lexicalErrorMessage(error))
  }

  private next(): number {
    return this.token(this.current + 1).kind
  }

  private consume(kind: number): Token {
    const token = this.token(this.current + 1)
    if (token.kind !== kind) throw this.parseException(kind)
    this.current++
    this.gen++
    return token
  }

  /** A choice point that matched none of its alternatives. */
  private fallThrough(choice: number): void {
    this.la1[choice] = this.gen
  }

  private fail(choice: number): QueryParserError {
    this.la1[choice] = this.gen
    return this.parseException(-1)
  }

  private query(field: string | null): Q | null {
    const clauses = this.actions.newClauseList()
    let firstQuery: Q | null = null
    if (this.lookahead(0)) firstQuery = this.multiTerm(field, clauses)
    else if (QUERY_START.includes(this.next())) {
      const mods = this.modifiers()
      const q = this.clause(field)
      this.actions.addClause(clauses, CONJ_NONE, mods, q)
      if (mods === MOD_NONE) firstQuery = q
    } else throw this.fail(4)
    for (;;) {
      if (![K.AND, K.OR, ...QUERY_START].includes(this.next())) {
        this.fallThrough(5)
        break
      }
      if (this.lookahead(1)) this.multiTerm(field, clauses)
      else {
        const conj = this.conjunction()
        const mods = this.modifiers()
        this.actions.addClause(clauses, conj, mods, this.clause(field))
      }
    }
    if (this.actions.clauseCount(clauses) === 1 && firstQuery !== null) return firstQuery
    return this.actions.booleanQuery(clauses)
  }

  private conjunction(): number {
    const kind = this.next()
    if (kind === K.AND || kind === K.OR) {
      this.consume(kind)
      return kind === K.AND ? CONJ_AND : CONJ_OR
    }
    this.fallThrough(1)
    return CONJ_NONE
  }

  private modifiers(): number {
    const kind = this.next()
    if (kind === K.PLUS || kind === K.MINUS || kind === K.NOT) {
      this.consume(kind)
      return kind === K.PLUS ? MOD_REQ : MOD_NOT
    }
    this.fallThrough(3)
    return MOD_NONE
  }

  private clause(field: string | null): Q | null {
    if (this.lookahead(2)) {
      const name = this.next() === K.TERM ? this.consume(K.TERM) : this.consume(K.STAR)
      this.consume(K.COLON)
      field = name.kind === K.STAR ? '*' : this.actions.unescape(name.image)
    }
    const kind = this.next()
    if (kind === K.LPAREN) {
      this.consume(K.LPAREN)
      const q = this.query(field)
      this.consume(K.RPAREN)
      let boost: Token | null = null
      if (this.next() === K.CARAT) {
        this.consume(K.CARAT)
        boost = this.consume(K.NUMBER)
      } else this.fallThrough(8)
      return this.actions.boost(q, boost)
    }
    if (!TERM_START.includes(kind)) throw this.fail(9)
    return this.term(field)
  }

  /**
   * `[ "^" <NUMBER> [ <FUZZY_SLOP> ] | <FUZZY_SLOP> [ "^" <NUMBER> ] ]`; the choice ids of the slop after a
   * boost, the boost after a slop, and the whole option.
   */
  private suffixes(ids: readonly [number, number, number]): { boost: Token | null; slop: Token | null } {
    let boost: Token | null = null
    let slop: Token | null = null
    const kind = this.next()
    if (kind === K.CARAT) {
      this.consume(K.CARAT)
      boost = this.consume(K.NUMBER)
      if (this.next() === K.FUZZY_SLOP) slop = this.consume(K.FUZZY_SLOP)
      else this.fallThrough(ids[0])
    } else if (kind === K.FUZZY_SLOP) {
      slop = this.consume(K.FUZZY_SLOP)
      if (this.next() === K.CARAT) {
        this.consume(K.CARAT)
        boost = this.consume(K.NUMBER)
      } else this.fallThrough(ids[1])
    } else this.fallThrough(ids[2])
    return { boost, slop }
  }

  private term(field: string | null): Q | null {
    const kind = this.next()
    if (BARE.includes(kind)) {
      const consumed = this.consume(kind)
      const term = kind === K.BAREOPER ? { ...consumed, image: consumed.image.slice(0, 1) } : consumed
      const { boost, slop } = this.suffixes([11, 12, 14])
      const form =
        kind === K.STAR || kind === K.WILDTERM
          ? 'wildcard'
          : kind === K.PREFIXTERM
            ? 'prefix'
            : kind === K.REGEXPTERM
              ? 'regexp'
              : 'term'
      return this.actions.boost(this.actions.bareToken(field, term, slop, form), boost)
    }
    if (kind === K.RANGEIN_START || kind === K.RANGEEX_START) {
      const includeLower = this.consume(kind).kind === K.RANGEIN_START
      const lower = this.rangePart(16)
      this.consume(K.RANGE_TO)
      const upper = this.rangePart(17)
      const end = this.next()
      if (end !== K.RANGEIN_END && end !== K.RANGEEX_END) throw this.fail(18)
      const includeUpper = this.consume(end).kind === K.RANGEIN_END
      let boost: Token | null = null
      if (this.next() === K.CARAT) {
        this.consume(K.CARAT)
        boost = this.consume(K.NUMBER)
      } else this.fallThrough(19)
      return this.actions.boost(this.actions.range(field, lower, upper, includeLower, includeUpper), boost)
    }
    if (kind !== K.QUOTED) throw this.fail(24)
    const term = this.consume(K.QUOTED)
    const { boost, slop } = this.suffixes([20, 21, 23])
    return this.actions.boost(this.actions.quoted(field, term, slop), boost)
  }

  private rangePart(choice: number): Token {
    const kind = this.next()
    if (!RANGE_PART.includes(kind)) throw this.fail(choice)
    return this.consume(kind)
  }

  private multiTerm(field: string | null, clauses: C): Q | null {
    const first = this.consume(K.TERM)
    let text = first.image
    if (!this.multiTermContinues(this.current)) throw this.parseException(-1)
    do text += ' ' + this.consume(K.TERM).image
    while (this.multiTermContinues(this.current))
    const q = this.actions.fieldQuery(field, this.actions.unescape(text))
    this.actions.addMultiTermClauses(clauses, q)
    return q
  }

  /** The semantic lookahead: the token after `at` is a TERM, and the one after that may follow a term. */
  private multiTermContinues(at: number): boolean {
    return this.token(at + 1).kind === K.TERM && !DISALLOWED_AFTER_MULTI_TERM.has(this.token(at + 2).kind)
  }

  // ---- LOOKAHEAD(2) emulation (jj_2_*, jj_3_*, jj_scan_token, jj_save) ----

  private lookahead(site: number): boolean {
    this.la = 2
    this.lastPos = this.scanPos = this.current
    let matched: boolean
    try {
      matched = !this.scanSite(site)
    } catch (e) {
      if (!(e instanceof LookaheadSuccess)) throw e
      matched = true
    }
    const records = this.calls[site]!
    let record = records.find((r) => r.gen <= this.gen)
    if (record === undefined) {
      record = { gen: 0, first: 0, arg: 0 }
      records.push(record)
    }
    record.gen = this.gen + 2 - this.la
    record.first = this.current
    record.arg = 2
    return matched
  }

  /** Runs a site's scan; true means the lookahead failed. */
  private scanSite(site: number): boolean {
    if (site < 2) return this.scanMultiTerm()
    const start = this.scanPos
    if (this.scanToken(K.TERM) || this.scanToken(K.COLON)) {
      this.scanPos = start
      return this.scanToken(K.STAR) || this.scanToken(K.COLON)
    }
    return false
  }

  private scanMultiTerm(): boolean {
    if (this.scanToken(K.TERM)) return true
    if (!this.multiTermContinues(this.scanPos)) return true
    if (this.scanToken(K.TERM)) return true
    for (;;) {
      const saved = this.scanPos
      if (this.scanToken(K.TERM)) {
        this.scanPos = saved
        return false
      }
    }
  }

  private scanToken(kind: number): boolean {
    if (this.scanPos === this.lastPos) {
      this.la--
      this.token(this.scanPos + 1)
      this.lastPos = this.scanPos = this.scanPos + 1
    } else this.scanPos++
    if (this.rescan && this.scanPos >= this.current) this.addErrorToken(kind, this.scanPos - this.current)
    if (this.token(this.scanPos).kind !== kind) return true
    if (this.la === 0 && this.scanPos === this.lastPos) throw new LookaheadSuccess()
    return false
  }

  // ---- generateParseException ----

  private addErrorToken(kind: number, pos: number): void {
    if (pos >= 100) return
    if (pos === this.endPos + 1) {
      this.lastTokens[this.endPos++] = kind
    } else if (this.endPos !== 0) {
      const entry = this.lastTokens.slice(0, this.endPos)
      if (this.expected.some((old) => old.length === entry.length && old.every((k, i) => k === entry[i]))) {
        this.expected.push(entry)
      }
      if (pos !== 0) {
        this.endPos = pos
        this.lastTokens[pos - 1] = kind
      }
    }
  }

  private parseException(wanted: number): QueryParserError {
    const kinds = new Set<number>()
    if (wanted >= 0) kinds.add(wanted)
    this.la1.forEach((gen, choice) => {
      if (gen === this.gen) for (const kind of CHOICES[choice]!) kinds.add(kind)
    })
    this.expected = [...kinds].sort((a, b) => a - b).map((kind) => [kind])
    this.endPos = 0
    this.rescan = true
    this.calls.forEach((records, site) => {
      try {
        for (const record of records) {
          if (record.gen <= this.gen) continue
          this.la = record.arg
          this.lastPos = this.scanPos = record.first
          this.scanSite(site)
        }
      } catch (e) {
        if (!(e instanceof LookaheadSuccess)) throw e
      }
    })
    this.rescan = false
    this.addErrorToken(0, 0)
    const following: Token[] = []
    for (let i = this.current + 1; i < this.stream.tokens.length && following.length < 2; i++) {
      following.push(this.stream.tokens[i]!)
    }
    return new QueryParserError('ParseException', parseExceptionMessage(following, this.expected))
  }
}
