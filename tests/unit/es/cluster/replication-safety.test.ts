/**
 * The master-side rules that keep acknowledged writes, each found by the data fault schedules
 * (tests/simulation/es-cluster-data-schedules.test.ts): a primary marks an in-sync copy that has left the
 * routing table stale before it acknowledges (ReplicationOperation.markUnavailableShardsAsStale, and the
 * master removes an unrouted id from the in-sync set: ShardFailedClusterStateTaskExecutor); a report from
 * a primary of an older term is ignored (primary term mismatch); the master forgets a store a node
 * wipes to recover another copy of the shard, even from an answer the node sent before it applied that;
 * and a commit reaches only the process that accepted the state, not one restarted since.
 */
import { describe, expect, it } from 'vitest'
import {
  applyFailedShards,
  applyStartedShards,
  disassociateDeadNodes,
  failureStillPending,
  reporterDeposed,
  reroute,
  type FailedShard,
} from '../../../../workers/es/cluster/allocation/allocation-service.ts'
import { GatewayShardStores } from '../../../../workers/es/cluster/coordination/gateway-shard-stores.ts'
import type { ClusterState } from '../../../../workers/es/cluster/state/cluster-state.ts'
import { createIndex } from '../../../../workers/es/cluster/state/metadata-indices.ts'
import { clusterHealth } from '../../../../workers/es/cluster/state/cluster-health.ts'
import { dataNode, stateWithNodes, TestAllocationContext } from './fixtures.ts'
import { drain, SimEsCluster } from './sim-es-cluster.ts'

/** Index i, one shard, one replica, on n1 (primary a0) and n2 (replica a1), both started. */
function greenPair(context: TestAllocationContext): ClusterState {
  let state = reroute(
    createIndex(
      stateWithNodes('n1', 'n2'),
      { name: 'i', uuid: 'u', numberOfShards: 1, numberOfReplicas: 1, settings: {}, mappings: {} },
      1_000,
    ),
    context,
  )
  for (let round = 0; round < 2; round++) {
    const initializing = state.routingTable['i']![0]!.filter((c) => c.state === 'INITIALIZING')
    state = applyStartedShards(
      state,
      initializing.map((c) => ({ index: 'i', shard: 0, allocationId: c.allocationId! })),
      context,
    )
    context.recordStarted(state)
  }
  return state
}

const staleReport = (allocationId: string, primaryTerm: number): FailedShard => ({
  index: 'i',
  shard: 0,
  allocationId,
  reason: 'ALLOCATION_FAILED',
  details: 'failed to perform indices:data/write/bulk[s] on replica',
  markAsStale: true,
  primaryTerm,
})

describe('marking unavailable in-sync copies stale', () => {
  it('removes a copy that left the routing table from the in-sync set, so it is never made primary again', () => {
    const context = new TestAllocationContext()
    let state = greenPair(context)
    state = disassociateDeadNodes({ ...state, nodes: [dataNode('n1')] }, context)
    expect(state.metadata.indices['i']!.inSyncAllocationIds[0]).toEqual(['a0', 'a1'])
    expect(failureStillPending(state, staleReport('a1', 1))).toBe(true)

    state = applyFailedShards(state, [staleReport('a1', 1)], context)
    expect(state.metadata.indices['i']!.inSyncAllocationIds[0]).toEqual(['a0'])
    expect(failureStillPending(state, staleReport('a1', 1))).toBe(false)

    // n1 (the only in-sync copy) goes, n2 comes back with a1 on disk: red, not a1 promoted.
    state = disassociateDeadNodes({ ...state, nodes: [dataNode('n2')] }, context)
    const primary = state.routingTable['i']![0]!.find((c) => c.primary)!
    expect(primary).toMatchObject({ state: 'UNASSIGNED', nodeId: null })
    expect(primary.unassignedInfo?.lastAllocationStatus).toBe('NO_VALID_SHARD_COPY')
    expect(clusterHealth(state).status).toBe('red')
  })

  it('ignores a report from a primary of an older term: the promoted copy stays primary and in sync', () => {
    const context = new TestAllocationContext()
    let state = disassociateDeadNodes({ ...greenPair(context), nodes: [dataNode('n2')] }, context)
    expect(state.metadata.indices['i']!.primaryTerms).toEqual([2])
    // The deposed primary a0 (term 1) failed to replicate to a1 and reports it stale.
    const after = applyFailedShards(state, [staleReport('a1', 1)], context)
    expect(after.routingTable).toEqual(state.routingTable)
    expect(after.metadata.indices['i']!.inSyncAllocationIds[0]).toEqual(['a0', 'a1'])
    // The same report in the current term is applied.
    state = applyFailedShards(state, [staleReport('a0', 2)], context)
    expect(state.metadata.indices['i']!.inSyncAllocationIds[0]).toEqual(['a1'])
  })

  it('a deposed primary learns it was deposed: its report can no longer confirm a write (seed 290)', () => {
    const context = new TestAllocationContext()
    const green = greenPair(context)
    expect(reporterDeposed(green, staleReport('a1', 1), 'u')).toBe(false)
    // n1 leaves: a1 is promoted in term 2, and the copy a0 the old primary would mark stale leaves the
    // in-sync set on its own later; the old primary's report (term 1) must not count as confirmed.
    const failedOver = disassociateDeadNodes({ ...green, nodes: [dataNode('n2')] }, context)
    expect(reporterDeposed(failedOver, staleReport('a1', 1), 'u')).toBe(true)
    expect(reporterDeposed(failedOver, staleReport('a0', 2), 'u')).toBe(false)
    // The index deleted, or recreated under the same name: every report of the old one is deposed.
    expect(reporterDeposed(green, staleReport('a1', 1), 'another-uuid')).toBe(true)
    const deleted = { ...green, metadata: { ...green.metadata, indices: {} } }
    expect(reporterDeposed(deleted, staleReport('a1', 1), 'u')).toBe(true)
  })

  it('a plain failure (not stale) is pending only while the copy is routed', () => {
    const state = greenPair(new TestAllocationContext())
    const failure: FailedShard = { ...staleReport('a1', 1), markAsStale: false }
    expect(failureStillPending(state, failure)).toBe(true)
    expect(failureStillPending(state, { ...failure, allocationId: 'gone' })).toBe(false)
  })
})

describe('GatewayShardStores', () => {
  const stored = (allocationId: string, shard = 0) => ({ indexUuid: 'u', shard, allocationId })

  it('forgets a store once a copy of its shard recovers on that node from a peer, late answers included', () => {
    const context = new TestAllocationContext()
    let state = disassociateDeadNodes({ ...greenPair(context), nodes: [dataNode('n1')] }, context)
    const stores = new GatewayShardStores()
    expect(stores.reported('n2', [stored('a1'), stored('x', 1)])).toBe(true)
    expect(stores.reported('n2', [stored('a1'), stored('x', 1)])).toBe(false)
    stores.applied(state)
    expect(stores.list('n2')).toEqual([stored('a1'), stored('x', 1)])

    // n2 returns and is given a new replica a2 (PEER): it wipes a1 to recover a2.
    state = reroute({ ...state, nodes: [dataNode('n1'), dataNode('n2')] }, context)
    expect(state.routingTable['i']![0]!.find((c) => !c.primary)).toMatchObject({
      nodeId: 'n2',
      state: 'INITIALIZING',
      allocationId: 'a2',
      recoverySource: 'PEER',
    })
    stores.applied(state)
    expect(stores.list('n2')).toEqual([stored('x', 1)])
    // An answer n2 sent before it applied that state still lists a1: it is not believed.
    expect(stores.reported('n2', [stored('a1'), stored('x', 1)])).toBe(false)
    expect(stores.list('n2')).toEqual([stored('x', 1)])
  })

  it('keeps one store per shard and node: a started copy replaces the one it recovered over', () => {
    const stores = new GatewayShardStores()
    stores.reported('n2', [stored('a1'), stored('x', 1)])
    stores.started('n2', stored('a2'))
    expect(stores.list('n2')).toEqual([stored('x', 1), stored('a2')])
    expect(stores.list('n3')).toEqual([])
  })
})

describe('commit after a restart', () => {
  it('a restarted node refuses to commit the state it reloaded from disk, and rejoins through a publication', async () => {
    const cluster = new SimEsCluster(3, 3)
    cluster.startAll()
    const leader = await cluster.stabilise()
    const follower = cluster.addresses.find((a) => a !== leader.localNode.address)!
    const { term, version } = leader.state()
    cluster.kill(follower)
    const restarted = cluster.start(follower)
    const commit = cluster.network
      .endpoint(leader.localNode.address)
      .request(follower, { type: 'commit', term, version }, 1_000)
    await expect(cluster.run(commit)).rejects.toMatchObject({
      name: 'coordination_state_rejected_exception',
      message: 'the state to commit was not accepted by this process',
    })
    expect(restarted.state().masterNodeId).toBeNull()
    expect((await cluster.stabilise()).localNode.id).toBe(leader.localNode.id)
    expect(restarted.state().version).toBeGreaterThan(version)
    await drain()
  })
})
