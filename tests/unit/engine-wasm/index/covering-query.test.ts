// The covering query (Lucene's CoveringQuery, ES's terms_set) across segments: a document matches when at least
// max(1, its minimum) of the clauses match (none without a minimum), and scores the float of the sum in double of
// the matching clauses' scores, each of them what the clause scores alone; the table's doc ids are global.
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import type { AnalyzedDocument, IndexEngine, IndexQuery } from '../../../../engine-wasm/src/index/index.ts'
import { loadEngine } from './load-engine.ts'

let engine: IndexEngine
beforeAll(async () => {
  engine = await loadEngine()
})

const TERMS = ['a', 'b', 'c', 'd']

function document(docId: number, terms: readonly string[]): AnalyzedDocument {
  return { docId, fields: [{ field: 'tags', tokens: terms.map((term, position) => ({ term, position })) }] }
}

describe('covering query', () => {
  it('matches per-document minimums and sums the clause scores, over several segments', () => {
    fc.assert(
      fc.property(
        fc.array(fc.subarray(TERMS, { minLength: 1 }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.option(fc.integer({ min: -1, max: 4 }), { nil: null }), { minLength: 12, maxLength: 12 }),
        fc.integer({ min: 1, max: 5 }),
        fc.subarray(TERMS, { minLength: 1 }),
        (docs, minimums, batch, wanted) => {
          const index = engine.newIndex()
          for (let from = 0; from < docs.length; from += batch) {
            index.addDocuments(docs.slice(from, from + batch).map((terms, i) => document(from + i, terms)))
          }
          const queries: IndexQuery[] = wanted.map((term) => ({
            type: 'term',
            field: 'tags',
            term,
            boost: 1,
          }))
          const values = new Map<number, number>()
          minimums.forEach((minimum, docId) => {
            if (minimum !== null && docId < docs.length) values.set(docId, minimum)
          })
          const alone = queries.map(
            (q) => new Map(index.search(q, 100).scoreDocs.map((d) => [d.docId, d.score])),
          )
          const expected = docs.flatMap((_, docId) => {
            const scores = alone.flatMap((clause) => (clause.has(docId) ? [clause.get(docId)!] : []))
            const minimum = values.get(docId)
            if (minimum === undefined || scores.length < Math.max(1, minimum)) return []
            return [{ docId, score: Math.fround(scores.reduce((sum, s) => sum + s, 0)) }]
          })
          const covering: IndexQuery = {
            type: 'covering',
            queries,
            minimumNumberMatch: { description: 'long(m)', values },
            boost: 1,
          }
          const found = index.search(covering, 100).scoreDocs
          expect([...found].sort((x, y) => x.docId - y.docId)).toEqual(expected)
          index.free()
        },
      ),
      { numRuns: 200 },
    )
  })
})
