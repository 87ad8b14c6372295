/**
 * A cursor over the lexer's tokens for the recursive-descent parser, with ANTLR's error texts: a token that
 * is not the one the grammar needs is `mismatched input 'X' expecting Y` (Y a token, or `{A, B}` for several),
 * a token that starts nothing valid is `no viable alternative at input 'X'`; `<EOF>` names the end. The
 * position is the offending token's.
 */
import type { EsException } from '../errors/index.ts'
import { sqlParsingException } from './sql-exceptions.ts'
import type { Token } from './sql-lexer.ts'

export class TokenStream {
  private index = 0

  constructor(
    private readonly tokens: readonly Token[],
    readonly sql: string,
  ) {}

  peek(ahead = 0): Token {
    return this.tokens[Math.min(this.index + ahead, this.tokens.length - 1)]!
  }

  next(): Token {
    const token = this.peek()
    if (this.index < this.tokens.length - 1) this.index++
    return token
  }

  /** The last token taken. */
  previous(): Token {
    return this.tokens[Math.max(0, this.index - 1)]!
  }

  /** Whether the next token is the keyword `word` (upper case). */
  isKeyword(word: string, ahead = 0): boolean {
    const token = this.peek(ahead)
    return token.kind === 'keyword' && token.value === word
  }

  isOperator(op: string, ahead = 0): boolean {
    const token = this.peek(ahead)
    return token.kind === 'operator' && token.value === op
  }

  acceptKeyword(word: string): boolean {
    if (!this.isKeyword(word)) return false
    this.next()
    return true
  }

  acceptOperator(op: string): boolean {
    if (!this.isOperator(op)) return false
    this.next()
    return true
  }

  expectKeyword(word: string): Token {
    if (!this.isKeyword(word)) throw this.mismatched([`'${word}'`])
    return this.next()
  }

  expectOperator(op: string): Token {
    if (!this.isOperator(op)) throw this.mismatched([`'${op}'`])
    return this.next()
  }

  mismatched(expected: readonly string[]): EsException {
    const token = this.peek()
    const what = expected.length === 1 ? expected[0]! : `{${expected.join(', ')}}`
    return sqlParsingException(token, `mismatched input '${token.text}' expecting ${what}`)
  }

  noViableAlternative(): EsException {
    const token = this.peek()
    return sqlParsingException(token, `no viable alternative at input '${token.text}'`)
  }

  /** The statement text from `start` to the end of the last token taken. */
  textFrom(start: Token): string {
    return this.sql.slice(start.start, this.previous().end)
  }
}
