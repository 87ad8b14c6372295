// Legacy index templates (`_template`) through EsNode, as Elasticsearch 8.17 answers: the YAML REST tests
// indices.put_template/10_basic and indices.get_template/10_basic, RestPutIndexTemplateAction's deprecated
// route (its warning), MetadataIndexTemplateService (innerPutTemplate overlaps, validate, removeTemplates)
// and MetadataIndexTemplateServiceTests' messages, and MetadataCreateIndexService's V1 path (order, request
// wins, composable templates win over legacy ones).
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'
import { jsonAt, jsonKeysAt } from '../indices/json-at.ts'

const DEPRECATION = 'Legacy index templates are deprecated in favor of composable templates.'

async function putTemplate(node: TestNode, name: string, body: object): Promise<void> {
  const response = await node.send('PUT', `/_template/${name}`, body)
  expect(response.status).toBe(200)
}

describe('PUT and GET _template', () => {
  it('put then get: order, index_patterns, settings nested as strings, mappings, aliases; PUT warns', async () => {
    const node = await startNode()
    const put = await node.send('PUT', '/_template/test', {
      index_patterns: 'test-*',
      settings: { number_of_shards: 1, number_of_replicas: 0 },
      mappings: { properties: { field: { type: 'keyword' } } },
    })
    expect(put).toEqual({
      status: 200,
      contentType: 'application/json',
      body: '{"acknowledged":true}',
      warnings: [DEPRECATION],
    })
    const got = await node.send('GET', '/_template/test')
    expect(got.warnings).toBeUndefined()
    expect(got.body).toBe(
      '{"test":{"order":0,"index_patterns":["test-*"],"settings":{"index":{"number_of_shards":"1",' +
        '"number_of_replicas":"0"}},"mappings":{"properties":{"field":{"type":"keyword"}}},"aliases":{}}}',
    )
    const flat = await node.send('GET', '/_template/test?flat_settings=true')
    expect(jsonAt(flat.body, 'test', 'settings')).toEqual({
      'index.number_of_replicas': '0',
      'index.number_of_shards': '1',
    })
  })

  it('empty mappings show as {}; version and order as given; aliases with their definitions', async () => {
    const node = await startNode()
    await putTemplate(node, 'test', {
      index_patterns: ['test-*', 'other-*'],
      order: 3,
      version: 7,
      mappings: {},
      aliases: { alias1: {}, alias2: { filter: { term: { f: 'x' } }, routing: '1' } },
    })
    expect((await node.send('GET', '/_template/test')).body).toBe(
      '{"test":{"order":3,"version":7,"index_patterns":["test-*","other-*"],"settings":{},"mappings":{},' +
        '"aliases":{"alias1":{},"alias2":{"filter":{"term":{"f":"x"}},"index_routing":"1","search_routing":"1"}}}}',
    )
  })

  it('GET with no name lists every template; a pattern selects; a missing name is 404 {}; HEAD follows', async () => {
    const node = await startNode()
    await putTemplate(node, 'test', { index_patterns: ['t*'] })
    await putTemplate(node, 'global', { index_patterns: ['*'] })
    expect(jsonKeysAt((await node.send('GET', '/_template')).body)).toEqual(['test', 'global'])
    expect(jsonKeysAt((await node.send('GET', '/_template/te*')).body)).toEqual(['test'])
    expect(await node.send('GET', '/_template/missing')).toEqual({
      status: 404,
      contentType: 'application/json',
      body: '{}',
    })
    expect((await node.send('HEAD', '/_template/test')).status).toBe(200)
    expect((await node.send('HEAD', '/_template/missing')).status).toBe(404)
  })

  it('?create=true refuses an existing template', async () => {
    const node = await startNode()
    await putTemplate(node, 'test', { index_patterns: ['t*'] })
    const refused = await node.send('PUT', '/_template/test?create=true', { index_patterns: ['t*'] })
    expect(refused.status).toBe(400)
    expect(jsonAt(refused.body, 'error', 'reason')).toBe('index_template [test] already exists')
    expect(refused.warnings).toEqual([DEPRECATION])
  })

  it('requests ES refuses, with its messages', async () => {
    const node = await startNode()
    const reason = async (name: string, body: object): Promise<[number, string, string]> => {
      const response = await node.send('PUT', `/_template/${name}`, body)
      const error = jsonAt(response.body, 'error') as { type: string; reason: string }
      return [response.status, error.type, error.reason]
    }
    expect(await reason('t', { settings: {} })).toEqual([
      400,
      'action_request_validation_exception',
      'Validation Failed: 1: index patterns are missing;',
    ])
    expect(await reason('Bad_', { index_patterns: ['_x'] })).toEqual([
      400,
      'invalid_index_template_exception',
      "index_template [Bad_] invalid, cause [Validation Failed: 1: name must be lower cased;2: index_pattern [_x] must not start with '_';]",
    ])
    expect(await reason('t', { index_patterns: ['t*'], mappings: { _doc: { properties: {} } } })).toEqual([
      400,
      'illegal_argument_exception',
      'The mapping definition cannot be nested under a type [_doc] unless include_type_name is set to true.',
    ])
    expect(await reason('t', { index_patterns: ['t*'], template: 't*' })).toEqual([
      400,
      'parse_exception',
      'unknown key [template] in the template ',
    ])
    expect(await reason('t', { index_patterns: { a: 1 } })).toEqual([
      400,
      'illegal_argument_exception',
      'Malformed [index_patterns] value, should be a string or a list of strings',
    ])
    expect(await reason('t', { index_patterns: ['t*'], version: 'v6.5.4' })).toEqual([
      400,
      'illegal_argument_exception',
      'Malformed [version] value, should be an integer',
    ])
    expect(await reason('t', { index_patterns: ['logs', 'x*'], aliases: { logs: {} } })).toEqual([
      400,
      'illegal_argument_exception',
      'alias [logs] cannot be the same as any pattern in [logs, x*]',
    ])
  })

  it('DELETE removes what a name or pattern matches; nothing matched is index_template_missing_exception', async () => {
    const node = await startNode()
    await putTemplate(node, 'test', { index_patterns: ['t*'] })
    expect((await node.send('DELETE', '/_template/te*')).body).toBe('{"acknowledged":true}')
    const missing = await node.send('DELETE', '/_template/test')
    expect(missing.status).toBe(404)
    expect(JSON.parse(missing.body)).toEqual({
      error: {
        root_cause: [{ type: 'index_template_missing_exception', reason: 'index_template [test] missing' }],
        type: 'index_template_missing_exception',
        reason: 'index_template [test] missing',
      },
      status: 404,
    })
    expect((await node.send('DELETE', '/_template/*')).status).toBe(200)
  })
})

describe('legacy and composable templates together', () => {
  it('a legacy `*` template overlapping a composable one is kept with a warning; another pattern is refused', async () => {
    const node = await startNode()
    await node.send('PUT', '/_index_template/v2-template', { index_patterns: ['foo-bar-*', 'eggplant'] })
    const warned = await node.send('PUT', '/_template/v1-template', { index_patterns: ['*', 'baz'] })
    expect(warned.status).toBe(200)
    expect(warned.warnings).toEqual([
      DEPRECATION,
      'legacy template [v1-template] has index patterns [*, baz] matching patterns from existing composable ' +
        'templates [v2-template] with patterns (v2-template => [foo-bar-*, eggplant]); this template ' +
        '[v1-template] may be ignored in favor of a composable template at index creation time',
    ])
    const refused = await node.send('PUT', '/_template/v1-other', { index_patterns: ['egg*', 'baz'] })
    expect(refused.status).toBe(400)
    expect(jsonAt(refused.body, 'error', 'reason')).toBe(
      'legacy template [v1-other] has index patterns [egg*, baz] matching patterns from existing composable ' +
        'templates [v2-template] with patterns (v2-template => [foo-bar-*, eggplant]), use composable ' +
        'templates (/_index_template) instead',
    )
  })

  it('a composable template overlapping legacy ones is put with a warning', async () => {
    const node = await startNode()
    await putTemplate(node, 'global', { index_patterns: ['*'] })
    const put = await node.send('PUT', '/_index_template/1', { index_patterns: ['logs-*'] })
    expect(put.status).toBe(200)
    expect(put.warnings).toEqual([
      'index template [1] has index patterns [logs-*] matching patterns from existing older templates ' +
        '[global] with patterns (global => [*]); this template [1] will take precedence during new index creation',
    ])
  })
})

describe('index creation from legacy templates', () => {
  it('the higher order wins for settings; the request wins over both; {index} names an alias', async () => {
    const node = await startNode()
    await putTemplate(node, 'low', {
      index_patterns: ['logs-*'],
      order: 0,
      settings: { number_of_shards: 3, number_of_replicas: 0 },
      mappings: { properties: { a: { type: 'keyword' }, b: { type: 'long' } } },
      aliases: { '{index}-alias': {}, all_logs: {} },
    })
    await putTemplate(node, 'high', {
      index_patterns: ['logs-2*'],
      order: 1,
      settings: { number_of_shards: 2 },
      mappings: { properties: { b: { type: 'keyword' } } },
    })
    const created = await node.send('PUT', '/logs-2024', {
      mappings: { properties: { c: { type: 'long' } } },
    })
    expect(created.status).toBe(200)
    const settings = await node.send('GET', '/logs-2024/_settings?flat_settings=true')
    expect(jsonAt(settings.body, 'logs-2024', 'settings', 'index.number_of_shards')).toBe('2')
    expect(jsonAt(settings.body, 'logs-2024', 'settings', 'index.number_of_replicas')).toBe('0')
    const mapping = await node.send('GET', '/logs-2024/_mapping')
    expect(JSON.parse(mapping.body)).toEqual({
      'logs-2024': {
        mappings: { properties: { a: { type: 'keyword' }, b: { type: 'keyword' }, c: { type: 'long' } } },
      },
    })
    const aliases = await node.send('GET', '/logs-2024/_alias')
    expect(JSON.parse(aliases.body)).toEqual({
      'logs-2024': { aliases: { all_logs: {}, 'logs-2024-alias': {} } },
    })
    const explicit = await node.send('PUT', '/logs-2025', { settings: { number_of_shards: 4 } })
    expect(explicit.status).toBe(200)
    const explicitSettings = await node.send('GET', '/logs-2025/_settings?flat_settings=true')
    expect(jsonAt(explicitSettings.body, 'logs-2025', 'settings', 'index.number_of_shards')).toBe('4')
  })

  it('a matching composable template wins: the legacy ones are not applied', async () => {
    const node = await startNode()
    await putTemplate(node, 'legacy', { index_patterns: ['*'], settings: { number_of_shards: 3 } })
    await node.send('PUT', '/_index_template/modern', {
      index_patterns: ['modern-*'],
      template: { settings: { number_of_replicas: 0 } },
    })
    await node.send('PUT', '/modern-1')
    await node.send('PUT', '/other-1')
    const modern = await node.send('GET', '/modern-1/_settings?flat_settings=true')
    expect(jsonAt(modern.body, 'modern-1', 'settings', 'index.number_of_shards')).toBe('1')
    const other = await node.send('GET', '/other-1/_settings?flat_settings=true')
    expect(jsonAt(other.body, 'other-1', 'settings', 'index.number_of_shards')).toBe('3')
  })

  it('an index auto-created by a write takes the legacy template', async () => {
    const node = await startNode()
    await putTemplate(node, 'events', {
      index_patterns: ['events-*'],
      mappings: { properties: { code: { type: 'keyword' } } },
    })
    expect((await node.send('PUT', '/events-1/_doc/1', { code: '42' })).status).toBe(201)
    expect(jsonAt((await node.send('GET', '/events-1/_mapping')).body, 'events-1', 'mappings')).toEqual({
      properties: { code: { type: 'keyword' } },
    })
  })

  it('templates come back after a restart', async () => {
    const node = await startNode()
    await putTemplate(node, 'test', { index_patterns: ['t*'], order: 2 })
    const restarted = await node.restart()
    expect((await restarted.send('GET', '/_template/test')).body).toBe(
      '{"test":{"order":2,"index_patterns":["t*"],"settings":{},"mappings":{},"aliases":{}}}',
    )
  })
})
