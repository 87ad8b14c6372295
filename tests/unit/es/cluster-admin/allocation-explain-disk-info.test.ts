// GET /_cluster/allocation/explain?include_disk_info=true writes the ClusterInfo the deciders read under
// `cluster_info`, after `current_node` (ClusterAllocationExplanation.toXContent), as ES 8.17's
// ClusterInfo.toXContentChunked and DiskUsage.toShortXContent write it: each node's least and most available data
// path, the shard sizes by copy kind, the data set sizes by shard, each copy's data path under NodeAndShard's record
// text, and each node's reserved space (0 bytes: no recovery left to copy); `?human` adds each byte count's text
// before it. Without the flag there is no `cluster_info`.
import { describe, expect, it } from 'vitest'
import { clusterWithIndex, type AdminCluster } from './cluster-admin-fixture.ts'

const GIB = 1024 ** 3
const PATH = '/usr/share/elasticsearch/data'
const EXPLAIN = '/_cluster/allocation/explain'
const PRIMARY = { index: 'idx', shard: 0, primary: true }

/** Two nodes, idx's primary and replica started, one document in them; each copy's store size. */
async function twoCopies(): Promise<AdminCluster & { storeBytes: number }> {
  const admin = await clusterWithIndex(2, { settings: { number_of_shards: 1, number_of_replicas: 1 } })
  await admin.cluster.json(1, 'PUT', '/idx/_doc/1?refresh', { a: 1 })
  const cat = (await admin.cluster.json(1, 'GET', '/_cat/shards?bytes=b&format=json&h=store')) as Array<{
    store: string
  }>
  expect(new Set(cat.map((row) => row.store)).size).toBe(1)
  return { ...admin, storeBytes: Number(cat[0]!.store) }
}

function diskUsage(storeBytes: number, human: boolean): object {
  const total = 100 * GIB
  const used = 20 * GIB + storeBytes
  return {
    path: PATH,
    ...(human ? { total: '100gb' } : {}),
    total_bytes: total,
    ...(human ? { used: '20gb' } : {}),
    used_bytes: used,
    ...(human ? { free: '79.9gb' } : {}),
    free_bytes: total - used,
    free_disk_percent: 80,
    used_disk_percent: 20,
  }
}

describe('_cluster/allocation/explain include_disk_info', () => {
  it('writes the cluster info after current_node, in the node answer order', async () => {
    const { cluster, ids, storeBytes } = await twoCopies()
    const answer = await cluster.send(1, 'GET', `${EXPLAIN}?include_disk_info=true`, PRIMARY)
    expect(answer.status).toBe(200)
    const body = JSON.parse(answer.body) as Record<string, unknown>
    expect(Object.keys(body).slice(0, 6)).toEqual([
      'index',
      'shard',
      'primary',
      'current_state',
      'current_node',
      'cluster_info',
    ])
    const node1 = ids.get('es-node-1')!
    const node2 = ids.get('es-node-2')!
    const nodeIds = Object.keys((body.cluster_info as { nodes: object }).nodes)
    expect(nodeIds.sort()).toEqual([node1, node2].sort())
    const disk = diskUsage(storeBytes, false)
    expect(body.cluster_info).toEqual({
      nodes: Object.fromEntries(
        nodeIds.map((id) => [
          id,
          {
            node_name: id === node1 ? 'es-node-1' : 'es-node-2',
            least_available: disk,
            most_available: disk,
          },
        ]),
      ),
      shard_sizes: { '[idx][0][p]_bytes': storeBytes, '[idx][0][r]_bytes': storeBytes },
      shard_data_set_sizes: { '[idx][0]_bytes': storeBytes },
      shard_paths: Object.fromEntries(
        nodeIds.map((id) => [`NodeAndShard[nodeId=${id}, shardId=[idx][0]]`, PATH]),
      ),
      reserved_sizes: nodeIds.map((id) => ({ node_id: id, path: PATH, total: 0, shards: ['[idx][0]'] })),
    })
    // the percentages are doubles, each byte count a long
    expect(answer.body).toContain(
      `"free_bytes":${100 * GIB - 20 * GIB - storeBytes},"free_disk_percent":80.0,"used_disk_percent":20.0}`,
    )
  })

  it('with ?human writes each byte count as text first', async () => {
    const { cluster, storeBytes } = await twoCopies()
    const answer = await cluster.send(1, 'GET', `${EXPLAIN}?include_disk_info=true&human`, PRIMARY)
    const info = (JSON.parse(answer.body) as { cluster_info: { nodes: object; shard_sizes: object } })
      .cluster_info
    const [node] = Object.values(info.nodes) as Array<{ least_available: object }>
    expect(node!.least_available).toEqual(diskUsage(storeBytes, true))
    expect(Object.keys(node!.least_available)).toEqual(Object.keys(diskUsage(storeBytes, true)))
    expect(info.shard_sizes).toEqual({
      '[idx][0][p]': `${storeBytes}b`,
      '[idx][0][p]_bytes': storeBytes,
      '[idx][0][r]': `${storeBytes}b`,
      '[idx][0][r]_bytes': storeBytes,
    })
  })

  it('writes no cluster_info without the flag', async () => {
    const { cluster } = await twoCopies()
    for (const query of ['', '?include_disk_info=false']) {
      const body = JSON.parse((await cluster.send(1, 'GET', EXPLAIN + query, PRIMARY)).body) as object
      expect(body).not.toHaveProperty('cluster_info')
    }
  })
})
