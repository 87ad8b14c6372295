// Lucene's ItalianLightStemmer (org.apache.lucene.analysis.it), Jacques Savoy's "Report on CLEF-2001
// Experiments": the stemmer of the `italian` analyzer and of `stemmer` language light_italian /
// lightItalian. Lower-case input. Terms under six UTF-16 units are kept whole; otherwise accents are
// folded (à á â ä -> a, ò ó ô ö -> o, è é ê ë -> e, ù ú û ü -> u, ì í î ï -> i) and the final vowel
// removed: -ie, -he, -hi, -ii, -ia, -io lose two units, any other final e, i, a or o one.
import { toUnits } from './stem-buffer.ts'

const ACCENT_FOLDING: ReadonlyMap<string, string> = new Map([
  ...[...'àáâä'].map((c): [string, string] => [c, 'a']),
  ...[...'òóôö'].map((c): [string, string] => [c, 'o']),
  ...[...'èéêë'].map((c): [string, string] => [c, 'e']),
  ...[...'ùúûü'].map((c): [string, string] => [c, 'u']),
  ...[...'ìíîï'].map((c): [string, string] => [c, 'i']),
])

/** The units before the final vowel that go with it, by final vowel. */
const TWO_UNIT_ENDINGS: ReadonlyMap<string, string> = new Map([
  ['e', 'ih'],
  ['i', 'hi'],
  ['a', 'i'],
  ['o', 'i'],
])

export function italianLightStem(term: string): string {
  const s = toUnits(term)
  const len = s.length
  if (len < 6) return term
  const folded = s.map((unit) => ACCENT_FOLDING.get(unit) ?? unit)
  const before = TWO_UNIT_ENDINGS.get(folded[len - 1] ?? '')
  if (before === undefined) return folded.join('')
  const removed = before.includes(folded[len - 2] ?? '') ? 2 : 1
  return folded.slice(0, len - removed).join('')
}
