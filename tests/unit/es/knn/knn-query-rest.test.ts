// The `knn` query through EsNode, on the setup of ES's YAML test search.vectors/160_knn_query_missing_params.yml
// (three documents with 3-dimension l2_norm vectors, one shard): k defaults to the request's size, the query's
// top k joins a bool or dis_max as any clause does, and _count, _explain and _validate/query take it too.
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

async function index(): Promise<TestNode> {
  const node = await startNode()
  await node.send('PUT', '/kq', {
    settings: { number_of_shards: 1 },
    mappings: {
      properties: {
        vector: { type: 'dense_vector', dims: 3, index: true, similarity: 'l2_norm' },
        category: { type: 'keyword' },
      },
    },
  })
  const docs = [
    [[1.0, 1.0, 0.0], 'A'],
    [[1.0, 0.5, 1.0], 'A'],
    [[-1, -1, -1], 'B'],
  ] as const
  for (const [i, [vector, category]] of docs.entries())
    await node.send('PUT', `/kq/_doc/${i + 1}`, { vector, category })
  await node.send('POST', '/kq/_refresh')
  return node
}

async function search(
  node: TestNode,
  body: object,
): Promise<{ total: number; hits: Array<[string, number]> }> {
  const response = await node.send('POST', '/kq/_search', { _source: false, ...body })
  expect(response.status).toBe(200)
  const parsed = JSON.parse(response.body) as {
    hits: { total: { value: number }; hits: Array<{ _id: string; _score: number }> }
  }
  return { total: parsed.hits.total.value, hits: parsed.hits.hits.map((hit) => [hit._id, hit._score]) }
}

const knn = (k?: number, vector = [1, 1, 1]) => ({
  knn: { field: 'vector', query_vector: vector, ...(k === undefined ? {} : { k }) },
})

describe('knn query', () => {
  it('keeps the top k of each shard, k defaulting to size (160_knn_query_missing_params.yml)', async () => {
    const node = await index()
    expect((await search(node, { query: knn(undefined, [0, 0, 0]) })).total).toBe(3)
    const sized = await search(node, { query: knn(2), size: 1 })
    expect(sized).toEqual({ total: 2, hits: [['2', 0.8]] })
  })

  it('is a clause of bool and dis_max', async () => {
    const node = await index()
    const must = [{ term: { category: 'A' } }, knn(1, [1, 1, 0])]
    expect((await search(node, { query: { bool: { must } }, size: 1 })).total).toBe(1)
    const queries = [knn(2, [1, 1, 0]), { match: { category: 'B' } }]
    expect((await search(node, { query: { dis_max: { queries, tie_breaker: 0.8 } }, size: 1 })).total).toBe(3)
  })

  it('counts, explains and validates', async () => {
    const node = await index()
    expect((await node.send('POST', '/kq/_count', { query: knn(2) })).body).toContain('"count":2')
    const explained = await node.send('POST', '/kq/_explain/1', {
      query: { knn: { field: 'vector', query_vector: [1, 1, 1], k: 2, boost: 2 } },
    })
    expect(explained.body).toContain(
      '"matched":true,"explanation":{"value":1.0,"description":"within top k documents","details":[]}',
    )
    const valid = await node.send('POST', '/kq/_validate/query?explain=true', { query: knn(2) })
    expect(valid.body).toContain('"explanation":"ESKnnFloatVectorQuery:vector[1.0,...][3]"')
    const missing = await node.send('POST', '/kq/_validate/query', {
      query: { knn: { field: 'nope', query_vector: [1, 1, 1] } },
    })
    expect(missing.body).toContain('"valid":false')
  })

  it("refuses what KnnVectorQueryBuilder refuses, with ES's texts", async () => {
    const node = await index()
    const refused = async (body: object) =>
      (await node.send('POST', '/kq/_search', { query: { knn: body } })).body
    const vector = { field: 'vector', query_vector: [1, 1, 1] }
    expect(await refused({ ...vector, k: 2, num_candidates: 1 })).toContain(
      '"reason":"[num_candidates] cannot be less than [k]"',
    )
    expect(await refused({ ...vector, k: 0 })).toContain('"reason":"[k] must be greater than 0"')
    expect(await refused({ ...vector, num_candidates: 10001 })).toContain(
      '"reason":"[num_candidates] cannot exceed [10000]"',
    )
    expect(await refused({ ...vector, filtr: {} })).toContain(
      '[knn] unknown field [filtr] did you mean [filter]?"',
    )
  })
})
