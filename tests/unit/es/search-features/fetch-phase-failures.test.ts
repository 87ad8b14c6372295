// Where a search fails, as ES 8.17 reports it: the highlight and inner hits sub-phases fail in the fetch phase
// (FetchPhase's processors), for the documents the page takes only; a one-shard search fetches in its query phase
// (SearchService.executeQueryPhase); with allow_partial_search_results=false (the parameter, an _msearch header key,
// or the cluster's search.default_allow_partial_results) the first phase with a failure fails the search with
// "Partial shards failure" (AbstractSearchAsyncAction.executeNextPhase, SearchPhaseExecutionException).
import { describe, expect, it } from 'vitest'
import { clusterWithIndex, errorOf, type ErrorBody } from '../cluster-admin/cluster-admin-fixture.ts'
import type { TestCluster } from '../cluster/es-cluster-fixture.ts'
import { defaultRoutingNumShards, shardId } from '../../../../workers/es/cluster/routing/operation-routing.ts'

type Json = Record<string, unknown>
interface Shards {
  total: number
  successful: number
  failed: number
  failures?: Array<{ shard: number; index: string; reason: { type: string; reason: string } }>
}
interface Response extends Json {
  _shards: Shards
  hits: { total: { value: number }; hits: Array<{ _id: string; highlight?: Json }> }
}
type SearchError = ErrorBody & {
  phase: string
  failed_shards: Array<{ shard: number; index: string; reason: { type: string } }>
}

/** A routing value that sends a document to `shard` of a two-shard index. */
function routingTo(shard: number): string {
  for (let i = 0; ; i++)
    if (shardId(`r${i}`, `r${i}`, 2, defaultRoutingNumShards(2)) === shard) return `r${i}`
}

const LONG = 'quick fox jumps over the lazy dog'

/**
 * Two shards: questions q1 (short title) and q2 (a title past index.highlight.max_analyzed_offset) with q1's answer
 * on shard 0, question q3 with its answer on shard 1; the answers have no `n`.
 */
async function cluster(shards = 2): Promise<TestCluster> {
  const { cluster } = await clusterWithIndex(1, {
    settings: { number_of_shards: shards, number_of_replicas: 0, 'highlight.max_analyzed_offset': 20 },
    mappings: {
      properties: {
        title: { type: 'text' },
        n: { type: 'long' },
        rel: { type: 'join', relations: { question: 'answer' } },
      },
    },
  })
  const [zero, one] = [routingTo(0), routingTo(1)]
  const docs: Array<[string, string, object]> = [
    ['q1', zero, { title: 'quick fox', n: 1, rel: 'question' }],
    ['q2', zero, { title: LONG, n: 2, rel: 'question' }],
    ['q3', one, { title: 'quick cat', n: 3, rel: 'question' }],
    ['a1', zero, { title: 'answer', rel: { name: 'answer', parent: 'q1' } }],
    ['a3', one, { title: 'answer', rel: { name: 'answer', parent: 'q3' } }],
  ]
  for (const [id, routing, doc] of docs)
    await cluster.json(1, 'PUT', `/idx/_doc/${id}?routing=${routing}`, doc)
  await cluster.json(1, 'POST', '/idx/_refresh')
  return cluster
}

const HIGHLIGHTED = {
  query: { match: { title: 'quick' } },
  sort: ['n'],
  highlight: { fields: { title: {} } },
}

async function search(c: TestCluster, body: object, query = ''): Promise<Response> {
  return (await c.json(1, 'GET', `/idx/_search${query}`, body)) as Response
}

async function searchError(c: TestCluster, body: object, query = ''): Promise<[number, SearchError]> {
  const response = await c.send(1, 'GET', `/idx/_search${query}`, body)
  return [response.status, errorOf(response.body) as SearchError]
}

describe('fetch sub-phase failures and phase names', () => {
  it("fail a shard's fetch only for the documents the page takes", async () => {
    const c = await cluster()
    // the page takes q1 alone: q2, past the limit on the same shard, is never fetched
    const first = await search(c, { ...HIGHLIGHTED, size: 1 })
    expect(first._shards).toEqual({ total: 2, successful: 2, skipped: 0, failed: 0 })
    expect(first.hits.hits.map((hit) => [hit._id, hit.highlight])).toEqual([
      ['q1', { title: ['<em>quick</em> fox'] }],
    ])
    // q1 and q2: shard 0 fails its fetch and its hits are left out; shard 1 had none on the page
    const second = await search(c, { ...HIGHLIGHTED, size: 2 })
    expect(second._shards).toMatchObject({ total: 2, successful: 1, failed: 1 })
    expect(second._shards.failures!.map(({ shard, reason }) => [shard, reason.type])).toEqual([
      [0, 'illegal_argument_exception'],
    ])
    expect(second._shards.failures![0]!.reason.reason).toMatch(/^The length \[33\] of field \[title\]/)
    expect(second.hits.hits).toEqual([])
  })

  it('fail every shard in the fetch phase, or a one-shard search in its query phase', async () => {
    const body = { ...HIGHLIGHTED, highlight: { fields: { title: { type: 'nope' } } } }
    const [status, error] = await searchError(await cluster(), body)
    expect(status).toBe(400)
    expect(error).toMatchObject({ reason: 'all shards failed', phase: 'fetch' })
    expect(error.root_cause[0]!.reason).toBe('unknown highlighter type [nope] for the field [title]')
    const [, single] = await searchError(await cluster(1), body)
    expect(single).toMatchObject({ reason: 'all shards failed', phase: 'query' })
  })

  it("fail with an inner hits search's own failure, on the page's shards only", async () => {
    const c = await cluster()
    const response = await search(c, {
      query: { has_child: { type: 'answer', query: { match_all: {} }, inner_hits: { sort: ['title'] } } },
      sort: ['n'],
      size: 1,
    })
    expect(response._shards).toMatchObject({ total: 2, successful: 1, failed: 1 })
    expect(response._shards.failures![0]!.reason.reason).toMatch(/^Fielddata is disabled on \[title\]/)
    expect(response.hits.hits).toEqual([])
  })

  it('names the query phase after a DFS round dfs_query (DfsQueryPhase)', async () => {
    const c = await cluster()
    const scored = { query: { function_score: { field_value_factor: { field: 'n' } } } }
    const [status, error] = await searchError(c, scored, '?search_type=dfs_query_then_fetch')
    expect(status).toBe(500)
    expect(error).toMatchObject({ reason: 'all shards failed', phase: 'dfs_query' })
    expect(error.root_cause[0]!.reason).toBe('Missing value for field [n]')
  })
})

describe('allow_partial_search_results', () => {
  it('false fails the search in the phase a shard failed in, with "Partial shards failure"', async () => {
    const c = await cluster()
    const [status, error] = await searchError(
      c,
      { ...HIGHLIGHTED, size: 2 },
      '?allow_partial_search_results=false',
    )
    expect(status).toBe(400)
    expect(error).toMatchObject({
      type: 'search_phase_execution_exception',
      reason: 'Partial shards failure',
      phase: 'fetch',
      grouped: true,
    })
    expect(error.caused_by).toBeUndefined()
    expect(error.root_cause.map(({ type }) => type)).toEqual(['illegal_argument_exception'])
    expect(error.failed_shards.map(({ shard, index }) => [index, shard])).toEqual([['idx', 0]])
    // without a failure it answers as usual
    expect((await search(c, { size: 1 }, '?allow_partial_search_results=false'))._shards.failed).toBe(0)
  })

  it('fails in the query phase on a shard that fails there', async () => {
    const c = await cluster()
    await c.json(1, 'PUT', '/other', { mappings: { properties: { title: { type: 'keyword' } } } })
    await c.json(1, 'PUT', '/other/_doc/1?refresh=true', { title: 'x' })
    const response = await c.send(1, 'GET', '/idx,other/_search?allow_partial_search_results=false', {
      sort: ['title'],
    })
    expect(response.status).toBe(400)
    const error = errorOf(response.body) as SearchError
    expect(error).toMatchObject({ reason: 'Partial shards failure', phase: 'query' })
    expect(error.failed_shards.map(({ index }) => index)).toEqual(['idx'])
  })

  it('defaults to the cluster setting search.default_allow_partial_results, which the parameter overrides', async () => {
    const c = await cluster()
    await c.json(1, 'PUT', '/_cluster/settings', {
      persistent: { 'search.default_allow_partial_results': false },
    })
    const [, error] = await searchError(c, { ...HIGHLIGHTED, size: 2 })
    expect(error.reason).toBe('Partial shards failure')
    const allowed = await search(c, { ...HIGHLIGHTED, size: 2 }, '?allow_partial_search_results=true')
    expect(allowed._shards.failed).toBe(1)
    // _count has no parameter: the cluster's setting decides
    await c.json(1, 'PUT', '/other', { mappings: { properties: { n: { type: 'keyword' } } } })
    const count = await c.send(1, 'GET', '/idx,other/_count', { query: { term: { n: 'abc' } } })
    expect(count.status).toBe(400)
    expect(errorOf(count.body)).toMatchObject({ reason: 'Partial shards failure', phase: 'query' })
    const bad = await c.send(1, 'PUT', '/_cluster/settings', {
      persistent: { 'search.default_allow_partial_results': 'maybe' },
    })
    expect(errorOf(bad.body).reason).toBe(
      'Failed to parse value [maybe] as only [true] or [false] are allowed.',
    )
  })

  it('is an _msearch header key, a strict boolean', async () => {
    const c = await cluster()
    const body = (header: string) =>
      `${header}\n${JSON.stringify({ ...HIGHLIGHTED, size: 2 })}\n{}\n${JSON.stringify({ size: 0 })}\n`
    const response = (await c.json(
      1,
      'POST',
      '/idx/_msearch',
      body('{"allow_partial_search_results": false}'),
    )) as {
      responses: Array<{ status: number; error?: SearchError }>
    }
    expect(response.responses.map(({ status }) => status)).toEqual([400, 200])
    expect(response.responses[0]!.error).toMatchObject({ reason: 'Partial shards failure', phase: 'fetch' })
    const bad = await c.send(1, 'POST', '/idx/_msearch', body('{"allow_partial_search_results": "maybe"}'))
    expect(bad.status).toBe(400)
    expect(errorOf(bad.body)).toMatchObject({
      type: 'illegal_argument_exception',
      reason: 'Could not convert [null] to boolean',
      caused_by: { reason: 'Failed to parse value [maybe] as only [true] or [false] are allowed.' },
    })
  })
})
