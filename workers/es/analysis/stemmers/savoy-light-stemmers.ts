// Lucene's light stemmers after Jacques Savoy's CLEF work, for the `stemmer` filter's languages
// light_swedish (SwedishLightStemmer), light_norwegian and light_nynorsk (NorwegianLightStemmer,
// Bokmål or Nynorsk endings), minimal_norwegian and minimal_nynorsk (NorwegianMinimalStemmer),
// light_finnish (FinnishLightStemmer) and light_hungarian (HungarianLightStemmer). Lower-case input; every
// length is in UTF-16 units and every rule is Lucene's, in its order (see each function).
import { deleteAt, endsWith, toUnits } from './stem-buffer.ts'

type Units = string[]
const ends = (s: readonly string[], len: number, ...suffixes: string[]): boolean =>
  suffixes.some((suffix) => endsWith(s, len, suffix))
const word = (s: Units, len: number): string => s.slice(0, len).join('')

/** SwedishLightStemmer: a genitive -s (over 4), then one ending by length tier, then one final t a e n. */
export function swedishLightStem(term: string): string {
  const s = toUnits(term)
  let len = s.length
  if (len > 4 && s[len - 1] === 's') len--
  if (len > 7 && ends(s, len, 'elser', 'heten')) len -= 5
  else if (len > 6 && ends(s, len, 'arne', 'erna', 'ande', 'else', 'aste', 'orna', 'aren')) len -= 4
  else if (len > 5 && ends(s, len, 'are', 'ast', 'het')) len -= 3
  else if (len > 4 && ends(s, len, 'ar', 'er', 'or', 'en', 'at', 'te', 'et')) len -= 2
  else if (len > 3 && 'taen'.includes(s[len - 1] ?? '-')) len -= 1
  return word(s, len)
}

/** The Norwegian variant a stemmer removes endings of. */
export type NorwegianVariant = 'bokmaal' | 'nynorsk'

/** NorwegianLightStemmer with one variant's endings (the filter's default is Bokmål). */
export function norwegianLightStem(variant: NorwegianVariant): (term: string) => string {
  const nb = variant === 'bokmaal'
  const nn = !nb
  return (term) => {
    const s = toUnits(term)
    let len = s.length
    if (len > 4 && s[len - 1] === 's') len--
    const cut = (n: number): string => word(s, len - n)
    if (len > 7 && ((nb && ends(s, len, 'heter', 'heten')) || (nn && ends(s, len, 'heita')))) return cut(5)
    if (len > 8 && nn && ends(s, len, 'heiter', 'leiken', 'leikar')) return cut(6)
    if (len > 5 && (ends(s, len, 'dom') || (nb && ends(s, len, 'het')))) return cut(3)
    if (len > 6 && nn && ends(s, len, 'heit', 'semd', 'leik')) return cut(4)
    if (len > 7 && ends(s, len, 'elser', 'elsen')) return cut(5)
    if (
      len > 6 &&
      (ends(s, len, 'else') ||
        (nb && ends(s, len, 'ende', 'este', 'eren')) ||
        (nn && ends(s, len, 'ande', 'aste', 'aren')))
    ) {
      return cut(4)
    }
    if (
      len > 5 &&
      (ends(s, len, 'ene') || (nb && ends(s, len, 'ere', 'est')) || (nn && ends(s, len, 'are', 'ast', 'ane')))
    ) {
      return cut(3)
    }
    if (
      len > 4 &&
      (ends(s, len, 'er', 'en', 'et', 'te') || (nn && ends(s, len, 'ar')) || (nb && ends(s, len, 'st')))
    ) {
      return cut(2)
    }
    return len > 3 && 'aen'.includes(s[len - 1] ?? '-') ? cut(1) : cut(0)
  }
}

/** NorwegianMinimalStemmer: a genitive -s, then -ene (-ane), or -er -en -et (-ar), or a final a e. */
export function norwegianMinimalStem(variant: NorwegianVariant): (term: string) => string {
  const nn = variant === 'nynorsk'
  return (term) => {
    const s = toUnits(term)
    let len = s.length
    if (len > 4 && s[len - 1] === 's') len--
    if (len > 5 && (ends(s, len, 'ene') || (nn && ends(s, len, 'ane')))) return word(s, len - 3)
    if (len > 4 && (ends(s, len, 'er', 'en', 'et') || (nn && ends(s, len, 'ar')))) return word(s, len - 2)
    return word(s, len > 3 && 'ae'.includes(s[len - 1] ?? '-') ? len - 1 : len)
  }
}

const FINNISH_VOWELS = new Set([...'aeiouy'])
const finnishVowel = (unit: string | undefined): boolean => FINNISH_VOWELS.has(unit ?? '')

function finnishStep1(s: Units, len: number): number {
  if (len > 8) {
    if (endsWith(s, len, 'kin')) return finnishStep1(s, len - 3)
    if (endsWith(s, len, 'ko')) return finnishStep1(s, len - 2)
  }
  if (len > 11) {
    if (endsWith(s, len, 'dellinen')) return len - 8
    if (endsWith(s, len, 'dellisuus')) return len - 9
  }
  return len
}

function finnishStep2(s: Units, len: number): number {
  if (len <= 5) return len
  if (ends(s, len, 'lla', 'tse', 'sti')) return len - 3
  if (endsWith(s, len, 'ni')) return len - 2
  return endsWith(s, len, 'aa') ? len - 1 : len
}

function finnishStep3(s: Units, len: number): number {
  if (len > 8) {
    if (endsWith(s, len, 'nnen')) {
      s[len - 4] = 's'
      return len - 3
    }
    if (endsWith(s, len, 'ntena')) {
      s[len - 5] = 's'
      return len - 4
    }
    if (endsWith(s, len, 'tten')) return len - 4
    if (endsWith(s, len, 'eiden')) return len - 5
  }
  if (len > 6) {
    if (ends(s, len, 'neen', 'niin', 'seen', 'teen', 'inen')) return len - 4
    if (s[len - 3] === 'h' && finnishVowel(s[len - 2]) && s[len - 1] === 'n') return len - 3
    if (endsWith(s, len, 'den')) {
      s[len - 3] = 's'
      return len - 2
    }
    if (endsWith(s, len, 'ksen')) {
      s[len - 4] = 's'
      return len - 3
    }
    if (ends(s, len, 'ssa', 'sta', 'lla', 'lta', 'tta', 'ksi', 'lle')) return len - 3
  }
  if (len > 5) {
    if (ends(s, len, 'na', 'ne')) return len - 2
    if (endsWith(s, len, 'nei')) return len - 3
  }
  if (len > 4) {
    if (ends(s, len, 'ja', 'ta')) return len - 2
    if (s[len - 1] === 'a') return len - 1
    if (s[len - 1] === 'n') return finnishVowel(s[len - 2]) ? len - 2 : len - 1
  }
  return len
}

function finnishNorm1(s: Units, len: number): number {
  if (len > 5 && endsWith(s, len, 'hde')) {
    s[len - 3] = 'k'
    s[len - 2] = 's'
    s[len - 1] = 'i'
  }
  if (len > 4 && ends(s, len, 'ei', 'at')) return len - 2
  return len > 3 && 'tsjeai'.includes(s[len - 1] ?? '-') ? len - 1 : len
}

function finnishNorm2(s: Units, len: number): number {
  let n = len
  if (n > 8 && 'eou'.includes(s[n - 1] ?? '-')) n--
  if (n > 4) {
    if (s[n - 1] === 'i') n--
    if (n > 4) {
      let ch = s[0]
      for (let i = 1; i < n; i++) {
        if (s[i] === ch && (ch === 'k' || ch === 'p' || ch === 't')) n = deleteAt(s, i--, n)
        else ch = s[i]
      }
    }
  }
  return n
}

/** FinnishLightStemmer: ä å -> a, ö -> o, then step1 step2 step3 norm1 norm2 (terms over 3 units). */
export function finnishLightStem(term: string): string {
  const s = toUnits(term)
  if (s.length < 4) return term
  for (let i = 0; i < s.length; i++) {
    if (s[i] === 'ä' || s[i] === 'å') s[i] = 'a'
    else if (s[i] === 'ö') s[i] = 'o'
  }
  let len = finnishStep3(s, finnishStep2(s, finnishStep1(s, s.length)))
  len = finnishNorm2(s, finnishNorm1(s, len))
  return word(s, len)
}

const HUNGARIAN_FOLD: ReadonlyMap<string, string> = new Map([
  ...[...'á'].map((ch): [string, string] => [ch, 'a']),
  ...[...'ëé'].map((ch): [string, string] => [ch, 'e']),
  ...[...'í'].map((ch): [string, string] => [ch, 'i']),
  ...[...'óőõö'].map((ch): [string, string] => [ch, 'o']),
  ...[...'úűũûü'].map((ch): [string, string] => [ch, 'u']),
])
const hungarianVowel = finnishVowel

function hungarianCase(s: Units, len: number): number {
  if (len > 6 && endsWith(s, len, 'kent')) return len - 4
  if (len > 5) {
    const threes = [
      'nak',
      'nek',
      'val',
      'vel',
      'ert',
      'rol',
      'ban',
      'ben',
      'bol',
      'nal',
      'nel',
      'hoz',
      'hez',
      'tol',
    ]
    if (ends(s, len, ...threes)) return len - 3
    if (ends(s, len, 'al', 'el') && !hungarianVowel(s[len - 3]) && s[len - 3] === s[len - 4]) return len - 3
  }
  if (len > 4) {
    if (ends(s, len, 'at', 'et', 'ot', 'va', 've', 'ra', 're', 'ba', 'be', 'ul', 'ig')) return len - 2
    if (ends(s, len, 'on', 'en') && !hungarianVowel(s[len - 3])) return len - 2
    const last = s[len - 1]
    if (last === 't' || last === 'n') return len - 1
    if ((last === 'a' || last === 'e') && s[len - 2] === s[len - 3] && !hungarianVowel(s[len - 2])) {
      return len - 2
    }
  }
  return len
}

function hungarianPossessive(s: Units, len: number): number {
  if (len > 6) {
    if (!hungarianVowel(s[len - 5]) && ends(s, len, 'atok', 'otok', 'etek')) return len - 4
    if (ends(s, len, 'itek', 'itok')) return len - 4
  }
  if (len > 5) {
    if (!hungarianVowel(s[len - 4]) && ends(s, len, 'unk', 'tok', 'tek')) return len - 3
    if (hungarianVowel(s[len - 4]) && endsWith(s, len, 'juk')) return len - 3
    if (endsWith(s, len, 'ink')) return len - 3
  }
  if (len > 4) {
    if (!hungarianVowel(s[len - 3]) && ends(s, len, 'am', 'em', 'om', 'ad', 'ed', 'od', 'uk')) return len - 2
    if (hungarianVowel(s[len - 3]) && ends(s, len, 'nk', 'ja', 'je')) return len - 2
    if (ends(s, len, 'im', 'id', 'ik')) return len - 2
  }
  if (len > 3) {
    const last = s[len - 1]
    if ((last === 'a' || last === 'e') && !hungarianVowel(s[len - 2])) return len - 1
    if ((last === 'm' || last === 'd') && hungarianVowel(s[len - 2])) return len - 1
    if (last === 'i') return len - 1
  }
  return len
}

function hungarianPlural(s: Units, len: number): number {
  if (len > 3 && s[len - 1] === 'k') return 'aoe'.includes(s[len - 2] ?? '-') && len > 4 ? len - 2 : len - 1
  return len
}

/** HungarianLightStemmer: accents folded, then case, possessive and plural endings, then a final vowel. */
export function hungarianLightStem(term: string): string {
  const s = toUnits(term).map((unit) => HUNGARIAN_FOLD.get(unit) ?? unit)
  const len = hungarianPlural(s, hungarianPossessive(s, hungarianCase(s, s.length)))
  return word(s, len > 3 && 'aeio'.includes(s[len - 1] ?? '-') ? len - 1 : len)
}
