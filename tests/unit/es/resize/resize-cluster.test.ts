// Resizing on a three-node cluster: a split target's primaries start where their source shard's primary is
// (ResizeAllocationDecider), their replicas then recover from them by peer recovery; a shrink needs one node
// holding a copy of every source shard (validateShrinkIndex) and starts there (the initial recovery filter).
import { describe, expect, it } from 'vitest'
import { startCluster } from '../cluster/es-cluster-fixture.ts'
import { jsonAt } from '../indices/json-at.ts'

interface ShardRow {
  index: string
  shard: string
  prirep: string
  state: string
  node: string
}

async function shards(c: Awaited<ReturnType<typeof startCluster>>, index: string): Promise<ShardRow[]> {
  const rows = (await c.json(
    1,
    'GET',
    `/_cat/shards/${index}?format=json&h=index,shard,prirep,state,node`,
  )) as ShardRow[]
  return rows
}

describe('resize on a cluster', () => {
  it('puts each split primary beside its source primary, then replicates it: green', async () => {
    const c = await startCluster(3)
    await c.send(1, 'PUT', '/src', { settings: { number_of_shards: 2, number_of_replicas: 0 } })
    for (let i = 0; i < 20; i++) await c.send(1, 'PUT', `/src/_doc/${i}`, { n: i })
    await c.send(1, 'PUT', '/src/_settings', { 'index.blocks.write': true })
    const split = await c.send(2, 'POST', '/src/_split/dst', { settings: { 'index.number_of_shards': 4 } })
    expect(split.body).toBe('{"acknowledged":true,"shards_acknowledged":true,"index":"dst"}')
    await c.settle()
    const source = await shards(c, 'src')
    const target = await shards(c, 'dst')
    for (const row of target.filter((r) => r.prirep === 'p')) {
      const from = source.find((s) => s.shard === String(Math.floor(Number(row.shard) / 2)))!
      expect(row.node).toBe(from.node)
    }
    expect(target.filter((r) => r.state === 'STARTED')).toHaveLength(8)
    expect(jsonAt((await c.send(3, 'GET', '/_cluster/health/dst')).body, 'status')).toBe('green')
    expect(jsonAt((await c.send(3, 'GET', '/dst/_count')).body, 'count')).toBe(20)
    const recovery = (await c.json(1, 'GET', '/_cat/recovery/dst?format=json&h=s,ty')) as Array<{
      ty: string
    }>
    expect(recovery.map((r) => r.ty).sort()).toEqual([
      'local_shards',
      'local_shards',
      'local_shards',
      'local_shards',
      'peer',
      'peer',
      'peer',
      'peer',
    ])
  })

  it('refuses to shrink while no node holds every shard', async () => {
    const c = await startCluster(3)
    await c.send(1, 'PUT', '/src', { settings: { number_of_shards: 3, number_of_replicas: 0 } })
    await c.settle()
    await c.send(1, 'PUT', '/src/_settings', { 'index.blocks.write': true })
    const nodes = new Set((await shards(c, 'src')).map((r) => r.node))
    expect(nodes.size).toBeGreaterThan(1)
    const shrink = await c.send(1, 'POST', '/src/_shrink/one')
    expect(shrink.status).toBe(500)
    expect(jsonAt(shrink.body, 'error', 'reason')).toBe(
      'index src must have all shards allocated on the same node to shrink index',
    )
  })
})
