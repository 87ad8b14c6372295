// PUT and GET /_cluster/settings through a three-node cluster, and their effects: ES 8.17's bodies (nested,
// flat, include_defaults, only the keys set in a PUT's answer), the transient deprecation warning, errors,
// allocation.enable keeping replicas unassigned until it is reset, exclude._name draining a node,
// max_shards_per_node refusing an index, action.destructive_requires_name=false allowing a wildcard delete,
// every node seeing the settings; and `_cat/master`.
import { describe, expect, it } from 'vitest'
import { clusterWithIndex, errorBody, expectBody } from './cluster-admin-fixture.ts'
import type { TestCluster } from '../cluster/es-cluster-fixture.ts'

interface CatShard {
  index: string
  prirep: string
  state: string
  node: string | null
}

async function shards(cluster: TestCluster): Promise<CatShard[]> {
  const response = await cluster.send(1, 'GET', '/_cat/shards?format=json&h=index,prirep,state,node')
  return JSON.parse(response.body) as CatShard[]
}

async function put(
  cluster: TestCluster,
  body: object,
  query = '',
): Promise<{ status: number; body: string; warnings: readonly string[] }> {
  const response = await cluster.send(1, 'PUT', `/_cluster/settings${query}`, body)
  return { status: response.status, body: response.body, warnings: response.warnings ?? [] }
}

describe('PUT and GET _cluster/settings', () => {
  it('answers with the keys set, nested or flat, and every node reads them back', async () => {
    const { cluster } = await clusterWithIndex(3)
    const set = await put(cluster, {
      persistent: { cluster: { routing: { allocation: { enable: 'primaries' } } } },
      transient: { 'cluster.max_shards_per_node': 50 },
    })
    expect(set.status).toBe(200)
    expect(set.body).toBe(
      JSON.stringify({
        acknowledged: true,
        persistent: { cluster: { routing: { allocation: { enable: 'primaries' } } } },
        transient: { cluster: { max_shards_per_node: '50' } },
      }),
    )
    expect(set.warnings).toEqual([
      '[transient settings removal] Updating cluster settings through transient settings is deprecated. Some ' +
        'Elastic products may make use of transient settings and those should not be changed. Any custom use of ' +
        'transient settings should be replaced by persistent settings.',
    ])
    for (const node of [1, 2, 3]) {
      const response = await cluster.send(node, 'GET', '/_cluster/settings?flat_settings=true')
      expect(response.body).toBe(
        JSON.stringify({
          persistent: { 'cluster.routing.allocation.enable': 'primaries' },
          transient: { 'cluster.max_shards_per_node': '50' },
        }),
      )
    }
    const removed = await put(cluster, { persistent: { 'cluster.routing.allocation.enable': null } })
    expect(removed.body).toBe(JSON.stringify({ acknowledged: true, persistent: {}, transient: {} }))
    expect(removed.warnings).toEqual([])
    await expectBody(
      cluster,
      'GET',
      '/_cluster/settings?include_defaults=true&flat_settings=true',
      undefined,
      200,
      {
        persistent: {},
        transient: { 'cluster.max_shards_per_node': '50' },
        defaults: {
          'action.destructive_requires_name': 'true',
          'cluster.blocks.read_only': 'false',
          'cluster.blocks.read_only_allow_delete': 'false',
          'cluster.info.update.interval': '30s',
          'cluster.max_shards_per_node': '1000',
          'cluster.routing.allocation.allow_rebalance': 'indices_all_active',
          'cluster.routing.allocation.cluster_concurrent_rebalance': '2',
          'cluster.routing.allocation.disk.reroute_interval': '60s',
          'cluster.routing.allocation.disk.threshold_enabled': 'true',
          'cluster.routing.allocation.disk.watermark.flood_stage': '95%',
          'cluster.routing.allocation.disk.watermark.flood_stage.frozen': '95%',
          'cluster.routing.allocation.disk.watermark.flood_stage.frozen.max_headroom': '20GB',
          'cluster.routing.allocation.disk.watermark.flood_stage.max_headroom': '100GB',
          'cluster.routing.allocation.disk.watermark.high': '90%',
          'cluster.routing.allocation.disk.watermark.high.max_headroom': '150GB',
          'cluster.routing.allocation.disk.watermark.low': '85%',
          'cluster.routing.allocation.disk.watermark.low.max_headroom': '200GB',
          'cluster.routing.allocation.enable': 'all',
          'cluster.routing.allocation.node_concurrent_incoming_recoveries': '2',
          'cluster.routing.allocation.node_concurrent_outgoing_recoveries': '2',
          'cluster.routing.allocation.node_concurrent_recoveries': '2',
          'cluster.routing.allocation.node_initial_primaries_recoveries': '4',
          'cluster.routing.allocation.total_shards_per_node': '-1',
          'cluster.routing.rebalance.enable': 'all',
          'indices.lifecycle.poll_interval': '10m',
          'indices.recovery.max_bytes_per_sec': '40mb',
          'search.default_allow_partial_results': 'true',
          'search.max_buckets': '65536',
        },
      },
    )
  })

  it('refuses unknown settings, bad values and an empty request as ES does', async () => {
    const { cluster } = await clusterWithIndex(3)
    const refused = async (body: object, type: string, reason: string): Promise<void> => {
      const response = await put(cluster, body)
      expect(response.status).toBe(400)
      expect(JSON.parse(response.body)).toEqual(errorBody(type, reason, 400))
    }
    await refused(
      { persistent: { x: 'y' } },
      'illegal_argument_exception',
      'persistent setting [x], not recognized',
    )
    await refused(
      { persistent: { cluster: { routing: { allocation: { enable: 'sometimes' } } } } },
      'illegal_argument_exception',
      'Illegal allocation.enable value [SOMETIMES]',
    )
    await refused({}, 'action_request_validation_exception', 'Validation Failed: 1: no settings to update;')
    const blank = await cluster.send(1, 'PUT', '/_cluster/settings')
    expect(JSON.parse(blank.body)).toEqual(errorBody('parse_exception', 'request body is required', 400))
    await expectBody(cluster, 'GET', '/_cluster/settings', undefined, 200, { persistent: {}, transient: {} })
  })

  it('allocation.enable=primaries keeps new replicas unassigned until it is reset', async () => {
    const { cluster } = await clusterWithIndex(3)
    await put(cluster, { persistent: { 'cluster.routing.allocation.enable': 'primaries' } })
    await cluster.json(1, 'PUT', '/later', { settings: { number_of_replicas: 1 } })
    await cluster.sleep(5_000)
    const later = (await shards(cluster)).filter((s) => s.index === 'later')
    expect(later.map((s) => [s.prirep, s.state])).toEqual([
      ['p', 'STARTED'],
      ['r', 'UNASSIGNED'],
    ])
    await put(cluster, { persistent: { 'cluster.routing.allocation.enable': null } })
    await cluster.settle()
    const after = (await shards(cluster)).filter((s) => s.index === 'later')
    expect(after.map((s) => s.state)).toEqual(['STARTED', 'STARTED'])
  })

  it('exclude._name drains a node: its copies move off and nothing comes back', async () => {
    const { cluster } = await clusterWithIndex(3, {
      settings: { number_of_shards: 3, number_of_replicas: 1 },
    })
    expect((await shards(cluster)).some((s) => s.node === 'es-node-3')).toBe(true)
    await put(cluster, { persistent: { 'cluster.routing.allocation.exclude._name': 'es-node-3' } })
    await cluster.json(1, 'GET', '/_cluster/health?wait_for_no_relocating_shards=true&timeout=60s')
    await cluster.settle()
    const drained = await shards(cluster)
    expect(drained).toHaveLength(6)
    expect(drained.every((s) => s.state === 'STARTED' && s.node !== 'es-node-3')).toBe(true)
    await put(cluster, { persistent: { 'cluster.routing.allocation.exclude._name': null } })
    await cluster.json(1, 'GET', '/_cluster/health?wait_for_no_relocating_shards=true&timeout=60s')
    await cluster.settle()
    expect((await shards(cluster)).some((s) => s.node === 'es-node-3')).toBe(true)
  })

  it('max_shards_per_node counts the shards of open indices only', async () => {
    const { cluster } = await clusterWithIndex(3)
    await put(cluster, { persistent: { 'cluster.max_shards_per_node': 1 } })
    // idx (2 copies) closed: its shards no longer count, so 2 more of the 3 allowed fit
    expect((await cluster.send(1, 'POST', '/idx/_close')).status).toBe(200)
    const created = await cluster.send(1, 'PUT', '/second', { settings: { number_of_replicas: 1 } })
    expect(created.body).toBe('{"acknowledged":true,"shards_acknowledged":true,"index":"second"}')
  })

  it('max_shards_per_node and destructive_requires_name take effect', async () => {
    const { cluster } = await clusterWithIndex(3)
    // idx has 1 primary and 1 replica: 2 of the 3 allowed copies
    await put(cluster, { persistent: { 'cluster.max_shards_per_node': 1 } })
    const refused = await cluster.send(1, 'PUT', '/second', { settings: { number_of_replicas: 1 } })
    expect(JSON.parse(refused.body)).toEqual(
      errorBody(
        'validation_exception',
        'Validation Failed: 1: this action would add [2] shards, but this cluster currently has [2]/[3] maximum normal shards open; for more information, see https://www.elastic.co/guide/en/elasticsearch/reference/8.17/size-your-shards.html#troubleshooting-max-shards-open;',
        400,
      ),
    )
    await cluster.json(1, 'PUT', '/second', { settings: { number_of_replicas: 0 } })
    expect((await cluster.send(1, 'DELETE', '/sec*')).status).toBe(400)
    await put(cluster, { persistent: { 'action.destructive_requires_name': false } })
    expect(await cluster.json(1, 'DELETE', '/sec*')).toEqual({ acknowledged: true })
    expect((await cluster.send(1, 'GET', '/second')).status).toBe(404)
  })
})

describe('allocation explain of a copy that may not remain', () => {
  interface Explained {
    can_remain_on_current_node: string
    can_remain_decisions?: Array<{ decider: string; decision: string; explanation: string }>
    can_move_to_other_node?: string
    move_explanation?: string
    target_node?: { name: string }
    node_allocation_decisions: Array<{ node_name: string; node_decision: string; weight_ranking: number }>
  }
  const explain = async (cluster: TestCluster): Promise<Explained> =>
    (await cluster.json(1, 'GET', '/_cluster/allocation/explain', {
      index: 'idx',
      shard: 0,
      primary: true,
    })) as Explained
  const exclusion =
    'node matches cluster setting [cluster.routing.allocation.exclude] filters [_name:"es-node-*"]'

  it('answers with the canRemain decisions and why it cannot move', async () => {
    const { cluster } = await clusterWithIndex(3, { settings: { number_of_replicas: 1 } })
    await put(cluster, { persistent: { 'cluster.routing.allocation.exclude._name': 'es-node-*' } })
    const explained = await explain(cluster)
    expect(explained.can_remain_on_current_node).toBe('no')
    expect(explained.can_remain_decisions).toEqual([
      { decider: 'filter', decision: 'NO', explanation: exclusion },
    ])
    expect(explained.can_move_to_other_node).toBe('no')
    expect(explained.move_explanation).toMatch(
      /^This shard may not remain on its current node, but Elasticsearch isn't allowed/,
    )
    expect(explained.target_node).toBeUndefined()
    expect(explained.node_allocation_decisions.map((n) => [n.node_decision, n.weight_ranking])).toEqual([
      ['no', 1],
      ['no', 2],
    ])
    await put(cluster, { persistent: { 'cluster.routing.allocation.exclude._name': null } })
    expect((await explain(cluster)).can_remain_on_current_node).toBe('yes')
  })
})

describe('the other cluster settings course notes set', () => {
  it('search.max_buckets bounds a search reduce, and is refused below 0', async () => {
    const { cluster } = await clusterWithIndex(1, { settings: { number_of_replicas: 0 } })
    for (let i = 0; i < 5; i++) await cluster.send(1, 'PUT', `/idx/_doc/${i}?refresh=true`, { n: i })
    const search = { size: 0, aggs: { n: { terms: { field: 'n', size: 10 } } } }
    expect((await cluster.send(1, 'POST', '/idx/_search', search)).status).toBe(200)
    expect((await put(cluster, { transient: { 'search.max_buckets': 3 } })).status).toBe(200)
    const refused = await cluster.send(1, 'POST', '/idx/_search', search)
    expect(refused.status).toBe(400)
    expect(JSON.parse(refused.body)).toMatchObject({
      error: { root_cause: [{ type: 'too_many_buckets_exception', max_buckets: 3 }] },
    })
    const negative = await put(cluster, { persistent: { 'search.max_buckets': -1 } })
    expect(JSON.parse(negative.body)).toEqual(
      errorBody(
        'illegal_argument_exception',
        'Failed to parse value [-1] for setting [search.max_buckets] must be >= 0',
        400,
      ),
    )
  })

  it('takes logger levels, recovery limits and the recovery rate, checking each as ES does', async () => {
    const { cluster } = await clusterWithIndex(1)
    const accepted = await put(cluster, {
      persistent: {
        'logger.org.elasticsearch.discovery': 'DEBUG',
        'cluster.routing.allocation.node_concurrent_recoveries': 4,
        'indices.recovery.max_bytes_per_sec': '100mb',
      },
    })
    expect(JSON.parse(accepted.body)).toEqual({
      acknowledged: true,
      persistent: {
        cluster: { routing: { allocation: { node_concurrent_recoveries: '4' } } },
        indices: { recovery: { max_bytes_per_sec: '100mb' } },
        logger: { org: { elasticsearch: { discovery: 'DEBUG' } } },
      },
      transient: {},
    })
    // The incoming and outgoing limits fall back to node_concurrent_recoveries.
    const explained = (await cluster.json(
      1,
      'GET',
      '/_cluster/allocation/explain?include_yes_decisions=true',
      { index: 'idx', shard: 0, primary: false },
    )) as { node_allocation_decisions?: Array<{ deciders: Array<{ decider: string; explanation: string }> }> }
    const throttling = explained.node_allocation_decisions
      ?.flatMap((node) => node.deciders)
      .find((decider) => decider.decider === 'throttling')
    expect(throttling!.explanation).toMatch(/< 4\] incoming: \[0 < 4\]$/)
    const cases: Array<[object, string]> = [
      [{ 'logger.org.elasticsearch': 'LOUD' }, 'Unknown level constant [LOUD].'],
      [
        { 'cluster.routing.allocation.cluster_concurrent_rebalance': -2 },
        'Failed to parse value [-2] for setting [cluster.routing.allocation.cluster_concurrent_rebalance] must be >= -1',
      ],
    ]
    for (const [persistent, reason] of cases) {
      const response = await put(cluster, { persistent })
      expect(JSON.parse(response.body)).toEqual(errorBody('illegal_argument_exception', reason, 400))
    }
    const rate = await put(cluster, { persistent: { 'indices.recovery.max_bytes_per_sec': 'quickly' } })
    expect(JSON.parse(rate.body)).toMatchObject({
      error: {
        type: 'parse_exception',
        reason:
          'failed to parse setting [indices.recovery.max_bytes_per_sec] with value [quickly] as a size in bytes: unit is missing or unrecognized',
      },
    })
  })
})

describe('_cat/master', () => {
  it('names the elected master', async () => {
    const { cluster, ids } = await clusterWithIndex(3)
    const master = cluster.nodes.describeStates().find((state) => state.master)!
    const id = ids.get(master.nodeName)!
    const response = await cluster.send(2, 'GET', '/_cat/master?v')
    const width = id.length
    expect(response.body).toBe(
      `${'id'.padEnd(width)} host      ip        node\n${id} 127.0.0.1 127.0.0.1 ${master.nodeName}\n`,
    )
    const json = await cluster.json(3, 'GET', '/_cat/master?format=json&h=node')
    expect(json).toEqual([{ node: master.nodeName }])
  })
})
