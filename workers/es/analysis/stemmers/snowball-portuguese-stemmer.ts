// Snowball's "portuguese" stemmer as Lucene 9 runs it: org.tartarus.snowball.ext.PortugueseStemmer, generated
// by Snowball 2.0.0, behind the `stemmer` filter's language "portuguese" and the `snowball` filter's
// "Portuguese". Expects lowercase input. (The `portuguese` analyzer uses PortugueseLightStemFilter instead.)
// Outline (https://snowballstem.org/algorithms/portuguese/stemmer.html):
//   prelude: ã and õ become a~ and o~ (the ~ is no vowel); the vowels are a e i o u á â é ê í ó ô ú;
//   regions: RV as the Romance programs define it (snowball-program.ts), R1 and R2 the usual ones;
//   step 1: the longest standard suffix, with its region condition (R2 mostly, R1 for -amente, RV and a
//     preceding e for -ira/-iras, which become -ir) and its follow-ups (-iv/-at after -amente, -ante/-avel/
//     -ível after -mente, -ic/-abil/-iv after -idade, -at after -iva); only when there is none, or its
//     condition fails, the longest verb suffix lying inside RV is deleted;
//   step 3 (when step 1 changed the word): a final i in RV after c is deleted;
//   step 4 (when it did not): a final a i o os á í ó in RV is deleted;
//   step 5: a final e é ê in RV is deleted, and then the u of gu or the i of ci when in RV; a final ç
//     becomes c;
//   postlude: a~ and o~ back to ã and õ.
// Each list is searched as Snowball's `among`: only the longest listed suffix is a candidate (for the verb
// suffixes, the longest lying inside RV). Region starts are absolute indexes; the steps only change the
// word's end.
import { SuffixAmong, suffixActions, romanceRegions, type RomanceRegions } from './snowball-program.ts'

const VOWELS = new Set([...'aeiouáâéêíóôú'])

const isPortugueseVowel = (word: string, index: number): boolean => VOWELS.has(word.charAt(index))

type Standard = 'r2' | 'logia' | 'ução' | 'ência' | 'amente' | 'mente' | 'idade' | 'iva' | 'ira'

const STANDARD = new SuffixAmong<Standard>({
  ...suffixActions<Standard>(
    'ica ância adora osa ista eza ante ável ível ico ismo oso amento imento aça~o ador icas adoras osas ' +
      'istas ezas adores antes aço~es icos ismos osos amentos imentos',
    'r2',
  ),
  ...suffixActions<Standard>('logia logias', 'logia'),
  ...suffixActions<Standard>('uça~o uço~es', 'ução'),
  ...suffixActions<Standard>('ência ências', 'ência'),
  ...suffixActions<Standard>('amente', 'amente'),
  ...suffixActions<Standard>('mente', 'mente'),
  ...suffixActions<Standard>('idade idades', 'idade'),
  ...suffixActions<Standard>('iva ivo ivas ivos', 'iva'),
  ...suffixActions<Standard>('ira iras', 'ira'),
})

const AFTER_AMENTE = new SuffixAmong<'delete' | 'iv'>({ ic: 'delete', ad: 'delete', os: 'delete', iv: 'iv' })
const AFTER_MENTE = new SuffixAmong<true>(suffixActions('ante avel ível', true))
const AFTER_IDADE = new SuffixAmong<true>(suffixActions('ic abil iv', true))

/** The word without the longest of `among`'s suffixes when it starts at or after `region`. */
function deleteAmong<Action>(word: string, among: SuffixAmong<Action>, region: number): string {
  const found = among.find(word)
  return found && found.start >= region ? word.slice(0, found.start) : word
}

/** Step 1's standard suffixes: the new word, or null when no suffix applies (the verb step runs then). */
function standardSuffix(word: string, { rv, r1, r2 }: RomanceRegions): string | null {
  const found = STANDARD.find(word)
  if (!found) return null
  const region = found.action === 'amente' ? r1 : found.action === 'ira' ? rv : r2
  if (found.start < region) return null
  const stem = word.slice(0, found.start)
  switch (found.action) {
    case 'r2':
      return stem
    case 'logia':
      return stem + 'log'
    case 'ução':
      return stem + 'u'
    case 'ência':
      return stem + 'ente'
    case 'amente': {
      const next = AFTER_AMENTE.find(stem)
      if (!next || next.start < r2) return stem
      const shorter = stem.slice(0, next.start)
      return next.action === 'iv' && shorter.endsWith('at') && shorter.length - 2 >= r2
        ? shorter.slice(0, -2)
        : shorter
    }
    case 'mente':
      return deleteAmong(stem, AFTER_MENTE, r2)
    case 'idade':
      return deleteAmong(stem, AFTER_IDADE, r2)
    case 'iva':
      return stem.endsWith('at') && stem.length - 2 >= r2 ? stem.slice(0, -2) : stem
    case 'ira':
      return stem.endsWith('e') ? stem + 'ir' : null
  }
}

const VERB = new SuffixAmong<true>(
  suffixActions(
    'ada ida ia aria eria iria ara era ira ava asse esse isse aste este iste ei arei erei irei am iam ariam ' +
      'eriam iriam aram eram iram avam em arem erem irem assem essem issem ado ido ando endo indo ara~o ' +
      'era~o ira~o ar er ir as adas idas ias arias erias irias aras eras iras avas es ardes erdes irdes ares ' +
      'eres ires asses esses isses astes estes istes is ais eis areis ereis ireis áreis éreis íreis ásseis ' +
      'ésseis ísseis áveis íeis aríeis eríeis iríeis ados idos amos áramos éramos íramos ávamos íamos ' +
      'aríamos eríamos iríamos emos aremos eremos iremos ássemos êssemos íssemos imos armos ermos irmos ' +
      'ámos arás erás irás eu iu ou ará erá irá',
    true,
  ),
)

/** Step 2: the longest verb suffix lying inside RV deleted, or null when there is none. */
function verbSuffix(word: string, { rv }: RomanceRegions): string | null {
  const found = VERB.find(word.slice(rv))
  return found ? word.slice(0, rv + found.start) : null
}

const RESIDUAL_SUFFIX = new SuffixAmong<true>(suffixActions('a i o os á í ó', true))

function residualForm(word: string, { rv }: RomanceRegions): string {
  if (word.endsWith('ç')) return word.slice(0, -1) + 'c'
  const last = word.length - 1
  if (last < rv || !'eéê'.includes(word.charAt(last))) return word
  const stem = word.slice(0, last)
  const before = stem.slice(-2)
  return (before === 'gu' || before === 'ci') && last - 1 >= rv ? stem.slice(0, -1) : stem
}

/** The stem of a lowercase term, as Lucene 9's SnowballFilter with PortugueseStemmer computes it. */
export function snowballPortugueseStem(term: string): string {
  const word = term.replaceAll('ã', 'a~').replaceAll('õ', 'o~')
  const regions = romanceRegions(word, isPortugueseVowel)
  const changed = standardSuffix(word, regions) ?? verbSuffix(word, regions)
  let stem: string
  if (changed !== null) {
    const i = changed.length - 1
    stem = changed.endsWith('ci') && i >= regions.rv ? changed.slice(0, i) : changed
  } else {
    stem = deleteAmong(word, RESIDUAL_SUFFIX, regions.rv)
  }
  return residualForm(stem, regions).replaceAll('a~', 'ã').replaceAll('o~', 'õ')
}
