// The `passthrough` object field type (ES 8.17's PassThroughObjectMapper, FieldTypeLookup's pass-through aliases,
// PassThroughObjectMapperTests and the "Pass-through object field type" docs): its mapping, required `priority`,
// conflicts between priorities, subfields searched by their names without the prefix, and its errors.
import { describe, expect, test } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'
import { jsonAt } from '../indices/json-at.ts'

async function create(
  node: TestNode,
  name: string,
  mappings: object,
): Promise<{ status: number; body: string }> {
  return node.send('PUT', `/${name}`, { mappings })
}

describe('passthrough objects', () => {
  test('subfields are searched, aggregated and fetched with or without the prefix', async () => {
    const node = await startNode()
    const created = await create(node, 'otel', {
      properties: {
        attributes: {
          type: 'passthrough',
          priority: 10,
          properties: { 'host.name': { type: 'keyword' }, env: { type: 'keyword' } },
        },
        resource: { type: 'passthrough', priority: '20', properties: { env: { type: 'keyword' } } },
        service: { type: 'keyword' },
      },
    })
    expect(created.status).toBe(200)
    expect((await node.send('GET', '/otel/_mapping')).body).toBe(
      '{"otel":{"mappings":{"properties":{' +
        '"attributes":{"type":"passthrough","priority":10,"properties":{"env":{"type":"keyword"},"host.name":{"type":"keyword"}}},' +
        '"resource":{"type":"passthrough","priority":20,"properties":{"env":{"type":"keyword"}}},' +
        '"service":{"type":"keyword"}}}}}',
    )
    await node.send('PUT', '/otel/_doc/1', {
      attributes: { host: { name: 'web-1' }, env: 'dev', region: 'eu' },
      resource: { env: 'prod' },
      service: 'api',
    })
    await node.send('PUT', '/otel/_doc/2?refresh=true', {
      'attributes.host.name': 'web-2',
      resource: { env: 'dev' },
    })
    // a dynamic subfield is a leaf of the object, dots and all
    expect((await node.send('GET', '/otel/_mapping/field/attributes.*')).body).toContain(
      '"attributes.region":{"full_name":"attributes.region"',
    )
    const byAlias = await node.send('GET', '/otel/_search', {
      query: { term: { 'host.name': 'web-1' } },
      fields: ['host.name'],
      _source: false,
    })
    expect(jsonAt(byAlias.body, 'hits', 'hits', '0', '_id')).toBe('1')
    expect(jsonAt(byAlias.body, 'hits', 'hits', '0', 'fields')).toEqual({ 'host.name': ['web-1'] })
    // `env` is in both objects: resource's priority (20) wins
    const env = await node.send('GET', '/otel/_search', {
      size: 0,
      aggs: { env: { terms: { field: 'env' } } },
    })
    expect(jsonAt(env.body, 'aggregations', 'env', 'buckets')).toEqual([
      { key: 'dev', doc_count: 1 },
      { key: 'prod', doc_count: 1 },
    ])
    const caps = await node.send('GET', '/otel/_field_caps?fields=env,host.name,attributes.env')
    // FieldCapabilitiesFetcher lists the parents of a field type's own name: an alias's are its target's
    expect(Object.keys(jsonAt(caps.body, 'fields') as object).sort()).toEqual([
      'attributes',
      'attributes.env',
      'attributes.host',
      'env',
      'host.name',
      'resource',
    ])
    expect(jsonAt(caps.body, 'fields', 'host.name', 'keyword', 'searchable')).toBe(true)
  })

  test('priority is required, not negative, not shared; other parameters are refused', async () => {
    const node = await startNode()
    const missing = await create(node, 'a', { properties: { labels: { type: 'passthrough' } } })
    expect(missing.status).toBe(400)
    expect(jsonAt(missing.body, 'error', 'reason')).toBe(
      'Failed to parse mapping: Pass-through object [labels] is missing a non-negative value for parameter [priority]',
    )
    expect(jsonAt(missing.body, 'error', 'caused_by', 'type')).toBe('mapper_exception')
    const negative = await create(node, 'a', {
      properties: { o: { properties: { labels: { type: 'passthrough', priority: -1 } } } },
    })
    expect(jsonAt(negative.body, 'error', 'reason')).toBe(
      'Failed to parse mapping: Pass-through object [o.labels] is missing a non-negative value for parameter [priority]',
    )
    const text = await create(node, 'a', {
      properties: { labels: { type: 'passthrough', priority: 'high' } },
    })
    expect(jsonAt(text.body, 'error', 'reason')).toBe('Failed to parse mapping: For input string: "high"')
    const unknown = await create(node, 'a', {
      properties: { labels: { type: 'passthrough', priority: 1, subobjects: false } },
    })
    expect(jsonAt(unknown.body, 'error', 'reason')).toBe(
      'Failed to parse mapping: Mapping definition for [labels] has unsupported parameters:  [subobjects : false]',
    )
    const shared = await create(node, 'a', {
      properties: { a: { type: 'passthrough', priority: 1 }, b: { type: 'passthrough', priority: 1 } },
    })
    expect(shared.status).toBe(500)
    expect(jsonAt(shared.body, 'error', 'type')).toBe('mapper_exception')
    expect(jsonAt(shared.body, 'error', 'reason')).toBe(
      'Pass-through object [b] has a conflicting param [priority=1] with object [a]',
    )
    const nested = await create(node, 'a', {
      properties: { labels: { type: 'passthrough', priority: 1, properties: { n: { type: 'nested' } } } },
    })
    expect(jsonAt(nested.body, 'error', 'reason')).toBe(
      'Failed to parse mapping: Tried to add nested object [n] to object [labels] which does not support subobjects',
    )
    const multi = await create(node, 'a', {
      properties: { f: { type: 'keyword', fields: { p: { type: 'passthrough', priority: 1 } } } },
    })
    expect(jsonAt(multi.body, 'error', 'reason')).toBe(
      'Failed to parse mapping: Type [passthrough] cannot be used in multi field',
    )
    const dimension = await create(node, 'a', {
      properties: { labels: { type: 'passthrough', priority: 1, time_series_dimension: true } },
    })
    expect(jsonAt(dimension.body, 'error', 'reason')).toBe(
      '[time_series_dimension] on a field of type [passthrough] is not available in the playground',
    )
    const malformed = await create(node, 'a', {
      properties: { labels: { type: 'passthrough', priority: 1, time_series_dimension: 'yes' } },
    })
    expect(jsonAt(malformed.body, 'error', 'reason')).toBe(
      'Failed to parse mapping: Could not convert [labelstime_series_dimension] to boolean',
    )
  })

  test('a merge keeps the larger priority and flattens the update; an object cannot become one', async () => {
    const node = await startNode()
    await create(node, 'm', {
      properties: {
        labels: { type: 'passthrough', priority: 5, time_series_dimension: false, dynamic: 'false' },
      },
    })
    const update = await node.send('PUT', '/m/_mapping', {
      properties: {
        labels: {
          type: 'passthrough',
          priority: 2,
          properties: { k: { properties: { v: { type: 'long' } } } },
        },
      },
    })
    expect(update.status).toBe(200)
    expect((await node.send('GET', '/m/_mapping')).body).toBe(
      '{"m":{"mappings":{"properties":{"labels":{"type":"passthrough","time_series_dimension":false,"priority":5,' +
        '"dynamic":"false","properties":{"k.v":{"type":"long"}}}}}}}',
    )
    const object = await node.send('PUT', '/m/_mapping', { properties: { labels: { type: 'object' } } })
    expect(jsonAt(object.body, 'error', 'reason')).toBe(
      "can't merge a non object mapping [labels] with an object mapping",
    )
  })
})
