// The English stemmers one term at a time, against Martin Porter's vocabulary (Lucene's PorterStemmer and
// Snowball's "porter" program), snowball-data's Porter2 vocabulary (Snowball 2.0.0 "english", Lucene 9's
// EnglishStemmer), the exceptions listed in the Porter2 definition
// (https://snowballstem.org/algorithms/english/stemmer.html), and Lucene's TestEnglishMinimalStemFilter.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { englishMinimalStem } from '../../../../../workers/es/analysis/stemmers/english-minimal-stemmer.ts'
import { removePossessive } from '../../../../../workers/es/analysis/stemmers/english-possessive-filter.ts'
import { porterStem } from '../../../../../workers/es/analysis/stemmers/porter-stemmer.ts'
import { snowballEnglishStem } from '../../../../../workers/es/analysis/stemmers/snowball-english-stemmer.ts'
import { snowballPorterStem } from '../../../../../workers/es/analysis/stemmers/snowball-porter-stemmer.ts'
import { PORTER_OUTPUT, PORTER_VOC } from './porter-vocabulary.ts'
import { PORTER2_PAIRS } from './porter2-vocabulary.ts'

const words = (text: string): string[] => text.split(/\s+/)
const porterPairs = words(PORTER_VOC).map((word, i) => [word, words(PORTER_OUTPUT)[i] ?? ''] as const)
const porter2Pairs = PORTER2_PAIRS.split('\n').map((line) => {
  const [word = '', stem = ''] = line.split(' ')
  return [word, stem] as const
})

/** Lowercase ASCII words, the stemmers' intended input. */
const lowercaseWord = fc.stringMatching(/^[a-z']{0,14}$/)

describe('Porter (Lucene PorterStemmer and Snowball "porter")', () => {
  it('has a vocabulary of 150 aligned pairs', () => {
    expect(porterPairs).toHaveLength(150)
    expect(words(PORTER_OUTPUT)).toHaveLength(150)
  })

  it.each(porterPairs)('Lucene PorterStemmer: %s -> %s', (word, stem) => {
    expect(porterStem(word)).toBe(stem)
  })

  it.each(porterPairs)('Snowball porter: %s -> %s', (word, stem) => {
    expect(snowballPorterStem(word)).toBe(stem)
  })

  it('Lucene leaves terms of one or two characters alone; Snowball porter does not', () => {
    expect(porterStem('')).toBe('')
    expect(porterStem('is')).toBe('is')
    expect(porterStem('as')).toBe('as')
    expect(snowballPorterStem('is')).toBe('i')
  })

  it('never lengthens a word', () => {
    fc.assert(
      fc.property(lowercaseWord, (word) => {
        expect(porterStem(word).length).toBeLessThanOrEqual(word.length)
        expect(snowballPorterStem(word).length).toBeLessThanOrEqual(word.length)
      }),
    )
  })
})

describe('Porter2 (Snowball "english", Lucene 9 EnglishStemmer)', () => {
  it('has the vocabulary stretches', () => {
    expect(porter2Pairs).toHaveLength(581)
  })

  it.each(porter2Pairs)('%s -> %s', (word, stem) => {
    expect(snowballEnglishStem(word)).toBe(stem)
  })

  it.each([
    ['skis', 'ski'],
    ['skies', 'sky'],
    ['dying', 'die'],
    ['lying', 'lie'],
    ['tying', 'tie'],
    ['idly', 'idl'],
    ['gently', 'gentl'],
    ['ugly', 'ugli'],
    ['early', 'earli'],
    ['only', 'onli'],
    ['singly', 'singl'],
    ['sky', 'sky'],
    ['news', 'news'],
    ['howe', 'howe'],
    ['atlas', 'atlas'],
    ['cosmos', 'cosmos'],
    ['bias', 'bias'],
    ['andes', 'andes'],
  ])('exception1: %s -> %s', (word, stem) => {
    expect(snowballEnglishStem(word)).toBe(stem)
  })

  it.each(['inning', 'outing', 'canning', 'herring', 'earring', 'proceed', 'exceed', 'succeed'])(
    'exception2: %s and its plural stop after step 1a',
    (word) => {
      expect(snowballEnglishStem(word)).toBe(word)
      expect(snowballEnglishStem(`${word}s`)).toBe(word)
    },
  )

  it('strips possessives and a leading apostrophe, keeps words under three letters', () => {
    expect(snowballEnglishStem("dog's")).toBe('dog')
    expect(snowballEnglishStem("dogs'")).toBe('dog')
    expect(snowballEnglishStem("'tis")).toBe('tis')
    expect(snowballEnglishStem('as')).toBe('as')
  })

  it('never lengthens a word', () => {
    fc.assert(
      fc.property(lowercaseWord, (word) => {
        expect(snowballEnglishStem(word).length).toBeLessThanOrEqual(word.length)
      }),
    )
  })

  it('gives back a lowercase y for every consonant Y it marked', () => {
    fc.assert(
      fc.property(lowercaseWord, (word) => {
        expect(snowballEnglishStem(word)).not.toContain('Y')
        expect(snowballPorterStem(word)).not.toContain('Y')
      }),
    )
  })
})

describe('EnglishMinimalStemmer (S-stemmer)', () => {
  it.each([
    ['queries', 'query'],
    ['phrases', 'phrase'],
    ['corpus', 'corpus'],
    ['stress', 'stress'],
    ['kings', 'king'],
    ['panels', 'panel'],
    ['aerodynamics', 'aerodynamic'],
    ['congress', 'congress'],
    ['serious', 'serious'],
    ['', ''],
  ])('%s -> %s (Lucene TestEnglishMinimalStemFilter)', (word, stem) => {
    expect(englishMinimalStem(word)).toBe(stem)
  })

  /** Harman's three rules, written as regular expressions. */
  function harman(word: string): string {
    if (word.length < 3) return word
    if (/^.*[^ae]ies$/.test(word)) return word.replace(/ies$/, 'y')
    if (/(?:[aeio]es|us|ss)$/.test(word)) return word
    return word.replace(/s$/, '')
  }

  it('agrees with the rules written as regular expressions', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{0,3}(?:ies|aies|eies|es|s|us|ss|oes|aes)?$/), (word) => {
        expect(englishMinimalStem(word)).toBe(harman(word))
      }),
      { numRuns: 2000 },
    )
  })
})

describe('EnglishPossessiveFilter term rule', () => {
  it.each([
    ["steven's", 'steven'],
    ['steven\u2019s', 'steven'],
    ['steven\uff07s', 'steven'],
    ["JAMES'S", 'JAMES'],
    ["'s", ''],
    ["dogs'", "dogs'"],
    ["it's'", "it's'"],
    ['s', 's'],
  ])('%s -> %s', (term, expected) => {
    expect(removePossessive(term)).toBe(expected)
  })
})
