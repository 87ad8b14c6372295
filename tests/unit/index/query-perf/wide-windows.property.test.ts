// MaxScore's inner windows (max-score.ts: at most 4096 doc ids each, candidates gathered clause by clause into
// reused buffers) against the brute-force oracle, on corpora whose doc ids span many windows: sparse and dense
// terms over up to 20,000 documents, several segments, deletions, up to five clauses with boosts. Hits, order and
// float32 scores must be the oracle's bit for bit, hits.total exact up to the threshold. The same queries run in
// another order on a fresh module instance answer the same TopDocs, totals above the threshold included: nothing a
// search leaves in the reused scratch (clause pool, window buffers, collector) changes the next one.
import fc from 'fast-check'
import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  IndexEngine,
  type AnalyzedDocument,
  type IndexQuery,
} from '../../../../engine-wasm/src/index/index.ts'
import { rewriteQuery } from '../../../../engine-wasm/src/index/query-rewrite.ts'
import { MemoOracle } from './memo-oracle.ts'

const wasm = readFileSync(new URL('../../../../engine-wasm/build/index.wasm', import.meta.url))
let engine: IndexEngine
beforeAll(async () => {
  engine = await IndexEngine.load(wasm)
})

/** Term t of the vocabulary is in a document with probability RATES[t] (1 in 2 down to 1 in 5,000). */
const TERMS = ['a', 'b', 'c', 'd', 'e']
const RATES = [2, 7, 60, 900, 5000]

/** maxDoc documents whose body holds term t when the seeded hash of (doc, t) falls under its rate, 1-3 times. */
function corpus(maxDoc: number, seed: number): AnalyzedDocument[] {
  const docs: AnalyzedDocument[] = []
  for (let docId = 0; docId < maxDoc; docId++) {
    const tokens: Array<{ term: string; position: number }> = []
    for (let t = 0; t < TERMS.length; t++) {
      const hash = Math.imul(docId * 31 + t + seed, 0x9e3779b1) >>> 0
      if (hash % RATES[t]! !== 0) continue
      for (let r = 0; r <= (hash >>> 20) % 3; r++) tokens.push({ term: TERMS[t]!, position: tokens.length })
    }
    tokens.push({ term: 'filler', position: tokens.length + (docId % 7) })
    docs.push({ docId, fields: [{ field: 'body', tokens }] })
  }
  return docs
}

const term: fc.Arbitrary<Extract<IndexQuery, { type: 'term' }>> = fc.record({
  type: fc.constant('term' as const),
  field: fc.constant('body'),
  term: fc.constantFrom(...TERMS),
  boost: fc.constantFrom(1, 1, 2, 0.5, 1.7),
})
const query: fc.Arbitrary<IndexQuery> = fc.oneof(
  term,
  fc.record({
    type: fc.constant('bool' as const),
    must: fc.constant([]),
    should: fc.array(term, { minLength: 2, maxLength: 5 }),
    mustNot: fc.constant([]),
    filter: fc.constant([]),
    minimumShouldMatch: fc.constantFrom(0, 1),
    boost: fc.constantFrom(1, 0.7),
  }),
)

describe('MaxScore inner windows over wide doc id ranges', () => {
  it('answers the oracle top k bit for bit, and the same TopDocs in any order on a fresh instance', async () => {
    const fresh = await IndexEngine.load(wasm)
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 4000, max: 20_000 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.array(fc.integer({ min: 0, max: 19_999 }), { maxLength: 300 }),
        fc.array(fc.tuple(query, fc.constantFrom(1, 10, 100), fc.constantFrom(0, 10, 1000, Infinity)), {
          minLength: 1,
          maxLength: 6,
        }),
        async (maxDoc, seed, deletes, searches) => {
          const docs = corpus(maxDoc, seed)
          const deleted = deletes.filter((d) => d < maxDoc)
          const [one, other] = [engine.newIndex(), fresh.newIndex()]
          for (const index of [one, other]) {
            index.addDocuments(docs.slice(0, maxDoc >> 1))
            index.addDocuments(docs.slice(maxDoc >> 1))
            index.deleteDocuments(deleted)
          }
          const oracle = new MemoOracle(docs, new Set(deleted))
          const answers = searches.map(([q, k, threshold]) => one.search(q, k, null, threshold))
          searches.forEach(([q, k, threshold], i) => {
            const expected = oracle.topDocs(rewriteQuery(q), k)
            expect(answers[i]!.scoreDocs).toEqual(expected.scoreDocs)
            if (expected.totalHits <= threshold) expect(answers[i]!.totalHits).toBe(expected.totalHits)
          })
          for (let i = searches.length - 1; i >= 0; i--) {
            const [q, k, threshold] = searches[i]!
            expect(other.search(q, k, null, threshold)).toEqual(answers[i])
          }
          one.free()
          other.free()
        },
      ),
      { numRuns: 25 },
    )
  }, 240_000)
})
