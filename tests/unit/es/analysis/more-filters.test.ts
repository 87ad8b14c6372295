// Token filters against the Elasticsearch 8 reference pages' `_analyze` examples: asciifolding, length,
// ngram, edge_ngram, shingle, trim, truncate, unique, uppercase, reverse; plus the factories' errors.
import { describe, expect, it } from 'vitest'
import { getTokenFilter } from '../../../../workers/es/analysis/token-filter-registry.ts'
import { chain, rows, terms } from './analysis-chain.ts'

describe('asciifolding', () => {
  it('reference examples, with and without preserve_original', () => {
    expect(terms(chain('standard', ['asciifolding']), 'açaí à la carte')).toEqual([
      'acai',
      'a',
      'la',
      'carte',
    ])
    expect(
      rows(chain('standard', [{ type: 'asciifolding', preserve_original: true }]), 'açaí à la carte'),
    ).toEqual([
      ['acai', 0, 4, 0],
      ['açaí', 0, 4, 0],
      ['a', 5, 6, 1],
      ['à', 5, 6, 1],
      ['la', 7, 9, 2],
      ['carte', 10, 15, 3],
    ])
  })

  it('folds ligatures, stroked letters, quotes and fullwidth forms; leaves Greek', () => {
    expect(terms(chain('keyword', ['asciifolding']), 'Æsir Łódź straße “ﬁ” Ｆｕｌｌ ①²')).toEqual([
      'AEsir Lodz strasse "fi" Full 12',
    ])
    expect(terms(chain('keyword', ['asciifolding']), 'άλφα')).toEqual(['άλφα'])
  })
})

describe('length, trim, truncate, unique, uppercase, reverse', () => {
  it('length: reference example keeps terms of at most 4 chars, positions kept', () => {
    const filter = { type: 'length', min: 0, max: 4 }
    expect(rows(chain('whitespace', [filter]), 'the quick brown fox jumps over the lazy dog')).toEqual([
      ['the', 0, 3, 0],
      ['fox', 16, 19, 3],
      ['over', 26, 30, 5],
      ['the', 31, 34, 6],
      ['lazy', 35, 39, 7],
      ['dog', 40, 43, 8],
    ])
    expect(() => getTokenFilter('length', { min: 5, max: 4 })).toThrow(
      'maximum length must not be greater than minimum length',
    )
  })

  it('trim keeps the offsets; truncate reference example', () => {
    expect(rows(chain('keyword', ['trim']), ' fox ')).toEqual([['fox', 0, 5, 0]])
    expect(terms(chain('whitespace', ['truncate']), 'the quinquennial extravaganza carried on')).toEqual([
      'the',
      'quinquenni',
      'extravagan',
      'carried',
      'on',
    ])
    expect(terms(chain('whitespace', [{ type: 'truncate', length: 3 }]), 'abcdef')).toEqual(['abc'])
  })

  it('unique: reference example; dropped tokens lose their position increments', () => {
    expect(rows(chain('whitespace', ['unique']), 'the quick fox jumps the lazy fox')).toEqual([
      ['the', 0, 3, 0],
      ['quick', 4, 9, 1],
      ['fox', 10, 13, 2],
      ['jumps', 14, 19, 3],
      ['lazy', 24, 28, 4],
    ])
    const samePosition = chain('whitespace', [
      { type: 'asciifolding', preserve_original: true },
      { type: 'unique', only_on_same_position: true },
    ])
    expect(rows(samePosition, 'a é a')).toEqual([
      ['a', 0, 1, 0],
      ['e', 2, 3, 1],
      ['é', 2, 3, 1],
      ['a', 4, 5, 2],
    ])
  })

  it('uppercase and reverse reference examples', () => {
    expect(terms(chain('standard', ['uppercase']), 'the Quick FoX JUMPs')).toEqual([
      'THE',
      'QUICK',
      'FOX',
      'JUMPS',
    ])
    expect(terms(chain('standard', ['reverse']), 'quick fox jumps')).toEqual(['kciuq', 'xof', 'spmuj'])
    expect(terms(chain('keyword', ['uppercase', 'reverse']), 'straße𝒜')).toEqual(['𝒜EßARTS'])
  })
})

describe('ngram and edge_ngram filters', () => {
  it('ngram reference example: grams share the token offsets and position', () => {
    expect(terms(chain('standard', ['ngram']), 'Quick fox')).toEqual([
      'Q',
      'Qu',
      'u',
      'ui',
      'i',
      'ic',
      'c',
      'ck',
      'k',
      'f',
      'fo',
      'o',
      'ox',
      'x',
    ])
    expect(rows(chain('standard', ['ngram']), 'ab c').slice(0, 4)).toEqual([
      ['a', 0, 2, 0],
      ['ab', 0, 2, 0],
      ['b', 0, 2, 0],
      ['c', 3, 4, 1],
    ])
  })

  it('edge_ngram reference example (1..3) and preserve_original', () => {
    const filter = { type: 'edge_ngram', min_gram: 1, max_gram: 3 }
    expect(terms(chain('standard', [filter]), 'the quick brown fox jumps')).toEqual([
      't',
      'th',
      'the',
      'q',
      'qu',
      'qui',
      'b',
      'br',
      'bro',
      'f',
      'fo',
      'fox',
      'j',
      'ju',
      'jum',
    ])
    const preserving = { type: 'edge_ngram', min_gram: 2, max_gram: 3, preserve_original: true }
    expect(terms(chain('whitespace', [preserving]), 'a quick')).toEqual(['a', 'qu', 'qui', 'quick'])
  })

  it('the ngram filter checks max_ngram_diff with the same text as the tokenizer', () => {
    expect(() => getTokenFilter('ngram', { min_gram: 2, max_gram: 4 })).toThrow(
      'in NGram Tokenizer must be less than or equal to: [1] but was [2].',
    )
  })
})

describe('shingle', () => {
  it('reference example: default bigrams with positionLength 2 and type shingle', () => {
    const analyzer = chain('whitespace', ['shingle'])
    expect(terms(analyzer, 'quick brown fox jumps')).toEqual([
      'quick',
      'quick brown',
      'brown',
      'brown fox',
      'fox',
      'fox jumps',
      'jumps',
    ])
    const stream = analyzer.tokenStream('quick brown fox jumps') as {
      positionLengths?: number[]
      types: string[]
    }
    expect(stream.positionLengths).toEqual([1, 2, 1, 2, 1, 2, 1])
    expect(stream.types).toEqual(['word', 'shingle', 'word', 'shingle', 'word', 'shingle', 'word'])
  })

  it('reference example: 2..3 shingles', () => {
    const filter = { type: 'shingle', min_shingle_size: 2, max_shingle_size: 3 }
    expect(rows(chain('whitespace', [filter]), 'quick brown fox jumps')).toEqual([
      ['quick', 0, 5, 0],
      ['quick brown', 0, 11, 0],
      ['quick brown fox', 0, 15, 0],
      ['brown', 6, 11, 1],
      ['brown fox', 6, 15, 1],
      ['brown fox jumps', 6, 21, 1],
      ['fox', 12, 15, 2],
      ['fox jumps', 12, 21, 2],
      ['jumps', 16, 21, 3],
    ])
  })

  it('reference example: filler_token fills the position a stop word left', () => {
    const filters = [
      { type: 'stop', stopwords: ['a'] },
      { type: 'shingle', filler_token: '+' },
    ]
    expect(terms(chain('whitespace', filters), 'fox jumps a lazy dog')).toEqual([
      'fox',
      'fox jumps',
      'jumps',
      'jumps +',
      '+ lazy',
      'lazy',
      'lazy dog',
      'dog',
    ])
  })

  it('output_unigrams false, token_separator, and the max_shingle_diff text', () => {
    const filter = { type: 'shingle', output_unigrams: false, token_separator: '-' }
    expect(terms(chain('whitespace', [filter]), 'a b c')).toEqual(['a-b', 'b-c'])
    const single = { type: 'shingle', output_unigrams: false, output_unigrams_if_no_shingles: true }
    expect(terms(chain('whitespace', [single]), 'alone')).toEqual(['alone'])
    expect(() => getTokenFilter('shingle', { min_shingle_size: 2, max_shingle_size: 5 })).toThrow(
      'In Shingle TokenFilter the difference between max_shingle_size and min_shingle_size (and +1 if ' +
        'outputting unigrams) must be less than or equal to: [3] but was [4]. This limit can be set by ' +
        'changing the [index.max_shingle_diff] index level setting.',
    )
  })
})
