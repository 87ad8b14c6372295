// The Spanish analysis components: the `spanish` analyzer against Lucene's TestSpanishAnalyzer, the
// light stemmer against Savoy's CLEF-2001 rules (SpanishLightStemmer), and the `_spanish_` stop set
// (Lucene's snowball spanish_stop.txt).
import { describe, expect, it } from 'vitest'
import { SPANISH_STOP_WORDS } from '../../../../../workers/es/analysis/filters/language-stop-words.ts'
import { getAnalyzer } from '../../../../../workers/es/analysis/registry.ts'
import { spanishAnalyzer } from '../../../../../workers/es/analysis/stemmers/language-analyzers.ts'
import { spanishLightStem } from '../../../../../workers/es/analysis/stemmers/spanish-light-stemmer.ts'
import { filter, terms, whitespace } from './chain-fixture.ts'

describe('spanish analyzer (TestSpanishAnalyzer)', () => {
  it.each([
    ['chicana', ['chican']],
    ['chicano', ['chican']],
    ['los', []],
    ['Los Niños cantaban canciones', ['niñ', 'cantaban', 'cancion']],
  ])('%s -> %j', (text, expected) => {
    expect(terms(spanishAnalyzer(), text)).toEqual(expected)
  })

  it('stem_exclusion keeps a word unstemmed (testExclude)', () => {
    const a = spanishAnalyzer({ stem_exclusion: ['chicano'] })
    expect(terms(a, 'chicana chicano')).toEqual(['chican', 'chicano'])
  })

  it('is the built-in analyzer `spanish`', () => {
    expect(getAnalyzer('spanish')?.name).toBe('spanish')
  })
})

describe('SpanishLightStemmer', () => {
  it.each([
    ['chicana', 'chican'],
    ['chicano', 'chican'],
    ['chicanos', 'chican'],
    ['meses', 'mes'],
    ['luces', 'luz'],
    ['canción', 'cancion'],
    ['canciones', 'cancion'],
    ['árbol', 'arbol'],
    ['casa', 'casa'],
    ['', ''],
  ])('%s -> %s', (term, stem) => {
    expect(spanishLightStem(term)).toBe(stem)
  })

  it.each(['light_spanish', 'lightSpanish'])('is `stemmer` language %s', (language) => {
    expect(terms(whitespace(filter('stemmer', { language })), 'chicanos luces')).toEqual(['chican', 'luz'])
  })
})

describe('_spanish_ stop words', () => {
  it('has the 304 words of spanish_stop.txt; the commented-out infinitives stay out', () => {
    expect(SPANISH_STOP_WORDS).toHaveLength(304)
    expect(new Set(SPANISH_STOP_WORDS).size).toBe(304)
    for (const word of ['es', 'fue', 'está', 'tened']) expect(SPANISH_STOP_WORDS).toContain(word)
    for (const word of ['ser', 'haber', 'sed']) expect(SPANISH_STOP_WORDS).not.toContain(word)
  })

  it('is a named set of the stop filter', () => {
    expect(terms(whitespace(filter('stop', { stopwords: '_spanish_' })), 'el perro y la casa')).toEqual([
      'perro',
      'casa',
    ])
  })
})
