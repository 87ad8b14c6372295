// Lucene's LatvianStemmer (a light version of Kreslins's algorithm), the `stemmer` language latvian and the
// last step of the latvian analyzer. Lower-case input. The first affix in Lucene's order that the term
// ends with, when the term has more vowels (a e i o u ā ī ē ū) than the affix's vowel count and at least
// three units beside it, is removed; the affixes marked palatalizing then undo a palatalization of the
// stem's end: (after a removed -u) kš -> kst, ņņ -> nn; otherwise pj/bj/mj/vj lose the j, šņ žņ šļ žļ ļņ
// ļļ -> sn zn sl zl ln ll, and a final č ļ ņ -> c l n.
import { endsWith, toUnits } from './stem-buffer.ts'

/** [affix, vowel count, palatalizes], in Lucene's order. */
const AFFIXES: readonly (readonly [string, number, boolean])[] = [
  ['ajiem', 3, false],
  ['ajai', 3, false],
  ['ajam', 2, false],
  ['ajām', 2, false],
  ['ajos', 2, false],
  ['ajās', 2, false],
  ['iem', 2, true],
  ['ajā', 2, false],
  ['ais', 2, false],
  ['ai', 2, false],
  ['ei', 2, false],
  ['ām', 1, false],
  ['am', 1, false],
  ['ēm', 1, false],
  ['īm', 1, false],
  ['im', 1, false],
  ['um', 1, false],
  ['us', 1, true],
  ['as', 1, false],
  ['ās', 1, false],
  ['es', 1, false],
  ['os', 1, true],
  ['ij', 1, false],
  ['īs', 1, false],
  ['ēs', 1, false],
  ['is', 1, false],
  ['ie', 1, false],
  ['u', 1, true],
  ['a', 1, true],
  ['i', 1, true],
  ['e', 1, false],
  ['ā', 1, false],
  ['ē', 1, false],
  ['ī', 1, false],
  ['ū', 1, false],
  ['o', 1, false],
  ['s', 0, false],
  ['š', 0, false],
]
const VOWELS = new Set([...'aeiouāīēū'])

const PAIRS: ReadonlyMap<string, string> = new Map([
  ['šņ', 'sn'],
  ['žņ', 'zn'],
  ['šļ', 'sl'],
  ['žļ', 'zl'],
  ['ļņ', 'ln'],
  ['ļļ', 'll'],
])
const FINALS: ReadonlyMap<string, string> = new Map([
  ['č', 'c'],
  ['ļ', 'l'],
  ['ņ', 'n'],
])

/** The stem s[0, len) with its palatalization undone; `removed` is the first removed unit. */
function unpalatalize(s: readonly string[], len: number, removed: string): string {
  const stem = s.slice(0, len).join('')
  if (removed === 'u') {
    if (stem.endsWith('kš')) return `${stem.slice(0, -1)}st`
    if (stem.endsWith('ņņ')) return `${stem.slice(0, -2)}nn`
  }
  if (['pj', 'bj', 'mj', 'vj'].some((pair) => stem.endsWith(pair))) return stem.slice(0, -1)
  const pair = PAIRS.get(stem.slice(-2))
  if (pair !== undefined && stem.length >= 2) return stem.slice(0, -2) + pair
  const final = FINALS.get(stem.slice(-1))
  return final === undefined ? stem : stem.slice(0, -1) + final
}

export function latvianStem(term: string): string {
  const s = toUnits(term)
  const vowels = s.filter((unit) => VOWELS.has(unit)).length
  for (const [affix, vowelCount, palatalizes] of AFFIXES) {
    if (vowels > vowelCount && s.length >= affix.length + 3 && endsWith(s, s.length, affix)) {
      const len = s.length - affix.length
      return palatalizes ? unpalatalize(s, len, s[len] ?? '') : s.slice(0, len).join('')
    }
  }
  return term
}
