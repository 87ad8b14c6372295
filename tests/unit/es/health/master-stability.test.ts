// master_is_stable beyond a stable cluster, through real EsNodes on the simulated network (ES 8.17's
// StableMasterHealthIndicatorService over CoordinationDiagnosticsService, and HealthService's preflight rule): a node
// cut off from the others answers its own report, green for the first 30 s, then red with its cluster formation
// description while every other indicator is unknown; it turns green again once healed; and a master that changed
// four times in 30 minutes makes the indicator yellow.
import { describe, expect, it } from 'vitest'
import { startCluster, type TestCluster } from '../cluster/es-cluster-fixture.ts'

interface NodeJson {
  name: string
  ephemeral_id: string
  transport_address: string
}

interface StateJson {
  version: number
  master_node: string
  nodes: Record<string, NodeJson>
  metadata: { cluster_coordination: { term: number } }
}

/** DiscoveryNode.descriptionWithoutAttributes as the test expects it of a default playground node. */
const description = (id: string, node: NodeJson): string =>
  `{${node.name}}{${id}}{${node.ephemeral_id}}{${node.name}}{127.0.0.1}{${node.transport_address}}` +
  '{cdfhilmrstw}{8.17.0}{7000099-8521000}'

async function clusterState(cluster: TestCluster, node: number): Promise<StateJson> {
  return (await cluster.json(node, 'GET', '/_cluster/state')) as StateJson
}

const UNKNOWN = {
  status: 'unknown',
  symptom:
    'Could not determine health status. Check details on critical issues preventing the health status from reporting.',
}

const IMPACTS = [
  {
    id: 'elasticsearch:health:master_is_stable:impact:ingest_disabled',
    severity: 1,
    description:
      'The cluster cannot create, delete, or rebalance indices, and cannot insert or update documents.',
    impact_areas: ['ingest'],
  },
  {
    id: 'elasticsearch:health:master_is_stable:impact:automation_disabled',
    severity: 1,
    description:
      'Scheduled tasks such as Watcher, Index Lifecycle Management, and Snapshot Lifecycle Management will not work. ' +
      'The _cat APIs will not work.',
    impact_areas: ['deployment_management'],
  },
  {
    id: 'elasticsearch:health:master_is_stable:impact:backup_disabled',
    severity: 3,
    description:
      'Snapshot and restore will not work, your data will not be backed up. Searchable snapshots cannot be mounted.',
    impact_areas: ['backup'],
  },
]

const CONTACT_SUPPORT = {
  id: 'elasticsearch:health:master_is_stable:diagnosis:contact_support',
  cause: 'The Elasticsearch cluster does not have a stable master node.',
  action: 'Get help at https://ela.st/getting-help',
  help_url: 'https://ela.st/getting-help',
}

async function report(cluster: TestCluster, node: number, path = '/_health_report'): Promise<unknown> {
  const response = await cluster.send(node, 'GET', path)
  expect(response.status).toBe(200)
  return JSON.parse(response.body)
}

describe('a node cut off from the others', () => {
  it('reports green for 30 s, then red with why no master is elected, the rest unknown; green once healed', async () => {
    const cluster = await startCluster(3)
    const state = await clusterState(cluster, 3)
    const ids = new Map(Object.entries(state.nodes).map(([id, node]) => [node.name, id]))
    const master = { node_id: state.master_node, name: state.nodes[state.master_node]!.name }
    expect(master.name).toBe('es-node-1')
    const idOf = (name: string): string => ids.get(name)!
    const [id1, id2, id3] = [idOf('es-node-1'), idOf('es-node-2'), idOf('es-node-3')]
    const nodeText = (id: string) => description(id, state.nodes[id]!)
    cluster.nodes.isolate([3])
    // The last-known master-eligible nodes print in the order of the node's cluster state (ES: an unmodifiable map's,
    // which each JVM randomizes).

    // The leader checks have not failed yet: node 3 still follows its master.
    await cluster.sleep(5_000)
    expect(await report(cluster, 3, '/_health_report/master_is_stable?verbose=false')).toEqual({
      cluster_name: 'docker-cluster',
      indicators: { master_is_stable: { status: 'green', symptom: 'The cluster has a stable master node' } },
    })

    await cluster.sleep(120_000)
    const term = state.metadata.cluster_coordination.term
    const formation =
      `master not discovered or elected yet, an election requires at least 2 nodes with ids from [${id3}, ${id2}, ` +
      `${id1}], have only discovered non-quorum [${nodeText(id3)}]; discovery will continue using [127.0.0.1:9300, ` +
      `127.0.0.1:9301] from hosts providers and [${[id2, id1, id3].map(nodeText).join(', ')}] from ` +
      `last-known cluster state; node term ${term}, last-accepted version ${state.version} in term ${term}`
    const unknown = { ...UNKNOWN, details: { reasons: { master_is_stable: 'red' } } }
    expect(await report(cluster, 3)).toEqual({
      status: 'red',
      cluster_name: 'docker-cluster',
      indicators: {
        master_is_stable: {
          status: 'red',
          symptom:
            'No master node observed in the last 30s, and the master eligible nodes are unable to form a quorum',
          details: {
            current_master: { node_id: null, name: null },
            recent_masters: [master],
            cluster_formation: [{ node_id: id3, name: 'es-node-3', cluster_formation_message: formation }],
          },
          impacts: IMPACTS,
          diagnosis: [CONTACT_SUPPORT],
        },
        repository_integrity: unknown,
        disk: unknown,
        shards_capacity: unknown,
        shards_availability: unknown,
        data_stream_lifecycle: unknown,
        slm: unknown,
        ilm: unknown,
      },
    })
    // Asked for one other indicator, without details: still unknown, as the preflight indicator is red.
    expect(await report(cluster, 3, '/_health_report/disk?verbose=false')).toEqual({
      cluster_name: 'docker-cluster',
      indicators: { disk: UNKNOWN },
    })
    // The majority side has its master all along.
    expect(await report(cluster, 1, '/_health_report/master_is_stable?verbose=false')).toEqual({
      cluster_name: 'docker-cluster',
      indicators: { master_is_stable: { status: 'green', symptom: 'The cluster has a stable master node' } },
    })

    cluster.nodes.heal()
    await cluster.settle()
    expect(await report(cluster, 3, '/_health_report/master_is_stable')).toEqual({
      cluster_name: 'docker-cluster',
      indicators: {
        master_is_stable: {
          status: 'green',
          symptom: 'The cluster has a stable master node',
          details: { current_master: master, recent_masters: [master, master] },
        },
      },
    })
  })
})

describe('a master that keeps changing', () => {
  it('turns master_is_stable yellow after four changes in 30 minutes, the other indicators unknown', async () => {
    const cluster = await startCluster(3)
    // describeStates leaves out a paused node: while the paused master is not replaced, there is none.
    const masterOf = () => cluster.nodes.describeStates().find((s) => s.master)
    const names: string[] = [masterOf()!.nodeName]
    for (let change = 0; change < 4; change++) {
      const current = masterOf()!
      await cluster.nodes.pause(current.address)
      while (masterOf() === undefined) await cluster.sleep(1_000)
      await cluster.nodes.resume(current.address)
      await cluster.settle()
      names.push(masterOf()!.nodeName)
    }
    const node = masterOf()!
    const state = await clusterState(cluster, node.address)
    const byName = new Map(
      Object.entries(state.nodes).map(([id, n]) => [n.name, { node_id: id, name: n.name }]),
    )
    const body = (await report(cluster, node.address)) as {
      status: string
      indicators: Record<string, { status: string; symptom: string; details?: unknown }>
    }
    expect(body.status).toBe('yellow')
    expect(body.indicators.master_is_stable).toEqual({
      status: 'yellow',
      symptom: 'The elected master node has changed 4 times in the last 30m',
      details: {
        current_master: byName.get(node.nodeName),
        recent_masters: names.map((name) => byName.get(name)),
      },
      impacts: IMPACTS,
      diagnosis: [CONTACT_SUPPORT],
    })
    expect(body.indicators.ilm).toEqual({ ...UNKNOWN, details: { reasons: { master_is_stable: 'yellow' } } })
  })
})

describe('a node whose master keeps going away', () => {
  it('stays green while the master itself saw no instability, yellow when it cannot be asked', async () => {
    const cluster = await startCluster(3)
    const state = await clusterState(cluster, 3)
    const master = { node_id: state.master_node, name: state.nodes[state.master_node]!.name }
    for (let cycle = 0; cycle < 4; cycle++) {
      cluster.nodes.isolate([3])
      await cluster.sleep(60_000)
      cluster.nodes.heal()
      await cluster.settle()
    }
    // Node 3 lost its master four times; the master's own history (asked over the transport) shows no change.
    expect(await report(cluster, 3, '/_health_report/master_is_stable?verbose=false')).toEqual({
      cluster_name: 'docker-cluster',
      indicators: { master_is_stable: { status: 'green', symptom: 'The cluster has a stable master node' } },
    })
    // Cut off again, before its leader checks fail: the master cannot be asked, so the instability stands.
    cluster.nodes.isolate([3])
    const masterText = description(state.master_node, state.nodes[state.master_node]!)
    const message = `[${master.name}][${state.nodes[state.master_node]!.transport_address}] Node not connected`
    expect(await report(cluster, 3, '/_health_report/master_is_stable')).toEqual({
      cluster_name: 'docker-cluster',
      indicators: {
        master_is_stable: {
          status: 'yellow',
          symptom: `The cluster's master has alternated between [${masterText}] and no master multiple times in the last 30m`,
          details: {
            current_master: master,
            recent_masters: [master, master, master, master, master],
            exception_fetching_history: {
              message,
              stack_trace: `org.elasticsearch.transport.NodeNotConnectedException: ${message}`,
            },
          },
          impacts: IMPACTS,
          diagnosis: [CONTACT_SUPPORT],
        },
      },
    })
  })
})
