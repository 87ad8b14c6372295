// The explanation's top value is the score search returns for every live document and every query (bit for bit
// as float32), and a document the query does not match explains with match false and value 0.
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import type { IndexEngine, IndexQuery } from '../../../../engine-wasm/src/index/index.ts'
import { explainDocument } from '../../../../workers/es/search/explain/index.ts'
import { corpus, query } from '../../engine-wasm/index/arbitraries.ts'
import { loadEngine } from '../../engine-wasm/index/load-engine.ts'

let engine: IndexEngine
beforeAll(async () => {
  engine = await loadEngine()
})

describe('explain against search', () => {
  it('explains every document with the score search gives it', () => {
    fc.assert(
      fc.property(
        corpus,
        query,
        fc.array(fc.integer({ min: 0, max: 24 }), { maxLength: 4 }),
        (docs, q, deletes) => {
          const index = engine.newIndex()
          index.addDocuments(docs)
          index.deleteDocuments(deletes.filter((d) => d < docs.length))
          const scores = new Map(index.search(q, docs.length).scoreDocs.map((d) => [d.docId, d.score]))
          for (const { docId } of docs) {
            const e = explainDocument(index, q, docId)
            const score = scores.get(docId)
            expect({ docId, match: e.match, value: Math.fround(e.value) }).toEqual({
              docId,
              match: score !== undefined,
              value: score ?? 0,
            })
          }
          index.free()
        },
      ),
      { numRuns: 400 },
    )
  }, 60_000)

  it('explains a boosting inside a boosting from the float score of the inner one, as its scorer gives it', () => {
    // found by the property above: the inner product is a double in the explanation, a float in the score
    const term = (field: string, boost: number): IndexQuery => ({ type: 'term', field, term: 'a', boost })
    const positive: IndexQuery = {
      type: 'boosting',
      positive: { type: 'disMax', queries: [term('body', 1), term('title', 1.7)], tieBreaker: 0.3, boost: 1 },
      negative: { type: 'exists', field: 'body', boost: 1 },
      negativeBoost: 0.2,
      boost: 1,
    }
    const q: IndexQuery = {
      type: 'boosting',
      positive,
      negative: term('body', 1),
      negativeBoost: 0.2,
      boost: 1,
    }
    const index = engine.newIndex()
    index.addDocuments([
      {
        docId: 0,
        fields: [
          { field: 'body', tokens: [{ term: 'a', position: 0 }] },
          {
            field: 'title',
            tokens: [
              { term: 'd', position: 0 },
              { term: 'a', position: 0 },
            ],
          },
        ],
      },
      { docId: 1, fields: [] },
    ])
    const [hit] = index.search(q, 2).scoreDocs
    expect(Math.fround(explainDocument(index, q, 0).value)).toBe(hit!.score)
    index.free()
  })
})
