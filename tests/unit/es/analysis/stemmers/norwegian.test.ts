// The Norwegian analysis components: the Snowball norwegian stemmer (Bokmål, Snowball 2.0.0 as Lucene 9
// ships it) against a run of the sample vocabulary of https://snowballstem.org/algorithms/norwegian/stemmer.html
// (snowball-data's norwegian/voc.txt and output.txt, mellomrom to merkverdig), the `norwegian` analyzer
// (NorwegianAnalyzer, the cases of Lucene's TestNorwegianAnalyzer), the `stemmer` and `snowball` filters'
// Norwegian, and `_norwegian_` (Lucene's snowball norwegian_stop.txt).
import { describe, expect, it } from 'vitest'
import { NORWEGIAN_STOP_WORDS } from '../../../../../workers/es/analysis/filters/nordic-stop-words.ts'
import { getAnalyzer } from '../../../../../workers/es/analysis/registry.ts'
import { norwegianAnalyzer } from '../../../../../workers/es/analysis/stemmers/language-analyzers.ts'
import { snowballNorwegianStem } from '../../../../../workers/es/analysis/stemmers/snowball-norwegian-stemmer.ts'
import { filter, terms, whitespace } from './chain-fixture.ts'

/** snowballstem.org's Norwegian sample: each word and its stem. */
const SAMPLE_VOCABULARY: readonly (readonly [string, string])[] = [
  ['mellomrom', 'mellomrom'],
  ['mellomstasjon', 'mellomstasjon'],
  ['mellomstasjonen', 'mellomstasjon'],
  ['mellomstore', 'mellomstor'],
  ['mellomtida', 'mellomtid'],
  ['mellomtiden', 'mellomtid'],
  ['mellomting', 'mellomting'],
  ['mellomveg', 'mellomveg'],
  ['melz', 'melz'],
  ['men', 'men'],
  ['mene', 'men'],
  ['mener', 'men'],
  ['menes', 'men'],
  ['mengd', 'mengd'],
  ['mengda', 'mengd'],
  ['mengde', 'mengd'],
  ['mengden', 'mengd'],
  ['mengdene', 'mengd'],
  ['mengder', 'mengd'],
  ['menger', 'meng'],
  ['mening', 'mening'],
  ['meningen', 'mening'],
  ['menja', 'menj'],
  ['menn', 'menn'],
  ['mennene', 'menn'],
  ['menneske', 'mennesk'],
  ['menneskebarn', 'menneskebarn'],
  ['menneskebarna', 'menneskebarn'],
  ['menneskehår', 'menneskehår'],
  ['menneskekryp', 'menneskekryp'],
  ['menneskelignende', 'menneskelign'],
  ['menneskeliv', 'menneskeliv'],
  ['menneskene', 'mennesk'],
  ['menneskenes', 'mennesk'],
  ['menneskepar', 'menneskep'],
  ['mennesker', 'mennesk'],
  ['menneskeslekt', 'menneskeslekt'],
  ['menneskeslekten', 'menneskeslekt'],
  ['menns', 'menn'],
  ['mens', 'men'],
  ['ment', 'ment'],
  ['mente', 'ment'],
  ['mer', 'mer'],
  ['merarbeid', 'merarbeid'],
  ['meravkastningen', 'meravkastning'],
  ['merbelastning', 'merbelastning'],
  ['merbelastningene', 'merbelastning'],
  ['merchanisms', 'merchanism'],
  ['merforpliktelsen', 'merforplikt'],
  ['merinnskudd', 'merinnskudd'],
  ['merk', 'merk'],
  ['merkbar', 'merkb'],
  ['merke', 'merk'],
  ['merkelig', 'merk'],
  ['merkelige', 'merk'],
  ['merkeligste', 'merkeligst'],
  ['merkene', 'merk'],
  ['merker', 'merk'],
  ['merkes', 'merk'],
  ['merkesystemet', 'merkesystem'],
  ['merket', 'merk'],
  ['merketjenesten', 'merketjenest'],
  ['merkevarer', 'merkevar'],
  ['merking', 'merking'],
  ['merknad', 'merknad'],
  ['merknadene', 'merknad'],
  ['merknader', 'merknad'],
  ['merkostnader', 'merkostnad'],
  ['merksam', 'merksam'],
  ['merksame', 'merksam'],
  ['merkverdig', 'merkverd'],
]

describe('Snowball norwegian stemmer (snowballstem.org sample vocabulary)', () => {
  it.each(SAMPLE_VOCABULARY)('%s -> %s', (word, stem) => {
    expect(snowballNorwegianStem(word)).toBe(stem)
  })

  it.each([
    // -ert and -erte -> -er
    ['kontrollert', 'kontroller'],
    // a final s after a k goes only when a non-vowel precedes the k
    ['sterks', 'sterk'],
    ['bloks', 'bloks'],
    // dt and vt lose the t when both letters lie in R1
    ['hevdt', 'hevd'],
    ['grovt', 'grovt'],
    // -lig in R1
    ['vennlig', 'venn'],
    // Snowball 2.0 deletes -ers in R1 (3.0 changed this rule)
    ['lærers', 'lær'],
    ['på', 'på'],
    ['', ''],
  ])('%s -> %s', (word, stem) => {
    expect(snowballNorwegianStem(word)).toBe(stem)
  })
})

describe('norwegian analyzer (NorwegianAnalyzer)', () => {
  const a = norwegianAnalyzer()

  it('stems and drops stop words (TestNorwegianAnalyzer.testBasics)', () => {
    expect(terms(a, 'havnedistriktene havnedistrikter det')).toEqual(['havnedistrikt', 'havnedistrikt'])
  })

  it('lowercases first and keeps offsets and positions', () => {
    expect(a.analyze('Mengdene og MENNESKENE')).toEqual([
      { token: 'mengd', start_offset: 0, end_offset: 8, type: '<ALPHANUM>', position: 0 },
      { token: 'mennesk', start_offset: 12, end_offset: 22, type: '<ALPHANUM>', position: 2 },
    ])
  })

  it('stem_exclusion keeps a word unstemmed (TestNorwegianAnalyzer.testExclude)', () => {
    const excluding = norwegianAnalyzer({ stem_exclusion: ['havnedistriktene'] })
    expect(terms(excluding, 'havnedistriktene havnedistrikter')).toEqual([
      'havnedistriktene',
      'havnedistrikt',
    ])
  })

  it('keeps the Nynorsk-only stop words of the list', () => {
    expect(terms(a, 'ikkje kva mengder')).toEqual(['mengd'])
  })

  it('is the built-in analyzer `norwegian`', () => {
    expect(getAnalyzer('norwegian')?.name).toBe('norwegian')
  })
})

describe('stemmer language norwegian and snowball Norwegian', () => {
  it.each([{ language: 'norwegian' }, { language: 'Norwegian' }, { name: 'norwegian' }])(
    'stemmer %j',
    (settings) => {
      expect(terms(whitespace(filter('stemmer', settings)), 'menneskene merkbar')).toEqual([
        'mennesk',
        'merkb',
      ])
    },
  )

  it.each([{ language: 'Norwegian' }, { language: 'norwegian' }])('snowball %j', (settings) => {
    expect(terms(whitespace(filter('snowball', settings)), 'meningen')).toEqual(['mening'])
  })
})

describe('_norwegian_ stop words', () => {
  it('has the 172 words of norwegian_stop.txt', () => {
    expect(NORWEGIAN_STOP_WORDS).toHaveLength(172)
    expect(new Set(NORWEGIAN_STOP_WORDS).size).toBe(172)
  })

  it('is a named set of the stop filter', () => {
    expect(terms(whitespace(filter('stop', { stopwords: '_norwegian_' })), 'jeg og hunden')).toEqual([
      'hunden',
    ])
  })
})
