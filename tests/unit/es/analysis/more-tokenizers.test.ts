// The pattern, ngram and edge_ngram tokenizers (and keyword's buffer_size) against the Elasticsearch 8
// reference pages' `_analyze` examples, and the max_ngram_diff check of NGramTokenizerFactory.
import { describe, expect, it } from 'vitest'
import { getTokenizer } from '../../../../workers/es/analysis/tokenizer-registry.ts'
import { chain, rows, terms } from './analysis-chain.ts'

describe('pattern tokenizer', () => {
  it('reference example: default \\W+ splits', () => {
    expect(rows(chain('pattern'), "The foo_bar_size's default is 5.")).toEqual([
      ['The', 0, 3, 0],
      ['foo_bar_size', 4, 16, 1],
      ['s', 17, 18, 2],
      ['default', 19, 26, 3],
      ['is', 27, 29, 4],
      ['5', 30, 31, 5],
    ])
  })

  it('reference example: comma separated values', () => {
    expect(terms(chain({ type: 'pattern', pattern: ',' }), 'comma,separated,values')).toEqual([
      'comma',
      'separated',
      'values',
    ])
  })

  it('reference example: group 1 extracts double-quoted values', () => {
    const tokenizer = { type: 'pattern', pattern: '"((?:\\\\"|[^"]|\\\\")+)"', group: 1 }
    expect(rows(chain(tokenizer), '"value", "value with embedded \\" quote"')).toEqual([
      ['value', 1, 6, 0],
      ['value with embedded \\" quote', 10, 38, 1],
    ])
  })

  it('group 0 emits whole matches; flags apply', () => {
    const tokenizer = { type: 'pattern', pattern: 'a+', group: 0, flags: 'CASE_INSENSITIVE' }
    expect(rows(chain(tokenizer), 'xAaxa')).toEqual([
      ['Aa', 1, 3, 0],
      ['a', 4, 5, 1],
    ])
  })
})

describe('ngram tokenizer', () => {
  it('reference example: defaults (1..2, every char)', () => {
    expect(terms(chain('ngram'), 'Quick Fox')).toEqual([
      'Q',
      'Qu',
      'u',
      'ui',
      'i',
      'ic',
      'c',
      'ck',
      'k',
      'k ',
      ' ',
      ' F',
      'F',
      'Fo',
      'o',
      'ox',
      'x',
    ])
  })

  it('reference example: trigrams of letters and digits', () => {
    const tokenizer = { type: 'ngram', min_gram: 3, max_gram: 3, token_chars: ['letter', 'digit'] }
    expect(rows(chain(tokenizer), '2 Quick Foxes.')).toEqual([
      ['Qui', 2, 5, 0],
      ['uic', 3, 6, 1],
      ['ick', 4, 7, 2],
      ['Fox', 8, 11, 3],
      ['oxe', 9, 12, 4],
      ['xes', 10, 13, 5],
    ])
  })

  it('max_ngram_diff: ES 8 text, and the index setting raises the limit', () => {
    expect(() => getTokenizer('ngram', { min_gram: 1, max_gram: 3 })).toThrow(
      'The difference between max_gram and min_gram in NGram Tokenizer must be less than or equal to: [1] ' +
        'but was [2]. This limit can be set by changing the [index.max_ngram_diff] index level setting.',
    )
    expect(
      getTokenizer('ngram', { min_gram: 1, max_gram: 3 }, { maxNgramDiff: 2, maxShingleDiff: 3 }),
    ).not.toBeNull()
  })

  it('custom token chars and surrogate pairs counted as one char', () => {
    const tokenizer = {
      type: 'ngram',
      min_gram: 2,
      max_gram: 2,
      token_chars: ['letter', 'custom'],
      custom_token_chars: '+',
    }
    expect(terms(chain(tokenizer), 'c++ 𝒜b')).toEqual(['c+', '++', '𝒜b'])
    expect(() => getTokenizer('ngram', { token_chars: ['custom'] })).toThrow(
      'Token type: [custom] requires setting `custom_token_chars`',
    )
  })
})

describe('edge_ngram tokenizer', () => {
  it('reference example: defaults give the first one and two chars of the whole text', () => {
    expect(terms(chain('edge_ngram'), 'Quick Fox')).toEqual(['Q', 'Qu'])
  })

  it('reference example: 2..10 letters and digits; no max_ngram_diff limit', () => {
    const tokenizer = { type: 'edge_ngram', min_gram: 2, max_gram: 10, token_chars: ['letter', 'digit'] }
    expect(terms(chain(tokenizer), '2 Quick Foxes.')).toEqual([
      'Qu',
      'Qui',
      'Quic',
      'Quick',
      'Fo',
      'Fox',
      'Foxe',
      'Foxes',
    ])
  })
})

describe('settings of the older tokenizers', () => {
  it('keyword buffer_size must be positive; whitespace max_token_length cuts', () => {
    expect(() => getTokenizer('keyword', { buffer_size: 0 })).toThrow(
      'maxTokenLen must be greater than 0 and less than 1048576 passed: 0',
    )
    expect(terms(chain({ type: 'whitespace', max_token_length: 3 }), 'abcdef gh')).toEqual([
      'abc',
      'def',
      'gh',
    ])
  })
})
