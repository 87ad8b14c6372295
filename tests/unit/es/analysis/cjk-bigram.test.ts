// Lucene's CJKBigramFilter as Elasticsearch's `cjk_bigram` filter after the standard tokenizer: the reference
// page's example, lone chars, output_unigrams (stacked bigrams spanning two positions), ignored_scripts, and
// non-CJK tokens passing through.
import { describe, expect, it } from 'vitest'
import { chain, rows, terms } from './analysis-chain.ts'

describe('cjk_bigram', () => {
  it('reference example', () => {
    expect(terms(chain('standard', ['cjk_bigram']), '東京都は、日本の首都であり')).toEqual([
      '東京',
      '京都',
      '都は',
      '日本',
      '本の',
      'の首',
      '首都',
      '都で',
      'であ',
      'あり',
    ])
    expect(chain('standard', ['cjk_bigram']).analyze('東京')[0]).toEqual({
      token: '東京',
      start_offset: 0,
      end_offset: 2,
      type: '<DOUBLE>',
      position: 0,
    })
  })

  it('lone CJK chars are <SINGLE>; Hangul and Katakana runs are bigrammed; other tokens pass', () => {
    const tokens = chain('standard', ['cjk_bigram']).analyze('abc 日 def 한국어 カタカナ')
    expect(tokens.map((t) => [t.token, t.type, t.position])).toEqual([
      ['abc', '<ALPHANUM>', 0],
      ['日', '<SINGLE>', 1],
      ['def', '<ALPHANUM>', 2],
      ['한국', '<DOUBLE>', 3],
      ['국어', '<DOUBLE>', 4],
      ['カタ', '<DOUBLE>', 5],
      ['タカ', '<DOUBLE>', 6],
      ['カナ', '<DOUBLE>', 7],
    ])
  })

  it('output_unigrams stacks each bigram on its first char, spanning two positions', () => {
    const tokens = chain('standard', [{ type: 'cjk_bigram', output_unigrams: true }]).tokenStream('東京都')
    expect(tokens.terms).toEqual(['東', '東京', '京', '京都', '都'])
    expect(tokens.positions).toEqual([0, 0, 1, 1, 2])
    expect((tokens as { positionLengths?: number[] }).positionLengths).toEqual([1, 2, 1, 2, 1])
  })

  it('ignored_scripts leaves those tokens alone', () => {
    expect(
      rows(chain('standard', [{ type: 'cjk_bigram', ignored_scripts: ['hiragana'] }]), '東京都は'),
    ).toEqual([
      ['東京', 0, 2, 0],
      ['京都', 1, 3, 1],
      ['は', 3, 4, 2],
    ])
  })
})
