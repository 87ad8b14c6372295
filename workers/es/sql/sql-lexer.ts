/**
 * The SQL lexer (SqlBase.g4's lexer rules, case-insensitive as CaseInsensitiveStream makes them): keywords,
 * identifiers (letters, digits, `_`, `@`; a digit-first one is DIGIT_IDENTIFIER), "double quoted" identifiers
 * (`""` escapes a quote; `backquoted` ones are tokens the parser refuses), 'strings' (`''` escapes a quote),
 * integer and decimal numbers, `?` parameters and the operators. `--` comments run to the end of the line and
 * `/* *\/` comments nest nowhere; both, like whitespace, are skipped. Every token keeps its text as typed and
 * its 1-based line and column; the token list always ends with EOF. A character no rule takes fails as ANTLR's
 * lexer does: `token recognition error at: 'c'`. The character work shared with ES|QL is scanner.ts's.
 */
import { Scanner } from './scanner.ts'
import type { SourcePosition } from './sql-exceptions.ts'

export type TokenKind =
  | 'keyword'
  | 'identifier'
  | 'quoted'
  | 'digitIdentifier'
  | 'backquoted'
  | 'string'
  | 'integer'
  | 'decimal'
  | 'param'
  | 'operator'
  | 'eof'

export interface Token extends SourcePosition {
  readonly kind: TokenKind
  /** The token's text as typed (an identifier's or string's quotes included). */
  readonly text: string
  /** Upper-cased keywords and operators; the unquoted value of identifiers and strings. */
  readonly value: string
  /** Offsets of the token in the statement text. */
  readonly start: number
  readonly end: number
}

/** The reserved words of SqlBase.g4 that the statements here use (non-reserved ones are identifiers). */
const KEYWORDS = new Set([
  'ALL',
  'AND',
  'AS',
  'ASC',
  'BETWEEN',
  'BY',
  'CASE',
  'CAST',
  'COLUMNS',
  'DESC',
  'DESCRIBE',
  'DISTINCT',
  'ELSE',
  'END',
  'ESCAPE',
  'EXISTS',
  'FALSE',
  'FIRST',
  'FROM',
  'FUNCTIONS',
  'GROUP',
  'HAVING',
  'IN',
  'INCLUDE',
  'IS',
  'LAST',
  'LIKE',
  'LIMIT',
  'MATCH',
  'NOT',
  'NULL',
  'NULLS',
  'OR',
  'ORDER',
  'QUERY',
  'RLIKE',
  'SELECT',
  'SHOW',
  'TABLES',
  'THEN',
  'TOP',
  'TRUE',
  'WHEN',
  'WHERE',
  'FROZEN',
  'CATALOG',
])

const OPERATORS = [
  '<=>',
  '::',
  '<>',
  '!=',
  '<=',
  '>=',
  '=',
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
]

const WORD = /[A-Za-z0-9_@]/
const DIGIT = /[0-9]/
const QUOTES: Readonly<Record<string, TokenKind>> = { "'": 'string', '"': 'quoted', '`': 'backquoted' }

export function tokenize(sql: string): Token[] {
  const tokens: Token[] = []
  const s = new Scanner(sql)
  for (;;) {
    s.skipBlank('--')
    const start = s.pos
    const c = s.peek()
    if (c === undefined) break
    const quote = QUOTES[c]
    if (quote !== undefined) {
      const value = s.quoted()
      if (value === null) throw s.recognitionError(start, sql.slice(start))
      tokens.push(s.token(quote, start, value))
    } else if (DIGIT.test(c) || (c === '.' && DIGIT.test(s.peek(1) ?? ''))) {
      tokens.push(number(s, start))
    } else if (WORD.test(c)) {
      s.skipWhile(WORD)
      const text = sql.slice(start, s.pos)
      const upper = text.toUpperCase()
      tokens.push(KEYWORDS.has(upper) ? s.token('keyword', start, upper) : s.token('identifier', start, text))
    } else if (c === '?') {
      s.pos++
      tokens.push(s.token('param', start, '?'))
    } else {
      tokens.push(s.token('operator', start, s.operator(OPERATORS)))
    }
  }
  tokens.push(s.token('eof', sql.length, '<EOF>', '<EOF>'))
  return tokens
}

/** INTEGER_VALUE, DECIMAL_VALUE (`1.`, `.5`, `1.5e3`) or DIGIT_IDENTIFIER (`1a`). */
function number(s: Scanner, start: number): Token {
  s.skipWhile(DIGIT)
  let decimal = false
  if (s.peek() === '.' && !WORD.test(s.peek(1) ?? '')) {
    decimal = true
    s.pos++
  } else if (s.peek() === '.' && DIGIT.test(s.peek(1) ?? '')) {
    decimal = true
    s.pos++
    s.skipWhile(DIGIT)
  }
  if (/[eE]/.test(s.peek() ?? '') && /[-+0-9]/.test(s.peek(1) ?? '')) {
    decimal = true
    s.pos += 2
    s.skipWhile(DIGIT)
  }
  if (!decimal && WORD.test(s.peek() ?? '')) {
    s.skipWhile(WORD)
    return s.token('digitIdentifier', start, s.text.slice(start, s.pos))
  }
  return s.token(decimal ? 'decimal' : 'integer', start, s.text.slice(start, s.pos))
}
