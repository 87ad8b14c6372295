// GET [/{index}]/_shard_stores against started clusters, with exact bodies as ES 8.17 writes them
// (IndicesShardStoresResponse, StoreStatus and DiscoveryNode toXContent): a green index asked with status=green, the
// default yellow-and-red filter before and after a node holding a copy is killed, and the request errors.
import { describe, expect, it } from 'vitest'
import { DEFAULT_ROLES, clusterWithIndex, errorBody, errorOf, expectBody } from './cluster-admin-fixture.ts'
import type { TestCluster } from '../cluster/es-cluster-fixture.ts'

interface RoutingCopy {
  primary: boolean
  node: string | null
  allocation_id?: { id: string }
}

async function copies(cluster: TestCluster, node = 1): Promise<RoutingCopy[]> {
  const state = (await cluster.json(node, 'GET', '/_cluster/state/routing_table')) as {
    routing_table: { indices: Record<string, { shards: Record<string, RoutingCopy[]> }> }
  }
  return state.routing_table.indices['idx']!.shards['0']!
}

/** The node as `_cluster/state/nodes` prints it, with the index versions DiscoveryNode.toXContent adds. */
async function nodeJson(cluster: TestCluster, nodeId: string, asker = 1): Promise<Record<string, unknown>> {
  const state = (await cluster.json(asker, 'GET', '/_cluster/state/nodes')) as {
    nodes: Record<string, Record<string, unknown>>
  }
  const node = state.nodes[nodeId]!
  expect(node['roles']).toEqual(DEFAULT_ROLES)
  return { [nodeId]: { ...node, min_index_version: 7000099, max_index_version: 8521000 } }
}

describe('_shard_stores', () => {
  it('lists a green shard only when asked for green, primary store first', async () => {
    const { cluster } = await clusterWithIndex(2, { settings: { number_of_replicas: 1 } })
    await expectBody(cluster, 'GET', '/_shard_stores', undefined, 200, { indices: {} })
    const [primary, replica] = [...(await copies(cluster))].sort(
      (a, b) => Number(b.primary) - Number(a.primary),
    )
    const store = async (copy: RoutingCopy, allocation: string) => ({
      ...(await nodeJson(cluster, copy.node!)),
      allocation_id: copy.allocation_id!.id,
      allocation,
    })
    const expected = {
      indices: {
        idx: {
          shards: { '0': { stores: [await store(primary!, 'primary'), await store(replica!, 'replica')] } },
        },
      },
    }
    await expectBody(cluster, 'GET', '/idx/_shard_stores?status=green', undefined, 200, expected)
    await expectBody(cluster, 'GET', '/_shard_stores?status=yellow,all', undefined, 200, expected)
  })

  it('lists the surviving store of a yellow shard after its other node is killed', async () => {
    const { cluster } = await clusterWithIndex(3, { settings: { number_of_replicas: 1 } })
    const states = cluster.nodes.describeStates()
    const before = await copies(cluster)
    const master = states.find((s) => s.masterName === s.nodeName)!.nodeId
    const victimCopy = before.find((copy) => copy.node !== master)!
    const survivor = before.find((copy) => copy !== victimCopy)!
    const victim = cluster.nodes.ids()[states.findIndex((s) => s.nodeId === victimCopy.node)]!
    await cluster.nodes.kill(victim)
    const asker = cluster.nodes.ids().find((id) => id !== victim)!
    await cluster.send(asker, 'GET', '/_cluster/health?wait_for_nodes=2&timeout=60s')
    const response = await cluster.send(asker, 'GET', '/_shard_stores')
    expect(response.status).toBe(200)
    expect(JSON.parse(response.body)).toEqual({
      indices: {
        idx: {
          shards: {
            '0': {
              stores: [
                {
                  ...(await nodeJson(cluster, survivor.node!, asker)),
                  allocation_id: survivor.allocation_id!.id,
                  allocation: 'primary',
                },
              ],
            },
          },
        },
      },
    })
  })

  it('refuses an unknown status and a missing index as ES does', async () => {
    const { cluster } = await clusterWithIndex(1, { settings: { number_of_replicas: 0 } })
    const status = errorBody('illegal_argument_exception', 'unknown cluster health status [blue]', 400)
    await expectBody(cluster, 'GET', '/_shard_stores?status=blue', undefined, 400, status)
    const response = await cluster.send(1, 'GET', '/missing/_shard_stores')
    expect(response.status).toBe(404)
    expect(errorOf(response.body).type).toBe('index_not_found_exception')
  })
})
