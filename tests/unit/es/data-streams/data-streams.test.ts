// Data streams through EsNode, as ES 8.17 answers: MetadataCreateDataStreamService's checks, auto-creation
// by a write, the append-only and @timestamp rules, reads across backing indices, GET / DELETE
// _data_stream, rollover and the write index that cannot be deleted (data_stream YAML REST tests).
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'
import { jsonAt } from '../indices/json-at.ts'

const TEMPLATE = {
  index_patterns: ['logs-*'],
  data_stream: {},
  template: { settings: { number_of_replicas: 0 }, mappings: { properties: { message: { type: 'text' } } } },
}

async function withTemplate(): Promise<TestNode> {
  const node = await startNode()
  await node.send('PUT', '/_index_template/logs', TEMPLATE)
  return node
}

const reason = (body: string): unknown => jsonAt(body, 'error', 'reason')

describe('creating data streams', () => {
  it('PUT _data_stream makes the first hidden backing index from the template, @timestamp a date', async () => {
    const { send } = await withTemplate()
    expect((await send('PUT', '/_data_stream/logs-app')).body).toBe('{"acknowledged":true}')
    const backing = '.ds-logs-app-2026.01.01-000001'
    const index = await send('GET', `/${backing}`)
    expect(jsonAt(index.body, backing, 'mappings')).toEqual({
      properties: { '@timestamp': { type: 'date' }, message: { type: 'text' } },
    })
    expect(jsonAt(index.body, backing, 'settings', 'index', 'hidden')).toBe('true')
    expect(jsonAt(index.body, backing, 'settings', 'index', 'routing')).toEqual({
      allocation: { include: { _tier_preference: 'data_hot' } },
    })
    const again = await send('PUT', '/_data_stream/logs-app')
    expect([again.status, jsonAt(again.body, 'error', 'type'), reason(again.body)]).toEqual([
      400,
      'resource_already_exists_exception',
      'data_stream [logs-app] already exists',
    ])
  })

  it('refuses names and templates as createDataStream does', async () => {
    const { send } = await withTemplate()
    await send('PUT', '/_index_template/plain', { index_patterns: ['plain-*'] })
    expect(reason((await send('PUT', '/_data_stream/other')).body)).toBe(
      'no matching index template found for data stream [other]',
    )
    expect(reason((await send('PUT', '/_data_stream/plain-x')).body)).toBe(
      'matching index template [plain] for data stream [plain-x] has no data stream template',
    )
    expect(reason((await send('PUT', '/_data_stream/logs-UP')).body)).toBe(
      'data_stream [logs-UP] must be lowercase',
    )
    expect(reason((await send('PUT', '/_data_stream/.ds-logs')).body)).toBe(
      "data_stream [.ds-logs] must not start with '.ds-'",
    )
    expect(reason((await send('PUT', '/logs-index')).body)).toBe(
      'cannot create index with name [logs-index], because it matches with template [logs] that creates data ' +
        'streams only, use create data stream api instead',
    )
  })

  it('a write to a name the template matches creates the data stream', async () => {
    const { send } = await withTemplate()
    const write = await send('POST', '/logs-web/_doc', {
      '@timestamp': '2026-01-01T00:00:00Z',
      message: 'up',
    })
    expect(write.status).toBe(201)
    expect(jsonAt(write.body, '_index')).toBe('.ds-logs-web-2026.01.01-000001')
    const streams = await send('GET', '/_data_stream?filter_path=data_streams.name,data_streams.template')
    expect(streams.body).toBe('{"data_streams":[{"name":"logs-web","template":"logs"}]}')
  })
})

describe('writing to and reading from a data stream', () => {
  it('only op_type create goes through the data stream name', async () => {
    const { send } = await withTemplate()
    await send('PUT', '/_data_stream/logs-app')
    const doc = { '@timestamp': '2026-01-01T00:00:00Z' }
    const refused = 'only write ops with an op_type of create are allowed in data streams'
    expect(reason((await send('PUT', '/logs-app/_doc/1', doc)).body)).toBe(refused)
    expect(reason((await send('POST', '/logs-app/_doc?op_type=index', doc)).body)).toBe(refused)
    expect((await send('PUT', '/logs-app/_doc/1?op_type=create', doc)).status).toBe(201)
    expect((await send('PUT', '/logs-app/_create/2', doc)).status).toBe(201)
    expect(reason((await send('DELETE', '/logs-app/_doc/1')).body)).toBe(refused)
  })

  it('a document without one @timestamp fails as the timestamp field mapper fails it', async () => {
    const { send } = await withTemplate()
    const missing = await send('POST', '/logs-app/_doc', '{"message":"x"}')
    expect(missing.body).toBe(
      '{"error":{"root_cause":[{"type":"document_parsing_exception","reason":"[1:15] failed to parse: data stream timestamp field [@timestamp] is missing"}],' +
        '"type":"document_parsing_exception","reason":"[1:15] failed to parse: data stream timestamp field [@timestamp] is missing",' +
        '"caused_by":{"type":"illegal_argument_exception","reason":"data stream timestamp field [@timestamp] is missing"}},"status":400}',
    )
    const two = await send('POST', '/logs-app/_doc', { '@timestamp': ['2026-01-01', '2026-01-02'] })
    expect(jsonAt(two.body, 'error', 'caused_by', 'reason')).toBe(
      'data stream timestamp field [@timestamp] encountered multiple values',
    )
  })

  it('_bulk creates into the write index; searches and wildcards read every backing index', async () => {
    const { send } = await withTemplate()
    await send('POST', '/logs-app/_doc', { '@timestamp': '2026-01-01T00:00:00Z', message: 'one' })
    const rolled = await send('POST', '/logs-app/_rollover')
    expect(jsonAt(rolled.body, 'old_index')).toBe('.ds-logs-app-2026.01.01-000001')
    expect(jsonAt(rolled.body, 'new_index')).toBe('.ds-logs-app-2026.01.01-000002')
    const bulk = await send(
      'POST',
      '/_bulk?refresh=true',
      '{"create":{"_index":"logs-app"}}\n{"@timestamp":"2026-01-01T01:00:00Z","message":"two"}\n',
    )
    expect(jsonAt(bulk.body, 'items', '0', 'create', '_index')).toBe('.ds-logs-app-2026.01.01-000002')
    await send('POST', '/logs-app/_refresh')
    const count = (path: string) =>
      send('GET', `${path}/_search?filter_path=hits.total.value`).then((r) =>
        jsonAt(r.body, 'hits', 'total', 'value'),
      )
    expect(await count('/logs-app')).toBe(2)
    expect(await count('/logs-*')).toBe(2)
    expect(await count('/.ds-logs-app-*')).toBe(2)
    // Backing indices are hidden: a wildcard not starting with `.` skips them by their own names.
    await send('PUT', '/ds-visible')
    expect((await send('GET', '/_cat/indices/*ds-*?h=index')).body).toBe('ds-visible\n')
  })
})

describe('GET, DELETE and rollover of data streams', () => {
  it('GET _data_stream prints every field of 8.17 without ILM', async () => {
    const { send } = await withTemplate()
    await send('PUT', '/_data_stream/logs-app')
    const body = (await send('GET', '/_data_stream/logs-app')).body
    const uuid = jsonAt(body, 'data_streams', '0', 'indices', '0', 'index_uuid') as string
    expect(body).toBe(
      '{"data_streams":[{"name":"logs-app","timestamp_field":{"name":"@timestamp"},"indices":[' +
        `{"index_name":".ds-logs-app-2026.01.01-000001","index_uuid":"${uuid}","prefer_ilm":true,"managed_by":"Unmanaged"}],` +
        '"generation":1,"status":"GREEN","template":"logs","next_generation_managed_by":"Unmanaged","prefer_ilm":true,' +
        '"hidden":false,"system":false,"allow_custom_routing":false,"replicated":false,"rollover_on_write":false}]}',
    )
    const missing = await send('GET', '/_data_stream/nope')
    expect([missing.status, jsonAt(missing.body, 'error', 'type')]).toEqual([
      404,
      'index_not_found_exception',
    ])
    expect((await send('GET', '/_data_stream/nope*')).body).toBe('{"data_streams":[]}')
  })

  it('the write index cannot be deleted, an older one leaves the data stream, DELETE takes them all', async () => {
    const { send } = await withTemplate()
    await send('PUT', '/_data_stream/logs-app')
    await send('POST', '/logs-app/_rollover')
    const write = await send('DELETE', '/.ds-logs-app-2026.01.01-000002')
    expect(reason(write.body)).toBe(
      'index [.ds-logs-app-2026.01.01-000002] is the write index for data stream [logs-app] and cannot be deleted',
    )
    expect(reason((await send('DELETE', '/logs-app')).body)).toBe(
      'The provided expression [logs-app] matches a data stream, specify the corresponding concrete indices instead.',
    )
    expect((await send('DELETE', '/.ds-logs-app-2026.01.01-000001')).status).toBe(200)
    const indices = await send(
      'GET',
      '/_data_stream/logs-app?filter_path=data_streams.indices.index_name,data_streams.generation',
    )
    expect(indices.body).toBe(
      '{"data_streams":[{"indices":[{"index_name":".ds-logs-app-2026.01.01-000002"}],"generation":2}]}',
    )
    const gone = await send('DELETE', '/_data_stream/missing')
    expect([gone.status, reason(gone.body)]).toEqual([404, 'data streams [missing] not found'])
    expect((await send('DELETE', '/_data_stream/logs-app')).body).toBe('{"acknowledged":true}')
    expect((await send('GET', '/_cat/indices?h=index')).body).toBe('')
  })

  it('a data stream rollover takes no new name, settings, mappings or aliases', async () => {
    const { send } = await withTemplate()
    await send('PUT', '/_data_stream/logs-app')
    expect(reason((await send('POST', '/logs-app/_rollover/other')).body)).toBe(
      'new index name may not be specified when rolling over a data stream',
    )
    expect(reason((await send('POST', '/logs-app/_rollover', { settings: {} })).body)).toBe(
      'aliases, mappings, and index settings may not be specified when rolling over a data stream',
    )
  })

  it('the data stream survives a restart from the persisted cluster state', async () => {
    const node = await withTemplate()
    await node.send('PUT', '/_data_stream/logs-app')
    await node.send('POST', '/logs-app/_rollover')
    const restarted = await node.restart()
    const body = (await restarted.send('GET', '/_data_stream?filter_path=data_streams.generation')).body
    expect(body).toBe('{"data_streams":[{"generation":2}]}')
  })
})
