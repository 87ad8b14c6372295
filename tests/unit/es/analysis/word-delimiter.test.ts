// The word_delimiter and word_delimiter_graph token filters (Lucene WordDelimiterFilter,
// WordDelimiterGraphFilter, WordDelimiterIterator) against the Elasticsearch 8 reference pages' `_analyze`
// examples, with positions, position lengths and offsets, plus the factories' settings and errors.
import { describe, expect, it } from 'vitest'
import { getTokenFilter } from '../../../../workers/es/analysis/token-filter-registry.ts'
import type { NameOrDefinition } from '../../../../workers/es/analysis/custom/index-analyzers.ts'
import { chain, rows, terms } from './analysis-chain.ts'

/** [term, start, end, position, positionLength] rows. */
function graph(
  tokenizer: NameOrDefinition,
  filters: NameOrDefinition[],
  text: string,
  charFilters: NameOrDefinition[] = [],
): Array<[string, number, number, number, number]> {
  const tokens = chain(tokenizer, filters, charFilters).tokenStream(text) as {
    terms: string[]
    startOffsets: number[]
    endOffsets: number[]
    positions: number[]
    positionLengths?: number[]
  }
  return tokens.terms.map((term, i) => [
    term,
    tokens.startOffsets[i] ?? -1,
    tokens.endOffsets[i] ?? -1,
    tokens.positions[i] ?? -1,
    tokens.positionLengths?.[i] ?? 1,
  ])
}

const NEIL = "Neil's-Super-Duper-XL500--42+AutoCoder"

describe('word_delimiter', () => {
  it('reference example: default rules with the keyword tokenizer', () => {
    expect(rows(chain('keyword', ['word_delimiter']), NEIL)).toEqual([
      ['Neil', 0, 4, 0],
      ['Super', 7, 12, 1],
      ['Duper', 13, 18, 2],
      ['XL', 19, 21, 3],
      ['500', 21, 24, 4],
      ['42', 26, 28, 5],
      ['Auto', 29, 33, 6],
      ['Coder', 33, 38, 7],
    ])
  })

  it('reference examples: catenations follow the first part of their run, at its position', () => {
    expect(
      rows(chain('keyword', [{ type: 'word_delimiter', catenate_all: true }]), 'super-duper-xl-500'),
    ).toEqual([
      ['super', 0, 5, 0],
      ['superduperxl500', 0, 18, 0],
      ['duper', 6, 11, 1],
      ['xl', 12, 14, 2],
      ['500', 15, 18, 3],
    ])
    expect(terms(chain('keyword', [{ type: 'word_delimiter', catenate_numbers: true }]), '01-02-03')).toEqual(
      ['01', '010203', '02', '03'],
    )
    expect(
      terms(chain('keyword', [{ type: 'word_delimiter', catenate_words: true }]), 'super-duper-xl'),
    ).toEqual(['super', 'superduperxl', 'duper', 'xl'])
  })

  it('preserve_original first, then the parts from its position', () => {
    expect(rows(chain('keyword', [{ type: 'word_delimiter', preserve_original: true }]), '500-42')).toEqual([
      ['500-42', 0, 6, 0],
      ['500', 0, 3, 0],
      ['42', 4, 6, 1],
    ])
  })

  it('drops a term of delimiters only without leaving a hole; catenate_words across case and numbers', () => {
    const filter = { type: 'word_delimiter', catenate_words: true }
    expect(rows(chain('whitespace', [filter]), 'the PowerShot2000 Wi-Fi --- x')).toEqual([
      ['the', 0, 3, 0],
      ['Power', 4, 9, 1],
      ['PowerShot', 4, 13, 1],
      ['Shot', 9, 13, 2],
      ['2000', 13, 17, 3],
      ['Wi', 18, 20, 4],
      ['WiFi', 18, 23, 4],
      ['Fi', 21, 23, 5],
      ['x', 28, 29, 6],
    ])
  })

  it('offsets of a term whose length differs from its offsets are the whole term', () => {
    const mapping = { type: 'mapping', mappings: ['- => __'] }
    expect(rows(chain('whitespace', ['word_delimiter'], [mapping]), 'Wi-Fi')).toEqual([
      ['Wi', 0, 5, 0],
      ['Fi', 0, 5, 1],
    ])
  })
})

describe('word_delimiter_graph', () => {
  it('reference example: default rules with the keyword tokenizer', () => {
    expect(rows(chain('keyword', ['word_delimiter_graph']), NEIL)).toEqual(
      rows(chain('keyword', ['word_delimiter']), NEIL),
    )
  })

  it('reference examples: a catenation comes first and spans the parts it joins', () => {
    expect(
      graph('keyword', [{ type: 'word_delimiter_graph', catenate_all: true }], 'super-duper-xl-500'),
    ).toEqual([
      ['superduperxl500', 0, 18, 0, 4],
      ['super', 0, 5, 0, 1],
      ['duper', 6, 11, 1, 1],
      ['xl', 12, 14, 2, 1],
      ['500', 15, 18, 3, 1],
    ])
    expect(
      terms(chain('keyword', [{ type: 'word_delimiter_graph', catenate_numbers: true }]), '01-02-03'),
    ).toEqual(['010203', '01', '02', '03'])
    expect(graph('keyword', [{ type: 'word_delimiter_graph', preserve_original: true }], '500-42')).toEqual([
      ['500-42', 0, 6, 0, 2],
      ['500', 0, 3, 0, 1],
      ['42', 4, 6, 1, 1],
    ])
  })

  it('a term of delimiters only leaves a hole; every flag at once (Lucene testBasicGraphSplits text)', () => {
    const filter = { type: 'word_delimiter_graph', catenate_words: true }
    expect(graph('whitespace', [filter], 'the PowerShot2000 --- x')).toEqual([
      ['the', 0, 3, 0, 1],
      ['PowerShot', 4, 13, 1, 2],
      ['Power', 4, 9, 1, 1],
      ['Shot', 9, 13, 2, 1],
      ['2000', 13, 17, 3, 1],
      ['x', 22, 23, 5, 1],
    ])
    const all = {
      type: 'word_delimiter_graph',
      catenate_all: true,
      catenate_words: true,
      catenate_numbers: true,
      preserve_original: true,
    }
    expect(graph('keyword', [all], "PowerSystem2000-5-Shot's")).toEqual([
      ["PowerSystem2000-5-Shot's", 0, 24, 0, 5],
      ['PowerSystem20005Shot', 0, 22, 0, 5],
      ['PowerSystem', 0, 11, 0, 2],
      ['Power', 0, 5, 0, 1],
      ['System', 5, 11, 1, 1],
      ['20005', 11, 17, 2, 2],
      ['2000', 11, 15, 2, 1],
      ['5', 16, 17, 3, 1],
      ['Shot', 18, 22, 4, 1],
    ])
  })

  it('adjust_offsets: false gives every part the term offsets', () => {
    expect(graph('keyword', [{ type: 'word_delimiter_graph', adjust_offsets: false }], 'Wi-Fi')).toEqual([
      ['Wi', 0, 5, 0, 1],
      ['Fi', 0, 5, 1, 1],
    ])
  })

  it('ignore_keywords leaves keyword-marked terms whole', () => {
    const marker = { type: 'keyword_marker', keywords: ['Wi-Fi'] }
    expect(
      terms(
        chain('whitespace', [marker, { type: 'word_delimiter_graph', ignore_keywords: true }]),
        'Wi-Fi X-Y',
      ),
    ).toEqual(['Wi-Fi', 'X', 'Y'])
    expect(terms(chain('whitespace', [marker, 'word_delimiter_graph']), 'Wi-Fi')).toEqual(['Wi', 'Fi'])
  })
})

describe('WordDelimiterIterator rules and the factory settings', () => {
  const split = (settings: Record<string, unknown>, text: string): string[] =>
    terms(chain('whitespace', [{ type: 'word_delimiter_graph', ...settings }]), text)

  it('case changes, letter-number changes and the English possessive', () => {
    expect(split({}, 'PowerShot SD500 j2se iPod')).toEqual([
      'Power',
      'Shot',
      'SD',
      '500',
      'j',
      '2',
      'se',
      'i',
      'Pod',
    ])
    expect(split({ split_on_case_change: false }, 'PowerShot')).toEqual(['PowerShot'])
    expect(split({ split_on_numerics: false }, 'j2se SD500')).toEqual(['j2se', 'SD500'])
    expect(split({}, "O'Neil's")).toEqual(['O', 'Neil'])
    expect(split({ stem_english_possessive: false }, "O'Neil's")).toEqual(['O', 'Neil', 's'])
    expect(split({ generate_word_parts: false }, 'abc-123')).toEqual(['123'])
    expect(split({ generate_number_parts: false }, 'abc-123')).toEqual(['abc'])
  })

  it('non-ASCII letters, marks and digits are not delimiters; a surrogate pair is never split', () => {
    expect(split({}, 'Ünïcode-Straße ǅx ⅫB 𝐀𝐁-c')).toEqual(['Ünïcode', 'Straße', 'ǅx', 'Ⅻ', 'B', '𝐀𝐁', 'c'])
  })

  it('protected_words and type_table', () => {
    expect(split({ protected_words: ['Wi-Fi'] }, 'Wi-Fi X-Y')).toEqual(['Wi-Fi', 'X', 'Y'])
    expect(split({ type_table: ['- => ALPHA'] }, 'Wi-Fi')).toEqual(['Wi-Fi'])
    expect(split({ type_table: ['\\u002C => DIGIT', '$ => DIGIT'] }, '$1,000 a,b')).toEqual([
      '$1,000',
      'a',
      ',',
      'b',
    ])
  })

  it('refuses bad type_table rules and the _path settings with the factory texts', () => {
    expect(() => getTokenFilter('word_delimiter', { type_table: ['a'] })).toThrow(
      'Invalid Mapping Rule : [a]',
    )
    expect(() => getTokenFilter('word_delimiter_graph', { type_table: ['ab => ALPHA'] })).toThrow(
      'Invalid Mapping Rule : [ab => ALPHA]. Only a single character is allowed.',
    )
    expect(() => getTokenFilter('word_delimiter', { type_table: ['a => LETTER'] })).toThrow(
      'Invalid Mapping Rule : [a => LETTER]. Illegal type.',
    )
    expect(() => getTokenFilter('word_delimiter', { type_table: ['\\u00 => ALPHA'] })).toThrow(
      'Invalid escaped char in [\\u00]',
    )
    expect(() => getTokenFilter('word_delimiter', { protected_words_path: 'words.txt' })).toThrow(
      '[protected_words_path] is not supported',
    )
    expect(() => getTokenFilter('word_delimiter', { catenate_all: 'yes' })).toThrow(
      'Failed to parse value [yes] as only [true] or [false] are allowed.',
    )
  })
})
