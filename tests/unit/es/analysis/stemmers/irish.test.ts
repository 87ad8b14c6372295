// The Irish analysis components: the Snowball irish stemmer (Snowball 2.0.0 as Lucene 9 ships it), the
// `irish` analyzer against Lucene 9's TestIrishAnalyzer, IrishLowerCaseFilter against
// TestIrishLowerCaseFilter, the `lowercase` filter's language "irish", the `stemmer` and `snowball` filters'
// Irish and `_irish_` (Lucene's snowball/irish_stop.txt).
// No sample vocabulary for Irish is published with Snowball's data; the stems below were worked out by hand
// from the algorithm (https://snowballstem.org/algorithms/irish/stemmer.html) and Lucene's IrishStemmer:
// vowels a e i o u á é í ó ú, RV after the first vowel, R1/R2 after a non-vowel that follows a vowel.
import { describe, expect, it } from 'vitest'
import { irishLowerCase } from '../../../../../workers/es/analysis/filters/language-lowercase-filters.ts'
import { getAnalyzer } from '../../../../../workers/es/analysis/registry.ts'
import { irishAnalyzer } from '../../../../../workers/es/analysis/stemmers/language-analyzers.ts'
import { snowballIrishStem } from '../../../../../workers/es/analysis/stemmers/snowball-irish-stemmer.ts'
import { filter, terms, whitespace } from './chain-fixture.ts'

const STEMS: readonly (readonly [string, string, string])[] = [
  // initial mutations: the longest listed prefix is removed or replaced
  ['bhfuil', 'fuil', 'bhf -> f'],
  ["d'fhuinneog", 'fuinneog', "d'fh -> f"],
  ['fhear', 'fear', 'fh -> f'],
  ['gcarr', 'carr', 'gc -> c'],
  ['chailín', 'cailín', 'ch -> c'],
  ['mbád', 'bád', 'mb -> b'],
  ['ndoras', 'doras', 'nd -> d'],
  ['dhún', 'dún', 'dh -> d'],
  ['dteach', 'teach', 'dt -> t; -each not in R2'],
  ['thuig', 'tuig', 'th -> t'],
  ['bpáiste', 'páiste', 'bp -> p'],
  ['phobal', 'pobal', 'ph -> p'],
  ['ghaeilge', 'gaeilge', 'gh -> g'],
  ['shráid', 'sráid', 'sh -> s'],
  ['tsúil', 'súil', 'ts -> s'],
  ['mháthair', 'máthair', 'mh -> m'],
  ['t-uisce', 'uisce', 't- removed'],
  ['h-aon', 'aon', 'h- removed'],
  ['n-éan', 'éan', 'n- removed'],
  ['cheannaigh', 'ceannaigh', 'ch -> c, no suffix'],
  // noun suffixes
  ['eolaíocht', 'eol', '-aíocht in R1'],
  ['dheirbhíochta', 'deirbh', 'dh -> d, -íochta in R1'],
  ['siopadóire', 'siopadó', '-ire in R2'],
  ['aimsire', 'aimsire', '-ire not in R2: nothing removed'],
  ['ceoltóirí', 'ceoltóirí', '-irí not in R2'],
  // derivational suffixes
  ['feirmeoireacht', 'feirmeoir', '-eacht in R2'],
  ['iascaireacht', 'iascair', '-eacht in R2'],
  ['ealaíontóireacht', 'ealaíontóir', '-eacht in R2'],
  ['tábhachtach', 'tábhacht', '-ach in R2'],
  ['grafaíoch', 'graf', '-grafaíoch -> graf'],
  ['arcachtaí', 'arc', '-arcachtaí -> arc'],
  ['gineas', 'gin', '-gineas -> gin'],
  ['ginis', 'gin', '-ginis -> gin'],
  ['pataigh', 'paite', '-pataigh -> paite'],
  ['óideach', 'óid', '-óideach -> óid'],
  ['feirmeacha', 'feirmeacha', 'no listed suffix'],
  // verb suffixes
  ['déanfaidh', 'déan', '-faidh in RV'],
  ['rithfidh', 'rith', '-fidh in RV'],
  ['bhrisimid', 'bris', 'bh -> b, -imid in RV'],
  ['léimid', 'lé', '-imid in RV'],
  ['scríobhaimid', 'scríobh', '-aimid in RV'],
  ['mbuailtear', 'buail', 'mb -> b, -tear in R1'],
  ['ghlantar', 'glan', 'gh -> g, -tar in R1'],
  ['dúnadh', 'dún', '-adh in R1'],
  ['briseadh', 'bris', '-eadh in R1'],
  ['sábháil', 'sábh', '-áil in R1'],
]

describe('Snowball irish stemmer', () => {
  it.each(STEMS)('%s -> %s (%s)', (word, stem) => {
    expect(snowballIrishStem(word)).toBe(stem)
  })
})

describe('irish analyzer (Lucene TestIrishAnalyzer)', () => {
  it('stems and removes stop words', () => {
    expect(terms(irishAnalyzer(), 'siopadóireacht')).toEqual(['siopadóir'])
    expect(terms(irishAnalyzer(), 'síceapatacha')).toEqual(['síceapaite'])
    expect(terms(irishAnalyzer(), 'le')).toEqual([])
  })

  it('elides the articles b, d, m', () => {
    expect(terms(getAnalyzer('irish')!, "b'fhearr m'athair")).toEqual(['fearr', 'athair'])
  })

  it('drops the hyphenation prefix token and leaves its position empty', () => {
    const tokens = getAnalyzer('irish')!.analyze('n-athair')
    expect(tokens.map((t) => [t.token, t.start_offset, t.end_offset, t.position])).toEqual([
      ['athair', 2, 8, 1],
    ])
  })

  it('lower-cases with t-prothesis and n-eclipsis before stemming', () => {
    expect(terms(getAnalyzer('irish')!, 'tAthair nÉan')).toEqual(['t-athair', 'n-éan'].map(snowballIrishStem))
  })

  it('leaves `stem_exclusion` words unstemmed', () => {
    const analyzer = getAnalyzer('irish', { stem_exclusion: ['feirmeoireacht'] })!
    expect(terms(analyzer, 'feirmeoireacht siopadóireacht')).toEqual(['feirmeoireacht', 'siopadóir'])
  })
})

describe('IrishLowerCaseFilter (cases read from Lucene 9 IrishLowerCaseFilter.java)', () => {
  it.each([
    ['nAthair', 'n-athair'],
    ['tAthair', 't-athair'],
    ['nÉan', 'n-éan'],
    ['Gaeilge', 'gaeilge'],
    ['nathair', 'nathair'],
    ['n', 'n'],
  ])('%s -> %s', (term, lowered) => {
    expect(irishLowerCase(term)).toBe(lowered)
  })

  it('is the `lowercase` filter with language irish', () => {
    expect(terms(whitespace(filter('lowercase', { language: 'irish' })), 'nAthair ÁR')).toEqual([
      'n-athair',
      'ár',
    ])
  })
})

describe('stemmer and snowball filters "irish", _irish_', () => {
  it('stems with either filter', () => {
    expect(terms(whitespace(filter('stemmer', { language: 'irish' })), 'bhfuil dúnadh')).toEqual([
      'fuil',
      'dún',
    ])
    expect(terms(whitespace(filter('snowball', { language: 'Irish' })), 'bhfuil dúnadh')).toEqual([
      'fuil',
      'dún',
    ])
  })

  it('names the irish stop set', () => {
    expect(terms(whitespace(filter('stop', { stopwords: '_irish_' })), "agus b' an fear")).toEqual(['fear'])
  })
})
