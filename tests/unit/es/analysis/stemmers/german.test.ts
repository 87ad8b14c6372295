// The German analysis components: the `german` analyzer against Lucene's TestGermanAnalyzer, the light
// and minimal stemmers against Savoy's algorithms (TestGermanMinimalStemFilter's paper examples), the
// `german_normalization` filter against TestGermanNormalizationFilter (Lucene 9: keyword marks do not
// protect a term from it), and the `_german_` stop set (Lucene's snowball german_stop.txt).
import { describe, expect, it } from 'vitest'
import { germanNormalize } from '../../../../../workers/es/analysis/filters/german-normalization-filter.ts'
import { GERMAN_STOP_WORDS } from '../../../../../workers/es/analysis/filters/language-stop-words.ts'
import { getAnalyzer } from '../../../../../workers/es/analysis/registry.ts'
import { germanLightStem } from '../../../../../workers/es/analysis/stemmers/german-light-stemmer.ts'
import { germanMinimalStem } from '../../../../../workers/es/analysis/stemmers/german-minimal-stemmer.ts'
import { germanAnalyzer } from '../../../../../workers/es/analysis/stemmers/language-analyzers.ts'
import { filter, terms, whitespace } from './chain-fixture.ts'

describe('german analyzer (TestGermanAnalyzer)', () => {
  const a = germanAnalyzer()
  it.each([
    ['Tisch', ['tisch']],
    ['Tische', ['tisch']],
    ['Tischen', ['tisch']],
    ['Schaltflächen', ['schaltflach']],
    ['Schaltflaechen', ['schaltflach']],
    ['Der Weißbier und die Häuser', ['weissbi', 'haus']],
  ])('%s -> %j', (text, expected) => {
    expect(terms(a, text)).toEqual(expected)
  })

  it('stem_exclusion keeps a word unstemmed (testStemExclusionTable)', () => {
    expect(terms(germanAnalyzer({ stopwords: '_none_', stem_exclusion: ['tischen'] }), 'tischen')).toEqual([
      'tischen',
    ])
  })

  it('stem_exclusion does not protect a word from normalization (Lucene 9)', () => {
    expect(terms(germanAnalyzer({ stem_exclusion: ['bär'] }), 'Bär')).toEqual(['bar'])
  })

  it('is the built-in analyzer `german`', () => {
    expect(getAnalyzer('german')?.name).toBe('german')
  })
})

describe('GermanNormalizationFilter (TestGermanNormalizationFilter)', () => {
  it.each([
    ['Schaltflächen', 'Schaltflachen'],
    ['Schaltflaechen', 'Schaltflachen'],
    ['dauer', 'dauer'],
    ['weißbier', 'weissbier'],
    ['müller', 'muller'],
    ['mueller', 'muller'],
    ['quelle', 'quelle'],
    ['', ''],
  ])('%s -> %s', (term, normalized) => {
    expect(germanNormalize(term)).toBe(normalized)
  })

  it('is the `german_normalization` token filter', () => {
    expect(terms(whitespace(filter('german_normalization')), 'Größe Goethe')).toEqual(['Grosse', 'Gothe'])
  })
})

describe('GermanLightStemmer', () => {
  it.each([
    ['tischen', 'tisch'],
    ['häuser', 'haus'],
    ['kindern', 'kind'],
    ['bilder', 'bild'],
    ['schnellsten', 'schnell'],
    ['kleinste', 'klein'],
    ['gutes', 'gut'],
    ['abends', 'abend'],
    ['haus', 'haus'],
    ['', ''],
  ])('%s -> %s', (term, stem) => {
    expect(germanLightStem(term)).toBe(stem)
  })
})

describe('GermanMinimalStemmer (TestGermanMinimalStemFilter.testExamples)', () => {
  it.each([
    ['sängerinnen', 'sangerin'],
    ['frauen', 'frau'],
    ['kenntnisse', 'kenntnis'],
    ['staates', 'staat'],
    ['bilder', 'bild'],
    ['boote', 'boot'],
    ['götter', 'gott'],
    ['äpfel', 'apfel'],
    ['baum', 'baum'],
    ['', ''],
  ])('%s -> %s', (term, stem) => {
    expect(germanMinimalStem(term)).toBe(stem)
  })
})

describe('stemmer languages light_german and minimal_german', () => {
  it.each(['light_german', 'lightGerman'])('%s is the light stemmer', (language) => {
    expect(terms(whitespace(filter('stemmer', { language })), 'kindern götter')).toEqual(['kind', 'gott'])
  })

  it.each(['minimal_german', 'minimalGerman'])('%s is the minimal stemmer', (language) => {
    expect(terms(whitespace(filter('stemmer', { language })), 'kindern götter')).toEqual(['kinder', 'gott'])
  })

  it('keyword_marker protects a term from the minimal stemmer (testKeyword)', () => {
    const chain = whitespace(
      filter('keyword_marker', { keywords: ['sängerinnen'] }),
      filter('stemmer', { language: 'minimal_german' }),
    )
    expect(terms(chain, 'sängerinnen')).toEqual(['sängerinnen'])
  })
})

describe('_german_ stop words', () => {
  it('has the 231 words of german_stop.txt', () => {
    expect(GERMAN_STOP_WORDS).toHaveLength(231)
    expect(new Set(GERMAN_STOP_WORDS).size).toBe(231)
  })

  it('is a named set of the stop filter', () => {
    expect(terms(whitespace(filter('stop', { stopwords: '_german_' })), 'der Hund und die katze')).toEqual([
      'Hund',
      'katze',
    ])
  })
})
