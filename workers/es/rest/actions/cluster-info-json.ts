/**
 * ClusterInfo's XContent (ES 8.17 ClusterInfo.toXContentChunked, DiskUsage.toShortXContent), as
 * `_cluster/allocation/explain?include_disk_info=true` writes it under `cluster_info`:
 * - `nodes`: per node id, `node_name`, then its `least_available` and `most_available` disk usage (one data path, so
 *   both the same): `path`, `total_bytes`, `used_bytes`, `free_bytes` (with `?human` each byte count's text first,
 *   `total` / `used` / `free`), `free_disk_percent` and `used_disk_percent` rounded to one decimal as doubles;
 * - `shard_sizes`: `[index][shard][p|r]_bytes` per copy kind, `shard_data_set_sizes`: `[index][shard]_bytes` per
 *   shard (with `?human` the text under the key without `_bytes` first);
 * - `shard_paths`: per copy, NodeAndShard's record text `NodeAndShard[nodeId=<id>, shardId=[index][shard]]` and
 *   the data path;
 * - `reserved_sizes`: per node data path, `node_id`, `path`, `total` and the `[index][shard]` of its `shards`.
 * Entries follow the order the nodes answered in (ES's maps are Map.copyOf copies: their order is unspecified).
 */
import {
  NODE_DATA_PATH,
  freeDiskPercentage,
  shardIdString,
  type ClusterInfo,
  type DiskUsage,
} from '../../cluster/allocation/cluster-info.ts'
import { JavaDouble, type JsonOut } from '../../xcontent/index.ts'
import { ByteSize } from '../cat/byte-size.ts'

/** XContentBuilder.humanReadableField of a ByteSizeValue: with `human`, its text before the raw count. */
function byteSizeField(
  out: Map<string, JsonOut>,
  raw: string,
  readable: string,
  bytes: number,
  human: boolean,
) {
  if (human) out.set(readable, new ByteSize(bytes).toString())
  out.set(raw, bytes)
}

/** DiskUsage.truncatePercent: rounded to one decimal. */
function truncatePercent(percent: number): JavaDouble {
  return new JavaDouble(Math.round(percent * 10) / 10)
}

function diskUsageJson(usage: DiskUsage, human: boolean): JsonOut {
  const out = new Map<string, JsonOut>([['path', usage.path]])
  byteSizeField(out, 'total_bytes', 'total', usage.totalBytes, human)
  byteSizeField(out, 'used_bytes', 'used', usage.totalBytes - usage.freeBytes, human)
  byteSizeField(out, 'free_bytes', 'free', usage.freeBytes, human)
  const free = freeDiskPercentage(usage)
  out.set('free_disk_percent', truncatePercent(free))
  out.set('used_disk_percent', truncatePercent(100 - free))
  return out
}

function sizesJson(sizes: ReadonlyMap<string, number>, human: boolean): JsonOut {
  const out = new Map<string, JsonOut>()
  for (const [key, bytes] of sizes) byteSizeField(out, `${key}_bytes`, key, bytes, human)
  return out
}

export function clusterInfoJson(info: ClusterInfo, human: boolean): JsonOut {
  const nodes = new Map<string, JsonOut>()
  for (const [nodeId, usage] of info.diskUsages) {
    const disk = diskUsageJson(usage, human)
    nodes.set(nodeId, { node_name: usage.nodeName, least_available: disk, most_available: disk })
  }
  const shardPaths = new Map<string, JsonOut>()
  const reserved = new Map<string, string[]>()
  for (const { nodeId, index, shard } of info.shardPaths.values()) {
    const shardId = shardIdString(index, shard)
    shardPaths.set(`NodeAndShard[nodeId=${nodeId}, shardId=${shardId}]`, NODE_DATA_PATH)
    const shards = reserved.get(nodeId)
    if (shards === undefined) reserved.set(nodeId, [shardId])
    else shards.push(shardId)
  }
  return {
    nodes,
    shard_sizes: sizesJson(info.shardSizes, human),
    shard_data_set_sizes: sizesJson(info.shardDataSetSizes, human),
    shard_paths: shardPaths,
    reserved_sizes: [...reserved].map(([nodeId, shards]) => ({
      node_id: nodeId,
      path: NODE_DATA_PATH,
      total: 0,
      shards,
    })),
  }
}
