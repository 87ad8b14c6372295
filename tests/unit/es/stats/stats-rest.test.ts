// _stats and _nodes/stats on a started cluster: every counter is a count of what the copies did (indexing,
// gets, query phases, refreshes, flushes, merges), primaries apart from all copies; the metric filter, the
// levels, and ES's errors for unknown metrics and levels.
import { describe, expect, it } from 'vitest'
import { startCluster, type TestCluster } from '../cluster/es-cluster-fixture.ts'

async function books(replicas: number, nodes: number): Promise<TestCluster> {
  const c = await startCluster(nodes)
  await c.settle()
  await c.json(1, 'PUT', '/books', { settings: { number_of_shards: 1, number_of_replicas: replicas } })
  await c.json(1, 'GET', '/_cluster/health?wait_for_status=green')
  return c
}

type Stats = Record<string, Record<string, number>>

describe('_stats', () => {
  it('counts the operations of the copies', async () => {
    const c = await books(0, 1)
    await c.json(1, 'PUT', '/books/_doc/1', { t: 'a b' })
    await c.json(1, 'PUT', '/books/_doc/2?refresh=true', { t: 'a' })
    await c.json(1, 'PUT', '/books/_doc/1?refresh=true', { t: 'a c' })
    await c.send(1, 'DELETE', '/books/_doc/9')
    await c.json(1, 'GET', '/books/_doc/1')
    await c.send(1, 'GET', '/books/_doc/9')
    await c.json(1, 'GET', '/books/_search?q=a')
    await c.json(1, 'POST', '/books/_forcemerge?max_num_segments=1')
    const body = (await c.json(1, 'GET', '/books/_stats')) as {
      _shards: object
      _all: { primaries: Stats; total: Stats }
      indices: { books: { uuid: string; health: string; status: string; primaries: Stats } }
    }
    expect(body._shards).toEqual({ total: 1, successful: 1, failed: 0 })
    const stats = body._all.primaries
    expect(body._all.total).toEqual(stats)
    expect(body.indices.books).toMatchObject({ health: 'green', status: 'open', primaries: stats })
    expect(stats.docs).toEqual({ count: 2, deleted: 0 })
    expect(stats.shard_stats).toEqual({ total_count: 1 })
    expect(stats.indexing).toEqual({ index_total: 3, delete_total: 1 })
    expect(stats.get).toEqual({ total: 2, exists_total: 1, missing_total: 1 })
    expect(stats.search).toEqual({ open_contexts: 0, query_total: 1 })
    // The merge of the two refreshed segments (3 documents, one of them deleted) into one, committed.
    expect(stats.merges).toMatchObject({ total: 1, total_docs: 3 })
    expect(stats.segments).toEqual({ count: 1 })
    expect(stats.flush!.total).toBeGreaterThanOrEqual(1)
    expect(stats.refresh!.total).toBeGreaterThanOrEqual(2)
    expect(Object.keys(stats)).toEqual([
      'docs',
      'shard_stats',
      'store',
      'indexing',
      'get',
      'search',
      'merges',
      'refresh',
      'flush',
      'segments',
    ])
  })

  it('flush counts every commit, periodic those the translog age started (FlushStats)', async () => {
    const c = await books(0, 1)
    const flush = async (): Promise<unknown> =>
      ((await c.json(1, 'GET', '/books/_stats/flush')) as { _all: { primaries: Stats } })._all.primaries.flush
    expect(await flush()).toEqual({ total: 0, periodic: 0 })
    await c.json(1, 'POST', '/books/_flush')
    expect(await flush()).toEqual({ total: 1, periodic: 0 })
    // a write more than flush_threshold_age after the last commit flushes periodically
    await c.sleep(61_000)
    await c.json(1, 'PUT', '/books/_doc/1', { t: 'a' })
    await c.sleep(100)
    expect(await flush()).toEqual({ total: 2, periodic: 1 })
  })

  it('a force flush must wait if another is ongoing (FlushRequest.validate)', async () => {
    const c = await books(0, 1)
    const response = await c.send(1, 'POST', '/books/_flush?force=true&wait_if_ongoing=false')
    expect(response.status).toBe(400)
    expect(JSON.parse(response.body)).toMatchObject({
      error: {
        type: 'action_request_validation_exception',
        reason: 'Validation Failed: 1: wait_if_ongoing must be true for a force flush;',
      },
    })
    expect((await c.send(1, 'POST', '/books/_flush?force=true')).status).toBe(200)
  })

  it('sums primaries apart from all copies, and shows each copy at level=shards', async () => {
    const c = await books(1, 3)
    await c.json(1, 'PUT', '/books/_doc/1?refresh=true', { t: 'a' })
    const body = (await c.json(1, 'GET', '/_stats/docs,indexing?level=shards')) as {
      _shards: object
      _all: { primaries: Stats; total: Stats }
      indices: { books: { shards: { '0': Array<{ routing: { primary: boolean }; seq_no: object }> } } }
    }
    expect(body._shards).toEqual({ total: 2, successful: 2, failed: 0 })
    expect(body._all).toEqual({
      primaries: { docs: { count: 1, deleted: 0 }, indexing: { index_total: 1, delete_total: 0 } },
      total: { docs: { count: 2, deleted: 0 }, indexing: { index_total: 2, delete_total: 0 } },
    })
    const copies = body.indices.books.shards['0']
    expect(copies.map((copy) => copy.routing.primary).sort()).toEqual([false, true])
    expect(copies.find((copy) => copy.routing.primary)!.seq_no).toEqual({
      max_seq_no: 0,
      local_checkpoint: 0,
      global_checkpoint: 0,
    })
    const cluster = (await c.json(1, 'GET', '/_stats/store?level=cluster')) as object
    expect(Object.keys(cluster)).toEqual(['_shards', '_all'])
  })

  it('writes no group for a sum of no started copy, as ES sums none', async () => {
    const c = await startCluster(1)
    await c.json(1, 'PUT', '/_cluster/settings', {
      persistent: { 'cluster.routing.allocation.enable': 'none' },
    })
    await c.json(1, 'PUT', '/empty?wait_for_active_shards=0', {
      settings: { number_of_shards: 1, number_of_replicas: 0 },
    })
    expect(await c.json(1, 'GET', '/empty/_stats')).toEqual({
      _shards: { total: 1, successful: 0, failed: 0 },
      _all: { primaries: {}, total: {} },
      indices: {},
    })
  })

  it('refuses unknown metrics and levels as ES does', async () => {
    const c = await books(0, 1)
    const reason = async (path: string): Promise<string> =>
      (JSON.parse((await c.send(1, 'GET', path)).body) as { error: { reason: string } }).error.reason
    expect(await reason('/_stats/doc')).toBe(
      'request [/_stats/doc] contains unrecognized metric: [doc] -> did you mean [docs]?',
    )
    expect(await reason('/books/_stats/_all,docs')).toBe(
      'request [/books/_stats/_all,docs] contains _all and individual metrics [_all,docs]',
    )
    expect(await reason('/_stats?level=node')).toBe(
      'level parameter must be one of [cluster] or [indices] or [shards] but was [node]',
    )
    expect(await reason('/nope/_stats')).toBe('no such index [nope]')
  })
})

describe('_nodes/stats', () => {
  it('answers every node with the statistics of the copies it holds', async () => {
    const c = await books(2, 3)
    await c.json(1, 'PUT', '/books/_doc/1?refresh=true', { t: 'a' })
    const body = (await c.json(1, 'GET', '/_nodes/stats')) as {
      _nodes: object
      cluster_name: string
      nodes: Record<string, { name: string; indices: Stats }>
    }
    expect(body._nodes).toEqual({ total: 3, successful: 3, failed: 0 })
    expect(body.cluster_name).toBe('docker-cluster')
    const nodes = Object.values(body.nodes)
    expect(nodes.map((node) => node.name).sort()).toEqual(['es-node-1', 'es-node-2', 'es-node-3'])
    for (const node of nodes) {
      expect(node.indices.docs).toEqual({ count: 1, deleted: 0 })
      expect(node.indices.indexing).toEqual({ index_total: 1, delete_total: 0 })
    }
    const one = (await c.json(1, 'GET', '/_nodes/_local/stats/indices/docs?level=indices')) as {
      nodes: Record<string, { name: string; indices: object }>
    }
    expect(Object.values(one.nodes)).toEqual([
      expect.objectContaining({
        name: 'es-node-1',
        indices: { docs: { count: 1, deleted: 0 }, indices: { books: { docs: { count: 1, deleted: 0 } } } },
      }),
    ])
    // A node without a copy writes its groups with zeros (NodeIndicesStats starts from the flags).
    await c.json(1, 'PUT', '/books/_settings', { index: { number_of_replicas: 0 } })
    await c.settle()
    const zeros = (await c.json(1, 'GET', '/_nodes/stats/indices/docs')) as {
      nodes: Record<string, { indices: object }>
    }
    expect(Object.values(zeros.nodes).map((node) => node.indices)).toContainEqual({
      docs: { count: 0, deleted: 0 },
    })
    const jvm = (await c.json(1, 'GET', '/_nodes/stats/jvm')) as { nodes: Record<string, object> }
    expect(Object.values(jvm.nodes).every((node) => !('indices' in node))).toBe(true)
  })

  it('refuses unknown metrics as ES does', async () => {
    const c = await books(0, 1)
    const reason = async (path: string): Promise<string> =>
      (JSON.parse((await c.send(1, 'GET', path)).body) as { error: { reason: string } }).error.reason
    expect(await reason('/_nodes/stats/indice')).toBe(
      'request [/_nodes/stats/indice] contains unrecognized metric: [indice] -> did you mean [indices]?',
    )
    expect(await reason('/_nodes/stats/jvm/docs')).toBe(
      'request [/_nodes/stats/jvm/docs] contains index metrics [docs] but indices stats not requested',
    )
    expect(await reason('/_nodes/stats/indices/doc,bogus')).toBe(
      'request [/_nodes/stats/indices/doc,bogus] contains unrecognized index metrics: [bogus], [doc] -> did you mean [docs]?',
    )
  })
})
