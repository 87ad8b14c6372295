/**
 * The index the scroll and point-in-time tests page through: `idx` on a 3-node cluster with `shards` primaries
 * and no replicas, documents 1..count each holding `n` equal to its id, refreshed.
 */
import { clusterWithIndex } from '../cluster-admin/cluster-admin-fixture.ts'
import type { TestCluster } from '../cluster/es-cluster-fixture.ts'

export async function numbers(shards: number, count = 7): Promise<TestCluster> {
  const { cluster } = await clusterWithIndex(3, {
    settings: { number_of_shards: shards, number_of_replicas: 0 },
    mappings: { properties: { n: { type: 'integer' } } },
  })
  for (let n = 1; n <= count; n++) await cluster.json(1, 'PUT', `/idx/_doc/${n}`, { n })
  await cluster.json(1, 'POST', '/idx/_refresh')
  return cluster
}
