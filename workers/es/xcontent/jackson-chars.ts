/**
 * Character helpers that reproduce how jackson-core 2.17 (UTF8StreamJsonParser, the parser Elasticsearch uses
 * for request bodies) describes characters in its error messages, and how it counts columns.
 *
 * - `describeChar` is ParserMinimalBase._getCharDesc: `'x' (code 120)`, `(CTRL-CHAR, code 10)`,
 *   `'€' (code 8364 / 0x20ac)`.
 * - The byte parser reads bytes, not characters, so an unexpected non-ASCII character is reported by its first
 *   UTF-8 byte read as a Latin-1 char (`'Ã' (code 195)` for `é`), and columns are counted in UTF-8 bytes.
 */

export function describeChar(code: number): string {
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return `(CTRL-CHAR, code ${code})`
  const c = String.fromCharCode(code)
  if (code > 255) return `'${c}' (code ${code} / 0x${code.toString(16)})`
  return `'${c}' (code ${code})`
}

/** The first UTF-8 byte of a code point: what the byte-oriented parser sees where it expected a token. */
export function firstUtf8Byte(codePoint: number): number {
  if (codePoint < 0x80) return codePoint
  if (codePoint < 0x800) return 0xc0 | (codePoint >> 6)
  if (codePoint < 0x10000) return 0xe0 | (codePoint >> 12)
  return 0xf0 | (codePoint >> 18)
}

/** Number of UTF-8 bytes of `text[from, to)`; a lone surrogate counts 3 bytes, as TextEncoder writes U+FFFD. */
export function utf8Length(text: string, from: number, to: number): number {
  let bytes = 0
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x80) bytes += 1
    else if (c < 0x800) bytes += 2
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < to && isLowSurrogate(text.charCodeAt(i + 1))) {
      bytes += 4
      i++
    } else bytes += 3
  }
  return bytes
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff
}

const IDENTIFIER_START = /^[\p{L}\p{Nl}\p{Sc}\p{Pc}]$/u
const IDENTIFIER_PART = /^[\p{L}\p{Nl}\p{Sc}\p{Pc}\p{Nd}\p{Mn}\p{Mc}\p{Cf}]$/u

/** Java's Character.isJavaIdentifierStart(int codePoint). */
export function isJavaIdentifierStart(codePoint: number): boolean {
  return IDENTIFIER_START.test(String.fromCodePoint(codePoint))
}

/** Java's Character.isJavaIdentifierPart(int codePoint): identifier starts, digits, marks, and the "ignorable" controls. */
export function isJavaIdentifierPart(codePoint: number): boolean {
  if (
    codePoint <= 0x08 ||
    (codePoint >= 0x0e && codePoint <= 0x1b) ||
    (codePoint >= 0x7f && codePoint <= 0x9f)
  ) {
    return true
  }
  return IDENTIFIER_PART.test(String.fromCodePoint(codePoint))
}
