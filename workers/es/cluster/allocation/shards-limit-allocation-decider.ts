/**
 * ShardsLimitAllocationDecider (`shards_limit`), as ES 8.17 words it: a node may own at most
 * `cluster.routing.allocation.total_shards_per_node` shard copies in all (cluster-settings.ts) and at most the
 * index's `index.routing.allocation.total_shards_per_node` copies of one index (kept as text in
 * IndexMetadata.otherSettings, checked as an int >= -1 when set); -1, the default of both, or 0 means no limit.
 * - canAllocate: NO when the node already owns the limit (count >= limit), the cluster limit checked first;
 * - canRemain: NO when the node owns more than the limit (count > limit), so lowering a limit moves copies off.
 * A node owns its initializing and started copies and the targets of relocations to it, not the copies relocating
 * away (RoutingNode.numberOfOwningShards); the counts are read from the round's working routing, so each copy
 * allocated or moved in a round counts for the next decision.
 */
import type { IndexMetadata as ClusterIndexMetadata } from '../state/cluster-state.ts'
import type { DiscoveryNode } from '../state/discovery-node.ts'
import type { ShardRouting } from '../state/shard-routing.ts'
import { CLUSTER_TOTAL_SHARDS_PER_NODE, intSetting } from '../metadata/cluster-settings.ts'
import type { AllocateDecider, Decision } from './allocation-deciders.ts'
import { indexValue } from './enable-allocation-decider.ts'
import type { RoutingAllocation } from './routing-allocation.ts'

const decider = 'shards_limit'
export const INDEX_TOTAL_SHARDS_PER_NODE = 'index.routing.allocation.total_shards_per_node'

/** RoutingNode.numberOfOwningShards: of `copies`, those `nodeId` holds, a relocation counted on its target. */
export function owningShards(copies: readonly ShardRouting[], nodeId: string): ShardRouting[] {
  return copies.filter((copy) =>
    copy.state === 'RELOCATING' ? copy.relocatingNodeId === nodeId : copy.nodeId === nodeId,
  )
}

/** IndexMetadata.getShardsPerNodeLimit: the index's total_shards_per_node, -1 when unset. */
export function indexShardsPerNode(metadata: ClusterIndexMetadata): number {
  const own = indexValue(metadata, INDEX_TOTAL_SHARDS_PER_NODE)
  return own === undefined ? -1 : Number(own)
}

/** doDecide: `over` tells whether a count breaks a limit (>= to allocate, > to remain). */
function decide(
  allocation: RoutingAllocation,
  copy: ShardRouting,
  node: DiscoveryNode,
  over: (count: number, limit: number) => boolean,
): Decision {
  const indexLimit = indexShardsPerNode(allocation.metadata(copy.index))
  const clusterLimit = intSetting(allocation.state, CLUSTER_TOTAL_SHARDS_PER_NODE)
  if (indexLimit <= 0 && clusterLimit <= 0) {
    return {
      decider,
      type: 'YES',
      explanation: `total shard limits are disabled: [index: ${indexLimit}, cluster: ${clusterLimit}] <= 0`,
    }
  }
  const owned = owningShards(allocation.all(), node.id)
  if (clusterLimit > 0 && over(owned.length, clusterLimit)) {
    return {
      decider,
      type: 'NO',
      explanation:
        `too many shards [${owned.length}] allocated to this node, cluster setting ` +
        `[${CLUSTER_TOTAL_SHARDS_PER_NODE}=${clusterLimit}]`,
    }
  }
  if (indexLimit > 0) {
    const ofIndex = owned.filter((c) => c.index === copy.index).length
    if (over(ofIndex, indexLimit)) {
      return {
        decider,
        type: 'NO',
        explanation:
          `too many shards [${ofIndex}] allocated to this node for index [${copy.index}], index setting ` +
          `[${INDEX_TOTAL_SHARDS_PER_NODE}=${indexLimit}]`,
      }
    }
  }
  return {
    decider,
    type: 'YES',
    explanation:
      `the shard count [${owned.length}] for this node is under the index limit [${indexLimit}] and cluster ` +
      `level node limit [${clusterLimit}]`,
  }
}

export const shardsLimitCanAllocate: AllocateDecider = (allocation, copy, node) =>
  decide(allocation, copy, node, (count, limit) => count >= limit)

export const shardsLimitCanRemain: AllocateDecider = (allocation, copy, node) =>
  decide(allocation, copy, node, (count, limit) => count > limit)
