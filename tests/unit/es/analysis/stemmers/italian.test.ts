// The Italian analysis components: the `italian` analyzer against Lucene's TestItalianAnalyzer (with its
// elision of ItalianAnalyzer.DEFAULT_ARTICLES), the light stemmer against Savoy's CLEF-2001 rules
// (ItalianLightStemmer), and the `_italian_` stop set (Lucene's snowball italian_stop.txt).
import { describe, expect, it } from 'vitest'
import { ITALIAN_STOP_WORDS } from '../../../../../workers/es/analysis/filters/language-stop-words.ts'
import { getAnalyzer } from '../../../../../workers/es/analysis/registry.ts'
import { italianLightStem } from '../../../../../workers/es/analysis/stemmers/italian-light-stemmer.ts'
import { italianAnalyzer } from '../../../../../workers/es/analysis/stemmers/language-analyzers.ts'
import { filter, terms, whitespace } from './chain-fixture.ts'

describe('italian analyzer (TestItalianAnalyzer)', () => {
  it.each([
    ['abbandonata', ['abbandonat']],
    ['abbandonati', ['abbandonat']],
    ['dallo', []],
    ["dell'Italia", ['ital']],
    ["l'Italiano", ['italian']],
    ["DELL'Italia un'amicizia", ['ital', 'amiciz']],
  ])('%s -> %j', (text, expected) => {
    expect(terms(italianAnalyzer(), text)).toEqual(expected)
  })

  it('stem_exclusion keeps a word unstemmed (testExclude)', () => {
    const a = italianAnalyzer({ stem_exclusion: ['abbandonata'] })
    expect(terms(a, 'abbandonata abbandonati')).toEqual(['abbandonata', 'abbandonat'])
  })

  it('is the built-in analyzer `italian`', () => {
    expect(getAnalyzer('italian')?.name).toBe('italian')
  })
})

describe('ItalianLightStemmer', () => {
  it.each([
    ['abbandonata', 'abbandonat'],
    ['abbandonati', 'abbandonat'],
    ['farmacie', 'farmac'],
    ['banchi', 'banc'],
    ['principii', 'princip'],
    ['ufficio', 'uffic'],
    ['attività', 'attivit'],
    ['amica', 'amica'],
    ['pane', 'pane'],
    ['', ''],
  ])('%s -> %s', (term, stem) => {
    expect(italianLightStem(term)).toBe(stem)
  })

  it.each(['light_italian', 'lightItalian'])('is `stemmer` language %s', (language) => {
    expect(terms(whitespace(filter('stemmer', { language })), 'abbandonati banchi')).toEqual([
      'abbandonat',
      'banc',
    ])
  })

  it('`italian` is the Snowball program, not the light stemmer (snowball-italian.test.ts)', () => {
    expect(terms(whitespace(filter('stemmer', { language: 'italian' })), 'abbandonati')).toEqual(['abbandon'])
  })
})

describe('_italian_ stop words', () => {
  it('has the 279 words of italian_stop.txt', () => {
    expect(ITALIAN_STOP_WORDS).toHaveLength(279)
    expect(new Set(ITALIAN_STOP_WORDS).size).toBe(279)
  })

  it('is a named set of the stop filter', () => {
    expect(terms(whitespace(filter('stop', { stopwords: '_italian_' })), 'il cane e la casa')).toEqual([
      'cane',
      'casa',
    ])
  })
})
