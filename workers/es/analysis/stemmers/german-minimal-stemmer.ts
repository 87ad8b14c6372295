// Lucene's GermanMinimalStemmer (org.apache.lucene.analysis.de), Jacques Savoy's "Morphologie et
// recherche d'information": `stemmer` language minimal_german / minimalGerman. Terms under five UTF-16
// units are kept whole; otherwise ä ö ü -> a o u, then one of: -nen removed (over six units); -en,
// -se, -es, -er removed (over five); a final n, e, s or r removed.
import { toUnits, unitAt } from './stem-buffer.ts'

const UMLAUTS: ReadonlyMap<string, string> = new Map([
  ['ä', 'a'],
  ['ö', 'o'],
  ['ü', 'u'],
])

const TWO_UNIT_ENDINGS = new Set(['en', 'se', 'es', 'er'])

function stemLength(s: readonly string[], len: number): number {
  const last2 = unitAt(s, len - 2) + unitAt(s, len - 1)
  if (len > 6 && unitAt(s, len - 3) + last2 === 'nen') return len - 3
  if (len > 5 && TWO_UNIT_ENDINGS.has(last2)) return len - 2
  if ('nesr'.includes(unitAt(s, len - 1))) return len - 1
  return len
}

export function germanMinimalStem(term: string): string {
  const s = toUnits(term)
  if (s.length < 5) return term
  const folded = s.map((unit) => UMLAUTS.get(unit) ?? unit)
  return folded.slice(0, stemLength(folded, folded.length)).join('')
}
