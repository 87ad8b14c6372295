// The `stemmer` filter's light_swedish, light_norwegian, light_nynorsk, minimal_norwegian, minimal_nynorsk,
// light_finnish and light_hungarian (Lucene's SwedishLightStemmer, NorwegianLightStemmer,
// NorwegianMinimalStemmer, FinnishLightStemmer, HungarianLightStemmer), each case traced through the
// Lucene rule it exercises (the comments in NorwegianLightStemmer name its own examples), and
// StemmerTokenFilterFactory's names for them.
import { describe, expect, it } from 'vitest'
import { getTokenFilter } from '../../../../../workers/es/analysis/token-filter-registry.ts'
import {
  finnishLightStem,
  hungarianLightStem,
  norwegianLightStem,
  norwegianMinimalStem,
  swedishLightStem,
} from '../../../../../workers/es/analysis/stemmers/savoy-light-stemmers.ts'
import { filter, terms, whitespace } from './chain-fixture.ts'

describe('SwedishLightStemmer', () => {
  it.each([
    ['jaktkarlens', 'jaktkarl'],
    ['jaktkarlarne', 'jaktkarl'],
    ['katter', 'katt'],
    ['huset', 'hus'],
    ['bil', 'bil'],
  ])('%s -> %s', (word, stem) => {
    expect(swedishLightStem(word)).toBe(stem)
  })
})

describe('NorwegianLightStemmer and NorwegianMinimalStemmer', () => {
  it.each([
    ['bilens', 'bil'],
    ['hemmeligheten', 'hemmelig'],
    ['sovende', 'sov'],
    ['fineste', 'fin'],
    ['husene', 'hus'],
    ['kristendom', 'kristen'],
    ['billigst', 'billig'],
    ['kake', 'kak'],
  ])('light, Bokmål: %s -> %s', (word, stem) => {
    expect(norwegianLightStem('bokmaal')(word)).toBe(stem)
  })

  it.each([
    ['hemmelegheita', 'hemmeleg'],
    ['tryggleikar', 'trygg'],
    ['sovande', 'sov'],
    ['gutane', 'gut'],
    ['verksemd', 'verk'],
  ])('light, Nynorsk: %s -> %s', (word, stem) => {
    expect(norwegianLightStem('nynorsk')(word)).toBe(stem)
  })

  it('minimal: plural and genitive endings only; -ane and -ar only in Nynorsk', () => {
    expect(['bilens', 'husene', 'kaker', 'gutane', 'gutar'].map(norwegianMinimalStem('bokmaal'))).toEqual([
      'bil',
      'hus',
      'kak',
      'gutan',
      'gutar',
    ])
    expect(['gutane', 'gutar'].map(norwegianMinimalStem('nynorsk'))).toEqual(['gut', 'gut'])
  })
})

describe('FinnishLightStemmer', () => {
  it.each([
    ['kahvilla', 'kahv'],
    ['talossa', 'talo'],
    ['taloissa', 'talo'],
    ['edeltäjistään', 'edeltajist'],
    ['innostuneita', 'innostun'],
    ['kissakin', 'kissak'],
    ['talo', 'talo'],
    ['voi', 'voi'],
  ])('%s -> %s', (word, stem) => {
    expect(finnishLightStem(word)).toBe(stem)
  })
})

describe('HungarianLightStemmer', () => {
  it.each([
    ['házakat', 'haz'],
    ['házak', 'haz'],
    ['könyveket', 'konyv'],
    ['asztalokon', 'asztal'],
    ['embereknek', 'ember'],
  ])('%s -> %s', (word, stem) => {
    expect(hungarianLightStem(word)).toBe(stem)
  })
})

describe('the stemmer filter names', () => {
  it.each([
    ['light_swedish', 'katter', 'katt'],
    ['lightSwedish', 'katter', 'katt'],
    ['light_finnish', 'talossa', 'talo'],
    ['light_finish', 'talossa', 'talo'],
    ['lightFinnish', 'talossa', 'talo'],
    ['light_hungarian', 'házak', 'haz'],
    ['light_norwegian', 'sovende', 'sov'],
    ['lightNynorsk', 'sovande', 'sov'],
    ['minimal_norwegian', 'husene', 'hus'],
    ['minimal_nynorsk', 'gutane', 'gut'],
    ['minimalNynorsk', 'gutane', 'gut'],
  ])('%s', (language, word, stem) => {
    expect(terms(whitespace(filter('stemmer', { language })), word)).toEqual([stem])
  })

  it('minimalNorwegian is compared case-sensitively after capitalizing: the Snowball error', () => {
    expect(() => getTokenFilter('stemmer', { language: 'minimalNorwegian' })).toThrow(
      'Invalid stemmer class specified: MinimalNorwegian',
    )
  })
})
