// matchedQueries on the WASM index against a brute-force oracle: random documents with tags, random named
// term queries (names with colliding HashMap buckets likely), random fetched hits; each hit must list exactly
// the names whose tag its document has, ordered by (String.hashCode spread & 15) then naming order (the
// java.util.HashMap order of at most 12 names), each with the term query's own score.
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import type { IndexEngine, IndexQuery } from '../../../../engine-wasm/src/index/index.ts'
import { matchedQueries } from '../../../../workers/es/search/fetch/matched-queries-phase.ts'
import { loadEngine } from '../../engine-wasm/index/load-engine.ts'

let engine: IndexEngine
beforeAll(async () => {
  engine = await loadEngine()
})

function bucket(name: string): number {
  let h = 0
  for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) % 2 ** 32
  return (h ^ Math.floor(h / 2 ** 16)) & 15
}

const TAGS = ['a', 'b', 'c', 'd']

describe('matchedQueries', () => {
  it('lists, for each fetched document, the named queries it matches, in HashMap order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.subarray(TAGS, { minLength: 0 }), { minLength: 1, maxLength: 20 }),
        fc.uniqueArray(fc.tuple(fc.string({ minLength: 1, maxLength: 3 }), fc.constantFrom(...TAGS)), {
          maxLength: 12,
          selector: ([name]) => name,
        }),
        fc.array(fc.nat(), { maxLength: 10 }),
        (docs, named, picks) => {
          const index = engine.newIndex()
          index.addDocuments(
            docs.map((tags, docId) => ({
              docId,
              fields: [
                { field: '_id', tokens: [{ term: `id${docId}`, position: 0 }], norms: false },
                { field: 'tag', tokens: tags.map((term, position) => ({ term, position })), norms: false },
              ],
            })),
          )
          try {
            const queries = new Map<string, IndexQuery>(
              named.map(([name, tag]) => [name, { type: 'term', field: 'tag', term: tag, boost: 1 }]),
            )
            const fetched = [...new Set(picks.map((p) => p % docs.length))].map((docId) => ({
              docId,
              id: `id${docId}`,
            }))
            const result = matchedQueries(index, queries, fetched, null)
            if (queries.size === 0 || fetched.length === 0) {
              expect(result).toBeNull()
              return
            }
            const order = named
              .map(([name, tag], i) => ({ name, tag, i }))
              .sort((x, y) => bucket(x.name) - bucket(y.name) || x.i - y.i)
            fetched.forEach(({ docId }, at) => {
              const expected = order.filter(({ tag }) => docs[docId]!.includes(tag)).map(({ name }) => name)
              expect(result![at]!.map(([name]) => name)).toEqual(expected)
              for (const [name, score] of result![at]!) {
                const explained = index.explain(queries.get(name)!, docId)
                expect(score).toBe(explained.score)
              }
            })
          } finally {
            index.free()
          }
        },
      ),
      { numRuns: 60 },
    )
  })
})
