// Char filters against the Elasticsearch 8 reference pages' `_analyze` examples ("HTML strip character
// filter", "Mapping character filter", "Pattern replace character filter"), with offsets that point into
// the original text as Lucene's BaseCharFilter.correctOffset maps them.
import { describe, expect, it } from 'vitest'
import { applyCharFilters } from '../../../../workers/es/analysis/custom/char-filter.ts'
import { getCharFilter } from '../../../../workers/es/analysis/registry.ts'
import { IllegalArgumentException } from '../../../../workers/es/analysis/token-list.ts'
import { chain, rows, terms } from './analysis-chain.ts'

describe('html_strip', () => {
  it('reference example: tags removed, block tags become newlines, entities decoded', () => {
    expect(rows(chain('keyword', [], ['html_strip']), '<p>I&apos;m so <b>happy</b>!</p>')).toEqual([
      ["\nI'm so happy!\n", 0, 32, 0],
    ])
  })

  it('escaped_tags are kept; numeric entities, comments and script contents', () => {
    const filter = getCharFilter('html_strip', { escaped_tags: ['b'] })!
    expect(filter.filter('<p>I&#39;m <b>so</b> &#x263A;<!-- x --></p>').text).toBe("\nI'm <b>so</b> ☺\n")
    expect(getCharFilter('html_strip')!.filter('a<script>var x = "<b>"</script>b<br/>c').text).toBe('ab\nc')
  })

  it('tokens point at the original text', () => {
    expect(rows(chain('standard', [], ['html_strip']), 'Is this <b>déjà</b> &amp; vu?')).toEqual([
      ['Is', 0, 2, 0],
      ['this', 3, 7, 1],
      ['déjà', 11, 19, 2],
      ['vu', 26, 28, 3],
    ])
  })
})

describe('mapping', () => {
  it('reference example: Hindu-Arabic numerals to Arabic-Latin', () => {
    const mappings = [
      '٠ => 0',
      '١ => 1',
      '٢ => 2',
      '٣ => 3',
      '٤ => 4',
      '٥ => 5',
      '٦ => 6',
      '٧ => 7',
      '٨ => 8',
      '٩ => 9',
    ]
    expect(terms(chain('keyword', [], [{ type: 'mapping', mappings }]), 'My license plate is ٢٥٠١٥')).toEqual(
      ['My license plate is 25015'],
    )
  })

  it('reference example: emoticons; a longer replacement maps back onto the matched input', () => {
    const emoticons = { type: 'mapping', mappings: [':) => _happy_', ':( => _sad_'] }
    expect(rows(chain('standard', [], [emoticons]), "I'm delighted about it :(")).toEqual([
      ["I'm", 0, 3, 0],
      ['delighted', 4, 13, 1],
      ['about', 14, 19, 2],
      ['it', 20, 22, 3],
      ['_sad_', 23, 25, 4],
    ])
  })

  it('longest key wins; escapes; a shorter replacement maps its end past the match', () => {
    const filter = getCharFilter('mapping', { mappings: ['a => x', 'abc => y', '\\u0020 => _'] })!
    const out = filter.filter('abcab c')
    expect(out.text).toBe('yxb_c')
    expect([0, 1, 2, 3, 4, 5].map(out.correctOffset)).toEqual([0, 3, 4, 5, 6, 7])
  })

  it('refuses mappings_path, a missing mappings and a rule without =>', () => {
    expect(() => getCharFilter('mapping', { mappings_path: 'x.txt' })).toThrow(IllegalArgumentException)
    expect(() => getCharFilter('mapping', {})).toThrow(
      'mapping requires either `mappings` or `mappings_path` to be configured',
    )
    expect(() => getCharFilter('mapping', { mappings: ['a -> b'] })).toThrow(
      'Invalid Mapping Rule : [a -> b]',
    )
  })
})

describe('pattern_replace', () => {
  it('reference example: digits joined by underscores', () => {
    const filter = { type: 'pattern_replace', pattern: '(\\d+)-(?=\\d)', replacement: '$1_' }
    expect(rows(chain('standard', [], [filter]), 'My credit card is 123-456-789')).toEqual([
      ['My', 0, 2, 0],
      ['credit', 3, 9, 1],
      ['card', 10, 14, 2],
      ['is', 15, 17, 3],
      ['123_456_789', 18, 29, 4],
    ])
  })

  it('reference example: camelCase split; offsets of a longer output step back one char each', () => {
    const filter = { type: 'pattern_replace', pattern: '(?<=\\p{Lower})(?=\\p{Upper})', replacement: ' ' }
    expect(rows(chain('standard', ['lowercase'], [filter]), 'The fooBarBaz method')).toEqual([
      ['the', 0, 3, 0],
      ['foo', 4, 6, 1],
      ['bar', 7, 9, 2],
      ['baz', 10, 13, 3],
      ['method', 14, 20, 4],
    ])
  })

  it('flags, ${name} groups and a missing pattern', () => {
    const filter = getCharFilter('pattern_replace', {
      pattern: '(?<word>cat)',
      replacement: '${word}s',
      flags: 'CASE_INSENSITIVE|COMMENTS',
    })!
    expect(filter.filter('Cat cat').text).toBe('Cats cats')
    expect(() => getCharFilter('pattern_replace', { pattern: 'x', flags: 'NOPE' })).toThrow(
      'Unknown regex flag [NOPE]',
    )
    expect(() => getCharFilter('pattern_replace', {})).toThrow(
      "pattern is missing for [pattern_replace] char filter of type 'pattern_replace'",
    )
  })

  it('chained char filters correct through every filter', () => {
    const first = getCharFilter('html_strip')!
    const second = getCharFilter('mapping', { mappings: ['x => yy'] })!
    const out = applyCharFilters('<i>x</i>b', [first, second])
    expect(out.text).toBe('yyb')
    expect([0, 1, 2, 3].map(out.correctOffset)).toEqual([3, 3, 8, 9])
  })
})
