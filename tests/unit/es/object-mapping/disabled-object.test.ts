// An object field with `enabled: false` through EsNode (ObjectMapper, DocumentParser.parseObjectOrNested; the
// "enabled" mapping parameter docs' session_data example): any value under it, an object, a concrete value, an array
// or null, is kept in `_source` and neither parsed nor mapped; the parameter cannot change on an existing object
// (ObjectMapper.MergeResult.build's MapperException), except through index templates.
import { beforeEach, describe, expect, test } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'
import { jsonAt } from '../indices/json-at.ts'

let node: TestNode

beforeEach(async () => {
  node = await startNode()
  await node.send('PUT', '/my-index-000001', {
    mappings: {
      properties: {
        user_id: { type: 'keyword' },
        last_updated: { type: 'date' },
        session_data: { type: 'object', enabled: false },
      },
    },
  })
})

const MAPPING =
  '{"my-index-000001":{"mappings":{"properties":{"last_updated":{"type":"date"},' +
  '"session_data":{"type":"object","enabled":false},"user_id":{"type":"keyword"}}}}}'

describe('a disabled object', () => {
  test('takes any value without parsing or mapping it (the enabled docs example)', async () => {
    const first = await node.send('PUT', '/my-index-000001/_doc/session_1', {
      user_id: 'kimchy',
      session_data: { arbitrary_object: { some_array: ['foo', 'bar', { baz: 2 }] } },
      last_updated: '2015-12-06T18:20:22',
    })
    expect(first.status).toBe(201)
    const second = await node.send('PUT', '/my-index-000001/_doc/session_2', {
      user_id: 'jpountz',
      session_data: 'none',
      last_updated: '2015-12-06T18:22:13',
    })
    expect(second.status).toBe(201)
    const third = await node.send('PUT', '/my-index-000001/_doc/session_3?refresh=true', {
      session_data: [1, { a: 'b' }, null, [true]],
    })
    expect(third.status).toBe(201)
    expect((await node.send('GET', '/my-index-000001/_mapping')).body).toBe(MAPPING)
    expect(jsonAt((await node.send('GET', '/my-index-000001/_doc/session_1')).body, '_source')).toEqual({
      user_id: 'kimchy',
      session_data: { arbitrary_object: { some_array: ['foo', 'bar', { baz: 2 }] } },
      last_updated: '2015-12-06T18:20:22',
    })
    const search = await node.send('GET', '/my-index-000001/_search', {
      query: { exists: { field: 'session_data.arbitrary_object.some_array' } },
    })
    expect(jsonAt(search.body, 'hits', 'total')).toEqual({ value: 0, relation: 'eq' })
  })

  test('enabled cannot be updated on an existing object', async () => {
    const update = await node.send('PUT', '/my-index-000001/_mapping', {
      properties: { session_data: { type: 'object', enabled: true } },
    })
    expect(update).toMatchObject({
      status: 500,
      body:
        '{"error":{"root_cause":[{"type":"mapper_exception","reason":"the [enabled] parameter can\'t be updated for ' +
        'the object mapping [session_data]"}],"type":"mapper_exception","reason":"the [enabled] parameter can\'t be ' +
        'updated for the object mapping [session_data]"},"status":500}',
    })
    const disable = await node.send('PUT', '/my-index-000001/_mapping', {
      properties: { user: { properties: { name: { type: 'keyword' } } } },
    })
    expect(disable.status).toBe(200)
    const off = await node.send('PUT', '/my-index-000001/_mapping', {
      properties: { user: { enabled: false } },
    })
    expect(jsonAt(off.body, 'error', 'reason')).toBe(
      "the [enabled] parameter can't be updated for the object mapping [user]",
    )
    const same = await node.send('PUT', '/my-index-000001/_mapping', {
      properties: { session_data: { type: 'object', enabled: false } },
    })
    expect(same).toMatchObject({ status: 200, body: '{"acknowledged":true}' })
    expect((await node.send('GET', '/my-index-000001/_mapping')).body).toBe(
      MAPPING.replace(
        '"user_id":{"type":"keyword"}',
        '"user":{"properties":{"name":{"type":"keyword"}}},"user_id":{"type":"keyword"}',
      ),
    )
  })

  test('enabled is a strict boolean, printed only when false, on objects, nested fields and the root', async () => {
    await node.send('PUT', '/strings', {
      mappings: {
        properties: {
          s: { enabled: 'false' },
          t: { type: 'object', enabled: 'true', properties: { a: { type: 'keyword' } } },
          n: { type: 'nested', enabled: false },
        },
      },
    })
    expect((await node.send('GET', '/strings/_mapping')).body).toBe(
      '{"strings":{"mappings":{"properties":{"n":{"type":"nested","enabled":false},' +
        '"s":{"type":"object","enabled":false},"t":{"properties":{"a":{"type":"keyword"}}}}}}}',
    )
    const nested = await node.send('PUT', '/strings/_doc/1?refresh=true', { n: [{ x: 1 }, 'text'] })
    expect(nested.status).toBe(201)
    expect((await node.send('GET', '/strings/_mapping')).body).toContain(
      '"n":{"type":"nested","enabled":false}',
    )
    for (const mappings of [{ properties: { s: { type: 'object', enabled: 'no' } } }, { enabled: 'no' }]) {
      const refused = await node.send('PUT', '/refused', { mappings })
      const convert = 'Could not convert [enabled.enabled] to boolean'
      expect(refused).toMatchObject({
        status: 400,
        body:
          `{"error":{"root_cause":[{"type":"mapper_parsing_exception","reason":"Failed to parse mapping: ${convert}"}],` +
          `"type":"mapper_parsing_exception","reason":"Failed to parse mapping: ${convert}",` +
          `"caused_by":{"type":"illegal_argument_exception","reason":"${convert}",` +
          '"caused_by":{"type":"illegal_argument_exception",' +
          '"reason":"Failed to parse value [no] as only [true] or [false] are allowed."}}},"status":400}',
      })
    }
  })
})
