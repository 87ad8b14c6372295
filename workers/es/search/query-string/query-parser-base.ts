/**
 * The parts of Lucene's QueryParserBase (and ES's overrides) that give the classic syntax its meaning:
 *
 * - ClauseList.add is addClause: the classic (non-boolean-algebra) rules. `AND` makes the clause before it
 *   MUST (unless MUST_NOT) and itself MUST; with default_operator AND, `OR` makes the clause before it SHOULD;
 *   `+` is MUST, `-`/`NOT`/`!` MUST_NOT, a bare clause SHOULD (OR) or MUST (AND). So `a AND b OR c` is
 *   `+a +b c` and `a OR b AND c` is `a +b +c`.
 * - ClauseList.addMultiTerm is addMultiTermClauses: analysed multi-word text is spliced in term by term when
 *   it became a plain bool of terms, else added clause by clause (or whole) with the default occur.
 * - ClauseList.toQuery is ES's getBooleanQuery: no clause → null; a bool of only MUST_NOT clauses gets a
 *   match_all FILTER (Queries.fixNegativeQueryIfNeeded).
 * - discardEscapeChar: `\x` → `x`, `\uXXXX` → the UTF-16 unit; errors are ParseExceptions.
 * - Fuzziness as ES parses `~`, `~1`, `~AUTO:3,6` (Fuzziness.fromString / asDistance).
 */
import { CONJ_AND, CONJ_OR, MOD_NOT, MOD_REQ } from './classic-query-parser.ts'
import { FieldQueryError } from './field-queries.ts'
import { QueryParserError } from './query-parser-errors.ts'
import type { BoolClause, Occur, QueryStringNode } from './query-string-node.ts'

export class ClauseList {
  readonly clauses: BoolClause[] = []

  constructor(private readonly operatorAnd: boolean) {}

  add(conj: number, mods: number, q: QueryStringNode | null): void {
    const last = this.clauses.length - 1
    const previous = this.clauses[last]
    if (previous !== undefined && previous.occur !== 'MUST_NOT') {
      if (conj === CONJ_AND) this.clauses[last] = { ...previous, occur: 'MUST' }
      else if (this.operatorAnd && conj === CONJ_OR) this.clauses[last] = { ...previous, occur: 'SHOULD' }
    }
    if (q === null) return
    const prohibited = mods === MOD_NOT
    const required = this.operatorAnd
      ? !prohibited && conj !== CONJ_OR
      : mods === MOD_REQ || (conj === CONJ_AND && !prohibited)
    this.clauses.push({ occur: prohibited ? 'MUST_NOT' : required ? 'MUST' : 'SHOULD', query: q })
  }

  addMultiTerm(q: QueryStringNode | null): void {
    if (q === null) return
    const plainBool = q.kind === 'bool' && q.boost === 1 && q.minimumShouldMatch === 0
    if (plainBool && q.clauses.every((c) => c.query.kind === 'term' && c.query.boost === 1)) {
      this.clauses.push(...q.clauses)
      return
    }
    const occur: Occur = this.operatorAnd ? 'MUST' : 'SHOULD'
    if (plainBool) this.clauses.push(...q.clauses.map((c) => ({ occur, query: c.query })))
    else this.clauses.push({ occur, query: q })
  }

  toQuery(): QueryStringNode | null {
    if (this.clauses.length === 0) return null
    const clauses = [...this.clauses]
    if (clauses.every((c) => c.occur === 'MUST_NOT'))
      clauses.push({ occur: 'FILTER', query: { kind: 'matchAll', boost: 1 } })
    return { kind: 'bool', clauses, minimumShouldMatch: 0, boost: 1 }
  }
}

function hexValue(c: string): number {
  if (/^[0-9a-fA-F]$/.test(c)) return parseInt(c, 16)
  throw new QueryParserError('ParseException', `Non-hex character in Unicode escape sequence: ${c}`)
}

export function discardEscapeChar(input: string): string {
  let out = ''
  let escaped = false
  let hexDigitsLeft = 0
  let codeUnit = 0
  for (const c of input) {
    if (hexDigitsLeft > 0) {
      codeUnit = codeUnit * 16 + hexValue(c)
      if (--hexDigitsLeft === 0) {
        out += String.fromCharCode(codeUnit)
        codeUnit = 0
      }
    } else if (escaped) {
      if (c === 'u') hexDigitsLeft = 4
      else out += c
      escaped = false
    } else if (c === '\\') escaped = true
    else out += c
  }
  if (hexDigitsLeft > 0) throw new QueryParserError('ParseException', 'Truncated unicode escape sequence.')
  if (escaped) throw new QueryParserError('ParseException', 'Term can not end with escape character.')
  return out
}

/** Fixed edits, or AUTO with its low and high term lengths. */
export type Fuzziness = { edits: number } | { low: number; high: number }

export function parseFuzziness(text: string): Fuzziness {
  if (text === '')
    throw new FieldQueryError('illegal_argument_exception', 'fuzziness cannot be null or empty.')
  const upper = text.toUpperCase()
  if (upper === 'AUTO') return { low: 3, high: 6 }
  if (upper.startsWith('AUTO:')) {
    const limits = upper.slice(5).split(',')
    const [low, high] = limits.map(Number)
    if (limits.length !== 2 || !Number.isInteger(low) || !Number.isInteger(high)) {
      throw new FieldQueryError('parse_exception', `failed to parse [${upper}] as a "auto:int,int"`)
    }
    return { low: low!, high: high! }
  }
  const value = Number(text)
  if (text.trim() === '' || Number.isNaN(value)) {
    throw new FieldQueryError('illegal_argument_exception', `fuzziness cannot be [${text}].`)
  }
  if (value % 1 > 0) {
    throw new FieldQueryError(
      'illegal_argument_exception',
      `fuzziness needs to be one of 0.0, 1.0 or 2.0 but was ${value}`,
    )
  }
  if (value !== 0 && value !== 1 && value !== 2) {
    throw new FieldQueryError(
      'illegal_argument_exception',
      `Valid edit distances are [0, 1, 2] but was [${Math.trunc(value)}]`,
    )
  }
  return { edits: value }
}

/** Fuzziness.asDistance(term): AUTO by code point length, else the fixed edits (at most 2). */
export function fuzzyDistance(fuzziness: Fuzziness, term: string): number {
  if ('edits' in fuzziness) return Math.min(2, fuzziness.edits)
  const length = [...term].length
  return length < fuzziness.low ? 0 : length < fuzziness.high ? 1 : 2
}
