/**
 * DiskThresholdDecider (`disk_threshold`), as ES 8.17 words it, over the master's ClusterInfo (cluster-info.ts)
 * and the watermarks in force (disk-threshold-settings.ts):
 * - canAllocate: NO below the low watermark's free bytes, except for a new empty primary (its first allocation),
 *   which may go until the high watermark; NO when the copy's expected size would take the node below the high
 *   watermark; else YES with the node's free and used space;
 * - canRemain: NO while the node is below the high watermark's free bytes, so the balancer moves copies off it; a
 *   copy the info does not place on the node (reported after the last refresh) may remain.
 * Both answer YES at once when the decider is disabled or no node reported its disk. A node missing from the info
 * gets the average of the others (averageUsage). The free bytes subtract what incoming relocations will still
 * write (sizeOfUnaccountedShards), and canRemain adds back what relocations away will free. Percentages print
 * with Strings.format1Decimals and sizes as ByteSizeValue does.
 */
import type { DiscoveryNode } from '../state/discovery-node.ts'
import { isActive } from '../state/shard-routing.ts'
import { ByteSize, format1Decimals } from '../../rest/cat/byte-size.ts'
import {
  EMPTY_CLUSTER_INFO,
  freeDiskPercentage,
  hasDataPath,
  shardSize,
  type ClusterInfo,
  type DiskUsage,
} from './cluster-info.ts'
import { diskThresholds, type DiskThresholds } from './disk-threshold-settings.ts'
import type { AllocateDecider, Decision } from './allocation-deciders.ts'
import type { RoutingAllocation } from './routing-allocation.ts'

const decider = 'disk_threshold'

/** DiskThresholdDecider.averageUsage: a node that reported nothing is taken to be an average node. */
function averageUsage(node: DiscoveryNode, usages: ReadonlyMap<string, DiskUsage>): DiskUsage {
  let totalBytes = 0
  let freeBytes = 0
  for (const usage of usages.values()) {
    totalBytes += usage.totalBytes
    freeBytes += usage.freeBytes
  }
  const count = usages.size
  return {
    nodeId: node.id,
    nodeName: node.name,
    path: '_na_',
    totalBytes: Math.trunc(totalBytes / count),
    freeBytes: Math.trunc(freeBytes / count),
  }
}

/**
 * sizeOfUnaccountedShards: the expected sizes of the relocations into the node (their targets initialize there),
 * less, when `subtractMovingAway`, the sizes of the node's copies relocating away that the info places on it.
 */
function sizeOfUnaccountedShards(
  allocation: RoutingAllocation,
  info: ClusterInfo,
  node: DiscoveryNode,
  subtractMovingAway: boolean,
): number {
  let total = 0
  for (const copy of allocation.all()) {
    if (copy.state !== 'RELOCATING') continue
    if (copy.relocatingNodeId === node.id) total += shardSize(info, copy, 0)
    else if (subtractMovingAway && copy.nodeId === node.id && hasDataPath(info, node.id, copy))
      total -= shardSize(info, copy, 0)
  }
  return total
}

interface NodeDisk {
  readonly totalBytes: number
  readonly freeBytes: number
  /** DiskUsageWithRelocations.getUsedDiskAsPercentage. */
  readonly usedPercent: number
}

function nodeDisk(
  allocation: RoutingAllocation,
  info: ClusterInfo,
  node: DiscoveryNode,
  subtractMovingAway: boolean,
): NodeDisk {
  const usage = info.diskUsages.get(node.id) ?? averageUsage(node, info.diskUsages)
  const freeBytes = usage.freeBytes - sizeOfUnaccountedShards(allocation, info, node, subtractMovingAway)
  const totalBytes = usage.totalBytes
  return { totalBytes, freeBytes, usedPercent: 100 - freeDiskPercentage({ totalBytes, freeBytes }) }
}

/** earlyTerminate: the decider's answer before any node's disk is looked at, or null to go on. */
function earlyTerminate(allocation: RoutingAllocation): Decision | null {
  if (!diskThresholds(allocation.state).enabled)
    return { decider, type: 'YES', explanation: 'the disk threshold decider is disabled' }
  if (clusterInfoOf(allocation).diskUsages.size === 0)
    return { decider, type: 'YES', explanation: 'disk usages are unavailable' }
  return null
}

const clusterInfoOf = (allocation: RoutingAllocation): ClusterInfo =>
  allocation.context.clusterInfo ?? EMPTY_CLUSTER_INFO
const percent = (value: number): string => format1Decimals(value, '%')
const bytes = (value: number): string => new ByteSize(value).toString()

/** canAllocate's NO for a node below the free bytes a watermark asks for. */
function aboveWatermark(stage: 'low' | 'high', thresholds: DiskThresholds, disk: NodeDisk): Decision {
  const { totalBytes, freeBytes, usedPercent } = disk
  return {
    decider,
    type: 'NO',
    explanation:
      `the node is above the ${stage} watermark cluster setting [${thresholds.describe(stage, totalBytes, true)}], ` +
      `having less than the minimum required [${bytes(thresholds.freeBytesThreshold(stage, totalBytes))}] free ` +
      `space, actual free: [${bytes(freeBytes)}], actual used: [${percent(usedPercent)}]`,
  }
}

export const diskThresholdCanAllocate: AllocateDecider = (allocation, copy, node) => {
  const early = earlyTerminate(allocation)
  if (early) return early
  const info = clusterInfoOf(allocation)
  const thresholds = diskThresholds(allocation.state)
  const disk = nodeDisk(allocation, info, node, false)
  const { totalBytes, freeBytes, usedPercent } = disk
  if (freeBytes < 0) {
    const relocating = sizeOfUnaccountedShards(allocation, info, node, false)
    return {
      decider,
      type: 'NO',
      explanation:
        'the node has fewer free bytes remaining than the total size of all incoming shards: ' +
        `free space [${freeBytes + relocating}B], relocating shards [${relocating}B]`,
    }
  }
  const lowFree = thresholds.freeBytesThreshold('low', totalBytes)
  const highFree = thresholds.freeBytesThreshold('high', totalBytes)
  const newEmptyPrimary = copy.primary && !isActive(copy) && copy.recoverySource === 'EMPTY_STORE'
  if (freeBytes < lowFree) {
    if (!newEmptyPrimary) {
      return aboveWatermark('low', thresholds, disk)
    }
    if (freeBytes > highFree) {
      return {
        decider,
        type: 'YES',
        explanation:
          'the node is above the low watermark, but less than the high watermark, and this primary shard has ' +
          'never been allocated before',
      }
    }
    return aboveWatermark('high', thresholds, disk)
  }
  // getExpectedShardSize with a default of 0 (a resized index's first copy, whose source shards ES sums, is 0 here)
  const size = shardSize(info, copy, 0)
  const freeAfter = freeBytes - size
  if (freeAfter < highFree) {
    return {
      decider,
      type: 'NO',
      explanation:
        'allocating the shard to this node will bring the node above the high watermark cluster setting ' +
        `[${thresholds.describe('high', totalBytes, true)}] and cause it to have less than the minimum required ` +
        `[${bytes(highFree)}] of free space (free: [${bytes(freeBytes)}], used: [${percent(usedPercent)}], ` +
        `estimated shard size: [${bytes(size)}])`,
    }
  }
  return {
    decider,
    type: 'YES',
    explanation:
      `enough disk for shard on node, free: [${bytes(freeBytes)}], used: [${percent(usedPercent)}], ` +
      `shard size: [${bytes(size)}], free after allocating shard: [${bytes(freeAfter)}]`,
  }
}

export const diskThresholdCanRemain: AllocateDecider = (allocation, copy, node) => {
  const early = earlyTerminate(allocation)
  if (early) return early
  const info = clusterInfoOf(allocation)
  const thresholds = diskThresholds(allocation.state)
  const { totalBytes, freeBytes, usedPercent } = nodeDisk(allocation, info, node, true)
  if (!info.diskUsages.has(node.id) || !hasDataPath(info, node.id, copy)) {
    return {
      decider,
      type: 'YES',
      explanation: 'this shard is not allocated on the most utilized disk and can remain',
    }
  }
  if (freeBytes < 0) {
    const relocating = sizeOfUnaccountedShards(allocation, info, node, true)
    return {
      decider,
      type: 'NO',
      explanation:
        'the shard cannot remain on this node because the node has fewer free bytes remaining than the total ' +
        `size of all incoming shards: free space [${freeBytes + relocating}], relocating shards [${relocating}]`,
    }
  }
  const highFree = thresholds.freeBytesThreshold('high', totalBytes)
  if (freeBytes < highFree) {
    return {
      decider,
      type: 'NO',
      explanation:
        'the shard cannot remain on this node because it is above the high watermark cluster setting ' +
        `[${thresholds.describe('high', totalBytes, true)}] and there is less than the required ` +
        `[${bytes(highFree)}] free space on node, actual free: [${bytes(freeBytes)}], actual used: ` +
        `[${percent(usedPercent)}]`,
    }
  }
  return {
    decider,
    type: 'YES',
    explanation: `there is enough disk on this node for the shard to remain, free: [${bytes(freeBytes)}]`,
  }
}
