// java.lang.Character as Lucene's CharTokenizer and LowerCaseFilter call it, at the JDK 23 Unicode level:
// isLetter(int), isWhitespace(int) and toLowerCase(int) (simple, context-free, one code point to one code
// point: 'İ' -> 'i', 'Σ' -> 'σ' even at a word end, unlike String.prototype.toLowerCase).
// Layout: BMP answers come from 64 Ki tables built once at load; supplementary ones from sorted ranges
// (letters) and a Map (lowercase). Tables are decoded from character-data.ts.
import { LETTER_RANGES, LOWERCASE_RUNS } from './character-data.ts'

const bmpLetter = new Uint8Array(0x10000)
const supplementaryLetterStarts: number[] = []
const supplementaryLetterEnds: number[] = []
for (const range of LETTER_RANGES.split(' ')) {
  const [start = 0, length = 0] = range.split(':').map((part) => parseInt(part, 36))
  const end = start + length
  if (start < 0x10000) bmpLetter.fill(1, start, Math.min(end, 0x10000))
  if (end > 0x10000) {
    supplementaryLetterStarts.push(Math.max(start, 0x10000))
    supplementaryLetterEnds.push(end)
  }
}

const bmpLower = new Uint16Array(0x10000)
for (let codeUnit = 0; codeUnit < 0x10000; codeUnit++) bmpLower[codeUnit] = codeUnit
const supplementaryLower = new Map<number, number>()
for (const run of LOWERCASE_RUNS.split(' ')) {
  const [startText = '', countText = '', stepText = '', deltaText = ''] = run.split(':')
  const start = parseInt(startText, 36)
  const count = parseInt(countText, 36)
  const step = Number(stepText)
  const delta = parseInt(deltaText, 36)
  for (let i = 0; i < count; i++) {
    const codePoint = start + i * step
    if (codePoint < 0x10000) bmpLower[codePoint] = codePoint + delta
    else supplementaryLower.set(codePoint, codePoint + delta)
  }
}

/** Character.isLetter(int): General_Category is Lu, Ll, Lt, Lm or Lo. */
export function isLetter(codePoint: number): boolean {
  if (codePoint < 0x10000) return bmpLetter[codePoint] === 1
  let low = 0
  let high = supplementaryLetterStarts.length - 1
  while (low <= high) {
    const middle = (low + high) >>> 1
    if (codePoint < (supplementaryLetterStarts[middle] ?? 0)) high = middle - 1
    else if (codePoint >= (supplementaryLetterEnds[middle] ?? 0)) low = middle + 1
    else return true
  }
  return false
}

/**
 * Character.isWhitespace(int): Zs, Zl, Zp except the no-break spaces U+00A0, U+2007, U+202F, plus
 * U+0009..U+000D and U+001C..U+001F. These sets are the same in every Unicode version since 6.3.
 */
export function isWhitespace(codePoint: number): boolean {
  if (codePoint <= 0x20)
    return codePoint === 0x20 || (codePoint >= 0x09 && codePoint <= 0x0d) || codePoint >= 0x1c
  if (codePoint < 0x1680) return false
  return (
    codePoint === 0x1680 ||
    (codePoint >= 0x2000 && codePoint <= 0x200a && codePoint !== 0x2007) ||
    codePoint === 0x2028 ||
    codePoint === 0x2029 ||
    codePoint === 0x205f ||
    codePoint === 0x3000
  )
}

/** Character.toLowerCase(int). */
export function toLowerCase(codePoint: number): number {
  if (codePoint < 0x10000) return bmpLower[codePoint] ?? codePoint
  return supplementaryLower.get(codePoint) ?? codePoint
}

/** Lucene's CharacterUtils.toLowerCase over a whole term: Character.toLowerCase per code point. */
export function lowerCaseTerm(term: string): string {
  let i = 0
  const length = term.length
  // Fast path: the common term has no upper-case ASCII and no non-ASCII character, so it is returned as is.
  for (; i < length; i++) {
    const codeUnit = term.charCodeAt(i)
    if (codeUnit >= 0x80 || (codeUnit >= 0x41 && codeUnit <= 0x5a)) break
  }
  if (i === length) return term
  let lowered = term.slice(0, i)
  while (i < length) {
    const codePoint = term.codePointAt(i) ?? 0
    lowered += String.fromCodePoint(toLowerCase(codePoint))
    i += codePoint > 0xffff ? 2 : 1
  }
  return lowered
}

/**
 * lowerCaseTerm of `text[start, end)` written as UTF-16 code units into `out` (at least end - start long: no code
 * point lowers to a longer one); answers how many were written.
 */
export function lowerCaseInto(text: string, start: number, end: number, out: Uint16Array): number {
  let n = 0
  for (let i = start; i < end; i++) {
    const codeUnit = text.charCodeAt(i)
    if (codeUnit < 0xd800 || codeUnit > 0xdbff || i + 1 === end) {
      out[n++] = bmpLower[codeUnit]!
      continue
    }
    const codePoint = text.codePointAt(i)!
    if (codePoint <= 0xffff) {
      out[n++] = codeUnit
      continue
    }
    const lowered = toLowerCase(codePoint)
    i++
    if (lowered <= 0xffff) out[n++] = lowered
    else {
      out[n++] = 0xd800 + ((lowered - 0x10000) >> 10)
      out[n++] = 0xdc00 + ((lowered - 0x10000) & 0x3ff)
    }
  }
  return n
}
