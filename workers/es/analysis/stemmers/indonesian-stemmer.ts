// Lucene's IndonesianStemmer (Tala, "A Study of Stemming Effects on Information Retrieval in Bahasa
// Indonesia") with stemDerivational, as IndonesianStemFilter runs it by default: the `stemmer` language
// indonesian and the last step of the indonesian analyzer. Lower-case input. Syllables are counted as the
// vowels a e i o u; each step needs more than two. A particle (-kah -lah -pun), then a possessive pronoun
// (-ku -mu -nya), then the derivational steps: a first-order prefix (meng- meny- men- mem- me- peng- peny-
// pen- pem- di- ter- ke-, some rewriting the next letter), and if one was removed a suffix (-kan -an -i)
// and then, if that fired too, a second-order prefix (ber- be- per- pe-); if none was removed, a
// second-order prefix and then a suffix. Which prefixes were removed decides which suffixes may go.
const VOWELS = new Set([...'aeiou'])

const KE = 1
const PENG = 2
const DI = 4
const MENG = 8
const TER = 16
const BER = 32
const PE = 64

/** The word being stemmed, its syllable count and the prefixes removed so far. */
class State {
  syllables: number
  flags = 0

  constructor(public word: string) {
    this.syllables = [...word].filter((ch) => VOWELS.has(ch)).length
  }

  /** Removes `n` units from the end or (negative) the start, with one syllable and the flag. */
  cut(n: number, flag = 0): void {
    this.word = n > 0 ? this.word.slice(0, -n) : this.word.slice(-n)
    this.syllables--
    this.flags |= flag
  }

  vowelAt(index: number): boolean {
    return VOWELS.has(this.word.charAt(index))
  }
}

function removeParticle(s: State): void {
  if (['kah', 'lah', 'pun'].some((particle) => s.word.endsWith(particle))) s.cut(3)
}

function removePossessivePronoun(s: State): void {
  if (s.word.endsWith('ku') || s.word.endsWith('mu')) s.cut(2)
  else if (s.word.endsWith('nya')) s.cut(3)
}

/** The first-order prefixes, in Lucene's order; meny-/peny-/pen- before a vowel leave s/s/t in their place. */
function removeFirstOrderPrefix(s: State): void {
  const w = s.word
  const rewrite = (keep: number, letter: string, flag: number): void => {
    s.word = letter + w.slice(keep + 1)
    s.syllables--
    s.flags |= flag
  }
  if (w.startsWith('meng')) s.cut(-4, MENG)
  else if (w.startsWith('meny') && w.length > 4 && s.vowelAt(4)) rewrite(3, 's', MENG)
  else if (w.startsWith('men') || w.startsWith('mem')) s.cut(-3, MENG)
  else if (w.startsWith('me')) s.cut(-2, MENG)
  else if (w.startsWith('peng')) s.cut(-4, PENG)
  else if (w.startsWith('peny') && w.length > 4 && s.vowelAt(4)) rewrite(3, 's', PENG)
  else if (w.startsWith('peny')) s.cut(-4, PENG)
  else if (w.startsWith('pen') && w.length > 3 && s.vowelAt(3)) rewrite(2, 't', PENG)
  else if (w.startsWith('pen') || w.startsWith('pem')) s.cut(-3, PENG)
  else if (w.startsWith('di')) s.cut(-2, DI)
  else if (w.startsWith('ter')) s.cut(-3, TER)
  else if (w.startsWith('ke')) s.cut(-2, KE)
}

function removeSecondOrderPrefix(s: State): void {
  const w = s.word
  if (w.startsWith('ber')) s.cut(-3, BER)
  else if (w.length === 7 && w.startsWith('belajar')) s.cut(-3, BER)
  else if (
    w.startsWith('be') &&
    w.length > 4 &&
    !s.vowelAt(2) &&
    w.charAt(3) === 'e' &&
    w.charAt(4) === 'r'
  ) {
    s.cut(-2, BER)
  } else if (w.startsWith('per')) s.cut(-3)
  else if (w.length === 7 && w.startsWith('pelajar')) s.cut(-3)
  else if (w.startsWith('pe')) s.cut(-2, PE)
}

function removeSuffix(s: State): void {
  const w = s.word
  const removed = (flag: number): boolean => (s.flags & flag) !== 0
  if (w.endsWith('kan') && !removed(KE) && !removed(PENG) && !removed(PE)) s.cut(3)
  else if (w.endsWith('an') && !removed(DI) && !removed(MENG) && !removed(TER)) s.cut(2)
  else if (w.endsWith('i') && !w.endsWith('si') && !removed(BER) && !removed(KE) && !removed(PENG)) s.cut(1)
}

/** Runs `step` when the word has more than two syllables; answers whether it changed the length. */
function fired(s: State, step: (s: State) => void): boolean {
  const before = s.word.length
  if (s.syllables > 2) step(s)
  return s.word.length !== before
}

export function indonesianStem(term: string): string {
  const s = new State(term)
  fired(s, removeParticle)
  fired(s, removePossessivePronoun)
  if (fired(s, removeFirstOrderPrefix)) {
    if (fired(s, removeSuffix)) fired(s, removeSecondOrderPrefix)
  } else {
    fired(s, removeSecondOrderPrefix)
    fired(s, removeSuffix)
  }
  return s.word
}
