// A terms query's document lookup (TermsQueryBuilder with a TermsLookup): the coordinating node GETs the document
// (realtime, through the cluster, routed) and runs the query on the values at its path. A missing document matches
// nothing; the GET's errors fail the request; the spec's parse errors are terms_lookup's.
import { describe, expect, it } from 'vitest'
import { startCluster, type TestCluster } from '../cluster/es-cluster-fixture.ts'
import { expectBody, indexNotFoundBody } from '../cluster-admin/cluster-admin-fixture.ts'

interface SearchBody {
  hits: { total: { value: number }; hits: Array<{ _id: string }> }
}

const LOOKUP = { index: 'users', id: '1', path: 'following' }

async function stories(): Promise<TestCluster> {
  const cluster = await startCluster(3)
  await cluster.json(1, 'PUT', '/users', {
    settings: { number_of_shards: 3 },
    mappings: { _routing: { required: false } },
  })
  await cluster.json(1, 'PUT', '/stories', { settings: { number_of_shards: 2 } })
  await cluster.settle()
  for (const [id, user] of [
    ['1', 3],
    ['2', 1],
    ['3', 1],
    ['4', 4],
    ['6', 2],
  ] as const)
    await cluster.json(1, 'PUT', `/stories/_doc/${id}`, { user, content: `story ${id}` })
  await cluster.json(1, 'POST', '/stories/_refresh')
  // Not refreshed: the lookup's GET is realtime.
  await cluster.json(1, 'PUT', '/users/_doc/1', { name: 'John', following: [2, 3] })
  await cluster.json(1, 'PUT', '/users/_doc/4?routing=r', {
    people: [{ ids: { x: '4' } }, { ids: [{ x: 1 }, { x: null }] }],
  })
  return cluster
}

async function ids(cluster: TestCluster, path: string, body: object): Promise<string[]> {
  const result = (await cluster.json(2, 'POST', path, body)) as SearchBody
  return result.hits.hits.map((hit) => hit._id).sort()
}

describe('terms lookup', () => {
  it('searches with the values of the looked-up document, through every API that builds the query', async () => {
    const cluster = await stories()
    const query = { terms: { user: LOOKUP } }
    expect(await ids(cluster, '/stories/_search', { query })).toEqual(['1', '6'])
    expect(await ids(cluster, '/stories/_search', { post_filter: query })).toEqual(['1', '6'])
    const nested = { index: 'users', id: '4', path: 'people.ids.x', routing: 'r' }
    expect(await ids(cluster, '/stories/_search', { query: { terms: { user: nested } } })).toEqual([
      '2',
      '3',
      '4',
    ])
    const bool = { bool: { filter: [query], must_not: { terms: { user: [3] } } } }
    expect(await cluster.json(1, 'POST', '/stories/_count', { query: bool })).toMatchObject({ count: 1 })
    expect(await cluster.json(1, 'POST', '/stories/_explain/6', { query })).toMatchObject({
      matched: true,
    })
    const validated = await cluster.json(1, 'POST', '/stories/_validate/query?explain', { query })
    expect(validated).toMatchObject({ valid: true })
    expect(JSON.stringify(validated)).toContain('"explanation":"user:{2 3}"')
    const msearch =
      '{"index":"stories"}\n{"size":0,"query":{"terms":{"user":{"index":"users","id":"1","path":"following"}}}}\n'
    const multi = (await cluster.json(1, 'POST', '/_msearch', msearch)) as { responses: SearchBody[] }
    expect(multi.responses[0]!.hits.total.value).toBe(2)
    const deleted = await cluster.json(1, 'POST', '/stories/_delete_by_query?refresh=true', { query })
    expect(deleted).toMatchObject({ deleted: 2 })
    expect(await ids(cluster, '/stories/_search', {})).toEqual(['2', '3', '4'])
  })

  it('matches nothing for a missing document or path, and keeps boost and _name of the query', async () => {
    const cluster = await stories()
    const missing = { terms: { user: { ...LOOKUP, id: '99' } } }
    expect(await ids(cluster, '/stories/_search', { query: missing })).toEqual([])
    const noPath = { terms: { user: { ...LOOKUP, path: 'nobody.there' } } }
    expect(await ids(cluster, '/stories/_search', { query: noPath })).toEqual([])
    // extractRawValues takes a scalar an object holds even where the path goes on: "John" is no long.
    const quirk = await cluster.send(1, 'POST', '/stories/_search', {
      query: { terms: { user: { ...LOOKUP, path: 'name.first' } } },
    })
    expect(quirk.body).toContain('failed to create query: For input string: \\"John\\"')
    const named = (await cluster.json(1, 'POST', '/stories/_search', {
      query: { terms: { user: LOOKUP, boost: 3, _name: 'friends' } },
    })) as { hits: { max_score: number; hits: Array<{ matched_queries: string[] }> } }
    expect(named.hits.max_score).toBe(3)
    expect(named.hits.hits[0]!.matched_queries).toEqual(['friends'])
  })

  it("fails the request with the GET's errors", async () => {
    const cluster = await stories()
    const notFound = indexNotFoundBody('nope')
    const query = { terms: { user: { ...LOOKUP, index: 'nope' } } }
    await expectBody(cluster, 'POST', '/stories/_search', { query }, 404, notFound)
    // ES rewrites before it resolves the searched indices.
    await expectBody(cluster, 'POST', '/missing/_search', { query }, 404, notFound)
    await expectBody(cluster, 'POST', '/stories/_validate/query', { query }, 404, notFound)
    await cluster.json(1, 'PUT', '/routed', { mappings: { _routing: { required: true } } })
    const routed = { terms: { user: { index: 'routed', id: '1', path: 'following' } } }
    const response = await cluster.send(1, 'POST', '/stories/_search', { query: routed })
    expect(response.status).toBe(400)
    const { error } = JSON.parse(response.body) as { error: { type: string; reason: string } }
    expect(error.type).toBe('routing_missing_exception')
    // _validate/query answers a failed rewrite other than a missing index as an invalid query, on no shard.
    await expectBody(cluster, 'POST', '/stories/_validate/query', { query: routed }, 200, {
      _shards: { total: 0, successful: 0, failed: 0 },
      valid: false,
      explanations: [{ valid: false, error: error.reason }],
    })
  })

  it('reads the lookup spec as terms_lookup does', async () => {
    const cluster = await stories()
    const search = (user: object) => expectSearchError(cluster, { query: { terms: { user } } })
    expect(await search({ ...LOOKUP, id: 1 })).toEqual({
      type: 'x_content_parse_exception',
      reason: "[1:49] [terms_lookup] id doesn't support values of type: VALUE_NUMBER",
    })
    expect(await search({ ...LOOKUP, type: '_doc' })).toEqual({
      type: 'x_content_parse_exception',
      reason: '[1:72] [terms_lookup] unknown field [type]',
    })
    expect(await search({ ...LOOKUP, pth: 'x' })).toMatchObject({
      reason: '[1:72] [terms_lookup] unknown field [pth] did you mean [path]?',
    })
    expect(await search({ index: 'users' })).toEqual({
      type: 'illegal_argument_exception',
      reason: 'Required [id, path]',
    })
    const twoFields = await expectSearchError(cluster, {
      query: { terms: { user: [1], other: LOOKUP } },
    })
    expect(twoFields).toMatchObject({
      type: 'parsing_exception',
      reason:
        '[terms] query does not support more than one field. Already got: [user] but also found [other]',
    })
    const lookupThenArray = await expectSearchError(cluster, {
      query: { terms: { user: LOOKUP, other: [1] } },
    })
    expect(lookupThenArray).toMatchObject({ reason: '[terms] query does not support multiple fields' })
  })

  it("fetches the lookups of the aggregations' queries, at any level", async () => {
    const cluster = await stories()
    const friends = { terms: { user: LOOKUP } }
    const result = (await cluster.json(1, 'POST', '/stories/_search?size=0', {
      aggs: {
        all: {
          global: {},
          aggs: {
            f: { filter: friends },
            fs: { filters: { filters: { friends, others: { bool: { must_not: friends } } } } },
            m: { adjacency_matrix: { filters: [{ friends }] } },
          },
        },
      },
    })) as { aggregations: { all: Record<string, unknown> } }
    expect(result.aggregations.all).toMatchObject({
      f: { doc_count: 2 },
      fs: { buckets: { friends: { doc_count: 2 }, others: { doc_count: 3 } } },
      m: { buckets: [{ key: 'friends', doc_count: 2 }] },
    })
  })

  it('refuses a lookup where the playground does not fetch it (an alias filter)', async () => {
    const cluster = await stories()
    await cluster.json(1, 'POST', '/_aliases', {
      actions: [{ add: { index: 'stories', alias: 'friends', filter: { terms: { user: LOOKUP } } } }],
    })
    const response = await cluster.send(1, 'POST', '/friends/_search', {})
    expect(response.status).toBe(400)
    expect(response.body).toContain(
      '[terms] query lookup [users/1/following] is not available in the playground',
    )
  })
})

async function expectSearchError(cluster: TestCluster, body: object): Promise<unknown> {
  const response = await cluster.send(1, 'POST', '/stories/_search', body)
  expect(response.status).toBe(400)
  const { error } = JSON.parse(response.body) as { error: { type: string; reason: string } }
  const { type, reason } = error
  return { type, reason }
}
