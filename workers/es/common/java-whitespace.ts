/**
 * Java's String.isBlank: empty, or only code points Character.isWhitespace accepts (the Unicode space, line and
 * paragraph separators except the no-break spaces U+00A0, U+2007 and U+202F, plus U+0009-U+000D and U+001C-U+001F).
 * JavaScript's `\s` differs: it takes the no-break spaces and U+FEFF, and leaves out U+001C-U+001F.
 */
export function isJavaBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isJavaWhitespace(text.charCodeAt(i))) return false
  return true
}

function isJavaWhitespace(c: number): boolean {
  return (
    (c >= 0x09 && c <= 0x0d) ||
    (c >= 0x1c && c <= 0x20) ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a && c !== 0x2007) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x205f ||
    c === 0x3000
  )
}
