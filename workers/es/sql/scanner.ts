/**
 * The character scanning the SQL and ES|QL lexers share (both are ANTLR lexers over one text): a cursor over the
 * text, 1-based line and column of an offset (a line starts after each `\n`), whitespace and comments skipped
 * (`/* *\/` blocks, which do not nest and may stay open to the end, and line comments from the lexer's own prefix
 * to the end of the line), runs of word characters, quoted text in which a doubled quote stands for one, the
 * longest operator of a list (listed longest first), and ANTLR's `token recognition error at: 'x'`. What differs
 * between the two languages (keywords, which quotes mean what, escapes, number forms) stays in their lexers.
 */
import type { EsException } from '../errors/index.ts'
import { sqlParsingException, type SourcePosition } from './sql-exceptions.ts'
import type { Token, TokenKind } from './sql-lexer.ts'

export class Scanner {
  /** The offset of the next character to read. */
  pos = 0
  /** The offset each line starts at, in order. */
  private readonly lineStarts: number[] = [0]

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') this.lineStarts.push(i + 1)
  }

  /** The character `ahead` places from the cursor, or undefined past the end. */
  peek(ahead = 0): string | undefined {
    return this.text[this.pos + ahead]
  }

  startsWith(prefix: string): boolean {
    return this.text.startsWith(prefix, this.pos)
  }

  /** The 1-based line and column of an offset. */
  position(offset: number): SourcePosition {
    let low = 0
    let high = this.lineStarts.length - 1
    while (low < high) {
      const middle = (low + high + 1) >> 1
      if (this.lineStarts[middle]! <= offset) low = middle
      else high = middle - 1
    }
    return { line: low + 1, column: offset - this.lineStarts[low]! + 1 }
  }

  /** A token from `start` to the cursor (its text as typed unless given). */
  token(kind: TokenKind, start: number, value: string, text?: string): Token {
    return {
      kind,
      value,
      text: text ?? this.text.slice(start, this.pos),
      start,
      end: this.pos,
      ...this.position(start),
    }
  }

  /** Skips whitespace, block comments and line comments starting with `lineComment`. */
  skipBlank(lineComment: string): void {
    const s = this.text
    for (;;) {
      while (this.pos < s.length && /\s/.test(s[this.pos]!)) this.pos++
      if (s.startsWith(lineComment, this.pos)) {
        while (this.pos < s.length && s[this.pos] !== '\n') this.pos++
      } else if (s.startsWith('/*', this.pos)) {
        const end = s.indexOf('*/', this.pos + 2)
        this.pos = end < 0 ? s.length : end + 2
      } else return
    }
  }

  /** Moves past the characters `pattern` (one character's class) takes; how many it took. */
  skipWhile(pattern: RegExp): number {
    const from = this.pos
    while (this.pos < this.text.length && pattern.test(this.text[this.pos]!)) this.pos++
    return this.pos - from
  }

  /**
   * The text between the quote at the cursor and its closing quote, a doubled quote read as one; the cursor ends
   * after the closing quote. Null, the cursor at the end, when the quote is never closed.
   */
  quoted(): string | null {
    const quote = this.text[this.pos]!
    let value = ''
    this.pos++
    for (;;) {
      const c = this.text[this.pos]
      if (c === undefined) return null
      this.pos++
      if (c === quote) {
        if (this.text[this.pos] !== quote) return value
        this.pos++
      }
      value += c
    }
  }

  /** The first of `operators` at the cursor, taken; else a token recognition error at its character. */
  operator(operators: readonly string[]): string {
    const found = operators.find((op) => this.text.startsWith(op, this.pos))
    if (found === undefined) throw this.recognitionError(this.pos, this.text[this.pos]!)
    this.pos += found.length
    return found
  }

  /** ANTLR's lexer error: `token recognition error at: 'text'`, at `offset`. */
  recognitionError(offset: number, text: string): EsException {
    return sqlParsingException(this.position(offset), `token recognition error at: '${text}'`)
  }
}
