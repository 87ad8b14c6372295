/**
 * The ES|QL lexer (EsqlBaseLexer.g4, keywords case-insensitive; command names and `METADATA` / `INFO` are
 * read from identifiers where the grammar expects them): identifiers (letters, digits, `_`, `@`,
 * not digit-first; a `.` between two of them is its own operator token), `backquoted` identifiers (`` `` ``
 * escapes a backquote), "strings" (`\t \n \r \" \\` escapes) and """triple-quoted""" ones (no escapes),
 * integer and decimal literals (`1.5`, `.5`, `1e3`), `?`, `?name` and `?1` parameters, the operators and `|`.
 * `//` and `/* *\/` comments and whitespace are skipped. A FROM's index patterns are read raw by
 * `sourceToken` (UNQUOTED_SOURCE: anything but whitespace, `,`, `|`, quotes and `=`), an ENRICH's policy name by
 * `policyNameToken` (ENRICH_POLICY_NAME: anything but whitespace and `\ / ? " < > | , # :`, with one optional
 * `qualifier:` prefix; `on` and `with` alone are ENRICH_MODE's keywords). Tokens share SQL's Token
 * shape (1-based line and column, offsets), so the SQL TokenStream walks them; the list ends with EOF. A
 * character no rule takes fails as ANTLR's lexer does: `token recognition error at: 'c'`. The character work shared
 * with SQL's lexer (positions, blanks and comments, doubled-quote text, operators) is sql/scanner.ts's.
 */
import type { Token, TokenKind } from '../sql/sql-lexer.ts'
import { Scanner } from '../sql/scanner.ts'

/** The words EsqlBaseLexer's expression mode reserves; command names are identifiers outside command position. */
export const ESQL_KEYWORDS = new Set([
  'AND',
  'AS',
  'ASC',
  'BY',
  'DESC',
  'FALSE',
  'FIRST',
  'IN',
  'IS',
  'LAST',
  'LIKE',
  'NOT',
  'NULL',
  'NULLS',
  'OR',
  'RLIKE',
  'TRUE',
])

const OPERATORS = [
  '::',
  '==',
  '!=',
  '<=',
  '>=',
  '=~',
  '<',
  '>',
  '+',
  '-',
  '*',
  '/',
  '%',
  '(',
  ')',
  ',',
  '.',
  '|',
  '=',
  '[',
  ']',
]

const ESCAPES: Readonly<Record<string, string>> = { t: '\t', n: '\n', r: '\r', '"': '"', '\\': '\\' }

/** ENRICH_POLICY_NAME_BODY: any character but whitespace and `\ / ? " < > | , # :`. */
const POLICY_NAME_BODY = /[^\s\\/?"<>|,#:]/

const IDENTIFIER_START = /[A-Za-z_@]/
const IDENTIFIER_PART = /[A-Za-z0-9_@]/

export class EsqlLexer {
  private readonly s: Scanner

  constructor(readonly text: string) {
    this.s = new Scanner(text)
  }

  /** The current position, to come back to with `reset`. */
  mark(): number {
    return this.s.pos
  }

  reset(offset: number): void {
    this.s.pos = offset
  }

  /** Takes a `,` when one is next. */
  acceptComma(): boolean {
    this.skipBlank()
    if (this.s.peek() !== ',') return false
    this.s.pos++
    return true
  }

  /** The tokens from the current position to the next `|` or EOF, that one included (one command's words). */
  rest(): Token[] {
    const out: Token[] = []
    for (;;) {
      const token = this.next()
      out.push(token)
      if (token.kind === 'eof' || (token.kind === 'operator' && token.value === '|')) return out
    }
  }

  /** A FROM's index pattern (UNQUOTED_SOURCE or a quoted string), or null when none starts here. */
  sourceToken(): Token | null {
    this.skipBlank()
    const s = this.s
    const start = s.pos
    if (s.peek() === '"') return this.next()
    while (s.peek() !== undefined && !/[\s,|"'=]/.test(s.peek()!)) {
      if (s.startsWith('//') || s.startsWith('/*')) break
      s.pos++
    }
    if (s.pos === start) return null
    return s.token('identifier', start, this.text.slice(start, s.pos))
  }

  /** An ENRICH's policy name (ENRICH_POLICY_NAME or a backquoted one), or null when none starts here. */
  policyNameToken(): Token | null {
    this.skipBlank()
    const s = this.s
    const start = s.pos
    if (s.peek() === '`') return this.next()
    if (s.skipWhile(POLICY_NAME_BODY) === 0) return null
    const mark = s.pos
    if (s.peek() === ':') {
      s.pos++
      if (s.skipWhile(POLICY_NAME_BODY) === 0) s.pos = mark
    }
    const text = this.text.slice(start, s.pos)
    if (/^(on|with)$/i.test(text)) {
      s.pos = start
      return null
    }
    return s.token('identifier', start, text)
  }

  /** The next token. */
  next(): Token {
    this.skipBlank()
    const s = this.s
    const start = s.pos
    const c = s.peek()
    if (c === undefined) return s.token('eof', start, '', '<EOF>')
    if (IDENTIFIER_START.test(c)) {
      s.skipWhile(IDENTIFIER_PART)
      const word = this.text.slice(start, s.pos)
      const upper = word.toUpperCase()
      return ESQL_KEYWORDS.has(upper) ? s.token('keyword', start, upper) : s.token('identifier', start, word)
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(s.peek(1) ?? ''))) return this.number(start)
    if (c === '`') {
      const value = s.quoted()
      if (value === null) throw s.recognitionError(start, '`')
      return s.token('backquoted', start, value)
    }
    if (c === '"') return this.string(start)
    if (c === '?') {
      s.pos++
      s.skipWhile(/[A-Za-z0-9_]/)
      return s.token('param', start, this.text.slice(start + 1, s.pos))
    }
    return s.token('operator', start, s.operator(OPERATORS))
  }

  private number(start: number): Token {
    const m = /^(\d*\.\d*(?:[eE][+-]?\d+)?|\d+[eE][+-]?\d+|\d+)/.exec(this.text.slice(start))!
    this.s.pos = start + m[0].length
    const kind: TokenKind = /[.eE]/.test(m[0]) ? 'decimal' : 'integer'
    return this.s.token(kind, start, m[0])
  }

  private string(start: number): Token {
    const s = this.s
    const text = this.text
    if (text.startsWith('"""', start)) {
      const end = text.indexOf('"""', start + 3)
      if (end >= 0) {
        s.pos = end + 3
        return s.token('string', start, text.slice(start + 3, end))
      }
    }
    let value = ''
    s.pos = start + 1
    for (;;) {
      const c = s.peek()
      if (c === undefined || c === '\n' || c === '\r')
        throw s.recognitionError(start, text.slice(start, s.pos))
      s.pos++
      if (c === '"') break
      if (c === '\\') {
        const escaped = ESCAPES[s.peek() ?? '']
        if (escaped === undefined) throw s.recognitionError(start, text.slice(start, s.pos + 1))
        value += escaped
        s.pos++
      } else value += c
    }
    return s.token('string', start, value)
  }

  private skipBlank(): void {
    this.s.skipBlank('//')
  }
}
