// Snowball's "russian" stemmer as Lucene 9 runs it: org.tartarus.snowball.ext.RussianStemmer, generated
// by Snowball 2.0.0, behind the `russian` analyzer, the `stemmer` filter's language "russian" and the
// `snowball` filter's "Russian". Expects lowercase input.
// Outline (https://snowballstem.org/algorithms/russian/stemmer.html):
//   every ё becomes е; the vowels are а е и о у ы э ю я;
//   RV is the part after the first vowel, R2 the usual R2 (after the first non-vowel that follows a vowel,
//   twice); every step works inside RV only: a suffix, and the а or я some suffixes must follow, lie in it;
//   step 1: a perfective gerund ending is removed; failing that, a reflexive ending (ся, сь) is removed if
//     there, then the first of an adjectival ending (an adjective ending, then a participle ending before
//     it if any), a verb ending or a noun ending; endings of group 1 only count after а or я;
//   step 2: a final и is removed;
//   step 3: a derivational ост / ость in R2 is removed;
//   step 4: a superlative ейш / ейше is removed and then нн undoubled; or нн undoubled; or a final ь removed.
// Each list is searched as Snowball's `among`: the longest listed suffix inside RV is the only candidate.
// The steps run on RV as a string; R2 is kept relative to it.
import { regionStart, SuffixAmong } from './snowball-program.ts'

const VOWELS = new Set([...'аеиоуыэюя'])

const isRussianVowel = (word: string, index: number): boolean => VOWELS.has(word.charAt(index))

/** 1: only after а or я (which stay); 2: anywhere in RV. */
type Group = 1 | 2

const group = (suffixes: string, value: Group): Record<string, Group> =>
  Object.fromEntries(suffixes.split(' ').map((suffix) => [suffix, value]))

const PERFECTIVE_GERUND = new SuffixAmong<Group>({
  ...group('в вши вшись', 1),
  ...group('ив ивши ившись ыв ывши ывшись', 2),
})

const REFLEXIVE = new SuffixAmong<Group>(group('ся сь', 2))

const ADJECTIVE = new SuffixAmong<Group>(
  group('ее ие ые ое ими ыми ей ий ый ой ем им ым ом его ого ему ому их ых ую юю ая яя ою ею', 2),
)

const PARTICIPLE = new SuffixAmong<Group>({ ...group('ем нн вш ющ щ', 1), ...group('ивш ывш ующ', 2) })

const VERB = new SuffixAmong<Group>({
  ...group('ла на ете йте ли й л ем н ло но ет ют ны ть ешь нно', 1),
  ...group(
    'ила ыла ена ейте уйте ите или ыли ей уй ил ыл им ым ен ило ыло ено ят ует уют ит ыт ены ить ыть ишь ую ю',
    2,
  ),
})

const NOUN = new SuffixAmong<Group>(
  group(
    'а ев ов ие ье е иями ями ами еи ии и ией ей ой ий й иям ям ием ем ам ом о у ах иях ях ы ь ию ью ю ия ья я',
    2,
  ),
)

const DERIVATIONAL = new SuffixAmong<Group>(group('ост ость', 2))

type TidyUp = 'superlative' | 'н' | 'ь'
const TIDY_UP = new SuffixAmong<TidyUp>({ ейш: 'superlative', ейше: 'superlative', н: 'н', ь: 'ь' })

/** The word without the longest listed ending, when its group's condition holds; null otherwise. */
function removeEnding(word: string, among: SuffixAmong<Group>): string | null {
  const found = among.find(word)
  if (!found) return null
  const before = word.charAt(found.start - 1)
  if (found.action === 1 && before !== 'а' && before !== 'я') return null
  return word.slice(0, found.start)
}

function adjectival(word: string): string | null {
  const stem = removeEnding(word, ADJECTIVE)
  if (stem === null) return null
  return removeEnding(stem, PARTICIPLE) ?? stem
}

function step1(rv: string): string {
  const gerund = removeEnding(rv, PERFECTIVE_GERUND)
  if (gerund !== null) return gerund
  const reflexive = REFLEXIVE.find(rv)
  const word = reflexive ? rv.slice(0, reflexive.start) : rv
  return adjectival(word) ?? removeEnding(word, VERB) ?? removeEnding(word, NOUN) ?? word
}

function tidyUp(word: string): string {
  const found = TIDY_UP.find(word)
  if (!found) return word
  const stem = word.slice(0, found.start)
  switch (found.action) {
    case 'superlative':
      return stem.endsWith('нн') ? stem.slice(0, -1) : stem
    case 'н':
      return stem.endsWith('н') ? stem : word
    case 'ь':
      return stem
  }
}

/** The stem of a lowercase term, as Lucene 9's SnowballFilter with RussianStemmer computes it. */
export function snowballRussianStem(term: string): string {
  const word = term.replaceAll('ё', 'е')
  let rvStart = 0
  while (rvStart < word.length && !isRussianVowel(word, rvStart)) rvStart++
  rvStart = Math.min(rvStart + 1, word.length)
  const r2 = regionStart(word, regionStart(word, 0, isRussianVowel), isRussianVowel) - rvStart
  let rv = step1(word.slice(rvStart))
  if (rv.endsWith('и')) rv = rv.slice(0, -1)
  const derivational = DERIVATIONAL.find(rv)
  if (derivational && derivational.start >= r2) rv = rv.slice(0, derivational.start)
  return word.slice(0, rvStart) + tidyUp(rv)
}
