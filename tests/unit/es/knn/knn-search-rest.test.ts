// The top-level `knn` section of _search through EsNode, on the setup of ES's YAML tests
// search.vectors/40_knn_search.yml and 150_knn_search_missing_params.yml (three images with 5-dimension l2_norm
// vectors), in an index of 2 shards so that the DFS phase's per-shard top k are merged by the coordinating node.
// Scores are Java floats: l2_norm 1 / (1 + 109) for moose, 1 / (1 + 463.69) for rabbit.
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

const MOOSE = 0.009090909
const RABBIT = 0.0021519717
const QUERY = [-0.5, 90.0, -10, 14.8, -156.0]

async function images(shards: number): Promise<TestNode> {
  const node = await startNode()
  const vector = { type: 'dense_vector', dims: 5, index: true, similarity: 'l2_norm' }
  await node.send('PUT', '/test', {
    settings: { number_of_shards: shards },
    mappings: { properties: { name: { type: 'keyword' }, vector, another_vector: vector } },
  })
  const docs = [
    ['cow.jpg', [230.0, 300.33, -34.8988, 15.555, -200.0], [130.0, 115.0, -1.02, 15.555, -100.0]],
    ['moose.jpg', [-0.5, 100.0, -13, 14.8, -156.0], [-0.5, 50.0, -1, 1, 120]],
    ['rabbit.jpg', [0.5, 111.3, -13.0, 14.8, -156.0], [-0.5, 11.0, 0, 12, 111.0]],
  ] as const
  for (const [i, [name, v, another]] of docs.entries())
    await node.send('PUT', `/test/_doc/${i + 1}`, { name, vector: v, another_vector: another })
  await node.send('POST', '/test/_refresh')
  return node
}

async function hits(node: TestNode, body: object): Promise<Array<[string, number]>> {
  const response = await node.send('POST', '/test/_search', { _source: false, ...body })
  expect(response.status).toBe(200)
  const parsed = JSON.parse(response.body) as { hits: { hits: Array<{ _id: string; _score: number }> } }
  return parsed.hits.hits.map((hit) => [hit._id, hit._score])
}

const knn = { field: 'vector', query_vector: QUERY, k: 2, num_candidates: 3 }

describe('knn search', () => {
  it('finds the global top k over two shards, scored by the similarity', async () => {
    for (const shards of [1, 2]) {
      const node = await images(shards)
      expect(await hits(node, { knn })).toEqual([
        ['2', MOOSE],
        ['3', RABBIT],
      ])
    }
  })

  it('joins the query as a SHOULD clause; several knn searches add their scores', async () => {
    const node = await images(2)
    const query = { term: { name: 'cow.jpg' } }
    expect((await hits(node, { knn, query })).map(([id]) => id)).toEqual(['1', '2', '3'])
    const another = {
      field: 'another_vector',
      query_vector: [-0.5, 11.0, 0, 12, 111.0],
      k: 2,
      num_candidates: 3,
    }
    const both = await hits(node, { knn: [knn, another], query })
    expect(both.map(([id]) => id)).toEqual(['3', '1', '2'])
    expect(both[0]![1]).toBe(1.002152)
  })

  it('filters, thresholds and boosts', async () => {
    const node = await images(2)
    const rabbit = { term: { name: 'rabbit.jpg' } }
    expect(await hits(node, { knn: { ...knn, filter: rabbit } })).toEqual([['3', RABBIT]])
    expect(await hits(node, { knn: { ...knn, filter: [rabbit, { term: { _id: 2 } }] } })).toEqual([])
    expect(await hits(node, { knn: { ...knn, k: 3, similarity: 11 } })).toEqual([['2', MOOSE]])
    expect(await hits(node, { knn: { ...knn, k: 1, boost: 2 } })).toEqual([['2', 0.018181818]])
  })

  it("pre-filters with a filtered alias's filter (60_knn_search_filter_alias.yml)", async () => {
    const node = await images(2)
    await node.send('POST', '/_aliases', {
      actions: [{ add: { index: 'test', alias: 'rabbits', filter: { term: { name: 'rabbit.jpg' } } } }],
    })
    const response = await node.send('POST', '/rabbits/_search', { _source: false, knn: { ...knn, k: 1 } })
    const parsed = JSON.parse(response.body) as { hits: { hits: Array<{ _id: string; _score: number }> } }
    expect(parsed.hits.hits.map((hit) => [hit._id, hit._score])).toEqual([['3', RABBIT]])
  })

  it('takes k from size and num_candidates from k (150_knn_search_missing_params.yml)', async () => {
    const node = await images(2)
    const { field, query_vector } = knn
    expect(await hits(node, { knn: { field, query_vector } })).toHaveLength(3)
    expect(await hits(node, { knn: { field, query_vector }, size: 2 })).toHaveLength(2)
    expect(await hits(node, { knn: { field, query_vector, k: 2 } })).toHaveLength(2)
    const refused = await node.send('POST', '/test/_search', {
      knn: { field, query_vector, num_candidates: 2 },
    })
    expect(refused.body).toBe(
      '{"error":{"root_cause":[{"type":"illegal_argument_exception","reason":"[num_candidates] cannot be less than [k]"}],' +
        '"type":"illegal_argument_exception","reason":"[num_candidates] cannot be less than [k]"},"status":400}',
    )
  })

  it('names its matches and explains them as KnnScoreDocQuery does', async () => {
    const node = await images(1)
    const response = await node.send('POST', '/test/_search', {
      _source: false,
      explain: true,
      knn: { ...knn, k: 1, _name: 'my_knn_query' },
    })
    expect(response.body).toContain('"matched_queries":["my_knn_query"]')
    expect(response.body).toContain(
      `"_explanation":{"value":${MOOSE},"description":"within top k documents","details":[]}`,
    )
  })

  it("refuses search_type, and fails on the shards with ES's texts", async () => {
    const node = await images(1)
    const typed = await node.send('POST', '/test/_search?search_type=query_then_fetch', { knn })
    expect(typed.status).toBe(400)
    expect(typed.body).toContain(
      '"reason":"cannot set [search_type] when using [knn] search, since the search type is determined automatically"',
    )
    const missing = await node.send('POST', '/test/_search', { knn: { ...knn, field: 'nonexistent' } })
    expect(missing.status).toBe(400)
    expect(missing.body).toContain(
      '"type":"search_phase_execution_exception","reason":"all shards failed","phase":"dfs"',
    )
    expect(missing.body).toContain(
      '"root_cause":[{"type":"query_shard_exception","reason":"failed to create query: field [nonexistent] does not exist in the mapping"',
    )
    const dims = await node.send('POST', '/test/_search', { knn: { ...knn, query_vector: [1, 2] } })
    expect(dims.body).toContain(
      '"reason":"failed to create query: The query vector has a different number of dimensions [2] than the document vectors [5]."',
    )
    const keyword = await node.send('POST', '/test/_search', { knn: { ...knn, field: 'name' } })
    expect(keyword.body).toContain(
      '"reason":"failed to create query: [knn] queries are only supported on [dense_vector] fields"',
    )
    const unknown = await node.send('POST', '/test/_search', { knn: { ...knn, foo: 1 } })
    expect(unknown.status).toBe(400)
    expect(unknown.body).toContain('"type":"x_content_parse_exception","reason":"[1:')
    expect(unknown.body).toContain('] [knn] unknown field [foo]"')
  })
})
