// The new queries end to end through EsNode (_search with a Query DSL body): hits and `_score`s on a small
// corpus. Constant-score queries score exactly their boost (ES 8's default rewrites); fuzzy scores are
// BM25 with the similarity boost (1 - edits / min length) and the largest docFreq of the expansions
// (top_terms_blended_freqs_50), computed here by the direct float32 formula of LegacyBM25Similarity.
// Numeric and date ranges run on the engine directly with numeric doc values (the field indexer does not
// hand them over yet, see the report).
import { beforeAll, describe, expect, it } from 'vitest'
import type { IndexEngine } from '../../../../engine-wasm/src/index/index.ts'
import { analyzeForIndexing } from '../../../../workers/es/analysis/index.ts'
import { buildQuery } from '../../../../workers/es/search/query-builder.ts'
import { parseJson } from '../../../../workers/es/xcontent/index.ts'
import { loadEngine, startNode, type TestNode } from '../node/es-node-fixture.ts'

const f = Math.fround

/** LegacyBM25Similarity: weight = boost * 2.2 * idf, one term occurrence, lengths exact below 24. */
function bm25(
  boost: number,
  docFreq: number,
  docCount: number,
  length: number,
  avgdl: number,
  freq = 1,
): number {
  const idf = f(Math.log(1 + (docCount - docFreq + 0.5) / (docFreq + 0.5)))
  const weight = f(f(boost * f(2.2)) * idf)
  const cache = f(1 / f(f(1.2) * f(f(0.25) + f(f(f(0.75) * length) / f(avgdl)))))
  return f(weight - f(weight / f(1 + f(freq * cache))))
}

let node: TestNode
beforeAll(async () => {
  node = await startNode()
  const docs: Array<[string, object]> = [
    ['1', { message: 'The quick brown fox jumps over the lazy dog', tag: 'Animal' }],
    ['2', { message: 'The lazy brown dog', tag: 'animal' }],
    ['3', { message: 'A quick dog', tag: 'other' }],
    ['4', { message: 'lazy sleepy fox dog', tag: 'Animal' }],
  ]
  for (const [id, doc] of docs) await node.send('PUT', `/idx/_doc/${id}`, doc)
  await node.send('POST', '/idx/_refresh')
})

// message lengths 9, 4, 3, 4: avgdl 5
const LENGTHS: Record<string, number> = { '1': 9, '2': 4, '3': 3, '4': 4 }

async function hits(query: object): Promise<Array<[string, number]>> {
  const response = await node.send('GET', '/idx/_search', { query, _source: false })
  expect(response.status).toBe(200)
  const body = JSON.parse(response.body) as { hits: { hits: Array<{ _id: string; _score: number }> } }
  return body.hits.hits.map((h) => [h._id, f(h._score)])
}

describe('multi-term queries score their boost', () => {
  it.each<[string, object, string[], number]>([
    ['prefix', { prefix: { message: 'la' } }, ['1', '2', '4'], 1],
    ['wildcard', { wildcard: { message: { value: 'd?g', boost: 2 } } }, ['1', '2', '3', '4'], 2],
    ['regexp', { regexp: { message: 'qu[a-z]*k' } }, ['1', '3'], 1],
    ['terms', { terms: { 'tag.keyword': ['Animal', 'other'] } }, ['1', '3', '4'], 1],
    ['exists', { exists: { field: 'tag' } }, ['1', '2', '3', '4'], 1],
    [
      'case-insensitive prefix',
      { prefix: { 'tag.keyword': { value: 'ANI', case_insensitive: true } } },
      ['1', '2', '4'],
      1,
    ],
    [
      'case-insensitive term',
      { term: { 'tag.keyword': { value: 'ANIMAL', case_insensitive: true } } },
      ['1', '2', '4'],
      1,
    ],
    ['keyword range', { range: { 'tag.keyword': { gte: 'B', lte: 'b' } } }, ['2'], 1],
    ['constant_score', { constant_score: { filter: { match: { message: 'sleepy' } }, boost: 3 } }, ['4'], 3],
  ])('%s', async (_, query, ids, boost) => {
    expect(await hits(query)).toEqual(ids.map((id) => [id, boost]))
  })
})

describe('scored queries', () => {
  it('fuzzy: "quikc" reaches "quick" by one transposition, boost 0.8, blended docFreq', async () => {
    const score = (id: string): number => bm25(f(1 - f(1 / 5)), 2, 4, LENGTHS[id]!, 5)
    expect(await hits({ fuzzy: { message: 'quikc' } })).toEqual([
      ['3', score('3')],
      ['1', score('1')],
    ])
    expect(await hits({ fuzzy: { message: { value: 'quikc', transpositions: false } } })).toEqual([])
  })

  it('match with fuzziness expands each token', async () => {
    const fox = (id: string): number => bm25(f(1 - f(1 / 3)), 2, 4, LENGTHS[id]!, 5)
    expect(await hits({ match: { message: { query: 'fix', fuzziness: 1 } } })).toEqual([
      ['4', fox('4')],
      ['1', fox('1')],
    ])
  })

  it('dis_max: the best clause plus tie_breaker times the others', async () => {
    const fox = (id: string): number => bm25(1, 2, 4, LENGTHS[id]!, 5)
    const sleepy = bm25(1, 1, 4, 4, 5)
    const expected4 = f(Math.max(fox('4'), sleepy) + Math.min(fox('4'), sleepy) * f(0.5))
    expect(
      await hits({
        dis_max: {
          queries: [{ match: { message: 'fox' } }, { match: { message: 'sleepy' } }],
          tie_breaker: 0.5,
        },
      }),
    ).toEqual([
      ['4', expected4],
      ['1', fox('1')],
    ])
  })

  it('boosting demotes the documents the negative query matches', async () => {
    expect(
      await hits({
        boosting: {
          positive: { match_all: {} },
          negative: { term: { message: 'lazy' } },
          negative_boost: 0.5,
        },
      }),
    ).toEqual([
      ['3', 1],
      ['1', 0.5],
      ['2', 0.5],
      ['4', 0.5],
    ])
  })

  it('multi_match best_fields and query_string over two fields', async () => {
    const sleepy = bm25(1, 1, 4, 4, 5)
    expect(await hits({ multi_match: { query: 'sleepy other', fields: ['message', 'tag'] } })).toEqual([
      ['4', sleepy],
      ['3', bm25(1, 1, 4, 1, 1)],
    ])
    expect(await hits({ query_string: { query: 'qu*k AND NOT brown', default_field: 'message' } })).toEqual([
      ['3', 1],
    ])
  })

  it('a bad regexp is a 400 query_shard_exception', async () => {
    const response = await node.send('GET', '/idx/_search', { query: { regexp: { message: 'a(b' } } })
    expect(response.status).toBe(400)
    expect(response.body).toContain('"reason":"failed to create query: expected \')\' at position 3"')
  })
})

describe('numeric and date ranges on numeric doc values', () => {
  let engine: IndexEngine
  beforeAll(async () => {
    engine = await loadEngine()
  })

  it('long and date ranges match the documents with a value inside', () => {
    const index = engine.newIndex()
    const day = (d: number): number => Date.UTC(2020, 0, d)
    index.addDocuments(
      [
        [5, day(1)],
        [10, day(2) + 1],
        [15, day(3)],
      ].map(([age, born], docId) => ({
        docId,
        fields: [
          { field: 'age', tokens: [], values: [age!] },
          { field: 'born', tokens: [], values: [born!] },
        ],
      })),
    )
    const context = {
      fields: new Map([
        ['age', { type: 'long' as const }],
        ['born', { type: 'date' as const }],
      ]),
      analyze: analyzeForIndexing,
      nowMillis: day(3) + 5,
    }
    const ids = (query: object): number[] =>
      index.search(buildQuery(parseJson(JSON.stringify(query)), context), 10).scoreDocs.map((d) => d.docId)
    expect(ids({ range: { age: { gt: 5, lte: 10 } } })).toEqual([1])
    expect(ids({ range: { age: { gte: 5.5 } } })).toEqual([1, 2])
    expect(ids({ range: { born: { gte: '2020-01-02', lt: '2020-01-03' } } })).toEqual([1])
    expect(ids({ range: { born: { gt: 'now-1d/d' } } })).toEqual([2])
    expect(ids({ exists: { field: 'age' } })).toEqual([0, 1, 2])
  })
})
