/**
 * cluster.routing.rebalance.enable (EnableAllocationDecider.canRebalance) and
 * cluster.routing.allocation.allow_rebalance (ClusterRebalanceAllocationDecider) in the balancer and in the
 * allocation explain decisions, with ES 8's texts; their values' validation.
 */
import { describe, expect, it } from 'vitest'
import { applyStartedShards, reroute } from '../../../../workers/es/cluster/allocation/allocation-service.ts'
import { explainShard } from '../../../../workers/es/cluster/allocation/allocation-explain.ts'
import {
  explainCanAllocate,
  explainCanRebalance,
} from '../../../../workers/es/cluster/allocation/allocation-deciders.ts'
import { enableRebalanceCluster } from '../../../../workers/es/cluster/allocation/enable-allocation-decider.ts'
import { RoutingAllocation } from '../../../../workers/es/cluster/allocation/routing-allocation.ts'
import { REBALANCE_TEXT } from '../../../../workers/es/cluster/allocation/explanations.ts'
import { applyClusterSettingsUpdate } from '../../../../workers/es/cluster/metadata/cluster-settings.ts'
import type { ClusterState } from '../../../../workers/es/cluster/state/cluster-state.ts'
import { createIndex } from '../../../../workers/es/cluster/state/metadata-indices.ts'
import { assignedShards, type ShardRouting } from '../../../../workers/es/cluster/state/shard-routing.ts'
import { EsException } from '../../../../workers/es/errors/index.ts'
import { dataNode, stateWithNodes, TestAllocationContext } from './fixtures.ts'

/** Index `name` created in `state`; `indexSettings` are its otherSettings (index.routing.*.enable). */
function withIndex(
  state: ClusterState,
  name: string,
  shards: number,
  replicas: number,
  indexSettings: Record<string, string> = {},
): ClusterState {
  const metadata = { name, uuid: `${name}-u`, numberOfShards: shards, numberOfReplicas: replicas }
  const settings = { otherSettings: indexSettings }
  return createIndex(state, { ...metadata, settings, mappings: {} }, 1_000)
}

function withSettings(state: ClusterState, persistent: Record<string, string>): ClusterState {
  if (Object.keys(persistent).length === 0) return state
  return applyClusterSettingsUpdate(state, { persistent, transient: {} })
}

function copies(state: ClusterState, index = 'i'): ShardRouting[] {
  return (state.routingTable[index] ?? []).flat()
}

function startAll(state: ClusterState, context: TestAllocationContext): ClusterState {
  const initializing = Object.values(state.routingTable)
    .flatMap((shards) => shards.flatMap((group) => assignedShards(group)))
    .filter((c) => c.state === 'INITIALIZING')
    .map((c) => ({ index: c.index, shard: c.shard, allocationId: c.allocationId! }))
  const next = applyStartedShards(state, initializing, context)
  context.recordStarted(next)
  return next
}

/**
 * Index i (3 shards × 1 replica, with `indexSettings`) started on n1 and n2, with cluster `settings`; then n3
 * joins and the master reroutes.
 */
function thirdNodeJoins(
  settings: Record<string, string>,
  indexSettings: Record<string, string> = {},
): ClusterState {
  const context = new TestAllocationContext()
  let state = withSettings(withIndex(stateWithNodes('n1', 'n2'), 'i', 3, 1, indexSettings), settings)
  state = startAll(reroute(state, context), context)
  state = startAll(reroute(state, context), context)
  return reroute({ ...state, nodes: [...state.nodes, dataNode('n3')] }, context)
}

const relocating = (state: ClusterState): ShardRouting[] =>
  copies(state).filter((c) => c.state === 'RELOCATING')

const allocationOf = (state: ClusterState): RoutingAllocation =>
  new RoutingAllocation(state, { now: 0, newAllocationId: () => 'a', shardStores: () => [] })

describe('cluster.routing.rebalance.enable', () => {
  it('all (the default): primaries and replicas move to the new node', () => {
    expect(relocating(thirdNodeJoins({})).length).toBe(2)
  })

  it('none: nothing moves, and the explanation names the setting', () => {
    const state = thirdNodeJoins({ 'cluster.routing.rebalance.enable': 'none' })
    expect(relocating(state)).toEqual([])
    const decision = explainShard(state, copies(state)[0]!, 1_000, false)
    expect(decision).toMatchObject({
      kind: 'rebalance',
      canRebalanceCluster: 'no',
      canRebalanceToOtherNode: 'no',
      explanation: REBALANCE_TEXT.CANNOT_REBALANCE_CAN_ALLOCATE,
      clusterDecisions: [
        {
          decider: 'enable',
          type: 'NO',
          explanation:
            'no rebalancing is allowed due to cluster setting [cluster.routing.rebalance.enable=none]',
        },
      ],
    })
  })

  it('primaries or replicas: only those copies move; the others are refused by name', () => {
    const primaries = thirdNodeJoins({ 'cluster.routing.rebalance.enable': 'PRIMARIES' })
    expect(relocating(primaries).length).toBeGreaterThan(0)
    expect(relocating(primaries).every((c) => c.primary)).toBe(true)
    const replica = copies(primaries).find((c) => !c.primary && c.state === 'STARTED')!
    expect(explainCanRebalance(allocationOf(primaries), replica).find((d) => d.decider === 'enable')).toEqual(
      {
        decider: 'enable',
        type: 'NO',
        explanation:
          'replica rebalancing is forbidden due to cluster setting [cluster.routing.rebalance.enable=primaries]',
      },
    )
    const replicas = thirdNodeJoins({ 'cluster.routing.rebalance.enable': 'replicas' })
    expect(relocating(replicas).length).toBeGreaterThan(0)
    expect(relocating(replicas).every((c) => !c.primary)).toBe(true)
    const primary = copies(replicas).find((c) => c.primary && c.state === 'STARTED')!
    expect(explainCanRebalance(allocationOf(replicas), primary).find((d) => d.decider === 'enable')).toEqual({
      decider: 'enable',
      type: 'NO',
      explanation:
        'primary rebalancing is forbidden due to cluster setting [cluster.routing.rebalance.enable=replicas]',
    })
  })
})

describe('index.routing.rebalance.enable and index.routing.allocation.enable override the cluster settings', () => {
  const enableDecision = (state: ClusterState, primary: boolean) =>
    explainCanRebalance(
      allocationOf(state),
      copies(state).find((c) => c.primary === primary && c.state === 'STARTED')!,
    ).find((d) => d.decider === 'enable')

  it('an index none stops its rebalancing under a cluster all, and the text names the index setting', () => {
    const state = thirdNodeJoins({}, { 'index.routing.rebalance.enable': 'NONE' })
    expect(relocating(state)).toEqual([])
    expect(enableDecision(state, true)).toEqual({
      decider: 'enable',
      type: 'NO',
      explanation: 'no rebalancing is allowed due to index setting [index.routing.rebalance.enable=none]',
    })
  })

  it('an index value other than none lets the balancer run under a cluster none', () => {
    const state = thirdNodeJoins(
      { 'cluster.routing.rebalance.enable': 'none' },
      { 'index.routing.rebalance.enable': 'replicas' },
    )
    expect(relocating(state).length).toBeGreaterThan(0)
    expect(relocating(state).every((c) => !c.primary)).toBe(true)
    expect(enableDecision(state, true)).toEqual({
      decider: 'enable',
      type: 'NO',
      explanation:
        'primary rebalancing is forbidden due to index setting [index.routing.rebalance.enable=replicas]',
    })
    expect(enableRebalanceCluster(allocationOf(state))).toEqual({
      decider: 'enable',
      type: 'YES',
      explanation: 'rebalancing is permitted on one or more indices',
    })
    const noneOverride = thirdNodeJoins(
      { 'cluster.routing.rebalance.enable': 'none' },
      { 'index.routing.rebalance.enable': 'none' },
    )
    expect(relocating(noneOverride)).toEqual([])
  })

  it('an index allocation.enable decides its copies whatever the cluster says', () => {
    const context = new TestAllocationContext()
    let state = withIndex(stateWithNodes('n1', 'n2'), 'i', 1, 1, {
      'index.routing.allocation.enable': 'primaries',
    })
    state = withIndex(state, 'j', 1, 0, { 'index.routing.allocation.enable': 'all' })
    state = withSettings(state, { 'cluster.routing.allocation.enable': 'none' })
    state = startAll(reroute(state, context), context)
    state = reroute(state, context)
    expect(copies(state, 'i').map((c) => [c.primary, c.state])).toEqual([
      [true, 'STARTED'],
      [false, 'UNASSIGNED'],
    ])
    expect(copies(state, 'j')[0]!.state).toBe('STARTED')
    const replica = copies(state, 'i').find((c) => !c.primary)!
    expect(
      explainCanAllocate(allocationOf(state), replica, dataNode('n2')).find((d) => d.decider === 'enable'),
    ).toEqual({
      decider: 'enable',
      type: 'NO',
      explanation:
        'replica allocations are forbidden due to index setting [index.routing.allocation.enable=primaries]',
    })
  })
})

describe('cluster.routing.allocation.allow_rebalance', () => {
  /**
   * Index i (4 shards, no replica) and index j (1 shard × 2 replicas) on n1, then n2 joins: one copy of j can never
   * be assigned (two nodes for three copies).
   */
  function secondNodeJoins(settings: Record<string, string>): ClusterState {
    const context = new TestAllocationContext()
    let state = withIndex(withIndex(stateWithNodes('n1'), 'i', 4, 0), 'j', 1, 2)
    state = startAll(reroute(withSettings(state, settings), context), context)
    state = startAll(reroute({ ...state, nodes: [...state.nodes, dataNode('n2')] }, context), context)
    return reroute(state, context)
  }

  /** Copies of index i on n2 or moving there. */
  const onSecondNode = (state: ClusterState): number =>
    copies(state).filter((c) => c.nodeId === 'n2' || c.relocatingNodeId === 'n2').length

  it('indices_all_active (the default): an unassigned copy anywhere stops all rebalancing', () => {
    const state = secondNodeJoins({})
    expect(copies(state, 'j').filter((c) => c.state === 'UNASSIGNED')).toHaveLength(1)
    expect(onSecondNode(state)).toBe(0)
    const decisions = explainCanRebalance(allocationOf(state), copies(state)[0]!)
    expect(decisions.find((d) => d.decider === 'cluster_rebalance')).toEqual({
      decider: 'cluster_rebalance',
      type: 'NO',
      explanation:
        'the cluster has unassigned shards and cluster setting [cluster.routing.allocation.allow_rebalance] is set ' +
        'to [indices_all_active]',
    })
  })

  it('indices_primaries_active and always: the unassigned replica does not stop it', () => {
    for (const [value, explanation] of [
      ['indices_primaries_active', 'all primary shards are active'],
      ['Always', 'all shards are active'],
    ] as const) {
      const state = secondNodeJoins({ 'cluster.routing.allocation.allow_rebalance': value })
      expect(onSecondNode(state)).toBeGreaterThan(0)
      const decisions = explainCanRebalance(allocationOf(state), copies(state)[0]!)
      expect(decisions.find((d) => d.decider === 'cluster_rebalance')).toEqual({
        decider: 'cluster_rebalance',
        type: 'YES',
        explanation,
      })
    }
  })

  it('indices_primaries_active: an unassigned or initializing primary stops it', () => {
    const context = new TestAllocationContext()
    const fresh = withSettings(withIndex(stateWithNodes('n1', 'n2'), 'i', 1, 0), {
      'cluster.routing.allocation.allow_rebalance': 'indicesPrimariesActive',
    })
    const started = startAll(reroute(fresh, context), context)
    const unassigned = withIndex(started, 'k', 1, 0)
    const initializing = reroute(unassigned, context)
    const text = (state: ClusterState): string =>
      explainCanRebalance(allocationOf(state), copies(started)[0]!).find(
        (d) => d.decider === 'cluster_rebalance',
      )!.explanation
    const suffix =
      'and cluster setting [cluster.routing.allocation.allow_rebalance] is set to [indices_primaries_active]'
    expect(text(unassigned)).toBe(`the cluster has unassigned primary shards ${suffix}`)
    expect(text(initializing)).toBe(`the cluster has inactive primary shards ${suffix}`)
  })
})

describe('validation', () => {
  const reason = (persistent: Record<string, string>): string => {
    try {
      withSettings(stateWithNodes('n1'), persistent)
    } catch (error) {
      if (error instanceof EsException) return error.reason
      throw error
    }
    return 'accepted'
  }

  it('refuses bad values as the settings parse them', () => {
    expect(reason({ 'cluster.routing.rebalance.enable': 'some' })).toBe(
      'Illegal rebalance.enable value [SOME]',
    )
    expect(reason({ 'cluster.routing.allocation.allow_rebalance': 'sometimes' })).toBe(
      'Illegal value for {\n' +
        '  "key" : "cluster.routing.allocation.allow_rebalance",\n' +
        '  "properties" : [\n' +
        '    "Dynamic",\n' +
        '    "NodeScope"\n' +
        '  ],\n' +
        '  "is_group_setting" : false,\n' +
        '  "default" : "indices_all_active"\n' +
        '}: sometimes',
    )
    expect(reason({ 'cluster.routing.allocation.allow_rebalance': 'INDICES_ALL_ACTIVE' })).toBe('accepted')
  })
})
