// Lucene's ClassicTokenizer as Elasticsearch's `classic` tokenizer: the reference page's example and the token
// types of ClassicTokenizerImpl.jflex (TestClassicAnalyzer's cases: acronyms, company names, e-mail addresses,
// host names, numbers, apostrophes, CJ). A token longer than max_token_length is dropped, leaving its position
// empty, as ClassicTokenizer.incrementToken does (the reference page's "split" describes the standard tokenizer).
import { describe, expect, it } from 'vitest'
import { getTokenizer } from '../../../../workers/es/analysis/tokenizer-registry.ts'
import type { NameOrDefinition } from '../../../../workers/es/analysis/custom/index-analyzers.ts'
import { chain, rows, terms } from './analysis-chain.ts'

const DOCS_TEXT = "The 2 QUICK Brown-Foxes jumped over the lazy dog's bone."

const typed = (tokenizer: NameOrDefinition, text: string): Array<[string, string]> =>
  chain(tokenizer)
    .analyze(text)
    .map((token) => [token.token, token.type])

describe('classic tokenizer', () => {
  it('reference example', () => {
    expect(terms(chain('classic'), DOCS_TEXT)).toEqual([
      'The',
      '2',
      'QUICK',
      'Brown',
      'Foxes',
      'jumped',
      'over',
      'the',
      'lazy',
      "dog's",
      'bone',
    ])
    expect(typed('classic', "dog's")).toEqual([["dog's", '<APOSTROPHE>']])
  })

  it('max_token_length drops longer tokens and keeps their positions', () => {
    expect(rows(chain({ type: 'classic', max_token_length: 5 }), DOCS_TEXT).slice(4, 7)).toEqual([
      ['Foxes', 18, 23, 4],
      ['over', 31, 35, 6],
      ['the', 36, 39, 7],
    ])
    expect(() => getTokenizer('classic', { max_token_length: 0 })).toThrow(
      'maxTokenLength must be greater than zero',
    )
  })

  it('acronyms, companies, e-mail addresses, hosts and numbers', () => {
    expect(
      typed('classic', "U.S.A. AT&T Excite@Home test@example.com 216.239.63.104 B2B-C3PO 1-2 wi-fi O'Reilly"),
    ).toEqual([
      ['U.S.A.', '<ACRONYM>'],
      ['AT&T', '<COMPANY>'],
      ['Excite@Home', '<COMPANY>'],
      ['test@example.com', '<EMAIL>'],
      ['216.239.63.104', '<HOST>'],
      ['B2B-C3PO', '<NUM>'],
      ['1-2', '<NUM>'],
      ['wi', '<ALPHANUM>'],
      ['fi', '<ALPHANUM>'],
      ["O'Reilly", '<APOSTROPHE>'],
    ])
  })

  it('a host with a final dot is <HOST> without it; its end offset counts the dot', () => {
    expect(chain('classic').analyze('www.nutch.org. x')[0]).toEqual({
      token: 'www.nutch.org',
      start_offset: 0,
      end_offset: 14,
      type: '<HOST>',
      position: 0,
    })
  })

  it('Chinese and Japanese chars are one token each; Korean and Thai are words', () => {
    expect(typed('classic', '中文 ｱｲ 한국어 ภาษาไทย')).toEqual([
      ['中', '<CJ>'],
      ['文', '<CJ>'],
      ['ｱ', '<CJ>'],
      ['ｲ', '<CJ>'],
      ['한국어', '<ALPHANUM>'],
      ['ภาษาไทย', '<ALPHANUM>'],
    ])
  })
})
