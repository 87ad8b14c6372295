// Disk watermarks through real EsNodes on the simulated network: the master's ClusterInfo (every node's 100gb model
// disk, 20gb used by others), DiskThresholdDecider's refusals in allocation explain, DiskThresholdMonitor's
// flood-stage block and its release, and the disk health indicator (ES 8.17 texts).
import { describe, expect, it } from 'vitest'
import { startCluster, type TestCluster } from '../cluster/es-cluster-fixture.ts'

const watermarks = (low: string | null, high: string | null, flood: string | null) => ({
  persistent: {
    'cluster.routing.allocation.disk.watermark.low': low,
    'cluster.routing.allocation.disk.watermark.high': high,
    'cluster.routing.allocation.disk.watermark.flood_stage': flood,
  },
})

const GREEN = {
  status: 'green',
  symptom: 'The cluster has enough available disk space.',
  details: {
    indices_with_readonly_block: 0,
    nodes_with_enough_disk_space: 3,
    nodes_with_unknown_disk_status: 0,
    nodes_over_high_watermark: 0,
    nodes_over_flood_stage_watermark: 0,
  },
}

async function diskReport(cluster: TestCluster): Promise<unknown> {
  const report = (await cluster.json(1, 'GET', '/_health_report/disk')) as { indicators: { disk: unknown } }
  return report.indicators.disk
}

describe('disk watermarks', () => {
  it('keep a replica off nodes over the low watermark, while a new primary may go there', async () => {
    const cluster = await startCluster(3)
    await cluster.json(1, 'PUT', '/_cluster/settings', watermarks('10%', '90%', '95%'))
    await cluster.sleep(31_000)
    await cluster.json(1, 'PUT', '/logs', { settings: { number_of_shards: 1, number_of_replicas: 1 } })
    await cluster.sleep(5_000)
    const health = (await cluster.json(1, 'GET', '/_cluster/health/logs')) as { status: string }
    expect(health.status).toBe('yellow')
    const explain = (await cluster.json(1, 'GET', '/_cluster/allocation/explain', {
      index: 'logs',
      shard: 0,
      primary: false,
    })) as { node_allocation_decisions: Array<{ deciders: Array<{ decider: string; explanation: string }> }> }
    const disk = explain.node_allocation_decisions.flatMap((node) =>
      node.deciders.filter((d) => d.decider === 'disk_threshold').map((d) => d.explanation),
    )
    const refusal = (free: string) =>
      'the node is above the low watermark cluster setting [cluster.routing.allocation.disk.watermark.low=10%], ' +
      `having less than the minimum required [90gb] free space, actual free: [${free}], actual used: [20%]`
    // The primary's node holds its few store bytes besides the 20gb the others use.
    expect(disk).toEqual([refusal('79.9gb'), refusal('80gb'), refusal('80gb')])
    // Past the high watermark the primary may not remain either, and no other node may take it.
    await cluster.json(1, 'PUT', '/_cluster/settings', watermarks('10%', '15%', '95%'))
    const primary = (await cluster.json(1, 'GET', '/_cluster/allocation/explain', {
      index: 'logs',
      shard: 0,
      primary: true,
    })) as {
      can_remain_on_current_node: string
      can_remain_decisions: unknown
      can_move_to_other_node: string
    }
    expect(primary.can_remain_on_current_node).toBe('no')
    expect(primary.can_move_to_other_node).toBe('no')
    expect(primary.can_remain_decisions).toEqual([
      {
        decider: 'disk_threshold',
        decision: 'NO',
        explanation:
          'the shard cannot remain on this node because it is above the high watermark cluster setting ' +
          '[cluster.routing.allocation.disk.watermark.high=15%] and there is less than the required [85gb] free ' +
          'space on node, actual free: [79.9gb], actual used: [20%]',
      },
    ])
  })

  it('block writes past the flood stage, report red, and release the block once the disk has room', async () => {
    const cluster = await startCluster(3)
    await cluster.json(1, 'PUT', '/logs', { settings: { number_of_shards: 1, number_of_replicas: 1 } })
    await cluster.json(1, 'PUT', '/logs/_doc/1', { n: 1 })
    expect(await diskReport(cluster)).toEqual(GREEN)
    await cluster.json(1, 'PUT', '/_cluster/settings', watermarks('10%', '15%', '18%'))
    await cluster.sleep(31_000)
    const refused = await cluster.send(1, 'PUT', '/logs/_doc/2', { n: 2 })
    const reason =
      'index [logs] blocked by: [TOO_MANY_REQUESTS/12/disk usage exceeded flood-stage watermark, index has ' +
      'read-only-allow-delete block];'
    expect(refused.status).toBe(429)
    expect(JSON.parse(refused.body)).toEqual({
      error: {
        root_cause: [{ type: 'cluster_block_exception', reason }],
        type: 'cluster_block_exception',
        reason,
      },
      status: 429,
    })
    const settings = (await cluster.json(1, 'GET', '/logs/_settings/index.blocks.*')) as {
      logs: { settings: unknown }
    }
    expect(settings.logs.settings).toEqual({ index: { blocks: { read_only_allow_delete: 'true' } } })
    const nodes = ['es-node-1', 'es-node-2', 'es-node-3']
    const ids = (await cluster.json(1, 'GET', '/_nodes')) as {
      nodes: Record<string, { name: string }>
    }
    const byName = new Map(Object.entries(ids.nodes).map(([id, node]) => [node.name, id]))
    expect(await diskReport(cluster)).toEqual({
      status: 'red',
      symptom: '1 index is not allowed to be updated. 3 nodes are out of disk or running low on disk space.',
      details: {
        indices_with_readonly_block: 1,
        nodes_with_enough_disk_space: 0,
        nodes_with_unknown_disk_status: 0,
        nodes_over_high_watermark: 0,
        nodes_over_flood_stage_watermark: 3,
      },
      impacts: [
        {
          id: 'elasticsearch:health:disk:impact:ingest_capability_unavailable',
          severity: 1,
          description: 'Cannot insert or update documents in the affected indices [logs].',
          impact_areas: ['ingest'],
        },
        {
          id: 'elasticsearch:health:disk:impact:cluster_stability_at_risk',
          severity: 1,
          description: 'Cluster stability might be impaired.',
          impact_areas: ['deployment_management'],
        },
        {
          id: 'elasticsearch:health:disk:impact:cluster_functionality_unavailable',
          severity: 3,
          description: 'The [ingest, ml, remote_cluster_client, transform] functionality might be impaired.',
          impact_areas: ['deployment_management'],
        },
      ],
      diagnosis: [
        {
          id: 'elasticsearch:health:disk:diagnosis:add_disk_capacity_data_nodes',
          cause:
            '1 index resides on nodes that have run or are likely to run out of disk space, this can temporarily ' +
            'disable writing on this index.',
          action:
            'Enable autoscaling (if applicable), add disk capacity or free up disk space to resolve this. If you ' +
            'have already taken action please wait for the rebalancing to complete.',
          help_url: 'https://ela.st/fix-data-disk',
          affected_resources: {
            nodes: nodes.map((name) => ({ id: byName.get(name), name })),
            indices: ['logs'],
          },
        },
      ],
    })
    await cluster.json(1, 'PUT', '/_cluster/settings', watermarks(null, null, null))
    await cluster.sleep(31_000)
    // The next refresh finds every node below the high watermark again and releases the block.
    expect((await cluster.send(1, 'PUT', '/logs/_doc/2', { n: 2 })).status).toBe(201)
    expect(await diskReport(cluster)).toEqual(GREEN)
  })
})
