// The Turkish analysis components: the Snowball turkish stemmer (Snowball 2.0.0 as Lucene 9 ships it) against
// word/stem pairs of Snowball's Turkish sample (as marc-mabe/php-stem's tests/turkish_unicode.dat and .out carry
// it; the snowball-data copy has no vocabulary file), TurkishLowerCaseFilter, the `turkish` analyzer against
// Lucene's TestTurkishAnalyzer, the `lowercase` filter's language, the `stemmer` filter's turkish and the
// `snowball` filter's Turkish, and `_turkish_` (Lucene's tr/stopwords.txt).
import { describe, expect, it } from 'vitest'
import { TURKISH_STOP_WORDS } from '../../../../../workers/es/analysis/filters/romanian-catalan-hungarian-turkish-stop-words.ts'
import { turkishLowerCase } from '../../../../../workers/es/analysis/filters/language-lowercase-filters.ts'
import { getAnalyzer } from '../../../../../workers/es/analysis/registry.ts'
import { getTokenFilter } from '../../../../../workers/es/analysis/token-filter-registry.ts'
import { turkishAnalyzer } from '../../../../../workers/es/analysis/stemmers/language-analyzers.ts'
import { snowballTurkishStem } from '../../../../../workers/es/analysis/stemmers/snowball-turkish-stemmer.ts'
import { filter, terms, whitespace } from './chain-fixture.ts'

/** Snowball's Turkish sample: each word and its stem. */
const SAMPLE_VOCABULARY: readonly (readonly [string, string])[] = [
  ['duy', 'duy'],
  ['duyabildiklerini', 'duyabildik'],
  ['duyabildiği', 'duyabildik'],
  ['duyabiliriz', 'duyabilir'],
  ['duyabiliyor', 'duyabiliyor'],
  ['duyacakları', 'duyacak'],
  ['duyacaktır', 'duyacak'],
  ['duyacağımızı', 'duyacak'],
  ['duyacağız', 'duyacak'],
  ['duyamayanların', 'duyamaya'],
  ['duyamazsınız', 'duyamaz'],
  ['duyan', 'duya'],
  ['duyanlar', 'duyan'],
  ['duyanlarla', 'duya'],
  ['duyanları', 'duyan'],
  ['duyar', 'duyar'],
  ['duyarak', 'duyarak'],
  ['duyarken', 'duyar'],
  ['duyarlar', 'duyar'],
  ['duyarlıdır', 'duyarlı'],
  ['duyarlılıklarına', 'duyarlılık'],
  ['duyarlılığının', 'duyarlılık'],
  ['duyarsızlık', 'duyarsızlık'],
  ['duyarım', 'duyar'],
  ['duyarız', 'duyar'],
  ['duydu', 'du'],
  ['duyduk', 'du'],
  ['duydukları', 'duyduk'],
  ['duyduklarında', 'duyduk'],
  ['duyduklarını', 'duyduk'],
  ['duydularsa', 'duydu'],
  ['duydum', 'du'],
  ['duydunuz', 'du'],
  ['duyduğu', 'duyduk'],
  ['duyduğubildirildi', 'duyduğubildiril'],
  ['duyduğum', 'duyduk'],
  ['duyduğunuzda', 'duyduk'],
  ['duygulanan', 'duygulana'],
  ['duygulandırdı', 'duygulandır'],
  ['duygulandırmıştır', 'duygulandır'],
  ['duygulandırıyor', 'duygulandırıyor'],
  ['duygulanımını', 'duygulanım'],
  ['duygular', 'duygu'],
  ['duygularımızı', 'duygu'],
  ['duygularıyla', 'duygu'],
  ['duygulu', 'duygul'],
  ['duygunun', 'duygu'],
  ['duygusal', 'duygusal'],
  ['duygusallaşmamalı', 'duygusallaşmamal'],
  ['duygusu', 'duygus'],
  ['duygusunu', 'duygu'],
  ['duyguyu', 'duygu'],
  ['duymadan', 'duyma'],
  ['duymadım', 'duymadı'],
  ['duymadığını', 'duymadık'],
  ['duymaktadır', 'duymak'],
  ['duymaktayız', 'duymak'],
  ['duymamızı', 'duyma'],
  ['duymamıştım', 'duymamış'],
  ['duymasına', 'duyma'],
  ['duymayacağı', 'duymayacak'],
  ['duymayan', 'duymaya'],
  ['duymaz', 'duymaz'],
]

describe('Snowball turkish stemmer (Snowball sample vocabulary)', () => {
  it.each(SAMPLE_VOCABULARY)('%s -> %s', (word, stem) => {
    expect(snowballTurkishStem(word)).toBe(stem)
  })

  // Derived from the algorithm's description and Lucene's TestTurkishAnalyzer (not in the sample)
  it.each([
    // a final c becomes ç in the postlude
    ['ağacı', 'ağaç'],
    ['ağaç', 'ağaç'],
    // fewer than two vowels: left alone
    ['kız', 'kız'],
    // the reserved words keep their d
    ['soyad', 'soyad'],
    ['', ''],
  ])('%s -> %s', (word, stem) => {
    expect(snowballTurkishStem(word)).toBe(stem)
  })
})

describe('TurkishLowerCaseFilter', () => {
  it.each([
    ['IŞIK', 'ışık'],
    ['İSTANBUL', 'istanbul'],
    // a capital I followed by a combining dot above is a dotted i, the dot dropped
    ['I\u0307stanbul', 'istanbul'],
    ['I\u0316\u0307', 'i\u0316'],
    ['ÇÖĞÜŞ', 'çöğüş'],
  ])('%s -> %s', (term, lowered) => {
    expect(turkishLowerCase(term)).toBe(lowered)
  })

  it('is the lowercase filter with language turkish (ignoring case)', () => {
    expect(terms(whitespace(filter('lowercase', { language: 'Turkish' })), 'DIŞ İÇ')).toEqual(['dış', 'iç'])
    expect(terms(whitespace(filter('lowercase')), 'DIŞ İÇ')).toEqual(['diş', 'iç'])
  })

  it('refuses a language LowerCaseTokenFilterFactory does not know', () => {
    expect(() => getTokenFilter('lowercase', { language: 'klingon' })).toThrow(
      'language [klingon] not support for lower case',
    )
  })
})

describe('turkish analyzer (TestTurkishAnalyzer)', () => {
  it('stems and drops stop words (testBasics)', () => {
    expect(terms(turkishAnalyzer(), 'ağacı ağaç dolayı')).toEqual(['ağaç', 'ağaç'])
  })

  it('cuts at the apostrophe (testApostrophes)', () => {
    expect(terms(turkishAnalyzer(), "Kıbrıs'ta")).toEqual(['kıbrıs'])
    expect(terms(turkishAnalyzer(), "Van Gölü'ne")).toEqual(['van', 'göl'])
  })

  it('stem_exclusion keeps a word unstemmed (testExclude)', () => {
    expect(terms(turkishAnalyzer({ stem_exclusion: ['ağacı'] }), 'ağacı ağaç')).toEqual(['ağacı', 'ağaç'])
  })

  it('is the built-in analyzer `turkish`', () => {
    expect(getAnalyzer('turkish')?.name).toBe('turkish')
  })
})

describe('stemmer language turkish and snowball Turkish', () => {
  it.each([{ language: 'turkish' }, { language: 'Turkish' }, { name: 'turkish' }])(
    'stemmer %j',
    (settings) => {
      expect(terms(whitespace(filter('stemmer', settings)), 'duyarlılıklarına duyguyu')).toEqual([
        'duyarlılık',
        'duygu',
      ])
    },
  )

  it('snowball Turkish', () => {
    expect(terms(whitespace(filter('snowball', { language: 'Turkish' })), 'duyacağımızı')).toEqual([
      'duyacak',
    ])
  })
})

describe('_turkish_ stop words', () => {
  it('has the 209 words of tr/stopwords.txt', () => {
    expect(TURKISH_STOP_WORDS).toHaveLength(209)
    expect(new Set(TURKISH_STOP_WORDS).size).toBe(209)
  })

  it('is a named set of the stop filter', () => {
    expect(terms(whitespace(filter('stop', { stopwords: '_turkish_' })), 've kitap için')).toEqual(['kitap'])
  })
})
