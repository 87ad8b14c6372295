// ShardsLimitAllocationDecider on hand-built states: cluster.routing.allocation.total_shards_per_node and the
// index's index.routing.allocation.total_shards_per_node (ES 8.17's texts for canAllocate and canRemain, the -1
// default, a relocation counted on its target), a reroute leaving copies over the limit unassigned and moving
// copies off a node a lowered limit no longer lets them stay on; and on a running cluster, the settings'
// validation and the allocation explain API naming the decider.
import { describe, expect, it } from 'vitest'
import {
  explainCanAllocate,
  explainCanRemain,
  type Decision,
} from '../../../../workers/es/cluster/allocation/allocation-deciders.ts'
import { reroute } from '../../../../workers/es/cluster/allocation/allocation-service.ts'
import { RoutingAllocation } from '../../../../workers/es/cluster/allocation/routing-allocation.ts'
import { applyClusterSettingsUpdate } from '../../../../workers/es/cluster/metadata/cluster-settings.ts'
import {
  emptyClusterState,
  type ClusterState,
  type IndexMetadata,
} from '../../../../workers/es/cluster/state/cluster-state.ts'
import { THREE_NODES } from './three-nodes.ts'
import { newUnassignedInfo, type ShardRouting } from '../../../../workers/es/cluster/state/shard-routing.ts'
import { clusterWithIndex, errorBody } from './cluster-admin-fixture.ts'

const NODES = THREE_NODES
const CLUSTER_KEY = 'cluster.routing.allocation.total_shards_per_node'
const INDEX_KEY = 'index.routing.allocation.total_shards_per_node'

function copy(
  index: string,
  shard: number,
  node: string | null,
  relocatingTo: string | null = null,
): ShardRouting {
  return {
    index,
    shard,
    primary: true,
    state: node === null ? 'UNASSIGNED' : relocatingTo === null ? 'STARTED' : 'RELOCATING',
    nodeId: node,
    relocatingNodeId: relocatingTo,
    relocationId: relocatingTo === null ? null : `${index}${shard}r`,
    allocationId: node === null ? null : `${index}${shard}`,
    recoverySource: node === null ? 'EMPTY_STORE' : null,
    unassignedInfo: node === null ? newUnassignedInfo('INDEX_CREATED', 0) : null,
  }
}

/** Indices of primaries only (one copy per shard), `limits` the index setting per index, `cluster` the cluster's. */
function stateWith(
  shards: Record<string, Array<string | null | [string, string]>>,
  limits: Record<string, string> = {},
  cluster?: string,
): ClusterState {
  const base = emptyClusterState('c')
  const indices: Record<string, IndexMetadata> = {}
  const routingTable: Record<string, ShardRouting[][]> = {}
  for (const [name, placements] of Object.entries(shards)) {
    const limit = limits[name]
    indices[name] = {
      name,
      uuid: `u${name}`,
      numberOfShards: placements.length,
      numberOfReplicas: 0,
      primaryTerms: placements.map(() => 1),
      inSyncAllocationIds: placements.map((p, shard) => (p === null ? [] : [`${name}${shard}`])),
      settings: limit === undefined ? {} : { otherSettings: { [INDEX_KEY]: limit } },
      mappings: {},
    }
    routingTable[name] = placements.map((p, shard) => [
      Array.isArray(p) ? copy(name, shard, p[0], p[1]) : copy(name, shard, p),
    ])
  }
  const state = { ...base, nodes: NODES, metadata: { ...base.metadata, indices }, routingTable }
  if (cluster === undefined) return state
  return applyClusterSettingsUpdate(state, { persistent: { [CLUSTER_KEY]: cluster }, transient: {} })
}

function allocationOf(state: ClusterState): RoutingAllocation {
  let n = 0
  return new RoutingAllocation(state, { now: 0, newAllocationId: () => `new${n++}`, shardStores: () => [] })
}

function shardsLimit(decisions: readonly Decision[]): Decision {
  return decisions.find((d) => d.decider === 'shards_limit')!
}

function canAllocate(state: ClusterState, index: string, shard: number, node: number): Decision {
  const allocation = allocationOf(state)
  return shardsLimit(explainCanAllocate(allocation, allocation.copies(index, shard)[0]!, NODES[node]!))
}

function canRemain(state: ClusterState, index: string, shard: number, node: number): Decision {
  const allocation = allocationOf(state)
  return shardsLimit(explainCanRemain(allocation, allocation.copies(index, shard)[0]!, NODES[node]!))
}

describe('ShardsLimitAllocationDecider', () => {
  it('says YES with both limits disabled (-1 by default, 0 too)', () => {
    const state = stateWith({ a: ['n1', null] }, { a: '0' })
    expect(canAllocate(state, 'a', 1, 0)).toEqual({
      decider: 'shards_limit',
      type: 'YES',
      explanation: 'total shard limits are disabled: [index: 0, cluster: -1] <= 0',
    })
  })

  it('refuses a node at the cluster limit, checked before the index limit', () => {
    const state = stateWith({ a: ['n1', null], b: ['n1'] }, { a: '1' }, '2')
    expect(canAllocate(state, 'a', 1, 0)).toEqual({
      decider: 'shards_limit',
      type: 'NO',
      explanation: `too many shards [2] allocated to this node, cluster setting [${CLUSTER_KEY}=2]`,
    })
    expect(canAllocate(state, 'a', 1, 1)).toEqual({
      decider: 'shards_limit',
      type: 'YES',
      explanation:
        'the shard count [0] for this node is under the index limit [1] and cluster level node limit [2]',
    })
  })

  it('refuses a node at the index limit for that index only', () => {
    const state = stateWith({ a: ['n1', null], b: ['n1', 'n1', null] }, { a: '1' })
    expect(canAllocate(state, 'a', 1, 0)).toEqual({
      decider: 'shards_limit',
      type: 'NO',
      explanation: `too many shards [1] allocated to this node for index [a], index setting [${INDEX_KEY}=1]`,
    })
    expect(canAllocate(state, 'b', 2, 0)).toEqual({
      decider: 'shards_limit',
      type: 'YES',
      explanation: 'total shard limits are disabled: [index: -1, cluster: -1] <= 0',
    })
  })

  it('counts a relocating copy on its target node, not on its source', () => {
    const state = stateWith({ a: [['n1', 'n2'], null] }, { a: '1' })
    expect(canAllocate(state, 'a', 1, 0).type).toBe('YES')
    expect(canAllocate(state, 'a', 1, 1).type).toBe('NO')
  })

  it('lets a copy remain at the limit and refuses it above', () => {
    const state = stateWith({ a: ['n1', 'n1'] }, { a: '2' }, '3')
    expect(canRemain(state, 'a', 0, 0).type).toBe('YES')
    const lowered = stateWith({ a: ['n1', 'n1'] }, { a: '1' })
    expect(canRemain(lowered, 'a', 0, 0)).toEqual({
      decider: 'shards_limit',
      type: 'NO',
      explanation: `too many shards [2] allocated to this node for index [a], index setting [${INDEX_KEY}=1]`,
    })
    const cluster = stateWith({ a: ['n1', 'n1'] }, {}, '1')
    expect(canRemain(cluster, 'a', 1, 0).explanation).toBe(
      `too many shards [2] allocated to this node, cluster setting [${CLUSTER_KEY}=1]`,
    )
  })
})

describe('reroute with total_shards_per_node', () => {
  const context = { now: 0, newAllocationId: () => 'x', shardStores: () => [] }

  it('assigns no more copies to a node than the limit, leaving the rest unassigned', () => {
    const next = reroute(stateWith({ a: [null, null, null, null] }, { a: '1' }), context)
    const copies = next.routingTable.a!.flat()
    expect(
      copies
        .filter((c) => c.state === 'INITIALIZING')
        .map((c) => c.nodeId)
        .sort(),
    ).toEqual(['n1', 'n2', 'n3'])
    expect(copies.filter((c) => c.state === 'UNASSIGNED')).toHaveLength(1)
  })

  it('moves copies off a node over a lowered limit to nodes under it', () => {
    const next = reroute(stateWith({ a: ['n1', 'n1', 'n2'] }, {}, '1'), context)
    const moving = next.routingTable.a!.flat().filter((c) => c.state === 'RELOCATING')
    expect(moving.map((c) => [c.shard, c.nodeId, c.relocatingNodeId])).toEqual([[0, 'n1', 'n3']])
  })
})

describe('total_shards_per_node on a running cluster', () => {
  it('validates both settings as ES does', async () => {
    const { cluster } = await clusterWithIndex(3)
    const clusterSetting = await cluster.send(1, 'PUT', '/_cluster/settings', {
      persistent: { [CLUSTER_KEY]: -2 },
    })
    expect(JSON.parse(clusterSetting.body)).toEqual(
      errorBody(
        'illegal_argument_exception',
        `Failed to parse value [-2] for setting [${CLUSTER_KEY}] must be >= -1`,
        400,
      ),
    )
    const indexSetting = await cluster.send(1, 'PUT', '/idx/_settings', { [INDEX_KEY]: 'two' })
    expect(JSON.parse(indexSetting.body)).toEqual(
      errorBody('illegal_argument_exception', `Failed to parse value [two] for setting [${INDEX_KEY}]`, 400),
    )
  })

  it('keeps a primary unassigned and copies over the limit in place, as allocation explain says', async () => {
    const { cluster, ids } = await clusterWithIndex(2, {
      settings: { number_of_shards: 2, number_of_replicas: 1 },
    })
    await cluster.json(1, 'PUT', '/_cluster/settings', { persistent: { [CLUSTER_KEY]: 1 } })
    await cluster.json(1, 'PUT', '/more', { settings: { number_of_shards: 1, number_of_replicas: 0 } })
    await cluster.settle()
    const explain = await cluster.send(1, 'GET', '/_cluster/allocation/explain', {
      index: 'more',
      shard: 0,
      primary: true,
    })
    const body = JSON.parse(explain.body) as {
      can_allocate: string
      node_allocation_decisions: Array<{ node_id: string; deciders: unknown[] }>
    }
    expect(body.can_allocate).toBe('no')
    for (const node of body.node_allocation_decisions) {
      expect([...ids.values()]).toContain(node.node_id)
      expect(node.deciders).toEqual([
        {
          decider: 'shards_limit',
          decision: 'NO',
          explanation: `too many shards [2] allocated to this node, cluster setting [${CLUSTER_KEY}=1]`,
        },
      ])
    }
    const started = await cluster.send(1, 'GET', '/_cluster/allocation/explain', {
      index: 'idx',
      shard: 0,
      primary: true,
    })
    const move = JSON.parse(started.body) as Record<string, unknown>
    expect(move['can_remain_on_current_node']).toBe('no')
    expect(move['can_remain_decisions']).toEqual([
      {
        decider: 'shards_limit',
        decision: 'NO',
        explanation: `too many shards [2] allocated to this node, cluster setting [${CLUSTER_KEY}=1]`,
      },
    ])
    expect(move['can_move_to_other_node']).toBe('no')
  })

  it('moves copies off a node when the index limit is lowered', async () => {
    const { cluster } = await clusterWithIndex(3)
    await cluster.json(1, 'PUT', '/_cluster/settings', {
      persistent: {
        'cluster.routing.rebalance.enable': 'none',
        'cluster.routing.allocation.exclude._name': 'es-node-3',
      },
    })
    await cluster.json(1, 'PUT', '/spread', { settings: { number_of_shards: 3, number_of_replicas: 0 } })
    await cluster.json(1, 'PUT', '/_cluster/settings', {
      persistent: { 'cluster.routing.allocation.exclude._name': null },
    })
    await cluster.settle()
    const nodes = async (): Promise<string[]> => {
      const response = await cluster.send(1, 'GET', '/_cat/shards/spread?h=node&s=node')
      return response.body.trim().split('\n')
    }
    expect(await nodes()).not.toContain('es-node-3')
    await cluster.json(1, 'PUT', '/spread/_settings', { [INDEX_KEY]: 1 })
    await cluster.json(1, 'GET', '/_cluster/health?wait_for_no_relocating_shards=true&timeout=60s')
    await cluster.settle()
    expect(await nodes()).toEqual(['es-node-1', 'es-node-2', 'es-node-3'])
  })
})
