/**
 * ES's BalancedShardsAllocator: the weight function, the choice of node for a copy being allocated, and
 * the rebalancing of started copies (Balancer.balance / balanceByWeights / tryRelocateShard).
 *
 * Weight of a node for an index, as WeightFunction computes it:
 *   θshard · (shards(node) − avgShardsPerNode) + θindex · (shards(node, index) − avgShardsPerNode(index))
 * with cluster.routing.allocation.balance.shard 0.45 and .index 0.55 normalised to sum to 1, the averages
 * taken over every copy the metadata asks for (number_of_shards × (number_of_replicas + 1)) and the data
 * nodes. The model counts every assigned copy on its node, a RELOCATING one on its target's (ModelNode).
 *
 * Rebalancing, once the cluster may rebalance at all (the deciders' canRebalance of the cluster is YES: as
 * allow_rebalance asks, nothing unassigned or initializing; fewer than cluster_concurrent_rebalance relocations;
 * rebalance.enable not `none`): indices most unbalanced first; for each, the nodes sorted by
 * weight; while the heaviest and lightest differ by more than the threshold (1.0, plus Balancer.lessThan's
 * 0.001), a started copy of the index moves from the heaviest to the lightest node, highest shard id first,
 * as the rebalance and allocation deciders allow; a THROTTLE from either moves it in the model only, as ES does,
 * so that later choices see it.
 * Ties between nodes of equal weight go to the smaller node id (deterministic).
 *
 * Moving (moveShards, before balancing, as BalancedShardsAllocator.allocate orders them): a started copy
 * whose node the deciders' canRemain refuses goes to the lightest node that accepts it.
 */
import type { DiscoveryNode } from '../state/discovery-node.ts'
import type { ShardRouting } from '../state/shard-routing.ts'
import { canAllocate, canRebalance, canRebalanceCluster, canRemain, minType } from './allocation-deciders.ts'
import type { RoutingAllocation } from './routing-allocation.ts'

const SHARD_BALANCE = 0.45
const INDEX_BALANCE = 0.55
const THETA_SHARD = SHARD_BALANCE / (SHARD_BALANCE + INDEX_BALANCE)
const THETA_INDEX = INDEX_BALANCE / (SHARD_BALANCE + INDEX_BALANCE)
/** cluster.routing.allocation.balance.threshold × WeightFunction.minWeightDelta (θshard + θindex = 1). */
export const BALANCE_THRESHOLD = 1.0
/** Balancer.lessThan: deltas this close above the threshold count as below it. */
const THRESHOLD_SLACK = 0.001

/** Where the balancer counts copies: per node, per index, and the averages it compares with. */
class BalanceModel {
  private readonly copies = new Map<string, ShardRouting[]>()
  /** Copies this round moved (really or, throttled, in the model only): no longer started here. */
  private readonly moved = new Set<ShardRouting>()
  private readonly avgShards: number
  private readonly avgIndexShards = new Map<string, number>()

  constructor(private readonly allocation: RoutingAllocation) {
    const nodes = allocation.dataNodes.length
    let total = 0
    for (const metadata of Object.values(allocation.state.metadata.indices)) {
      const copies = metadata.numberOfShards * (metadata.numberOfReplicas + 1)
      total += copies
      this.avgIndexShards.set(metadata.name, copies / nodes)
    }
    this.avgShards = total / nodes
    for (const node of allocation.dataNodes) this.copies.set(node.id, [])
    for (const copy of allocation.all()) {
      const nodeId = copy.state === 'RELOCATING' ? copy.relocatingNodeId : copy.nodeId
      if (nodeId !== null) this.copies.get(nodeId)?.push(copy)
    }
  }

  weight(nodeId: string, index: string): number {
    const copies = this.copies.get(nodeId) ?? []
    const ofIndex = copies.filter((copy) => copy.index === index).length
    return (
      THETA_SHARD * (copies.length - this.avgShards) +
      THETA_INDEX * (ofIndex - (this.avgIndexShards.get(index) ?? 0))
    )
  }

  /** ModelNode.highestPrimary: the highest shard id of the index's primaries on the node, -1 for none. */
  highestPrimary(nodeId: string, index: string): number {
    let high = -1
    for (const copy of this.copies.get(nodeId) ?? [])
      if (copy.index === index && copy.primary) high = Math.max(high, copy.shard)
    return high
  }

  numShards(nodeId: string, index: string): number {
    return (this.copies.get(nodeId) ?? []).filter((copy) => copy.index === index).length
  }

  startedCopies(nodeId: string, index: string): ShardRouting[] {
    return (this.copies.get(nodeId) ?? []).filter(
      (copy) => copy.index === index && copy.state === 'STARTED' && !this.moved.has(copy),
    )
  }

  move(copy: ShardRouting, from: string, to: string): void {
    const source = this.copies.get(from)!
    source.splice(source.indexOf(copy), 1)
    this.copies.get(to)!.push(copy)
    this.moved.add(copy)
  }

  /** The data nodes sorted by weight for `index`, lightest first. */
  sorted(index: string): Array<{ node: DiscoveryNode; weight: number }> {
    return this.allocation.dataNodes
      .map((node) => ({ node, weight: this.weight(node.id, index) }))
      .sort((a, b) => a.weight - b.weight || byId(a.node, b.node))
  }
}

function byId(a: DiscoveryNode, b: DiscoveryNode): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/** Each node's weight for `index` in the allocation as it stands (one model for every node asked about). */
export function nodeWeights(allocation: RoutingAllocation, index: string): (node: DiscoveryNode) => number {
  const model = new BalanceModel(allocation)
  return (node) => model.weight(node.id, index)
}

/** A node the allocation deciders answered YES or THROTTLE for a copy. */
export interface NodeChoice {
  readonly node: DiscoveryNode
  readonly type: 'YES' | 'THROTTLE'
}

/**
 * The node decideAllocateUnassigned picks for `copy` among `candidates`: the least weight, whether the deciders
 * said YES or THROTTLE there (a THROTTLE on the best node throttles the copy, it does not go elsewhere); between
 * nodes of equal weight, YES over THROTTLE, then the one whose highest primary of the index comes next after the
 * copy's shard id in the ring (so that 3 shards × 2 replicas lay out as 0 1 2 / 1 2 0 / 2 0 1); null when there is
 * no candidate.
 */
export function chooseNode(
  allocation: RoutingAllocation,
  copy: ShardRouting,
  candidates: readonly NodeChoice[],
): NodeChoice | null {
  const model = new BalanceModel(allocation)
  let best: NodeChoice | null = null
  let bestWeight = Infinity
  for (const candidate of [...candidates].sort((a, b) => byId(a.node, b.node))) {
    const weight = model.weight(candidate.node.id, copy.index)
    if (weight > bestWeight) continue
    if (best !== null && weight === bestWeight) {
      if (candidate.type !== best.type) {
        if (candidate.type !== 'YES') continue
      } else {
        const high = model.highestPrimary(candidate.node.id, copy.index)
        const bestHigh = model.highestPrimary(best.node.id, copy.index)
        if (!nextInRing(copy.shard, high, bestHigh)) continue
      }
    }
    best = candidate
    bestWeight = weight
  }
  return best
}

/** Balancer's tie-break: does a node whose highest primary is `high` beat the one at `bestHigh`? */
function nextInRing(shard: number, high: number, bestHigh: number): boolean {
  const sameSide = (high > shard && bestHigh > shard) || (high < shard && bestHigh < shard)
  return (sameSide && high < bestHigh) || (high > shard && bestHigh < shard)
}

/**
 * Balancer.moveShards: a started copy the deciders no longer let remain on its node (an excluded node)
 * relocates to the lightest node for its index that says YES; one that only throttles, or none that
 * allows, leaves it where it is for a later reroute.
 */
export function moveShards(allocation: RoutingAllocation): void {
  for (const copy of allocation.all()) {
    if (copy.state !== 'STARTED') continue
    const current = allocation.dataNodes.find((node) => node.id === copy.nodeId)
    if (current === undefined || canRemain(allocation, copy, current) !== 'NO') continue
    const target = new BalanceModel(allocation)
      .sorted(copy.index)
      .find(({ node }) => node.id !== current.id && canAllocate(allocation, copy, node) === 'YES')
    if (target !== undefined) allocation.relocate(copy, target.node.id)
  }
}

/** Balancer.balance: relocates started copies until no index is unbalanced beyond the threshold. */
export function balance(allocation: RoutingAllocation): void {
  if (allocation.dataNodes.length < 2 || canRebalanceCluster(allocation) !== 'YES') return
  const model = new BalanceModel(allocation)
  for (const index of weightOrderedIndices(allocation, model)) balanceIndex(allocation, model, index)
}

/** buildWeightOrderedIndices: the indices whose heaviest and lightest nodes differ most first. */
function weightOrderedIndices(allocation: RoutingAllocation, model: BalanceModel): string[] {
  const delta = (index: string): number => {
    const sorted = model.sorted(index)
    return sorted[sorted.length - 1]!.weight - sorted[0]!.weight
  }
  return Object.keys(allocation.routing)
    .sort()
    .map((index) => ({ index, delta: delta(index) }))
    .sort((a, b) => b.delta - a.delta)
    .map(({ index }) => index)
}

/** balanceByWeights for one index: the window of nodes shrinks from both ends until nothing can move. */
function balanceIndex(allocation: RoutingAllocation, model: BalanceModel, index: string): void {
  let nodes = model.sorted(index)
  let low = 0
  let high = nodes.length - 1
  for (;;) {
    const min = nodes[low]!
    const max = nodes[high]!
    if (model.numShards(max.node.id, index) > 0) {
      const delta = Math.abs(max.weight - min.weight)
      if (delta <= BALANCE_THRESHOLD + THRESHOLD_SLACK) {
        // Decider restrictions may keep the lightest nodes empty: try the next heaviest before giving up.
        const heavierPairUnbalanced =
          low > 0 && high - 1 > 0 && Math.abs(nodes[0]!.weight - nodes[high - 1]!.weight) > BALANCE_THRESHOLD
        if (!heavierPairUnbalanced) return
      } else if (tryRelocateShard(allocation, model, min.node, max.node, index)) {
        nodes = model.sorted(index)
        low = 0
        high = nodes.length - 1
        continue
      }
    }
    if (low < high - 1) low++
    else if (low > 0) {
      low = 0
      high--
    } else return
  }
}

/** tryRelocateShard: the first started copy of `index` on `max`, by descending shard id, the deciders let go. */
function tryRelocateShard(
  allocation: RoutingAllocation,
  model: BalanceModel,
  min: DiscoveryNode,
  max: DiscoveryNode,
  index: string,
): boolean {
  const candidates = model.startedCopies(max.id, index).sort((a, b) => b.shard - a.shard)
  for (const copy of candidates) {
    const decision = minType([canRebalance(allocation, copy), canAllocate(allocation, copy, min)])
    if (decision === 'NO') continue
    model.move(copy, max.id, min.id)
    if (decision === 'YES') allocation.relocate(copy, min.id)
    return true
  }
  return false
}
