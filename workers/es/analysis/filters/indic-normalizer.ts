// Lucene's IndicNormalizer, Elasticsearch's `indic_normalization` token filter and a step of the hindi and
// bengali analyzers: in the nine Indic blocks (Devanagari U+0900, Bengali U+0980, Gurmukhi U+0A00,
// Gujarati U+0A80, Oriya U+0B00, Tamil U+0B80, Telugu U+0C00, Kannada U+0C80, Malayalam U+0D00, each 0x80
// units), a sequence of two or three units of one block that Unicode 5.2 (chapter 6) writes as one
// letter is composed into it. Each rule is [first, second, third or -1, composed, scripts], offsets from
// the block's base; a third of 0xFF means ZWJ (U+200D). At each unit the first rule in table order that
// matches (same block for the first two units; the third counts only when it is ZWJ or of that block) is
// applied, and the scan goes on after the composed unit.
import { deleteAt, toUnits } from '../stemmers/stem-buffer.ts'

const DEVANAGARI = 1
const BENGALI = 2
const GURMUKHI = 4
const GUJARATI = 8
const ORIYA = 16
const TAMIL = 32
const TELUGU = 64
const KANNADA = 128
const MALAYALAM = 256

/** The block's flag by (code unit - 0x0900) >> 7, in block order. */
const BLOCK_FLAGS = [DEVANAGARI, BENGALI, GURMUKHI, GUJARATI, ORIYA, TAMIL, TELUGU, KANNADA, MALAYALAM]
const ZWJ = 0xff

type Rule = readonly [number, number, number, number, number]

const RULES: readonly Rule[] = [
  [0x05, 0x3e, 0x45, 0x11, DEVANAGARI | GUJARATI],
  [0x05, 0x3e, 0x46, 0x12, DEVANAGARI],
  [0x05, 0x3e, 0x47, 0x13, DEVANAGARI | GUJARATI],
  [0x05, 0x3e, 0x48, 0x14, DEVANAGARI | GUJARATI],
  [0x05, 0x3e, -1, 0x06, DEVANAGARI | BENGALI | GURMUKHI | GUJARATI | ORIYA],
  [0x05, 0x45, -1, 0x72, DEVANAGARI],
  [0x05, 0x45, -1, 0x0d, GUJARATI],
  [0x05, 0x46, -1, 0x04, DEVANAGARI],
  [0x05, 0x47, -1, 0x0f, GUJARATI],
  [0x05, 0x48, -1, 0x10, GURMUKHI | GUJARATI],
  [0x05, 0x49, -1, 0x11, DEVANAGARI | GUJARATI],
  [0x05, 0x4a, -1, 0x12, DEVANAGARI],
  [0x05, 0x4b, -1, 0x13, DEVANAGARI | GUJARATI],
  [0x05, 0x4c, -1, 0x14, DEVANAGARI | GURMUKHI | GUJARATI],
  [0x06, 0x45, -1, 0x11, DEVANAGARI | GUJARATI],
  [0x06, 0x46, -1, 0x12, DEVANAGARI],
  [0x06, 0x47, -1, 0x13, DEVANAGARI | GUJARATI],
  [0x06, 0x48, -1, 0x14, DEVANAGARI | GUJARATI],
  [0x07, 0x57, -1, 0x08, MALAYALAM],
  [0x09, 0x41, -1, 0x0a, DEVANAGARI],
  [0x09, 0x57, -1, 0x0a, TAMIL | MALAYALAM],
  [0x0e, 0x46, -1, 0x10, MALAYALAM],
  [0x0f, 0x45, -1, 0x0d, DEVANAGARI],
  [0x0f, 0x46, -1, 0x0e, DEVANAGARI],
  [0x0f, 0x47, -1, 0x10, DEVANAGARI],
  [0x0f, 0x57, -1, 0x10, ORIYA],
  [0x12, 0x3e, -1, 0x13, MALAYALAM],
  [0x12, 0x4c, -1, 0x14, TELUGU | KANNADA],
  [0x12, 0x55, -1, 0x13, TELUGU],
  [0x12, 0x57, -1, 0x14, TAMIL | MALAYALAM],
  [0x13, 0x57, -1, 0x14, ORIYA],
  [0x15, 0x3c, -1, 0x58, DEVANAGARI],
  [0x16, 0x3c, -1, 0x59, DEVANAGARI | GURMUKHI],
  [0x17, 0x3c, -1, 0x5a, DEVANAGARI | GURMUKHI],
  [0x1c, 0x3c, -1, 0x5b, DEVANAGARI | GURMUKHI],
  [0x21, 0x3c, -1, 0x5c, DEVANAGARI | BENGALI | ORIYA],
  [0x22, 0x3c, -1, 0x5d, DEVANAGARI | BENGALI | ORIYA],
  [0x23, 0x4d, ZWJ, 0x7a, MALAYALAM],
  [0x24, 0x4d, ZWJ, 0x4e, BENGALI],
  [0x28, 0x3c, -1, 0x29, DEVANAGARI],
  [0x28, 0x4d, ZWJ, 0x7b, MALAYALAM],
  [0x2b, 0x3c, -1, 0x5e, DEVANAGARI | GURMUKHI],
  [0x2f, 0x3c, -1, 0x5f, DEVANAGARI | BENGALI],
  [0x2c, 0x41, 0x41, 0x0b, TELUGU],
  [0x30, 0x3c, -1, 0x31, DEVANAGARI],
  [0x30, 0x4d, ZWJ, 0x7c, MALAYALAM],
  [0x32, 0x4d, ZWJ, 0x7d, MALAYALAM],
  [0x33, 0x3c, -1, 0x34, DEVANAGARI],
  [0x33, 0x4d, ZWJ, 0x7e, MALAYALAM],
  [0x35, 0x41, -1, 0x2e, TELUGU],
  [0x3e, 0x45, -1, 0x49, DEVANAGARI | GUJARATI],
  [0x3e, 0x46, -1, 0x4a, DEVANAGARI],
  [0x3e, 0x47, -1, 0x4b, DEVANAGARI | GUJARATI],
  [0x3e, 0x48, -1, 0x4c, DEVANAGARI | GUJARATI],
  [0x3f, 0x55, -1, 0x40, KANNADA],
  [0x41, 0x41, -1, 0x42, GURMUKHI],
  [0x46, 0x3e, -1, 0x4a, TAMIL | MALAYALAM],
  [0x46, 0x42, 0x55, 0x4b, KANNADA],
  [0x46, 0x42, -1, 0x4a, KANNADA],
  [0x46, 0x46, -1, 0x48, MALAYALAM],
  [0x46, 0x55, -1, 0x47, TELUGU | KANNADA],
  [0x46, 0x56, -1, 0x48, TELUGU | KANNADA],
  [0x46, 0x57, -1, 0x4c, TAMIL | MALAYALAM],
  [0x47, 0x3e, -1, 0x4b, BENGALI | ORIYA | TAMIL | MALAYALAM],
  [0x47, 0x57, -1, 0x4c, BENGALI | ORIYA],
  [0x4a, 0x55, -1, 0x4b, KANNADA],
  [0x72, 0x3f, -1, 0x07, GURMUKHI],
  [0x72, 0x40, -1, 0x08, GURMUKHI],
  [0x72, 0x47, -1, 0x0f, GURMUKHI],
  [0x73, 0x41, -1, 0x09, GURMUKHI],
  [0x73, 0x42, -1, 0x0a, GURMUKHI],
  [0x73, 0x4b, -1, 0x13, GURMUKHI],
]

/** The index of the unit's Indic block in BLOCK_FLAGS, or -1. */
function blockOf(unit: string | undefined): number {
  const code = unit === undefined ? -1 : unit.charCodeAt(0)
  return code >= 0x0900 && code < 0x0d80 ? (code - 0x0900) >> 7 : -1
}

export function indicNormalize(term: string): string {
  const s = toUnits(term)
  let len = s.length
  for (let pos = 0; pos < len; pos++) {
    const block = blockOf(s[pos])
    if (block < 0 || pos + 1 >= len || blockOf(s[pos + 1]) !== block) continue
    const base = 0x0900 + (block << 7)
    const flag = BLOCK_FLAGS[block] ?? 0
    const offset = (index: number): number => (s[index] ?? '').charCodeAt(0) - base
    const ch0 = offset(pos)
    const ch1 = offset(pos + 1)
    let ch2 = -1
    if (pos + 2 < len) {
      if (s[pos + 2] === '\u200d') ch2 = ZWJ
      else if (blockOf(s[pos + 2]) === block) ch2 = offset(pos + 2)
    }
    const rule = RULES.find(
      ([first, second, third, , scripts]) =>
        first === ch0 && (scripts & flag) !== 0 && second === ch1 && (third < 0 || third === ch2),
    )
    if (rule === undefined) continue
    s[pos] = String.fromCharCode(base + rule[3])
    len = deleteAt(s, pos + 1, len)
    if (rule[2] >= 0) len = deleteAt(s, pos + 1, len)
  }
  return s.slice(0, len).join('')
}
