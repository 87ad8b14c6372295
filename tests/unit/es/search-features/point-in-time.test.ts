// Points in time as ES 8.17 runs them: POST {index}/_pit opens a reader context per shard and answers the id with
// `_shards`; `_search` with `pit` reads the frozen views (a later write is not seen), answers `pit_id`, pages with
// search_after over the implicit `_shard_doc` tiebreaker; DELETE _pit frees the contexts (404 with succeeded false
// once nothing is left); the id has SearchContextId's bytes; ES's validation errors.
import { describe, expect, it } from 'vitest'
import type { TestCluster } from '../cluster/es-cluster-fixture.ts'
import { numbers } from './numbers-index.ts'
import {
  decodeSearchContextId,
  encodeSearchContextId,
} from '../../../../workers/es/search/context/search-context-id.ts'
import { javaHashOrder, javaStringHashCode } from '../../../../workers/net/java-hash.ts'

interface Page {
  pit_id?: string
  hits: { total: { value: number }; hits: Array<{ _id: string; sort?: number[] }> }
}

async function openPit(cluster: TestCluster): Promise<string> {
  const opened = (await cluster.json(1, 'POST', '/idx/_pit?keep_alive=1m')) as { id: string }
  return opened.id
}

function errorOf(response: { body: string }): { type: string; reason: string } {
  return (JSON.parse(response.body) as { error: { type: string; reason: string } }).error
}

describe('point in time', () => {
  it('opens with the id and _shards, and its id decodes to one context per shard', async () => {
    const cluster = await numbers(3)
    const opened = (await cluster.json(1, 'POST', '/idx/_pit?keep_alive=1m')) as Record<string, unknown>
    expect(Object.keys(opened)).toEqual(['id', '_shards'])
    expect(opened._shards).toEqual({ total: 3, successful: 3, skipped: 0, failed: 0 })
    const decoded = decodeSearchContextId(opened.id as string)
    expect(decoded.shards.map((s) => s.shard).sort()).toEqual([0, 1, 2])
    expect(decoded.aliasFilters).toHaveLength(1)
    expect(encodeSearchContextId(decoded)).toBe(opened.id)
  })

  it('pages with search_after over the implicit _shard_doc tiebreaker, and does not see later writes', async () => {
    const cluster = await numbers(2)
    const id = await openPit(cluster)
    await cluster.json(1, 'PUT', '/idx/_doc/99?refresh=true', { n: 0 })
    await cluster.json(1, 'DELETE', '/idx/_doc/1?refresh=true')
    const seen: string[] = []
    let after: number[] | undefined
    for (;;) {
      const page = (await cluster.json(1, 'POST', '/_search', {
        size: 3,
        sort: [{ n: 'asc' }],
        pit: { id, keep_alive: '1m' },
        ...(after ? { search_after: after } : {}),
      })) as Page
      expect(Object.keys(page)[0]).toBe('pit_id')
      expect(page.hits.total.value).toBe(7)
      if (page.hits.hits.length === 0) break
      for (const hit of page.hits.hits) expect(hit.sort).toHaveLength(2)
      seen.push(...page.hits.hits.map((h) => h._id))
      after = page.hits.hits[page.hits.hits.length - 1]!.sort
    }
    expect(seen).toEqual(['1', '2', '3', '4', '5', '6', '7'])
  })

  it('sorts by _shard_doc: the shard position times 2^32 plus the doc id', async () => {
    const cluster = await numbers(2, 4)
    const id = await openPit(cluster)
    const page = (await cluster.json(1, 'POST', '/_search', { pit: { id }, sort: ['_shard_doc'] })) as Page
    const values = page.hits.hits.map((h) => h.sort![0]!)
    expect(values).toEqual([...values].sort((a, b) => a - b))
    expect(values.some((v) => v >= 2 ** 32)).toBe(true)
    expect(values.every((v) => v % 2 ** 32 < 4)).toBe(true)
  })

  it('refuses an index in the path, scroll, _shard_doc without pit, and keep_alive missing', async () => {
    const cluster = await numbers(1, 2)
    const id = await openPit(cluster)
    const withIndex = await cluster.send(1, 'POST', '/idx/_search', { pit: { id } })
    expect(withIndex.status).toBe(400)
    expect(errorOf(withIndex).reason).toBe(
      'Validation Failed: 1: [indices] cannot be used with point in time. Do not specify any index with point in time.;',
    )
    const scroll = await cluster.send(1, 'POST', '/_search?scroll=1m', { pit: { id } })
    expect(errorOf(scroll).reason).toBe(
      'Validation Failed: 1: using [point in time] is not allowed in a scroll context;',
    )
    const shardDoc = await cluster.send(1, 'POST', '/idx/_search', { sort: ['_shard_doc'] })
    expect(errorOf(shardDoc).reason).toBe(
      'Validation Failed: 1: [_shard_doc] sort field cannot be used without [point in time];',
    )
    const noKeepAlive = await cluster.send(1, 'POST', '/idx/_pit')
    expect(noKeepAlive.status).toBe(400)
    expect(errorOf(noKeepAlive).reason).toBe('Validation Failed: 1: [keep_alive] is not specified;')
  })

  it('fails a whole _msearch whose pit item names an index; refuses ccs_minimize_roundtrips', async () => {
    const cluster = await numbers(1, 2)
    const id = await openPit(cluster)
    const item = JSON.stringify({ pit: { id } })
    const good = await cluster.send(1, 'POST', '/_msearch', `{}\n${item}\n`)
    expect(JSON.parse(good.body)).toMatchObject({ responses: [{ status: 200 }] })
    const named = await cluster.send(1, 'POST', '/_msearch', `{}\n${item}\n{"index":"idx"}\n${item}\n`)
    expect(named.status).toBe(400)
    expect(errorOf(named).reason).toBe(
      'Validation Failed: 1: [indices] cannot be used with point in time. Do not specify any index with point in time.;',
    )
    const ccs = await cluster.send(1, 'POST', '/_search?ccs_minimize_roundtrips=true', { pit: { id } })
    expect(errorOf(ccs).reason).toBe(
      'Validation Failed: 1: [ccs_minimize_roundtrips] cannot be used with point in time;',
    )
  })

  it('closes: num_freed per shard, then 404 with succeeded false; a freed id is search_context_missing', async () => {
    const cluster = await numbers(2, 3)
    const id = await openPit(cluster)
    const closed = await cluster.send(1, 'DELETE', '/_pit', { id })
    expect(closed.status).toBe(200)
    expect(JSON.parse(closed.body)).toEqual({ succeeded: true, num_freed: 2 })
    const again = await cluster.send(1, 'DELETE', '/_pit', { id })
    expect(again.status).toBe(404)
    expect(JSON.parse(again.body)).toEqual({ succeeded: false, num_freed: 0 })
    const search = await cluster.send(1, 'POST', '/_search', { pit: { id } })
    expect(search.status).toBe(404)
    expect(search.body).toContain('search_context_missing_exception')
  })

  it('answers a freed context per shard, without caused_by (the shard failure is its own cause)', async () => {
    const cluster = await numbers(1, 2)
    await cluster.json(1, 'GET', '/idx/_search')
    const id = await openPit(cluster)
    const reader = decodeSearchContextId(id).shards[0]!.reader
    expect(reader.id).toBe(2)
    await cluster.send(1, 'DELETE', '/_pit', { id })
    const search = await cluster.send(1, 'POST', '/_search', { pit: { id } })
    const cause = '{"type":"search_context_missing_exception","reason":"No search context found for id [2]"}'
    expect(search.status).toBe(404)
    expect(search.body).toBe(
      `{"error":{"root_cause":[${cause}],"type":"search_phase_execution_exception","reason":"all shards failed",` +
        `"phase":"query","grouped":true,"failed_shards":[{"shard":0,"index":"idx","node":"${reader.node}",` +
        `"reason":${cause}}]},"status":404}`,
    )
  })

  it('is freed when its index closes (SearchService.afterIndexRemoved)', async () => {
    const cluster = await numbers(2, 3)
    const id = await openPit(cluster)
    await cluster.json(1, 'POST', '/idx/_close')
    await cluster.json(1, 'POST', '/idx/_open')
    const search = await cluster.send(1, 'POST', '/_search', { pit: { id } })
    expect(search.status).toBe(404)
    expect(errorOf(search).type).toBe('search_phase_execution_exception')
  })

  it('expires after its keep alive', async () => {
    const cluster = await numbers(1, 2)
    const id = await openPit(cluster)
    await cluster.sleep(3 * 60_000)
    const search = await cluster.send(1, 'POST', '/_search', { pit: { id } })
    expect(search.status).toBe(404)
  })

  it('orders map entries as java.util.HashMap does', () => {
    expect(javaStringHashCode('idx')).toBe(104_125)
    const keys = ['a', 'q', 'b']
    expect(javaHashOrder(keys, javaStringHashCode)).toEqual(['a', 'q', 'b'])
    expect(javaHashOrder(['q', 'a'], javaStringHashCode)).toEqual(['q', 'a'])
  })
})
