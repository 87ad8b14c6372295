/**
 * ThrottlingAllocationDecider: a node starts at most node_initial_primaries_recoveries (4) primaries from a store
 * at once, takes at most 2 incoming peer recoveries, and the node holding a primary serves at most 2 outgoing
 * ones; a copy past a limit stays unassigned (a primary's last_allocation_status `decider_throttled`, health still
 * yellow for a new index) until a recovery ends, and the explain API says `throttled` with ES's texts.
 */
import { describe, expect, it } from 'vitest'
import { applyStartedShards, reroute } from '../../../../workers/es/cluster/allocation/allocation-service.ts'
import { explainShard } from '../../../../workers/es/cluster/allocation/allocation-explain.ts'
import { ALLOCATION_TEXT } from '../../../../workers/es/cluster/allocation/explanations.ts'
import { clusterHealth } from '../../../../workers/es/cluster/state/cluster-health.ts'
import type { ClusterState } from '../../../../workers/es/cluster/state/cluster-state.ts'
import { createIndex } from '../../../../workers/es/cluster/state/metadata-indices.ts'
import type { ShardRouting } from '../../../../workers/es/cluster/state/shard-routing.ts'
import { stateWithNodes, TestAllocationContext } from './fixtures.ts'

function withIndex(state: ClusterState, name: string, shards: number, replicas: number): ClusterState {
  const metadata = { name, uuid: `${name}-u`, numberOfShards: shards, numberOfReplicas: replicas }
  return createIndex(state, { ...metadata, settings: {}, mappings: {} }, 1_000)
}

const copies = (state: ClusterState, index = 'i'): ShardRouting[] => (state.routingTable[index] ?? []).flat()

const states = (state: ClusterState, primary: boolean): string[] =>
  copies(state)
    .filter((c) => c.primary === primary)
    .map((c) => c.state)

function start(state: ClusterState, context: TestAllocationContext, which: ShardRouting[]): ClusterState {
  const started = which.map((c) => ({ index: c.index, shard: c.shard, allocationId: c.allocationId! }))
  const next = applyStartedShards(state, started, context)
  context.recordStarted(next)
  return next
}

describe('ThrottlingAllocationDecider', () => {
  it('starts at most 4 primaries of a new index on one node at once', () => {
    const context = new TestAllocationContext()
    let state = reroute(withIndex(stateWithNodes('n1'), 'i', 6, 0), context)
    expect(states(state, true)).toEqual([
      'INITIALIZING',
      'INITIALIZING',
      'INITIALIZING',
      'INITIALIZING',
      'UNASSIGNED',
      'UNASSIGNED',
    ])
    const throttled = copies(state)[4]!
    expect(throttled.unassignedInfo?.lastAllocationStatus).toBe('DECIDERS_THROTTLED')
    expect(clusterHealth(state).status).toBe('yellow')
    const decision = explainShard(state, throttled, 1_000, false)
    expect(decision).toMatchObject({
      kind: 'allocate',
      canAllocate: 'throttled',
      explanation: ALLOCATION_TEXT.THROTTLED,
      targetNode: null,
    })
    expect(decision.kind === 'allocate' && decision.nodes[0]!.deciders).toEqual([
      {
        decider: 'throttling',
        type: 'THROTTLE',
        explanation:
          'reached the limit of ongoing initial primary recoveries [4], cluster setting ' +
          '[cluster.routing.allocation.node_initial_primaries_recoveries=4]',
      },
    ])
    // one primary starts: the next one initializes in the same reroute
    state = start(state, context, [copies(state)[0]!])
    expect(states(state, true)).toEqual([
      'STARTED',
      'INITIALIZING',
      'INITIALIZING',
      'INITIALIZING',
      'INITIALIZING',
      'UNASSIGNED',
    ])
  })

  it('lets a node take 2 incoming replica recoveries at once, then 2 more as they end', () => {
    const context = new TestAllocationContext()
    let state = reroute(withIndex(stateWithNodes('n1', 'n2'), 'i', 4, 1), context)
    // all 4 primaries start on the 2 nodes; their replicas recover from peers
    state = start(
      state,
      context,
      copies(state).filter((c) => c.primary),
    )
    const replicas = copies(state).filter((c) => !c.primary)
    expect(replicas.map((c) => c.state).sort()).toEqual([
      'INITIALIZING',
      'INITIALIZING',
      'INITIALIZING',
      'INITIALIZING',
    ])
    const perNode = (s: ClusterState, node: string) =>
      copies(s).filter((c) => !c.primary && c.nodeId === node && c.state === 'INITIALIZING').length
    expect([perNode(state, 'n1'), perNode(state, 'n2')]).toEqual([2, 2])
  })

  it('throttles the fifth replica recovery into a node that already takes two', () => {
    const context = new TestAllocationContext()
    // 3 shards with their primaries on n1; n2 joins later and may take only 2 replicas at once
    let state = reroute(withIndex(stateWithNodes('n1'), 'i', 3, 1), context)
    state = start(
      state,
      context,
      copies(state).filter((c) => c.primary),
    )
    state = reroute({ ...state, nodes: [...state.nodes, ...stateWithNodes('n2').nodes] }, context)
    const replicas = copies(state).filter((c) => !c.primary)
    expect(replicas.map((c) => c.state)).toEqual(['INITIALIZING', 'INITIALIZING', 'UNASSIGNED'])
    expect(replicas[2]!.unassignedInfo?.lastAllocationStatus).toBe('NO_ATTEMPT')
    const decision = explainShard(state, replicas[2]!, 1_000, false)
    expect(decision).toMatchObject({ canAllocate: 'throttled', explanation: ALLOCATION_TEXT.THROTTLED })
    const n2 = decision.kind === 'allocate' ? decision.nodes.find((n) => n.node.id === 'n2') : undefined
    expect(n2?.deciders).toEqual([
      {
        decider: 'throttling',
        type: 'THROTTLE',
        explanation:
          'reached the limit of incoming shard recoveries [2], cluster setting ' +
          '[cluster.routing.allocation.node_concurrent_incoming_recoveries=2] (can also be set via ' +
          '[cluster.routing.allocation.node_concurrent_recoveries])',
      },
    ])
    state = start(state, context, [copies(state).filter((c) => !c.primary)[0]!])
    expect(states(state, false)).toEqual(['STARTED', 'INITIALIZING', 'INITIALIZING'])
  })
})
