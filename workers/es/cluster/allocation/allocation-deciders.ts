/**
 * The allocation deciders this cluster applies, as ES's AllocationDeciders: each answers whether a shard
 * copy may go to a node, and the first NO wins.
 * - ReplicaAfterPrimaryActiveAllocationDecider: a replica waits until its primary is active.
 * - SameShardAllocationDecider: never two copies of one shard on one node.
 * Only data nodes are offered (DataTierAllocationDecider's effect for role-less tiers).
 */
import type { DiscoveryNode } from '../state/discovery-node.ts'
import { isActive, type ShardRouting } from '../state/shard-routing.ts'
import type { RoutingAllocation } from './routing-allocation.ts'

export type DeciderName = 'replica_after_primary_active' | 'same_shard'

/** The name of the first decider that says NO, or null for YES. */
export function canAllocate(
  allocation: RoutingAllocation,
  copy: ShardRouting,
  node: DiscoveryNode,
): DeciderName | null {
  const copies = allocation.copies(copy.index, copy.shard)
  if (!copy.primary && !copies.some((c) => c.primary && isActive(c))) return 'replica_after_primary_active'
  if (copies.some((c) => c !== copy && (c.nodeId === node.id || c.relocatingNodeId === node.id)))
    return 'same_shard'
  return null
}
