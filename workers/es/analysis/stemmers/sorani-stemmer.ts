// Lucene's SoraniStemmer (light stemmer for Sorani Kurdish), the `stemmer` language sorani and the last
// step of the sorani analyzer, on normalized text (SoraniNormalizer first).
// In UTF-16 units: a postposition (دا over 5 units: two cut; نا over 4: one cut; ەوە over 6: three cut),
// then a possessive pronoun (مان, یان, تان over 6: three cut), then the first of the noun endings below
// whose length bound the term exceeds and that it ends with: the ending is cut, except ایە and ەیە, which
// lose two units.
import { endsWith, toUnits } from './stem-buffer.ts'

/** [ending, the length the term must exceed] in Lucene's order; the cut is the ending's length. */
const NOUN_ENDINGS: readonly (readonly [string, number])[] = [
  ['ێکی', 6],
  ['یەکی', 7],
  ['ێک', 5],
  ['یەک', 6],
  ['ەکە', 6],
  ['کە', 5],
  ['ەکان', 7],
  ['کان', 6],
  ['یانی', 7],
  ['انی', 6],
  ['یان', 6],
  ['ان', 5],
  ['یانە', 7],
  ['انە', 6],
]

export function soraniStem(term: string): string {
  const s = toUnits(term)
  let len = s.length
  if (len > 5 && endsWith(s, len, 'دا')) len -= 2
  else if (len > 4 && endsWith(s, len, 'نا')) len--
  else if (len > 6 && endsWith(s, len, 'ەوە')) len -= 3
  if (len > 6 && ['مان', 'یان', 'تان'].some((pronoun) => endsWith(s, len, pronoun))) len -= 3
  const noun = NOUN_ENDINGS.find(([ending, over]) => len > over && endsWith(s, len, ending))
  if (noun !== undefined) len -= noun[0].length
  else if (len > 5 && (endsWith(s, len, 'ایە') || endsWith(s, len, 'ەیە'))) len -= 2
  else if (len > 4 && (endsWith(s, len, 'ە') || endsWith(s, len, 'ی'))) len -= 1
  return term.slice(0, len)
}
