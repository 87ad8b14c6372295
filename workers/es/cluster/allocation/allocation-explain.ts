/**
 * The allocation decision the explain API reports for one shard copy, taken by the same deciders and balancer
 * the master allocates with (TransportClusterAllocationExplainAction.explainShard):
 * - an unassigned replica first goes through ReplicaShardAllocator: when every data node's deciders say NO the
 *   answer is `no` with each node's decisions (no weight ranking); a delayed replica is `allocation_delayed`;
 * - an unassigned primary with an existing store goes through PrimaryShardAllocator: a data node the master
 *   may use must hold an in-sync copy (`no_valid_shard_copy` when none does);
 * - everything else unassigned is the balancer's decideAllocateUnassigned: every data node's decisions, ranked
 *   by weight (1 = best), the target the balancer picks;
 * - a started copy is the balancer's decideMove: when a decider refuses canRemain (an excluded node), every
 *   other data node ranked by weight with its decisions, the target the lightest that says YES (a THROTTLE
 *   throttles the move); else decideRebalance: the rebalance deciders, and each other node classed better /
 *   same / worse balance against the current one (threshold 1.0, as cluster.routing.allocation.balance.threshold);
 * - an initializing or relocating copy has no decision.
 * Node results keep only non-YES decider decisions unless `includeYesDecisions` (DebugMode), and are sorted as
 * NodeAllocationResult compares them: decision, then weight ranking, then node id.
 */
import type { ClusterInfo } from './cluster-info.ts'
import type { ClusterState } from '../state/cluster-state.ts'
import type { DiscoveryNode } from '../state/discovery-node.ts'
import { NODE_LEFT_DELAYED_TIMEOUT_MS, type ShardRouting } from '../state/shard-routing.ts'
import {
  explainCanAllocate,
  explainCanRebalance,
  explainCanRemain,
  verdict,
  type Decision,
  type DecisionType,
} from './allocation-deciders.ts'
import { chooseNode, nodeWeights } from './balanced-shards-allocator.ts'
import { RoutingAllocation } from './routing-allocation.ts'
import { ALLOCATION_TEXT, MOVE_TEXT, REBALANCE_TEXT } from './explanations.ts'

/** AllocationDecision, in Java's declaration order (the sort order of node results). */
export const ALLOCATION_DECISIONS = [
  'yes',
  'throttled',
  'no',
  'worse_balance',
  'awaiting_info',
  'allocation_delayed',
  'no_valid_shard_copy',
  'no_attempt',
] as const
export type AllocationDecision = (typeof ALLOCATION_DECISIONS)[number]

export interface NodeAllocationResult {
  readonly node: DiscoveryNode
  readonly nodeDecision: AllocationDecision
  /** 0 when the weight was not ranked. */
  readonly weightRanking: number
  /** The decider decisions shown (null: none were taken on this node). */
  readonly deciders: readonly Decision[] | null
}

export interface AllocateUnassignedDecision {
  readonly kind: 'allocate'
  readonly canAllocate: AllocationDecision
  readonly explanation: string
  readonly targetNode: DiscoveryNode | null
  /** Delayed allocation: index.unassigned.node_left.delayed_timeout and what is left of it. */
  readonly delay: { configuredMs: number; remainingMs: number } | null
  readonly nodes: readonly NodeAllocationResult[]
}

export interface RebalanceDecision {
  readonly kind: 'rebalance'
  readonly currentNodeRanking: number
  readonly canRebalanceCluster: AllocationDecision
  /** The rebalance deciders' decisions shown. */
  readonly clusterDecisions: readonly Decision[]
  readonly canRebalanceToOtherNode: AllocationDecision
  readonly explanation: string
  readonly targetNode: DiscoveryNode | null
  readonly nodes: readonly NodeAllocationResult[]
}

/** MoveDecision forced by a canRemain NO. */
export interface MoveDecision {
  readonly kind: 'move'
  /** The canRemain decisions shown. */
  readonly canRemainDecisions: readonly Decision[]
  readonly canMove: AllocationDecision
  readonly explanation: string
  readonly targetNode: DiscoveryNode | null
  readonly nodes: readonly NodeAllocationResult[]
}

export type ShardAllocationDecision =
  AllocateUnassignedDecision | RebalanceDecision | MoveDecision | { kind: 'not_taken' }

/** The balancer's threshold (cluster.routing.allocation.balance.threshold), with lessThan's 0.001 leeway. */
const THRESHOLD = 1.0

const DECISION_OF: Record<DecisionType, AllocationDecision> = { YES: 'yes', THROTTLE: 'throttled', NO: 'no' }

export function explainShard(
  state: ClusterState,
  copy: ShardRouting,
  now: number,
  includeYesDecisions: boolean,
  clusterInfo?: ClusterInfo,
): ShardAllocationDecision {
  const allocation = new RoutingAllocation(state, {
    now,
    newAllocationId: () => '',
    shardStores: () => [],
    ...(clusterInfo === undefined ? {} : { clusterInfo }),
  })
  const shown = (decisions: readonly Decision[]): Decision[] =>
    decisions.filter((d) => includeYesDecisions || d.type !== 'YES')
  if (copy.state === 'UNASSIGNED') return decideUnassigned(allocation, copy, now, shown)
  const current = state.nodes.find((node) => node.id === copy.nodeId)
  if (copy.state === 'STARTED' && current) {
    const remain = explainCanRemain(allocation, copy, current)
    if (verdict(remain) === 'NO') return decideMove(allocation, copy, current, shown(remain), shown)
    return decideRebalance(allocation, copy, current, shown)
  }
  return { kind: 'not_taken' }
}

type Shown = (decisions: readonly Decision[]) => Decision[]

interface NodeDecisions {
  node: DiscoveryNode
  decisions: Decision[]
  type: DecisionType
}

function nodeDecisions(allocation: RoutingAllocation, copy: ShardRouting): NodeDecisions[] {
  return allocation.dataNodes.map((node) => {
    const decisions = explainCanAllocate(allocation, copy, node)
    return { node, decisions, type: verdict(decisions) }
  })
}

function decideUnassigned(
  allocation: RoutingAllocation,
  copy: ShardRouting,
  now: number,
  shown: Shown,
): AllocateUnassignedDecision {
  const candidates = nodeDecisions(allocation, copy)
  const unranked = (): NodeAllocationResult[] =>
    sortResults(
      candidates.map(({ node, decisions, type }) => ({
        node,
        nodeDecision: DECISION_OF[type],
        weightRanking: 0,
        deciders: shown(decisions),
      })),
    )
  const info = copy.unassignedInfo
  if (!copy.primary) {
    const anyAllowed = candidates.some((c) => c.type !== 'NO')
    if (!anyAllowed) return unassigned('no', ALLOCATION_TEXT.ALL_NODES_FORBIDDEN, null, unranked())
    if (info?.delayed && now < info.at + NODE_LEFT_DELAYED_TIMEOUT_MS) {
      const remainingMs = info.at + NODE_LEFT_DELAYED_TIMEOUT_MS - now
      return {
        ...unassigned('allocation_delayed', ALLOCATION_TEXT.delayed(remainingMs), null, unranked()),
        delay: { configuredMs: NODE_LEFT_DELAYED_TIMEOUT_MS, remainingMs },
      }
    }
  } else if (copy.recoverySource === 'EXISTING_STORE') {
    // The coordinating node does not know the stores the master fetched: a primary still unassigned with an
    // existing store has no in-sync copy on any node the master could use.
    const results = allocation.dataNodes.map((node) => ({
      node,
      nodeDecision: 'no' as const,
      weightRanking: 0,
      deciders: null,
    }))
    return unassigned('no_valid_shard_copy', ALLOCATION_TEXT.NO_COPIES, null, sortResults(results))
  }
  return decideByBalance(allocation, copy, candidates, shown)
}

/** BalancedShardsAllocator.Balancer.decideAllocateUnassigned. */
function decideByBalance(
  allocation: RoutingAllocation,
  copy: ShardRouting,
  candidates: readonly NodeDecisions[],
  shown: Shown,
): AllocateUnassignedDecision {
  const weightOf = nodeWeights(allocation, copy.index)
  const weighed = candidates
    .map((c) => ({ ...c, weight: weightOf(c.node) }))
    .sort((a, b) => a.weight - b.weight)
  const results = weighed.map(({ node, decisions, type }, i) => ({
    node,
    nodeDecision: DECISION_OF[type],
    weightRanking: i + 1,
    deciders: shown(decisions),
  }))
  const choice = chooseNode(
    allocation,
    copy,
    candidates.flatMap(({ node, type }) => (type === 'NO' ? [] : [{ node, type }])),
  )
  if (choice === null)
    return unassigned('no', ALLOCATION_TEXT.ALL_NODES_FORBIDDEN, null, sortResults(results))
  return choice.type === 'YES'
    ? unassigned('yes', ALLOCATION_TEXT.YES, choice.node, sortResults(results))
    : unassigned('throttled', ALLOCATION_TEXT.THROTTLED, null, sortResults(results))
}

function unassigned(
  canAllocate: AllocationDecision,
  explanation: string,
  targetNode: DiscoveryNode | null,
  nodes: NodeAllocationResult[],
): AllocateUnassignedDecision {
  return { kind: 'allocate', canAllocate, explanation, targetNode, delay: null, nodes }
}

/** Balancer.decideMove for a started copy that may not remain on `current`: nodes in weight order, the first YES. */
function decideMove(
  allocation: RoutingAllocation,
  copy: ShardRouting,
  current: DiscoveryNode,
  canRemainDecisions: Decision[],
  shown: Shown,
): MoveDecision {
  const weightOf = nodeWeights(allocation, copy.index)
  const others = nodeDecisions(allocation, copy)
    .filter((candidate) => candidate.node.id !== current.id)
    .map((candidate) => ({ ...candidate, weight: weightOf(candidate.node) }))
    .sort((a, b) => a.weight - b.weight || (a.node.id < b.node.id ? -1 : a.node.id > b.node.id ? 1 : 0))
  const target = others.find((c) => c.type === 'YES') ?? others.find((c) => c.type === 'THROTTLE') ?? null
  const canMove = target === null ? 'no' : DECISION_OF[target.type]
  return {
    kind: 'move',
    canRemainDecisions,
    canMove,
    explanation:
      canMove === 'yes' ? MOVE_TEXT.YES : canMove === 'throttled' ? MOVE_TEXT.THROTTLED : MOVE_TEXT.NO,
    targetNode: canMove === 'yes' ? target!.node : null,
    nodes: sortResults(
      others.map((c, i) => ({
        node: c.node,
        nodeDecision: DECISION_OF[c.type],
        weightRanking: i + 1,
        deciders: shown(c.decisions),
      })),
    ),
  }
}

/** BalancedShardsAllocator.Balancer.decideRebalance for a started copy that may remain where it is. */
function decideRebalance(
  allocation: RoutingAllocation,
  copy: ShardRouting,
  current: DiscoveryNode,
  shown: Shown,
): RebalanceDecision {
  const rebalanceDecisions = explainCanRebalance(allocation, copy)
  const canRebalance = verdict(rebalanceDecisions)
  const weightOf = nodeWeights(allocation, copy.index)
  const currentWeight = weightOf(current)
  const better: Array<[NodeDecisions, AllocationDecision]> = []
  const same: NodeDecisions[] = []
  const worse: NodeDecisions[] = []
  let rebalanceType: DecisionType = 'NO'
  let target: DiscoveryNode | null = null
  for (const candidate of nodeDecisions(allocation, copy)) {
    if (candidate.node.id === current.id) continue
    const weight = weightOf(candidate.node)
    const betterWeight = weight <= currentWeight
    const conditionsMet =
      betterWeight && Math.abs(weight - currentWeight) > THRESHOLD + 0.001 && weight + 1 < currentWeight
    // a throttled node is the target until a node that says YES comes up
    const takes = rebalanceType === 'NO' || (rebalanceType === 'THROTTLE' && candidate.type === 'YES')
    if (conditionsMet && candidate.type !== 'NO' && takes) {
      rebalanceType = candidate.type
      target = candidate.node
    }
    if (conditionsMet) better.push([candidate, DECISION_OF[candidate.type]])
    else (betterWeight ? same : worse).push(candidate)
  }
  let ranking = 0
  const results: NodeAllocationResult[] = better.map(([c, decision]) => ({
    node: c.node,
    nodeDecision: decision,
    weightRanking: ++ranking,
    deciders: shown(c.decisions),
  }))
  const currentRanking = ++ranking
  const balanced = (c: NodeDecisions, weightRanking: number): NodeAllocationResult => ({
    node: c.node,
    nodeDecision: c.type === 'NO' ? 'no' : 'worse_balance',
    weightRanking,
    deciders: shown(c.decisions),
  })
  results.push(...same.map((c) => balanced(c, currentRanking)), ...worse.map((c) => balanced(c, ++ranking)))
  const rebalancing = canRebalance === 'YES'
  const toOtherNode = rebalancing ? DECISION_OF[rebalanceType] : DECISION_OF[canRebalance]
  return {
    kind: 'rebalance',
    currentNodeRanking: currentRanking,
    canRebalanceCluster: DECISION_OF[canRebalance],
    clusterDecisions: shown(rebalanceDecisions),
    canRebalanceToOtherNode: toOtherNode,
    explanation: rebalanceExplanation(canRebalance, rebalanceType, rebalancing ? target : null, results),
    targetNode: rebalancing ? target : null,
    nodes: sortResults(results),
  }
}

/** MoveDecision.getExplanation for a decision to rebalance. */
function rebalanceExplanation(
  canRebalance: DecisionType,
  toTarget: DecisionType,
  target: DiscoveryNode | null,
  results: readonly NodeAllocationResult[],
): string {
  if (canRebalance === 'NO') {
    return results.some((r) => r.nodeDecision === 'yes')
      ? REBALANCE_TEXT.CANNOT_REBALANCE_CAN_ALLOCATE
      : REBALANCE_TEXT.CANNOT_REBALANCE_CANNOT_ALLOCATE
  }
  if (canRebalance === 'THROTTLE') return REBALANCE_TEXT.CLUSTER_THROTTLE
  if (target === null) return REBALANCE_TEXT.ALREADY_BALANCED
  return toTarget === 'THROTTLE' ? REBALANCE_TEXT.NODE_THROTTLE : REBALANCE_TEXT.YES
}

function sortResults(results: NodeAllocationResult[]): NodeAllocationResult[] {
  return results.sort(
    (a, b) =>
      ALLOCATION_DECISIONS.indexOf(a.nodeDecision) - ALLOCATION_DECISIONS.indexOf(b.nodeDecision) ||
      a.weightRanking - b.weightRanking ||
      (a.node.id < b.node.id ? -1 : a.node.id > b.node.id ? 1 : 0),
  )
}
