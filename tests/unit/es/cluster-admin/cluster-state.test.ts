// GET /_cluster/state[/{metric}[/{index}]] on a started three-node cluster, compared as exact text: ES 8.17's
// field order (cluster_name, cluster_uuid, version, master_node, blocks, nodes, metadata, routing_table,
// routing_nodes), the API-context index metadata, ShardRouting.toXContent, metric selection and the lenient
// index filter.
import { describe, expect, it } from 'vitest'
import { javaStringKeyOrder } from '../../../../workers/net/java-hash.ts'
import { DEFAULT_ROLES, clusterWithIndex, expectBody } from './cluster-admin-fixture.ts'

interface StateBody {
  cluster_uuid: string
  version: number
  master_node: string
  nodes: Record<string, { ephemeral_id: string }>
  metadata: {
    cluster_coordination: { term: number; last_committed_config: string[] }
    indices: Record<string, { settings: unknown; in_sync_allocations: Record<string, string[]> }>
  }
  routing_table: {
    indices: Record<string, { shards: Record<string, Array<{ allocation_id: { id: string } }>> }>
  }
}

describe('GET _cluster/state', () => {
  it('writes the whole state of a green cluster in ES order', async () => {
    const { cluster, ids } = await clusterWithIndex(3, {
      settings: { number_of_shards: 1, number_of_replicas: 1 },
      mappings: { properties: { title: { type: 'text' } } },
    })
    const actual = (await cluster.json(2, 'GET', '/_cluster/state')) as StateBody
    const nodeIds = javaStringKeyOrder([...ids.values()])
    const nameOf = new Map([...ids].map(([name, id]) => [id, name]))
    const [primary, replica] = actual.routing_table.indices['idx']!.shards['0']!
    const copies = (await cluster.json(1, 'GET', '/_cat/shards/idx?format=json&h=prirep,node')) as Array<{
      prirep: string
      node: string
    }>
    const primaryNode = ids.get(copies.find((c) => c.prirep === 'p')!.node)!
    const replicaNode = ids.get(copies.find((c) => c.prirep === 'r')!.node)!
    const copy = (isPrimary: boolean) => ({
      state: 'STARTED',
      primary: isPrimary,
      node: isPrimary ? primaryNode : replicaNode,
      relocating_node: null,
      shard: 0,
      index: 'idx',
      allocation_id: { id: (isPrimary ? primary : replica)!.allocation_id.id },
      relocation_failure_info: { failed_attempts: 0 },
    })
    const expected = {
      cluster_name: 'docker-cluster',
      cluster_uuid: actual.cluster_uuid,
      version: actual.version,
      master_node: cluster.nodes.describeStates().find((s) => s.master)!.nodeId,
      blocks: {},
      nodes: Object.fromEntries(
        nodeIds.map((id) => [
          id,
          {
            name: nameOf.get(id),
            ephemeral_id: actual.nodes[id]!.ephemeral_id,
            transport_address: `127.0.0.1:${9299 + Number(nameOf.get(id)!.slice(-1))}`,
            external_id: nameOf.get(id),
            attributes: {},
            roles: DEFAULT_ROLES,
            version: '8.17.0',
            min_index_version: 7_000_099,
            max_index_version: 8_521_000,
          },
        ]),
      ),
      metadata: {
        cluster_uuid: actual.cluster_uuid,
        cluster_uuid_committed: true,
        cluster_coordination: {
          term: actual.metadata.cluster_coordination.term,
          last_committed_config: [...ids.values()].sort(),
          last_accepted_config: [...ids.values()].sort(),
          voting_config_exclusions: [],
        },
        templates: {},
        indices: {
          idx: {
            routing_num_shards: 1024,
            state: 'open',
            settings: actual.metadata.indices['idx']!.settings,
            mappings: { _doc: { properties: { title: { type: 'text' } } } },
            aliases: [],
            primary_terms: { '0': 1 },
            in_sync_allocations: { '0': [primary!.allocation_id.id, replica!.allocation_id.id].sort() },
            rollover_info: {},
            system: false,
          },
        },
      },
      routing_table: { indices: { idx: { shards: { '0': [copy(true), copy(false)] } } } },
      routing_nodes: {
        unassigned: [],
        nodes: Object.fromEntries(
          nodeIds.map((id) => [
            id,
            id === primaryNode ? [copy(true)] : id === replicaNode ? [copy(false)] : [],
          ]),
        ),
      },
    }
    const response = await cluster.send(2, 'GET', '/_cluster/state')
    expect(response.body).toBe(JSON.stringify(expected))
    // Object.fromEntries keeps insertion order for these non-integer keys, so the text pins the HashMap order.
    expect(Object.keys((JSON.parse(response.body) as { nodes: object }).nodes)).toEqual(nodeIds)
  })

  it('narrows to metadata of one index, and leaves a missing index out', async () => {
    const { cluster } = await clusterWithIndex(1, { settings: { number_of_replicas: 0 } })
    await cluster.json(1, 'PUT', '/other')
    const body = (await cluster.json(1, 'GET', '/_cluster/state/metadata/idx')) as Record<string, unknown>
    expect(Object.keys(body)).toEqual(['cluster_name', 'cluster_uuid', 'metadata'])
    const metadata = body['metadata'] as { indices: Record<string, unknown> }
    expect(Object.keys(metadata)).toEqual([
      'cluster_uuid',
      'cluster_uuid_committed',
      'cluster_coordination',
      'templates',
      'indices',
    ])
    expect(Object.keys(metadata.indices)).toEqual(['idx'])
    const missing = (await cluster.json(1, 'GET', '/_cluster/state/metadata,routing_table/nope')) as {
      metadata: { indices: object }
      routing_table: { indices: object }
    }
    expect(missing.metadata.indices).toEqual({})
    expect(missing.routing_table.indices).toEqual({})
    const both = (await cluster.json(1, 'GET', '/_cluster/state/routing_table/idx,oth*')) as {
      routing_table: { indices: object }
    }
    expect(Object.keys(both.routing_table.indices)).toEqual(javaStringKeyOrder(['idx', 'other']))
  })

  it('takes expand_wildcards, ignore_unavailable and allow_no_indices over lenientExpandOpen', async () => {
    const { cluster } = await clusterWithIndex(1, { settings: { number_of_replicas: 0 } })
    await cluster.json(1, 'PUT', '/idx_closed', { settings: { number_of_replicas: 0 } })
    await cluster.json(1, 'GET', '/_cluster/health?wait_for_status=green')
    await cluster.json(1, 'POST', '/idx_closed/_close')
    const indices = async (query: string): Promise<string[]> => {
      const body = (await cluster.json(1, 'GET', `/_cluster/state/metadata/idx*${query}`)) as {
        metadata: { indices: object }
      }
      return Object.keys(body.metadata.indices).sort()
    }
    expect(await indices('')).toEqual(['idx'])
    expect(await indices('?expand_wildcards=closed')).toEqual(['idx_closed'])
    expect(await indices('?expand_wildcards=open,closed')).toEqual(['idx', 'idx_closed'])
    const missing = await cluster.send(1, 'GET', '/_cluster/state/metadata/nope?ignore_unavailable=false')
    expect(missing.status).toBe(404)
    expect(JSON.parse(missing.body)).toMatchObject({ error: { type: 'index_not_found_exception' } })
    const none = await cluster.send(1, 'GET', '/_cluster/state/metadata/nope*?allow_no_indices=false')
    expect(none.status).toBe(404)
  })

  it('writes only the metrics asked for, ignoring unknown ones', async () => {
    const { cluster } = await clusterWithIndex(1)
    const state = (await cluster.json(1, 'GET', '/_cluster/state')) as StateBody
    await expectBody(cluster, 'GET', '/_cluster/state/master_node,version,bogus', undefined, 200, {
      cluster_name: 'docker-cluster',
      cluster_uuid: state.cluster_uuid,
      version: state.version,
      master_node: state.master_node,
    })
    await expectBody(cluster, 'GET', '/_cluster/state/blocks', undefined, 200, {
      cluster_name: 'docker-cluster',
      cluster_uuid: state.cluster_uuid,
      blocks: {},
    })
  })

  it('lists unassigned copies with their unassigned_info under routing_nodes', async () => {
    const { cluster } = await clusterWithIndex(1)
    const body = (await cluster.json(1, 'GET', '/_cluster/state/routing_nodes')) as {
      routing_nodes: { unassigned: Array<Record<string, unknown>> }
    }
    const [replica] = body.routing_nodes.unassigned
    expect(Object.keys(replica!)).toEqual([
      'state',
      'primary',
      'node',
      'relocating_node',
      'shard',
      'index',
      'recovery_source',
      'unassigned_info',
      'relocation_failure_info',
    ])
    expect(replica).toMatchObject({
      state: 'UNASSIGNED',
      primary: false,
      node: null,
      recovery_source: { type: 'PEER' },
    })
    expect(Object.keys(replica!['unassigned_info'] as object)).toEqual([
      'reason',
      'at',
      'delayed',
      'allocation_status',
    ])
  })
})
