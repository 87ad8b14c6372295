// `subobjects` (ES 8.17's ObjectMapper.Subobjects, the "subobjects" mapping docs and the 91_metrics_no_subobjects
// YAML tests): under `subobjects: false` (the root's or an object's) dotted names stay leaves in mappings and
// documents, objects are flattened into them, `nested` is refused, the value cannot change, and searches, `fields`,
// aggregations and field_caps address the dotted leaves. `auto` is behind a feature flag in 8.17: refused.
import { describe, expect, test } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'
import { jsonAt } from '../indices/json-at.ts'

async function index(node: TestNode, name: string, mappings: object): Promise<void> {
  const created = await node.send('PUT', `/${name}`, { mappings })
  expect(created.body).toBe(`{"acknowledged":true,"shards_acknowledged":true,"index":"${name}"}`)
}

async function mapping(node: TestNode, name: string): Promise<string> {
  return (await node.send('GET', `/${name}/_mapping`)).body
}

describe('subobjects: false on an object', () => {
  test('dotted and object notations map the same leaves, printed with their dots', async () => {
    const node = await startNode()
    await index(node, 'metrics', {
      properties: {
        metrics: {
          type: 'object',
          properties: { time: { type: 'long' }, 'time.min': { type: 'long' } },
          subobjects: false,
        },
      },
    })
    await node.send('PUT', '/metrics/_doc/1', {
      'metrics.time': 100,
      'metrics.time.min': 10,
      'metrics.time.max': 900,
    })
    await node.send('PUT', '/metrics/_doc/2?refresh=true', {
      metrics: { time: 200, 'time.min': 20, time2: { max: 5 } },
    })
    expect(await mapping(node, 'metrics')).toBe(
      '{"metrics":{"mappings":{"properties":{"metrics":{"subobjects":false,"properties":{' +
        '"time":{"type":"long"},"time.max":{"type":"long"},"time.min":{"type":"long"},"time2.max":{"type":"long"}}}}}}}',
    )
    const search = await node.send('GET', '/metrics/_search', {
      query: { range: { 'metrics.time.min': { gte: 15 } } },
      fields: ['metrics.*'],
      _source: false,
      aggs: { total: { sum: { field: 'metrics.time' } } },
    })
    expect(jsonAt(search.body, 'hits', 'hits')).toEqual([
      {
        _index: 'metrics',
        _id: '2',
        _score: 1,
        fields: { 'metrics.time': [200], 'metrics.time.min': [20], 'metrics.time2.max': [5] },
      },
    ])
    expect(jsonAt(search.body, 'aggregations', 'total', 'value')).toBe(200)
  })

  test('an object property is auto-flattened; nested, and objects that cannot flatten, are refused', async () => {
    const node = await startNode()
    await index(node, 'flat', {
      properties: {
        m: { subobjects: false, properties: { time: { properties: { max: { type: 'long' } } } } },
      },
    })
    expect(await mapping(node, 'flat')).toBe(
      '{"flat":{"mappings":{"properties":{"m":{"subobjects":false,"properties":{"time.max":{"type":"long"}}}}}}}',
    )
    const nested = await node.send('PUT', '/n', {
      mappings: {
        properties: { 'metrics.service': { subobjects: false, properties: { time: { type: 'nested' } } } },
      },
    })
    expect(nested.status).toBe(400)
    expect(jsonAt(nested.body, 'error', 'reason')).toBe(
      'Failed to parse mapping: Tried to add nested object [time] to object [service] which does not support subobjects',
    )
    const failures = [
      [{ enabled: false }, 'the value of [enabled] is [false]'],
      [{ subobjects: true, properties: { a: { type: 'long' } } }, 'the value of [subobjects] is [true]'],
      [
        { dynamic: 'strict', properties: { a: { type: 'long' } } },
        'the value of [dynamic] (STRICT) is not compatible with the value from its parent context (TRUE)',
      ],
    ] as const
    for (const [definition, because] of failures) {
      const response = await node.send('PUT', '/bad', {
        mappings: { subobjects: false, properties: { 'a.b': definition } },
      })
      expect(jsonAt(response.body, 'error', 'reason')).toBe(
        `Failed to parse mapping: Object mapper [a.b] was found in a context where subobjects is set to false. Auto-flattening [a.b] failed because ${because}`,
      )
      expect(jsonAt(response.body, 'error', 'caused_by', 'type')).toBe('illegal_argument_exception')
    }
  })

  test('subobjects cannot be updated; auto and other values are refused', async () => {
    const node = await startNode()
    await index(node, 'u', { properties: { m: { type: 'object', subobjects: false } } })
    const update = await node.send('PUT', '/u/_mapping', {
      properties: { m: { type: 'object', subobjects: true } },
    })
    expect(update.status).toBe(500)
    expect(jsonAt(update.body, 'error', 'reason')).toBe(
      "the [subobjects] parameter can't be updated for the object mapping [m]",
    )
    const root = await node.send('PUT', '/u/_mapping', { subobjects: false })
    expect(jsonAt(root.body, 'error', 'reason')).toBe(
      "the [subobjects] parameter can't be updated for the object mapping [_doc]",
    )
    // an update's objects under the flat object are flattened
    const added = await node.send('PUT', '/u/_mapping', {
      properties: { m: { properties: { a: { properties: { b: { type: 'keyword' } } } } } },
    })
    expect(added.status).toBe(200)
    expect(await mapping(node, 'u')).toBe(
      '{"u":{"mappings":{"properties":{"m":{"subobjects":false,"properties":{"a.b":{"type":"keyword"}}}}}}}',
    )
    // a null subobjects is none (ObjectMapper.TypeParser.parseSubobjects)
    const unset = await node.send('PUT', '/w', {
      mappings: { subobjects: null, properties: { 'a.b': { type: 'long' } } },
    })
    expect(unset.status).toBe(200)
    expect(await mapping(node, 'w')).toBe(
      '{"w":{"mappings":{"properties":{"a":{"properties":{"b":{"type":"long"}}}}}}}',
    )
    for (const [value, text] of [
      ['auto', 'auto'],
      [1, '1'],
    ] as const) {
      const refused = await node.send('PUT', '/v', { mappings: { subobjects: value } })
      expect(refused.status).toBe(400)
      expect(jsonAt(refused.body, 'error', 'reason')).toBe(
        `Failed to parse mapping: unknown subobjects value: ${text}`,
      )
      expect(jsonAt(refused.body, 'error', 'caused_by', 'type')).toBe('parse_exception')
    }
  })
})

describe('subobjects: false at the root', () => {
  test('documents map dotted leaves; GET _mapping prints it; dynamic templates and strict apply to the leaves', async () => {
    const node = await startNode()
    await index(node, 'r', {
      subobjects: 'FALSE',
      dynamic_templates: [{ longs: { match: '*.count', mapping: { type: 'integer' } } }],
    })
    const put = await node.send('PUT', '/r/_doc/1?refresh=true', {
      'host.name': 'a',
      host: { 'ip.count': 3, os: { name: 'linux' } },
      tags: [{ x: 'y' }],
    })
    expect(put.status).toBe(201)
    expect(await mapping(node, 'r')).toBe(
      '{"r":{"mappings":{"subobjects":false,"dynamic_templates":[{"longs":{"match":"*.count","mapping":{"type":"integer"}}}],' +
        '"properties":{"host.ip.count":{"type":"integer"},' +
        '"host.name":{"type":"text","fields":{"keyword":{"type":"keyword","ignore_above":256}}},' +
        '"host.os.name":{"type":"text","fields":{"keyword":{"type":"keyword","ignore_above":256}}},' +
        '"tags.x":{"type":"text","fields":{"keyword":{"type":"keyword","ignore_above":256}}}}}}}',
    )
    const search = await node.send('GET', '/r/_search', {
      query: { term: { 'host.os.name.keyword': 'linux' } },
    })
    expect(jsonAt(search.body, 'hits', 'total', 'value')).toBe(1)
    const caps = await node.send('GET', '/r/_field_caps?fields=host.*')
    // FieldCapabilitiesFetcher lists a leaf's parent paths as objects when they map no field
    expect(Object.keys(jsonAt(caps.body, 'fields') as object).sort()).toEqual([
      'host',
      'host.ip',
      'host.ip.count',
      'host.name',
      'host.name.keyword',
      'host.os',
      'host.os.name',
      'host.os.name.keyword',
    ])
    await node.send('PUT', '/r/_mapping', { dynamic: 'strict' })
    const strict = await node.send('PUT', '/r/_doc/2', { 'a.b': 1 })
    expect(jsonAt(strict.body, 'error', 'reason')).toBe(
      '[1:8] mapping set to strict, dynamic introduction of [a.b] within [_doc] is not allowed',
    )
    // DocumentParser.parseObjectDynamic: an object no field is mapped at is new, even when leaves under it are mapped
    const object = await node.send('PUT', '/r/_doc/2', { host: { name: 'b' } })
    expect(jsonAt(object.body, 'error', 'reason')).toBe(
      '[1:9] mapping set to strict, dynamic introduction of [host] within [_doc] is not allowed',
    )
    expect((await node.send('PUT', '/r/_doc/2', { 'host.name': 'b' })).status).toBe(201)
  })
})

describe('subobjects: false with dynamic: runtime and dynamic: false', () => {
  test('the leaves of a flattened object become runtime fields by their dotted paths, or are skipped whole', async () => {
    const node = await startNode()
    await index(node, 'rt', { subobjects: false, dynamic: 'runtime' })
    await node.send('PUT', '/rt/_doc/1?refresh=true', { a: { b: 7 } })
    expect(await mapping(node, 'rt')).toBe(
      '{"rt":{"mappings":{"dynamic":"runtime","subobjects":false,"runtime":{"a.b":{"type":"long"}}}}}',
    )
    const search = await node.send('GET', '/rt/_search', { query: { term: { 'a.b': 7 } } })
    expect(jsonAt(search.body, 'hits', 'total', 'value')).toBe(1)
    await index(node, 'off', { subobjects: false, dynamic: false, properties: { 'a.b': { type: 'long' } } })
    await node.send('PUT', '/off/_doc/1?refresh=true', { a: { b: 7 } })
    await node.send('PUT', '/off/_doc/2?refresh=true', { 'a.b': 7 })
    // DocumentParser.parseObjectDynamic skips an object no field is mapped at, mapped leaves under it included
    const found = await node.send('GET', '/off/_search', { query: { term: { 'a.b': 7 } } })
    expect(jsonAt(found.body, 'hits', 'hits', '0', '_id')).toBe('2')
    expect(jsonAt(found.body, 'hits', 'total', 'value')).toBe(1)
  })
})
