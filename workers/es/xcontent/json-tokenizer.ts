/**
 * A JSON pull parser with the grammar, feature set and error messages of the Jackson 2.17 parser that
 * Elasticsearch 8.17 configures for request bodies (JsonXContentImpl): RFC 8259 JSON plus `/* *\/` and `//`
 * comments (ALLOW_COMMENTS), nothing else (no single quotes, unquoted names, NaN, leading `+`, trailing commas,
 * `#` comments). Several root values may follow each other, as in Jackson.
 *
 * `next()` returns one token at a time and never recurses: nesting lives in three parallel arrays, so a body
 * nested 100,000 deep costs memory, not JS stack. Strings are decoded eagerly; numbers keep their lexeme.
 *
 * Error locations follow UTF8StreamJsonParser (see JsonParseError): errors raised by `_reportUnexpectedChar` and
 * friends point at the offending character (jackson-core 2.17 `_currentLocationMinusOne`), the others
 * (unrecognized token, leading zeroes, duplicate field, end-of-input) at the parser's current position.
 * Limits are StreamReadConstraints' defaults as Elasticsearch leaves them: nesting depth 1000, number length
 * 1000; the string length limit is lifted (XContentImplUtils sets it to Integer.MAX_VALUE).
 */

import { describeChar, firstUtf8Byte, isJavaIdentifierPart, isJavaIdentifierStart } from './jackson-chars.ts'
import {
  JsonParseError,
  STREAM_SOURCE,
  formatLocation,
  locate,
  type JacksonException,
} from './json-parse-error.ts'
import { Token, jacksonTokenName, type TokenKind } from './json-token.ts'
import { FieldNameCache } from './field-name-cache.ts'

export interface TokenizerOptions {
  /** Jackson's source description in locations; defaults to the stream Elasticsearch reads REST bodies from. */
  source?: string
  /** StreamReadConstraints.maxNestingDepth; Infinity to disable (the pretty printers do). */
  maxDepth?: number
}

const ROOT = 0
const OBJECT = 1
const ARRAY = 2
const TYPE_DESC = ['root', 'Object', 'Array']
const MAX_NUMBER_LENGTH = 1000
const MAX_ERROR_TOKEN_LENGTH = 256
const VALID_VALUES = "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')"
const NON_NUMERIC = '`JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS`'
/**
 * Any code unit below U+0020 (global: searched from a lastIndex). Written as the range it is, not as the complement
 * of \x20-\uffff: V8 scans for a small range about twice as fast (the same 32 code units; helper H2, session 23).
 */
const CONTROL_CHAR = /[\x00-\x1f]/g
/** The field names read lately, shared by every tokenizer: a name read again is the same string. */
const FIELD_NAMES = new FieldNameCache()

export class JsonTokenizer {
  /** Decoded text of the last FIELD_NAME or VALUE_STRING, or the lexeme of the last number. */
  value = ''
  /** Where the last token starts in the text (a UTF-16 offset), as Jackson's getTokenLocation reports it. */
  tokenStart = 0
  private pos = 0
  private readonly source: string
  private readonly maxDepth: number
  private afterName = false
  private last: TokenKind | null = null
  private depth = 0
  // Per nesting level (0: the root), with room for a few levels from the start: a body nests a few deep, and an
  // array written one past its end is regrown (garbage on every request body and every document).
  private readonly types: number[] = [ROOT, ROOT, ROOT, ROOT, ROOT, ROOT, ROOT, ROOT]
  private readonly counts: number[] = [0, 0, 0, 0, 0, 0, 0, 0]
  private readonly starts: number[] = [-1, -1, -1, -1, -1, -1, -1, -1]
  /**
   * The first backslash and the first control character found by the last search for each, from a position
   * at or before `pos` (readString's starts only move forward); -1 before the first search.
   */
  private backslashAt = -1
  private controlAt = -1

  constructor(
    readonly text: string,
    options: TokenizerOptions = {},
  ) {
    this.source = options.source ?? STREAM_SOURCE
    this.maxDepth = options.maxDepth ?? 1000
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1
  }

  next(): TokenKind {
    this.last = this.advance()
    return this.last
  }

  /** Throws a JsonParseException at the current position (the duplicate-field check uses it). */
  fail(reason: string): never {
    return this.failAt(this.pos, reason, 'JsonParseException')
  }

  private advance(): TokenKind {
    if (this.afterName) {
      this.afterName = false
      return this.valueAfterName()
    }
    let c = this.skipWhitespace()
    const type = this.types[this.depth] ?? ROOT
    if (c < 0) {
      if (type !== ROOT) this.eofInContainer(type)
      return Token.EOF
    }
    this.tokenStart = this.pos - 1
    if (c === 0x5d || c === 0x7d) return this.closeScope(c, type)
    const count = this.counts[this.depth] ?? 0
    if (type !== ROOT && count > 0) {
      if (c !== 0x2c) this.unexpectedChar(c, `was expecting comma to separate ${TYPE_DESC[type]} entries`)
      c = this.skipWhitespace()
      if (c < 0) this.failAt(this.pos, `Unexpected end-of-input within/between ${TYPE_DESC[type]} entries`)
      this.tokenStart = this.pos - 1
    }
    this.counts[this.depth] = count + 1
    if (type === OBJECT) {
      if (c !== 0x22) this.unexpectedChar(c, 'was expecting double-quote to start field name')
      this.value = this.readString(true)
      this.afterName = true
      return Token.FIELD_NAME
    }
    return this.readValue(c)
  }

  private valueAfterName(): TokenKind {
    let c = this.skipWhitespace()
    if (c < 0) this.eofBetweenEntries()
    if (c !== 0x3a) this.unexpectedChar(c, 'was expecting a colon to separate field name and value')
    c = this.skipWhitespace()
    if (c < 0) this.eofBetweenEntries()
    this.tokenStart = this.pos - 1
    return this.readValue(c)
  }

  private closeScope(c: number, type: number): TokenKind {
    const isArray = c === 0x5d
    if (type !== (isArray ? ARRAY : OBJECT)) {
      const start = this.startLocation(this.depth)
      const expected = isArray ? '}' : ']'
      this.failAt(
        this.pos - 1,
        `Unexpected close marker '${String.fromCharCode(c)}': expected '${expected}' (for ${TYPE_DESC[type]} starting at ${start})`,
      )
    }
    this.depth--
    return isArray ? Token.END_ARRAY : Token.END_OBJECT
  }

  private readValue(c: number): TokenKind {
    const start = this.pos - 1
    switch (c) {
      case 0x22:
        this.value = this.readString(false)
        return Token.VALUE_STRING
      case 0x7b:
        this.push(OBJECT, start)
        return Token.START_OBJECT
      case 0x5b:
        this.push(ARRAY, start)
        return Token.START_ARRAY
      case 0x74:
        this.matchToken('true', 1)
        return Token.VALUE_TRUE
      case 0x66:
        this.matchToken('false', 1)
        return Token.VALUE_FALSE
      case 0x6e:
        this.matchToken('null', 1)
        return Token.VALUE_NULL
    }
    if (c === 0x2d || isDigit(c)) return this.readNumber(c, start)
    return this.unexpectedValue(c)
  }

  private push(type: number, start: number): void {
    const depth = this.depth + 1
    if (depth > this.maxDepth) {
      this.failAt(
        start,
        `Document nesting depth (${depth}) exceeds the maximum allowed (${this.maxDepth}, from \`StreamReadConstraints.getMaxNestingDepth()\`)`,
        'StreamConstraintsException',
      )
    }
    this.depth = depth
    this.types[depth] = type
    this.counts[depth] = 0
    this.starts[depth] = start
  }

  /** ReaderBasedJsonParser/UTF8StreamJsonParser `_skipWS`: returns the next significant char, consumed, or -1. */
  private skipWhitespace(): number {
    const text = this.text
    const len = text.length
    while (this.pos < len) {
      const c = text.charCodeAt(this.pos++)
      if (c > 0x20) {
        if (c !== 0x2f) return c
        this.skipComment()
      } else if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) {
        this.failAt(
          this.pos - 1,
          `Illegal character (${describeChar(c)}): only regular white space (\\r, \\n, \\t) is allowed between tokens`,
        )
      }
    }
    return -1
  }

  private skipComment(): void {
    const text = this.text
    if (this.pos >= text.length) this.eof(' in a comment')
    const c = text.charCodeAt(this.pos++)
    if (c === 0x2f) {
      while (this.pos < text.length) {
        const d = text.charCodeAt(this.pos)
        if (d === 0x0a || d === 0x0d) return
        this.pos++
      }
    } else if (c === 0x2a) {
      const end = text.indexOf('*/', this.pos)
      if (end < 0) {
        this.pos = text.length
        this.eof(' in a comment')
      }
      this.pos = end + 2
    } else {
      this.unexpectedChar(c, "was expecting either '*' or '/' for a comment")
    }
  }

  /**
   * Reads a string whose opening quote was consumed; leaves `pos` after the closing quote. A string with no
   * backslash or control character before its closing quote (nearly every one) is found by the engine's own
   * searches, not char by char.
   */
  private readString(isName: boolean): string {
    const text = this.text
    const start = this.pos
    const quote = text.indexOf('"', start)
    if (quote >= 0 && quote < this.nextBackslash(start) && quote < this.nextControl(start)) {
      this.pos = quote + 1
      return isName ? FIELD_NAMES.slice(text, start, quote) : text.slice(start, quote)
    }
    return this.readEscapedString(isName)
  }

  /** Where the first backslash at or after `from` is (text.length: none); `from` never goes back. */
  private nextBackslash(from: number): number {
    if (this.backslashAt < from) {
      const at = this.text.indexOf('\\', from)
      this.backslashAt = at < 0 ? this.text.length : at
    }
    return this.backslashAt
  }

  /** Where the first control character (below U+0020) at or after `from` is (text.length: none); `from` never goes back. */
  private nextControl(from: number): number {
    if (this.controlAt < from) {
      CONTROL_CHAR.lastIndex = from
      this.controlAt = CONTROL_CHAR.test(this.text) ? CONTROL_CHAR.lastIndex - 1 : this.text.length
    }
    return this.controlAt
  }

  private readEscapedString(isName: boolean): string {
    const text = this.text
    const len = text.length
    let out = ''
    for (;;) {
      let i = this.pos
      while (i < len) {
        const c = text.charCodeAt(i)
        if (c === 0x22 || c === 0x5c || c < 0x20) break
        i++
      }
      out += text.slice(this.pos, i)
      this.pos = i
      if (i >= len) this.eof(isName ? ' in field name' : ' in VALUE_STRING')
      const c = text.charCodeAt(this.pos++)
      if (c === 0x22) return out
      if (c === 0x5c) {
        out += this.readEscape()
      } else {
        const where = isName ? 'name' : 'string value'
        this.failAt(
          this.pos - 1,
          `Illegal unquoted character (${describeChar(c)}): has to be escaped using backslash to be included in ${where}`,
        )
      }
    }
  }

  private readEscape(): string {
    const text = this.text
    if (this.pos >= text.length) this.eof(' in character escape sequence')
    const c = text.charCodeAt(this.pos++)
    switch (c) {
      case 0x22:
      case 0x5c:
      case 0x2f:
        return String.fromCharCode(c)
      case 0x62:
        return '\b'
      case 0x66:
        return '\f'
      case 0x6e:
        return '\n'
      case 0x72:
        return '\r'
      case 0x74:
        return '\t'
      case 0x75:
        return String.fromCharCode(this.readHex4())
      default:
        return this.failAt(this.pos - 1, `Unrecognized character escape ${describeChar(c)}`)
    }
  }

  private readHex4(): number {
    let value = 0
    for (let k = 0; k < 4; k++) {
      if (this.pos >= this.text.length) this.eof(' in character escape sequence')
      const c = this.text.charCodeAt(this.pos++)
      const digit = hexValue(c)
      if (digit < 0) this.unexpectedChar(c, 'expected a hex-digit for character escape sequence')
      value = (value << 4) | digit
    }
    return value
  }

  /** `_matchToken`: the first `matched` chars of `word` are consumed already. */
  private matchToken(word: string, matched: number): void {
    const text = this.text
    for (let i = matched; i < word.length; i++) {
      if (this.pos >= text.length || text.charCodeAt(this.pos) !== word.charCodeAt(i)) {
        this.invalidToken(word.slice(0, i))
      }
      this.pos++
    }
    if (this.pos < text.length) {
      const c = text.charCodeAt(this.pos)
      if (c >= 0x30 && c !== 0x5d && c !== 0x7d && isJavaIdentifierPart(c)) this.invalidToken(word)
    }
  }

  /** `_reportInvalidToken`: extends the token while identifier chars follow, consuming the char that ends it. */
  private invalidToken(matched: string): never {
    const text = this.text
    let token = matched
    while (this.pos < text.length) {
      const c = text.codePointAt(this.pos) ?? 0
      this.pos += c > 0xffff ? 2 : 1
      if (!isJavaIdentifierPart(c)) break
      token += String.fromCodePoint(c)
      if (token.length >= MAX_ERROR_TOKEN_LENGTH) {
        token += '...'
        break
      }
    }
    return this.failAt(this.pos, `Unrecognized token '${token}': was expecting ${VALID_VALUES}`)
  }

  /** `_handleUnexpectedValue`: a char that cannot start a value. */
  private unexpectedValue(c: number): never {
    const type = this.types[this.depth]
    if (c === 0x5d && type !== ARRAY) {
      return this.unexpectedChar(c, `expected a valid value ${VALID_VALUES}`)
    }
    if (c === 0x5d || c === 0x2c || c === 0x7d) return this.unexpectedChar(c, 'expected a value')
    if (c === 0x4e) this.nonStandardToken('NaN', 1)
    if (c === 0x49) this.nonStandardToken('Infinity', 1)
    if (c === 0x2b) {
      if (this.pos >= this.text.length) this.eof(' in a Number value')
      return this.invalidNumberStart(this.text.charCodeAt(this.pos++), false)
    }
    const codePoint = this.text.codePointAt(this.pos - 1) ?? c
    if (isJavaIdentifierStart(codePoint < 0x80 ? codePoint : firstUtf8Byte(codePoint))) {
      if (codePoint > 0xffff) this.pos++
      this.invalidToken(String.fromCodePoint(codePoint))
    }
    return this.unexpectedChar(c, `expected a valid value ${VALID_VALUES}`)
  }

  private nonStandardToken(word: string, matched: number): never {
    this.matchToken(word, matched)
    return this.failAt(this.pos, `Non-standard token '${word}': enable ${NON_NUMERIC} to allow`)
  }

  /** `_handleInvalidNumberStart`: what follows a sign is not a digit. */
  private invalidNumberStart(c: number, negative: boolean): never {
    if (c === 0x49) {
      if (this.pos >= this.text.length) this.eof(' in a Number value')
      const d = this.text.charCodeAt(this.pos++)
      const sign = negative ? '-' : '+'
      if (d === 0x4e) this.nonStandardToken(sign + 'INF', 3)
      if (d === 0x6e) this.nonStandardToken(sign + 'Infinity', 3)
      c = d
    }
    if (!negative) {
      const hint = 'enable `JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS` to allow'
      this.unexpectedNumberChar(0x2b, `JSON spec does not allow numbers to have plus signs: ${hint}`)
    }
    return this.unexpectedNumberChar(c, 'expected digit (0-9) to follow minus sign, for valid numeric value')
  }

  private readNumber(first: number, start: number): TokenKind {
    const text = this.text
    const len = text.length
    let c = first
    if (c === 0x2d) {
      if (this.pos >= len) this.eof(' in ' + jacksonTokenName(this.last))
      c = text.charCodeAt(this.pos++)
      if (c < 0x30 || c > 0x39) this.invalidNumberStart(c, true)
    }
    if (c === 0x30 && this.pos < len && isDigit(text.charCodeAt(this.pos))) {
      this.failAt(this.pos, 'Invalid numeric value: Leading zeroes not allowed')
    }
    while (this.pos < len && isDigit(text.charCodeAt(this.pos))) this.pos++
    const intEnd = this.pos
    let isFloat = false
    if (this.pos < len && text.charCodeAt(this.pos) === 0x2e) {
      isFloat = true
      this.pos++
      this.requireDigits(0x2e, 'Decimal point not followed by a digit')
    }
    if (this.pos < len && (text.charCodeAt(this.pos) | 0x20) === 0x65) {
      isFloat = true
      const marker = text.charCodeAt(this.pos++)
      if (this.pos >= len) this.eof(' in ' + jacksonTokenName(this.last))
      const sign = text.charCodeAt(this.pos)
      if (sign === 0x2b || sign === 0x2d) {
        this.pos++
        if (this.pos >= len) this.eof(' in ' + jacksonTokenName(this.last))
      }
      this.requireDigits(marker, 'Exponent indicator not followed by a digit')
    }
    this.value = text.slice(start, this.pos)
    const digits = isFloat ? this.value.length : intEnd - start - (first === 0x2d ? 1 : 0)
    if (digits > MAX_NUMBER_LENGTH) {
      this.failAt(
        this.pos,
        `Number value length (${digits}) exceeds the maximum allowed (${MAX_NUMBER_LENGTH}, from \`StreamReadConstraints.getMaxNumberLength()\`)`,
        'StreamConstraintsException',
      )
    }
    if (this.depth === 0 && this.pos < len) this.verifyRootSpace(text.charCodeAt(this.pos))
    return isFloat ? Token.VALUE_NUMBER_FLOAT : Token.VALUE_NUMBER_INT
  }

  /** Digits must follow `.` or the exponent; the char that is not one is consumed before the error. */
  private requireDigits(previous: number, comment: string): void {
    const text = this.text
    const from = this.pos
    while (this.pos < text.length && isDigit(text.charCodeAt(this.pos))) this.pos++
    if (this.pos > from) return
    if (this.pos >= text.length) return this.unexpectedNumberChar(previous, comment, this.pos - 1)
    this.pos++
    this.unexpectedNumberChar(text.charCodeAt(this.pos - 1), comment)
  }

  private verifyRootSpace(c: number): void {
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) return
    this.pos++
    this.unexpectedChar(c, 'Expected space separating root-level values')
  }

  private startLocation(depth: number): string {
    const start = this.starts[depth] ?? -1
    if (start < 0) return formatLocation(this.source, 1, 0)
    const { line, column } = locate(this.text, start)
    return formatLocation(this.source, line, column)
  }

  private eofInContainer(type: number): never {
    const start = this.startLocation(this.depth)
    return this.eof(`: expected close marker for ${TYPE_DESC[type]} (start marker at ${start})`)
  }

  private eofBetweenEntries(): never {
    return this.eof(` within/between ${TYPE_DESC[this.types[this.depth] ?? ROOT]} entries`)
  }

  private eof(detail: string): never {
    return this.failAt(this.text.length, 'Unexpected end-of-input' + detail, 'JsonEOFException')
  }

  /** `_reportUnexpectedChar`: the char was consumed; the location is the char itself. */
  private unexpectedChar(c: number, comment: string): never {
    const offset = this.pos - 1
    const code = c < 0x80 ? c : firstUtf8Byte(this.text.codePointAt(offset) ?? c)
    return this.failAt(offset, `Unexpected character (${describeChar(code)}): ${comment}`)
  }

  private unexpectedNumberChar(c: number, comment: string, offset = this.pos - 1): never {
    const code = c < 0x80 ? c : firstUtf8Byte(this.text.codePointAt(offset) ?? c)
    return this.failAt(offset, `Unexpected character (${describeChar(code)}) in numeric value: ${comment}`)
  }

  private failAt(offset: number, reason: string, exception: JacksonException = 'JsonParseException'): never {
    const { line, column } = locate(this.text, offset)
    throw new JsonParseError(reason, line, column, exception, this.source)
  }
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30
  const lower = c | 0x20
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x57
  return -1
}
