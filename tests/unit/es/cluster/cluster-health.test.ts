/**
 * Cluster health against the numbers real ES 8 clusters reported (red 90.47619047619048 %, yellow 70 %,
 * yellow 50.28884754724371 %), ClusterShardHealth.getInactivePrimaryHealth's cases, and a naive oracle.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { clusterHealth, shardHealth } from '../../../../workers/es/cluster/state/cluster-health.ts'
import type { ClusterState, IndexMetadata } from '../../../../workers/es/cluster/state/cluster-state.ts'
import {
  newUnassignedInfo,
  type RecoverySourceType,
  type ShardRouting,
  type ShardRoutingState,
} from '../../../../workers/es/cluster/state/shard-routing.ts'
import { stateWithNodes } from './fixtures.ts'

function copy(
  primary: boolean,
  state: ShardRoutingState,
  recoverySource: RecoverySourceType | null = state === 'STARTED'
    ? null
    : primary
      ? 'EXISTING_STORE'
      : 'PEER',
): ShardRouting {
  const active = state === 'STARTED' || state === 'RELOCATING'
  return {
    index: 'i',
    shard: 0,
    primary,
    state,
    nodeId: state === 'UNASSIGNED' ? null : 'n1',
    relocatingNodeId: state === 'RELOCATING' ? 'n2' : null,
    relocationId: state === 'RELOCATING' ? 'target' : null,
    allocationId: state === 'UNASSIGNED' ? null : 'a',
    recoverySource: active ? null : recoverySource,
    unassignedInfo: active ? null : newUnassignedInfo('NODE_LEFT', 0),
  }
}

/** One index whose shard s has the copies `shards[s]`. */
function stateOf(shards: ShardRouting[][], replicas: number): ClusterState {
  const metadata: IndexMetadata = {
    name: 'i',
    uuid: 'u',
    numberOfShards: shards.length,
    numberOfReplicas: replicas,
    primaryTerms: shards.map(() => 1),
    inSyncAllocationIds: shards.map(() => ['a']),
    settings: {},
    mappings: {},
  }
  return {
    ...stateWithNodes('n1', 'n2'),
    metadata: { pipelines: {}, indices: { i: metadata } },
    routingTable: { i: shards },
  }
}

const started = (): ShardRouting[] => [copy(true, 'STARTED'), copy(false, 'STARTED')]

describe('cluster health', () => {
  it('red with 38 of 42 copies active: 90.47619047619048 %, as a real red cluster reported', () => {
    const shards = [
      ...Array.from({ length: 19 }, started),
      [copy(true, 'UNASSIGNED'), copy(false, 'UNASSIGNED')],
      [copy(true, 'UNASSIGNED'), copy(false, 'UNASSIGNED')],
    ]
    expect(clusterHealth(stateOf(shards, 1))).toEqual({
      cluster_name: 'docker-cluster',
      status: 'red',
      timed_out: false,
      number_of_nodes: 2,
      number_of_data_nodes: 2,
      active_primary_shards: 19,
      active_shards: 38,
      relocating_shards: 0,
      initializing_shards: 0,
      unassigned_shards: 4,
      delayed_unassigned_shards: 0,
      number_of_pending_tasks: 0,
      number_of_in_flight_fetch: 0,
      task_max_waiting_in_queue_millis: 0,
      active_shards_percent_as_number: 90.47619047619048,
    })
  })

  it('yellow with 5 primaries, 2 started and 3 initializing replicas: 70 %', () => {
    const shards = [
      ...Array.from({ length: 2 }, started),
      ...Array.from({ length: 3 }, () => [copy(true, 'STARTED'), copy(false, 'INITIALIZING')]),
    ]
    expect(clusterHealth(stateOf(shards, 1))).toMatchObject({
      status: 'yellow',
      active_primary_shards: 5,
      active_shards: 7,
      initializing_shards: 3,
      unassigned_shards: 0,
      active_shards_percent_as_number: 70,
    })
  })

  it('yellow at 10272 of 20426 copies: 50.28884754724371 %, new primaries initializing count as yellow', () => {
    const shards = [
      ...Array.from({ length: 65 }, started),
      ...Array.from({ length: 499 }, () => [copy(true, 'STARTED'), copy(false, 'INITIALIZING')]),
      ...Array.from({ length: 6 }, () => [
        copy(true, 'INITIALIZING', 'EMPTY_STORE'),
        copy(false, 'UNASSIGNED'),
      ]),
      ...Array.from({ length: 10213 - 570 }, () => [copy(true, 'STARTED'), copy(false, 'UNASSIGNED')]),
    ]
    expect(clusterHealth(stateOf(shards, 1))).toMatchObject({
      status: 'yellow',
      active_primary_shards: 10207,
      active_shards: 10272,
      initializing_shards: 505,
      unassigned_shards: 9649,
      active_shards_percent_as_number: 50.28884754724371,
    })
  })

  it('an inactive primary: yellow while new (EMPTY_STORE), red once refused or existing', () => {
    expect(shardHealth([copy(true, 'UNASSIGNED', 'EMPTY_STORE')]).status).toBe('yellow')
    const refused = copy(true, 'UNASSIGNED', 'EMPTY_STORE')
    const decidersNo = {
      ...refused,
      unassignedInfo: { ...refused.unassignedInfo!, lastAllocationStatus: 'DECIDERS_NO' as const },
    }
    expect(shardHealth([decidersNo]).status).toBe('red')
    const failed = { ...refused, unassignedInfo: { ...refused.unassignedInfo!, failedAllocations: 1 } }
    expect(shardHealth([failed]).status).toBe('red')
    expect(shardHealth([copy(true, 'INITIALIZING', 'EXISTING_STORE')]).status).toBe('red')
  })

  it('a relocating copy is active and counted as relocating; no master is red', () => {
    const health = shardHealth([copy(true, 'RELOCATING'), copy(false, 'STARTED')])
    expect(health).toEqual({
      status: 'green',
      primaryActive: true,
      activeShards: 2,
      relocatingShards: 1,
      initializingShards: 0,
      unassignedShards: 0,
    })
    const state = { ...stateOf([started()], 1), masterNodeId: null }
    expect(clusterHealth(state)).toMatchObject({ status: 'red', active_shards_percent_as_number: 100 })
  })

  it('agrees with a naive oracle on random routing tables', () => {
    const states = fc.constantFrom<ShardRoutingState>('UNASSIGNED', 'INITIALIZING', 'STARTED', 'RELOCATING')
    const sources = fc.constantFrom<RecoverySourceType>('EMPTY_STORE', 'EXISTING_STORE')
    const shard = fc
      .tuple(states, sources, fc.array(states, { minLength: 0, maxLength: 2 }))
      .map(([p, source, replicas]) => [copy(true, p, source), ...replicas.map((r) => copy(false, r))])
    fc.assert(
      fc.property(fc.array(shard, { minLength: 1, maxLength: 6 }), (shards) => {
        const replicas = Math.max(...shards.map((s) => s.length)) - 1
        const padded = shards.map((s) => [
          ...s,
          ...Array.from({ length: replicas + 1 - s.length }, () => copy(false, 'UNASSIGNED')),
        ])
        const health = clusterHealth(stateOf(padded, replicas))
        const all = padded.flat()
        const isActive = (c: ShardRouting): boolean => c.state === 'STARTED' || c.state === 'RELOCATING'
        const statuses = padded.map((s) => {
          const primary = s[0]!
          if (isActive(primary)) return s.every(isActive) ? 1 : 2
          return primary.recoverySource === 'EMPTY_STORE' ? 2 : 3
        })
        const worst = Math.max(...statuses)
        const active = all.filter(isActive).length
        expect(health.status).toBe(['green', 'yellow', 'red'][worst - 1])
        expect(health.active_shards).toBe(active)
        expect(health.active_primary_shards).toBe(padded.filter((s) => isActive(s[0]!)).length)
        expect(health.relocating_shards).toBe(all.filter((c) => c.state === 'RELOCATING').length)
        expect(health.initializing_shards).toBe(all.filter((c) => c.state === 'INITIALIZING').length)
        expect(health.unassigned_shards).toBe(all.filter((c) => c.state === 'UNASSIGNED').length)
        expect(health.active_shards_percent_as_number).toBe(worst === 1 ? 100 : (active / all.length) * 100)
      }),
      { numRuns: 300 },
    )
  })
})
