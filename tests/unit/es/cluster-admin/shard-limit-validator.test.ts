// ShardLimitValidator on a three-node cluster with cluster.max_shards_per_node = 1 (3 copies allowed): a
// number_of_replicas increase through `PUT idx/_settings` counts (new - old replicas) × shards per named index, open
// or closed, a decrease subtracts; `POST idx/_open` counts every copy of the closed indices it reopens. A refusal is
// ES 8.17's ValidationException text and 400, and nothing it asked for is applied.
import { describe, expect, it } from 'vitest'
import { clusterWithIndex, errorBody } from './cluster-admin-fixture.ts'
import type { TestCluster } from '../cluster/es-cluster-fixture.ts'

const DOCS =
  'https://www.elastic.co/guide/en/elasticsearch/reference/8.17/size-your-shards.html#troubleshooting-max-shards-open'

function limitError(add: number, open: number, max: number): unknown {
  return errorBody(
    'validation_exception',
    `Validation Failed: 1: this action would add [${add}] shards, but this cluster currently has ` +
      `[${open}]/[${max}] maximum normal shards open; for more information, see ${DOCS};`,
    400,
  )
}

/** A three-node cluster holding idx (1 primary, 1 replica: 2 copies) with room for 3 copies. */
async function limitedCluster(): Promise<TestCluster> {
  const { cluster } = await clusterWithIndex(3)
  await cluster.json(1, 'PUT', '/_cluster/settings', {
    persistent: { 'cluster.max_shards_per_node': 1 },
  })
  return cluster
}

async function replicas(cluster: TestCluster, index: string): Promise<string> {
  const response = await cluster.send(
    1,
    'GET',
    `/${index}/_settings/index.number_of_replicas?flat_settings=true`,
  )
  const body = JSON.parse(response.body) as Record<string, { settings: Record<string, string> }>
  return body[index]!.settings['index.number_of_replicas']!
}

async function indexState(cluster: TestCluster, index: string): Promise<string> {
  const response = await cluster.send(1, 'GET', `/_cat/indices/${index}?h=status&expand_wildcards=all`)
  return response.body.trim()
}

describe('ShardLimitValidator on a replica update', () => {
  it('refuses the copies over the limit and keeps number_of_replicas as it was', async () => {
    const cluster = await limitedCluster()
    const fits = await cluster.send(1, 'PUT', '/idx/_settings', { index: { number_of_replicas: 2 } })
    expect(fits.body).toBe('{"acknowledged":true}')
    const refused = await cluster.send(1, 'PUT', '/idx/_settings', { index: { number_of_replicas: 4 } })
    expect(refused.status).toBe(400)
    expect(JSON.parse(refused.body)).toEqual(limitError(2, 3, 3))
    expect(await replicas(cluster, 'idx')).toBe('2')
    await cluster.settle()
    const copies = await cluster.send(1, 'GET', '/_cat/shards/idx?h=prirep')
    expect(copies.body.trim().split('\n')).toHaveLength(3)
  })

  it('lets a decrease through over the limit and sums the changes of every index named', async () => {
    const cluster = await limitedCluster()
    await cluster.json(1, 'PUT', '/_cluster/settings', { persistent: { 'cluster.max_shards_per_node': 2 } })
    await cluster.json(1, 'PUT', '/b', { settings: { number_of_shards: 2, number_of_replicas: 0 } })
    await cluster.json(1, 'PUT', '/_cluster/settings', { persistent: { 'cluster.max_shards_per_node': 1 } })
    // 4 copies open, 3 allowed: idx kept at 1 replica (0) and b up to 1 (+2) add 2
    const refused = await cluster.send(1, 'PUT', '/idx,b/_settings', { number_of_replicas: 1 })
    expect(JSON.parse(refused.body)).toEqual(limitError(2, 4, 3))
    const lowered = await cluster.send(1, 'PUT', '/idx/_settings', { number_of_replicas: 0 })
    expect(lowered.body).toBe('{"acknowledged":true}')
    const mixed = await cluster.send(1, 'PUT', '/idx,b/_settings', { number_of_replicas: 1 })
    expect(JSON.parse(mixed.body)).toEqual(limitError(3, 3, 3))
    expect(await replicas(cluster, 'b')).toBe('0')
    expect(await replicas(cluster, 'idx')).toBe('0')
  })

  it('counts a closed index whose replicas grow, though its copies are not open', async () => {
    const cluster = await limitedCluster()
    expect((await cluster.send(1, 'POST', '/idx/_close')).status).toBe(200)
    const refused = await cluster.send(1, 'PUT', '/idx/_settings', { number_of_replicas: 5 })
    expect(JSON.parse(refused.body)).toEqual(limitError(4, 0, 3))
    const fits = await cluster.send(1, 'PUT', '/idx/_settings', { number_of_replicas: 4 })
    expect(fits.body).toBe('{"acknowledged":true}')
  })
})

describe('ShardLimitValidator on open', () => {
  it('refuses to reopen a closed index whose copies are over the limit, and leaves it closed', async () => {
    const cluster = await limitedCluster()
    expect((await cluster.send(1, 'POST', '/idx/_close')).status).toBe(200)
    await cluster.json(1, 'PUT', '/second', { settings: { number_of_replicas: 1 } })
    const refused = await cluster.send(1, 'POST', '/idx/_open')
    expect(refused.status).toBe(400)
    expect(JSON.parse(refused.body)).toEqual(limitError(2, 2, 3))
    expect(await indexState(cluster, 'idx')).toBe('close')
    await cluster.json(1, 'PUT', '/second/_settings', { number_of_replicas: 0 })
    const opened = await cluster.send(1, 'POST', '/idx,second/_open')
    expect(opened.body).toBe('{"acknowledged":true,"shards_acknowledged":true}')
    expect(await indexState(cluster, 'idx')).toBe('open')
  })
})
