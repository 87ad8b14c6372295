/**
 * The ES|QL lexer (EsqlBaseLexer.g4, keywords case-insensitive; command names and `METADATA` / `INFO` are
 * read from identifiers where the grammar expects them): identifiers (letters, digits, `_`, `@`,
 * not digit-first; a `.` between two of them is its own operator token), `backquoted` identifiers (`` `` ``
 * escapes a backquote), "strings" (`\t \n \r \" \\` escapes) and """triple-quoted""" ones (no escapes),
 * integer and decimal literals (`1.5`, `.5`, `1e3`), `?`, `?name` and `?1` parameters, the operators and `|`.
 * `//` and `/* *\/` comments and whitespace are skipped. A FROM's index patterns are read raw by
 * `sourceToken` (UNQUOTED_SOURCE: anything but whitespace, `,`, `|`, quotes and `=`). Tokens share SQL's Token
 * shape (1-based line and column, offsets), so the SQL TokenStream walks them; the list ends with EOF. A
 * character no rule takes fails as ANTLR's lexer does: `token recognition error at: 'c'`.
 */
import type { Token, TokenKind } from '../sql/sql-lexer.ts'
import { sqlParsingException } from '../sql/sql-exceptions.ts'

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

export class EsqlLexer {
  private pos = 0

  constructor(readonly text: string) {}

  /** The current position, to come back to with `reset`. */
  mark(): number {
    return this.pos
  }

  reset(offset: number): void {
    this.pos = offset
  }

  /** Takes a `,` when one is next. */
  acceptComma(): boolean {
    this.skipBlank()
    if (this.text[this.pos] !== ',') return false
    this.pos++
    return true
  }

  /** All tokens from the current position to the end (EOF included). */
  rest(): Token[] {
    const out: Token[] = []
    for (;;) {
      const token = this.next()
      out.push(token)
      if (token.kind === 'eof') return out
    }
  }

  /** A FROM's index pattern (UNQUOTED_SOURCE or a quoted string), or null when none starts here. */
  sourceToken(): Token | null {
    this.skipBlank()
    const start = this.pos
    if (this.text[start] === '"') return this.next()
    while (this.pos < this.text.length && !/[\s,|"'=]/.test(this.text[this.pos]!)) {
      if (this.text.startsWith('//', this.pos) || this.text.startsWith('/*', this.pos)) break
      this.pos++
    }
    if (this.pos === start) return null
    return this.token('identifier', start, this.text.slice(start, this.pos))
  }

  /** The next token. */
  next(): Token {
    this.skipBlank()
    const start = this.pos
    const s = this.text
    const c = s[start]
    if (c === undefined) return this.token('eof', start, '', '<EOF>')
    if (/[A-Za-z_@]/.test(c)) {
      while (this.pos < s.length && /[A-Za-z0-9_@]/.test(s[this.pos]!)) this.pos++
      const word = s.slice(start, this.pos)
      const upper = word.toUpperCase()
      return ESQL_KEYWORDS.has(upper)
        ? this.token('keyword', start, upper)
        : this.token('identifier', start, word)
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(s[start + 1] ?? ''))) return this.number(start)
    if (c === '`') return this.quoted(start)
    if (c === '"') return this.string(start)
    if (c === '?') {
      this.pos++
      while (this.pos < s.length && /[A-Za-z0-9_]/.test(s[this.pos]!)) this.pos++
      return this.token('param', start, s.slice(start + 1, this.pos))
    }
    const op = OPERATORS.find((o) => s.startsWith(o, start))
    if (op === undefined) {
      throw sqlParsingException(this.position(start), `token recognition error at: '${c}'`)
    }
    this.pos += op.length
    return this.token('operator', start, op)
  }

  private number(start: number): Token {
    const m = /^(\d*\.\d*(?:[eE][+-]?\d+)?|\d+[eE][+-]?\d+|\d+)/.exec(this.text.slice(start))!
    this.pos = start + m[0].length
    const kind: TokenKind = /[.eE]/.test(m[0]) ? 'decimal' : 'integer'
    return this.token(kind, start, m[0])
  }

  private quoted(start: number): Token {
    let value = ''
    this.pos = start + 1
    for (;;) {
      const c = this.text[this.pos]
      if (c === undefined) throw sqlParsingException(this.position(start), "token recognition error at: '`'")
      this.pos++
      if (c === '`') {
        if (this.text[this.pos] !== '`') break
        this.pos++
      }
      value += c
    }
    return this.token('backquoted', start, value)
  }

  private string(start: number): Token {
    const s = this.text
    if (s.startsWith('"""', start)) {
      const end = s.indexOf('"""', start + 3)
      if (end >= 0) {
        this.pos = end + 3
        return this.token('string', start, s.slice(start + 3, end))
      }
    }
    let value = ''
    this.pos = start + 1
    for (;;) {
      const c = s[this.pos]
      if (c === undefined || c === '\n' || c === '\r') {
        throw sqlParsingException(
          this.position(start),
          `token recognition error at: '${s.slice(start, this.pos)}'`,
        )
      }
      this.pos++
      if (c === '"') break
      if (c === '\\') {
        const escaped = ESCAPES[s[this.pos] ?? '']
        if (escaped === undefined) {
          throw sqlParsingException(
            this.position(start),
            `token recognition error at: '${s.slice(start, this.pos + 1)}'`,
          )
        }
        value += escaped
        this.pos++
      } else value += c
    }
    return this.token('string', start, value)
  }

  private skipBlank(): void {
    const s = this.text
    for (;;) {
      while (this.pos < s.length && /\s/.test(s[this.pos]!)) this.pos++
      if (s.startsWith('//', this.pos)) {
        while (this.pos < s.length && s[this.pos] !== '\n') this.pos++
      } else if (s.startsWith('/*', this.pos)) {
        const end = s.indexOf('*/', this.pos + 2)
        this.pos = end < 0 ? s.length : end + 2
      } else return
    }
  }

  position(offset: number): { line: number; column: number } {
    const before = this.text.slice(0, offset)
    const line = before.split('\n').length
    return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 }
  }

  private token(kind: TokenKind, start: number, value: string, text?: string): Token {
    return {
      kind,
      value,
      text: text ?? this.text.slice(start, this.pos),
      start,
      end: this.pos,
      ...this.position(start),
    }
  }
}
