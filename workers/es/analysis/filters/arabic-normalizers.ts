// The Arabic-script orthographic normalizers of Lucene's ar, fa and ckb packages, each a pure function of
// a term's UTF-16 code units (Lucene's char[] rewrite), for the `arabic_normalization`,
// `persian_normalization` and `sorani_normalization` token filters and the language analyzers:
//   ArabicNormalizer: alef madda / hamza above / hamza below -> bare alef; dotless yeh (alef maksura) ->
//     yeh; teh marbuta -> heh; tatweel and the harakat (fathatan .. sukun, U+064B..U+0652) removed.
//   PersianNormalizer: farsi yeh and yeh barree -> yeh; keheh -> kaf; heh yeh and heh goal -> heh; a
//     hamza above (U+0654) removed.
//   SoraniNormalizer: yeh and dotless yeh -> farsi yeh; kaf -> keheh; a ZWNJ removed, turning a heh
//     before it into ae; a last heh -> ae; teh marbuta -> ae; heh doachashmee -> heh; a first reh ->
//     rreh; reh with small v above -> rreh; tatweel, the harakat and every other format char (Cf) removed.
// "Last" and "first" are judged on the term as it is when the char is reached (removals shift it).
import { deleteAt, toUnits } from '../stemmers/stem-buffer.ts'

const ALEF = '\u0627'
const YEH = '\u064a'
const HEH = '\u0647'
const HARAKAT_AND_TATWEEL = new Set([...'\u0640\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652'])

/** A normalizer that maps or removes one unit at a time, keyed by the unit. */
function unitMap(
  mapped: ReadonlyMap<string, string>,
  removed: ReadonlySet<string>,
): (term: string) => string {
  return (term) => {
    let out = ''
    for (const unit of toUnits(term)) {
      if (!removed.has(unit)) out += mapped.get(unit) ?? unit
    }
    return out
  }
}

export const arabicNormalize = unitMap(
  new Map([
    ['\u0622', ALEF],
    ['\u0623', ALEF],
    ['\u0625', ALEF],
    ['\u0649', YEH],
    ['\u0629', HEH],
  ]),
  HARAKAT_AND_TATWEEL,
)

export const persianNormalize = unitMap(
  new Map([
    ['\u06cc', YEH],
    ['\u06d2', YEH],
    ['\u06a9', '\u0643'],
    ['\u06c0', HEH],
    ['\u06c1', HEH],
  ]),
  new Set(['\u0654']),
)

const FARSI_YEH = '\u06cc'
const AE = '\u06d5'
const RREH = '\u0695'
const FORMAT = /^\p{Cf}$/u

export function soraniNormalize(term: string): string {
  const s = toUnits(term)
  let len = s.length
  for (let i = 0; i < len; i++) {
    const unit = s[i] ?? ''
    if (unit === YEH || unit === '\u0649') s[i] = FARSI_YEH
    else if (unit === '\u0643') s[i] = '\u06a9'
    else if (unit === '\u200c') {
      if (i > 0 && s[i - 1] === HEH) s[i - 1] = AE
      len = deleteAt(s, i--, len)
    } else if (unit === HEH) {
      if (i === len - 1) s[i] = AE
    } else if (unit === '\u0629') s[i] = AE
    else if (unit === '\u06be') s[i] = HEH
    else if (unit === '\u0631') {
      if (i === 0) s[i] = RREH
    } else if (unit === '\u0692') s[i] = RREH
    else if (HARAKAT_AND_TATWEEL.has(unit) || FORMAT.test(unit)) len = deleteAt(s, i--, len)
  }
  return s.slice(0, len).join('')
}
