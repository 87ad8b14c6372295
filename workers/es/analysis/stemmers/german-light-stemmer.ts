// Lucene's GermanLightStemmer (org.apache.lucene.analysis.de), Jacques Savoy's "UniNE" light stemmer
// ("Light Stemming Approaches for the French, Portuguese, German and Hungarian Languages"), the stemmer
// of the `german` analyzer and of `stemmer` language light_german / lightGerman. Lower-case input.
// Accents folded (ä à á â -> a, ö ò ó ô -> o, ï ì í î -> i, ü ù ú û -> u); then step 1 removes one of
// -ern (over five units), -em/-en/-er/-es (over four), -e (over three), or an -s after b d f g h k l m
// n t (over three); step 2 removes one of -est (over five), -er/-en (over four), or the -st of an -st
// after b d f g h k l m n t (over four).
import { toUnits, unitAt } from './stem-buffer.ts'

const ACCENT_FOLDING: ReadonlyMap<string, string> = new Map([
  ...[...'äàáâ'].map((c): [string, string] => [c, 'a']),
  ...[...'öòóô'].map((c): [string, string] => [c, 'o']),
  ...[...'ïìíî'].map((c): [string, string] => [c, 'i']),
  ...[...'üùúû'].map((c): [string, string] => [c, 'u']),
])

const ST_ENDING = new Set([...'bdfghklmnt'])

function step1(s: readonly string[], len: number): number {
  const tail = (n: number): string => s.slice(len - n, len).join('')
  if (len > 5 && tail(3) === 'ern') return len - 3
  if (len > 4 && s[len - 2] === 'e' && 'mnrs'.includes(unitAt(s, len - 1))) return len - 2
  if (len > 3 && s[len - 1] === 'e') return len - 1
  if (len > 3 && s[len - 1] === 's' && ST_ENDING.has(unitAt(s, len - 2))) return len - 1
  return len
}

function step2(s: readonly string[], len: number): number {
  const tail = (n: number): string => s.slice(len - n, len).join('')
  if (len > 5 && tail(3) === 'est') return len - 3
  if (len > 4 && (tail(2) === 'er' || tail(2) === 'en')) return len - 2
  if (len > 4 && tail(2) === 'st' && ST_ENDING.has(unitAt(s, len - 3))) return len - 2
  return len
}

export function germanLightStem(term: string): string {
  const s = toUnits(term).map((unit) => ACCENT_FOLDING.get(unit) ?? unit)
  return s.slice(0, step2(s, step1(s, s.length))).join('')
}
