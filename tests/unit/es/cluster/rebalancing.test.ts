/**
 * Rebalancing and relocation, as ES's BalancedShardsAllocator and RoutingNodes do them: a node that joins
 * takes started copies from the heaviest nodes (highest shard id first, never beside another copy of the
 * shard, at most cluster_concurrent_rebalance relocations at once); a relocation target that starts takes
 * its source's place in the same primary term, and the in-sync set swaps the source's id for the target's;
 * a failed target, or a target node that left, cancels the relocation; a failed source takes its target
 * with it; `_cat/shards` and health see only the RELOCATING source.
 */
import { describe, expect, it } from 'vitest'
import {
  applyFailedShards,
  applyStartedShards,
  disassociateDeadNodes,
  reroute,
} from '../../../../workers/es/cluster/allocation/allocation-service.ts'
import { explainShard } from '../../../../workers/es/cluster/allocation/allocation-explain.ts'
import { REBALANCE_TEXT } from '../../../../workers/es/cluster/allocation/explanations.ts'
import { clusterHealth } from '../../../../workers/es/cluster/state/cluster-health.ts'
import type { ClusterState } from '../../../../workers/es/cluster/state/cluster-state.ts'
import { createIndex } from '../../../../workers/es/cluster/state/metadata-indices.ts'
import {
  assignedShards,
  targetRelocatingShard,
  type ShardRouting,
} from '../../../../workers/es/cluster/state/shard-routing.ts'
import { dataNode, stateWithNodes, TestAllocationContext } from './fixtures.ts'

function withIndex(state: ClusterState, name: string, shards: number, replicas: number): ClusterState {
  return createIndex(
    state,
    {
      name,
      uuid: `${name}-u`,
      numberOfShards: shards,
      numberOfReplicas: replicas,
      settings: {},
      mappings: {},
    },
    1_000,
  )
}

function copies(state: ClusterState, index = 'i'): ShardRouting[] {
  return (state.routingTable[index] ?? []).flat()
}

/** Starts every INITIALIZING copy, relocation targets included. */
function startAll(state: ClusterState, context: TestAllocationContext): ClusterState {
  const initializing = Object.values(state.routingTable)
    .flatMap((shards) => shards.flatMap((group) => assignedShards(group)))
    .filter((c) => c.state === 'INITIALIZING')
    .map((c) => ({ index: c.index, shard: c.shard, allocationId: c.allocationId! }))
  const next = applyStartedShards(state, initializing, context)
  context.recordStarted(next)
  return next
}

/** [shard, p/r, state, node, relocating node] per copy of index i. */
function table(
  state: ClusterState,
  index = 'i',
): Array<[number, string, string, string | null, string | null]> {
  return copies(state, index).map((c) => [
    c.shard,
    c.primary ? 'p' : 'r',
    c.state,
    c.nodeId,
    c.relocatingNodeId,
  ])
}

/** Index i with 3 shards × 1 replica started on n1 and n2, then n3 joins. */
function joinedThirdNode(context: TestAllocationContext): ClusterState {
  let state = reroute(withIndex(stateWithNodes('n1', 'n2'), 'i', 3, 1), context)
  state = startAll(state, context)
  state = startAll(reroute(state, context), context)
  expect(copies(state).every((c) => c.state === 'STARTED' && c.nodeId !== 'n3')).toBe(true)
  return reroute({ ...state, nodes: [...state.nodes, dataNode('n3')] }, context)
}

describe('rebalancing', () => {
  it('moves copies to a joining node, highest shard id first, two at a time, never beside a copy', () => {
    const context = new TestAllocationContext()
    const state = joinedThirdNode(context)
    expect(table(state)).toEqual([
      [0, 'p', 'STARTED', 'n1', null],
      [0, 'r', 'STARTED', 'n2', null],
      [1, 'p', 'STARTED', 'n2', null],
      [1, 'r', 'RELOCATING', 'n1', 'n3'],
      [2, 'p', 'STARTED', 'n1', null],
      [2, 'r', 'RELOCATING', 'n2', 'n3'],
    ])
    const health = clusterHealth(state)
    expect(health.status).toBe('green')
    expect(health.relocating_shards).toBe(2)
    expect(health.initializing_shards).toBe(0)
    const source = state.routingTable['i']![2]![1]!
    expect(targetRelocatingShard(source)).toEqual({
      index: 'i',
      shard: 2,
      primary: false,
      state: 'INITIALIZING',
      nodeId: 'n3',
      relocatingNodeId: 'n2',
      allocationId: source.relocationId,
      relocationId: source.allocationId,
      recoverySource: 'PEER',
      unassignedInfo: null,
    })
  })

  it('completes a relocation in the same primary term, swapping the in-sync ids; then stays balanced', () => {
    const context = new TestAllocationContext()
    const relocating = joinedThirdNode(context)
    const before = relocating.metadata.indices['i']!
    const sources = copies(relocating).filter((c) => c.state === 'RELOCATING')
    const state = startAll(relocating, context)
    expect(table(state)).toEqual([
      [0, 'p', 'STARTED', 'n1', null],
      [0, 'r', 'STARTED', 'n2', null],
      [1, 'p', 'STARTED', 'n2', null],
      [1, 'r', 'STARTED', 'n3', null],
      [2, 'p', 'STARTED', 'n1', null],
      [2, 'r', 'STARTED', 'n3', null],
    ])
    const after = state.metadata.indices['i']!
    expect(after.primaryTerms).toEqual(before.primaryTerms)
    for (const source of sources) {
      expect(after.inSyncAllocationIds[source.shard]).toContain(source.relocationId)
      expect(after.inSyncAllocationIds[source.shard]).not.toContain(source.allocationId)
      expect(after.inSyncAllocationIds[source.shard]).toHaveLength(2)
    }
    expect(reroute(state, context)).toEqual(state)
  })

  it('relocates a primary: its target becomes the primary without a new term', () => {
    const context = new TestAllocationContext()
    let state = reroute(withIndex(stateWithNodes('n1'), 'i', 2, 0), context)
    state = startAll(state, context)
    state = reroute({ ...state, nodes: [...state.nodes, dataNode('n2')] }, context)
    expect(table(state)).toEqual([
      [0, 'p', 'STARTED', 'n1', null],
      [1, 'p', 'RELOCATING', 'n1', 'n2'],
    ])
    const target = targetRelocatingShard(state.routingTable['i']![1]![0]!)
    expect(target.primary).toBe(true)
    state = startAll(state, context)
    expect(table(state)).toEqual([
      [0, 'p', 'STARTED', 'n1', null],
      [1, 'p', 'STARTED', 'n2', null],
    ])
    expect(state.routingTable['i']![1]![0]!.allocationId).toBe(target.allocationId)
    expect(state.metadata.indices['i']!.primaryTerms).toEqual([1, 1])
    expect(state.metadata.indices['i']!.inSyncAllocationIds[1]).toEqual([target.allocationId])
  })

  it('leaves one shard and its replica on two of three nodes (a delta of 1 is within the threshold)', () => {
    const context = new TestAllocationContext()
    let state = reroute(withIndex(stateWithNodes('n1', 'n2'), 'i', 1, 1), context)
    state = startAll(startAll(reroute(state, context), context), context)
    const joined = reroute({ ...state, nodes: [...state.nodes, dataNode('n3')] }, context)
    expect(copies(joined).map((c) => c.state)).toEqual(['STARTED', 'STARTED'])
  })

  it('does not rebalance while any copy is unassigned or initializing', () => {
    const context = new TestAllocationContext()
    let state = reroute(withIndex(stateWithNodes('n1'), 'i', 3, 1), context)
    state = startAll(state, context)
    // The replicas stay unassigned on one node: nothing rebalances when n2 joins beyond assigning them, two at
    // a time (node_concurrent_incoming_recoveries): the third waits, throttled.
    state = reroute({ ...state, nodes: [...state.nodes, dataNode('n2')] }, context)
    expect(copies(state).some((c) => c.state === 'RELOCATING')).toBe(false)
    expect(copies(state).filter((c) => c.state === 'INITIALIZING')).toHaveLength(2)
  })

  it('cancels a relocation whose target failed (and retries it) or whose target node left; a failed source takes its target', () => {
    const context = new TestAllocationContext()
    const relocating = joinedThirdNode(context)
    const [first, second] = copies(relocating).filter((c) => c.state === 'RELOCATING')
    const failedTarget = applyFailedShards(
      relocating,
      [
        {
          index: 'i',
          shard: first!.shard,
          allocationId: first!.relocationId!,
          reason: 'ALLOCATION_FAILED',
          details: null,
          markAsStale: false,
        },
      ],
      context,
    )
    const cancelled = failedTarget.routingTable['i']![first!.shard]!.find(
      (c) => c.allocationId === first!.allocationId,
    )
    // The source started again; the balancer, finding the same imbalance, sends it to a new target at once.
    expect(cancelled).toMatchObject({ state: 'RELOCATING', nodeId: first!.nodeId, relocatingNodeId: 'n3' })
    expect(cancelled!.relocationId).not.toBe(first!.relocationId)

    const targetLeft = disassociateDeadNodes(
      { ...relocating, nodes: relocating.nodes.filter((n) => n.id !== 'n3') },
      context,
    )
    expect(copies(targetLeft).every((c) => c.state === 'STARTED' && c.relocationId === null)).toBe(true)

    const sourceLeft = disassociateDeadNodes(
      { ...relocating, nodes: relocating.nodes.filter((n) => n.id !== 'n2') },
      context,
    )
    const secondNow = sourceLeft.routingTable['i']![second!.shard]!
    expect(secondNow.map((c) => [c.primary, c.state, c.nodeId])).toEqual([
      [true, 'STARTED', 'n1'],
      [false, 'UNASSIGNED', null],
    ])
    expect(assignedShards(secondNow).some((c) => c.nodeId === 'n3')).toBe(false)
  })

  it('explains a started copy as throttled while two relocations run', () => {
    const context = new TestAllocationContext()
    const relocating = joinedThirdNode(context)
    const started = copies(relocating).find((c) => c.state === 'STARTED' && c.nodeId === 'n1')!
    const decision = explainShard(relocating, started, 1_000, false)
    expect(decision).toMatchObject({
      kind: 'rebalance',
      canRebalanceCluster: 'throttled',
      canRebalanceToOtherNode: 'throttled',
      explanation: REBALANCE_TEXT.CLUSTER_THROTTLE,
      targetNode: null,
      clusterDecisions: [
        {
          decider: 'concurrent_rebalance',
          type: 'THROTTLE',
          explanation:
            'reached the limit of concurrently rebalancing shards [2], cluster setting ' +
            '[cluster.routing.allocation.cluster_concurrent_rebalance=2]',
        },
      ],
    })
  })
})
