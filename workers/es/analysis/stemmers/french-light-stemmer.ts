// Lucene's FrenchLightStemmer (org.apache.lucene.analysis.fr), Jacques Savoy's "UniNE" light stemmer
// ("Light Stemming Approaches for the French, Portuguese, German and Hungarian Languages"), the stemmer
// of the `french` analyzer and of `stemmer` language light_french / lightFrench. It expects lower-case
// input. Steps, each guarded by a minimum term length as Lucene guards it: final -x (-aux -> -al),
// final -x and -s dropped; one derivational suffix rewritten (-issement, -issant, -ement, -ficatrice,
// -ateur, -trice, -ième, -teuse, -euse, -ère, -ive, -folle, -nnelle, -ique, -esse, -isation, -ation,
// ...); then `norm`: for terms over four units, accents folded (à á â ô è é ê ù û î ç), doubled letters
// collapsed, and a final -ie, -r, -e, -e and a doubled final letter removed.
import { isLetter } from '../unicode/character.ts'
import { deleteAt, endsWith, toUnits, unitAt } from './stem-buffer.ts'

const ACCENT_FOLDING: ReadonlyMap<string, string> = new Map([
  ['à', 'a'],
  ['á', 'a'],
  ['â', 'a'],
  ['ô', 'o'],
  ['è', 'e'],
  ['é', 'e'],
  ['ê', 'e'],
  ['ù', 'u'],
  ['û', 'u'],
  ['î', 'i'],
  ['ç', 'c'],
])

const letter = (unit: string): boolean => unit !== '' && isLetter(unit.charCodeAt(0))

function norm(s: string[], length: number): number {
  let len = length
  if (len > 4) {
    for (let i = 0; i < len; i++) s[i] = ACCENT_FOLDING.get(unitAt(s, i)) ?? unitAt(s, i)
    let ch = unitAt(s, 0)
    for (let i = 1; i < len; i++) {
      if (s[i] === ch && letter(ch)) len = deleteAt(s, i--, len)
      else ch = unitAt(s, i)
    }
  }
  if (len > 4 && endsWith(s, len, 'ie')) len -= 2
  if (len > 4) {
    if (s[len - 1] === 'r') len--
    if (s[len - 1] === 'e') len--
    if (s[len - 1] === 'e') len--
    if (s[len - 1] === s[len - 2] && letter(unitAt(s, len - 1))) len--
  }
  return len
}

/** Replaces the last units of s[0, len) with `tail` (same count), as Lucene's s[len - k] = ... writes. */
function setTail(s: string[], len: number, tail: string): void {
  for (let i = 0; i < tail.length; i++) s[len - tail.length + i] = tail.charAt(i)
}

function stemLength(s: string[], length: number): number {
  let len = length
  if (len > 5 && s[len - 1] === 'x') {
    if (s[len - 3] === 'a' && s[len - 2] === 'u' && s[len - 4] !== 'e') s[len - 2] = 'l'
    len--
  }
  if (len > 3 && s[len - 1] === 'x') len--
  if (len > 3 && s[len - 1] === 's') len--

  if (len > 9 && endsWith(s, len, 'issement')) {
    len -= 6
    setTail(s, len, 'r')
    return norm(s, len)
  }
  if (len > 8 && endsWith(s, len, 'issant')) {
    len -= 4
    setTail(s, len, 'r')
    return norm(s, len)
  }
  if (len > 6 && endsWith(s, len, 'ement')) {
    len -= 4
    if (len > 3 && endsWith(s, len, 'ive')) {
      len--
      setTail(s, len, 'f')
    }
    return norm(s, len)
  }
  if (len > 11 && endsWith(s, len, 'ficatrice')) {
    len -= 5
    setTail(s, len, 'er')
    return norm(s, len)
  }
  if (len > 10 && endsWith(s, len, 'ficateur')) {
    len -= 4
    setTail(s, len, 'er')
    return norm(s, len)
  }
  if (len > 9 && endsWith(s, len, 'catrice')) {
    len -= 3
    setTail(s, len, 'quer')
    return norm(s, len)
  }
  if (len > 8 && endsWith(s, len, 'cateur')) {
    len -= 2
    setTail(s, len, 'quer')
    return norm(s, len)
  }
  if (len > 8 && endsWith(s, len, 'atrice')) {
    len -= 4
    setTail(s, len, 'er')
    return norm(s, len)
  }
  if (len > 7 && endsWith(s, len, 'ateur')) {
    len -= 3
    setTail(s, len, 'er')
    return norm(s, len)
  }
  if (len > 6 && endsWith(s, len, 'trice')) {
    len--
    setTail(s, len, 'eur')
  }
  if (len > 5 && endsWith(s, len, 'ième')) return norm(s, len - 4)
  if (len > 7 && endsWith(s, len, 'teuse')) {
    len -= 2
    setTail(s, len, 'r')
    return norm(s, len)
  }
  if (len > 6 && endsWith(s, len, 'teur')) {
    len--
    setTail(s, len, 'r')
    return norm(s, len)
  }
  if (len > 5 && endsWith(s, len, 'euse')) return norm(s, len - 2)
  if (len > 8 && endsWith(s, len, 'ère')) {
    len--
    s[len - 2] = 'e'
    return norm(s, len)
  }
  if (len > 7 && endsWith(s, len, 'ive')) {
    len--
    setTail(s, len, 'f')
    return norm(s, len)
  }
  if (len > 4 && (endsWith(s, len, 'folle') || endsWith(s, len, 'molle'))) {
    len -= 2
    setTail(s, len, 'u')
    return norm(s, len)
  }
  if (len > 9 && endsWith(s, len, 'nnelle')) return norm(s, len - 5)
  if (len > 9 && endsWith(s, len, 'nnel')) return norm(s, len - 3)
  if (len > 4 && endsWith(s, len, 'ète')) {
    len--
    s[len - 2] = 'e'
  }
  if (len > 8 && endsWith(s, len, 'ique')) len -= 4
  if (len > 8 && endsWith(s, len, 'esse')) return norm(s, len - 3)
  if (len > 7 && endsWith(s, len, 'inage')) return norm(s, len - 3)
  if (len > 9 && endsWith(s, len, 'isation')) {
    len -= 7
    if (len > 5 && endsWith(s, len, 'ual')) s[len - 2] = 'e'
    return norm(s, len)
  }
  if (len > 9 && endsWith(s, len, 'isateur')) return norm(s, len - 7)
  if (len > 8 && endsWith(s, len, 'ation')) return norm(s, len - 5)
  if (len > 8 && endsWith(s, len, 'ition')) return norm(s, len - 5)
  return norm(s, len)
}

export function frenchLightStem(term: string): string {
  const units = toUnits(term)
  return units.slice(0, stemLength(units, units.length)).join('')
}
