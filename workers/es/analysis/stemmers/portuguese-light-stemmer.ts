// Lucene's PortugueseLightStemmer (org.apache.lucene.analysis.pt), Jacques Savoy's "UniNE" light stemmer
// ("Light Stemming Approaches for the French, Portuguese, German and Hungarian Languages"): the stemmer
// of the `portuguese` analyzer and of `stemmer` language light_portuguese / lightPortuguese. Lower-case
// input. Terms under four UTF-16 units are kept whole. Otherwise: one plural suffix rewritten (-res,
// -ses, -les, -zes lose -es; -ns -> -m; -eis/-éis -> -el; -ais -> -al; -óis -> -ol; -is -> -il;
// -ões/-ães -> -ão; -mente removed; a final -s removed); a feminine -a normalised (-inha, -iaca, -eira,
// -osa, -ica, -ida, -ada, -iva, -ama, -na end in -o; -ona -> -ão; -ora -> -or; -esa -> -ês); over four
// units, a final e, a or o removed; last, accents folded (à á â ä ã -> a, ò ó ô ö õ -> o, è é ê ë -> e,
// ù ú û ü -> u, ì í î ï -> i, ç -> c).
import { endsWith, toUnits, unitAt } from './stem-buffer.ts'

const ACCENT_FOLDING: ReadonlyMap<string, string> = new Map([
  ...[...'àáâäã'].map((c): [string, string] => [c, 'a']),
  ...[...'òóôöõ'].map((c): [string, string] => [c, 'o']),
  ...[...'èéêë'].map((c): [string, string] => [c, 'e']),
  ...[...'ùúûü'].map((c): [string, string] => [c, 'u']),
  ...[...'ìíîï'].map((c): [string, string] => [c, 'i']),
  ['ç', 'c'],
])

const endsWithAny = (s: readonly string[], len: number, suffixes: readonly string[]): boolean =>
  suffixes.some((suffix) => endsWith(s, len, suffix))

function removeSuffix(s: string[], len: number): number {
  if (len > 4 && endsWith(s, len, 'es') && 'rslz'.includes(unitAt(s, len - 3))) return len - 2
  if (len > 3 && endsWith(s, len, 'ns')) {
    s[len - 2] = 'm'
    return len - 1
  }
  if (len > 4 && endsWithAny(s, len, ['eis', 'éis'])) {
    s[len - 3] = 'e'
    s[len - 2] = 'l'
    return len - 1
  }
  if (len > 4 && endsWith(s, len, 'ais')) {
    s[len - 2] = 'l'
    return len - 1
  }
  if (len > 4 && endsWith(s, len, 'óis')) {
    s[len - 3] = 'o'
    s[len - 2] = 'l'
    return len - 1
  }
  if (len > 4 && endsWith(s, len, 'is')) {
    s[len - 1] = 'l'
    return len
  }
  if (len > 3 && endsWithAny(s, len, ['ões', 'ães'])) {
    s[len - 3] = 'ã'
    s[len - 2] = 'o'
    return len - 1
  }
  if (len > 6 && endsWith(s, len, 'mente')) return len - 5
  if (len > 3 && s[len - 1] === 's') return len - 1
  return len
}

function normFeminine(s: string[], len: number): number {
  if (len > 7 && endsWithAny(s, len, ['inha', 'iaca', 'eira'])) {
    s[len - 1] = 'o'
    return len
  }
  if (len > 6) {
    if (endsWithAny(s, len, ['osa', 'ica', 'ida', 'ada', 'iva', 'ama'])) {
      s[len - 1] = 'o'
      return len
    }
    if (endsWith(s, len, 'ona')) {
      s[len - 3] = 'ã'
      s[len - 2] = 'o'
      return len - 1
    }
    if (endsWith(s, len, 'ora')) return len - 1
    if (endsWith(s, len, 'esa')) {
      s[len - 3] = 'ê'
      return len - 1
    }
    if (endsWith(s, len, 'na')) {
      s[len - 1] = 'o'
      return len
    }
  }
  return len
}

export function portugueseLightStem(term: string): string {
  const s = toUnits(term)
  if (s.length < 4) return term
  let len = removeSuffix(s, s.length)
  if (len > 3 && s[len - 1] === 'a') len = normFeminine(s, len)
  if (len > 4 && 'eao'.includes(unitAt(s, len - 1))) len--
  return s
    .slice(0, len)
    .map((unit) => ACCENT_FOLDING.get(unit) ?? unit)
    .join('')
}
