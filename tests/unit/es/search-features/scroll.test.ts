// Scrolls as ES 8.17 runs them: `?scroll` opens a reader context per shard (the shard's view frozen until it is
// freed), `_search/scroll` pages through it in order until the hits are empty, DELETE frees the contexts (404 with
// num_freed 0 for unknown ones), keep alives expire on the cluster's clock (the reaper runs every minute), and
// errors have ES's shapes (search_context_missing_exception inside search_phase_execution_exception, 404).
import { describe, expect, it } from 'vitest'
import { clusterWithIndex } from '../cluster-admin/cluster-admin-fixture.ts'
import type { TestCluster } from '../cluster/es-cluster-fixture.ts'
import { buildScrollId, parseScrollId } from '../../../../workers/es/search/context/scroll-id.ts'
import { formatTimeValue } from '../../../../workers/es/search/context/time-value-format.ts'

interface Page {
  _scroll_id?: string
  hits: { total: { value: number }; hits: Array<{ _id: string; sort?: unknown[] }> }
  aggregations?: unknown
}

async function numbers(shards: number, count = 7): Promise<TestCluster> {
  const { cluster } = await clusterWithIndex(3, {
    settings: { number_of_shards: shards, number_of_replicas: 0 },
    mappings: { properties: { n: { type: 'integer' } } },
  })
  for (let n = 1; n <= count; n++) await cluster.json(1, 'PUT', `/idx/_doc/${n}`, { n })
  await cluster.json(1, 'POST', '/idx/_refresh')
  return cluster
}

/** Every page of a scroll, first included, until one comes back empty. */
async function scrollAll(cluster: TestCluster, first: Page): Promise<string[]> {
  const ids = first.hits.hits.map((hit) => hit._id)
  let page = first
  for (;;) {
    page = (await cluster.json(1, 'POST', '/_search/scroll', {
      scroll: '1m',
      scroll_id: page._scroll_id,
    })) as Page
    if (page.hits.hits.length === 0) return ids
    ids.push(...page.hits.hits.map((hit) => hit._id))
  }
}

interface ErrorJson {
  reason: string
  root_cause: Array<{ reason: string }>
}

function errorOf(response: { body: string }): ErrorJson {
  return (JSON.parse(response.body) as { error: ErrorJson }).error
}

describe('scroll', () => {
  for (const shards of [1, 3]) {
    it(`pages through every hit in sort order (${shards} shard(s))`, async () => {
      const cluster = await numbers(shards)
      const first = (await cluster.json(1, 'POST', '/idx/_search?scroll=1m', {
        size: 3,
        sort: [{ n: 'desc' }],
      })) as Page
      expect(Object.keys(first)[0]).toBe('_scroll_id')
      expect(first.hits.total.value).toBe(7)
      expect(await scrollAll(cluster, first)).toEqual(['7', '6', '5', '4', '3', '2', '1'])
    })
  }

  it('reads a frozen view: later writes and deletes are not seen', async () => {
    const cluster = await numbers(2)
    const first = (await cluster.json(1, 'GET', '/idx/_search?scroll=1m', {
      size: 2,
      sort: ['_doc'],
    })) as Page
    await cluster.json(1, 'DELETE', '/idx/_doc/1?refresh=true')
    await cluster.json(1, 'PUT', '/idx/_doc/99?refresh=true', { n: 99 })
    await cluster.json(1, 'POST', '/idx/_forcemerge?max_num_segments=1')
    const ids = await scrollAll(cluster, first)
    expect([...ids].sort()).toEqual(['1', '2', '3', '4', '5', '6', '7'])
    const now = (await cluster.json(1, 'GET', '/idx/_search', { size: 20 })) as Page
    expect(now.hits.total.value).toBe(7)
    expect(now.hits.hits.map((h) => h._id)).toContain('99')
  })

  it('answers aggregations on the first page only, and the id only when scroll is given', async () => {
    const cluster = await numbers(1)
    const first = (await cluster.json(1, 'POST', '/idx/_search?scroll=1m', {
      size: 2,
      aggs: { top: { max: { field: 'n' } } },
    })) as Page
    expect(first.aggregations).toEqual({ top: { value: 7 } })
    const next = (await cluster.json(1, 'POST', '/_search/scroll', { scroll_id: first._scroll_id })) as Page
    expect(next._scroll_id).toBeUndefined()
    expect(next.aggregations).toBeUndefined()
    expect(next.hits.hits).toHaveLength(2)
  })

  it('clears contexts, then answers 404 for them', async () => {
    const cluster = await numbers(3)
    const first = (await cluster.json(1, 'POST', '/idx/_search?scroll=1m', { size: 1 })) as Page
    const cleared = await cluster.send(1, 'DELETE', '/_search/scroll', { scroll_id: [first._scroll_id] })
    expect(cleared.status).toBe(200)
    expect(cleared.body).toBe('{"succeeded":true,"num_freed":3}')
    const again = await cluster.send(1, 'DELETE', `/_search/scroll/${first._scroll_id}`)
    expect(again.status).toBe(404)
    expect(again.body).toBe('{"succeeded":true,"num_freed":0}')
    const missing = await cluster.send(1, 'POST', '/_search/scroll', { scroll_id: first._scroll_id })
    expect(missing.status).toBe(404)
    const error = JSON.parse(missing.body) as {
      error: { type: string; failed_shards: unknown[]; root_cause: unknown[] }
    }
    expect(error.error.type).toBe('search_phase_execution_exception')
    const cause = { type: 'search_context_missing_exception', reason: 'No search context found for id [1]' }
    expect(error.error.root_cause).toEqual([cause])
    expect(error.error.failed_shards[0]).toEqual({ shard: -1, index: null, reason: cause })
  })

  it('clears every scroll with _all', async () => {
    const cluster = await numbers(1)
    const first = (await cluster.json(1, 'POST', '/idx/_search?scroll=1m', { size: 1 })) as Page
    const cleared = await cluster.send(1, 'DELETE', '/_search/scroll/_all')
    expect(cleared.body).toBe('{"succeeded":true,"num_freed":3}')
    const missing = await cluster.send(1, 'GET', `/_search/scroll?scroll_id=${first._scroll_id}`)
    expect(missing.status).toBe(404)
  })

  it('expires a context on the cluster clock after its keep alive, at the next reaper run', async () => {
    const cluster = await numbers(1)
    const first = (await cluster.json(1, 'POST', '/idx/_search?scroll=30s', { size: 1 })) as Page
    await cluster.sleep(20_000)
    expect((await cluster.send(1, 'POST', '/_search/scroll', { scroll_id: first._scroll_id })).status).toBe(
      200,
    )
    await cluster.sleep(90_000)
    expect((await cluster.send(1, 'POST', '/_search/scroll', { scroll_id: first._scroll_id })).status).toBe(
      404,
    )
  })

  it('frees contexts when their index is deleted', async () => {
    const cluster = await numbers(1)
    const first = (await cluster.json(1, 'POST', '/idx/_search?scroll=1m', { size: 1 })) as Page
    await cluster.json(1, 'DELETE', '/idx')
    expect((await cluster.send(1, 'POST', '/_search/scroll', { scroll_id: first._scroll_id })).status).toBe(
      404,
    )
  })

  it('refuses what a scroll does not allow', async () => {
    const cluster = await numbers(1)
    const refused = await cluster.send(1, 'POST', '/idx/_search?scroll=1m', { from: 2, size: 0 })
    expect(refused.status).toBe(400)
    expect(errorOf(refused).reason).toBe(
      'Validation Failed: 1: using [from] is not allowed in a scroll context;2: [size] cannot be [0] in a scroll context;',
    )
    const tooLong = await cluster.send(1, 'POST', '/idx/_search?scroll=2d', {})
    expect(tooLong.status).toBe(400)
    expect(errorOf(tooLong).root_cause[0]!.reason).toBe(
      'Keep alive for request (2d) is too large. It must be less than (1d). This limit can be set by changing the ' +
        '[search.max_keep_alive] cluster level setting.',
    )
    const garbage = await cluster.send(1, 'POST', '/_search/scroll', { scroll_id: 'abc' })
    expect(garbage.status).toBe(400)
    expect(errorOf(garbage).reason).toBe('Cannot parse scroll id')
    const none = await cluster.send(1, 'POST', '/_search/scroll', {})
    expect(errorOf(none).reason).toBe('Validation Failed: 1: scrollId is missing;')
  })
})

describe('scroll id', () => {
  it('round-trips TransportSearchHelper bytes', () => {
    const contexts = [
      { node: 'node-a', sessionId: 'Ab-_12', id: 1 },
      { node: 'node-b', sessionId: 'Ab-_12', id: 2 ** 40 + 5 },
    ]
    const id = buildScrollId(contexts)
    expect(id.startsWith('FGluY2x1ZGVfY29udGV4dF91dWlk')).toBe(true)
    expect(parseScrollId(id)).toEqual(contexts)
  })

  it('formats keep alives as TimeValue.toString', () => {
    expect([86_400_000, 5_400_000, 120_000, 1500, 7].map(formatTimeValue)).toEqual([
      '1d',
      '1.5h',
      '2m',
      '1.5s',
      '7ms',
    ])
  })
})
