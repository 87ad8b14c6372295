// The char_group tokenizer against the Elasticsearch 8 reference page's example and the cases of
// CharGroupTokenizerFactoryTests: single chars, escapes, classes, max_token_length and the factory's errors.
import { describe, expect, it } from 'vitest'
import { getTokenizer } from '../../../../workers/es/analysis/tokenizer-registry.ts'
import { chain, rows, terms } from './analysis-chain.ts'

const charGroup = (tokenizeOnChars: string[], extra: Record<string, number> = {}) =>
  chain({ type: 'char_group', tokenize_on_chars: tokenizeOnChars, ...extra })

describe('char_group tokenizer', () => {
  it('reference example: whitespace, "-" and a newline escape', () => {
    expect(rows(charGroup(['whitespace', '-', '\n']), 'The QUICK brown-fox')).toEqual([
      ['The', 0, 3, 0],
      ['QUICK', 4, 9, 1],
      ['brown', 10, 15, 2],
      ['fox', 16, 19, 3],
    ])
  })

  it('splits on escapes, \\u hex chars and classes', () => {
    expect(terms(charGroup(['\\n', '\\u0024', '\\\\']), 'a\nb$c\\d e')).toEqual(['a', 'b', 'c', 'd e'])
    expect(terms(charGroup(['digit', 'punctuation']), 'ab1cd,ef')).toEqual(['ab', 'cd', 'ef'])
    expect(terms(charGroup(['symbol']), '1+2€3')).toEqual(['1', '2', '3'])
    expect(terms(charGroup(['letter']), '12ab34')).toEqual(['12', '34'])
  })

  it('no chars to split on keeps the whole text as one token', () => {
    expect(rows(charGroup([]), 'a b')).toEqual([['a b', 0, 3, 0]])
  })

  it('max_token_length cuts long runs', () => {
    expect(terms(charGroup(['whitespace'], { max_token_length: 2 }), 'abcde f')).toEqual([
      'ab',
      'cd',
      'e',
      'f',
    ])
  })

  it('refuses bad entries with the factory messages', () => {
    const refuse = (entry: string) => () => getTokenizer('char_group', { tokenize_on_chars: [entry] })
    expect(refuse('')).toThrow('[tokenize_on_chars] cannot contain empty characters')
    expect(refuse('foobar')).toThrow('Invalid escaped char in [foobar]')
    expect(refuse('Letter')).toThrow('Invalid escaped char in [Letter]')
    expect(refuse('\\x')).toThrow('Invalid escaped char x in [\\x]')
    expect(refuse('\\u00245')).toThrow('Invalid escaped char in [\\u00245]')
    expect(refuse('\\uzz')).toThrow('For input string: "zz" under radix 16')
    expect(() => getTokenizer('char_group', { max_token_length: 0 })).toThrow(
      'maxTokenLen must be greater than 0 and less than 1048576 passed: 0',
    )
  })
})
