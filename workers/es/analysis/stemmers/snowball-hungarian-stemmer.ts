// Snowball's "hungarian" stemmer as Lucene 9 runs it: org.tartarus.snowball.ext.HungarianStemmer, generated
// by Snowball 2.0.0, behind the `hungarian` analyzer, the `stemmer` filter's language "hungarian" and the
// `snowball` filter's "Hungarian". Expects lowercase input.
// Outline (https://snowballstem.org/algorithms/hungarian/stemmer.html):
//   the vowels are a e i o u á é í ó ö ú ü ő ű; R1 is, in a word that begins with a vowel, the part after the
//     first non-vowel that follows (a digraph cs dzs gy ly ny sz ty zs counting as one), and otherwise the
//     part after the first vowel (none when there is no such position); every suffix below must lie in R1;
//   then, one after another, each step removing at most one suffix (the longest of its list):
//     instrumental -al/-el after a double consonant (bb, ccs, ggy, ...): deleted, and the double undoubled;
//     cases (-ban, -ből, -nak, -ként, ...): deleted, then a final á/é in R1 becomes a/e;
//     -án/-ánként -> a, -én -> e;  -stul/-astul/-stül/-estül deleted, -ástul -> a, -éstül -> e;
//     factive -á/-é after a double consonant: deleted, and the double undoubled;
//     owned (-é, -éi, -ké, -áké -> a, -éké/-éé/-ééi -> e, ...);  singular owner (-ja, -unk, -ájuk -> a, ...);
//     plural owner (-aik, -eitek, -áim -> a, -éim -> e, ...);  plural -k/-ak/-ek/-ok/-ök deleted, -ák -> a,
//     -ék -> e.
// Undoubling removes the letter before the word's last one (ll -> l, ccs -> cs, ggy -> gy).
// Each list is searched as Snowball's `among`: only the longest listed suffix is a candidate. R1 is an
// absolute index; the steps only change the word's end.
import { SuffixAmong, suffixActions } from './snowball-program.ts'

const VOWELS = new Set([...'aeiouáéíóöúüőű'])
const DIGRAPHS = ['dzs', 'cs', 'gy', 'ly', 'ny', 'sz', 'ty', 'zs']

const isVowel = (word: string, index: number): boolean => VOWELS.has(word.charAt(index))

function markR1(word: string): number {
  if (isVowel(word, 0)) {
    for (let index = 1; index < word.length; index++) {
      if (isVowel(word, index)) continue
      const digraph = DIGRAPHS.find((candidate) => word.startsWith(candidate, index))
      return index + (digraph?.length ?? 1)
    }
  } else if (word.length > 0) {
    for (let index = 1; index < word.length; index++) if (isVowel(word, index)) return index + 1
  }
  return word.length
}

const DOUBLE = new SuffixAmong<true>(
  suffixActions('bb cc dd ff gg jj kk ll mm nn pp rr ccs ss zzs tt vv ggy lly nny tty ssz zz', true),
)

/** A suffix after a double consonant (instrumental -al/-el, factive -á/-é): deleted, the double undoubled. */
function afterDouble(word: string, among: SuffixAmong<true>, r1: number): string {
  const found = among.find(word)
  if (!found || found.start < r1) return word
  const stem = word.slice(0, found.start)
  if (!DOUBLE.find(stem)) return word
  return stem.slice(0, -2) + stem.slice(-1)
}

const INSTRUMENTAL = new SuffixAmong<true>(suffixActions('al el', true))
const FACTIVE = new SuffixAmong<true>(suffixActions('á é', true))

/** The word with the longest of `among`'s suffixes replaced, when it lies in R1. */
function replaceIn(word: string, among: SuffixAmong<string>, r1: number): string {
  const found = among.find(word)
  return found && found.start >= r1 ? word.slice(0, found.start) + found.action : word
}

const CASE = new SuffixAmong<string>(
  suffixActions(
    'ba ra be re ig nak nek val vel ul nál nél ból ról tól ül ből ről től n an ban en ben képpen on ön képp ' +
      'kor t at et ként anként enként onként ot ért öt hez hoz höz vá vé',
    '',
  ),
)
const V_ENDING = new SuffixAmong<string>({ á: 'a', é: 'e' })

function caseEnding(word: string, r1: number): string {
  const found = CASE.find(word)
  if (!found || found.start < r1) return word
  return replaceIn(word.slice(0, found.start), V_ENDING, r1)
}

const CASE_SPECIAL = new SuffixAmong<string>({ én: 'e', án: 'a', ánként: 'a' })
const CASE_OTHER = new SuffixAmong<string>({
  ...suffixActions('stul astul stül estül', ''),
  ástul: 'a',
  éstül: 'e',
})
const OWNED = new SuffixAmong<string>({
  ...suffixActions('éi é ké aké eké oké öké', ''),
  ...suffixActions('áéi áké', 'a'),
  ...suffixActions('ééi éké éé', 'e'),
})
const SINGULAR_OWNER = new SuffixAmong<string>({
  ...suffixActions('a ja d ad ed od öd e je nk unk ünk uk juk ük jük m am em om o', ''),
  ...suffixActions('ád ánk ájuk ám á', 'a'),
  ...suffixActions('éd énk éjük ém é', 'e'),
})
const PLURAL_OWNER = new SuffixAmong<string>({
  ...suffixActions(
    'id aid jaid eid jeid i ai jai ei jei itek eitek jeitek ik aik jaik eik jeik ink aink jaink eink jeink ' +
      'aitok jaitok im aim jaim eim jeim',
    '',
  ),
  ...suffixActions('áid ái áik áink áitok áim', 'a'),
  ...suffixActions('éid éi éitek éik éink éim', 'e'),
})
const PLURAL = new SuffixAmong<string>({ ...suffixActions('k ak ek ok ök', ''), ák: 'a', ék: 'e' })

/** The stem of a lowercase term, as Lucene 9's SnowballFilter with HungarianStemmer computes it. */
export function snowballHungarianStem(term: string): string {
  const r1 = markR1(term)
  let word = afterDouble(term, INSTRUMENTAL, r1)
  word = caseEnding(word, r1)
  word = replaceIn(word, CASE_SPECIAL, r1)
  word = replaceIn(word, CASE_OTHER, r1)
  word = afterDouble(word, FACTIVE, r1)
  for (const among of [OWNED, SINGULAR_OWNER, PLURAL_OWNER, PLURAL]) word = replaceIn(word, among, r1)
  return word
}
