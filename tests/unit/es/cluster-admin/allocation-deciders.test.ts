// The allocation deciders against a naive oracle (fast-check over random routing of one shard on a few nodes):
// a copy may go to a node iff no other copy of its shard is on (or relocating to) that node and, for a replica,
// the primary is active; it is throttled while the node takes 2 recoveries or the primary's node serves 2; the
// decisions come in ES's decider order with ES's texts. Also the explain API's
// TimeValue.toString and ShardRouting.shortSummary.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  canAllocate,
  explainCanAllocate,
  verdict,
} from '../../../../workers/es/cluster/allocation/allocation-deciders.ts'
import { timeValueString } from '../../../../workers/es/cluster/allocation/explanations.ts'
import { shortSummary } from '../../../../workers/es/cluster/allocation/shard-summary.ts'
import { RoutingAllocation } from '../../../../workers/es/cluster/allocation/routing-allocation.ts'
import { emptyClusterState, type ClusterState } from '../../../../workers/es/cluster/state/cluster-state.ts'
import type { DiscoveryNode } from '../../../../workers/es/cluster/state/discovery-node.ts'
import { newUnassignedInfo, type ShardRouting } from '../../../../workers/es/cluster/state/shard-routing.ts'

const NODES: DiscoveryNode[] = ['n1', 'n2', 'n3'].map((id, i) => ({
  id,
  ephemeralId: `e${id}`,
  name: id,
  address: i + 1,
  roles: ['master', 'data'],
  attributes: {},
}))

type Placement = { node: string | null; state: 'UNASSIGNED' | 'INITIALIZING' | 'STARTED' }

function copyOf(primary: boolean, placement: Placement, i: number): ShardRouting {
  const assigned = placement.node !== null && placement.state !== 'UNASSIGNED'
  return {
    index: 'i',
    shard: 0,
    primary,
    state: assigned ? placement.state : 'UNASSIGNED',
    nodeId: assigned ? placement.node : null,
    relocatingNodeId: null,
    relocationId: null,
    allocationId: assigned ? `a${i}` : null,
    recoverySource: assigned && placement.state === 'STARTED' ? null : primary ? 'EMPTY_STORE' : 'PEER',
    unassignedInfo: assigned && placement.state === 'STARTED' ? null : newUnassignedInfo('INDEX_CREATED', 0),
  }
}

function stateWith(copies: ShardRouting[]): ClusterState {
  const base = emptyClusterState('c')
  return {
    ...base,
    nodes: NODES,
    metadata: {
      ...base.metadata,
      indices: {
        i: {
          name: 'i',
          uuid: 'u',
          numberOfShards: 1,
          numberOfReplicas: copies.length - 1,
          primaryTerms: [1],
          inSyncAllocationIds: [[]],
          settings: {},
          mappings: {},
        },
      },
    },
    routingTable: { i: [copies] },
  }
}

const placement = fc.record({
  node: fc.constantFrom<string | null>(null, 'n1', 'n2', 'n3'),
  state: fc.constantFrom<'UNASSIGNED' | 'INITIALIZING' | 'STARTED'>('UNASSIGNED', 'INITIALIZING', 'STARTED'),
})

describe('allocation deciders', () => {
  it('agree with the naive rule on every copy and node', () => {
    fc.assert(
      fc.property(fc.array(placement, { minLength: 1, maxLength: 4 }), (placements) => {
        const copies = placements.map((p, i) => copyOf(i === 0, p, i))
        const allocation = new RoutingAllocation(stateWith(copies), {
          now: 0,
          newAllocationId: () => 'x',
          shardStores: () => [],
        })
        const primaryActive = copies[0]!.state === 'STARTED'
        const recovering = allocation.copies('i', 0).filter((c) => !c.primary && c.state === 'INITIALIZING')
        for (const copy of allocation.copies('i', 0)) {
          for (const node of NODES) {
            const occupied = allocation.copies('i', 0).some((c) => c !== copy && c.nodeId === node.id)
            const placed = !occupied && (copy.primary || primaryActive)
            // every recovering replica copies from the one primary: incoming on its node, outgoing on the primary's
            const throttling =
              copy.primary && copy.state === 'UNASSIGNED'
                ? 'YES'
                : recovering.filter((c) => c.nodeId === node.id).length >= 2
                  ? 'THROTTLE'
                  : !primaryActive
                    ? 'NO'
                    : recovering.length >= 2
                      ? 'THROTTLE'
                      : 'YES'
            const expected = !placed || throttling === 'NO' ? 'NO' : throttling
            const decisions = explainCanAllocate(allocation, copy, node)
            expect(decisions.map((d) => d.decider)).toEqual([
              'replica_after_primary_active',
              'enable',
              'filter',
              'same_shard',
              'disk_threshold',
              'throttling',
              'shards_limit',
            ])
            expect(verdict(decisions)).toBe(expected)
            expect(canAllocate(allocation, copy, node)).toBe(expected)
          }
        }
      }),
    )
  })

  it('word their decisions as ES does', () => {
    const copies = [
      copyOf(true, { node: 'n1', state: 'STARTED' }, 0),
      copyOf(false, { node: null, state: 'UNASSIGNED' }, 1),
    ]
    const allocation = new RoutingAllocation(stateWith(copies), {
      now: 0,
      newAllocationId: () => 'x',
      shardStores: () => [],
    })
    const replica = allocation.copies('i', 0)[1]!
    expect(explainCanAllocate(allocation, replica, NODES[0]!)).toEqual([
      {
        decider: 'replica_after_primary_active',
        type: 'YES',
        explanation: 'primary shard for this replica is already active',
      },
      { decider: 'enable', type: 'YES', explanation: 'all allocations are allowed' },
      { decider: 'filter', type: 'YES', explanation: 'node passes include/exclude/require filters' },
      {
        decider: 'same_shard',
        type: 'NO',
        explanation:
          'a copy of this shard is already allocated to this node [[i][0], node[n1], [P], s[STARTED], a[id=a0], failed_attempts[0]]',
      },
      { decider: 'disk_threshold', type: 'YES', explanation: 'disk usages are unavailable' },
      {
        decider: 'throttling',
        type: 'YES',
        explanation: 'below shard recovery limit of outgoing: [0 < 2] incoming: [0 < 2]',
      },
      {
        decider: 'shards_limit',
        type: 'YES',
        explanation: 'total shard limits are disabled: [index: -1, cluster: -1] <= 0',
      },
    ])
    expect(explainCanAllocate(allocation, replica, NODES[1]!)[3]).toEqual({
      decider: 'same_shard',
      type: 'YES',
      explanation: 'this node does not hold a copy of this shard',
    })
  })
})

describe('explain API text helpers', () => {
  it('prints TimeValue as Java does', () => {
    expect(timeValueString(60_000)).toBe('1m')
    expect(timeValueString(59_950)).toBe('59.9s')
    expect(timeValueString(90_000)).toBe('1.5m')
    expect(timeValueString(250)).toBe('250ms')
    expect(timeValueString(3_600_000 * 25)).toBe('1d')
  })

  it('summarises an initializing copy with its recovery source and unassigned info', () => {
    const copy: ShardRouting = {
      ...copyOf(false, { node: 'n2', state: 'INITIALIZING' }, 3),
      unassignedInfo: {
        ...newUnassignedInfo('NODE_LEFT', Date.UTC(2024, 4, 9, 9, 15, 26, 533), 'node_left [n9]'),
        delayed: true,
        lastAllocatedNodeId: 'n9',
      },
    }
    expect(shortSummary(copy)).toBe(
      '[i][0], node[n2], [R], recovery_source[peer recovery], s[INITIALIZING], a[id=a3], ' +
        'unassigned_info[[reason=NODE_LEFT], at[2024-05-09T09:15:26.533Z], delayed=true, last_node[n9], ' +
        'details[node_left [n9]], allocation_status[no_attempt]], failed_attempts[0]',
    )
  })
})
