// Composable index templates and component templates through EsNode: the YAML REST tests
// indices.put_index_template/10_basic and 15_composition, the messages of MetadataIndexTemplateService
// (overlapping priorities, missing component templates, templates in use) and the GET shapes of
// GetComposableIndexTemplateAction and GetComponentTemplateAction (Elasticsearch 8.17).
import { describe, expect, it } from 'vitest'
import { startNode } from '../node/es-node-fixture.ts'
import { jsonAt } from '../indices/json-at.ts'

function errorBody(cause: string, status: number): string {
  return `{"error":{"root_cause":[{${cause}}],${cause}},"status":${status}}`
}

describe('PUT and GET _index_template', () => {
  it('stores patterns, settings (normalized, as strings), mappings and aliases; GET shows them', async () => {
    const { send } = await startNode()
    const put = await send('PUT', '/_index_template/test', {
      index_patterns: ['test-*', 'test2-*'],
      template: {
        settings: { number_of_shards: 1, number_of_replicas: 0 },
        mappings: { properties: { field: { type: 'text' } } },
        aliases: {
          test_alias: {},
          test_blias: { routing: 'b' },
          test_clias: { filter: { term: { user: 'kimchy' } } },
        },
      },
      priority: 10,
      version: 3,
      _meta: { description: 'for tests' },
    })
    expect(put.body).toBe('{"acknowledged":true}')
    expect((await send('GET', '/_index_template/test')).body).toBe(
      '{"index_templates":[{"name":"test","index_template":{"index_patterns":["test-*","test2-*"],"template":{' +
        '"settings":{"index":{"number_of_shards":"1","number_of_replicas":"0"}},' +
        '"mappings":{"properties":{"field":{"type":"text"}}},' +
        '"aliases":{"test_alias":{},"test_blias":{"index_routing":"b","search_routing":"b"},"test_clias":{"filter":{"term":{"user":"kimchy"}}}}},' +
        '"composed_of":[],"priority":10,"version":3,"_meta":{"description":"for tests"}}}]}',
    )
  })

  it('a single pattern string is a list; create=true refuses to replace; index_patterns is required', async () => {
    const { send } = await startNode()
    await send('PUT', '/_index_template/test2', { index_patterns: 'test-*' })
    expect(
      jsonAt((await send('GET', '/_index_template/test2')).body, 'index_templates', '0', 'index_template'),
    ).toEqual({
      index_patterns: ['test-*'],
      composed_of: [],
    })
    const again = await send('PUT', '/_index_template/test2?create=true', { index_patterns: 'test-*' })
    const cause = '"type":"illegal_argument_exception","reason":"index template [test2] already exists"'
    expect(again).toMatchObject({ status: 400, body: errorBody(cause, 400) })
    const none = await send('PUT', '/_index_template/test3', {})
    const required = '"type":"illegal_argument_exception","reason":"Required [index_patterns]"'
    expect(none).toMatchObject({ status: 400, body: errorBody(required, 400) })
  })

  it('an unknown field is x_content_parse_exception at its name', async () => {
    const { send } = await startNode()
    const response = await send('PUT', '/_index_template/bad1', '{"index_patterns":["b-*"],"foo":1}')
    const cause = '"type":"x_content_parse_exception","reason":"[1:27] [index_template] unknown field [foo]"'
    expect(response).toMatchObject({ status: 400, body: errorBody(cause, 400) })
  })

  it('same priority and overlapping patterns are refused; another priority is accepted', async () => {
    const { send } = await startNode()
    await send('PUT', '/_index_template/t1', { index_patterns: ['t1-*'], priority: 10 })
    const clash = await send('PUT', '/_index_template/t2', { index_patterns: ['t1-*'], priority: 10 })
    const cause =
      '"type":"illegal_argument_exception","reason":"index template [t2] has index patterns [t1-*] matching patterns from existing templates [t1] with patterns (t1 => [t1-*]) that have the same priority [10], multiple index templates may not match during index creation, please use a different priority"'
    expect(clash).toMatchObject({ status: 400, body: errorBody(cause, 400) })
    await send('PUT', '/_index_template/wide', { index_patterns: ['*'] })
    const defaultPriority = await send('PUT', '/_index_template/logs', { index_patterns: ['logs-*', 'x'] })
    expect(defaultPriority.body).toContain(
      '"reason":"index template [logs] has index patterns [logs-*, x] matching patterns from existing templates [wide] with patterns (wide => [*]) that have the same priority [0],',
    )
    expect(
      (await send('PUT', '/_index_template/t2', { index_patterns: ['t1-*'], priority: 11 })).status,
    ).toBe(200)
  })

  it('a missing template: GET is resource_not_found_exception, DELETE index_template_missing_exception', async () => {
    const { send } = await startNode()
    expect((await send('GET', '/_index_template')).body).toBe('{"index_templates":[]}')
    const get = await send('GET', '/_index_template/nope')
    const notFound =
      '"type":"resource_not_found_exception","reason":"index template matching [nope] not found"'
    expect(get).toMatchObject({ status: 404, body: errorBody(notFound, 404) })
    expect((await send('HEAD', '/_index_template/nope')).status).toBe(404)
    // a pattern that matches nothing answers the empty list with 404 (RestGetComposableIndexTemplateAction)
    expect(await send('GET', '/_index_template/no*')).toMatchObject({
      status: 404,
      body: '{"index_templates":[]}',
    })
    expect(await send('GET', '/_component_template/no*')).toMatchObject({
      status: 404,
      body: '{"component_templates":[]}',
    })
    const comma = await send('GET', '/_index_template/a,b')
    const illegal = '"type":"illegal_argument_exception","reason":"template name may not contain \',\'"'
    expect(comma).toMatchObject({ status: 400, body: errorBody(illegal, 400) })
    const del = await send('DELETE', '/_index_template/nope')
    const missing = '"type":"index_template_missing_exception","reason":"index_template [nope] missing"'
    expect(del).toMatchObject({ status: 404, body: errorBody(missing, 404) })
  })

  it('DELETE removes several templates by name (Delete multiple templates)', async () => {
    const { send } = await startNode()
    for (const name of ['foo', 'bar', 'baz'])
      await send('PUT', `/_index_template/${name}`, { index_patterns: `${name}-*` })
    expect((await send('DELETE', '/_index_template/foo,bar')).body).toBe('{"acknowledged":true}')
    expect((await send('GET', '/_index_template/foo')).status).toBe(404)
    expect((await send('GET', '/_index_template/bar')).status).toBe(404)
    const listed = JSON.parse((await send('GET', '/_index_template')).body) as {
      index_templates: Array<{ name: string }>
    }
    expect(listed.index_templates.map((t) => t.name)).toEqual(['baz'])
  })
})

describe('component templates', () => {
  it('CRUD; composed_of must name existing ones; one in use cannot be removed', async () => {
    const { send } = await startNode()
    expect(
      (
        await send('PUT', '/_component_template/ct', {
          template: { settings: { 'index.number_of_shards': 2 } },
          version: 1,
        })
      ).body,
    ).toBe('{"acknowledged":true}')
    expect((await send('GET', '/_component_template/ct')).body).toBe(
      '{"component_templates":[{"name":"ct","component_template":{"template":{"settings":{"index":{"number_of_shards":"2"}}},"version":1}}]}',
    )
    const bad = await send('PUT', '/_index_template/bad3', {
      index_patterns: ['b3-*'],
      composed_of: ['nonexistent'],
    })
    const invalid =
      '"type":"invalid_index_template_exception","reason":"index_template [bad3] invalid, cause [index template [bad3] specifies component templates [nonexistent] that do not exist]"'
    expect(bad).toMatchObject({ status: 400, body: errorBody(invalid, 400) })
    await send('PUT', '/_index_template/uses', { index_patterns: ['u-*'], composed_of: ['ct'] })
    const inUse = await send('DELETE', '/_component_template/ct')
    const cause =
      '"type":"illegal_argument_exception","reason":"component templates [ct] cannot be removed as they are still in use by index templates [uses]"'
    expect(inUse).toMatchObject({ status: 400, body: errorBody(cause, 400) })
    const missing = await send('GET', '/_component_template/nope')
    expect(missing.body).toBe(
      errorBody(
        '"type":"resource_not_found_exception","reason":"component template matching [nope] not found"',
        404,
      ),
    )
    expect((await send('PUT', '/_component_template/x', { version: 1 })).body).toBe(
      errorBody('"type":"illegal_argument_exception","reason":"Required [template]"', 400),
    )
    await send('DELETE', '/_index_template/uses')
    expect((await send('DELETE', '/_component_template/ct')).body).toBe('{"acknowledged":true}')
    expect((await send('DELETE', '/_component_template/ct')).body).toBe(
      errorBody('"type":"resource_not_found_exception","reason":"ct"', 404),
    )
  })
})

describe('templates applied at index creation', () => {
  it('components, then the template, then the request: later settings and aliases win, mappings merge', async () => {
    const { send } = await startNode()
    await send('PUT', '/_component_template/shards', {
      template: { settings: { number_of_shards: 3, number_of_replicas: 0 } },
    })
    await send('PUT', '/_component_template/fields', {
      template: { mappings: { properties: { host: { type: 'keyword' } } }, aliases: { all_logs: {} } },
    })
    await send('PUT', '/_index_template/logs', {
      index_patterns: ['logs-*'],
      composed_of: ['shards', 'fields'],
      priority: 1,
      template: {
        settings: { number_of_shards: 2 },
        mappings: { properties: { message: { type: 'text' } } },
      },
    })
    await send('PUT', '/_index_template/other', {
      index_patterns: ['logs-*'],
      priority: 0,
      template: { settings: { number_of_shards: 9 } },
    })
    await send('PUT', '/logs-a', { settings: { number_of_replicas: 1 }, aliases: { mine: {} } })
    const index = (await send('GET', '/logs-a')).body
    expect(jsonAt(index, 'logs-a', 'aliases')).toEqual({ all_logs: {}, mine: {} })
    expect(jsonAt(index, 'logs-a', 'mappings')).toEqual({
      properties: { host: { type: 'keyword' }, message: { type: 'text' } },
    })
    expect(jsonAt(index, 'logs-a', 'settings', 'index', 'number_of_shards')).toBe('2')
    expect(jsonAt(index, 'logs-a', 'settings', 'index', 'number_of_replicas')).toBe('1')
  })

  it('a later leaf definition replaces the one before it whole, as ObjectMapper merges templates', async () => {
    const { send } = await startNode()
    await send('PUT', '/_component_template/tags', {
      template: {
        mappings: {
          properties: {
            tag: { type: 'keyword', null_value: 'x', fields: { t: { type: 'text' } } },
            n: { type: 'long' },
            o: { properties: { a: { type: 'keyword', normalizer: 'lowercase' }, b: { type: 'long' } } },
          },
        },
      },
    })
    await send('PUT', '/_index_template/tagged', {
      index_patterns: ['tagged-*'],
      composed_of: ['tags'],
      template: {
        mappings: {
          properties: {
            tag: { type: 'keyword', null_value: 'y' },
            o: { properties: { a: { type: 'text' } } },
          },
        },
      },
    })
    const created = await send('PUT', '/tagged-1', { mappings: { properties: { n: { type: 'keyword' } } } })
    expect(created.status).toBe(200)
    expect(jsonAt((await send('GET', '/tagged-1')).body, 'tagged-1', 'mappings')).toEqual({
      properties: {
        n: { type: 'keyword' },
        o: { properties: { a: { type: 'text' }, b: { type: 'long' } } },
        tag: { type: 'keyword', null_value: 'y' },
      },
    })
  })

  it('a write that auto-creates an index takes the template too; a name no template matches gets the defaults', async () => {
    const { send } = await startNode()
    await send('PUT', '/_index_template/events', {
      index_patterns: ['events-*'],
      template: {
        settings: { number_of_shards: 4 },
        mappings: { properties: { code: { type: 'keyword' } } },
      },
    })
    const bulk = await send(
      'POST',
      '/_bulk',
      '{"index":{"_index":"events-1","_id":"1"}}\n{"code":"A1","n":1}\n',
    )
    expect(jsonAt(bulk.body, 'errors')).toBe(false)
    const created = (await send('GET', '/events-1')).body
    expect(jsonAt(created, 'events-1', 'settings', 'index', 'number_of_shards')).toBe('4')
    expect(jsonAt(created, 'events-1', 'mappings')).toEqual({
      properties: { code: { type: 'keyword' }, n: { type: 'long' } },
    })
    await send('PUT', '/plain/_doc/1', { n: 1 })
    expect(jsonAt((await send('GET', '/plain')).body, 'plain', 'settings', 'index', 'number_of_shards')).toBe(
      '1',
    )
  })

  it('templates survive a restart', async () => {
    const node = await startNode()
    await node.send('PUT', '/_component_template/c', { template: { settings: { number_of_shards: 2 } } })
    await node.send('PUT', '/_index_template/t', { index_patterns: ['t-*'], composed_of: ['c'] })
    const restarted = await node.restart()
    expect((await restarted.send('GET', '/_index_template/t')).body).toBe(
      '{"index_templates":[{"name":"t","index_template":{"index_patterns":["t-*"],"composed_of":["c"]}}]}',
    )
    expect((await restarted.send('GET', '/_component_template')).body).toContain('"name":"c"')
  })
})
