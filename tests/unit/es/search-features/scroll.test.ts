// Scrolls as ES 8.17 runs them: `?scroll` opens a reader context per shard (the shard's view frozen until it is
// freed), `_search/scroll` pages through it in order until the hits are empty, DELETE frees the contexts (404 with
// num_freed 0 for unknown ones), keep alives expire on the cluster's clock (the reaper runs every minute), and
// errors have ES's shapes (search_context_missing_exception inside search_phase_execution_exception, 404).
import { describe, expect, it } from 'vitest'
import type { TestCluster } from '../cluster/es-cluster-fixture.ts'
import { numbers } from './numbers-index.ts'
import { buildScrollId, parseScrollId } from '../../../../workers/es/search/context/scroll-id.ts'
import { humanReadableMillis } from '../../../../workers/es/common/time/time-value-text.ts'

interface Page {
  _scroll_id?: string
  hits: { total: { value: number }; hits: Array<{ _id: string; sort?: unknown[] }> }
  aggregations?: unknown
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
    const page = { scroll_id: first._scroll_id, scroll: '10s' }
    // A shorter keep alive does not shorten the context's (ReaderContext.tryUpdateKeepAlive keeps the larger).
    expect((await cluster.send(1, 'POST', '/_search/scroll', page)).status).toBe(200)
    await cluster.sleep(25_000)
    expect((await cluster.send(1, 'POST', '/_search/scroll', page)).status).toBe(200)
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

describe('scroll, as ES 8.17 answers it', () => {
  const missing = (id: number) =>
    `{"type":"search_context_missing_exception","reason":"No search context found for id [${id}]"}`

  it('answers a freed context as search_phase_execution_exception caused by the transport failure', async () => {
    const cluster = await numbers(1)
    // Every shard query phase takes an id on its node, the plain searches' included.
    await cluster.json(1, 'GET', '/idx/_search')
    await cluster.json(1, 'GET', '/idx/_count')
    const first = (await cluster.json(1, 'POST', '/idx/_search?scroll=1m', { size: 1 })) as Page
    expect(parseScrollId(first._scroll_id!)).toMatchObject({ type: 'queryAndFetch', contexts: [{ id: 3 }] })
    await cluster.send(1, 'DELETE', '/_search/scroll', { scroll_id: first._scroll_id })
    const page = await cluster.send(1, 'POST', '/_search/scroll', { scroll_id: first._scroll_id })
    expect(page.status).toBe(404)
    expect(page.body).toBe(
      `{"error":{"root_cause":[${missing(3)}],"type":"search_phase_execution_exception","reason":"all shards failed",` +
        `"phase":"query","grouped":true,"failed_shards":[{"shard":-1,"index":null,"reason":${missing(3)}}],` +
        `"caused_by":${missing(3)}},"status":404}`,
    )
  })

  it('keeps a context search.default_keep_alive (5m) after a page without scroll', async () => {
    const cluster = await numbers(1)
    const first = (await cluster.json(1, 'POST', '/idx/_search?scroll=30s', { size: 1 })) as Page
    const page = await cluster.send(1, 'POST', '/_search/scroll', { scroll_id: first._scroll_id })
    expect(page.status).toBe(200)
    expect(Object.keys(JSON.parse(page.body) as object)[0]).toBe('took')
    expect((JSON.parse(page.body) as { took: number }).took).toBeGreaterThanOrEqual(1)
    await cluster.sleep(4 * 60_000)
    expect((await cluster.send(1, 'POST', '/_search/scroll', { scroll_id: first._scroll_id })).status).toBe(
      200,
    )
  })

  it('frees a context whose page asks for a keep alive over search.max_keep_alive', async () => {
    const cluster = await numbers(1)
    const first = (await cluster.json(1, 'POST', '/idx/_search?scroll=1m', { size: 1 })) as Page
    const tooLong = await cluster.send(1, 'POST', '/_search/scroll', {
      scroll_id: first._scroll_id,
      scroll: '2d',
    })
    const reason =
      'Keep alive for request (2d) is too large. It must be less than (1d). This limit can be set by changing the ' +
      '[search.max_keep_alive] cluster level setting.'
    const cause = `{"type":"illegal_argument_exception","reason":"${reason}"}`
    expect(tooLong.status).toBe(400)
    expect(tooLong.body).toBe(
      `{"error":{"root_cause":[${cause}],"type":"search_phase_execution_exception","reason":"all shards failed",` +
        `"phase":"query","grouped":true,"failed_shards":[{"shard":-1,"index":null,"reason":${cause}}],` +
        `"caused_by":${cause}},"status":400}`,
    )
    const after = await cluster.send(1, 'POST', '/_search/scroll', { scroll_id: first._scroll_id })
    expect(after.status).toBe(404)
  })

  it('validates in SearchSourceBuilder then SearchRequest order, before resolving indices', async () => {
    const cluster = await numbers(1)
    const refused = await cluster.send(1, 'POST', '/missing/_search?scroll=1m&request_cache=true', {
      from: 1,
      size: 2,
      search_after: [1],
      sort: ['n'],
      collapse: { field: 'n' },
      track_total_hits: false,
    })
    expect(refused.status).toBe(400)
    expect(errorOf(refused).reason).toBe(
      'Validation Failed: 1: disabling [track_total_hits] is not allowed in a scroll context;' +
        '2: using [from] is not allowed in a scroll context;3: [search_after] cannot be used in a scroll context;' +
        '4: cannot use `collapse` in a scroll context;5: [from] parameter must be set to 0 when [search_after] is used;' +
        '6: [request_cache] cannot be used in a scroll context;',
    )
  })

  it('refuses a batch over index.max_result_window on each shard, and a from with its scroll message', async () => {
    const cluster = await numbers(1)
    const reason =
      'Batch size is too large, size must be less than or equal to: [10000] but was [10001]. Scroll batch sizes ' +
      'cost as much memory as result windows so they are controlled by the [index.max_result_window] index level ' +
      'setting.'
    const batch = await cluster.send(1, 'POST', '/idx/_search?scroll=1m', { size: 10_001 })
    const cause = `{"type":"illegal_argument_exception","reason":"${reason}"}`
    const node = (JSON.parse(batch.body) as { error: { failed_shards: Array<{ node: string }> } }).error
      .failed_shards[0]!.node
    expect(batch.status).toBe(400)
    expect(batch.body).toBe(
      `{"error":{"root_cause":[${cause}],"type":"search_phase_execution_exception","reason":"all shards failed",` +
        `"phase":"query","grouped":true,"failed_shards":[{"shard":0,"index":"idx","node":"${node}","reason":${cause}}],` +
        `"caused_by":{"type":"illegal_argument_exception","reason":"${reason}","caused_by":${cause}}},"status":400}`,
    )
    const from = await cluster.send(1, 'POST', '/idx/_search?scroll=1m', { from: 1, size: 10_000 })
    expect(errorOf(from).reason).toBe(
      'Validation Failed: 1: using [from] is not allowed in a scroll context;',
    )
    const window = await cluster.send(1, 'POST', '/idx/_search', { from: 1, size: 10_000 })
    expect(errorOf(window).root_cause[0]!.reason).toContain('Result window is too large, from + size must be')
    expect((await cluster.send(1, 'POST', '/none*/_search', { from: 1, size: 10_000 })).status).toBe(200)
  })

  it('answers a scroll over no shard with 503 no nodes to search on', async () => {
    const cluster = await numbers(1)
    const first = (await cluster.json(1, 'GET', '/blah*/_search?scroll=1m')) as Page
    expect(first._scroll_id).toBe('FGluY2x1ZGVfY29udGV4dF91dWlkDnF1ZXJ5VGhlbkZldGNoAA==')
    const page = await cluster.send(1, 'POST', '/_search/scroll', { scroll_id: first._scroll_id })
    expect(page.status).toBe(503)
    expect(page.body).toBe(
      '{"error":{"root_cause":[],"type":"search_phase_execution_exception","reason":"no nodes to search on",' +
        '"phase":"query","grouped":true,"failed_shards":[]},"status":503}',
    )
  })

  it('reads body values as SearchScrollRequest and ClearScrollRequest parse them', async () => {
    const cluster = await numbers(1)
    const wrongType = (token: string, key = 'scroll_id') =>
      `Unknown parameter [${key}] in request body or parameter is of the wrong type[${token}] `
    const page = (body: object) => cluster.send(1, 'POST', '/_search/scroll', body)
    expect(errorOf(await page({ scroll_id: 12 })).reason).toBe(wrongType('VALUE_NUMBER'))
    expect(errorOf(await page({ scroll_id: true })).reason).toBe(wrongType('VALUE_BOOLEAN'))
    expect(errorOf(await page({ scroll_id: null })).reason).toBe(wrongType('VALUE_NULL'))
    expect(errorOf(await page({ scroll: {} })).reason).toBe(wrongType('START_OBJECT', 'scroll'))
    const clear = (body: object) => cluster.send(1, 'DELETE', '/_search/scroll', body)
    expect(errorOf(await clear({ scroll_id: 12 })).reason).toBe('Cannot parse scroll id')
    expect(errorOf(await clear({ scroll_id: {} })).reason).toBe(
      'scroll_id element should only contain scroll_id',
    )
    expect(errorOf(await clear({ scroll_id: ['a', {}] })).reason).toBe(
      'scroll_id array element should only contain scroll_id',
    )
    expect(errorOf(await clear({ other: 1 })).reason).toBe(wrongType('VALUE_NUMBER', 'other'))
    const first = (await cluster.json(1, 'POST', '/idx/_search?scroll=1m', { size: 1 })) as Page
    const empty = await cluster.send(1, 'DELETE', `/_search/scroll/${first._scroll_id}`, {})
    expect(errorOf(empty).reason).toBe('Validation Failed: 1: no scroll ids specified;')
  })

  it('frees the contexts of an index when it closes', async () => {
    const cluster = await numbers(2)
    const first = (await cluster.json(1, 'POST', '/idx/_search?scroll=1m', { size: 1 })) as Page
    await cluster.json(1, 'POST', '/idx/_close')
    await cluster.json(1, 'POST', '/idx/_open')
    const page = await cluster.send(1, 'POST', '/_search/scroll', { scroll_id: first._scroll_id })
    expect(page.status).toBe(404)
    expect(page.body).toContain('"caused_by":{"type":"search_context_missing_exception"')
  })
})

describe('scroll id', () => {
  it('round-trips TransportSearchHelper bytes', () => {
    const contexts = [
      { node: 'node-a', sessionId: 'Ab-_12', id: 1 },
      { node: 'node-b', sessionId: 'Ab-_12', id: 2 ** 40 + 5 },
    ]
    const id = buildScrollId(contexts, 3)
    expect(id.startsWith('FGluY2x1ZGVfY29udGV4dF91dWlk')).toBe(true)
    expect(parseScrollId(id)).toEqual({ type: 'queryThenFetch', contexts })
    // One shard (a failed one included) names queryAndFetch; no shard, queryThenFetch (as ES's empty scroll id).
    expect(parseScrollId(buildScrollId(contexts.slice(0, 1), 1)).type).toBe('queryAndFetch')
    expect(buildScrollId([], 0)).toBe('FGluY2x1ZGVfY29udGV4dF91dWlkDnF1ZXJ5VGhlbkZldGNoAA==')
  })

  it('formats keep alives as TimeValue.toString', () => {
    expect([86_400_000, 5_400_000, 120_000, 1500, 7, 0].map((ms) => humanReadableMillis(ms, 1))).toEqual([
      '1d',
      '1.5h',
      '2m',
      '1.5s',
      '7ms',
      '0s',
    ])
  })
})
