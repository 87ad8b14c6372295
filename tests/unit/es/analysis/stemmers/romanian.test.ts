// The Romanian analysis components: the Snowball romanian stemmer (Snowball 2.0.0 as Lucene 9 ships it)
// against word/stem pairs of Snowball's published sample (snowballstem/snowball-data romanian/voc.txt and
// output.txt, words without ş or ţ), the `romanian` analyzer against Lucene's TestRomanianAnalyzer, the
// `stemmer` filter's romanian and the `snowball` filter's Romanian, and `_romanian_` (Lucene's ro/stopwords.txt).
import { describe, expect, it } from 'vitest'
import { ROMANIAN_STOP_WORDS } from '../../../../../workers/es/analysis/filters/romanian-catalan-hungarian-turkish-stop-words.ts'
import { getAnalyzer } from '../../../../../workers/es/analysis/registry.ts'
import { romanianAnalyzer } from '../../../../../workers/es/analysis/stemmers/language-analyzers.ts'
import { snowballRomanianStem } from '../../../../../workers/es/analysis/stemmers/snowball-romanian-stemmer.ts'
import { filter, terms, whitespace } from './chain-fixture.ts'

/** Snowball's Romanian sample: each word and its stem. */
const SAMPLE_VOCABULARY: readonly (readonly [string, string])[] = [
  ['modifica', 'modif'],
  ['modificabilă', 'modific'],
  ['modificare', 'modific'],
  ['modificarea', 'modific'],
  ['modificat', 'modific'],
  ['modificată', 'modific'],
  ['modificate', 'modific'],
  ['modificatoare', 'modific'],
  ['modificatorul', 'modif'],
  ['modifică', 'modif'],
  ['modificăm', 'modific'],
  ['modificări', 'modificăr'],
  ['modificările', 'modificăr'],
  ['modifice', 'modif'],
  ['modificînd', 'modificînd'],
  ['modistă', 'modist'],
  ['modo', 'modo'],
  ['modul', 'mod'],
  ['modular', 'modular'],
  ['modulară', 'modul'],
  ['modulare', 'modul'],
  ['modularitate', 'modular'],
  ['modulat', 'modul'],
  ['modulată', 'modul'],
  ['module', 'modul'],
  ['modulelor', 'modul'],
  ['modulii', 'modul'],
  ['modulo', 'modulo'],
  ['moduri', 'modur'],
  ['moft', 'moft'],
  ['moftul', 'moft'],
  ['mofturi', 'moftur'],
  ['mofturile', 'moftur'],
  ['mofturoase', 'moftur'],
  ['mofturos', 'moftur'],
  ['mohorâtă', 'mohorât'],
  ['mohrat', 'mohrat'],
  ['moi', 'moi'],
  ['moissan', 'moissan'],
  ['molatic', 'molat'],
  ['molatică', 'molat'],
  ['molatici', 'molat'],
  ['molcome', 'molcom'],
  ['moldova', 'moldov'],
  ['moldoveanul', 'moldovean'],
  ['moldovei', 'moldove'],
  ['moldovenească', 'moldoven'],
  ['moldovenilor', 'moldoven'],
  ['moles', 'moles'],
  ['moletiere', 'moletier'],
  ['moletierele', 'moletier'],
  ['molimilor', 'molim'],
  ['molipsitoare', 'molips'],
  ['momeala', 'momeal'],
  ['momene', 'momen'],
  ['moment', 'moment'],
  ['momentana', 'momentan'],
  ['momente', 'moment'],
  ['momentele', 'moment'],
  ['momentelor', 'moment'],
  ['momentul', 'moment'],
  ['momentului', 'moment'],
  ['mona', 'mon'],
  ['monadelor', 'monad'],
  ['monarchen', 'monarchen'],
  ['monarhiei', 'monarh'],
  ['monarhismul', 'monarhist'],
  ['monde', 'mond'],
  ['monden', 'monden'],
  ['mondenă', 'monden'],
  ['mondene', 'monden'],
  ['mondeni', 'monden'],
  ['mondială', 'mondial'],
  ['mondirului', 'mondir'],
  ['monedă', 'moned'],
  ['monede', 'moned'],
  ['monetă', 'monet'],
  ['mongolii', 'mongol'],
  ['monoclu', 'monoclu'],
  ['monogenetic', 'monogenet'],
  ['monogenie', 'monogen'],
  ['monografice', 'monograf'],
  ['monograma', 'monogram'],
  ['monoideism', 'monoideist'],
  ['monolit', 'monol'],
  ['monolitic', 'monolit'],
  ['monolitică', 'monolit'],
]

describe('Snowball romanian stemmer (Snowball sample vocabulary)', () => {
  it.each(SAMPLE_VOCABULARY)('%s -> %s', (word, stem) => {
    expect(snowballRomanianStem(word)).toBe(stem)
  })

  // Derived from the algorithm's description and Lucene's TestRomanianAnalyzer (not in the sample)
  it.each([
    // the cedilla ţ of Snowball 2.0.0: a final a or i in RV goes
    ['absenţa', 'absenţ'],
    ['absenţi', 'absenţ'],
    // -iune in R2 after ţ: ţiune becomes t; before R2 it stays (and the final e in RV goes)
    ['revoluţiune', 'revolut'],
    ['naţiune', 'naţiun'],
    // the comma-below ț is no ţ to Snowball 2.0.0
    ['revoluțiune', 'revoluțiun'],
    ['', ''],
  ])('%s -> %s', (word, stem) => {
    expect(snowballRomanianStem(word)).toBe(stem)
  })
})

describe('romanian analyzer (TestRomanianAnalyzer)', () => {
  it('stems and drops stop words (testBasics)', () => {
    expect(terms(romanianAnalyzer(), 'absenţa absenţi îl')).toEqual(['absenţ', 'absenţ'])
  })

  it('stem_exclusion keeps a word unstemmed (testExclude)', () => {
    expect(terms(romanianAnalyzer({ stem_exclusion: ['absenţa'] }), 'absenţa absenţi')).toEqual([
      'absenţa',
      'absenţ',
    ])
  })

  it('lowercases, and takes stopwords', () => {
    expect(terms(romanianAnalyzer({ stopwords: ['momentul'] }), 'Modificările MOMENTUL îl')).toEqual([
      'modificăr',
      'îl',
    ])
  })

  it('is the built-in analyzer `romanian`', () => {
    expect(getAnalyzer('romanian')?.name).toBe('romanian')
  })
})

describe('stemmer language romanian and snowball Romanian', () => {
  it.each([{ language: 'romanian' }, { language: 'Romanian' }, { name: 'romanian' }])(
    'stemmer %j',
    (settings) => {
      expect(terms(whitespace(filter('stemmer', settings)), 'modificările momentului')).toEqual([
        'modificăr',
        'moment',
      ])
    },
  )

  it('snowball Romanian', () => {
    expect(terms(whitespace(filter('snowball', { language: 'Romanian' })), 'monoideism')).toEqual([
      'monoideist',
    ])
  })
})

describe('_romanian_ stop words', () => {
  it('has the 254 words of ro/stopwords.txt, with the cedilla and the comma-below spellings', () => {
    expect(ROMANIAN_STOP_WORDS).toHaveLength(254)
    expect(ROMANIAN_STOP_WORDS).toEqual(expect.arrayContaining(['şi', 'și', 'îţi', 'îți', 'vreun']))
  })

  it('is a named set of the stop filter', () => {
    expect(terms(whitespace(filter('stop', { stopwords: '_romanian_' })), 'și moment şi')).toEqual(['moment'])
  })
})
