// KnnScoreDocQuery (op 25): the given global doc ids match with their scores times the boost, over several segments;
// a deleted document, or a doc id the index does not hold, matches nothing; explained "within top k documents".
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import type { AnalyzedDocument, IndexEngine, IndexQuery } from '../../../../engine-wasm/src/index/index.ts'
import { loadEngine } from './load-engine.ts'

let engine: IndexEngine
beforeAll(async () => {
  engine = await loadEngine()
})

function document(docId: number): AnalyzedDocument {
  return { docId, fields: [{ field: 'tag', tokens: [{ term: 'x', position: 0 }] }] }
}

describe('knnScoreDoc query', () => {
  it('matches its live documents with score × boost in float, across segments', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 5 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 14 })),
        fc.array(fc.integer({ min: 0, max: 11 })),
        fc.float({ min: Math.fround(0.1), max: 4, noNaN: true }),
        (count, batch, picked, deleted, boost) => {
          const index = engine.newIndex()
          for (let from = 0; from < count; from += batch)
            index.addDocuments(
              Array.from({ length: Math.min(batch, count - from) }, (_, i) => document(from + i)),
            )
          index.deleteDocuments(deleted.filter((d) => d < count))
          const docs = [...picked].sort((a, b) => a - b)
          const scores = docs.map((d) => Math.fround(1 / (d + 2)))
          const query: IndexQuery = { type: 'knnScoreDoc', docs, scores, boost: Math.fround(boost) }
          const found = index.search(query, 100).scoreDocs.sort((a, b) => a.docId - b.docId)
          const expected = docs.flatMap((docId, i) =>
            docId < count && !deleted.includes(docId)
              ? [{ docId, score: Math.fround(scores[i]! * Math.fround(boost)) }]
              : [],
          )
          expect(found).toEqual(expected)
          index.free()
        },
      ),
    )
  })

  it('explains a match as KnnScoreDocQuery does', () => {
    const index = engine.newIndex()
    index.addDocuments([document(0), document(1)])
    const query: IndexQuery = { type: 'knnScoreDoc', docs: [1], scores: [0.25], boost: 2 }
    expect(index.explain(query, 1)).toMatchObject({ matched: true, score: 0.5 })
    expect(index.explain(query, 0).matched).toBe(false)
    index.free()
  })
})
