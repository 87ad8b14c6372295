// The Hungarian analysis components: the Snowball hungarian stemmer (Snowball 2.0.0 as Lucene 9 ships it)
// against word/stem pairs of Snowball's published sample (snowballstem/snowball-data hungarian/diffs.txt, words
// without the õ and û that file carries for ő and ű), the `hungarian` analyzer against Lucene's
// TestHungarianAnalyzer, the `stemmer` filter's hungarian (light_hungarian stays Savoy's) and the `snowball`
// filter's Hungarian, and `_hungarian_` (Lucene's snowball/hungarian_stop.txt).
import { describe, expect, it } from 'vitest'
import { HUNGARIAN_STOP_WORDS } from '../../../../../workers/es/analysis/filters/romanian-catalan-hungarian-turkish-stop-words.ts'
import { getAnalyzer } from '../../../../../workers/es/analysis/registry.ts'
import { hungarianAnalyzer } from '../../../../../workers/es/analysis/stemmers/language-analyzers.ts'
import { snowballHungarianStem } from '../../../../../workers/es/analysis/stemmers/snowball-hungarian-stemmer.ts'
import { filter, terms, whitespace } from './chain-fixture.ts'

/** Snowball's Hungarian sample: each word and its stem. */
const SAMPLE_VOCABULARY: readonly (readonly [string, string])[] = [
  ['játékjogát', 'játékjog'],
  ['játékkonzolok', 'játékkonzol'],
  ['játékoseladás', 'játékoseladás'],
  ['játékoslapra', 'játékoslap'],
  ['játékosnak', 'játékos'],
  ['játékosokat', 'játékos'],
  ['játékosokból', 'játékos'],
  ['játékosokkal', 'játékos'],
  ['játékosabb', 'játékosabb'],
  ['játékosaira', 'játékos'],
  ['játékosának', 'játékos'],
  ['játékosságából', 'játékosság'],
  ['játékprogram', 'játékprogr'],
  ['játékprogramja', 'játékprogram'],
  ['játékrészben', 'játékrész'],
  ['játékterembe', 'játékter'],
  ['játéktermekben', 'játékterm'],
  ['jázmin', 'jázm'],
  ['jégfelületén', 'jégfelület'],
  ['jéggé', 'jég'],
  ['jégkrémet', 'jégkre'],
  ['jégpályai', 'jégpály'],
  ['jégszekrénnyel', 'jégszekrény'],
  ['jégzselé', 'jégzsel'],
  ['jóakaratból', 'jóakarat'],
  ['jóakarattal', 'jóakar'],
  ['jóakaratúlag', 'jóakaratúlag'],
  ['jobbal', 'job'],
  ['jobban', 'job'],
  ['jobbat', 'jobb'],
  ['jobbik', 'jobb'],
  ['jobbjával', 'jobb'],
  ['jobbnál', 'jobb'],
  ['jobbá', 'job'],
  ['jókról', 'jó'],
  ['jóvá', 'jó'],
  ['jóbarát', 'jóbar'],
  ['jócskán', 'jócs'],
  ['jóformán', 'jóform'],
  ['jókedvével', 'jókedv'],
  ['jókedvükben', 'jókedv'],
  ['jókora', 'jó'],
  ['jókorák', 'jókora'],
  ['jókívánságokkal', 'jókívánság'],
  ['jóllakik', 'jóll'],
  ['jóllaktunk', 'jóllakt'],
  ['jólesett', 'jóleset'],
  ['jólét', 'jól'],
  ['jólétben', 'jólét'],
  ['jómódban', 'jómó'],
  ['jónéven', 'jónév'],
  ['jópéldával', 'jópéld'],
  ['jóslatokból', 'jóslat'],
  ['jósolgattunk', 'jósolgatt'],
  ['jósolják', 'jósolja'],
  ['jósolták', 'jósolta'],
  ['jószándékkal', 'jószánde'],
  ['jótékonysági', 'jótékonyság'],
  ['jóváhagyásához', 'jóváhagyás'],
  ['jóváhagyásától', 'jóváhagyás'],
  ['jóváírással', 'jóváírás'],
  ['józan', 'józ'],
  ['józanul', 'józan'],
  ['józanodik', 'józanod'],
  ['jöhettünk', 'jöhett'],
  ['jöjjenek', 'jöj'],
  ['jöjjön', 'jöjj'],
  ['jönnénk', 'jönne'],
  ['jönnöm', 'jönnö'],
  ['jöttetek', 'jöttet'],
  ['jöttél', 'jöttél'],
  ['jövök', 'jöv'],
  ['jövedelmeik', 'jövedelm'],
  ['jövedelmet', 'jövedel'],
  ['jövedéki', 'jövede'],
  ['jövendölik', 'jövendöl'],
  ['jövetelük', 'jövetel'],
  ['jövevényeket', 'jövevény'],
]

describe('Snowball hungarian stemmer (Snowball sample vocabulary)', () => {
  it.each(SAMPLE_VOCABULARY)('%s -> %s', (word, stem) => {
    expect(snowballHungarianStem(word)).toBe(stem)
  })

  // Derived from the algorithm's description and Lucene's TestHungarianAnalyzer (not in the sample)
  it.each([
    ['babakocsi', 'babakocs'],
    ['babakocsijáért', 'babakocs'],
    // ő and ű are vowels: R1 of a word that starts with a vowel ends after the first non-vowel (or digraph)
    ['őszről', 'ősz'],
    ['', ''],
  ])('%s -> %s', (word, stem) => {
    expect(snowballHungarianStem(word)).toBe(stem)
  })
})

describe('hungarian analyzer (TestHungarianAnalyzer)', () => {
  it('stems and drops stop words (testBasics)', () => {
    expect(terms(hungarianAnalyzer(), 'babakocsi babakocsijáért által')).toEqual(['babakocs', 'babakocs'])
  })

  it('stem_exclusion keeps a word unstemmed (testExclude)', () => {
    expect(terms(hungarianAnalyzer({ stem_exclusion: ['babakocsi'] }), 'babakocsi babakocsijáért')).toEqual([
      'babakocsi',
      'babakocs',
    ])
  })

  it('is the built-in analyzer `hungarian`', () => {
    expect(getAnalyzer('hungarian')?.name).toBe('hungarian')
  })
})

describe('stemmer language hungarian and snowball Hungarian', () => {
  it.each([{ language: 'hungarian' }, { language: 'Hungarian' }, { name: 'hungarian' }])(
    'stemmer %j',
    (settings) => {
      expect(terms(whitespace(filter('stemmer', settings)), 'játékosokkal jobban')).toEqual([
        'játékos',
        'job',
      ])
    },
  )

  it('snowball Hungarian', () => {
    expect(terms(whitespace(filter('snowball', { language: 'Hungarian' })), 'jóváhagyásához')).toEqual([
      'jóváhagyás',
    ])
  })
})

describe('_hungarian_ stop words', () => {
  it('has the 198 words of hungarian_stop.txt, majd once', () => {
    expect(HUNGARIAN_STOP_WORDS).toHaveLength(198)
    expect(HUNGARIAN_STOP_WORDS.filter((word) => word === 'majd')).toEqual(['majd'])
  })

  it('is a named set of the stop filter', () => {
    expect(terms(whitespace(filter('stop', { stopwords: '_hungarian_' })), 'a ill. játék')).toEqual(['játék'])
  })
})
