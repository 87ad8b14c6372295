// The whitespace, letter, lowercase and keyword tokenizers against the Elasticsearch 8.17 reference pages
// ("Whitespace tokenizer", "Letter tokenizer", "Lowercase tokenizer", "Keyword tokenizer") and Lucene's
// CharTokenizer rules (max token length 255, type "word", original-text offsets).
import { describe, expect, it } from 'vitest'
import {
  letterTokenizer,
  lowercaseTokenizer,
  whitespaceTokenizer,
} from '../../../../workers/es/analysis/tokenizers/char-tokenizer.ts'
import { KeywordTokenizer } from '../../../../workers/es/analysis/tokenizers/keyword-tokenizer.ts'

const text = "The 2 QUICK Brown-Foxes jumped over the lazy dog's bone."

describe('char tokenizers', () => {
  it('whitespace splits on Character.isWhitespace only', () => {
    const tokens = whitespaceTokenizer().tokenize(text)
    expect(tokens.terms).toEqual([
      'The',
      '2',
      'QUICK',
      'Brown-Foxes',
      'jumped',
      'over',
      'the',
      'lazy',
      "dog's",
      'bone.',
    ])
    expect(tokens.startOffsets).toEqual([0, 4, 6, 12, 24, 31, 36, 40, 45, 51])
    expect(tokens.endOffsets).toEqual([3, 5, 11, 23, 30, 35, 39, 44, 50, 56])
    expect(new Set(tokens.types)).toEqual(new Set(['word']))
    expect(whitespaceTokenizer().tokenize('a\u00a0b\u2003c').terms).toEqual(['a\u00a0b', 'c'])
  })

  it('letter splits at every non-letter', () => {
    expect(letterTokenizer().tokenize(text).terms).toEqual([
      'The',
      'QUICK',
      'Brown',
      'Foxes',
      'jumped',
      'over',
      'the',
      'lazy',
      'dog',
      's',
      'bone',
    ])
  })

  it('lowercase is letter plus Character.toLowerCase, offsets from the original text', () => {
    const tokens = lowercaseTokenizer().tokenize(text)
    expect(tokens.terms).toEqual([
      'the',
      'quick',
      'brown',
      'foxes',
      'jumped',
      'over',
      'the',
      'lazy',
      'dog',
      's',
      'bone',
    ])
    expect(tokens.startOffsets.slice(0, 3)).toEqual([0, 6, 12])
    expect(lowercaseTokenizer().tokenize('İSTANBUL').terms).toEqual(['istanbul'])
  })

  it('cuts tokens at max_token_length and continues with the rest', () => {
    const tokens = whitespaceTokenizer(3).tokenize('abcdefg hi')
    expect(tokens.terms).toEqual(['abc', 'def', 'g', 'hi'])
    expect(tokens.startOffsets).toEqual([0, 3, 6, 8])
    expect(tokens.positions).toEqual([0, 1, 2, 3])
    const long = 'x'.repeat(300)
    expect(letterTokenizer().tokenize(long).terms).toEqual(['x'.repeat(255), 'x'.repeat(45)])
  })

  it('a supplementary character may take a token one unit past the limit, as in Lucene', () => {
    expect(whitespaceTokenizer(3).tokenize('ab𐐀cd').terms).toEqual(['ab𐐀', 'cd'])
  })
})

describe('keyword tokenizer', () => {
  it('emits the whole input as one token', () => {
    expect(new KeywordTokenizer().tokenize('New York')).toEqual({
      terms: ['New York'],
      startOffsets: [0],
      endOffsets: [8],
      types: ['word'],
      positions: [0],
    })
  })

  it('emits one empty token for empty input', () => {
    expect(new KeywordTokenizer().tokenize('').terms).toEqual([''])
  })
})
