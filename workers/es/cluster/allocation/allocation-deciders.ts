/**
 * The allocation deciders this cluster applies, as ES's AllocationDeciders, in ES's decider order; each
 * answers with a Decision (type, decider name, explanation text as ES 8 words it), or null for Decision.ALWAYS
 * (a decider with nothing to say, never listed):
 * - ResizeAllocationDecider (`resize`, resize-allocation-decider.ts): a split or clone's primary goes where its
 *   source shard's primary is;
 * - ReplicaAfterPrimaryActiveAllocationDecider (`replica_after_primary_active`): a replica waits until its
 *   primary is active;
 * - RebalanceOnlyWhenActiveAllocationDecider (`rebalance_only_when_active`): a shard rebalances only once
 *   every copy of it is active;
 * - ClusterRebalanceAllocationDecider (`cluster_rebalance`): with cluster.routing.allocation.allow_rebalance
 *   `indices_all_active` (the default) nothing rebalances while any copy in the cluster is unassigned or
 *   initializing, with `indices_primaries_active` while any primary is, with `always` whatever the others are;
 * - ConcurrentRebalanceAllocationDecider (`concurrent_rebalance`): at most
 *   cluster.routing.allocation.cluster_concurrent_rebalance (2) relocations at once, else THROTTLE;
 * - EnableAllocationDecider (`enable`, enable-allocation-decider.ts): index.routing.allocation.enable, else
 *   cluster.routing.allocation.enable, for allocations; index.routing.rebalance.enable, else
 *   cluster.routing.rebalance.enable, for rebalancing;
 * - FilterAllocationDecider (`filter`, filter-allocation-decider.ts): the cluster's require/include/exclude
 *   node filters, for canAllocate and canRemain, and a shrunk index's initial recovery filter
 *   (resize-allocation-decider.ts) for canAllocate;
 * - SameShardAllocationDecider (`same_shard`): never two copies of one shard on one node;
 * - DiskThresholdDecider (`disk_threshold`, disk-threshold-decider.ts): the low and high disk watermarks against
 *   the master's ClusterInfo, for canAllocate and canRemain;
 * - ThrottlingAllocationDecider (`throttling`, throttling-decider.ts): a node's concurrent recoveries;
 * - ShardsLimitAllocationDecider (`shards_limit`, shards-limit-allocation-decider.ts): the cluster's and the
 *   index's total_shards_per_node, for canAllocate and canRemain.
 * Only data nodes are offered (DataTierAllocationDecider's effect for role-less tiers). `canAllocate` and
 * `canRebalance` collect every decider's decision, as AllocationDeciders does in debug mode; the verdict is
 * NO if any says NO, else THROTTLE if any throttles, else YES. The filter, disk_threshold and shards_limit
 * deciders answer `canRemain`.
 * `canRebalanceCluster` is AllocationDeciders.canRebalance(allocation), which the balancer asks before it
 * balances at all: cluster_rebalance, concurrent_rebalance and enable answer it for the whole cluster.
 */
import type { DiscoveryNode } from '../state/discovery-node.ts'
import { isActive, type ShardRouting } from '../state/shard-routing.ts'
import { shortSummary } from './shard-summary.ts'
import { throttling } from './throttling-decider.ts'
import { enableAllocation, enableRebalance, enableRebalanceCluster } from './enable-allocation-decider.ts'
import { filterAllocation } from './filter-allocation-decider.ts'
import { initialRecoveryFilter, resizeAllocation } from './resize-allocation-decider.ts'
import { shardsLimitCanAllocate, shardsLimitCanRemain } from './shards-limit-allocation-decider.ts'
import { diskThresholdCanAllocate, diskThresholdCanRemain } from './disk-threshold-decider.ts'
import type { RoutingAllocation } from './routing-allocation.ts'
import {
  ALLOW_REBALANCE,
  CLUSTER_CONCURRENT_REBALANCE,
  clusterRebalanceType,
  intSetting,
} from '../metadata/cluster-settings.ts'

export type DeciderName =
  | 'replica_after_primary_active'
  | 'rebalance_only_when_active'
  | 'cluster_rebalance'
  | 'concurrent_rebalance'
  | 'enable'
  | 'filter'
  | 'same_shard'
  | 'throttling'
  | 'resize'
  | 'shards_limit'
  | 'disk_threshold'

/** Decision.Type. */
export type DecisionType = 'NO' | 'THROTTLE' | 'YES'

/** Decision.Single: one decider's answer. */
export interface Decision {
  readonly decider: DeciderName
  readonly type: DecisionType
  readonly explanation: string
}

export type AllocateDecider = (
  allocation: RoutingAllocation,
  copy: ShardRouting,
  node: DiscoveryNode,
) => Decision | null
export type RebalanceDecider = (allocation: RoutingAllocation, copy: ShardRouting) => Decision
/** A decider's canRebalance(RoutingAllocation): may anything in the cluster rebalance? */
export type ClusterRebalanceDecider = (allocation: RoutingAllocation) => Decision

const replicaAfterPrimaryActive: AllocateDecider = (allocation, copy) => {
  const decider = 'replica_after_primary_active'
  if (copy.primary) return { decider, type: 'YES', explanation: 'shard is primary and can be allocated' }
  const primaryActive = allocation.copies(copy.index, copy.shard).some((c) => c.primary && isActive(c))
  return primaryActive
    ? { decider, type: 'YES', explanation: 'primary shard for this replica is already active' }
    : { decider, type: 'NO', explanation: 'primary shard for this replica is not yet active' }
}

const sameShard: AllocateDecider = (allocation, copy, node) => {
  const decider = 'same_shard'
  const other = allocation
    .copies(copy.index, copy.shard)
    .find((c) => c !== copy && (c.nodeId === node.id || c.relocatingNodeId === node.id))
  if (other === undefined) {
    return { decider, type: 'YES', explanation: 'this node does not hold a copy of this shard' }
  }
  return {
    decider,
    type: 'NO',
    explanation: `a copy of this shard is already allocated to this node [${shortSummary(other)}]`,
  }
}

const rebalanceOnlyWhenActive: RebalanceDecider = (allocation, copy) => {
  const decider = 'rebalance_only_when_active'
  const copies = allocation.copies(copy.index, copy.shard)
  const expected = allocation.metadata(copy.index).numberOfReplicas + 1
  return copies.length === expected && copies.every(isActive)
    ? {
        decider,
        type: 'YES',
        explanation: 'rebalancing is allowed as all replicas are active in the cluster',
      }
    : {
        decider,
        type: 'NO',
        explanation: 'rebalancing is not allowed until all replicas in the cluster are active',
      }
}

/** ClusterRebalanceAllocationDecider: the shard's answer is the cluster's. */
const clusterRebalance: ClusterRebalanceDecider = (allocation) => {
  const decider = 'cluster_rebalance'
  const type = clusterRebalanceType(allocation.state)
  const no = (what: string): Decision => ({
    decider,
    type: 'NO',
    explanation: `the cluster has ${what} and cluster setting [${ALLOW_REBALANCE}] is set to [${type}]`,
  })
  const copies = allocation.all()
  if (type === 'indices_primaries_active') {
    const primaries = copies.filter((c) => c.primary)
    if (primaries.some((c) => c.state === 'UNASSIGNED')) return no('unassigned primary shards')
    if (primaries.some((c) => c.state === 'INITIALIZING')) return no('inactive primary shards')
    return { decider, type: 'YES', explanation: 'all primary shards are active' }
  }
  if (type === 'indices_all_active') {
    if (copies.some((c) => c.state === 'UNASSIGNED')) return no('unassigned shards')
    if (copies.some((c) => c.state === 'INITIALIZING')) return no('inactive shards')
  }
  return { decider, type: 'YES', explanation: 'all shards are active' }
}

/** ConcurrentRebalanceAllocationDecider: at most cluster_concurrent_rebalance relocations at once (-1: no limit). */
const concurrentRebalance: ClusterRebalanceDecider = (allocation) => {
  const decider = 'concurrent_rebalance'
  const limit = intSetting(allocation.state, CLUSTER_CONCURRENT_REBALANCE)
  if (limit === -1)
    return { decider, type: 'YES', explanation: 'unlimited concurrent rebalances are allowed' }
  const relocating = allocation.all().filter((c) => c.state === 'RELOCATING').length
  if (relocating >= limit) {
    return {
      decider,
      type: 'THROTTLE',
      explanation:
        `reached the limit of concurrently rebalancing shards [${relocating}], cluster setting ` +
        `[${CLUSTER_CONCURRENT_REBALANCE}=${limit}]`,
    }
  }
  return {
    decider,
    type: 'YES',
    explanation: `below threshold [${limit}] for concurrent rebalances, current rebalance shard count [${relocating}]`,
  }
}

const ALLOCATE_DECIDERS: readonly AllocateDecider[] = [
  resizeAllocation,
  replicaAfterPrimaryActive,
  enableAllocation,
  (allocation, copy, node) =>
    initialRecoveryFilter(allocation, copy, node) ?? filterAllocation(allocation, copy, node),
  sameShard,
  diskThresholdCanAllocate,
  throttling,
  shardsLimitCanAllocate,
]
const REMAIN_DECIDERS: readonly AllocateDecider[] = [
  filterAllocation,
  diskThresholdCanRemain,
  shardsLimitCanRemain,
]
const REBALANCE_DECIDERS: readonly RebalanceDecider[] = [
  rebalanceOnlyWhenActive,
  clusterRebalance,
  concurrentRebalance,
  enableRebalance,
]
const CLUSTER_REBALANCE_DECIDERS: readonly ClusterRebalanceDecider[] = [
  clusterRebalance,
  concurrentRebalance,
  enableRebalanceCluster,
]

/** Decision.Type.min over `types`: NO if any is NO, else THROTTLE if any is THROTTLE, else YES. */
export function minType(types: readonly DecisionType[]): DecisionType {
  if (types.includes('NO')) return 'NO'
  return types.includes('THROTTLE') ? 'THROTTLE' : 'YES'
}

/** Decision.Multi's type: NO if any decider says NO, else THROTTLE if any throttles, else YES. */
export function verdict(decisions: readonly Decision[]): DecisionType {
  return minType(decisions.map((d) => d.type))
}

/** The deciders' answers in decider order, Decision.ALWAYS (null) left out as AllocationDeciders leaves it. */
function decide(
  deciders: readonly AllocateDecider[],
  allocation: RoutingAllocation,
  copy: ShardRouting,
  node: DiscoveryNode,
): Decision[] {
  return deciders.flatMap((decider) => decider(allocation, copy, node) ?? [])
}

/** Every decider's answer to placing `copy` on `node`, in decider order. */
export function explainCanAllocate(
  allocation: RoutingAllocation,
  copy: ShardRouting,
  node: DiscoveryNode,
): Decision[] {
  return decide(ALLOCATE_DECIDERS, allocation, copy, node)
}

/** Every decider's answer to rebalancing the started `copy`, in decider order. */
export function explainCanRebalance(allocation: RoutingAllocation, copy: ShardRouting): Decision[] {
  return REBALANCE_DECIDERS.map((decider) => decider(allocation, copy))
}

/** The verdict of the rebalance deciders on moving the started `copy` (AllocationDeciders.canRebalance). */
export function canRebalance(allocation: RoutingAllocation, copy: ShardRouting): DecisionType {
  return verdict(explainCanRebalance(allocation, copy))
}

/** AllocationDeciders.canRebalance(allocation): whether the balancer may move anything now. */
export function canRebalanceCluster(allocation: RoutingAllocation): DecisionType {
  return verdict(CLUSTER_REBALANCE_DECIDERS.map((decider) => decider(allocation)))
}

/** The verdict of the allocation deciders on placing `copy` on `node` (AllocationDeciders.canAllocate). */
export function canAllocate(
  allocation: RoutingAllocation,
  copy: ShardRouting,
  node: DiscoveryNode,
): DecisionType {
  return verdict(explainCanAllocate(allocation, copy, node))
}

/** Every canRemain answer for the started `copy` on the node it is on, in decider order. */
export function explainCanRemain(
  allocation: RoutingAllocation,
  copy: ShardRouting,
  node: DiscoveryNode,
): Decision[] {
  return decide(REMAIN_DECIDERS, allocation, copy, node)
}

/** The verdict of the deciders on the started `copy` staying on `node` (AllocationDeciders.canRemain). */
export function canRemain(
  allocation: RoutingAllocation,
  copy: ShardRouting,
  node: DiscoveryNode,
): DecisionType {
  return verdict(explainCanRemain(allocation, copy, node))
}
