// indexDocument (a parsed document streamed into the refresh's flush) against the path it replaces, written
// here as the oracle: every text value analysed to { term, position } objects through IndexAnalysis.analyze,
// later values shifted past position_increment_gap (100), keyword and boolean leaves as one term each, a repeat kept
// once (IndexOptions.DOCS) (numeric and date leaves as none: points and doc values in ES 8), keyword values over
// ignore_above left out and their fields named by `_ignored` terms, numeric doc values attached, fields with nothing left out; the flush of the oracle's
// AnalyzedDocument must be byte for byte the flush indexDocument writes.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DEFAULT_ANALYSIS_LIMITS } from '../../../../workers/es/analysis/analysis-limits.ts'
import { FlushDictionary } from '../../../../engine-wasm/src/index/document-batch.ts'
import type { AnalyzedDocument, AnalyzedField } from '../../../../engine-wasm/src/index/index.ts'
import { IndexAnalysis } from '../../../../workers/es/index/index-analysis.ts'
import { numericDocValues } from '../../../../workers/es/index/mapper/doc-values.ts'
import { parseDocument, type ParsedDocument } from '../../../../workers/es/index/mapper/document-parser.ts'
import { indexDocument, indexedTerm } from '../../../../workers/es/index/mapper/field-indexer.ts'
import { parseMapping } from '../../../../workers/es/index/mapper/mapping-parser.ts'
import { IGNORE_ABOVE_DEFAULT } from '../../../../workers/es/index/mapper/keyword-field.ts'
import { parseJson, type XContentObject } from '../../../../workers/es/xcontent/index.ts'

const analysis = new IndexAnalysis({
  analysis: {
    analyzer: { folded: { type: 'custom', tokenizer: 'standard', filter: ['lowercase', 'asciifolding'] } },
  },
  limits: DEFAULT_ANALYSIS_LIMITS,
})
const mapping = parseMapping(
  parseJson(
    JSON.stringify({
      properties: {
        body: { type: 'text', fields: { raw: { type: 'keyword', ignore_above: 8 } } },
        title: { type: 'text', analyzer: 'folded' },
        words: { type: 'text', analyzer: 'whitespace' },
        stop: { type: 'text', analyzer: 'stop' },
        tag: { type: 'keyword', ignore_above: 5 },
        views: { type: 'long' },
        ok: { type: 'boolean' },
        ts: { type: 'date' },
      },
    }),
  ),
)

function oracle(docId: number, id: string, parsed: ParsedDocument): AnalyzedDocument {
  const numeric = numericDocValues(parsed, id)
  const fields: AnalyzedField[] = [{ field: '_id', tokens: [{ term: id, position: 0 }], norms: false }]
  for (const [f, { path, mapping: field, values }] of parsed.fields.entries()) {
    const tokens: Array<{ term: string; position: number }> = []
    if (field.type === 'text') {
      let base = 0
      for (const value of values) {
        const analyzed = analysis.analyze(field.analyzer ?? 'default', String(value))
        for (const token of analyzed) tokens.push({ term: token.term, position: token.position + base })
        const last = tokens[tokens.length - 1]
        base = (analyzed.length > 0 && last ? last.position + 1 : base) + 100
      }
    } else if (field.type !== 'long' && field.type !== 'date') {
      values.forEach((value, i) => {
        const term = indexedTerm(value)
        if (term.length <= (field.ignore_above ?? Infinity)) tokens.push({ term, position: i })
      })
    }
    const numbers = numeric[f]
    if (tokens.length === 0 && !numbers) continue
    const text = field.type === 'text'
    fields.push({ field: path, tokens, values: numbers ?? [], norms: text, freqs: text })
  }
  // _ignored: a term per field with a value left out, then per field a malformed value was dropped from
  const ignored = new Set(
    parsed.fields
      .filter(({ mapping: field, values }) =>
        values.some((value) => indexedTerm(value).length > (field.ignore_above ?? Infinity)),
      )
      .map(({ path }) => path),
  )
  for (const path of parsed.malformed.keys()) ignored.add(path)
  if (ignored.size > 0) {
    const tokens = [...ignored].map((term, position) => ({ term, position }))
    fields.push({ field: '_ignored', tokens, values: [], norms: false })
  }
  return { docId, fields }
}

const words = fc.constantFrom(
  'The',
  'quick',
  'BROWN',
  'déjà',
  'a',
  'an',
  'of',
  'İ',
  '😀',
  '3.14',
  '',
  ' ',
  '-',
  'x\ud800',
)
const text = fc.array(words, { maxLength: 8 }).map((parts) => parts.join(' '))
const oneOrMany = <T>(value: fc.Arbitrary<T>) => fc.oneof(value, fc.array(value, { maxLength: 3 }))
const source = fc.record(
  {
    body: oneOrMany(text),
    title: oneOrMany(text),
    words: oneOrMany(text),
    stop: oneOrMany(text),
    tag: oneOrMany(fc.constantFrom('a', 'tag01', 'longer-tag', 'é')),
    views: oneOrMany(fc.integer({ min: -1000, max: 1_000_000 })),
    ok: fc.boolean(),
    ts: fc.oneof(fc.integer({ min: 0, max: 2 ** 41 }), fc.constant('2024-03-01T10:00:00Z')),
  },
  { requiredKeys: [] },
)

describe('indexDocument', () => {
  it('writes the flush the string path writes, for any document', () => {
    fc.assert(
      fc.property(fc.array(source, { minLength: 1, maxLength: 6 }), (sources) => {
        const streamed = new FlushDictionary()
        const whole = new FlushDictionary()
        sources.forEach((json, docId) => {
          const parsed = parseDocument(parseJson(JSON.stringify(json)) as XContentObject, mapping)
          const id = `id-${docId}`
          const numeric = { root: numericDocValues(parsed, id), nested: [] }
          indexDocument(
            streamed,
            docId,
            { id, routing: null },
            parsed,
            analysis,
            numeric,
            IGNORE_ABOVE_DEFAULT,
          )
          whole.add(oracle(docId, id, parsed))
        })
        const bytes = (flush: FlushDictionary) => [...flush.batches(64)].map((batch) => [...batch])
        expect(bytes(streamed)).toEqual(bytes(whole))
      }),
      { numRuns: 300 },
    )
  })
})
