// GET /_features and POST /_features/_reset as ES 8.17 answers them (GetSnapshottableFeaturesResponse,
// ResetFeatureStateResponse): the default distribution's features with their descriptions, and a reset that deletes
// the system indices the playground holds (an enrich policy's `.enrich-*` index) and leaves the others.
import { describe, expect, it } from 'vitest'
import { startNode } from '../node/es-node-fixture.ts'

const FEATURES: Array<[string, string]> = [
  ['async_search', 'Manages results of async searches'],
  ['enrich', 'Manages data related to Enrich policies'],
  ['ent_search', 'Manages configuration for Enterprise Search features'],
  ['fleet', 'Manages configuration for Fleet'],
  ['geoip', 'Manages data related to GeoIP database downloader'],
  ['inference_plugin', 'Inference plugin for managing inference services and inference'],
  ['kibana', 'Manages Kibana configuration and reports'],
  ['logstash_management', 'Enables Logstash Central Management pipeline storage'],
  ['machine_learning', 'Provides anomaly detection and forecasting functionality'],
  ['searchable_snapshots', 'Manages caches and configuration for searchable snapshots'],
  ['security', 'Manages configuration for Security features, such as users and roles'],
  ['synonyms', 'Manages synonyms'],
  ['tasks', 'Manages task results'],
  ['transform', 'Manages configuration and state for transforms'],
  ['watcher', 'Manages Watch definitions and state'],
]

describe('features APIs', () => {
  it('lists every feature that owns system indices', async () => {
    const node = await startNode()
    const response = await node.send('GET', '/_features')
    expect(response.status).toBe(200)
    const features = FEATURES.map(([name, description]) => ({ name, description }))
    expect(response.body).toBe(JSON.stringify({ features }))
  })

  it('resets every feature: the system indices go, the other indices stay', async () => {
    const node = await startNode()
    await node.send('PUT', '/users/_doc/1?refresh=wait_for', { email: 'a@b.c', city: 'Paris' })
    const policy = { match: { indices: 'users', match_field: 'email', enrich_fields: ['city'] } }
    expect((await node.send('PUT', '/_enrich/policy/p', policy)).status).toBe(200)
    expect((await node.send('POST', '/_enrich/policy/p/_execute')).status).toBe(200)
    const before = JSON.parse(
      (await node.send('GET', '/_cat/indices?h=index&expand_wildcards=all&format=json')).body,
    ) as Array<{
      index: string
    }>
    expect(before.some(({ index }) => index.startsWith('.enrich-p-'))).toBe(true)
    const response = await node.send('POST', '/_features/_reset')
    expect(response.status).toBe(200)
    const features = FEATURES.map(([name]) => ({ feature_name: name, status: 'SUCCESS' }))
    expect(response.body).toBe(JSON.stringify({ features }))
    const after = JSON.parse(
      (await node.send('GET', '/_cat/indices?h=index&expand_wildcards=all&format=json')).body,
    ) as Array<{
      index: string
    }>
    expect(after.map(({ index }) => index)).toEqual(['users'])
  })

  it('refuses parameters the handlers do not read', async () => {
    const node = await startNode()
    const response = await node.send('GET', '/_features?verbose')
    expect(response.status).toBe(400)
    expect(response.body).toContain('contains unrecognized parameter: [verbose]')
  })
})
