// The czech, latvian, bulgarian and indonesian analyzers against Lucene 9's TestCzechAnalyzer,
// TestLatvianAnalyzer, TestBulgarianAnalyzer and TestIndonesianAnalyzer; their stemmers against
// TestCzechStemmer, TestLatvianStemmer, TestBulgarianStemmer and TestIndonesianStemmer; the `czech_stem`
// filter, the `stemmer` languages and the named stop sets.
import { describe, expect, it } from 'vitest'
import { getAnalyzer } from '../../../../../workers/es/analysis/registry.ts'
import { bulgarianStem } from '../../../../../workers/es/analysis/stemmers/bulgarian-stemmer.ts'
import { czechStem } from '../../../../../workers/es/analysis/stemmers/czech-stemmer.ts'
import { indonesianStem } from '../../../../../workers/es/analysis/stemmers/indonesian-stemmer.ts'
import { latvianStem } from '../../../../../workers/es/analysis/stemmers/latvian-stemmer.ts'
import { filter, terms, whitespace } from './chain-fixture.ts'

const analyzer = (name: string, settings = {}) => {
  const built = getAnalyzer(name, settings)
  if (!built) throw new Error(`missing analyzer ${name}`)
  return built
}

describe('czech', () => {
  it('the analyzer (testStopWord, testWithStemExclusionSet)', () => {
    expect(terms(analyzer('czech'), 'Pokud mluvime o volnem')).toEqual(['mluvim', 'voln'])
    expect(terms(analyzer('czech', { stem_exclusion: ['hole'] }), 'hole desek')).toEqual(['hole', 'desk'])
  })

  it.each([
    ['pán', 'pán'],
    ['páni', 'pán'],
    ['pánové', 'pán'],
    ['pána', 'pán'],
    ['pánů', 'pán'],
    ['pánovi', 'pán'],
    ['pánům', 'pán'],
    ['pány', 'pán'],
    ['pánech', 'pán'],
    ['pánem', 'pán'],
    ['hradu', 'hrad'],
    ['hradech', 'hrad'],
    ['hradům', 'hrad'],
    ['muž', 'muh'],
    ['muže', 'muh'],
    ['mužích', 'muh'],
    ['mužem', 'muh'],
    ['', ''],
  ])('%s -> %s', (word, stem) => {
    expect(czechStem(word)).toBe(stem)
  })

  it('is the czech_stem filter and the stemmer language czech', () => {
    expect(terms(whitespace(filter('czech_stem')), 'pánové mužích')).toEqual(['pán', 'muh'])
    expect(terms(whitespace(filter('stemmer', { language: 'czech' })), 'hradech')).toEqual(['hrad'])
  })
})

describe('latvian', () => {
  it('the analyzer (testBasics, testExclude)', () => {
    expect(terms(analyzer('latvian'), 'tirgiem tirgus un')).toEqual(['tirg', 'tirg'])
    expect(terms(analyzer('latvian', { stem_exclusion: ['tirgiem'] }), 'tirgiem tirgus')).toEqual([
      'tirgiem',
      'tirg',
    ])
  })

  it.each([
    ['tēvs', 'tēv'],
    ['tēvi', 'tēv'],
    ['tēva', 'tēv'],
    ['tēvu', 'tēv'],
    ['tēvam', 'tēv'],
    ['tēviem', 'tēv'],
    ['tēvā', 'tēv'],
    ['tēvos', 'tēv'],
    ['kaķis', 'kaķ'],
    ['krāsns', 'krāsn'],
    ['krāšņu', 'krāsn'],
    ['zivju', 'ziv'],
    ['ļaužu', 'ļauž'],
  ])('%s -> %s', (word, stem) => {
    expect(latvianStem(word)).toBe(stem)
  })
})

describe('bulgarian', () => {
  it('the analyzer (testStopwords, testBasicExamples, testWithStemExclusionSet)', () => {
    expect(terms(analyzer('bulgarian'), 'Как се казваш?')).toEqual(['казваш'])
    expect(
      terms(analyzer('bulgarian'), 'енергийни кризи Атомната енергия компютри компютър градове'),
    ).toEqual(['енергийн', 'криз', 'атомн', 'енерг', 'компютр', 'компютр', 'град'])
    expect(terms(analyzer('bulgarian', { stem_exclusion: ['строеве'] }), 'строевете строеве')).toEqual([
      'строй',
      'строеве',
    ])
  })

  it.each([
    ['документи', 'документ'],
    ['вестниците', 'вестник'],
    ['ябълки', 'ябълк'],
    ['братя', 'брат'],
    ['къщи', 'къщи'],
    ['ще', 'ще'],
  ])('%s -> %s', (word, stem) => {
    expect(bulgarianStem(word)).toBe(stem)
  })
})

describe('indonesian', () => {
  it('the analyzer (testBasics, testExclude)', () => {
    expect(terms(analyzer('indonesian'), 'peledakan pembunuhan bahwa')).toEqual(['ledak', 'bunuh'])
    expect(terms(analyzer('indonesian', { stem_exclusion: ['peledakan'] }), 'peledakan pembunuhan')).toEqual([
      'peledakan',
      'bunuh',
    ])
  })

  it.each([
    ['bukukah', 'buku'],
    ['adalah', 'ada'],
    ['bukuku', 'buku'],
    ['bukunya', 'buku'],
    ['mengukur', 'ukur'],
    ['menyapu', 'sapu'],
    ['menduga', 'duga'],
    ['menuduh', 'uduh'],
    ['membaca', 'baca'],
    ['merusak', 'rusak'],
    ['pengukur', 'ukur'],
    ['penyapu', 'sapu'],
    ['penduga', 'duga'],
    ['pembaca', 'baca'],
    ['diukur', 'ukur'],
    ['tersapu', 'sapu'],
    ['kekasih', 'kasih'],
    ['berlari', 'lari'],
    ['belajar', 'ajar'],
    ['bekerja', 'kerja'],
    ['perjelas', 'jelas'],
    ['pelajar', 'ajar'],
    ['pekerja', 'kerja'],
    ['tarikkan', 'tarik'],
    ['mengambilkan', 'ambil'],
    ['makanan', 'makan'],
    ['perjanjian', 'janji'],
    ['tandai', 'tanda'],
    ['mendapati', 'dapat'],
    ['pantai', 'panta'],
  ])('%s -> %s', (word, stem) => {
    expect(indonesianStem(word)).toBe(stem)
  })

  it('the stemmer languages latvian, bulgarian, indonesian', () => {
    expect(terms(whitespace(filter('stemmer', { language: 'latvian' })), 'tēviem')).toEqual(['tēv'])
    expect(terms(whitespace(filter('stemmer', { language: 'bulgarian' })), 'градове')).toEqual(['град'])
    expect(terms(whitespace(filter('stemmer', { language: 'indonesian' })), 'pembunuhan')).toEqual(['bunuh'])
  })
})

describe('named stop sets', () => {
  it.each([
    ['_czech_', 'pokud hrad', ['hrad']],
    ['_latvian_', 'un tēvs', ['tēvs']],
    ['_bulgarian_', 'като град', ['град']],
    ['_indonesian_', 'bahwa buku', ['buku']],
  ])('%s is a named set of the stop filter', (stopwords, text, expected) => {
    expect(terms(whitespace(filter('stop', { stopwords })), text)).toEqual(expected)
  })
})
