// The `lowercase` token filter with its `language` setting, as Elasticsearch's LowerCaseTokenFilterFactory
// builds it: no language -> Lucene's LowerCaseFilter; "greek" (ignoring case) -> GreekLowerCaseFilter;
// "irish" -> IrishLowerCaseFilter; "turkish" -> TurkishLowerCaseFilter; any other -> illegal_argument_exception
// "language [<language>] not support for lower case" (ES fails on first use; here at definition).
// GreekLowerCaseFilter: per code point, final sigma ς -> σ, the vowels with tonos or dialytika (capital
//   and small) -> the plain small vowel, U+03A2 -> ς (kept from Lucene's old behaviour), every other code
//   point Character.toLowerCase.
// IrishLowerCaseFilter: a term of two or more chars that starts with 'n' or 't' followed by an upper-case
//   vowel (A E I O U Á É Í Ó Ú) gets a hyphen after its first char (t-prothesis and n-eclipsis: "nAthair"
//   -> "n-athair"); then every UTF-16 char (not code point, as Lucene loops) is Character.toLowerCase'd.
// TurkishLowerCaseFilter: 'I' becomes dotless 'ı', unless a COMBINING DOT ABOVE (U+0307) follows it among the
//   non-spacing marks after it: then it becomes 'i' and that dot (and any such dot in the marks right after an
//   'I') is removed; every other code point is Character.toLowerCase'd ('İ' -> 'i').
// Offsets, types, positions and keyword marks pass through.
import { stringSetting, type AnalysisSettings } from '../custom/analysis-settings.ts'
import { IllegalArgumentException, type TokenFilter } from '../token-list.ts'
import { lowerCaseTerm, toLowerCase } from '../unicode/character.ts'
import { LowerCaseFilter } from './lowercase-filter.ts'
import { TermRewriteFilter } from './term-rewrite-filters.ts'

/** GreekLowerCaseFilter's own mappings; every other code point is lower-cased. */
const GREEK_FOLDS: ReadonlyMap<string, string> = new Map([
  ...[...'\u03C2'].map((c) => [c, '\u03C3'] as const),
  ...[...'\u0386\u03AC'].map((c) => [c, '\u03B1'] as const),
  ...[...'\u0388\u03AD'].map((c) => [c, '\u03B5'] as const),
  ...[...'\u0389\u03AE'].map((c) => [c, '\u03B7'] as const),
  ...[...'\u038A\u03AA\u03AF\u03CA\u0390'].map((c) => [c, '\u03B9'] as const),
  ...[...'\u038E\u03AB\u03CD\u03CB\u03B0'].map((c) => [c, '\u03C5'] as const),
  ...[...'\u038C\u03CC'].map((c) => [c, '\u03BF'] as const),
  ...[...'\u038F\u03CE'].map((c) => [c, '\u03C9'] as const),
  ['\u03A2', '\u03C2'],
])

export function greekLowerCase(term: string): string {
  return [...term].map((c) => GREEK_FOLDS.get(c) ?? lowerCaseTerm(c)).join('')
}

const IRISH_UPPER_VOWELS = new Set([...'AEIOU\u00C1\u00C9\u00CD\u00D3\u00DA'])

export function irishLowerCase(term: string): string {
  const first = term.charAt(0)
  const prefixed =
    term.length > 1 && (first === 'n' || first === 't') && IRISH_UPPER_VOWELS.has(term.charAt(1))
      ? `${first}-${term.slice(1)}`
      : term
  let lowered = ''
  for (let i = 0; i < prefixed.length; i++) {
    const unit = prefixed.charCodeAt(i)
    const isSurrogate = unit >= 0xd800 && unit <= 0xdfff
    lowered += String.fromCharCode(isSurrogate ? unit : toLowerCase(unit))
  }
  return lowered
}

const CAPITAL_I = 'I'
const COMBINING_DOT_ABOVE = '\u0307'
const isNonSpacingMark = (char: string): boolean => /^\p{Mn}$/u.test(char)

/** Whether a COMBINING DOT ABOVE is among the non-spacing marks that start `points`. */
function dotAboveFollows(points: readonly string[]): boolean {
  for (const point of points) {
    if (point === COMBINING_DOT_ABOVE) return true
    if (!isNonSpacingMark(point)) return false
  }
  return false
}

export function turkishLowerCase(term: string): string {
  const points = [...term]
  let lowered = ''
  let iOrAfter = false
  points.forEach((point, index) => {
    iOrAfter = point === CAPITAL_I || (iOrAfter && isNonSpacingMark(point))
    if (iOrAfter && point === COMBINING_DOT_ABOVE) return
    if (iOrAfter && point === CAPITAL_I) {
      const dotted = dotAboveFollows(points.slice(index + 1))
      lowered += dotted ? 'i' : '\u0131'
      iOrAfter = dotted
      return
    }
    lowered += lowerCaseTerm(point)
  })
  return lowered
}

export const greekLowerCaseFilter = (): TokenFilter => new TermRewriteFilter('lowercase', greekLowerCase)
export const irishLowerCaseFilter = (): TokenFilter => new TermRewriteFilter('lowercase', irishLowerCase)
export const turkishLowerCaseFilter = (): TokenFilter => new TermRewriteFilter('lowercase', turkishLowerCase)

/** The `lowercase` filter from its settings. */
export function lowercaseTokenFilter(settings: AnalysisSettings): TokenFilter {
  const language = stringSetting(settings, 'language')
  if (language === undefined) return new LowerCaseFilter()
  switch (language.toLowerCase()) {
    case 'greek':
      return greekLowerCaseFilter()
    case 'irish':
      return irishLowerCaseFilter()
    case 'turkish':
      return turkishLowerCaseFilter()
    default:
      throw new IllegalArgumentException(`language [${language}] not support for lower case`)
  }
}
