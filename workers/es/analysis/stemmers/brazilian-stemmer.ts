// Lucene 9's BrazilianStemmer (org.apache.lucene.analysis.br) behind BrazilianStemFilter: the `brazilian`
// analyzer's stemmer and the `stemmer` filter's "brazilian".
// The changed term CT: the term lower-cased (String.toLowerCase), á â ã -> a, é ê -> e, í -> i, ó ô õ -> o,
// ú ü -> u, ç -> c, ñ -> n, then one leading " ' - , ; . ? ! and one trailing - , ; . ? ! ' " removed (each
// only while CT has two or more chars). A CT of fewer than 3 or more than 29 chars is not indexable: the
// filter keeps the term as it came. A CT with a char that is not a letter is returned as is. Otherwise:
//   R1 is the part after the first non-vowel that follows a vowel (vowels a e i o u; the search stops
//   before the last char), R2 the same inside R1; RV: when the second char is a consonant, the part after
//   the next vowel (from the third char); when the first two are vowels, the part after the next
//   consonant; otherwise the part after the third char (searches again stop before the last char).
//   Regions are computed once, on CT before any step, and never recomputed (Lucene's behaviour): steps 3,
//   4 and 5 test the original RV and remove from the current CT only when it ends with that suffix.
//   step 1: the first standard suffix in its region (mostly R2) is removed or replaced;
//   step 2 (when step 1 did nothing): the first verb suffix that ends RV is removed;
//   step 3 (when step 1 or 2 acted): a final i after c in RV is removed;
//   step 4 (otherwise): a residual os, a, i or o that ends RV is removed;
//   step 5: a final e in RV is removed, with the u of gue or the i of cie.
// Lucene's slips are kept: step 1's "logias" reports a change but leaves CT as it is, and step 2's "ira"
// removes "ava" (so nothing) but still counts as a change.
import { isLetter } from '../unicode/character.ts'

const FOLDS: ReadonlyMap<string, string> = new Map([
  ['á', 'a'],
  ['â', 'a'],
  ['ã', 'a'],
  ['é', 'e'],
  ['ê', 'e'],
  ['í', 'i'],
  ['ó', 'o'],
  ['ô', 'o'],
  ['õ', 'o'],
  ['ú', 'u'],
  ['ü', 'u'],
  ['ç', 'c'],
  ['ñ', 'n'],
])

const LEADING_PUNCTUATION = new Set([...'"\'-,;.?!'])
const TRAILING_PUNCTUATION = new Set([...'-,;.?!\'"'])

function changedTerm(term: string): string {
  let ct = term
    .toLowerCase()
    .split('')
    .map((c) => FOLDS.get(c) ?? c)
    .join('')
  if (ct.length < 2) return ct
  if (LEADING_PUNCTUATION.has(ct.charAt(0))) ct = ct.slice(1)
  if (ct.length < 2) return ct
  if (TRAILING_PUNCTUATION.has(ct.charAt(ct.length - 1))) ct = ct.slice(0, -1)
  return ct
}

const isVowel = (c: string): boolean => c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u'

/** getR1: the part after the first non-vowel following a vowel, searching before the last char; '' if none. */
function r1Of(value: string): string {
  const last = value.length - 1
  let j = 0
  while (j < last && !isVowel(value.charAt(j))) j++
  if (j >= last) return ''
  while (j < last && isVowel(value.charAt(j))) j++
  return j < last ? value.slice(j + 1) : ''
}

function rvOf(value: string): string {
  const last = value.length - 1
  if (last > 0 && !isVowel(value.charAt(1))) {
    let j = 2
    while (j < last && !isVowel(value.charAt(j))) j++
    if (j < last) return value.slice(j + 1)
  }
  if (last > 1 && isVowel(value.charAt(0)) && isVowel(value.charAt(1))) {
    let j = 2
    while (j < last && isVowel(value.charAt(j))) j++
    if (j < last) return value.slice(j + 1)
  }
  return last > 2 ? value.slice(3) : ''
}

const removeSuffix = (value: string, suffix: string): string =>
  value.endsWith(suffix) ? value.slice(0, value.length - suffix.length) : value

interface Regions {
  r1: string
  r2: string
  rv: string
}

/** A step 1 rule: the suffix, the region it must end, and what replaces it (null: CT is left unchanged). */
type Step1Rule = readonly [suffix: string, region: 'r1' | 'r2' | 'rv-after-e', replacement: string | null]

const r2 = (suffixes: string): Step1Rule[] => suffixes.split(' ').map((s) => [s, 'r2', ''] as const)

const STEP1: readonly Step1Rule[] = [
  ['uciones', 'r2', 'u'],
  ...r2('imentos amentos adores adoras'),
  ['logias', 'r2', null],
  ['encias', 'r2', 'ente'],
  ['amente', 'r1', ''],
  ...r2('idades acoes imento amento adora ismos istas'),
  ['logia', 'r2', 'log'],
  ['ucion', 'r2', 'u'],
  ['encia', 'r2', 'ente'],
  ...r2('mente idade acao ezas icos icas ismo avel ivel ista osos osas ador ivas ivos'),
  ['iras', 'rv-after-e', 'ir'],
  ...r2('eza ico ica oso osa iva ivo'),
  ['ira', 'rv-after-e', 'ir'],
]

/** Step 1 on CT: the changed CT, or null when no rule applied. */
function step1(ct: string, regions: Regions): string | null {
  for (const [suffix, region, replacement] of STEP1) {
    if (!ct.endsWith(suffix)) continue
    const applies =
      region === 'rv-after-e'
        ? regions.rv.endsWith(suffix) && removeSuffix(ct, suffix).endsWith('e')
        : regions[region].endsWith(suffix)
    if (applies) return replacement === null ? ct : removeSuffix(ct, suffix) + replacement
  }
  return null
}

/** Step 2's verb suffixes in Lucene's order; "ira" removes "ava" (a slip kept as Lucene has it). */
const STEP2 = (
  'issemos essemos assemos ariamos eriamos iriamos iremos eremos aremos avamos iramos eramos aramos asseis ' +
  'esseis isseis arieis erieis irieis irmos iamos armos ermos areis ereis ireis asses esses isses astes ' +
  'assem essem issem ardes erdes irdes ariam eriam iriam arias erias irias estes istes aveis aria eria iria ' +
  'asse esse isse aste este iste arei erei irei aram eram iram avam arem erem irem ando endo indo arao erao ' +
  'irao adas idas aras eras iras avas ares eres ires ados idos amos emos imos ieis ada ida ara era ira iam ' +
  'ado ido ias ais eis ear ia ei am em ar er ir as es is eu iu ou'
).split(' ')

function step2(ct: string, rv: string): string | null {
  const suffix = STEP2.find((s) => rv.endsWith(s))
  if (suffix === undefined) return null
  return removeSuffix(ct, suffix === 'ira' ? 'ava' : suffix)
}

function step3(ct: string, rv: string): string {
  return rv.endsWith('ci') ? removeSuffix(ct, 'i') : ct
}

function step4(ct: string, rv: string): string {
  const suffix = ['os', 'a', 'i', 'o'].find((s) => rv.endsWith(s))
  return suffix === undefined ? ct : removeSuffix(ct, suffix)
}

function step5(ct: string, rv: string): string {
  if (!rv.endsWith('e')) return ct
  const stem = removeSuffix(ct, 'e')
  if (rv.endsWith('gue')) return removeSuffix(stem, 'u')
  if (rv.endsWith('cie')) return removeSuffix(stem, 'i')
  return stem
}

function isStemmable(ct: string): boolean {
  for (let i = 0; i < ct.length; i++) if (!isLetter(ct.charCodeAt(i))) return false
  return true
}

/** The term BrazilianStemFilter leaves: the stem, or the term itself when CT is not indexable. */
export function brazilianStem(term: string): string {
  const ct = changedTerm(term)
  if (ct.length < 3 || ct.length >= 30) return term
  if (!isStemmable(ct)) return ct
  const r1 = r1Of(ct)
  const regions: Regions = { r1, r2: r1Of(r1), rv: rvOf(ct) }
  const altered = step1(ct, regions) ?? step2(ct, regions.rv)
  return step5(altered === null ? step4(ct, regions.rv) : step3(altered, regions.rv), regions.rv)
}
