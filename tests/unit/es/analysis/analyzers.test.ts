// The built-in analyzers and the lowercase / stop token filters through the registry, against the
// Elasticsearch 8.17 reference pages ("Standard analyzer", "Simple analyzer", "Whitespace analyzer",
// "Stop analyzer", "Keyword analyzer", "Stop token filter", "Lowercase token filter") and the
// `_analyze` response shape { token, start_offset, end_offset, type, position }.
import { describe, expect, it } from 'vitest'
import { Analyzer } from '../../../../workers/es/analysis/analyzer.ts'
import { getAnalyzer } from '../../../../workers/es/analysis/registry.ts'
import { getTokenFilter } from '../../../../workers/es/analysis/token-filter-registry.ts'
import { getTokenizer } from '../../../../workers/es/analysis/tokenizer-registry.ts'
import { IllegalArgumentException, type TokenFilter } from '../../../../workers/es/analysis/token-list.ts'

const text = "The 2 QUICK Brown-Foxes jumped over the lazy dog's bone."

function analyzer(name: string, settings = {}): Analyzer {
  const found = getAnalyzer(name, settings)
  if (!found) throw new Error(`no analyzer ${name}`)
  return found
}
function chain(tokenizer: string, filters: [string, Record<string, unknown>?][]): Analyzer {
  const built = getTokenizer(tokenizer)
  if (!built) throw new Error(`no tokenizer ${tokenizer}`)
  const list = filters.map(([name, settings]) => getTokenFilter(name, settings))
  return new Analyzer(
    'custom',
    built,
    list.filter((f): f is TokenFilter => f !== null),
  )
}
const terms = (a: Analyzer, input: string): string[] => a.analyze(input).map((t) => t.token)

describe('built-in analyzers: reference examples', () => {
  it('standard', () => {
    expect(terms(analyzer('standard'), text)).toEqual([
      'the',
      '2',
      'quick',
      'brown',
      'foxes',
      'jumped',
      'over',
      'the',
      'lazy',
      "dog's",
      'bone',
    ])
    expect(analyzer('standard').analyze(text).slice(0, 2)).toEqual([
      { token: 'the', start_offset: 0, end_offset: 3, type: '<ALPHANUM>', position: 0 },
      { token: '2', start_offset: 4, end_offset: 5, type: '<NUM>', position: 1 },
    ])
  })

  it('standard with max_token_length 5 and stopwords _english_', () => {
    const tokens = analyzer('standard', { max_token_length: 5, stopwords: '_english_' }).analyze(text)
    expect(tokens.map((t) => t.token)).toEqual([
      '2',
      'quick',
      'brown',
      'foxes',
      'jumpe',
      'd',
      'over',
      'lazy',
      "dog's",
      'bone',
    ])
    expect(tokens.map((t) => t.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 9, 10, 11])
  })

  it('simple, whitespace, stop, keyword', () => {
    expect(terms(analyzer('simple'), text)).toEqual([
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
    expect(terms(analyzer('whitespace'), text)).toEqual([
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
    expect(terms(analyzer('stop'), text)).toEqual([
      'quick',
      'brown',
      'foxes',
      'jumped',
      'over',
      'lazy',
      'dog',
      's',
      'bone',
    ])
    expect(analyzer('keyword').analyze(text)).toEqual([
      { token: text, start_offset: 0, end_offset: 56, type: 'word', position: 0 },
    ])
  })

  it('stop analyzer with a custom list', () => {
    expect(terms(analyzer('stop', { stopwords: ['the', 'over'] }), text)).toEqual([
      'quick',
      'brown',
      'foxes',
      'jumped',
      'lazy',
      'dog',
      's',
      'bone',
    ])
  })

  it('the indexing form gives terms and positions only', () => {
    expect(analyzer('stop').terms('The quick and the dead')).toEqual({
      terms: ['quick', 'dead'],
      positions: [1, 4],
    })
  })
})

describe('token filters', () => {
  it('stop keeps the positions of removed tokens (reference example)', () => {
    const tokens = chain('standard', [['stop']]).analyze('a quick fox jumps over the lazy dog')
    expect(tokens.map((t) => [t.token, t.position, t.start_offset])).toEqual([
      ['quick', 1, 2],
      ['fox', 2, 8],
      ['jumps', 3, 12],
      ['over', 4, 18],
      ['lazy', 6, 27],
      ['dog', 7, 32],
    ])
  })

  it('lowercase (reference example) and filter order', () => {
    expect(terms(chain('standard', [['lowercase']]), 'THE Quick FoX JUMPs')).toEqual([
      'the',
      'quick',
      'fox',
      'jumps',
    ])
    expect(terms(chain('standard', [['lowercase'], ['stop']]), 'The Fox')).toEqual(['fox'])
    expect(terms(chain('standard', [['stop'], ['lowercase']]), 'The Fox')).toEqual(['the', 'fox'])
  })

  it('stop with ignore_case, custom lists, _none_ and remove_trailing', () => {
    expect(terms(chain('whitespace', [['stop', { ignore_case: true }]]), 'The AND fox')).toEqual(['fox'])
    expect(terms(chain('whitespace', [['stop', { ignore_case: 'false' }]]), 'The AND fox')).toEqual([
      'The',
      'AND',
      'fox',
    ])
    expect(
      terms(chain('whitespace', [['stop', { stopwords: ['fox', '_english_'] }]]), 'the fox is red'),
    ).toEqual(['red'])
    expect(terms(chain('whitespace', [['stop', { stopwords: '_none_' }]]), 'the fox')).toEqual(['the', 'fox'])
    expect(terms(chain('whitespace', [['stop', { remove_trailing: false }]]), 'fox in the')).toEqual([
      'fox',
      'the',
    ])
    expect(terms(chain('whitespace', [['stop', { remove_trailing: false }]]), 'fox in the ')).toEqual(['fox'])
  })
})

describe('registry', () => {
  it('answers null for unknown names', () => {
    expect(getAnalyzer('nope')).toBeNull()
    expect(getTokenizer('nope')).toBeNull()
    expect(getTokenFilter('nope')).toBeNull()
  })

  it('names the token types each tokenizer emits', () => {
    expect(getTokenizer('letter')?.tokenize('ab').types).toEqual(['word'])
    expect(getTokenizer('lowercase')?.tokenize('AB').terms).toEqual(['ab'])
    expect(getTokenizer('whitespace', { max_token_length: '2' })?.tokenize('abc').terms).toEqual(['ab', 'c'])
    expect(getTokenizer('standard')?.tokenize('ab').types).toEqual(['<ALPHANUM>'])
  })

  it('rejects bad settings with illegal_argument_exception', () => {
    expect(() => getTokenizer('standard', { max_token_length: 0 })).toThrow(
      'maxTokenLength must be greater than zero',
    )
    expect(() => getAnalyzer('standard', { max_token_length: 'x' })).toThrow(
      'Failed to parse value [x] for setting [max_token_length]',
    )
    expect(() => getTokenFilter('stop', { ignore_case: 'yes' })).toThrow(
      'Failed to parse value [yes] as only [true] or [false] are allowed.',
    )
    expect(() => getTokenizer('standard', { max_token_length: -1 })).toThrow(IllegalArgumentException)
  })
})
