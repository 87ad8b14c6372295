// _cat/templates (ES 8.17 RestTemplatesAction): columns name, index_patterns, order, version, composed_of;
// legacy templates first (order, no composed_of), then composable ones (priority or 0, `[a, b]`
// composed_of); `?v`, `h=`, `s=`, `format=json`, a `{name}` pattern, and an unknown name giving an empty table.
// Also the "matches multiple legacy templates" deprecation warning of index creation, and GET _enrich/_stats.
import { describe, expect, it } from 'vitest'
import { startCluster, type TestCluster } from '../cluster/es-cluster-fixture.ts'
import { clusterWithIndex } from '../cluster-admin/cluster-admin-fixture.ts'

async function withTemplates(): Promise<TestCluster> {
  const cluster = await startCluster(1)
  await cluster.settle()
  await cluster.json(1, 'PUT', '/_template/legacy_b', {
    index_patterns: ['logs-*', 'web-*'],
    order: 2,
    version: 3,
  })
  await cluster.json(1, 'PUT', '/_template/legacy_a', { index_patterns: ['logs-*'] })
  await cluster.json(1, 'PUT', '/_component_template/ct1', {
    template: { settings: { number_of_replicas: 0 } },
  })
  await cluster.json(1, 'PUT', '/_component_template/ct2', { template: { mappings: { properties: {} } } })
  await cluster.json(1, 'PUT', '/_index_template/metrics', {
    index_patterns: ['metrics-*'],
    priority: 7,
    version: 12,
    composed_of: ['ct1', 'ct2'],
  })
  await cluster.json(1, 'PUT', '/_index_template/plain', { index_patterns: ['plain-*'] })
  return cluster
}

async function text(cluster: TestCluster, path: string): Promise<string> {
  const response = await cluster.send(1, 'GET', path)
  expect(response.status).toBe(200)
  return response.body
}

describe('_cat/templates', () => {
  it('lists legacy then composable templates, with and without headers', async () => {
    const cluster = await withTemplates()
    // HashMap order of the names (buckets): legacy_b (1), legacy_a (6); plain (6), metrics (11).
    expect(await text(cluster, '/_cat/templates?v')).toBe(
      'name     index_patterns  order version composed_of\n' +
        'legacy_b [logs-*, web-*] 2     3       \n' +
        'legacy_a [logs-*]        0             \n' +
        'plain    [plain-*]       0             []\n' +
        'metrics  [metrics-*]     7     12      [ct1, ct2]\n',
    )
    expect(await text(cluster, '/_cat/templates?h=n,o&s=o:desc,n')).toBe(
      'metrics  7\nlegacy_b 2\nlegacy_a 0\nplain    0\n',
    )
    expect(await text(cluster, '/_cat/templates/legacy*?format=json')).toBe(
      JSON.stringify([
        { name: 'legacy_b', index_patterns: '[logs-*, web-*]', order: '2', version: '3', composed_of: '' },
        { name: 'legacy_a', index_patterns: '[logs-*]', order: '0', version: null, composed_of: '' },
      ]),
    )
    expect(await text(cluster, '/_cat/templates/metrics?h=name,composed_of')).toBe('metrics [ct1, ct2]\n')
    expect(await text(cluster, '/_cat/templates/nope?v')).toBe(
      'name index_patterns order version composed_of\n',
    )
  })

  it('warns when a new index matches several legacy templates and no composable one', async () => {
    const cluster = await withTemplates()
    const logs = await cluster.send(1, 'PUT', '/logs-1')
    expect(logs.status).toBe(200)
    expect(logs.warnings).toEqual([
      'index [logs-1] matches multiple legacy templates [legacy_a, legacy_b], ' +
        'composable templates will only match a single template',
    ])
    const web = await cluster.send(1, 'PUT', '/web-1')
    expect(web.warnings).toBeUndefined()
    await cluster.json(1, 'PUT', '/_index_template/logs', { index_patterns: ['logs-*'] })
    const composable = await cluster.send(1, 'PUT', '/logs-2')
    expect(composable.warnings).toBeUndefined()
  })
})

describe('GET _enrich/_stats', () => {
  it('reports no executing policy and zero counters for every ingest node, by node id', async () => {
    const { cluster } = await clusterWithIndex(3)
    const ids = cluster.nodes
      .describeStates()
      .map((state) => state.nodeId)
      .sort()
    const stats = await cluster.send(1, 'GET', '/_enrich/_stats')
    expect(stats.status).toBe(200)
    expect(stats.body).toBe(
      JSON.stringify({
        executing_policies: [],
        coordinator_stats: ids.map((node_id) => ({
          node_id,
          queue_size: 0,
          remote_requests_current: 0,
          remote_requests_total: 0,
          executed_searches_total: 0,
        })),
        cache_stats: ids.map((node_id) => ({
          node_id,
          count: 0,
          hits: 0,
          misses: 0,
          evictions: 0,
          hits_time_in_millis: 0,
          misses_time_in_millis: 0,
          size_in_bytes: 0,
        })),
      }),
    )
  })
})
