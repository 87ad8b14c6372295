// _cat/component_templates (RestCatComponentTemplateAction): the counts of each component template (aliases,
// countMappingInTemplate's mapping entries, flat settings keys, `_meta` entries), the composable templates it is
// included in, `?v`, `h=`, a `{name}` pattern and an unknown name giving an empty table.
import { describe, expect, it } from 'vitest'
import { startCluster, type TestCluster } from '../cluster/es-cluster-fixture.ts'

async function withComponentTemplates(): Promise<TestCluster> {
  const cluster = await startCluster(1)
  await cluster.settle()
  await cluster.json(1, 'PUT', '/_component_template/logs-mappings', {
    template: {
      mappings: {
        dynamic: 'strict',
        properties: { message: { type: 'text' }, host: { properties: { name: { type: 'keyword' } } } },
        dynamic_templates: [{ strings: { match_mapping_type: 'string', mapping: { type: 'keyword' } } }],
      },
    },
    version: 4,
    _meta: { owner: 'ops', tier: 'gold' },
  })
  await cluster.json(1, 'PUT', '/_component_template/logs-settings', {
    template: {
      settings: { number_of_shards: 2, index: { refresh_interval: '5s' } },
      aliases: { 'all-logs': {}, recent: { filter: { range: { '@timestamp': { gte: 'now-1d' } } } } },
    },
  })
  await cluster.json(1, 'PUT', '/_component_template/unused', { template: {} })
  for (const name of ['logs', 'audit'])
    await cluster.json(1, 'PUT', `/_index_template/${name}`, {
      index_patterns: [`${name}-*`],
      composed_of: ['logs-mappings', 'logs-settings'],
      priority: name === 'logs' ? 1 : 2,
    })
  return cluster
}

async function text(cluster: TestCluster, path: string): Promise<string> {
  const response = await cluster.send(1, 'GET', path)
  expect(response.status).toBe(200)
  return response.body
}

describe('_cat/component_templates', () => {
  it('counts aliases, mapping entries, settings and metadata, and names the templates including each', async () => {
    const cluster = await withComponentTemplates()
    expect(await text(cluster, '/_cat/component_templates?v&s=name')).toBe(
      'name          version alias_count mapping_count settings_count metadata_count included_in\n' +
        'logs-mappings 4       0           4             0              2              [audit, logs]\n' +
        'logs-settings         2           0             2              0              [audit, logs]\n' +
        'unused                0           0             0              0              []\n',
    )
  })

  it('selects by name or pattern and gives an empty table for an unknown name', async () => {
    const cluster = await withComponentTemplates()
    expect(await text(cluster, '/_cat/component_templates/logs-*?h=n,m,i&s=n')).toBe(
      'logs-mappings 4 [audit, logs]\nlogs-settings 0 [audit, logs]\n',
    )
    expect(await text(cluster, '/_cat/component_templates/nope?v')).toBe(
      'name version alias_count mapping_count settings_count metadata_count included_in\n',
    )
  })

  it('refuses a parameter the API does not take', async () => {
    const cluster = await withComponentTemplates()
    const response = await cluster.send(1, 'GET', '/_cat/component_templates?index=x')
    expect(response.status).toBe(400)
    expect(response.body).toContain(
      'request [/_cat/component_templates] contains unrecognized parameter: [index]',
    )
  })
})
