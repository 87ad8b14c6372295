// Snowball's "estonian" stemmer as Lucene 9 runs it: org.tartarus.snowball.ext.EstonianStemmer, generated
// by Snowball 2.0.0, behind the `stemmer` filter's language "estonian" and the `snowball` filter's
// "Estonian". Expects lower-case input.
// Outline (https://snowballstem.org/algorithms/estonian/stemmer.html):
//   the vowels are a e i o u ä õ ö ü; R1 is the part after the first non-vowel that follows a vowel;
//   a word that is one of the listed forms of 18 irregular verbs becomes that verb's stem and nothing else
//   happens;
//   emphasis: -gi (after a letter of a c e i j l m n o q r u v w x ä õ ö ü that is not the second of a long
//   vowel) or -ki (after b d f g h k p s t z š ž) in R1 is removed when at least 4 letters precede it;
//   verb: a verb ending in R1 is removed (or -akse becomes -a; -da -b -me -n only after a vowel); when one
//   is, the word is a verb and the noun steps are skipped;
//   noun steps, each on the word the previous left: -lane/-lasse/-lasi/-last -> lase (and the -line and
//   -mine families -> lise, mise); a case ending after a vowel a e i o u or a long vowel; the plural of
//   the first three cases (-ikkude/-ike/-ikke -> iku; -sid unless after a long vowel; -te, as the program
//   details; -d/-de after a vowel or long vowel); the degrees -ma, -mai, -m; a plural -i after a vowel;
//   the participles -va -du -nu -tu; every ending list searched inside R1;
//   finally a doubled kk, pp or tt before a final vowel loses one consonant.
// Each list is searched as Snowball's `among`: the longest listed suffix inside R1 is the only candidate,
// and the letters tested before it may lie outside R1.
import { regionStart, SuffixAmong } from './snowball-program.ts'

const inGroup = (letters: string): ((char: string) => boolean) => {
  const set = new Set([...letters])
  return (char) => set.has(char)
}

const isVowel = inGroup('aeiouäõöü')
const isShortVowel = inGroup('aeiou')
const isKi = inGroup('bdfghkpstzšž')
const isGi = inGroup('aceijlmnoqruvwxäõöü')

/** The irregular verbs: each listed form to the verb's stem. */
const forms = (list: string, stem: string): [string, string][] => list.split(' ').map((form) => [form, stem])

const VERB_EXCEPTIONS: ReadonlyMap<string, string> = new Map([
  ...forms(
    'joob jood joodakse jooma joomata joome joon joote joovad juua juuakse jõi jõid jõime ' + 'jõin jõite',
    'joo',
  ),
  ...forms(
    'jäi jäid jäime jäin jäite jääb jääd jääda jäädakse jäädi jääks jääksid jääksime jääksin ' +
      'jääksite jääma jäämata jääme jään jääte jäävad',
    'jääma',
  ),
  ...forms(
    'keeb keed keedakse keeks keeksid keeksime keeksin keeksite keema keemata keeme keen kees ' +
      'keeta keete keevad',
    'keesi',
  ),
  ...forms(
    'käia käiakse käib käid käidi käiks käiksid käiksime käiksin käiksite käima käimata käime ' +
      'käin käis käite käivad',
    'käisi',
  ),
  ...forms('laob laod laoks laoksid laoksime laoksin laoksite laome laon laote laovad', 'ladu'),
  ...forms(
    'loob lood loodi looks looksid looksime looksin looksite looma loomata loome loon loote ' +
      'loovad luua luuakse',
    'loo',
  ),
  ...forms('loeb loed loeks loeksid loeksime loeksin loeksite loeme loen loete loevad', 'luge'),
  ...forms('lõi lõid lõime lõin lõite', 'löi'),
  ...forms(
    'lööb lööd löödakse löödi lööks lööksid lööksime lööksin lööksite lööma löömata lööme ' +
      'löön lööte löövad lüüa lüüakse',
    'löö',
  ),
  ...forms(
    'müüa müüakse müüb müüd müüdi müüks müüksid müüksime müüksin müüksite müüma müümata müüme ' +
      'müün müüs müüte müüvad',
    'müüsi',
  ),
  ...forms(
    'näeb näed näeks näeksid näeksime näeksin näeksite näeme näen näete näevad nägema ' +
      'nägemata näha nähakse nähti',
    'nägi',
  ),
  ...forms('põeb põed põeks põeksid põeksime põeksin põeksite põeme põen põete põevad', 'põde'),
  ...forms(
    'saab saad saada saadakse saadi saaks saaksid saaksime saaksin saaksite saama saamata ' +
      'saame saan saate saavad sai said saime sain saite',
    'saa',
  ),
  ...forms(
    'sõi sõid sõime sõin sõite sööb sööd söödakse söödi sööks sööksid sööksime sööksin ' +
      'sööksite sööma söömata sööme söön sööte söövad süüa süüakse',
    'söö',
  ),
  ...forms(
    'teeb teed teeks teeksid teeksime teeksin teeksite teeme teen teete teevad tegema ' +
      'tegemata teha tehakse tehti',
    'tegi',
  ),
  ...forms(
    'toob tood toodi tooks tooksid tooksime tooksin tooksite tooma toomata toome toon toote ' +
      'toovad tuua tuuakse tõi tõid tõime tõin tõite',
    'too',
  ),
  ...forms(
    'viia viiakse viib viid viidi viiks viiksid viiksime viiksin viiksite viima viimata viime ' +
      'viin viisime viisin viisite viite viivad',
    'viima',
  ),
  ...forms(
    'võib võid võida võidakse võidi võiks võiksid võiksime võiksin võiksite võima võimata ' +
      'võime võin võis võite võivad',
    'võisi',
  ),
])

type Actions<Action> = Readonly<Record<string, Action>>
const among = <Action>(actions: Actions<Action>): SuffixAmong<Action> => new SuffixAmong(actions)
const same = <Action>(suffixes: string, action: Action): Actions<Action> =>
  Object.fromEntries(suffixes.split(' ').map((suffix) => [suffix, action]))

const EMPHASIS = among({ gi: 'gi', ki: 'ki' })
const VERB = among<'delete' | 'a' | 'after-vowel'>({
  ...same(
    'mata ksid nuksid sime ksime nuksime dakse takse site ksite nuksite sin ksin nuksin daks taks',
    'delete',
  ),
  akse: 'a',
  ...same('da b me n', 'after-vowel'),
})
const SPECIAL_NOUN_ENDINGS = among({
  ...same('lane lasse lasi last', 'lase'),
  ...same('line lisse lisi list', 'lise'),
  ...same('mine misse misi mist', 'mise'),
})
const CASE_ENDINGS = among(same('ga ta le sse l s ks t lt st', true))
const PLURAL_FIRST_CASES = among<'iku' | 'sid' | 'te' | 'd'>({
  ...same('ikkude ike ikke', 'iku'),
  sid: 'sid',
  te: 'te',
  ...same('d de', 'd'),
})
const DEGREES = among<'after-vowel' | 'delete'>({ ma: 'delete', mai: 'after-vowel', m: 'after-vowel' })
const PARTICIPLES = among(same('va du nu tu', true))
const LONG_VOWELS = ['aa', 'ee', 'ii', 'oo', 'uu', 'ää', 'õõ', 'öö', 'üü']

/** Whether a long vowel ends word[0..end). */
const longVowelBefore = (word: string, end: number): boolean =>
  LONG_VOWELS.some((long) => end >= 2 && word.startsWith(long, end - 2))

/** The longest suffix of `table` inside R1, as [start, action]; undefined when none. */
function findInR1<Action>(
  word: string,
  table: SuffixAmong<Action>,
  r1: number,
): [number, Action] | undefined {
  if (r1 > word.length) return undefined
  const found = table.find(word.slice(r1))
  return found ? [r1 + found.start, found.action] : undefined
}

function emphasis(word: string, r1: number): string {
  const found = findInR1(word, EMPHASIS, r1)
  if (!found || found[0] < 4) return word
  const [start, suffix] = found
  const before = word.charAt(start - 1)
  const removable = suffix === 'gi' ? isGi(before) && !longVowelBefore(word, start) : isKi(before)
  return removable ? word.slice(0, start) : word
}

/** The verb step: the word it leaves, or null when no verb ending was removed. */
function verb(word: string, r1: number): string | null {
  const found = findInR1(word, VERB, r1)
  if (!found) return null
  const [start, action] = found
  if (action === 'a') return word.slice(0, start) + 'a'
  if (action === 'after-vowel' && !isVowel(word.charAt(start - 1))) return null
  return word.slice(0, start)
}

function specialNounEndings(word: string, r1: number): string {
  const found = findInR1(word, SPECIAL_NOUN_ENDINGS, r1)
  return found ? word.slice(0, found[0]) + found[1] : word
}

/** Whether a short vowel or a long vowel ends word[0..end). */
const vowelOrLongVowelBefore = (word: string, end: number): boolean =>
  (end > 0 && isShortVowel(word.charAt(end - 1))) || longVowelBefore(word, end)

function caseEnding(word: string, r1: number): string {
  const found = findInR1(word, CASE_ENDINGS, r1)
  return found && vowelOrLongVowelBefore(word, found[0]) ? word.slice(0, found[0]) : word
}

/** -te: after mis/las/lis -> e (when 4 letters precede), else removed unless after t; short words -> t. */
function pluralTe(word: string, start: number): string {
  const stem = word.slice(0, start)
  if (start >= 4) {
    if (['mis', 'las', 'lis'].some((ending) => stem.endsWith(ending))) return stem + 'e'
    if (!stem.endsWith('t')) return stem
  }
  return stem.endsWith('t') ? word : stem + 't'
}

function pluralFirstCases(word: string, r1: number): string {
  const found = findInR1(word, PLURAL_FIRST_CASES, r1)
  if (!found) return word
  const [start, action] = found
  switch (action) {
    case 'iku':
      return word.slice(0, start) + 'iku'
    case 'sid':
      return longVowelBefore(word, start) ? word : word.slice(0, start)
    case 'te':
      return pluralTe(word, start)
    case 'd':
      return vowelOrLongVowelBefore(word, start) ? word.slice(0, start) : word
  }
}

function degrees(word: string, r1: number): string {
  const found = findInR1(word, DEGREES, r1)
  if (!found) return word
  const [start, action] = found
  return action === 'delete' || isShortVowel(word.charAt(start - 1)) ? word.slice(0, start) : word
}

function iPlural(word: string, r1: number): string {
  const found = findInR1(word, among({ i: true }), r1)
  return found && isShortVowel(word.charAt(found[0] - 1)) ? word.slice(0, found[0]) : word
}

function participle(word: string, r1: number): string {
  const found = findInR1(word, PARTICIPLES, r1)
  return found ? word.slice(0, found[0]) : word
}

const NOUN_STEPS = [specialNounEndings, caseEnding, pluralFirstCases, degrees, iPlural, participle]

/** kk, pp or tt before a final vowel: one consonant goes. */
function removeDoubleKpt(word: string): string {
  const end = word.length
  if (end < 3 || !isVowel(word.charAt(end - 1))) return word
  const pair = word.slice(end - 3, end - 1)
  return pair === 'kk' || pair === 'pp' || pair === 'tt' ? word.slice(0, end - 3) + word.slice(end - 2) : word
}

/** The stem of a lower-case term, as Lucene 9's SnowballFilter with EstonianStemmer computes it. */
export function snowballEstonianStem(term: string): string {
  const exception = VERB_EXCEPTIONS.get(term)
  if (exception !== undefined) return exception
  const r1 = regionStart(term, 0, (word, index) => isVowel(word.charAt(index)))
  const emphasized = emphasis(term, r1)
  const word = verb(emphasized, r1) ?? NOUN_STEPS.reduce((current, step) => step(current, r1), emphasized)
  return removeDoubleKpt(word)
}
