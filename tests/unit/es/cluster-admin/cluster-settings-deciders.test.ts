// The cluster settings' effect on allocation, on hand-built states: EnableAllocationDecider's four modes and
// FilterAllocationDecider's require/include/exclude groups (canAllocate and canRemain, ES 8's texts; node names,
// ids and node.attr.* attributes), the balancer's moveShards draining an excluded node, the update's validation
// and removal rules, and transient settings dropped when a state is read back from disk.
import { describe, expect, it } from 'vitest'
import {
  canRemain,
  explainCanAllocate,
  type Decision,
} from '../../../../workers/es/cluster/allocation/allocation-deciders.ts'
import { reroute } from '../../../../workers/es/cluster/allocation/allocation-service.ts'
import { RoutingAllocation } from '../../../../workers/es/cluster/allocation/routing-allocation.ts'
import {
  applyClusterSettingsUpdate,
  type ClusterSettingsUpdate,
} from '../../../../workers/es/cluster/metadata/cluster-settings.ts'
import { emptyClusterState, type ClusterState } from '../../../../workers/es/cluster/state/cluster-state.ts'
import type { DiscoveryNode } from '../../../../workers/es/cluster/state/discovery-node.ts'
import { THREE_NODES } from './three-nodes.ts'
import { recoveredRouting } from '../../../../workers/es/cluster/state/metadata-indices.ts'
import { newUnassignedInfo, type ShardRouting } from '../../../../workers/es/cluster/state/shard-routing.ts'
import { EsException } from '../../../../workers/es/errors/index.ts'

const NODES = THREE_NODES

function started(shard: number, primary: boolean, node: string, id: string): ShardRouting {
  return {
    index: 'i',
    shard,
    primary,
    state: 'STARTED',
    nodeId: node,
    relocatingNodeId: null,
    relocationId: null,
    allocationId: id,
    recoverySource: null,
    unassignedInfo: null,
  }
}

function unassigned(
  shard: number,
  primary: boolean,
  source: 'EMPTY_STORE' | 'EXISTING_STORE' | 'PEER',
): ShardRouting {
  return {
    ...started(shard, primary, 'x', 'x'),
    state: 'UNASSIGNED',
    nodeId: null,
    allocationId: null,
    recoverySource: source,
    unassignedInfo: newUnassignedInfo('INDEX_CREATED', 0),
  }
}

function stateWith(shards: ShardRouting[][], update?: Partial<ClusterSettingsUpdate>): ClusterState {
  const base = emptyClusterState('c')
  const state: ClusterState = {
    ...base,
    nodes: NODES,
    metadata: {
      ...base.metadata,
      indices: {
        i: {
          name: 'i',
          uuid: 'u',
          numberOfShards: shards.length,
          numberOfReplicas: shards[0]!.length - 1,
          primaryTerms: shards.map(() => 1),
          inSyncAllocationIds: shards.map((copies) =>
            copies.flatMap((c) => (c.allocationId ? [c.allocationId] : [])),
          ),
          settings: {},
          mappings: {},
        },
      },
    },
    routingTable: { i: shards },
  }
  if (update === undefined) return state
  return applyClusterSettingsUpdate(state, { persistent: {}, transient: {}, ...update })
}

function allocationOf(state: ClusterState): RoutingAllocation {
  let n = 0
  return new RoutingAllocation(state, { now: 0, newAllocationId: () => `new${n++}`, shardStores: () => [] })
}

function decision(state: ClusterState, copy: ShardRouting, node: DiscoveryNode, decider: string): Decision {
  return explainCanAllocate(allocationOf(state), copy, node).find((d) => d.decider === decider)!
}

describe('EnableAllocationDecider', () => {
  const primary = unassigned(0, true, 'EMPTY_STORE')
  const existing = unassigned(0, true, 'EXISTING_STORE')
  const replica = unassigned(0, false, 'PEER')
  const shards = [[primary, replica]]
  const mode = (enable: string): ClusterState =>
    stateWith(shards, { persistent: { 'cluster.routing.allocation.enable': enable } })

  it('allows everything by default', () => {
    expect(decision(stateWith(shards), replica, NODES[0]!, 'enable')).toEqual({
      decider: 'enable',
      type: 'YES',
      explanation: 'all allocations are allowed',
    })
  })

  it('primaries: replicas are refused with the setting named', () => {
    expect(decision(mode('primaries'), primary, NODES[0]!, 'enable').explanation).toBe(
      'primary allocations are allowed',
    )
    expect(decision(mode('PRIMARIES'), replica, NODES[0]!, 'enable')).toEqual({
      decider: 'enable',
      type: 'NO',
      explanation:
        'replica allocations are forbidden due to cluster setting [cluster.routing.allocation.enable=primaries]',
    })
  })

  it('new_primaries: only a primary not recovering an existing store', () => {
    const state = mode('new_primaries')
    expect(decision(state, primary, NODES[0]!, 'enable').type).toBe('YES')
    for (const copy of [existing, replica]) {
      expect(decision(state, copy, NODES[0]!, 'enable')).toEqual({
        decider: 'enable',
        type: 'NO',
        explanation:
          'non-new primary allocations are forbidden due to cluster setting [cluster.routing.allocation.enable=new_primaries]',
      })
    }
  })

  it('none: nothing, and reroute leaves every copy unassigned', () => {
    const state = mode('none')
    expect(decision(state, primary, NODES[0]!, 'enable').explanation).toBe(
      'no allocations are allowed due to cluster setting [cluster.routing.allocation.enable=none]',
    )
    const next = reroute(state, { now: 0, newAllocationId: () => 'a', shardStores: () => [] })
    expect(next.routingTable.i![0]!.map((c) => c.state)).toEqual(['UNASSIGNED', 'UNASSIGNED'])
  })

  it('transient wins over persistent', () => {
    const state = stateWith(shards, {
      persistent: { 'cluster.routing.allocation.enable': 'none' },
      transient: { 'cluster.routing.allocation.enable': 'all' },
    })
    expect(decision(state, replica, NODES[0]!, 'enable').type).toBe('YES')
  })
})

describe('FilterAllocationDecider', () => {
  const copy = started(0, true, 'n1', 'a0')
  const shards = [[copy]]
  const filter = (key: string, value: string): ClusterState =>
    stateWith(shards, { persistent: { [`cluster.routing.allocation.${key}`]: value } })

  it('exclude by name or id, with `*` patterns and lists', () => {
    const state = filter('exclude._name', 'es-node-1,es-node-3')
    expect(decision(state, copy, NODES[0]!, 'filter')).toEqual({
      decider: 'filter',
      type: 'NO',
      explanation:
        'node matches cluster setting [cluster.routing.allocation.exclude] filters [_name:"es-node-1,es-node-3"]',
    })
    expect(decision(state, copy, NODES[1]!, 'filter')).toEqual({
      decider: 'filter',
      type: 'YES',
      explanation: 'node passes include/exclude/require filters',
    })
    expect(decision(filter('exclude._id', 'n*'), copy, NODES[1]!, 'filter').type).toBe('NO')
    expect(decision(filter('exclude.rack', 'r1'), copy, NODES[1]!, 'filter').type).toBe('YES')
  })

  it('include and require', () => {
    expect(decision(filter('include._name', 'es-node-2'), copy, NODES[0]!, 'filter').explanation).toBe(
      'node does not cluster setting [cluster.routing.allocation.include] filters [_name:"es-node-2"]',
    )
    expect(decision(filter('include._name', 'es-node-2'), copy, NODES[1]!, 'filter').type).toBe('YES')
    expect(decision(filter('require._name', 'es-node-*'), copy, NODES[0]!, 'filter').type).toBe('YES')
    expect(decision(filter('require.rack', 'r1'), copy, NODES[0]!, 'filter').explanation).toBe(
      'node does not match cluster setting [cluster.routing.allocation.require] filters [rack:"r1"]',
    )
  })

  it("matches a custom attribute against the node's node.attr.* value; a node without it does not match", () => {
    const racked: DiscoveryNode = { ...NODES[0]!, attributes: { rack: 'r1', zone: 'a' } }
    expect(decision(filter('require.rack', 'r1'), copy, racked, 'filter').type).toBe('YES')
    expect(decision(filter('require.rack', 'r2,r*'), copy, racked, 'filter').type).toBe('NO')
    expect(decision(filter('include.rack', 'r2,r*'), copy, racked, 'filter').type).toBe('YES')
    expect(decision(filter('exclude.zone', 'b,a'), copy, racked, 'filter').explanation).toBe(
      'node matches cluster setting [cluster.routing.allocation.exclude] filters [zone:"b,a"]',
    )
    expect(decision(filter('exclude.zone', 'a'), copy, NODES[1]!, 'filter').type).toBe('YES')
    expect(decision(filter('require.constructor', '*'), copy, racked, 'filter').type).toBe('NO')
  })

  it('refuses canRemain on an excluded node', () => {
    const state = filter('exclude._name', 'es-node-1')
    expect(canRemain(allocationOf(state), copy, NODES[0]!)).toBe('NO')
    expect(canRemain(allocationOf(stateWith(shards)), copy, NODES[0]!)).toBe('YES')
  })
})

describe('moveShards', () => {
  it('relocates every started copy off an excluded node, to nodes that accept it', () => {
    const shards = [
      [started(0, true, 'n3', 'p0'), started(0, false, 'n1', 'r0')],
      [started(1, true, 'n2', 'p1'), started(1, false, 'n3', 'r1')],
    ]
    const state = stateWith(shards, {
      transient: { 'cluster.routing.allocation.exclude._name': 'es-node-3' },
    })
    const next = reroute(state, { now: 0, newAllocationId: () => 'moved', shardStores: () => [] })
    const moving = next.routingTable.i!.flat().filter((c) => c.state === 'RELOCATING')
    expect(moving.map((c) => [c.shard, c.primary, c.nodeId, c.relocatingNodeId])).toEqual([
      [0, true, 'n3', 'n2'],
      [1, false, 'n3', 'n1'],
    ])
    // without the setting the same table stays as it is
    const same = reroute(stateWith(shards), { now: 0, newAllocationId: () => 'x', shardStores: () => [] })
    expect(same.routingTable.i!.flat().every((c) => c.state === 'STARTED')).toBe(true)
  })

  it('leaves a copy where it is when no other node may take it', () => {
    const shards = [[started(0, true, 'n3', 'p0')]]
    const state = stateWith(shards, {
      persistent: { 'cluster.routing.allocation.exclude._name': 'es-node-*' },
    })
    const next = reroute(state, { now: 0, newAllocationId: () => 'x', shardStores: () => [] })
    expect(next.routingTable.i![0]![0]!.state).toBe('STARTED')
  })
})

describe('cluster settings updates', () => {
  const base = stateWith([[started(0, true, 'n1', 'a')]])
  const reason = (update: Partial<ClusterSettingsUpdate>): string => {
    try {
      applyClusterSettingsUpdate(base, { persistent: {}, transient: {}, ...update })
    } catch (error) {
      if (error instanceof EsException) return `${error.type}: ${error.reason}`
      throw error
    }
    return 'accepted'
  }

  it('refuses unknown keys and bad values as ES words it', () => {
    expect(reason({ persistent: { x: 'y' } })).toBe(
      'illegal_argument_exception: persistent setting [x], not recognized',
    )
    expect(reason({ transient: { 'cluster.routing.allocation.enable': 'zz' } })).toBe(
      'illegal_argument_exception: Illegal allocation.enable value [ZZ]',
    )
    expect(reason({ transient: { 'cluster.max_shards_per_node': '-5' } })).toBe(
      'illegal_argument_exception: Failed to parse value [-5] for setting [cluster.max_shards_per_node] must be >= 1',
    )
    expect(reason({ persistent: { 'action.destructive_requires_name': 'yes' } })).toBe(
      'illegal_argument_exception: Failed to parse value [yes] as only [true] or [false] are allowed.',
    )
    expect(reason({})).toBe(
      'action_request_validation_exception: Validation Failed: 1: no settings to update;',
    )
    expect(reason({ persistent: { 'cluster.*': null } })).toBe('accepted')
  })

  it('null removes a key, a `*` key every key it matches; transient is not read back from disk', () => {
    const set = applyClusterSettingsUpdate(base, {
      persistent: {
        'cluster.routing.allocation.enable': 'primaries',
        'cluster.routing.allocation.exclude._name': 'es-node-1',
        'cluster.max_shards_per_node': '5',
      },
      transient: { 'cluster.routing.allocation.enable': 'none' },
    })
    const removed = applyClusterSettingsUpdate(set, {
      persistent: { 'cluster.routing.*': null, 'cluster.max_shards_per_node': '7' },
      transient: {},
    })
    expect(removed.metadata.persistentSettings).toEqual({ 'cluster.max_shards_per_node': '7' })
    expect(removed.metadata.transientSettings).toEqual({ 'cluster.routing.allocation.enable': 'none' })
    const recovered = recoveredRouting(removed, 0)
    expect(recovered.metadata.transientSettings).toBeUndefined()
    expect(recovered.metadata.persistentSettings).toEqual({ 'cluster.max_shards_per_node': '7' })
  })
})
