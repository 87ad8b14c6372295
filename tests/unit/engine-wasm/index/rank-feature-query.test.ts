// The rank feature query (Lucene's FeatureQuery) across segments, against a direct computation of FeatureField's
// formulas in float32: the feature's frequencies are one numeric doc value of the field `<luceneField>\0<feature>`,
// each live document with one scores fn(boost, intBitsToFloat(freq << 15)); a saturation without a pivot takes the
// decoded average frequency over every document that has one, deleted documents included.
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import type {
  AnalyzedDocument,
  FeatureFunction,
  IndexEngine,
  IndexQuery,
} from '../../../../engine-wasm/src/index/index.ts'
import { loadEngine } from './load-engine.ts'

let engine: IndexEngine
beforeAll(async () => {
  engine = await loadEngine()
})

const FIELD = '_feature\u0000pagerank'
const BITS = new DataView(new ArrayBuffer(4))

function decode(freq: number): number {
  BITS.setUint32(0, Math.trunc(freq) << 15)
  return BITS.getFloat32(0)
}

function score(fn: FeatureFunction, w: number, s: number, pivot: number): number {
  const f = Math.fround
  switch (fn.type) {
    case 'linear':
      return f(w * s)
    case 'log':
      return f(w * Math.log(f(fn.scalingFactor + s)))
    case 'saturation':
      return f(w * f(1 - f(pivot / f(s + pivot))))
    case 'sigmoid': {
      const pivotPa = Math.pow(fn.pivot, fn.exponent)
      return f(w * (1 - pivotPa / (Math.pow(s, fn.exponent) + pivotPa)))
    }
  }
}

const FUNCTIONS = fc.constantFrom<FeatureFunction>(
  { type: 'linear' },
  { type: 'log', scalingFactor: 4 },
  { type: 'saturation', pivot: null },
  { type: 'saturation', pivot: 8 },
  { type: 'sigmoid', pivot: 7, exponent: Math.fround(0.6) },
)

describe('rank feature query', () => {
  it('scores every live document from its frequency, the default pivot over the whole index', () => {
    fc.assert(
      fc.property(
        // frequencies of positive normal floats up to 1e6 (0x00800000 >>> 15 .. 0x49742400 >>> 15), or none
        fc.array(fc.option(fc.integer({ min: 256, max: 0x49742400 >>> 15 }), { nil: null }), {
          minLength: 1,
          maxLength: 12,
        }),
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.nat(11), { maxLength: 4 }),
        FUNCTIONS,
        fc.constantFrom(1, 2.5),
        (freqs, batch, deleted, fn, boost) => {
          const index = engine.newIndex()
          const doc = (docId: number): AnalyzedDocument => {
            const freq = freqs[docId]
            const fields =
              freq === null || freq === undefined ? [] : [{ field: FIELD, tokens: [], values: [freq] }]
            return { docId, fields: [{ field: 'x', tokens: [{ term: 'y', position: 0 }] }, ...fields] }
          }
          for (let from = 0; from < freqs.length; from += batch) {
            index.addDocuments(freqs.slice(from, from + batch).map((_, i) => doc(from + i)))
          }
          const dead = new Set(deleted.filter((d) => d < freqs.length))
          index.deleteDocuments([...dead])
          const present = freqs.filter((f): f is number => f !== null)
          const sum = present.reduce((a, b) => a + b, 0)
          const indexPivot = present.length === 0 ? 1 : decode(Math.fround(sum / present.length))
          const pivot = fn.type === 'saturation' ? (fn.pivot ?? indexPivot) : 0
          const expected = freqs.flatMap((freq, docId) =>
            freq === null || dead.has(docId) ? [] : [{ docId, score: score(fn, boost, decode(freq), pivot) }],
          )
          const query: IndexQuery = {
            type: 'rankFeature',
            luceneField: '_feature',
            feature: 'pagerank',
            fn,
            boost,
          }
          const found = index.search(query, 100).scoreDocs
          expect([...found].sort((x, y) => x.docId - y.docId)).toEqual(expected)
          index.free()
        },
      ),
      { numRuns: 200 },
    )
  })
})
