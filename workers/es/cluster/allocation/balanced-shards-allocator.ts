/**
 * The balancer's choice of node, as ES's BalancedShardsAllocator weighs it:
 *   weight(node, index) = θshard · (shards(node) − avgShardsPerNode) + θindex · (shards(node, index) − avgShardsPerNode(index))
 * with cluster.routing.allocation.balance.shard 0.45 and .index 0.55, normalised to sum to 1. A copy
 * goes to the allowed node of least weight; ties go to the smaller node id (deterministic). Counted
 * copies are every assigned one (INITIALIZING, STARTED, RELOCATING). Rebalancing of started shards is not
 * done.
 */
import type { DiscoveryNode } from '../state/discovery-node.ts'
import type { RoutingAllocation } from './routing-allocation.ts'

const SHARD_BALANCE = 0.45
const INDEX_BALANCE = 0.55
const THETA_SHARD = SHARD_BALANCE / (SHARD_BALANCE + INDEX_BALANCE)
const THETA_INDEX = INDEX_BALANCE / (SHARD_BALANCE + INDEX_BALANCE)

export function nodeWeight(allocation: RoutingAllocation, node: DiscoveryNode, index: string): number {
  const nodes = allocation.dataNodes.length
  const assigned = allocation.all().filter((copy) => copy.nodeId !== null)
  const onNode = assigned.filter((copy) => copy.nodeId === node.id)
  const avgShards = assigned.length / nodes
  const avgIndexShards = assigned.filter((copy) => copy.index === index).length / nodes
  return (
    THETA_SHARD * (onNode.length - avgShards) +
    THETA_INDEX * (onNode.filter((copy) => copy.index === index).length - avgIndexShards)
  )
}

/** The least-weighted of `candidates` for a copy of `index`, or null when there is none. */
export function chooseNode(
  allocation: RoutingAllocation,
  index: string,
  candidates: readonly DiscoveryNode[],
): DiscoveryNode | null {
  let best: DiscoveryNode | null = null
  let bestWeight = Infinity
  for (const node of [...candidates].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const weight = nodeWeight(allocation, node, index)
    if (weight < bestWeight) {
      best = node
      bestWeight = weight
    }
  }
  return best
}
