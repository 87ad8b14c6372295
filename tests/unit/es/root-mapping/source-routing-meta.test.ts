// The root's metadata fields through EsNode: `_source` (enabled, includes / excludes; SourceFieldMapper, the
// "_source field" docs), `_routing.required` (RoutingFieldMapper, RoutingMissingException, the "_routing field"
// docs), `_meta` and root `enabled: false` (RootObjectMapper / ObjectMapper).
import { beforeEach, describe, expect, test } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'
import { jsonAt } from '../indices/json-at.ts'

let node: TestNode

beforeEach(async () => {
  node = await startNode()
})

describe('_source', () => {
  beforeEach(async () => {
    await node.send('PUT', '/nosrc', { mappings: { _source: { enabled: false } } })
    await node.send('PUT', '/nosrc/_doc/1?refresh=true', { title: 'hello world' })
  })

  test('a disabled source: GET finds the document without _source, search still matches', async () => {
    expect((await node.send('GET', '/nosrc/_doc/1')).body).toBe(
      '{"_index":"nosrc","_id":"1","_version":1,"_seq_no":0,"_primary_term":1,"found":true}',
    )
    const search = await node.send('GET', '/nosrc/_search', { query: { match: { title: 'hello' } } })
    expect(jsonAt(search.body, 'hits', 'hits')).toEqual([{ _index: 'nosrc', _id: '1', _score: 0.2876821 }])
    expect(await node.send('GET', '/nosrc/_source/1')).toMatchObject({
      status: 404,
      body:
        '{"error":{"root_cause":[{"type":"resource_not_found_exception","reason":"Source not found [nosrc]/[1]"}],' +
        '"type":"resource_not_found_exception","reason":"Source not found [nosrc]/[1]"},"status":404}',
    })
  })

  test('update and reindex fail as ES fails them; the document is unchanged', async () => {
    const update = await node.send('POST', '/nosrc/_update/1', { doc: { title: 'x' } })
    const uuid = jsonAt(update.body, 'error', 'index_uuid') as string
    expect(update).toMatchObject({
      status: 400,
      body:
        '{"error":{"root_cause":[{"type":"document_source_missing_exception","reason":"[1]: document source missing",' +
        `"index_uuid":"${uuid}","shard":"0","index":"nosrc"}],"type":"document_source_missing_exception",` +
        `"reason":"[1]: document source missing","index_uuid":"${uuid}","shard":"0","index":"nosrc"},"status":400}`,
    })
    const reindex = await node.send('POST', '/_reindex', {
      source: { index: 'nosrc' },
      dest: { index: 'copy' },
    })
    expect(reindex).toMatchObject({
      status: 400,
      body:
        '{"error":{"root_cause":[{"type":"illegal_argument_exception","reason":"[nosrc][1] didn\'t store _source"}],' +
        '"type":"illegal_argument_exception","reason":"[nosrc][1] didn\'t store _source"},"status":400}',
    })
    expect(jsonAt((await node.send('GET', '/nosrc/_doc/1')).body, '_version')).toBe(1)
  })

  test('includes and excludes filter the stored source; excluded fields stay searchable', async () => {
    await node.send('PUT', '/f', {
      mappings: { _source: { includes: ['name', 'meta.*'], excludes: ['meta.secret'] } },
    })
    await node.send('PUT', '/f/_doc/1?refresh=true', { name: 'a', code: 42, meta: { x: 1, secret: 's' } })
    expect(jsonAt((await node.send('GET', '/f/_doc/1')).body, '_source')).toEqual({
      name: 'a',
      meta: { x: 1 },
    })
    const search = await node.send('GET', '/f/_search', { query: { term: { code: 42 } } })
    expect(jsonAt(search.body, 'hits', 'hits', '0', '_source')).toEqual({ name: 'a', meta: { x: 1 } })
    expect((await node.send('GET', '/f/_mapping')).body).toContain(
      '"_source":{"includes":["name","meta.*"],"excludes":["meta.secret"]}',
    )
  })

  test('the source mapping of an index cannot change', async () => {
    const response = await node.send('PUT', '/nosrc/_mapping', { _source: { enabled: true } })
    expect(jsonAt(response.body, 'error')).toEqual({
      root_cause: [
        {
          type: 'illegal_argument_exception',
          reason:
            'Mapper for [_source] conflicts with existing mapper:\n\tCannot update parameter [enabled] from [false] to [true]',
        },
      ],
      type: 'illegal_argument_exception',
      reason:
        'Mapper for [_source] conflicts with existing mapper:\n\tCannot update parameter [enabled] from [false] to [true]',
    })
  })
})

describe('_routing required', () => {
  beforeEach(async () => {
    await node.send('PUT', '/r', { mappings: { _routing: { required: true } } })
  })

  test('index, get, delete and bulk items without routing fail with routing_missing_exception', async () => {
    const index = await node.send('PUT', '/r/_doc/1', { a: 1 })
    // RoutingMissingException names the index without its uuid.
    const error = `{"type":"routing_missing_exception","reason":"routing is required for [r]/[1]","index_uuid":"_na_","index":"r"}`
    expect(index).toMatchObject({
      status: 400,
      body: `{"error":{"root_cause":[${error}],${error.slice(1, -1)}},"status":400}`,
    })
    expect((await node.send('PUT', '/r/_doc/1?routing=u1', { a: 1 })).status).toBe(201)
    expect((await node.send('GET', '/r/_doc/1')).status).toBe(400)
    expect((await node.send('DELETE', '/r/_doc/1')).status).toBe(400)
    const explain = await node.send('GET', '/r/_explain/1', { query: { match_all: {} } })
    expect(jsonAt(explain.body, 'error', 'type')).toBe('routing_missing_exception')
    const termVectors = await node.send('GET', '/r/_termvectors/1')
    expect(jsonAt(termVectors.body, 'error', 'type')).toBe('routing_missing_exception')
    expect(jsonAt((await node.send('GET', '/r/_doc/1?routing=u1')).body, '_routing')).toBe('u1')
    const bulk = await node.send('POST', '/_bulk', '{"index":{"_index":"r","_id":"1"}}\n{"a":2}\n')
    expect(jsonAt(bulk.body, 'items', '0', 'index')).toEqual({
      _index: 'r',
      _id: '1',
      status: 400,
      error: {
        type: 'routing_missing_exception',
        reason: 'routing is required for [r]/[1]',
        index_uuid: '_na_',
        index: 'r',
      },
    })
    expect((await node.send('GET', '/r/_mapping')).body).toBe(
      '{"r":{"mappings":{"_routing":{"required":true},"properties":{"a":{"type":"long"}}}}}',
    )
  })
})

describe('_meta and enabled', () => {
  test('_meta is kept and shown as given; PUT _mapping replaces it', async () => {
    await node.send('PUT', '/m', '{"mappings":{"_meta":{"owner":"team-a","version":1.0}}}')
    expect((await node.send('GET', '/m/_mapping')).body).toBe(
      '{"m":{"mappings":{"_meta":{"owner":"team-a","version":1.0}}}}',
    )
    await node.send('PUT', '/m/_mapping', { _meta: { owner: 'team-b' } })
    expect((await node.send('GET', '/m/_mapping')).body).toBe(
      '{"m":{"mappings":{"_meta":{"owner":"team-b"}}}}',
    )
  })

  test('a root with enabled false keeps documents but maps and indexes nothing', async () => {
    await node.send('PUT', '/off', { mappings: { enabled: false } })
    await node.send('PUT', '/off/_doc/1?refresh=true', { title: 'hello' })
    expect((await node.send('GET', '/off/_mapping')).body).toBe('{"off":{"mappings":{"enabled":false}}}')
    const search = await node.send('GET', '/off/_search', { query: { match: { title: 'hello' } } })
    expect(jsonAt(search.body, 'hits', 'total', 'value')).toBe(0)
    expect(jsonAt((await node.send('GET', '/off/_doc/1')).body, '_source')).toEqual({ title: 'hello' })
    expect(jsonAt((await node.send('PUT', '/off/_mapping', { enabled: true })).body, 'error', 'reason')).toBe(
      "the [enabled] parameter can't be updated for the object mapping [_doc]",
    )
  })
})

describe('dynamic', () => {
  test('strict and runtime in any case are kept; a value neither strict nor a boolean fails as ES fails it', async () => {
    await node.send('PUT', '/d', { mappings: { dynamic: 'STRICT' } })
    expect((await node.send('GET', '/d/_mapping')).body).toBe('{"d":{"mappings":{"dynamic":"strict"}}}')
    const yes = await node.send('PUT', '/y', { mappings: { dynamic: 'yes' } })
    const convert = 'Could not convert [dynamic.dynamic] to boolean'
    expect(yes).toMatchObject({
      status: 400,
      body:
        `{"error":{"root_cause":[{"type":"mapper_parsing_exception","reason":"Failed to parse mapping: ${convert}"}],` +
        `"type":"mapper_parsing_exception","reason":"Failed to parse mapping: ${convert}",` +
        `"caused_by":{"type":"illegal_argument_exception","reason":"${convert}",` +
        '"caused_by":{"type":"illegal_argument_exception",' +
        '"reason":"Failed to parse value [yes] as only [true] or [false] are allowed."}}},"status":400}',
    })
    expect((await node.send('HEAD', '/y')).status).toBe(404)
    await node.send('PUT', '/rt', { mappings: { dynamic: 'Runtime' } })
    expect((await node.send('GET', '/rt/_mapping')).body).toBe('{"rt":{"mappings":{"dynamic":"runtime"}}}')
  })
})

describe('boolean parameters of the metadata fields', () => {
  test.each([
    ['_routing', { required: 'yes' }, 'yes'],
    ['_source', { enabled: 'no' }, 'no'],
    ['_source', { enabled: 1 }, '1'],
  ])('%s %j fails as Parameter.boolParam parses it (Booleans.parseBoolean)', async (field, params, text) => {
    const reason = `Failed to parse value [${text}] as only [true] or [false] are allowed.`
    const response = await node.send('PUT', '/bad', { mappings: { [field]: params } })
    expect(response.status).toBe(400)
    expect(response.body).toBe(
      JSON.stringify({
        error: {
          root_cause: [{ type: 'mapper_parsing_exception', reason: `Failed to parse mapping: ${reason}` }],
          type: 'mapper_parsing_exception',
          reason: `Failed to parse mapping: ${reason}`,
          caused_by: { type: 'illegal_argument_exception', reason },
        },
        status: 400,
      }),
    )
    expect((await node.send('HEAD', '/bad')).status).toBe(404)
  })

  test('the text of a boolean is taken', async () => {
    await node.send('PUT', '/ok', {
      mappings: { _routing: { required: 'true' }, _source: { enabled: 'false' } },
    })
    expect((await node.send('GET', '/ok/_mapping')).body).toBe(
      '{"ok":{"mappings":{"_routing":{"required":true},"_source":{"enabled":false}}}}',
    )
  })
})
