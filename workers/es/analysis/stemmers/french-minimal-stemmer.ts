// Lucene's FrenchMinimalStemmer (org.apache.lucene.analysis.fr), Jacques Savoy's "A Stemming procedure
// and stopword list for general French corpora": `stemmer` language minimal_french / minimalFrench.
// Terms under six UTF-16 units are kept; a final -x is dropped (-aux -> -al) and nothing else done;
// otherwise a final -s, then -r, then -e, then -é, then one of a doubled final letter are removed.
import { isLetter } from '../unicode/character.ts'
import { toUnits, unitAt } from './stem-buffer.ts'

export function frenchMinimalStem(term: string): string {
  const s = toUnits(term)
  let len = s.length
  if (len < 6) return term
  if (s[len - 1] === 'x') {
    if (s[len - 3] === 'a' && s[len - 2] === 'u') s[len - 2] = 'l'
    return s.slice(0, len - 1).join('')
  }
  if (s[len - 1] === 's') len--
  if (s[len - 1] === 'r') len--
  if (s[len - 1] === 'e') len--
  if (s[len - 1] === 'é') len--
  const last = unitAt(s, len - 1)
  if (last === s[len - 2] && isLetter(last.charCodeAt(0))) len--
  return s.slice(0, len).join('')
}
