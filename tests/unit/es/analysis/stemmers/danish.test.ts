// The Danish analysis components: the Snowball danish stemmer (Snowball 2.0.0 as Lucene 9 ships it) against
// a run of the sample vocabulary of https://snowballstem.org/algorithms/danish/stemmer.html (snowball-data's
// danish/voc.txt and output.txt, lønnen to magtsprog), the `danish` analyzer (DanishAnalyzer, the cases of
// Lucene's TestDanishAnalyzer), the `stemmer` and `snowball` filters' Danish, and `_danish_` (Lucene's
// snowball danish_stop.txt).
import { describe, expect, it } from 'vitest'
import { DANISH_STOP_WORDS } from '../../../../../workers/es/analysis/filters/nordic-stop-words.ts'
import { getAnalyzer } from '../../../../../workers/es/analysis/registry.ts'
import { danishAnalyzer } from '../../../../../workers/es/analysis/stemmers/language-analyzers.ts'
import { snowballDanishStem } from '../../../../../workers/es/analysis/stemmers/snowball-danish-stemmer.ts'
import { filter, terms, whitespace } from './chain-fixture.ts'

/** snowballstem.org's Danish sample: each word and its stem. */
const SAMPLE_VOCABULARY: readonly (readonly [string, string])[] = [
  ['lønnen', 'løn'],
  ['lønner', 'løn'],
  ['lønnet', 'løn'],
  ['løs', 'løs'],
  ['løsagtighed', 'løsag'],
  ['løse', 'løs'],
  ['løsepenge', 'løsepeng'],
  ['løsepengene', 'løsepeng'],
  ['løser', 'løs'],
  ['løsere', 'løs'],
  ['løseren', 'løs'],
  ['løses', 'løs'],
  ['løsesum', 'løsesum'],
  ['løskøbe', 'løskøb'],
  ['løskøbes', 'løskøb'],
  ['løskøbt', 'løskøbt'],
  ['løskøbte', 'løskøbt'],
  ['løslad', 'løslad'],
  ['løslade', 'løslad'],
  ['løslader', 'løslad'],
  ['løslades', 'løslad'],
  ['løsladt', 'løslad'],
  ['løsladte', 'løslad'],
  ['løslod', 'løslod'],
  ['løslode', 'løslod'],
  ['løsne', 'løsn'],
  ['løsner', 'løsn'],
  ['løsnes', 'løsn'],
  ['løsning', 'løsning'],
  ['løsningen', 'løsning'],
  ['løssluppen', 'løsslup'],
  ['løst', 'løst'],
  ['løste', 'løst'],
  ['løstes', 'løst'],
  ['løv', 'løv'],
  ['løvbytter', 'løvbyt'],
  ['løve', 'løv'],
  ['løveansigt', 'løveans'],
  ['løveansigtet', 'løveans'],
  ['løvebrøl', 'løvebrøl'],
  ['løvekulen', 'løvekul'],
  ['løven', 'løv'],
  ['løvens', 'løv'],
  ['løver', 'løv'],
  ['løverne', 'løv'],
  ['løvernes', 'løv'],
  ['løvers', 'løv'],
  ['løves', 'løv'],
  ['løvet', 'løv'],
  ['løvetænder', 'løvetænd'],
  ['løveunge', 'løveung'],
  ['løveunger', 'løveung'],
  ['løveungerne', 'løveung'],
  ['løvhytte', 'løvhyt'],
  ['løvhyttefest', 'løvhyttefest'],
  ['løvhyttefesten', 'løvhyttefest'],
  ['løvhytter', 'løvhyt'],
  ['løvhytterne', 'løvhyt'],
  ['løvhytternes', 'løvhyt'],
  ['løvinde', 'løvind'],
  ['løvinden', 'løvind'],
  ['løvinder', 'løvind'],
  ['løvinderne', 'løvind'],
  ['løvrig', 'løvr'],
  ['løvrigt', 'løvr'],
  ['løvsalsfesten', 'løvsalsfest'],
  ['løvtræer', 'løvtræ'],
  ['m', 'm'],
  ['ma', 'ma'],
  ['maakatitens', 'maakatit'],
  ['maasejas', 'maaseja'],
  ['mabols', 'mabol'],
  ['mad', 'mad'],
  ['madaj', 'madaj'],
  ['maden', 'mad'],
  ['madmanna', 'madmanna'],
  ['madmannasader', 'madmannasad'],
  ['madmen', 'madm'],
  ['madmena', 'madmena'],
  ['madoffer', 'madof'],
  ['madofre', 'madofr'],
  ['madon', 'madon'],
  ['mads', 'mad'],
  ['mag', 'mag'],
  ['magadans', 'magadan'],
  ['magbisj', 'magbisj'],
  ['magdalene', 'magdal'],
  ['magdiel', 'magdiel'],
  ['mage', 'mag'],
  ['magerhed', 'mager'],
  ['magernes', 'mag'],
  ['magert', 'magert'],
  ['magog', 'magog'],
  ['magogs', 'magog'],
  ['magpiasj', 'magpiasj'],
  ['magre', 'magr'],
  ['magt', 'magt'],
  ['magte', 'magt'],
  ['magted', 'magted'],
  ['magtede', 'magted'],
  ['magten', 'magt'],
  ['magter', 'magt'],
  ['magterne', 'magt'],
  ['magtesløs', 'magtesløs'],
  ['magtesløse', 'magtesløs'],
  ['magtesløshed', 'magtesløs'],
  ['magthavere', 'magthav'],
  ['magts', 'magt'],
  ['magtsprog', 'magtsprog'],
]

describe('Snowball danish stemmer (snowballstem.org sample vocabulary)', () => {
  it.each(SAMPLE_VOCABULARY)('%s -> %s', (word, stem) => {
    expect(snowballDanishStem(word)).toBe(stem)
  })

  it.each([
    // -else: -e in R1, then -els and the consonant pair step (TestDanishAnalyzer)
    ['undersøgelse', 'undersøg'],
    ['undersøg', 'undersøg'],
    // -igst -> -ig, -elig in R1, then kk undoubled
    ['lykkeligst', 'lyk'],
    // løst -> løs only when all of it lies in R1
    ['forløst', 'forløs'],
    ['opløst', 'opløst'],
    // a final gd dt gt kt in R1 loses its last letter
    ['afsagt', 'afsag'],
    // -s only after a letter of s_ending
    ['bils', 'bil'],
    ['kursus', 'kursus'],
    // Snowball 2.0: digits are not undoubled; words under 3 letters have no R1
    ['hal9000', 'hal9000'],
    ['is', 'is'],
    ['', ''],
  ])('%s -> %s', (word, stem) => {
    expect(snowballDanishStem(word)).toBe(stem)
  })
})

describe('danish analyzer (DanishAnalyzer)', () => {
  const a = danishAnalyzer()

  it('stems and drops stop words (TestDanishAnalyzer.testBasics)', () => {
    expect(terms(a, 'undersøg undersøgelse på')).toEqual(['undersøg', 'undersøg'])
  })

  it('lowercases first and keeps offsets and positions', () => {
    expect(a.analyze('Løverne og LANDSBYEN')).toEqual([
      { token: 'løv', start_offset: 0, end_offset: 7, type: '<ALPHANUM>', position: 0 },
      { token: 'landsby', start_offset: 11, end_offset: 20, type: '<ALPHANUM>', position: 2 },
    ])
  })

  it('stem_exclusion keeps a word unstemmed (TestDanishAnalyzer.testExclude)', () => {
    const excluding = danishAnalyzer({ stem_exclusion: ['undersøgelse'] })
    expect(terms(excluding, 'undersøgelse undersøg')).toEqual(['undersøgelse', 'undersøg'])
  })

  it('takes a stopwords setting', () => {
    expect(terms(danishAnalyzer({ stopwords: ['løven'] }), 'på løven')).toEqual(['på'])
  })

  it('is the built-in analyzer `danish`', () => {
    expect(getAnalyzer('danish')?.name).toBe('danish')
  })
})

describe('stemmer language danish and snowball Danish', () => {
  it.each([{ language: 'danish' }, { language: 'Danish' }, { name: 'danish' }])('stemmer %j', (settings) => {
    expect(terms(whitespace(filter('stemmer', settings)), 'løverne landsbyerne')).toEqual(['løv', 'landsby'])
  })

  it.each([{ language: 'Danish' }, { language: 'danish' }])('snowball %j', (settings) => {
    expect(terms(whitespace(filter('snowball', settings)), 'lønnen')).toEqual(['løn'])
  })
})

describe('_danish_ stop words', () => {
  it('has the 94 words of danish_stop.txt', () => {
    expect(DANISH_STOP_WORDS).toHaveLength(94)
    expect(new Set(DANISH_STOP_WORDS).size).toBe(94)
  })

  it('is a named set of the stop filter', () => {
    expect(terms(whitespace(filter('stop', { stopwords: '_danish_' })), 'jeg og hund')).toEqual(['hund'])
  })
})
