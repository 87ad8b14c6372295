// The Dutch analysis components: the Snowball dutch stemmer (Porter's, Snowball 2.0.0 as Lucene 9 ships
// it) against the sample vocabulary of https://snowballstem.org/algorithms/dutch/stemmer.html (the pairs
// Lucene 9's TestDutchAnalyzer checks), the `dutch` analyzer (DutchAnalyzer: stop set, stem_exclusion,
// the default stem override dictionary), the `stemmer` and `snowball` filters' Dutch, and `_dutch_`
// (Lucene's snowball dutch_stop.txt).
import { describe, expect, it } from 'vitest'
import { DUTCH_STOP_WORDS } from '../../../../../workers/es/analysis/filters/language-stop-words.ts'
import { getAnalyzer } from '../../../../../workers/es/analysis/registry.ts'
import { getTokenFilter } from '../../../../../workers/es/analysis/token-filter-registry.ts'
import { dutchAnalyzer } from '../../../../../workers/es/analysis/stemmers/language-analyzers.ts'
import { snowballDutchStem } from '../../../../../workers/es/analysis/stemmers/snowball-dutch-stemmer.ts'
import { filter, terms, whitespace } from './chain-fixture.ts'

/** snowballstem.org's Dutch sample: each word and its stem. */
const SAMPLE_VOCABULARY: readonly (readonly [string, string])[] = [
  ['lichaamsziek', 'lichaamsziek'],
  ['lichamelijk', 'licham'],
  ['lichamelijke', 'licham'],
  ['lichamelijkheden', 'licham'],
  ['lichamen', 'licham'],
  ['lichere', 'licher'],
  ['licht', 'licht'],
  ['lichtbeeld', 'lichtbeeld'],
  ['lichtbruin', 'lichtbruin'],
  ['lichtdoorlatende', 'lichtdoorlat'],
  ['lichte', 'licht'],
  ['lichten', 'licht'],
  ['lichtende', 'lichtend'],
  ['lichtenvoorde', 'lichtenvoord'],
  ['lichter', 'lichter'],
  ['lichtere', 'lichter'],
  ['lichters', 'lichter'],
  ['lichtgevoeligheid', 'lichtgevoel'],
  ['lichtgewicht', 'lichtgewicht'],
  ['lichtgrijs', 'lichtgrijs'],
  ['lichthoeveelheid', 'lichthoevel'],
  ['lichtintensiteit', 'lichtintensiteit'],
  ['lichtje', 'lichtj'],
  ['lichtjes', 'lichtjes'],
  ['lichtkranten', 'lichtkrant'],
  ['lichtkring', 'lichtkring'],
  ['lichtkringen', 'lichtkring'],
  ['lichtregelsystemen', 'lichtregelsystem'],
  ['lichtste', 'lichtst'],
  ['lichtstromende', 'lichtstrom'],
  ['lichtte', 'licht'],
  ['lichtten', 'licht'],
  ['lichttoetreding', 'lichttoetred'],
  ['lichtverontreinigde', 'lichtverontreinigd'],
  ['lichtzinnige', 'lichtzinn'],
  ['lid', 'lid'],
  ['lidia', 'lidia'],
  ['lidmaatschap', 'lidmaatschap'],
  ['lidstaten', 'lidstat'],
  ['lidvereniging', 'lidveren'],
  ['opgingen', 'opging'],
  ['opglanzing', 'opglanz'],
  ['opglanzingen', 'opglanz'],
  ['opglimlachten', 'opglimlacht'],
  ['opglimpen', 'opglimp'],
  ['opglimpende', 'opglimp'],
  ['opglimping', 'opglimp'],
  ['opglimpingen', 'opglimp'],
  ['opgraven', 'opgrav'],
  ['opgrijnzen', 'opgrijnz'],
  ['opgrijzende', 'opgrijz'],
  ['opgroeien', 'opgroei'],
  ['opgroeiende', 'opgroei'],
  ['opgroeiplaats', 'opgroeiplat'],
  ['ophaal', 'ophal'],
  ['ophaaldienst', 'ophaaldienst'],
  ['ophaalkosten', 'ophaalkost'],
  ['ophaalsystemen', 'ophaalsystem'],
  ['ophaalt', 'ophaalt'],
  ['ophaaltruck', 'ophaaltruck'],
  ['ophalen', 'ophal'],
  ['ophalend', 'ophal'],
  ['ophalers', 'ophaler'],
  ['ophef', 'ophef'],
  ['opheffen', 'opheff'],
  ['opheffende', 'opheff'],
  ['opheffing', 'opheff'],
  ['opheldering', 'ophelder'],
  ['ophemelde', 'ophemeld'],
  ['ophemelen', 'ophemel'],
  ['opheusden', 'opheusd'],
  ['ophief', 'ophief'],
  ['ophield', 'ophield'],
  ['ophieven', 'ophiev'],
  ['ophoepelt', 'ophoepelt'],
  ['ophoog', 'ophog'],
  ['ophoogzand', 'ophoogzand'],
  ['ophopen', 'ophop'],
  ['ophoping', 'ophop'],
  ['ophouden', 'ophoud'],
]

describe('Snowball dutch stemmer (snowballstem.org sample vocabulary)', () => {
  it.each(SAMPLE_VOCABULARY)('%s -> %s', (word, stem) => {
    expect(snowballDutchStem(word)).toBe(stem)
  })

  it.each([
    // accents folded in the prelude; an i between vowels and a y after a vowel are consonants
    ['café', 'caf'],
    ['ideeën', 'ideeen'],
    ['haaien', 'haai'],
    ['fooien', 'fooi'],
    ['royaal', 'royal'],
    // the scan resumes at each marked letter, so both i's of a-i-a-i-e are marked (and -en follows a non-vowel)
    ['aiaien', 'aiai'],
    // -heden in R1 -> -heid; -heid deleted in R2 only, then a preceding -en; -baar in R2
    ['mogelijkheden', 'mogelijk'],
    ['gezondheid', 'gezond'],
    ['eigenheid', 'eig'],
    ['schoonheid', 'schoonheid'],
    ['betaalbaar', 'betal'],
    // -en not after gem; -s not after j; short words keep their endings
    ['gemen', 'gemen'],
    ['ijs', 'ijs'],
    ['en', 'en'],
    ['', ''],
  ])('%s -> %s', (word, stem) => {
    expect(snowballDutchStem(word)).toBe(stem)
  })
})

describe('dutch analyzer (DutchAnalyzer)', () => {
  const a = dutchAnalyzer()

  it('lowercases, drops stop words and stems', () => {
    expect(terms(a, 'De Lichamelijke lichten van het ophalen')).toEqual(['licham', 'licht', 'ophal'])
  })

  it.each([
    ['fiets', 'fiets'],
    ['bromfiets', 'bromfiets'],
    ['ei', 'eier'],
    ['Kind', 'kinder'],
    ['fietsen', 'fiets'],
  ])('the default stem dictionary: %s -> %s', (text, stem) => {
    expect(terms(a, text)).toEqual([stem])
  })

  it('keeps offsets and positions of the stemmed tokens', () => {
    expect(a.analyze('de fiets lichten')).toEqual([
      { token: 'fiets', start_offset: 3, end_offset: 8, type: '<ALPHANUM>', position: 1 },
      { token: 'licht', start_offset: 9, end_offset: 16, type: '<ALPHANUM>', position: 2 },
    ])
  })

  it('stem_exclusion keeps a word unstemmed (testExclusionTableViaCtor)', () => {
    const excluding = dutchAnalyzer({ stopwords: '_none_', stem_exclusion: ['lichamelijk'] })
    expect(terms(excluding, 'lichamelijk lichamelijke')).toEqual(['lichamelijk', 'licham'])
  })

  it('a stem_exclusion word is not overridden by the dictionary either', () => {
    expect(terms(dutchAnalyzer({ stem_exclusion: ['kind'] }), 'kind')).toEqual(['kind'])
  })

  it('stop words are matched after lowercasing (testStopwordsCasing)', () => {
    expect(terms(a, 'Zelf')).toEqual([])
  })

  it('takes a stopwords setting', () => {
    expect(terms(dutchAnalyzer({ stopwords: ['licht'] }), 'de licht')).toEqual(['de'])
  })

  it('is the built-in analyzer `dutch`', () => {
    expect(getAnalyzer('dutch')?.name).toBe('dutch')
  })
})

describe('stemmer language dutch and snowball Dutch', () => {
  it.each([{ language: 'dutch' }, { language: 'Dutch' }, { name: 'dutch' }])('stemmer %j', (settings) => {
    expect(terms(whitespace(filter('stemmer', settings)), 'lichamelijke fiets')).toEqual(['licham', 'fiet'])
  })

  it.each([{ language: 'Dutch' }, { language: 'dutch' }])('snowball %j', (settings) => {
    expect(terms(whitespace(filter('snowball', settings)), 'ophalen')).toEqual(['ophal'])
  })

  it.each(['dutch_kp', 'kp'])('%s (KpStemmer) is still refused', (language) => {
    expect(() => getTokenFilter('stemmer', { language })).toThrow('Invalid stemmer class specified')
  })
})

describe('_dutch_ stop words', () => {
  it('has the 101 words of dutch_stop.txt', () => {
    expect(DUTCH_STOP_WORDS).toHaveLength(101)
    expect(new Set(DUTCH_STOP_WORDS).size).toBe(101)
  })

  it('is a named set of the stop filter', () => {
    expect(terms(whitespace(filter('stop', { stopwords: '_dutch_' })), 'de hond en de kat')).toEqual([
      'hond',
      'kat',
    ])
  })
})
