// The combined field query (Lucene's CombinedFieldQuery, BM25F) against what it reduces to: over one field of
// weight 1 and one term its pseudo statistics are the field's and the term's, so every document scores as the
// TermQuery does, across segments and deletes; a weight w counts the field's frequencies and lengths w times.
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import type { AnalyzedDocument, IndexEngine, IndexQuery } from '../../../../engine-wasm/src/index/index.ts'
import { loadEngine } from './load-engine.ts'

let engine: IndexEngine
beforeAll(async () => {
  engine = await loadEngine()
})

function document(docId: number, a: readonly string[], b: readonly string[]): AnalyzedDocument {
  const tokens = (terms: readonly string[]) => terms.map((term, position) => ({ term, position }))
  return {
    docId,
    fields: [
      { field: 'a', tokens: tokens(a) },
      { field: 'b', tokens: tokens(b) },
    ],
  }
}

const words = fc.array(fc.constantFrom('x', 'y', 'z'), { minLength: 1, maxLength: 6 })

function combined(fields: Array<{ field: string; weight: number }>, terms: string[]): IndexQuery {
  return { type: 'combinedField', fields, terms, norms: true, boost: 1 }
}

describe('combined field query', () => {
  it('scores one field of weight 1 and one term as the TermQuery, over segments and deletes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(words, words), { minLength: 1, maxLength: 10 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 3 }),
        (docs, batch, deletes) => {
          const index = engine.newIndex()
          for (let from = 0; from < docs.length; from += batch) {
            index.addDocuments(docs.slice(from, from + batch).map(([a, b], i) => document(from + i, a, b)))
          }
          index.deleteDocuments(deletes.filter((d) => d < docs.length))
          const term = index.search({ type: 'term', field: 'a', term: 'x', boost: 1 }, 100)
          expect(index.search(combined([{ field: 'a', weight: 1 }], ['x']), 100)).toEqual(term)
          index.free()
        },
      ),
      { numRuns: 150 },
    )
  })

  it('counts a field of weight 2 as that field written twice', () => {
    const twice = engine.newIndex()
    twice.addDocuments([document(0, ['x', 'y', 'x', 'y'], ['z']), document(1, ['y', 'y'], ['x'])])
    const weighted = engine.newIndex()
    weighted.addDocuments([document(0, ['x', 'y'], ['z']), document(1, ['y'], ['x'])])
    const query = (weight: number) =>
      combined(
        [
          { field: 'a', weight },
          { field: 'b', weight: 1 },
        ],
        ['x'],
      )
    expect(weighted.search(query(2), 10)).toEqual(twice.search(query(1), 10))
    twice.free()
    weighted.free()
  })
})
