// Custom analyzers and components from index settings (AnalysisRegistry.build, CustomAnalyzerProvider,
// CustomNormalizerProvider of ES 8): the reference page "Create a custom analyzer" examples, built-in
// analyzers configured by type, position_increment_gap, and the exact errors of index creation.
import { describe, expect, it } from 'vitest'
import type { CustomAnalyzer } from '../../../../workers/es/analysis/custom/custom-analyzer.ts'
import { indexAnalysisSettings } from '../../../../workers/es/analysis/custom/index-analysis-settings.ts'
import { IndexAnalyzers } from '../../../../workers/es/analysis/custom/index-analyzers.ts'
import { parseJson, type XContentObject } from '../../../../workers/es/xcontent/index.ts'

const terms = (analyzers: IndexAnalyzers, name: string, text: string): string[] =>
  (analyzers.analyzer(name)?.analyze(text) ?? []).map((token) => token.token)

describe('custom analyzers: reference examples', () => {
  it('html_strip + standard + lowercase + asciifolding', () => {
    const analyzers = new IndexAnalyzers({
      analyzer: {
        my_custom_analyzer: {
          type: 'custom',
          tokenizer: 'standard',
          char_filter: ['html_strip'],
          filter: ['lowercase', 'asciifolding'],
        },
      },
    })
    expect(terms(analyzers, 'my_custom_analyzer', 'Is this <b>déjà vu</b>?')).toEqual([
      'is',
      'this',
      'deja',
      'vu',
    ])
  })

  it('named char filter, tokenizer and filter definitions', () => {
    const analyzers = new IndexAnalyzers({
      analyzer: {
        my_custom_analyzer: {
          char_filter: ['emoticons'],
          tokenizer: 'punctuation',
          filter: ['lowercase', 'english_stop'],
        },
      },
      tokenizer: { punctuation: { type: 'pattern', pattern: '[ .,!?]' } },
      char_filter: { emoticons: { type: 'mapping', mappings: [':) => _happy_', ':( => _sad_'] } },
      filter: { english_stop: { type: 'stop', stopwords: '_english_' } },
    })
    const analyzer = analyzers.analyzer('my_custom_analyzer')
    expect(analyzer?.analyze("I'm a :) person, and you?")).toEqual([
      { token: "i'm", start_offset: 0, end_offset: 3, type: 'word', position: 0 },
      { token: '_happy_', start_offset: 6, end_offset: 8, type: 'word', position: 2 },
      { token: 'person', start_offset: 9, end_offset: 15, type: 'word', position: 3 },
      { token: 'you', start_offset: 21, end_offset: 24, type: 'word', position: 5 },
    ])
  })

  it('built-in analyzers configured by type; position_increment_gap; default analyzer', () => {
    const analyzers = new IndexAnalyzers({
      analyzer: {
        std_english: { type: 'standard', stopwords: '_english_' },
        gap: { tokenizer: 'whitespace', position_increment_gap: 5 },
        default: { type: 'simple' },
      },
    })
    expect(terms(analyzers, 'std_english', 'The quick fox')).toEqual(['quick', 'fox'])
    expect((analyzers.analyzer('gap') as CustomAnalyzer).positionIncrementGap).toBe(5)
    expect(
      analyzers
        .defaultAnalyzer()
        .analyze('Foo2bar')
        .map((t) => t.token),
    ).toEqual(['foo', 'bar'])
    expect(new IndexAnalyzers({}).defaultAnalyzer().name).toBe('standard')
    expect(terms(analyzers, 'whitespace', 'A b')).toEqual(['A', 'b'])
  })

  it('normalizers: keyword tokenizer plus normalizing filters', () => {
    const analyzers = new IndexAnalyzers({
      normalizer: { folded: { type: 'custom', char_filter: [], filter: ['lowercase', 'asciifolding'] } },
    })
    expect(
      analyzers
        .normalizer('folded')
        ?.analyze('Déjà Vu')
        .map((t) => t.token),
    ).toEqual(['deja vu'])
  })

  it('settings bodies: nested, under index, and flat dotted keys', () => {
    const body = parseJson(
      '{"index.analysis.analyzer.a.tokenizer":"keyword","analysis":{"analyzer":{"b":{"type":"stop"}}},' +
        '"index":{"max_ngram_diff":"3"}}',
    ) as XContentObject
    const { analysis, limits } = indexAnalysisSettings(body, { maxNgramDiff: 3, maxShingleDiff: 3 })
    expect(analysis).toEqual({ analyzer: { a: { tokenizer: 'keyword' }, b: { type: 'stop' } } })
    expect(limits).toEqual({ maxNgramDiff: 3, maxShingleDiff: 3 })
  })
})

describe('index creation errors (ES 8 texts)', () => {
  const cases: Array<[string, object, string]> = [
    [
      'missing tokenizer',
      { analyzer: { a: { filter: ['lowercase'] } } },
      'analyzer [a] must specify either an analyzer type, or a tokenizer',
    ],
    [
      'custom without tokenizer',
      { analyzer: { a: { type: 'custom' } } },
      'Custom Analyzer [a] must be configured with a tokenizer',
    ],
    [
      'unknown tokenizer',
      { analyzer: { a: { tokenizer: 'nope' } } },
      'Custom Analyzer [a] failed to find tokenizer under name [nope]',
    ],
    [
      'unknown filter',
      { analyzer: { a: { tokenizer: 'standard', filter: ['x'] } } },
      'Custom Analyzer [a] failed to find filter under name [x]',
    ],
    [
      'unknown char filter',
      { analyzer: { a: { tokenizer: 'standard', char_filter: 'x' } } },
      'Custom Analyzer [a] failed to find char_filter under name [x]',
    ],
    ['unknown analyzer type', { analyzer: { a: { type: 'nope' } } }, 'Unknown analyzer type [nope] for [a]'],
    [
      'unknown tokenizer type',
      { tokenizer: { t: { type: 'nope' } } },
      'Unknown tokenizer type [nope] for [t]',
    ],
    [
      'filter without type',
      { filter: { f: { min: 1 } } },
      'filter [f] must specify either an analyzer type, or a tokenizer',
    ],
    [
      'bad ngram diff',
      { tokenizer: { t: { type: 'ngram', min_gram: 1, max_gram: 4 } } },
      'must be less than or equal to: [1] but was [3]',
    ],
    [
      'normalizer filter',
      { normalizer: { n: { filter: ['shingle'] } } },
      'Custom normalizer [n] may not use filter [shingle]',
    ],
    [
      'normalizer tokenizer',
      { normalizer: { n: { tokenizer: 'standard' } } },
      'Custom normalizer [n] cannot configure a tokenizer',
    ],
    [
      'name with underscore',
      { analyzer: { _a: { type: 'simple' } } },
      `analyzer name must not start with '_'. got "_a"`,
    ],
  ]
  it.each(cases)('%s', (_, analysis, message) => {
    expect(() => new IndexAnalyzers(analysis as Record<string, unknown>)).toThrow(message)
  })

  it('index-defined names shadow built-ins; bad values use the Settings parser text', () => {
    const analyzers = new IndexAnalyzers({
      filter: { lowercase: { type: 'uppercase' } },
      analyzer: { a: { tokenizer: 'whitespace', filter: ['lowercase'] } },
    })
    expect(terms(analyzers, 'a', 'Mixed')).toEqual(['MIXED'])
    expect(() => new IndexAnalyzers({ tokenizer: { t: { type: 'ngram', min_gram: 'x' } } })).toThrow(
      'Failed to parse value [x] for setting [min_gram]',
    )
  })
})
