/**
 * The shard level of AnalyzeIndexDiskUsageAction (`indices:admin/analyze_disk_usage[s]`), on its own transport
 * channel `disk_usage` as ES gives each action its own handler name:
 * - the data node: with `flush` (the default) the copy is refreshed and flushed and the commit stored first
 *   (acquireLastIndexCommit(flush)); then every segment's files are analyzed (index-disk-usage-analyzer.ts). A copy
 *   this node does not hold started is answered `unavailable`.
 * - the coordinating node: each shard's request goes to an active copy, the primary first, then the replicas
 *   (TransportBroadcastAction tries the next copy when one fails); null when none answers.
 * Fields cross as entries (a plain structure any transport clones).
 */
import type { Clock } from '../../net/clock.ts'
import type { Transport } from '../../net/transport.ts'
import type { ClusterState } from '../cluster/state/cluster-state.ts'
import { isActive } from '../cluster/state/shard-routing.ts'
import type { IndicesService } from '../indices/indices-service.ts'
import { leafFields } from '../index/mapper/mapping.ts'
import {
  analyzeDiskUsage,
  type IndexDiskUsageStats,
  type PerFieldDiskUsage,
} from '../index/shard/index-disk-usage-analyzer.ts'

export const DISK_USAGE_CHANNEL = 'disk_usage'

export interface DiskUsageShardRequest {
  index: string
  uuid: string
  shard: number
  flush: boolean
}

export type DiskUsageShardResponse =
  | {
      type: 'disk_usage'
      storeSizeInBytes: number
      fields: Array<[string, PerFieldDiskUsage]>
    }
  | { type: 'unavailable'; reason: string }

export type DiskUsageTransport = Transport<DiskUsageShardRequest, DiskUsageShardResponse>

const REQUEST_TIMEOUT_MS = 60_000

/** Serves the channel on a data node: analyzes the local copy a request names. */
export function serveDiskUsage(channel: DiskUsageTransport, indices: IndicesService, clock: Clock): void {
  channel.serve(async (_from, request) => {
    const index = indices.get(request.index)
    const shard = index?.metadata.uuid === request.uuid ? index.shards.get(request.shard) : undefined
    if (!index || !shard || !shard.recovered) return { type: 'unavailable', reason: 'no started copy here' }
    if (request.flush) {
      const now = clock.now()
      index.scheduledRefresh(now)
      shard.flush(now)
      await indices.committed(index.metadata.uuid, shard)
    }
    const vectors = new Set(
      [...leafFields(index.metadata.mapping)]
        .filter(([, f]) => f.type === 'dense_vector')
        .map(([name]) => name),
    )
    const stats = analyzeDiskUsage(shard.takeCommit(() => false).files, (field) => vectors.has(field))
    return { type: 'disk_usage', storeSizeInBytes: stats.storeSizeInBytes, fields: [...stats.fields] }
  })
}

/** One shard's analysis from an active copy, the primary first; null when no copy answers. */
export async function shardDiskUsage(
  channel: DiskUsageTransport,
  state: ClusterState,
  request: DiskUsageShardRequest,
): Promise<IndexDiskUsageStats | null> {
  const copies = (state.routingTable[request.index]?.[request.shard] ?? []).filter(isActive)
  copies.sort((a, b) => Number(b.primary) - Number(a.primary))
  for (const copy of copies) {
    const node = state.nodes.find((n) => n.id === copy.nodeId)
    if (!node) continue
    const response = await channel.request(node.address, request, REQUEST_TIMEOUT_MS).catch(() => null)
    if (response?.type === 'disk_usage') {
      return { storeSizeInBytes: response.storeSizeInBytes, fields: new Map(response.fields) }
    }
  }
  return null
}
