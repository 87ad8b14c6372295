// Lucene's SpanishLightStemmer (org.apache.lucene.analysis.es), Jacques Savoy's "Report on CLEF-2001
// Experiments": the stemmer of the `spanish` analyzer and of `stemmer` language light_spanish /
// lightSpanish. Lower-case input. Terms under five UTF-16 units are kept whole; otherwise accents are
// folded (à á â ä -> a, ò ó ô ö -> o, è é ê ë -> e, ù ú û ü -> u, ì í î ï -> i) and one ending removed:
// a final o, a or e; -eses -> -es; -ces -> -z; -os, -as, -es.
import { toUnits } from './stem-buffer.ts'

const ACCENT_FOLDING: ReadonlyMap<string, string> = new Map([
  ...[...'àáâä'].map((c): [string, string] => [c, 'a']),
  ...[...'òóôö'].map((c): [string, string] => [c, 'o']),
  ...[...'èéêë'].map((c): [string, string] => [c, 'e']),
  ...[...'ùúûü'].map((c): [string, string] => [c, 'u']),
  ...[...'ìíîï'].map((c): [string, string] => [c, 'i']),
])

export function spanishLightStem(term: string): string {
  const s = toUnits(term)
  const len = s.length
  if (len < 5) return term
  const folded = s.map((unit) => ACCENT_FOLDING.get(unit) ?? unit)
  const last = folded[len - 1]
  const beforeLast = folded[len - 2]
  if (last === 'o' || last === 'a' || last === 'e') return folded.slice(0, len - 1).join('')
  if (last === 's') {
    if (beforeLast === 'e' && folded[len - 3] === 's' && folded[len - 4] === 'e') {
      return folded.slice(0, len - 2).join('')
    }
    if (beforeLast === 'e' && folded[len - 3] === 'c') return folded.slice(0, len - 3).join('') + 'z'
    if (beforeLast === 'o' || beforeLast === 'a' || beforeLast === 'e')
      return folded.slice(0, len - 2).join('')
  }
  return folded.join('')
}
