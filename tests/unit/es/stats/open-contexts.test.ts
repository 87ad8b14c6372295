// SearchStats' open_contexts in _stats and _nodes/stats: each shard copy counts the scroll and point-in-time
// reader contexts open on it; freeing them (clear scroll, closing the point in time, the end of a by-query or
// reindex run) brings the count back to 0.
import { describe, expect, it } from 'vitest'
import { startCluster, type TestCluster } from '../cluster/es-cluster-fixture.ts'

type SearchGroup = { open_contexts: number; query_total: number }

async function openContexts(c: TestCluster, index: string): Promise<number> {
  const body = (await c.json(1, 'GET', `/${index}/_stats/search`)) as {
    indices: Record<string, { total: { search: SearchGroup } }>
  }
  return body.indices[index]!.total.search.open_contexts
}

async function twoShards(): Promise<TestCluster> {
  const c = await startCluster(1)
  await c.settle()
  await c.json(1, 'PUT', '/books', { settings: { number_of_shards: 2, number_of_replicas: 0 } })
  await c.json(1, 'GET', '/_cluster/health?wait_for_status=green')
  for (const id of ['1', '2', '3']) await c.json(1, 'PUT', `/books/_doc/${id}`, { t: 'a' })
  await c.json(1, 'POST', '/books/_refresh')
  return c
}

describe('open_contexts', () => {
  it('counts a scroll context per shard until the scroll is cleared', async () => {
    const c = await twoShards()
    expect(await openContexts(c, 'books')).toBe(0)
    const page = (await c.json(1, 'POST', '/books/_search?scroll=1m', { size: 1 })) as { _scroll_id: string }
    expect(await openContexts(c, 'books')).toBe(2)
    const search = (await c.json(1, 'GET', '/books/_stats/search')) as {
      indices: { books: { total: { search: object } } }
    }
    expect(Object.keys(search.indices.books.total.search)).toEqual(['open_contexts', 'query_total'])
    await c.json(1, 'DELETE', '/_search/scroll', { scroll_id: page._scroll_id })
    expect(await openContexts(c, 'books')).toBe(0)
  })

  it('counts a point in time, in _nodes/stats too', async () => {
    const c = await twoShards()
    const pit = (await c.json(1, 'POST', '/books/_pit?keep_alive=1m')) as { id: string }
    expect(await openContexts(c, 'books')).toBe(2)
    const nodes = (await c.json(1, 'GET', '/_nodes/stats/indices/search')) as {
      nodes: Record<string, { indices: { search: SearchGroup } }>
    }
    expect(Object.values(nodes.nodes).map((node) => node.indices.search.open_contexts)).toEqual([2])
    await c.json(1, 'DELETE', '/_pit', { id: pit.id })
    expect(await openContexts(c, 'books')).toBe(0)
  })

  it('is 0 once a reindex has finished with its source', async () => {
    const c = await twoShards()
    await c.json(1, 'POST', '/_reindex', { source: { index: 'books', size: 1 }, dest: { index: 'copy' } })
    expect(await openContexts(c, 'books')).toBe(0)
  })
})
