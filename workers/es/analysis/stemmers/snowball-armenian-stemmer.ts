// Snowball's "armenian" stemmer as Lucene 9 runs it: org.tartarus.snowball.ext.ArmenianStemmer, generated
// by Snowball 2.0.0, behind the `armenian` analyzer, the `stemmer` filter's language "armenian" and the
// `snowball` filter's "Armenian". Expects lower-case input.
// Outline (https://snowballstem.org/algorithms/armenian/stemmer.html):
//   the vowels are ա ե է ը ի ո ւ օ; RV is the part after the first vowel, R2 the part after the first
//   non-vowel that follows a vowel, taken twice;
//   all steps work inside RV, one after another on the word each leaves: an ending is removed when it lies
//   in R2, then a verb suffix, an adjective suffix and a noun suffix are each removed.
// Each list is searched as Snowball's `among` with the backward limit at RV's start: the longest listed
// suffix that lies inside RV is the only candidate. The steps run on RV as a string; R2 is kept relative to it.
import { regionStart, SuffixAmong } from './snowball-program.ts'

const VOWELS = new Set([...'աեէըիուօ'])

const isArmenianVowel = (word: string, index: number): boolean => VOWELS.has(word.charAt(index))

const among = (suffixes: string): SuffixAmong<true> =>
  new SuffixAmong(Object.fromEntries(suffixes.split(' ').map((suffix) => [suffix, true as const])))

const ADJECTIVE = among(
  'րորդ երորդ ալի ակի որակ եղ ական արան են եկեն երեն որէն ին գին ովին լայն վուն պես իվ ատ ավետ կոտ բար',
)

const VERB = among(
  'ա ացա եցա վե ացրի ացի եցի վեցի ալ ըալ անալ ենալ ացնալ ել ըել նել ցնել եցնել չել վել ացվել ' +
    'եցվել տել ատել ոտել կոտել ված ում վում ան ցան ացան ացրին ացին եցին վեցին ալիս ելիս ավ ացավ ' +
    'եցավ ալով ելով ար ացար եցար ացրիր ացիր եցիր վեցիր աց եց ացրեց ալուց ելուց ալու ելու աք ցաք ' +
    'ացաք ացրիք ացիք եցիք վեցիք անք ցանք ացանք ացրինք ացինք եցինք վեցինք',
)

const NOUN = among(
  'որդ ույթ ուհի ցի իլ ակ յակ անակ իկ ուկ ան պան ստան արան եղէն յուն ություն ածո իչ ուս ուստ ' +
    'գար վոր ավոր ոց անօց ու ք չեք իք ալիք անիք վածք ույք ենք ոնք ունք մունք իչք արք',
)

const ENDING = among(
  'սա վա ամբ դ անդ ությանդ վանդ ոջդ երդ ներդ ուդ ը անը ությանը վանը ոջը երը ները ի վի երի ' +
    'ների անում երում ներում ն ան ության վան ին երին ներին ությանն երն ներն ուն ոջ ությանս վանս ' +
    'ոջս ով անով վով երով ներով եր ներ ց ից վանից ոջից վից երից ներից ցից ոց ուց',
)

/** RV without the longest suffix of `list`, when that suffix starts at or after `from`. */
function removeSuffix(rv: string, list: SuffixAmong<true>, from = 0): string {
  const found = list.find(rv)
  return found && found.start >= from ? rv.slice(0, found.start) : rv
}

/** The stem of a lower-case term, as Lucene 9's SnowballFilter with ArmenianStemmer computes it. */
export function snowballArmenianStem(term: string): string {
  let rvStart = 0
  while (rvStart < term.length && !isArmenianVowel(term, rvStart)) rvStart++
  rvStart = Math.min(rvStart + 1, term.length)
  const r2 = regionStart(term, regionStart(term, 0, isArmenianVowel), isArmenianVowel) - rvStart
  let rv = removeSuffix(term.slice(rvStart), ENDING, r2)
  for (const list of [VERB, ADJECTIVE, NOUN]) rv = removeSuffix(rv, list)
  return term.slice(0, rvStart) + rv
}
