// The apostrophe, decimal_digit, classic, cjk_width, keep, keep_types, limit and remove_duplicates filters against
// the Elasticsearch 8 reference pages' `_analyze` examples and their Lucene filters' rules, with the
// factories' setting errors.
import { describe, expect, it } from 'vitest'
import { getTokenFilter } from '../../../../workers/es/analysis/token-filter-registry.ts'
import type { TokenList } from '../../../../workers/es/analysis/token-list.ts'
import { chain, rows, terms } from './analysis-chain.ts'

describe('term rewriting filters', () => {
  it('apostrophe: reference example cuts at the apostrophe (and at U+2019)', () => {
    expect(terms(chain('standard', ['apostrophe']), "Istanbul'a veya Istanbul'dan")).toEqual([
      'Istanbul',
      'veya',
      'Istanbul',
    ])
    expect(terms(chain('whitespace', ['apostrophe']), 'd\u2019Artagnan')).toEqual(['d'])
  })

  it('decimal_digit: reference example folds Devanagari digits, supplementary digits too', () => {
    expect(terms(chain('whitespace', ['decimal_digit']), '१-one two-२ ३')).toEqual(['1-one', 'two-2', '3'])
    expect(terms(chain('whitespace', ['decimal_digit']), '\u{1D7D7}\u{1D7FF}٠')).toEqual(['990'])
  })

  it('cjk_width: reference example folds halfwidth katakana, voiced marks merge', () => {
    expect(rows(chain('standard', ['cjk_width']), 'ｼｰｻｲﾄﾞﾗｲﾅｰ')).toEqual([['シーサイドライナー', 0, 10, 0]])
    expect(terms(chain('whitespace', ['cjk_width']), 'ＡＢＣ１２３ ﾊﾟﾝ ﾞｱﾞ')).toEqual([
      'ABC123',
      'パン',
      '\u3099ア\u3099',
    ])
  })

  it('classic: strips the possessive of <APOSTROPHE> and the dots of <ACRONYM> tokens only', () => {
    const filter = getTokenFilter('classic')
    const input: TokenList = {
      terms: ["dog's", 'Q.U.I.C.K.', "dog's", 'a.b'],
      startOffsets: [0, 6, 17, 23],
      endOffsets: [5, 16, 22, 26],
      types: ['<APOSTROPHE>', '<ACRONYM>', '<ALPHANUM>', '<HOST>'],
      positions: [0, 1, 2, 3],
    }
    expect(filter?.filter(input, '').terms).toEqual(['dog', 'QUICK', "dog's", 'a.b'])
  })
})

describe('token selection filters', () => {
  it('keep: reference example keeps the listed words at their positions', () => {
    const keep = { type: 'keep', keep_words: ['dog', 'elephant', 'fox'] }
    expect(rows(chain('whitespace', [keep]), 'the quick fox jumps over the lazy dog')).toEqual([
      ['fox', 10, 13, 2],
      ['dog', 34, 37, 7],
    ])
  })

  it('keep: keep_words_case matches case-insensitively', () => {
    const keep = { type: 'keep', keep_words: ['Dog'] }
    expect(terms(chain('whitespace', [keep]), 'dog Dog DOG')).toEqual(['Dog'])
    expect(terms(chain('whitespace', [{ ...keep, keep_words_case: true }]), 'dog Dog DOG')).toEqual([
      'dog',
      'Dog',
      'DOG',
    ])
  })

  it('keep: refuses a missing or doubled word source and keep_words_path', () => {
    expect(() => getTokenFilter('keep', {})).toThrow(
      'keep requires either `keep_words` or `keep_words_path` to be configured',
    )
    expect(() => getTokenFilter('keep', { keep_words: ['a'], keep_words_path: 'x.txt' })).toThrow(
      'keep requires either `keep_words` or `keep_words_path` to be configured',
    )
    expect(() => getTokenFilter('keep', { keep_words: ['a'], enable_position_increments: false })).toThrow(
      'enable_position_increments is not supported anymore. Please fix your analysis chain',
    )
    expect(() => getTokenFilter('keep', { keep_words_path: 'x.txt' })).toThrow('[keep_words_path]')
  })

  it('keep_types: reference examples, include and exclude', () => {
    const include = { type: 'keep_types', types: ['<NUM>'] }
    expect(rows(chain('standard', [include]), '1 quick fox 2 lazy dogs')).toEqual([
      ['1', 0, 1, 0],
      ['2', 12, 13, 3],
    ])
    expect(terms(chain('standard', [{ ...include, mode: 'exclude' }]), '1 quick fox 2 lazy dogs')).toEqual([
      'quick',
      'fox',
      'lazy',
      'dogs',
    ])
    expect(terms(chain('standard', [{ ...include, mode: 'EXCLUDE' }]), '1 fox')).toEqual(['fox'])
  })

  it('keep_types: refuses missing types and an unknown mode', () => {
    expect(() => getTokenFilter('keep_types', {})).toThrow('keep_types requires `types` to be configured')
    expect(() => getTokenFilter('keep_types', { types: ['<NUM>'], mode: 'both' })).toThrow(
      '`keep_types` tokenfilter mode can only be [include] or [exclude] but was [both].',
    )
  })

  it('limit: reference example and the default of one token', () => {
    const limit = { type: 'limit', max_token_count: 2 }
    expect(terms(chain('standard', [limit]), 'quick fox jumps over lazy dog')).toEqual(['quick', 'fox'])
    expect(terms(chain('standard', ['limit']), 'quick fox')).toEqual(['quick'])
    expect(terms(chain('standard', [{ ...limit, consume_all_tokens: true }]), 'a b c')).toEqual(['a', 'b'])
  })

  it('limit: refuses a count below one and a non-boolean consume_all_tokens', () => {
    expect(() => getTokenFilter('limit', { max_token_count: 0 })).toThrow(
      'maxTokenCount must be greater than zero',
    )
    expect(() => getTokenFilter('limit', { consume_all_tokens: 'yes' })).toThrow(
      'Failed to parse value [yes] as only [true] or [false] are allowed.',
    )
  })
})

describe('remove_duplicates token filter', () => {
  it('drops a term repeated at the same position only', () => {
    const grams = { type: 'ngram', min_gram: 1, max_gram: 1 }
    expect(rows(chain('whitespace', [grams, 'remove_duplicates']), 'aab ab')).toEqual([
      ['a', 0, 3, 0],
      ['b', 0, 3, 0],
      ['a', 4, 6, 1],
      ['b', 4, 6, 1],
    ])
    expect(terms(chain('whitespace', ['remove_duplicates']), 'a a')).toEqual(['a', 'a'])
  })
})
