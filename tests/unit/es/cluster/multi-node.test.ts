// Three real EsNodes as one cluster: a master elected by the nodes, indices created on the master and
// published, primaries and replicas on different nodes, writes acknowledged by every in-sync copy, reads and
// searches from any node, and a node failure: yellow, the replica promoted with the next primary term, no
// acknowledged document lost; the node's return brings the cluster back to green.
import { describe, expect, it } from 'vitest'
import { startCluster, type TestCluster } from './es-cluster-fixture.ts'

interface CatShard {
  index: string
  shard: string
  prirep: string
  state: string
  docs: string | null
  node: string | null
}

async function shards(cluster: TestCluster, from = 1): Promise<CatShard[]> {
  return (await cluster.json(
    from,
    'GET',
    '/_cat/shards?format=json&h=index,shard,prirep,state,docs,node',
  )) as CatShard[]
}

async function health(cluster: TestCluster, from = 1): Promise<{ status: string; number_of_nodes: number }> {
  return (await cluster.json(from, 'GET', '/_cluster/health')) as { status: string; number_of_nodes: number }
}

describe('a three-node cluster', () => {
  it('forms with one master every node knows, and answers GET / from every node', async () => {
    const cluster = await startCluster(3)
    const states = cluster.nodes.describeStates()
    expect(states.filter((state) => state.master)).toHaveLength(1)
    const master = states.find((state) => state.master)!.nodeName
    expect(states.map((state) => state.masterName)).toEqual([master, master, master])
    const roots = await Promise.all([1, 2, 3].map((id) => cluster.json(id, 'GET', '/')))
    expect(roots.map((root) => (root as { name: string }).name)).toEqual([
      'es-node-1',
      'es-node-2',
      'es-node-3',
    ])
    const uuids = new Set(roots.map((root) => (root as { cluster_uuid: string }).cluster_uuid))
    expect(uuids.size).toBe(1)
    expect((await health(cluster, 2)).number_of_nodes).toBe(3)
  })

  it('places a primary and its replica on two different nodes and turns green once the replica started', async () => {
    const cluster = await startCluster(3)
    await cluster.json(2, 'PUT', '/logs', { settings: { number_of_shards: 3, number_of_replicas: 1 } })
    await cluster.json(1, 'GET', '/_cluster/health?wait_for_status=green&timeout=30s')
    const table = await shards(cluster, 3)
    expect(table).toHaveLength(6)
    for (const shard of ['0', '1', '2']) {
      const copies = table.filter((row) => row.shard === shard)
      expect(copies.map((row) => row.prirep).sort()).toEqual(['p', 'r'])
      expect(copies.every((row) => row.state === 'STARTED')).toBe(true)
      expect(new Set(copies.map((row) => row.node)).size).toBe(2)
    }
    expect((await health(cluster)).status).toBe('green')
  })

  it('acknowledges a write once both copies hold it; any node reads it back and searches it', async () => {
    const cluster = await startCluster(3)
    await cluster.json(1, 'PUT', '/books', { settings: { number_of_shards: 2, number_of_replicas: 1 } })
    await cluster.json(1, 'GET', '/_cluster/health/books?wait_for_status=green')
    const written = (await cluster.json(3, 'PUT', '/books/_doc/1?refresh=true', { title: 'Dune' })) as {
      _shards: unknown
    }
    expect(written._shards).toEqual({ total: 2, successful: 2, failed: 0 })
    for (const id of [1, 2, 3]) {
      const got = (await cluster.json(id, 'GET', '/books/_doc/1')) as { _source: unknown }
      expect(got._source).toEqual({ title: 'Dune' })
    }
    for (let i = 2; i <= 20; i++)
      await cluster.json(1 + (i % 3), 'PUT', `/books/_doc/${i}`, { title: `Book ${i}` })
    await cluster.json(2, 'POST', '/books/_refresh')
    const counts = await Promise.all([1, 2, 3].map((id) => cluster.json(id, 'GET', '/books/_count')))
    expect(counts).toEqual(
      [1, 2, 3].map(() => ({ count: 20, _shards: { total: 2, successful: 2, skipped: 0, failed: 0 } })),
    )
    const found = (await cluster.json(2, 'GET', '/books/_search?q=title:dune')) as {
      hits: { hits: Array<{ _id: string }> }
    }
    expect(found.hits.hits.map((hit) => hit._id)).toEqual(['1'])
    const table = await shards(cluster)
    const docs = table.filter((row) => row.prirep === 'p').reduce((sum, row) => sum + Number(row.docs), 0)
    expect(docs).toBe(20)
    for (const shard of ['0', '1']) {
      const copies = table.filter((row) => row.shard === shard)
      expect(copies[0]!.docs).toBe(copies[1]!.docs)
    }
  })

  it('loses no acknowledged document when the node with a primary dies: yellow, promotion, then green again', async () => {
    const cluster = await startCluster(3)
    await cluster.json(1, 'PUT', '/orders', { settings: { number_of_shards: 1, number_of_replicas: 1 } })
    await cluster.json(1, 'GET', '/_cluster/health/orders?wait_for_status=green')
    for (let i = 1; i <= 10; i++) await cluster.json(1 + (i % 3), 'PUT', `/orders/_doc/${i}`, { n: i })
    const before = await shards(cluster)
    const primaryNode = before.find((row) => row.prirep === 'p')!.node!
    const victim = Number(primaryNode.replace('es-node-', ''))
    const survivor = [1, 2, 3].find((id) => id !== victim)!
    await cluster.nodes.kill(victim)
    const yellow = (await cluster.json(
      survivor,
      'GET',
      '/_cluster/health?wait_for_status=yellow&wait_for_nodes=2&timeout=60s',
    )) as { status: string; timed_out: boolean }
    expect(yellow).toMatchObject({ status: 'yellow', timed_out: false })
    const after = await shards(cluster, survivor)
    const promoted = after.find((row) => row.prirep === 'p')!
    expect(promoted.state).toBe('STARTED')
    expect(promoted.node).not.toBe(primaryNode)
    const write = (await cluster.json(survivor, 'PUT', '/orders/_doc/11', { n: 11 })) as {
      _primary_term: number
    }
    expect(write._primary_term).toBe(2)
    await cluster.json(survivor, 'POST', '/orders/_refresh')
    expect(await cluster.json(survivor, 'GET', '/orders/_count')).toMatchObject({ count: 11 })
    await cluster.nodes.start(victim)
    const green = (await cluster.json(
      survivor,
      'GET',
      '/_cluster/health?wait_for_status=green&wait_for_nodes=3&timeout=60s',
    )) as {
      status: string
    }
    expect(green.status).toBe('green')
    const healed = await shards(cluster, survivor)
    expect(healed.map((row) => row.docs)).toEqual(['11', '11'])
  })

  it('answers wait_for_no_initializing_shards after a full restart once no copy is still recovering', async () => {
    const cluster = await startCluster(3)
    await cluster.json(1, 'PUT', '/logs', { settings: { number_of_shards: 3, number_of_replicas: 1 } })
    await cluster.json(1, 'PUT', '/logs/_doc/1?refresh=true', { n: 1 })
    for (const id of [1, 2, 3]) await cluster.nodes.stop(id)
    for (const id of [1, 2, 3]) await cluster.nodes.start(id)
    const waited = (await cluster.json(
      1,
      'GET',
      '/_cluster/health?wait_for_status=yellow&wait_for_no_initializing_shards=true&timeout=60s',
    )) as { timed_out: boolean; initializing_shards: number; unassigned_primary_shards: number }
    expect(waited).toMatchObject({ timed_out: false, initializing_shards: 0, unassigned_primary_shards: 0 })
    const states = new Set((await shards(cluster, 2)).map((row) => row.state))
    expect(states.has('INITIALIZING')).toBe(false)
    for (const id of [1, 2, 3]) {
      expect(await cluster.json(id, 'GET', '/logs/_doc/1')).toMatchObject({ found: true })
    }
  })

  it('comes back whole after a full cluster restart: routing is recovered from the copies on disk', async () => {
    const cluster = await startCluster(3)
    await cluster.json(1, 'PUT', '/logs', { settings: { number_of_shards: 2, number_of_replicas: 1 } })
    for (let i = 1; i <= 8; i++) await cluster.json(1 + (i % 3), 'PUT', `/logs/_doc/${i}`, { n: i })
    for (const id of [1, 2, 3]) await cluster.nodes.stop(id)
    for (const id of [1, 2, 3]) await cluster.nodes.start(id)
    // Each node answers from its own applied state: wait until every one of them has applied the recovered routing.
    for (const id of [2, 1, 3]) {
      const health = (await cluster.json(
        id,
        'GET',
        '/_cluster/health/logs?wait_for_status=green&timeout=60s',
      )) as {
        status: string
      }
      expect(health.status).toBe('green')
    }
    await cluster.json(3, 'POST', '/logs/_refresh')
    expect(await cluster.json(1, 'GET', '/logs/_count')).toMatchObject({ count: 8 })
    const written = (await cluster.json(3, 'PUT', '/logs/_doc/9', { n: 9 })) as { _primary_term: number }
    expect(written._primary_term).toBe(2)
  })
})
