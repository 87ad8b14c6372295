/**
 * AllocationService scenarios with exact expected routing tables, primary terms and in-sync sets, as ES's
 * AllocationService, IndexMetadataUpdater and RoutingNodes.failShard behave: balanced assignment, replica
 * promotion on node loss, stale copies never promoted, in-sync trimming, replica count changes.
 */
import { describe, expect, it } from 'vitest'
import {
  applyFailedShards,
  applyStartedShards,
  disassociateDeadNodes,
  reroute,
} from '../../../../workers/es/cluster/allocation/allocation-service.ts'
import { nextDelayExpiry } from '../../../../workers/es/cluster/allocation/delayed-allocation-service.ts'
import { clusterHealth } from '../../../../workers/es/cluster/state/cluster-health.ts'
import { NODE_LEFT_DELAYED_TIMEOUT_MS } from '../../../../workers/es/cluster/state/shard-routing.ts'
import type { ClusterState } from '../../../../workers/es/cluster/state/cluster-state.ts'
import { createIndex, updateNumberOfReplicas } from '../../../../workers/es/cluster/state/metadata-indices.ts'
import { dataNode, stateWithNodes, TestAllocationContext } from './fixtures.ts'

function withIndex(state: ClusterState, shards: number, replicas: number): ClusterState {
  return createIndex(
    state,
    { name: 'i', uuid: 'u', numberOfShards: shards, numberOfReplicas: replicas, settings: {}, mappings: {} },
    1_000,
  )
}

/** Starts every INITIALIZING copy, recording it in its node's store. */
function startAll(state: ClusterState, context: TestAllocationContext): ClusterState {
  const initializing = Object.values(state.routingTable)
    .flatMap((shards) => shards.flat())
    .filter((c) => c.state === 'INITIALIZING')
    .map((c) => ({ index: c.index, shard: c.shard, allocationId: c.allocationId! }))
  const next = applyStartedShards(state, initializing, context)
  context.recordStarted(next)
  return next
}

/** [node, state, primary] per copy of shard `shard` of index i, sorted by node. */
function placement(state: ClusterState, shard: number): Array<[string | null, string, boolean]> {
  return state.routingTable['i']![shard]!.map((c): [string | null, string, boolean] => [
    c.nodeId,
    c.state,
    c.primary,
  ]).sort((a, b) => String(a[0]).localeCompare(String(b[0])))
}

describe('AllocationService', () => {
  it('assigns new primaries by balance, replicas once their primary is active, never beside another copy', () => {
    const context = new TestAllocationContext()
    let state = reroute(withIndex(stateWithNodes('n1', 'n2', 'n3'), 2, 1), context)
    expect(placement(state, 0)).toEqual([
      ['n1', 'INITIALIZING', true],
      [null, 'UNASSIGNED', false],
    ])
    expect(placement(state, 1)).toEqual([
      ['n2', 'INITIALIZING', true],
      [null, 'UNASSIGNED', false],
    ])
    expect(state.metadata.indices['i']!.primaryTerms).toEqual([1, 1])
    expect(state.metadata.indices['i']!.inSyncAllocationIds).toEqual([[], []])
    expect(state.routingTable['i']![0]![1]!.unassignedInfo).toMatchObject({
      reason: 'INDEX_CREATED',
      lastAllocationStatus: 'NO_ATTEMPT',
    })
    expect(clusterHealth(state).status).toBe('yellow')

    state = startAll(state, context)
    expect(state.metadata.indices['i']!.inSyncAllocationIds).toEqual([['a0'], ['a1']])
    expect(placement(state, 0)).toEqual([
      ['n1', 'STARTED', true],
      ['n3', 'INITIALIZING', false],
    ])
    // Equal weights: the replica goes to the node whose highest primary comes next in the ring (n3 has none).
    expect(placement(state, 1)).toEqual([
      ['n2', 'STARTED', true],
      ['n3', 'INITIALIZING', false],
    ])
    state = startAll(state, context)
    expect(state.metadata.indices['i']!.inSyncAllocationIds).toEqual([
      ['a0', 'a2'],
      ['a1', 'a3'],
    ])
    expect(clusterHealth(state)).toMatchObject({ status: 'green', active_shards: 4 })
  })

  it('a node leaving promotes its primary’s in-sync replica with primary term 2 and reassigns its copy after the 1m delay', () => {
    const context = new TestAllocationContext()
    let state = startAll(
      startAll(reroute(withIndex(stateWithNodes('n1', 'n2', 'n3'), 2, 1), context), context),
      context,
    )
    state = disassociateDeadNodes({ ...state, nodes: state.nodes.filter((n) => n.id !== 'n1') }, context)
    // The lost copies wait out index.unassigned.node_left.delayed_timeout: n1 may come back with them.
    expect(clusterHealth(state)).toMatchObject({
      status: 'yellow',
      unassigned_shards: 1,
      delayed_unassigned_shards: 1,
    })
    expect(nextDelayExpiry(state)).toBe(1_000 + NODE_LEFT_DELAYED_TIMEOUT_MS)
    context.now += NODE_LEFT_DELAYED_TIMEOUT_MS - 1
    expect(clusterHealth(reroute(state, context))).toMatchObject({ delayed_unassigned_shards: 1 })
    context.now += 1
    state = reroute(state, context)
    expect(placement(state, 0)).toEqual([
      ['n2', 'INITIALIZING', false],
      ['n3', 'STARTED', true],
    ])
    expect(placement(state, 1)).toEqual([
      ['n2', 'STARTED', true],
      ['n3', 'STARTED', false],
    ])
    expect(state.metadata.indices['i']!.primaryTerms).toEqual([2, 1])
    const promoted = state.routingTable['i']![0]!.find((c) => c.primary)!
    expect(promoted.allocationId).toBe('a2')
    const reassigned = state.routingTable['i']![0]!.find((c) => !c.primary)!
    expect(reassigned.unassignedInfo).toMatchObject({
      reason: 'NODE_LEFT',
      lastAllocatedNodeId: 'n1',
      delayed: false,
    })
    // n1's copies stay in sync: they were not marked stale, and may come back.
    expect(state.metadata.indices['i']!.inSyncAllocationIds[0]).toEqual(['a0', 'a2'])
    expect(clusterHealth(state)).toMatchObject({ status: 'yellow', active_shards: 3, initializing_shards: 1 })
  })

  it('never promotes a stale copy: a lost primary waits, red, for a node that holds an in-sync copy', () => {
    const context = new TestAllocationContext()
    let state = startAll(
      startAll(reroute(withIndex(stateWithNodes('n1', 'n2'), 1, 1), context), context),
      context,
    )
    expect(placement(state, 0)).toEqual([
      ['n1', 'STARTED', true],
      ['n2', 'STARTED', false],
    ])
    // The primary failed the replica during a write: a1 is no longer in sync, and a new replica starts over.
    state = applyFailedShards(
      state,
      [
        {
          index: 'i',
          shard: 0,
          allocationId: 'a1',
          reason: 'ALLOCATION_FAILED',
          details: 'failed to index',
          markAsStale: true,
        },
      ],
      context,
    )
    expect(state.metadata.indices['i']!.inSyncAllocationIds[0]).toEqual(['a0'])
    const replica = state.routingTable['i']![0]!.find((c) => !c.primary)!
    expect(replica).toMatchObject({ nodeId: 'n2', state: 'INITIALIZING', allocationId: 'a2' })
    expect(replica.unassignedInfo).toMatchObject({ reason: 'ALLOCATION_FAILED', failedAllocations: 1 })

    state = disassociateDeadNodes({ ...state, nodes: [dataNode('n2')] }, context)
    const primary = state.routingTable['i']![0]!.find((c) => c.primary)!
    expect(primary).toMatchObject({ state: 'UNASSIGNED', recoverySource: 'EXISTING_STORE' })
    expect(primary.unassignedInfo).toMatchObject({
      reason: 'NODE_LEFT',
      lastAllocationStatus: 'NO_VALID_SHARD_COPY',
    })
    expect(state.routingTable['i']![0]!.find((c) => !c.primary)!.unassignedInfo?.reason).toBe(
      'PRIMARY_FAILED',
    )
    expect(state.metadata.indices['i']!.primaryTerms).toEqual([2])
    expect(clusterHealth(state).status).toBe('red')

    // n1 comes back with a0 on disk: the primary goes back to it, keeping a0, in primary term 3.
    state = reroute({ ...state, nodes: [dataNode('n1'), dataNode('n2')] }, context)
    expect(state.routingTable['i']![0]!.find((c) => c.primary)).toMatchObject({
      nodeId: 'n1',
      state: 'INITIALIZING',
      allocationId: 'a0',
      recoverySource: 'EXISTING_STORE',
    })
    expect(state.metadata.indices['i']!.primaryTerms).toEqual([3])
  })

  it('an active replica outside the in-sync set is never promoted', () => {
    const context = new TestAllocationContext()
    let state = startAll(
      startAll(reroute(withIndex(stateWithNodes('n1', 'n2'), 1, 1), context), context),
      context,
    )
    const metadata = state.metadata.indices['i']!
    state = {
      ...state,
      metadata: { pipelines: {}, indices: { i: { ...metadata, inSyncAllocationIds: [['a0']] } } },
    }
    state = disassociateDeadNodes({ ...state, nodes: [dataNode('n2')] }, context)
    expect(placement(state, 0)).toEqual([
      ['n2', 'STARTED', false],
      [null, 'UNASSIGNED', true],
    ])
    expect(clusterHealth(state).status).toBe('red')
  })

  it('a failed primary with no active copy left keeps its allocation id in sync', () => {
    const context = new TestAllocationContext()
    let state = startAll(reroute(withIndex(stateWithNodes('n1'), 1, 0), context), context)
    state = applyFailedShards(
      state,
      [
        {
          index: 'i',
          shard: 0,
          allocationId: 'a0',
          reason: 'ALLOCATION_FAILED',
          details: null,
          markAsStale: true,
        },
      ],
      context,
    )
    expect(state.metadata.indices['i']!.inSyncAllocationIds[0]).toEqual(['a0'])
  })

  it('trims the in-sync set to number_of_replicas + 1 when it grows, keeping routed copies', () => {
    const context = new TestAllocationContext()
    let state = startAll(
      startAll(reroute(withIndex(stateWithNodes('n1', 'n2', 'n3'), 1, 1), context), context),
      context,
    )
    // The replica's node leaves; after the delay its replacement starts: three ids for two copies.
    state = disassociateDeadNodes({ ...state, nodes: state.nodes.filter((n) => n.id !== 'n2') }, context)
    context.now += NODE_LEFT_DELAYED_TIMEOUT_MS
    state = startAll(reroute(state, context), context)
    expect(state.metadata.indices['i']!.inSyncAllocationIds[0]).toEqual(['a0', 'a2'])
  })

  it('number_of_replicas up adds REPLICA_ADDED copies; down removes unassigned ones first', () => {
    const context = new TestAllocationContext()
    let state = startAll(
      startAll(reroute(withIndex(stateWithNodes('n1', 'n2'), 1, 1), context), context),
      context,
    )
    state = reroute(updateNumberOfReplicas(state, 'i', 2, 2_000), context)
    const added = state.routingTable['i']![0]!.filter((c) => c.state === 'UNASSIGNED')
    expect(added).toHaveLength(1)
    expect(added[0]!.unassignedInfo).toMatchObject({
      reason: 'REPLICA_ADDED',
      at: 2_000,
      lastAllocationStatus: 'NO_ATTEMPT',
    })
    expect(clusterHealth(state)).toMatchObject({ status: 'yellow', unassigned_shards: 1 })
    state = updateNumberOfReplicas(state, 'i', 1, 3_000)
    expect(placement(state, 0)).toEqual([
      ['n1', 'STARTED', true],
      ['n2', 'STARTED', false],
    ])
    expect(clusterHealth(state).status).toBe('green')
  })

  it('a new index on a cluster without data nodes is red (DECIDERS_NO)', () => {
    const state = reroute(
      withIndex({ ...stateWithNodes('m1'), nodes: [{ ...dataNode('m1'), roles: ['master'] }] }, 1, 0),
      new TestAllocationContext(),
    )
    expect(state.routingTable['i']![0]![0]!.unassignedInfo?.lastAllocationStatus).toBe('DECIDERS_NO')
    expect(clusterHealth(state).status).toBe('red')
  })
})
