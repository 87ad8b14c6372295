// The language normalizers of Lucene's hi and bn packages, pure functions of a term's UTF-16 code units
// (Lucene's char[] rewrites), for the `hindi_normalization` and `bengali_normalization` token filters and
// the hindi and bengali analyzers (both filters leave keyword-marked terms alone).
// HindiNormalizer (Pingali and Varma, with Larkey et al.'s additions): na + virama -> anusvara; candrabindu
// -> anusvara; the nukta removed and the nukta letters mapped to their bases; ZWJ, ZWNJ and virama removed;
// chandra and short vowels to their long forms' plain letters; long independent and dependent vowels to
// the short ones.
// BengaliNormalizer (UzZaman and Khan's Double Metaphone for Bangla): chandrabindu removed; dirgho i/u kar
// -> rossho; khio (ka + hasanta + ssa, read by Lucene as ka + hasanta + i kar) -> kha; nga -> anusvara;
// ja phala and ba phala folded; a visarga doubled into the next letter, or made ha (short terms) or removed
// at the end; sha and ssa -> sa; nna -> na; rra and rha -> ra; khanda ta -> ta. The index arithmetic is
// Lucene's, including its look-behinds.
import { deleteAt, toUnits } from '../stemmers/stem-buffer.ts'

const HINDI_MAP: ReadonlyMap<string, string> = new Map([
  ['\u0901', '\u0902'],
  ['\u0929', '\u0928'],
  ['\u0931', '\u0930'],
  ['\u0934', '\u0933'],
  ['\u0958', '\u0915'],
  ['\u0959', '\u0916'],
  ['\u095a', '\u0917'],
  ['\u095b', '\u091c'],
  ['\u095c', '\u0921'],
  ['\u095d', '\u0922'],
  ['\u095e', '\u092b'],
  ['\u095f', '\u092f'],
  ['\u0945', '\u0947'],
  ['\u0946', '\u0947'],
  ['\u0949', '\u094b'],
  ['\u094a', '\u094b'],
  ['\u090d', '\u090f'],
  ['\u090e', '\u090f'],
  ['\u0911', '\u0913'],
  ['\u0912', '\u0913'],
  ['\u0972', '\u0905'],
  ['\u0906', '\u0905'],
  ['\u0908', '\u0907'],
  ['\u090a', '\u0909'],
  ['\u0960', '\u090b'],
  ['\u0961', '\u090c'],
  ['\u0910', '\u090f'],
  ['\u0914', '\u0913'],
  ['\u0940', '\u093f'],
  ['\u0942', '\u0941'],
  ['\u0944', '\u0943'],
  ['\u0963', '\u0962'],
  ['\u0948', '\u0947'],
  ['\u094c', '\u094b'],
])
const HINDI_REMOVED = new Set(['\u093c', '\u200d', '\u200c', '\u094d'])
const VIRAMA = '\u094d'

export function hindiNormalize(term: string): string {
  const s = toUnits(term)
  let len = s.length
  for (let i = 0; i < len; i++) {
    const unit = s[i] ?? ''
    if (unit === '\u0928') {
      if (i + 1 < len && s[i + 1] === VIRAMA) {
        s[i] = '\u0902'
        len = deleteAt(s, i + 1, len)
      }
    } else if (HINDI_REMOVED.has(unit)) len = deleteAt(s, i--, len)
    else s[i] = HINDI_MAP.get(unit) ?? unit
  }
  return s.slice(0, len).join('')
}

const HASANTA = '\u09cd'

/** One step of BengaliNormalizer at index i; returns the new length and the index to continue after. */
function bengaliStep(s: string[], i: number, len: number): [number, number] {
  switch (s[i]) {
    case '\u0981':
      return [deleteAt(s, i, len), i - 1]
    case '\u09c0':
      s[i] = '\u09bf'
      break
    case '\u09c2':
      s[i] = '\u09c1'
      break
    case '\u0995':
      if (i + 2 < len && s[i + 1] === HASANTA && s[i + 2] === '\u09bf') {
        if (i === 0) {
          s[i] = '\u0996'
          return [deleteAt(s, i + 1, deleteAt(s, i + 2, len)), i]
        }
        s[i + 1] = '\u0996'
        return [deleteAt(s, i + 2, len), i]
      }
      break
    case '\u0999':
      s[i] = '\u0982'
      break
    case '\u09af':
      if (i - 2 === 0 && s[i - 1] === HASANTA) {
        s[i - 1] = '\u09c7'
        let next = len
        if (i + 1 < next && s[i + 1] === '\u09be') next = deleteAt(s, i + 1, next)
        return [deleteAt(s, i, next), i - 1]
      }
      if (i - 1 >= 0 && s[i - 1] === HASANTA) return [deleteAt(s, i - 1, deleteAt(s, i, len)), i - 2]
      break
    case '\u09ac':
      if (i === 0 || s[i - 1] !== HASANTA) break
      if (i - 2 === 0 || (i - 5 >= 0 && s[i - 3] === HASANTA)) {
        return [deleteAt(s, i - 1, deleteAt(s, i, len)), i - 2]
      }
      if (i - 2 >= 0) {
        s[i - 1] = s[i - 2] ?? ''
        return [deleteAt(s, i, len), i - 1]
      }
      break
    case '\u0983':
      if (i === len - 1) {
        if (len <= 3) s[i] = '\u09b9'
        else return [deleteAt(s, i, len), i]
      } else s[i] = s[i + 1] ?? ''
      break
    case '\u09b6':
    case '\u09b7':
      s[i] = '\u09b8'
      break
    case '\u09a3':
      s[i] = '\u09a8'
      break
    case '\u09dc':
    case '\u09dd':
      s[i] = '\u09b0'
      break
    case '\u09ce':
      s[i] = '\u09a4'
      break
  }
  return [len, i]
}

export function bengaliNormalize(term: string): string {
  const s = toUnits(term)
  let len = s.length
  for (let i = 0; i < len; i++) [len, i] = bengaliStep(s, i, len)
  return s.slice(0, len).join('')
}
