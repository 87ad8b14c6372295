// GET /_cluster/allocation/explain against started clusters, with exact bodies as ES 8.17 writes them
// (ClusterAllocationExplanation, AllocateUnassignedDecision, MoveDecision, NodeAllocationResult toXContent):
// the unassigned replica of a one-node cluster refused by the same_shard decider (with and without a body),
// a started primary with its rebalance decision, the YES decisions on request, and the request errors.
import { describe, expect, it } from 'vitest'
import { timeValueString } from '../../../../workers/es/cluster/allocation/explanations.ts'
import { DEFAULT_ROLES, clusterWithIndex, errorBody, expectBody } from './cluster-admin-fixture.ts'

const DOCS = 'https://www.elastic.co/guide/en/elasticsearch/reference/8.17/cluster-allocation-explain.html'
const NOTE =
  'No shard was specified in the explain API request, so this response explains a randomly chosen unassigned ' +
  'shard. There may be other unassigned shards in this cluster which cannot be assigned for different reasons. ' +
  'It may not be possible to assign this shard until one of the other shards is assigned correctly. To explain ' +
  'the allocation of other shards (whether assigned or unassigned) you must specify the target shard in the ' +
  `request to this API. See ${DOCS} for more information.`
const ALL_NODES_FORBIDDEN =
  "Elasticsearch isn't allowed to allocate this shard to any of the nodes in the cluster. Choose a node to " +
  'which you expect this shard to be allocated, find this node in the node-by-node explanation, and address ' +
  'the reasons which prevent Elasticsearch from allocating this shard there.'
const ALREADY_BALANCED =
  'This shard is in a well-balanced location and satisfies all allocation rules so it will remain on this ' +
  'node. Elasticsearch cannot improve the cluster balance by moving it to another node. If you expect this ' +
  'shard to be rebalanced to another node, find the other node in the node-by-node explanation and address ' +
  'the reasons which prevent Elasticsearch from rebalancing this shard there.'
const CANNOT_REBALANCE_CANNOT_ALLOCATE =
  'Elasticsearch is not allowed to allocate or rebalance this shard to another node. If you expect this ' +
  'shard to be rebalanced to another node, find this node in the node-by-node explanation and address the ' +
  'reasons which prevent Elasticsearch from rebalancing this shard there.'

interface RoutingCopy {
  primary: boolean
  node: string | null
  allocation_id?: { id: string }
  unassigned_info?: { at: string }
}

async function shardCopies(cluster: Awaited<ReturnType<typeof clusterWithIndex>>['cluster']) {
  const state = (await cluster.json(1, 'GET', '/_cluster/state/routing_table')) as {
    routing_table: { indices: Record<string, { shards: Record<string, RoutingCopy[]> }> }
  }
  return state.routing_table.indices['idx']!.shards['0']!
}

/** The yellow one-node cluster: idx has 1 shard and 1 replica that can never be placed. */
async function yellowOneNode() {
  const admin = await clusterWithIndex(1)
  const copies = await shardCopies(admin.cluster)
  const primary = copies.find((copy) => copy.primary)!
  const replica = copies.find((copy) => !copy.primary)!
  const nodeId = admin.ids.get('es-node-1')!
  const unassigned = (note: boolean, deciders: unknown[]) => ({
    ...(note ? { note: NOTE } : {}),
    index: 'idx',
    shard: 0,
    primary: false,
    current_state: 'unassigned',
    unassigned_info: {
      reason: 'INDEX_CREATED',
      at: replica.unassigned_info!.at,
      last_allocation_status: 'no_attempt',
    },
    can_allocate: 'no',
    allocate_explanation: ALL_NODES_FORBIDDEN,
    node_allocation_decisions: [
      {
        node_id: nodeId,
        node_name: 'es-node-1',
        transport_address: '127.0.0.1:9300',
        roles: DEFAULT_ROLES,
        node_decision: 'no',
        deciders,
      },
    ],
  })
  const sameShard = {
    decider: 'same_shard',
    decision: 'NO',
    explanation:
      'a copy of this shard is already allocated to this node ' +
      `[[idx][0], node[${nodeId}], [P], s[STARTED], a[id=${primary.allocation_id!.id}], failed_attempts[0]]`,
  }
  return { ...admin, nodeId, unassigned, sameShard }
}

describe('allocation explain of an unassigned replica (one node, yellow)', () => {
  it('explains the first unassigned shard without a body, with the note and the same_shard decision', async () => {
    const { cluster, unassigned, sameShard } = await yellowOneNode()
    const response = await cluster.send(1, 'GET', '/_cluster/allocation/explain')
    expect(response.status).toBe(200)
    expect(response.body).toBe(JSON.stringify(unassigned(true, [sameShard])))
  })

  it('explains the named replica without the note, and keeps YES decisions on request', async () => {
    const { cluster, unassigned, sameShard } = await yellowOneNode()
    const request = { index: 'idx', shard: 0, primary: false }
    const named = await cluster.send(1, 'POST', '/_cluster/allocation/explain', request)
    expect(named.body).toBe(JSON.stringify(unassigned(false, [sameShard])))
    const yes = await cluster.send(1, 'GET', '/_cluster/allocation/explain?include_yes_decisions', request)
    const replicaAfterPrimary = {
      decider: 'replica_after_primary_active',
      decision: 'YES',
      explanation: 'primary shard for this replica is already active',
    }
    const throttling = {
      decider: 'throttling',
      decision: 'YES',
      explanation: 'below shard recovery limit of outgoing: [0 < 2] incoming: [0 < 2]',
    }
    const enable = { decider: 'enable', decision: 'YES', explanation: 'all allocations are allowed' }
    const filter = {
      decider: 'filter',
      decision: 'YES',
      explanation: 'node passes include/exclude/require filters',
    }
    // The node's disk: the 100gb model disk with 20gb used by others and the primary's few store bytes.
    const diskThreshold = {
      decider: 'disk_threshold',
      decision: 'YES',
      explanation:
        'enough disk for shard on node, free: [79.9gb], used: [20%], shard size: [0b], ' +
        'free after allocating shard: [79.9gb]',
    }
    const shardsLimit = {
      decider: 'shards_limit',
      decision: 'YES',
      explanation: 'total shard limits are disabled: [index: -1, cluster: -1] <= 0',
    }
    expect(yes.body).toBe(
      JSON.stringify(
        unassigned(false, [
          replicaAfterPrimary,
          enable,
          filter,
          sameShard,
          diskThreshold,
          throttling,
          shardsLimit,
        ]),
      ),
    )
  })

  it('explains the started primary: may remain, no rebalancing while a replica is unassigned', async () => {
    const { cluster, nodeId } = await yellowOneNode()
    await expectBody(
      cluster,
      'GET',
      '/_cluster/allocation/explain',
      { index: 'idx', shard: 0, primary: true },
      200,
      {
        index: 'idx',
        shard: 0,
        primary: true,
        current_state: 'started',
        current_node: {
          id: nodeId,
          name: 'es-node-1',
          transport_address: '127.0.0.1:9300',
          roles: DEFAULT_ROLES,
          weight_ranking: 1,
        },
        can_remain_on_current_node: 'yes',
        can_rebalance_cluster: 'no',
        can_rebalance_cluster_decisions: [
          {
            decider: 'rebalance_only_when_active',
            decision: 'NO',
            explanation: 'rebalancing is not allowed until all replicas in the cluster are active',
          },
          {
            decider: 'cluster_rebalance',
            decision: 'NO',
            explanation:
              'the cluster has unassigned shards and cluster setting ' +
              '[cluster.routing.allocation.allow_rebalance] is set to [indices_all_active]',
          },
        ],
        can_rebalance_to_other_node: 'no',
        rebalance_explanation: CANNOT_REBALANCE_CANNOT_ALLOCATE,
      },
    )
  })
})

describe('allocation explain on a green three-node cluster', () => {
  it('explains an assigned primary: already balanced, its replica node refused by same_shard', async () => {
    const { cluster, ids } = await clusterWithIndex(3, {
      settings: { number_of_shards: 1, number_of_replicas: 1 },
    })
    const copies = await shardCopies(cluster)
    const primary = copies.find((copy) => copy.primary)!
    const replica = copies.find((copy) => !copy.primary)!
    const byId = new Map([...ids].map(([name, id]) => [id, name]))
    const third = [...ids.values()].find((id) => id !== primary.node && id !== replica.node)!
    const port = (id: string) => `127.0.0.1:${9299 + Number(byId.get(id)!.slice('es-node-'.length))}`
    const node = (id: string) => ({
      node_id: id,
      node_name: byId.get(id)!,
      transport_address: port(id),
      roles: DEFAULT_ROLES,
    })
    await expectBody(
      cluster,
      'GET',
      '/_cluster/allocation/explain',
      { index: 'idx', shard: 0, primary: true },
      200,
      {
        index: 'idx',
        shard: 0,
        primary: true,
        current_state: 'started',
        current_node: {
          id: primary.node,
          name: byId.get(primary.node!),
          transport_address: port(primary.node!),
          roles: DEFAULT_ROLES,
          weight_ranking: 1,
        },
        can_remain_on_current_node: 'yes',
        can_rebalance_cluster: 'yes',
        can_rebalance_to_other_node: 'no',
        rebalance_explanation: ALREADY_BALANCED,
        node_allocation_decisions: [
          {
            ...node(replica.node!),
            node_decision: 'no',
            weight_ranking: 1,
            deciders: [
              {
                decider: 'same_shard',
                decision: 'NO',
                explanation:
                  'a copy of this shard is already allocated to this node ' +
                  `[[idx][0], node[${replica.node}], [R], s[STARTED], a[id=${replica.allocation_id!.id}], failed_attempts[0]]`,
              },
            ],
          },
          { ...node(third), node_decision: 'worse_balance', weight_ranking: 1 },
        ],
      },
    )
  })

  it('explains a replica whose node left as delayed, with the time left of the 1m delayed_timeout', async () => {
    const { cluster, ids } = await clusterWithIndex(3, {
      settings: { number_of_shards: 1, number_of_replicas: 1 },
    })
    const copies = await shardCopies(cluster)
    const primaryNode = copies.find((copy) => copy.primary)!.node!
    const replicaNode = copies.find((copy) => !copy.primary)!.node!
    const nameOf = new Map([...ids].map(([name, id]) => [id, name]))
    const victim = Number(nameOf.get(replicaNode)!.slice('es-node-'.length))
    const survivor = Number(nameOf.get(primaryNode)!.slice('es-node-'.length))
    await cluster.nodes.kill(victim)
    await cluster.json(survivor, 'GET', '/_cluster/health?wait_for_nodes=2&timeout=60s')
    const response = await cluster.send(survivor, 'GET', '/_cluster/allocation/explain', {
      index: 'idx',
      shard: 0,
      primary: false,
    })
    const body = JSON.parse(response.body) as {
      unassigned_info: { at: string }
      remaining_delay_in_millis: number
      node_allocation_decisions: Array<{
        node_id: string
        node_decision: string
        deciders?: Array<{ decider: string }>
      }>
    }
    const remaining = Date.parse(body.unassigned_info.at) + 60_000 - cluster.queue.now()
    expect(remaining).toBeGreaterThan(0)
    expect(body).toMatchObject({
      current_state: 'unassigned',
      unassigned_info: { reason: 'NODE_LEFT', details: `node_left [${replicaNode}]` },
      can_allocate: 'allocation_delayed',
      allocate_explanation:
        'The node containing this shard copy recently left the cluster. Elasticsearch is waiting for it to ' +
        `return. If the node does not return within [${timeValueString(remaining)}] then Elasticsearch will ` +
        'allocate this shard to another node. Please wait.',
      configured_delay_in_millis: 60_000,
      remaining_delay_in_millis: remaining,
    })
    const third = [...ids.values()].find((id) => id !== primaryNode && id !== replicaNode)!
    expect(
      body.node_allocation_decisions.map((d) => [
        d.node_id,
        d.node_decision,
        d.deciders?.map((x) => x.decider),
      ]),
    ).toEqual([
      [third, 'yes', undefined],
      [primaryNode, 'no', ['same_shard']],
    ])
  })

  it('answers 400 when no shard is named and none is unassigned', async () => {
    const { cluster } = await clusterWithIndex(3)
    const reason =
      'There are no unassigned shards in this cluster. Specify an assigned shard in the request body to ' +
      `explain its allocation. See ${DOCS} for more information.`
    await expectBody(
      cluster,
      'GET',
      '/_cluster/allocation/explain',
      undefined,
      400,
      errorBody('illegal_argument_exception', reason, 400),
    )
  })
})

describe('allocation explain request errors', () => {
  it('needs index, shard and primary together, an existing index and shard, and strict booleans', async () => {
    const { cluster } = await clusterWithIndex(1)
    await expectBody(
      cluster,
      'GET',
      '/_cluster/allocation/explain',
      { index: 'idx' },
      400,
      errorBody(
        'action_request_validation_exception',
        'Validation Failed: 1: shard must be specified;2: primary must be specified;',
        400,
      ),
    )
    const missing = await cluster.send(1, 'GET', '/_cluster/allocation/explain', {
      index: 'nope',
      shard: 0,
      primary: true,
    })
    expect(missing.status).toBe(404)
    expect((JSON.parse(missing.body) as { error: { type: string } }).error.type).toBe(
      'index_not_found_exception',
    )
    const shard = await cluster.send(1, 'GET', '/_cluster/allocation/explain', {
      index: 'idx',
      shard: 5,
      primary: true,
    })
    expect(shard.status).toBe(404)
    expect((JSON.parse(shard.body) as { error: { type: string; reason: string } }).error).toMatchObject({
      type: 'shard_not_found_exception',
      reason: 'no such shard',
      shard: '5',
      index: 'idx',
    })
    await expectBody(
      cluster,
      'GET',
      '/_cluster/allocation/explain?include_disk_info=truee',
      { index: 'idx', shard: 0, primary: true },
      400,
      errorBody(
        'illegal_argument_exception',
        'Failed to parse value [truee] as only [true] or [false] are allowed.',
        400,
      ),
    )
    const numericIndex = await cluster.send(1, 'GET', '/_cluster/allocation/explain', {
      index: 0,
      shard: 0,
      primary: true,
    })
    expect((JSON.parse(numericIndex.body) as { error: { type: string; reason: string } }).error.type).toBe(
      'x_content_parse_exception',
    )
    const stringShard = await cluster.send(1, 'GET', '/_cluster/allocation/explain', {
      index: 'idx',
      shard: '0',
      primary: 'true',
    })
    expect(JSON.parse(stringShard.body)).toMatchObject({
      index: 'idx',
      shard: 0,
      primary: true,
      current_state: 'started',
    })
  })
})
