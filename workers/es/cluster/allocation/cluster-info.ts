/**
 * ClusterInfo and DiskUsage (ES 8.17) over the playground's disk model. A browser has no disk to measure, so
 * every node has one data path of NODE_DISK_TOTAL (100gb) of which DISK_USED_BY_OTHERS (20gb) is taken by
 * everything but Elasticsearch; the rest of its used bytes are the store bytes of the shard copies it holds (the
 * `_cat` store model, rest/cat/shard-stats.ts). `_cat/allocation`, the disk allocation decider, the disk
 * threshold monitor and the disk health indicator all read this one model.
 *
 * Invariants: a node is in `diskUsages` only when it answered the stats request the info was built from (ES's
 * InternalClusterInfoService leaves out nodes that fail); `shardSizes` is keyed by shardSizeKey, one entry per
 * copy kind (primary or replica) as ClusterInfo.shardIdentifierFromRouting keys it; `shardDataSetSizes` is keyed
 * by ShardId.toString (`[index][shard]`), the largest data set of the shard's copies (a copy's data set is its
 * store: the playground has no searchable snapshots); `shardPaths` is keyed by `<nodeId>/<index>/<shard>`, one
 * entry per copy a node reported (ClusterInfo.dataPath: where a copy's data is, always the node's one data path).
 * Every reported copy reserves 0 bytes (its stats' `reserved_in_bytes`: no recovery is left to copy), so the
 * reserved space of a node's data path lists the shards it holds with a total of 0.
 */
import type { DiscoveryNode } from '../state/discovery-node.ts'
import type { ShardRouting } from '../state/shard-routing.ts'

const GIB = 1024 ** 3
export const NODE_DISK_TOTAL = 100 * GIB
export const DISK_USED_BY_OTHERS = 20 * GIB
/** The node's one data path, as DiskUsage.path reports it. */
export const NODE_DATA_PATH = '/usr/share/elasticsearch/data'

/** DiskUsage: one path's total and free bytes on one node. */
export interface DiskUsage {
  readonly nodeId: string
  readonly nodeName: string
  readonly path: string
  readonly totalBytes: number
  readonly freeBytes: number
}

/** ClusterInfo.NodeAndShard: a shard copy on a node. */
export interface NodeAndShard {
  readonly nodeId: string
  readonly index: string
  readonly shard: number
}

export interface ClusterInfo {
  readonly diskUsages: ReadonlyMap<string, DiskUsage>
  readonly shardSizes: ReadonlyMap<string, number>
  readonly shardDataSetSizes: ReadonlyMap<string, number>
  readonly shardPaths: ReadonlyMap<string, NodeAndShard>
}

export const EMPTY_CLUSTER_INFO: ClusterInfo = {
  diskUsages: new Map(),
  shardSizes: new Map(),
  shardDataSetSizes: new Map(),
  shardPaths: new Map(),
}

/** The disk usage of a node whose shard copies hold `indicesBytes`. */
export function nodeDiskUsage(node: DiscoveryNode, indicesBytes: number): DiskUsage {
  return {
    nodeId: node.id,
    nodeName: node.name,
    path: NODE_DATA_PATH,
    totalBytes: NODE_DISK_TOTAL,
    freeBytes: NODE_DISK_TOTAL - DISK_USED_BY_OTHERS - indicesBytes,
  }
}

/** DiskUsage.getFreeDiskAsPercentage: 100 for an empty disk. */
export function freeDiskPercentage(usage: { totalBytes: number; freeBytes: number }): number {
  return usage.totalBytes === 0 ? 100 : (100 * usage.freeBytes) / usage.totalBytes
}

/** ShardId.toString: `[index][shard]`. */
export function shardIdString(index: string, shard: number): string {
  return `[${index}][${shard}]`
}

/** ClusterInfo.shardIdentifierFromRouting's key: `[index][shard][p|r]`. */
export function shardSizeKey(index: string, shard: number, primary: boolean): string {
  return `${shardIdString(index, shard)}[${primary ? 'p' : 'r'}]`
}

/** ClusterInfo.getShardSize(ShardRouting, default): the size reported for the copy's kind (primary or replica). */
export function shardSize(info: ClusterInfo, copy: ShardRouting, defaultValue: number): number {
  return info.shardSizes.get(shardSizeKey(copy.index, copy.shard, copy.primary)) ?? defaultValue
}

/** ClusterInfo.getDataPath(ShardRouting) on node `nodeId`: whether that node reported holding the copy. */
export function hasDataPath(info: ClusterInfo, nodeId: string, copy: ShardRouting): boolean {
  return info.shardPaths.has(`${nodeId}/${copy.index}/${copy.shard}`)
}

/** A node's answer to the stats request: the copies it holds, each with its store bytes. */
export interface NodeShardStores {
  readonly node: DiscoveryNode
  readonly shards: ReadonlyArray<{ index: string; shard: number; allocationId: string; storeBytes: number }>
}

/**
 * InternalClusterInfoService's refresh result: each answering node's disk usage and each copy kind's largest
 * store size (a primary is known by its allocation id in the routing table of `primaryAllocationIds`).
 */
export function buildClusterInfo(
  answers: readonly NodeShardStores[],
  primaryAllocationIds: ReadonlySet<string>,
): ClusterInfo {
  const diskUsages = new Map<string, DiskUsage>()
  const shardSizes = new Map<string, number>()
  const shardDataSetSizes = new Map<string, number>()
  const shardPaths = new Map<string, NodeAndShard>()
  for (const { node, shards } of answers) {
    let indicesBytes = 0
    for (const shard of shards) {
      indicesBytes += shard.storeBytes
      const key = shardSizeKey(shard.index, shard.shard, primaryAllocationIds.has(shard.allocationId))
      shardSizes.set(key, Math.max(shardSizes.get(key) ?? 0, shard.storeBytes))
      const id = shardIdString(shard.index, shard.shard)
      shardDataSetSizes.set(id, Math.max(shardDataSetSizes.get(id) ?? 0, shard.storeBytes))
      shardPaths.set(`${node.id}/${shard.index}/${shard.shard}`, {
        nodeId: node.id,
        index: shard.index,
        shard: shard.shard,
      })
    }
    diskUsages.set(node.id, nodeDiskUsage(node, indicesBytes))
  }
  return { diskUsages, shardSizes, shardDataSetSizes, shardPaths }
}
