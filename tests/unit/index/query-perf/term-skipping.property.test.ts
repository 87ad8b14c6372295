// Block-max skipping of a lone term (impacts-disi.ts) and the counting phase of MaxScore (max-score.ts) against the
// brute-force oracle, over random postings that span many 128-entry blocks: one term in a random subset of up to
// 1,500 documents with random frequencies and field lengths (so block max scores differ), in several segments,
// with random deletions, k and track_total_hits. The top k must be the oracle's bit for bit; hits.total exact up to
// the threshold (always exact for a lone term without deletions), above it above the threshold and not above the
// exact count. A window or block that cannot enter the full heap is counted without being scored: the counts
// below the threshold prove that nothing was dropped from the count.
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

/** A document's body: `freq` times 'x' (0 for none), `other` times 'y' (1 in 3 documents), padded with 'z'. */
const bodyShape = fc.record({
  freq: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 4 })),
  other: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 3 })),
  padding: fc.integer({ min: 0, max: 30 }),
})

const corpus = fc.array(bodyShape, { minLength: 1, maxLength: 1_500, size: 'max' }).map((shapes) =>
  shapes.map(({ freq, other, padding }, docId): AnalyzedDocument => {
    const terms = [
      ...Array<string>(freq).fill('x'),
      ...Array<string>(other).fill('y'),
      ...Array<string>(padding).fill('z'),
    ]
    return { docId, fields: [{ field: 'body', tokens: terms.map((term, position) => ({ term, position })) }] }
  }),
)

const x: IndexQuery = { type: 'term', field: 'body', term: 'x', boost: 1 }
const y: IndexQuery = { type: 'term', field: 'body', term: 'y', boost: 1.5 }
const xOrY: IndexQuery = {
  type: 'bool',
  must: [],
  should: [x, y],
  mustNot: [],
  filter: [],
  minimumShouldMatch: 0,
  boost: 1,
}

/** Segments of equal size; deletions in all of them or in the last one only (the others count without live docs). */
function build(docs: AnalyzedDocument[], segments: number, deleteEvery: number, lastOnly: boolean) {
  const index = engine.newIndex()
  const size = Math.ceil(docs.length / segments)
  for (let from = 0; from < docs.length; from += size) index.addDocuments(docs.slice(from, from + size))
  const lastFrom = size * (Math.ceil(docs.length / size) - 1)
  const deletes = docs
    .map((d) => d.docId)
    .filter((d) => deleteEvery > 0 && d % deleteEvery === 1 && (!lastOnly || d >= lastFrom))
  if (deletes.length > 0) index.deleteDocuments(deletes)
  return { index, oracle: new MemoOracle(docs, new Set(deletes)) }
}

describe('lone-term block skipping and hit counting against full scoring', () => {
  it('answers the exhaustive top k bit for bit and counts exactly up to track_total_hits', () => {
    fc.assert(
      fc.property(
        corpus,
        fc.integer({ min: 1, max: 3 }),
        fc.constantFrom(0, 0, 3, 7, 50),
        fc.boolean(),
        fc.constantFrom(x, x, xOrY),
        fc.oneof(fc.constantFrom(0, 1, 10, 10), fc.integer({ min: 0, max: 300 })),
        fc.oneof(fc.constantFrom(0, 1, 10, 10_000, Infinity), fc.integer({ min: 0, max: 1_500 })),
        (docs, segments, deleteEvery, lastOnly, q, k, threshold) => {
          const { index, oracle } = build(docs, segments, deleteEvery, lastOnly)
          const expected = oracle.topDocs(rewriteQuery(q), k)
          const actual = index.search(q, k, null, threshold)
          expect(actual.scoreDocs).toEqual(expected.scoreDocs)
          expect(actual.maxScore).toBe(expected.maxScore)
          if (expected.totalHits <= threshold || (q === x && deleteEvery === 0))
            expect(actual.totalHits).toBe(expected.totalHits)
          else
            expect([threshold < actual.totalHits, actual.totalHits <= expected.totalHits]).toEqual([
              true,
              true,
            ])
          index.free()
        },
      ),
      { numRuns: 150 },
    )
  }, 120_000)

  it('counts every match of blocks it does not score while below the threshold', () => {
    // doc 0 holds x three times in a one-term field (the best score); docs 1..999 hold x once among 20 terms: once
    // the heap is full, none of their blocks can enter it, yet each is counted, in the segment without deletions
    // and in the one with
    const docs: AnalyzedDocument[] = Array.from({ length: 1_000 }, (_, docId) => {
      const terms = docId === 0 ? ['x', 'x', 'x'] : ['x', ...Array<string>(19).fill('z')]
      return {
        docId,
        fields: [{ field: 'body', tokens: terms.map((term, position) => ({ term, position })) }],
      }
    })
    const index = engine.newIndex()
    index.addDocuments(docs.slice(0, 500))
    index.addDocuments(docs.slice(500))
    index.deleteDocuments([999])
    const top = index.search(x, 1, null, 10_000)
    expect(top.scoreDocs.map((d) => d.docId)).toEqual([0])
    expect(top.totalHits).toBe(999)
    const or = index.search(xOrY, 1, null, 10_000)
    expect(or.scoreDocs.map((d) => d.docId)).toEqual([0])
    expect(or.totalHits).toBe(999)
    index.free()
  })
})
