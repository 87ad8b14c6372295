/**
 * The SQL lexer (SqlBase.g4's lexer rules, case-insensitive as CaseInsensitiveStream makes them): keywords,
 * identifiers (letters, digits, `_`, `@`; a digit-first one is DIGIT_IDENTIFIER), "double quoted" identifiers
 * (`""` escapes a quote; `backquoted` ones are tokens the parser refuses), 'strings' (`''` escapes a quote),
 * integer and decimal numbers, `?` parameters and the operators. `--` comments run to the end of the line and
 * `/* *\/` comments nest nowhere; both, like whitespace, are skipped. Every token keeps its text as typed and
 * its 1-based line and column; the token list always ends with EOF. A character no rule takes fails as ANTLR's
 * lexer does: `token recognition error at: 'c'`.
 */
import { sqlParsingException, type SourcePosition } from './sql-exceptions.ts'

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
  'CAST',
  'COLUMNS',
  'DESC',
  'DESCRIBE',
  'DISTINCT',
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
  'TOP',
  'TRUE',
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

export function tokenize(sql: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  let line = 1
  let lineStart = 0
  const position = (at: number): SourcePosition => ({ line, column: at - lineStart + 1 })
  const push = (kind: TokenKind, start: number, end: number, value: string): void => {
    tokens.push({ kind, text: sql.slice(start, end), value, start, end, ...position(start) })
  }
  while (i < sql.length) {
    const c = sql[i]!
    if (c === '\n') {
      i++
      line++
      lineStart = i
      continue
    }
    if (/\s/.test(c)) {
      i++
      continue
    }
    if (sql.startsWith('--', i)) {
      while (i < sql.length && sql[i] !== '\n') i++
      continue
    }
    if (sql.startsWith('/*', i)) {
      const close = sql.indexOf('*/', i + 2)
      const end = close < 0 ? sql.length : close + 2
      for (let j = i; j < end; j++) {
        if (sql[j] === '\n') {
          line++
          lineStart = j + 1
        }
      }
      i = end
      continue
    }
    const start = i
    if (c === "'" || c === '"' || c === '`') {
      let value = ''
      i++
      for (;;) {
        if (i >= sql.length)
          throw sqlParsingException(position(start), `token recognition error at: '${sql.slice(start)}'`)
        if (sql[i] === c) {
          if (sql[i + 1] === c) {
            value += c
            i += 2
            continue
          }
          i++
          break
        }
        value += sql[i]
        i++
      }
      push(c === "'" ? 'string' : c === '"' ? 'quoted' : 'backquoted', start, i, value)
      continue
    }
    if (DIGIT.test(c) || (c === '.' && DIGIT.test(sql[i + 1] ?? ''))) {
      while (DIGIT.test(sql[i] ?? '')) i++
      let decimal = false
      if (sql[i] === '.' && !WORD.test(sql[i + 1] ?? '')) {
        decimal = true
        i++
      } else if (sql[i] === '.' && DIGIT.test(sql[i + 1] ?? '')) {
        decimal = true
        i++
        while (DIGIT.test(sql[i] ?? '')) i++
      }
      if (/[eE]/.test(sql[i] ?? '') && /[-+0-9]/.test(sql[i + 1] ?? '')) {
        decimal = true
        i += 2
        while (DIGIT.test(sql[i] ?? '')) i++
      }
      if (!decimal && WORD.test(sql[i] ?? '')) {
        while (WORD.test(sql[i] ?? '')) i++
        push('digitIdentifier', start, i, sql.slice(start, i))
        continue
      }
      push(decimal ? 'decimal' : 'integer', start, i, sql.slice(start, i))
      continue
    }
    if (WORD.test(c)) {
      while (WORD.test(sql[i] ?? '')) i++
      const text = sql.slice(start, i)
      const upper = text.toUpperCase()
      push(KEYWORDS.has(upper) ? 'keyword' : 'identifier', start, i, KEYWORDS.has(upper) ? upper : text)
      continue
    }
    if (c === '?') {
      i++
      push('param', start, i, '?')
      continue
    }
    const operator = OPERATORS.find((op) => sql.startsWith(op, i))
    if (operator === undefined)
      throw sqlParsingException(position(start), `token recognition error at: '${c}'`)
    i += operator.length
    push('operator', start, i, operator)
  }
  tokens.push({
    kind: 'eof',
    text: '<EOF>',
    value: '<EOF>',
    start: sql.length,
    end: sql.length,
    ...position(i),
  })
  return tokens
}
