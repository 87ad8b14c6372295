// GET /_health_report against started clusters, with exact bodies as ES 8.17 writes them (GetHealthAction.Response,
// HealthIndicatorResult, the indicator services): a green three-node cluster, a killed node whose replicas wait out
// their delay, a one-node cluster whose replicas have nowhere to go, replicas held back by
// index.routing.allocation.total_shards_per_node, a red index whose only copy is gone, verbose=false,
// one indicator, and the request errors.
import { describe, expect, it } from 'vitest'
import { clusterWithIndex, errorBody, expectBody } from '../cluster-admin/cluster-admin-fixture.ts'
import type { TestCluster } from '../cluster/es-cluster-fixture.ts'

const SHARDS = 'elasticsearch:health:shards_availability:'

function counts(values: Partial<Record<string, number>>): Record<string, number> {
  const keys = [
    'initializing_replicas',
    'creating_primaries',
    'restarting_replicas',
    'unassigned_primaries',
    'started_replicas',
    'creating_replicas',
    'initializing_primaries',
    'restarting_primaries',
    'started_primaries',
    'unassigned_replicas',
  ]
  return Object.fromEntries(keys.map((key) => [key, values[key] ?? 0]))
}

async function master(cluster: TestCluster): Promise<{ node_id: string; name: string }> {
  const state = cluster.nodes.describeStates().find((s) => s.masterName !== null)!
  const ids = new Map(cluster.nodes.describeStates().map((s) => [s.nodeName, s.nodeId]))
  return { node_id: ids.get(state.masterName!)!, name: state.masterName! }
}

const REPLICA_IMPACT = (indices: string) => ({
  id: `${SHARDS}impact:replica_unassigned`,
  severity: 2,
  description: `Searches might be slower than usual. Fewer redundant copies of the data exist on 1 index [${indices}].`,
  impact_areas: ['search'],
})

describe('_health_report of a green cluster', () => {
  it('reports every indicator green, in ES 8.17 order, with their details', async () => {
    const { cluster } = await clusterWithIndex(3, {
      settings: { number_of_shards: 2, number_of_replicas: 1 },
    })
    const current = await master(cluster)
    await expectBody(cluster, 'GET', '/_health_report', undefined, 200, {
      status: 'green',
      cluster_name: 'docker-cluster',
      indicators: {
        master_is_stable: {
          status: 'green',
          symptom: 'The cluster has a stable master node',
          details: { current_master: current, recent_masters: [current] },
        },
        repository_integrity: { status: 'green', symptom: 'No snapshot repositories configured.' },
        disk: {
          status: 'green',
          symptom: 'The cluster has enough available disk space.',
          details: {
            indices_with_readonly_block: 0,
            nodes_with_enough_disk_space: 3,
            nodes_with_unknown_disk_status: 0,
            nodes_over_high_watermark: 0,
            nodes_over_flood_stage_watermark: 0,
          },
        },
        shards_capacity: {
          status: 'green',
          symptom: 'The cluster has enough room to add new shards.',
          details: { data: { max_shards_in_cluster: 3000 }, frozen: { max_shards_in_cluster: 9000 } },
        },
        shards_availability: {
          status: 'green',
          symptom: 'This cluster has all shards available.',
          details: counts({ started_primaries: 2, started_replicas: 2 }),
        },
        data_stream_lifecycle: {
          status: 'green',
          symptom:
            'No data stream lifecycle health data available yet. Health information will be reported after the first run.',
        },
        slm: {
          status: 'green',
          symptom: 'No Snapshot Lifecycle Management policies configured',
          details: { slm_status: 'RUNNING', policies: 0 },
        },
        ilm: {
          status: 'green',
          symptom: 'No Index Lifecycle Management policies configured',
          details: { policies: 0, stagnating_indices: 0, ilm_status: 'RUNNING' },
        },
      },
    })
  })

  it('leaves out the details with verbose=false, and the top-level status when one indicator is asked for', async () => {
    const { cluster } = await clusterWithIndex(1, { settings: { number_of_replicas: 0 } })
    await expectBody(cluster, 'GET', '/_health_report/shards_capacity?verbose=false', undefined, 200, {
      cluster_name: 'docker-cluster',
      indicators: {
        shards_capacity: { status: 'green', symptom: 'The cluster has enough room to add new shards.' },
      },
    })
  })

  it('reports ILM running once a policy exists, and stopped ILM as yellow with its impact and diagnosis', async () => {
    const { cluster } = await clusterWithIndex(1, { settings: { number_of_replicas: 0 } })
    await cluster.json(1, 'PUT', '/_ilm/policy/p', { policy: { phases: { hot: { actions: {} } } } })
    await expectBody(cluster, 'GET', '/_health_report/ilm', undefined, 200, {
      cluster_name: 'docker-cluster',
      indicators: {
        ilm: {
          status: 'green',
          symptom: 'Index Lifecycle Management is running',
          details: { policies: 1, stagnating_indices: 0, ilm_status: 'RUNNING' },
        },
      },
    })
    await cluster.json(1, 'POST', '/_ilm/stop')
    const body = JSON.parse((await cluster.send(1, 'GET', '/_health_report/ilm?verbose=false')).body) as {
      indicators: { ilm: unknown }
    }
    expect(body.indicators.ilm).toEqual({
      status: 'yellow',
      symptom: 'Index Lifecycle Management is not running',
      impacts: [
        {
          id: 'elasticsearch:health:ilm:impact:automation_disabled',
          severity: 3,
          description:
            'Automatic index lifecycle and data retention management is disabled. The performance and stability ' +
            'of the cluster could be impacted.',
          impact_areas: ['deployment_management'],
        },
      ],
      diagnosis: [
        {
          id: 'elasticsearch:health:ilm:diagnosis:ilm_disabled',
          cause: 'Index Lifecycle Management is stopped',
          action: 'Start Index Lifecycle Management using [POST /_ilm/start].',
          help_url: 'https://ela.st/fix-ilm',
        },
      ],
    })
  })
})

describe('_health_report shards_availability when copies are missing', () => {
  it('diagnoses the replicas of a killed node as delayed, yellow', async () => {
    const { cluster } = await clusterWithIndex(3, {
      settings: { number_of_shards: 3, number_of_replicas: 1 },
    })
    const victim = cluster.nodes.describeStates().find((s) => s.masterName !== s.nodeName)!
    const id = cluster.nodes
      .ids()
      .find((n) => cluster.nodes.describeStates()[n - 1]?.nodeName === victim.nodeName)!
    await cluster.nodes.kill(id)
    const survivor = cluster.nodes.ids().find((n) => n !== id)!
    await cluster.send(survivor, 'GET', '/_cluster/health?wait_for_nodes=2&timeout=60s')
    const response = await cluster.send(survivor, 'GET', '/_health_report/shards_availability')
    const lost = (
      JSON.parse(response.body) as {
        indicators: { shards_availability: { details: Record<string, number> } }
      }
    ).indicators.shards_availability.details['unassigned_replicas']!
    expect(lost).toBeGreaterThan(0)
    expect(JSON.parse(response.body)).toEqual({
      cluster_name: 'docker-cluster',
      indicators: {
        shards_availability: {
          status: 'yellow',
          symptom: `This cluster has ${lost} unavailable replica shard${lost === 1 ? '' : 's'}.`,
          details: counts({ started_primaries: 3, started_replicas: 3 - lost, unassigned_replicas: lost }),
          impacts: [REPLICA_IMPACT('idx')],
          diagnosis: [
            {
              id: `${SHARDS}diagnosis:delayed_shard_allocations`,
              cause:
                'Elasticsearch is not allocating some shards because they are marked for delayed allocation. Shards ' +
                'that have become unavailable are usually marked for delayed allocation because it is more efficient ' +
                'to wait and see if the shards return on their own than to recover the shard immediately.',
              action:
                'Elasticsearch will reallocate the shards when the delay has elapsed. No action is required by the user.',
              help_url: 'https://ela.st/fix-delayed-shard-allocation',
              affected_resources: { indices: ['idx'] },
            },
          ],
        },
      },
    })
  })

  it('asks for more data_content nodes when a replica can never be placed (one node)', async () => {
    const { cluster } = await clusterWithIndex(1)
    await expectBody(cluster, 'GET', '/_health_report/shards_availability', undefined, 200, {
      cluster_name: 'docker-cluster',
      indicators: {
        shards_availability: {
          status: 'yellow',
          symptom: 'This cluster has 1 unavailable replica shard.',
          details: counts({ started_primaries: 1, unassigned_replicas: 1 }),
          impacts: [REPLICA_IMPACT('idx')],
          diagnosis: [
            {
              id: `${SHARDS}diagnosis:increase_tier_capacity_for_allocations:tier:data_content`,
              cause:
                "Elasticsearch isn't allowed to allocate some shards from these indices to any of the nodes in the " +
                'desired data tier because there are not enough nodes in the [data_content] tier to allocate each ' +
                'shard copy on a different node.',
              action:
                'Increase the number of nodes in this tier or decrease the number of replica shards in the affected ' +
                'indices.',
              help_url: 'https://ela.st/tier-capacity',
              affected_resources: { indices: ['idx'] },
            },
          ],
        },
      },
    })
  })

  it('asks for a higher index shard limit when every node is at total_shards_per_node', async () => {
    const { cluster } = await clusterWithIndex(2, {
      settings: {
        number_of_shards: 2,
        number_of_replicas: 1,
        'index.routing.allocation.total_shards_per_node': 1,
      },
    })
    const response = await cluster.send(1, 'GET', '/_health_report/shards_availability')
    const body = JSON.parse(response.body) as {
      indicators: { shards_availability: { status: string; diagnosis: unknown[] } }
    }
    expect(body.indicators.shards_availability.status).toBe('yellow')
    expect(body.indicators.shards_availability.diagnosis).toEqual([
      {
        id: `${SHARDS}diagnosis:increase_shard_limit_index_setting:tier:data_content`,
        cause:
          "Elasticsearch isn't allowed to allocate some shards from these indices because each node in the " +
          '[data_content] tier has reached the index shard limit.',
        action:
          'Increase the values for the [index.routing.allocation.total_shards_per_node] index setting on each index ' +
          'or add more nodes to the target tiers.',
        help_url: 'https://ela.st/index-total-shards',
        affected_resources: { indices: ['idx'] },
      },
    ])
  })

  it('limits the affected indices to `size`, sorted by index.priority then name', async () => {
    const { cluster } = await clusterWithIndex(1)
    await cluster.json(1, 'PUT', '/a-index')
    await cluster.json(1, 'PUT', '/z-index', { settings: { 'index.priority': 5 } })
    await cluster.settle()
    const response = await cluster.send(1, 'GET', '/_health_report/shards_availability?size=2')
    const body = JSON.parse(response.body) as {
      indicators: {
        shards_availability: {
          impacts: Array<{ description: string }>
          diagnosis: Array<{ affected_resources: unknown }>
        }
      }
    }
    const indicator = body.indicators.shards_availability
    expect(indicator.impacts[0]!.description).toBe(
      'Searches might be slower than usual. Fewer redundant copies of the data exist on 3 indices [z-index, a-index, idx].',
    )
    expect(indicator.diagnosis[0]!.affected_resources).toEqual({ indices: ['z-index', 'a-index'] })
  })

  it('turns red when an index loses its only copy, asking for a snapshot restore', async () => {
    const { cluster } = await clusterWithIndex(3, {
      settings: { number_of_shards: 3, number_of_replicas: 0 },
    })
    const states = cluster.nodes.describeStates()
    const victim = states.find((s) => s.masterName !== s.nodeName && s.shards.length > 0)!
    const id = cluster.nodes.ids()[states.indexOf(victim)]!
    const lost = victim.shards.length
    await cluster.nodes.kill(id)
    const survivor = cluster.nodes.ids().find((n) => n !== id)!
    await cluster.send(survivor, 'GET', '/_cluster/health?wait_for_nodes=2&timeout=60s')
    await cluster.sleep(5_000)
    const response = await cluster.send(survivor, 'GET', '/_health_report/shards_availability')
    expect(JSON.parse(response.body)).toEqual({
      cluster_name: 'docker-cluster',
      indicators: {
        shards_availability: {
          status: 'red',
          symptom: `This cluster has ${lost} unavailable primary shard${lost === 1 ? '' : 's'}.`,
          details: counts({ started_primaries: 3 - lost, unassigned_primaries: lost }),
          impacts: [
            {
              id: `${SHARDS}impact:primary_unassigned`,
              severity: 1,
              description: 'Cannot add data to 1 index [idx]. Searches might return incomplete results.',
              impact_areas: ['ingest', 'search'],
            },
          ],
          diagnosis: [
            {
              id: `${SHARDS}diagnosis:restore_from_snapshot`,
              cause:
                "Elasticsearch isn't allowed to allocate some shards because there are no copies of the shards in the " +
                'cluster. Elasticsearch will allocate these shards when nodes holding good copies of the data join the ' +
                'cluster.',
              action: 'If no such node is available, restore these indices from a recent snapshot.',
              help_url: 'https://ela.st/restore-snapshot',
              affected_resources: { indices: ['idx'] },
            },
          ],
        },
      },
    })
    const report = JSON.parse(
      (await cluster.send(survivor, 'GET', '/_health_report?verbose=false')).body,
    ) as {
      status: string
    }
    expect(report.status).toBe('red')
  })
})

describe('_health_report errors', () => {
  it('answers an unknown indicator, a negative size and a bad flag as ES does', async () => {
    const { cluster } = await clusterWithIndex(1, { settings: { number_of_replicas: 0 } })
    const notFound = errorBody('resource_not_found_exception', 'Did not find indicator nope', 404)
    await expectBody(cluster, 'GET', '/_health_report/nope', undefined, 404, notFound)
    const reason = 'Validation Failed: 1: The size parameter must be a positive integer;'
    await expectBody(
      cluster,
      'GET',
      '/_health_report?size=-1',
      undefined,
      400,
      errorBody('action_request_validation_exception', reason, 400),
    )
    const flag = 'Failed to parse value [yes] as only [true] or [false] are allowed.'
    await expectBody(
      cluster,
      'GET',
      '/_health_report?verbose=yes',
      undefined,
      400,
      errorBody('illegal_argument_exception', flag, 400),
    )
  })
})
