// The simple_pattern and simple_pattern_split tokenizers (Lucene's SimplePatternTokenizer and
// SimplePatternSplitTokenizer over a Lucene RegExp DFA) against the Elasticsearch 8 reference pages'
// examples and the longest-match and empty-pattern rules of their Lucene tests.
import { describe, expect, it } from 'vitest'
import { getTokenizer } from '../../../../workers/es/analysis/tokenizer-registry.ts'
import { chain, rows, terms } from './analysis-chain.ts'

describe('simple_pattern tokenizer', () => {
  it('reference example: three-digit numbers', () => {
    const tokenizer = { type: 'simple_pattern', pattern: '[0123456789]{3}' }
    expect(rows(chain(tokenizer), 'fd-786-335-514-x')).toEqual([
      ['786', 3, 6, 0],
      ['335', 7, 10, 1],
      ['514', 11, 14, 2],
    ])
  })

  it('takes the longest match, never an empty one, and Lucene RegExp syntax', () => {
    expect(terms(chain({ type: 'simple_pattern', pattern: 'a|ab|abc' }), 'xabcab')).toEqual(['abc', 'ab'])
    expect(terms(chain({ type: 'simple_pattern', pattern: 'a*' }), 'baab')).toEqual(['aa'])
    expect(terms(chain({ type: 'simple_pattern', pattern: '<1-12>' }), 'x7y12z13')).toEqual([
      '7',
      '12',
      '1',
      '3',
    ])
    expect(terms(chain('simple_pattern'), 'abc')).toEqual([])
  })
})

describe('simple_pattern_split tokenizer', () => {
  it('reference example: split on underscores', () => {
    const tokenizer = { type: 'simple_pattern_split', pattern: '_' }
    expect(rows(chain(tokenizer), 'an_underscored_phrase')).toEqual([
      ['an', 0, 2, 0],
      ['underscored', 3, 14, 1],
      ['phrase', 15, 21, 2],
    ])
  })

  it('drops empty runs between, before and after separators; no pattern keeps the text', () => {
    expect(rows(chain({ type: 'simple_pattern_split', pattern: '-+' }), '--a---b-')).toEqual([
      ['a', 2, 3, 0],
      ['b', 6, 7, 1],
    ])
    expect(terms(chain('simple_pattern_split'), 'a b')).toEqual(['a b'])
  })

  it("refuses a pattern RegExp cannot parse, with RegExp's message", () => {
    expect(() => getTokenizer('simple_pattern', { pattern: '(a' })).toThrow(/expected '\)'/)
  })
})
