// The RSLP stemmers of Lucene 9 over rslp-stemmer-base.ts, each a function of a lower-cased term:
//   portugueseRslpStem (PortugueseStemmer, `stemmer` portuguese_rslp): the steps of pt/portuguese.rslp in
//     the order Plural, Adverb, Feminine, Augmentative, Noun; Verb only when Noun left the length unchanged,
//     Vowel only when Verb did too; then accents folded (à á â ã ä å -> a, ç -> c, è é ê ë -> e,
//     ì í î ï -> i, ñ -> n, ò ó ô õ ö -> o, ù ú û ü -> u, ý ÿ -> y).
//   portugueseMinimalStem (PortugueseMinimalStemmer, RSLP-S, minimal_portuguese): pt's Plural step only.
//   galicianStem (GalicianStemmer, `stemmer` galician, the `galician` analyzer): the steps of
//     gl/galician.rslp in the order Plural, Unification, Adverb, Augmentative repeated until it leaves the
//     length unchanged, Noun, Verb only when Noun left the length unchanged, Vowel; then accents folded
//     (á -> a, é ê -> e, í -> i, ó -> o, ú -> u).
//   galicianMinimalStem (GalicianMinimalStemmer, minimal_galician): gl's Plural step only.
// "Unchanged" compares lengths, as Lucene does: a rule whose replacement is as long as its suffix (pt's
// Noun rule bil -> vel) counts as no change.
import { GALICIAN_RSLP_STEPS } from './rslp-galician-steps.ts'
import { PORTUGUESE_RSLP_STEPS } from './rslp-portuguese-steps.ts'
import { compileRslpSteps, type RslpStep, type RslpStepData } from './rslp-stemmer-base.ts'

/** The named steps of a rule set, each under the key given for it. */
function namedSteps<K extends string>(
  data: readonly RslpStepData[],
  names: Record<K, string>,
): Record<K, RslpStep> {
  const steps = compileRslpSteps(data)
  const entries = Object.entries<string>(names).map(([key, name]) => {
    const step = steps.get(name)
    if (!step) throw new Error(`no RSLP step ${name}`)
    return [key, step]
  })
  return Object.fromEntries(entries) as Record<K, RslpStep>
}

function foldAccents(word: string, folding: ReadonlyMap<string, string>): string {
  return [...word].map((char) => folding.get(char) ?? char).join('')
}

function foldingTable(groups: Readonly<Record<string, string>>): ReadonlyMap<string, string> {
  return new Map(
    Object.entries(groups).flatMap(([to, from]) => [...from].map((char): [string, string] => [char, to])),
  )
}

const pt = namedSteps(PORTUGUESE_RSLP_STEPS, {
  plural: 'Plural',
  adverb: 'Adverb',
  feminine: 'Feminine',
  augmentative: 'Augmentative',
  noun: 'Noun',
  verb: 'Verb',
  vowel: 'Vowel',
})
const PORTUGUESE_FOLDING = foldingTable({
  a: 'àáâãäå',
  c: 'ç',
  e: 'èéêë',
  i: 'ìíîï',
  n: 'ñ',
  o: 'òóôõö',
  u: 'ùúûü',
  y: 'ýÿ',
})

export function portugueseRslpStem(term: string): string {
  let word = pt.augmentative(pt.feminine(pt.adverb(pt.plural(term))))
  const beforeNoun = word.length
  word = pt.noun(word)
  if (word.length === beforeNoun) {
    const beforeVerb = word.length
    word = pt.verb(word)
    if (word.length === beforeVerb) word = pt.vowel(word)
  }
  return foldAccents(word, PORTUGUESE_FOLDING)
}

export const portugueseMinimalStem: RslpStep = pt.plural

const gl = namedSteps(GALICIAN_RSLP_STEPS, {
  plural: 'Plural',
  unification: 'Unification',
  adverb: 'Adverb',
  augmentative: 'Augmentative',
  noun: 'Noun',
  verb: 'Verb',
  vowel: 'Vowel',
})
const GALICIAN_FOLDING = foldingTable({ a: 'á', e: 'éê', i: 'í', o: 'ó', u: 'ú' })

export function galicianStem(term: string): string {
  let word = gl.adverb(gl.unification(gl.plural(term)))
  let before: number
  do {
    before = word.length
    word = gl.augmentative(word)
  } while (word.length !== before)
  const beforeNoun = word.length
  word = gl.noun(word)
  if (word.length === beforeNoun) word = gl.verb(word)
  return foldAccents(gl.vowel(word), GALICIAN_FOLDING)
}

export const galicianMinimalStem: RslpStep = gl.plural
