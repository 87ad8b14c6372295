// The Snowball serbian stemmer (Snowball 2.0.0 as Lucene 9 ships it) against Snowball's published sample
// (serbian-vocabulary.ts) and rules read from Lucene's SerbianStemmer (transliteration, prelude, R1, the
// no_diacritics rewrites, a failing step that tries no shorter ending), the `stemmer` and `snowball` filters'
// Serbian, the `serbian` analyzer as Lucene's SerbianAnalyzer chains it, and `_serbian_`.
import { describe, expect, it } from 'vitest'
import { getAnalyzer } from '../../../../../workers/es/analysis/registry.ts'
import { snowballSerbianStem } from '../../../../../workers/es/analysis/stemmers/snowball-serbian-stemmer.ts'
import { filter, terms, whitespace } from './chain-fixture.ts'
import { SERBIAN_SAMPLE } from './serbian-vocabulary.ts'

const SAMPLE = SERBIAN_SAMPLE.join(' ')
  .split(' ')
  .map((pair) => pair.split(':') as [string, string])

describe('Snowball serbian stemmer (snowball-data sample)', () => {
  it.each(SAMPLE)('%s -> %s', (word, stem) => {
    expect(snowballSerbianStem(word)).toBe(stem)
  })
})

describe('Snowball serbian stemmer: Lucene 9 SerbianStemmer (Snowball 2.0.0) rules', () => {
  it.each([
    ['кућама', 'kuć'], // Cyrillic is transliterated first
    ['ђаци', 'đac'],
    ['mlijeko', 'mlek'], // prelude: ije between consonants -> e
    ['djeca', 'dec'], // je between consonants -> e (before dj -> đ could apply)
    ['cajan', 'cajn'], // Step_1 cajan -> cajni needs a word without diacritics, then Step_2 ni -> n
    ['čajan', 'čajn'], // Step_1 čajan -> čajni
    ['lucila', 'lucil'], // Step_2's longest ending (lucila) starts before R1: the step fails, Step_3 runs
    ['rkati', 'rkat'], // R1 after the first non-r following a leading r, the vowel's being too close
    ['trka', 'trk'], // R1 after the first r when that is more than one letter before the vowel's
    ['radnicima', 'radnik'], // Step_1 nicima -> nik
  ])('%s -> %s', (word, stem) => {
    expect(snowballSerbianStem(word)).toBe(stem)
  })
})

describe('serbian in the stemmer and snowball filters and the serbian analyzer', () => {
  it('stems with either filter', () => {
    expect(terms(whitespace(filter('stemmer', { language: 'serbian' })), 'knjigama')).toEqual(['knjig'])
    expect(terms(whitespace(filter('snowball', { language: 'Serbian' })), 'knjigama')).toEqual(['knjig'])
  })

  it('lowercase, _serbian_ stop words, SnowballFilter(SerbianStemmer), SerbianNormalizationFilter', () => {
    const serbian = getAnalyzer('serbian')!
    expect(serbian.name).toBe('serbian')
    expect(terms(serbian, 'Čoveka nije Knjige ЂАЦИ није')).toEqual(['covek', 'knjig', 'djac'])
  })

  it('takes stem_exclusion (normalization still runs) and stopwords', () => {
    expect(terms(getAnalyzer('serbian', { stem_exclusion: ['čoveka'] })!, 'Čoveka knjige')).toEqual([
      'coveka',
      'knjig',
    ])
    expect(terms(getAnalyzer('serbian', { stopwords: ['knjige'] })!, 'knjige nije')).toEqual(['nij'])
  })

  it('_serbian_ holds the Latin and the Cyrillic words', () => {
    const stop = (text: string) => terms(whitespace(filter('stop', { stopwords: '_serbian_' })), text)
    expect(stop('možete можете knjiga')).toEqual(['knjiga'])
  })
})
