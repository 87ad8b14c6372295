// Top-k search with skipping (block-max impacts, MaxScore, total hits counted up to a threshold) against the
// brute-force oracle that scores every document: the same hits in the same order with bit-identical float32 scores,
// ties broken by the lower doc id, for k = 0, 1, 10, 100 and others; hits.total exact up to the threshold (or
// always, for a lone term on an index without deletions: Elasticsearch's shortcutTotalHitCount), above it anything
// above the threshold and not above the exact count. Corpora have several hundred documents over a few terms, so
// postings span several 128-entry blocks, in several segments, with deletes.
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import type { AnalyzedDocument, IndexEngine, IndexQuery } from '../../../../engine-wasm/src/index/index.ts'
import { rewriteQuery } from '../../../../engine-wasm/src/index/query-rewrite.ts'
import { loadEngine } from '../../engine-wasm/index/load-engine.ts'
import { MemoOracle } from './memo-oracle.ts'

let engine: IndexEngine
beforeAll(async () => {
  engine = await loadEngine()
})

// Skewed term frequencies: 'a' is in most documents, 'e' in few; lengths vary, so do norms and scores.
const vocabulary = ['a', 'a', 'a', 'b', 'b', 'c', 'd', 'e']
const fieldTokens = fc
  .array(fc.constantFrom(...vocabulary), { maxLength: 12 })
  .map((terms) => terms.map((term, position) => ({ term, position })))

const corpus = fc
  .array(fc.record({ body: fieldTokens, title: fieldTokens }), { minLength: 1, maxLength: 450, size: 'max' })
  .map((docs) =>
    docs.map(({ body, title }, docId): AnalyzedDocument => ({
      docId,
      fields: [
        { field: 'body', tokens: body },
        { field: 'title', tokens: title },
      ],
    })),
  )

const term = fc.record({
  type: fc.constant('term' as const),
  field: fc.constantFrom('body', 'body', 'title'),
  term: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'z'),
  boost: fc.constantFrom(1, 1, 2, 0.5, 1.7),
})
const disjunction = fc.record({
  type: fc.constant('bool' as const),
  must: fc.constant([]),
  should: fc.array(term, { minLength: 1, maxLength: 5 }),
  mustNot: fc.constant([]),
  filter: fc.constant([]),
  minimumShouldMatch: fc.constantFrom(0, 1),
  boost: fc.constantFrom(1, 1, 0.7),
})
// Anything else goes through the exhaustive path, which the same checks cover.
const mixed = fc.record({
  type: fc.constant('bool' as const),
  must: fc.array(term, { maxLength: 1 }),
  should: fc.array(term, { maxLength: 3 }),
  mustNot: fc.array(term, { maxLength: 1 }),
  filter: fc.array(term, { maxLength: 1 }),
  minimumShouldMatch: fc.constantFrom(0, 1, 2),
  boost: fc.constant(1),
})
const phrase = fc.record({
  type: fc.constant('phrase' as const),
  field: fc.constant('body'),
  terms: fc
    .array(fc.constantFrom('a', 'b', 'c', 'e'), { minLength: 2, maxLength: 3 })
    .map((terms) => terms.map((t, position) => ({ term: t, position }))),
  slop: fc.constantFrom(0, 1, 2),
  boost: fc.constant(1),
})
const query: fc.Arbitrary<IndexQuery> = fc.oneof(term, disjunction, disjunction, mixed, phrase)

function build(docs: AnalyzedDocument[], batches: number[], deletes: number[]) {
  const index = engine.newIndex()
  let from = 0
  for (const size of [...batches, docs.length]) {
    const to = Math.min(docs.length, from + size)
    index.addDocuments(docs.slice(from, to))
    index.deleteDocuments(deletes.filter((d) => d < to))
    from = to
  }
  return { index, oracle: new MemoOracle(docs, new Set(deletes.filter((d) => d < docs.length))) }
}

describe('top-k search with skipping against full scoring', () => {
  it('answers the exhaustive top k bit for bit and counts hits exactly up to the threshold', () => {
    fc.assert(
      fc.property(
        corpus,
        fc.array(fc.integer({ min: 1, max: 200 }), { maxLength: 3 }),
        fc.array(fc.integer({ min: 0, max: 449 }), { maxLength: 40, size: 'max' }),
        query,
        fc.constantFrom(0, 1, 10, 10, 10, 100, 3),
        fc.constantFrom(0, 1, 5, 10, 10_000, Infinity),
        (docs, batches, deletes, q, k, threshold) => {
          const { index, oracle } = build(docs, batches, deletes)
          const expected = oracle.topDocs(rewriteQuery(q), k)
          const actual = index.search(q, k, null, threshold)
          expect(actual.scoreDocs).toEqual(expected.scoreDocs)
          expect(actual.maxScore).toBe(expected.maxScore)
          if (expected.totalHits <= threshold) expect(actual.totalHits).toBe(expected.totalHits)
          else
            expect([threshold < actual.totalHits, actual.totalHits <= expected.totalHits]).toEqual([
              true,
              true,
            ])
          expect(index.search(q, k).totalHits).toBe(expected.totalHits)
          index.free()
        },
      ),
      { numRuns: 400 },
    )
  }, 120_000)

  it('breaks ties by the lower doc id across blocks and segments, and skips only what cannot compete', () => {
    // 600 identical documents (one score), then one better: the top 10 are doc 600 and docs 0..8
    const docs: AnalyzedDocument[] = Array.from({ length: 601 }, (_, docId) => ({
      docId,
      fields: [
        {
          field: 'body',
          tokens:
            docId === 600
              ? [{ term: 'x', position: 0 }]
              : [
                  { term: 'x', position: 0 },
                  { term: 'y', position: 1 },
                ],
        },
      ],
    }))
    const index = engine.newIndex()
    index.addDocuments(docs.slice(0, 300))
    index.addDocuments(docs.slice(300))
    const x: IndexQuery = { type: 'term', field: 'body', term: 'x', boost: 1 }
    const top = index.search(x, 10, null, 10)
    expect(top.scoreDocs.map((d) => d.docId)).toEqual([600, 0, 1, 2, 3, 4, 5, 6, 7, 8])
    // a lone term without deletions: docFreq is the total (shortcutTotalHitCount)
    expect(top.totalHits).toBe(601)
    index.deleteDocuments([3])
    const afterDelete = index.search(x, 10, null, 10)
    expect(afterDelete.scoreDocs.map((d) => d.docId)).toEqual([600, 0, 1, 2, 4, 5, 6, 7, 8, 9])
    // with a deletion the collector counts, and stops counting exactly past the threshold
    expect(afterDelete.totalHits).toBeGreaterThan(10)
    expect(afterDelete.totalHits).toBeLessThan(600)
    expect(index.search(x, 10).totalHits).toBe(600)
    index.free()
  })
})
