// search_as_you_type's wrapped analyzers (SearchAsYouTypeAnalyzer) against ES's SearchAsYouTypeAnalyzerTests: the
// shingle subfields' FixedShingleFilter tokens and the prefix subfield's edge n-grams over trailing shingles, for
// every shingle size 2 to 4, over the simple analyzer; and FixedShingleFilter's fillers for removed stop words.
import { describe, expect, it } from 'vitest'
import { IndexAnalyzers } from '../../../../workers/es/analysis/custom/index-analyzers.ts'
import { wrappedAnalyzerName } from '../../../../workers/es/analysis/search-as-you-type-analyzer.ts'

const analyzers = new IndexAnalyzers({})

function terms(shingleSize: number, prefixes: boolean, text: string, base = 'simple'): string[] {
  return analyzers.analyzer(wrappedAnalyzerName(base, shingleSize, prefixes))!.tokenStream(text).terms
}

/** The edge n-grams of `text` (1 to its length). */
function grams(text: string): string[] {
  return [...text].map((_, i) => text.slice(0, i + 1))
}

/** `text` followed by 1 … count - 1 spaces (the test's tokenWithSpaces). */
function withSpaces(text: string, count: number): string[] {
  return Array.from({ length: count - 1 }, (_, i) => text + ' '.repeat(i + 1))
}

describe('search_as_you_type analyzers', () => {
  it('shingle subfields: no shingle from one term, shingles of exactly the size from more', () => {
    for (const size of [2, 3, 4]) expect(terms(size, false, 'quick')).toEqual([])
    expect(terms(2, false, 'quick red fox lazy brown')).toEqual([
      'quick red',
      'red fox',
      'fox lazy',
      'lazy brown',
    ])
    expect(terms(3, false, 'quick red fox lazy brown')).toEqual([
      'quick red fox',
      'red fox lazy',
      'fox lazy brown',
    ])
    expect(terms(4, false, 'quick red fox lazy brown')).toEqual(['quick red fox lazy', 'red fox lazy brown'])
  })

  it('prefix subfield: edge n-grams of the trailing shingles of one term', () => {
    for (const size of [2, 3, 4]) {
      expect(terms(size, true, 'quick')).toEqual([...grams('quick'), ...withSpaces('quick', size)])
    }
  })

  it('prefix subfield: edge n-grams of the shingles of several terms, the last ones padded', () => {
    const text = 'quick red fox lazy brown'
    expect(terms(2, true, text)).toEqual([
      ...grams('quick red'),
      ...grams('red fox'),
      ...grams('fox lazy'),
      ...grams('lazy brown'),
      ...grams('brown'),
      ...withSpaces('brown', 2),
    ])
    expect(terms(3, true, text)).toEqual([
      ...grams('quick red fox'),
      ...grams('red fox lazy'),
      ...grams('fox lazy brown'),
      ...grams('lazy brown'),
      ...withSpaces('lazy brown', 2),
      ...grams('brown'),
      ...withSpaces('brown', 3),
    ])
    expect(terms(4, true, text)).toEqual([
      ...grams('quick red fox lazy'),
      ...grams('red fox lazy brown'),
      ...grams('fox lazy brown'),
      ...withSpaces('fox lazy brown', 2),
      ...grams('lazy brown'),
      ...withSpaces('lazy brown', 3),
      ...grams('brown'),
      ...withSpaces('brown', 4),
    ])
  })

  it('keeps a shingle longer than 20 characters whole after its 20 n-grams', () => {
    const out = terms(2, true, 'internationalization everywhere')
    expect(out.slice(18, 22)).toEqual([
      'internationalization'.slice(0, 19),
      'internationalization',
      'internationalization everywhere',
      'e',
    ])
  })

  it('fills removed stop words with the empty filler, at the first token position and offsets', () => {
    const shingles = (size: number, text: string): object => {
      const stream = analyzers.analyzer(wrappedAnalyzerName('stop', size, false))!.tokenStream(text)
      return stream.terms.map((term, i) => [
        term,
        stream.positions[i],
        stream.startOffsets[i],
        stream.endOffsets[i],
      ])
    }
    expect(shingles(2, 'fox of the wood')).toEqual([['fox ', 0, 0, 3]])
    expect(shingles(3, 'fox of the wood')).toEqual([['fox  ', 0, 0, 3]])
    expect(shingles(3, 'fox of wood and fire')).toEqual([
      ['fox  wood', 0, 0, 11],
      ['wood  fire', 2, 7, 20],
    ])
  })
})
