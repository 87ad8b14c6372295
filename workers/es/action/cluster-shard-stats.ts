/**
 * The statistics of every started shard copy in the cluster, keyed by allocation id, gathered with one
 * request per node (as IndicesStatsAction's broadcast by node does); a node that does not answer leaves
 * its copies out.
 */
import { ByteSize } from '../rest/cat/byte-size.ts'
import type { CopyStats } from '../rest/cat/shard-stats.ts'
import type { RestContext } from '../rest/rest-context.ts'

export async function collectShardStats(context: RestContext): Promise<Map<string, CopyStats>> {
  const stats = new Map<string, CopyStats>()
  for (const response of await context.client.eachNode({ type: 'shard_stats' })) {
    if (response.type !== 'shard_stats') continue
    for (const shard of response.shards) {
      stats.set(shard.allocationId, {
        docs: shard.docs,
        deleted: shard.deleted,
        store: new ByteSize(shard.storeBytes),
        local: shard,
      })
    }
  }
  return stats
}
