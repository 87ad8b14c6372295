// The flattened field type over REST, as ES 8.17's FlattenedFieldMapper, FlattenedFieldParser and
// KeyedFlattenedFieldType answer: the mapping's parameters, a document's leaves under the root field and as
// `key\0value` under `f._keyed`, queries on the root and on a key, terms aggregations, sorts and fetching.
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

async function indexed(mapping: object = { type: 'flattened' }): Promise<TestNode> {
  const node = await startNode()
  await node.send('PUT', '/f', {
    settings: { number_of_shards: 1 },
    mappings: { properties: { f: mapping } },
  })
  await node.send('PUT', '/f/_doc/1', { f: { a: 'x', b: { c: 2, d: [true, 'long value'] } } })
  await node.send('PUT', '/f/_doc/2?refresh', { f: [{ a: 'y' }, null] })
  return node
}

async function ids(node: TestNode, body: object): Promise<string[]> {
  const response = await node.send('POST', '/f/_search', { _source: false, ...body })
  expect(response.status).toBe(200)
  return (JSON.parse(response.body) as { hits: { hits: { _id: string }[] } }).hits.hits.map((h) => h._id)
}

function shardReason(body: string): { reason: string; caused_by?: { type: string; reason: string } } {
  type Failure = { reason: { reason: string; caused_by?: { type: string; reason: string } } }
  return (JSON.parse(body) as { error: { failed_shards: Failure[] } }).error.failed_shards[0]!.reason
}

describe('flattened mappings', () => {
  it('prints its parameters in the Builder order, defaults left out', async () => {
    const node = await startNode()
    const created = await node.send('PUT', '/f', {
      mappings: {
        properties: {
          f: { type: 'flattened', ignore_above: '5', null_value: 7, depth_limit: 2, index: 'true' },
          g: { type: 'flattened', depth_limit: 20, ignore_above: 2147483647 },
        },
      },
    })
    expect(created.status).toBe(200)
    expect((await node.send('GET', '/f/_mapping')).body).toBe(
      '{"f":{"mappings":{"properties":{"f":{"type":"flattened","depth_limit":2,"null_value":"7","ignore_above":5},' +
        '"g":{"type":"flattened"}}}}}',
    )
  })

  it('refuses a negative depth_limit, multi-fields, copy_to and unknown parameters', async () => {
    const node = await startNode()
    const reason = async (f: object) => {
      const response = await node.send('PUT', '/x', {
        mappings: { properties: { f: { type: 'flattened', ...f } } },
      })
      expect(response.status).toBe(400)
      return (JSON.parse(response.body) as { error: { reason: string } }).error.reason
    }
    expect(await reason({ depth_limit: -1 })).toBe(
      'Failed to parse mapping: [depth_limit] must be positive, got [-1]',
    )
    expect(await reason({ fields: { k: { type: 'keyword' } } })).toBe(
      'Failed to parse mapping: flattened field [f] does not support [fields]',
    )
    expect(await reason({ copy_to: 'other' })).toBe(
      'Failed to parse mapping: flattened field [f] does not support [copy_to]',
    )
    expect(await reason({ store: true })).toBe(
      'Failed to parse mapping: unknown parameter [store] on mapper [f] of type [flattened]',
    )
  })

  it('updates depth_limit but not index', async () => {
    const node = await indexed()
    const updated = await node.send('PUT', '/f/_mapping', {
      properties: { f: { type: 'flattened', depth_limit: 3 } },
    })
    expect(updated.status).toBe(200)
    const refused = await node.send('PUT', '/f/_mapping', {
      properties: { f: { type: 'flattened', index: false } },
    })
    expect((JSON.parse(refused.body) as { error: { reason: string } }).error.reason).toBe(
      'Mapper for [f] conflicts with existing mapper:\n\tCannot update parameter [index] from [true] to [false]',
    )
  })
})

describe('flattened documents', () => {
  it('fails an object deeper than depth_limit at its end, previewing it', async () => {
    const node = await indexed({ type: 'flattened', depth_limit: 2 })
    const response = await node.send('PUT', '/f/_doc/3', '{"f":{"a":{"b":{"c":"deep"}}}}')
    expect(response.status).toBe(400)
    expect(JSON.parse(response.body)).toEqual({
      error: {
        root_cause: [
          {
            type: 'document_parsing_exception',
            reason:
              "[1:27] failed to parse field [f] of type [flattened] in document with id '3'. Preview of field's value: '{c=deep}'",
          },
        ],
        type: 'document_parsing_exception',
        reason:
          "[1:27] failed to parse field [f] of type [flattened] in document with id '3'. Preview of field's value: '{c=deep}'",
        caused_by: {
          type: 'illegal_argument_exception',
          reason: 'The provided [flattened] field [f] exceeds the maximum depth limit of [2].',
        },
      },
      status: 400,
    })
    expect((await node.send('PUT', '/f/_doc/4', '{"f":{"a":{"b":"two"}}}')).status).toBe(201)
  })

  it('refuses a key holding \\0 and a value that is not an object', async () => {
    const node = await indexed()
    const key = await node.send('PUT', '/f/_doc/3', '{"f":{"a\\u0000b":"x"}}')
    const keyError = JSON.parse(key.body) as { error: { reason: string; caused_by: { reason: string } } }
    expect(keyError.error.reason).toBe(
      "[1:18] failed to parse field [f] of type [flattened] in document with id '3'. Preview of field's value: 'x'",
    )
    expect(keyError.error.caused_by.reason).toBe(
      'Keys in [flattened] fields cannot contain the reserved character \\0. Offending key: [a\u0000b].',
    )
    const scalar = await node.send('PUT', '/f/_doc/3', '{"f":"text"}')
    expect(JSON.parse(scalar.body)).toEqual({
      error: {
        root_cause: [
          {
            type: 'parsing_exception',
            reason: 'Failed to parse object: expecting token of type [START_OBJECT] but found [VALUE_STRING]',
            line: 1,
            col: 6,
          },
        ],
        type: 'document_parsing_exception',
        reason:
          "[1:6] failed to parse field [f] of type [flattened] in document with id '3'. Preview of field's value: 'text'",
        caused_by: {
          type: 'parsing_exception',
          reason: 'Failed to parse object: expecting token of type [START_OBJECT] but found [VALUE_STRING]',
          line: 1,
          col: 6,
        },
      },
      status: 400,
    })
  })

  it('indexes null_value for a null leaf and leaves out values above ignore_above, without _ignored', async () => {
    const node = await indexed({ type: 'flattened', null_value: 'NULL', ignore_above: 5 })
    await node.send('PUT', '/f/_doc/3?refresh', { f: { a: null, e: 'abcdef' } })
    expect(await ids(node, { query: { term: { 'f.a': 'NULL' } } })).toEqual(['3'])
    expect(await ids(node, { query: { exists: { field: 'f.e' } } })).toEqual([])
    expect(await ids(node, { query: { exists: { field: '_ignored' } } })).toEqual([])
    expect(await ids(node, { query: { term: { 'f.b.d': 'long value' } } })).toEqual([])
  })
})

describe('flattened queries', () => {
  it('searches every leaf on the root and one key on f.key', async () => {
    const node = await indexed()
    expect(await ids(node, { query: { term: { f: 'x' } } })).toEqual(['1'])
    expect(await ids(node, { query: { term: { f: '2' } } })).toEqual(['1'])
    expect(await ids(node, { query: { term: { 'f.a': 'x' } } })).toEqual(['1'])
    expect(await ids(node, { query: { term: { 'f.b': 'x' } } })).toEqual([])
    expect(await ids(node, { query: { term: { 'f.b.d': 'true' } } })).toEqual(['1'])
    expect(await ids(node, { query: { terms: { 'f.a': ['x', 'y'] } } })).toEqual(['1', '2'])
    expect(await ids(node, { query: { term: { 'f.a': { value: 'X', case_insensitive: true } } } })).toEqual([
      '1',
    ])
    expect(await ids(node, { query: { prefix: { 'f.b.d': 'lon' } } })).toEqual(['1'])
    expect(await ids(node, { query: { prefix: { f: 'lon' } } })).toEqual(['1'])
    expect(await ids(node, { query: { exists: { field: 'f.b.c' } } })).toEqual(['1'])
    expect(await ids(node, { query: { exists: { field: 'f.a' } } })).toEqual(['1', '2'])
    expect(await ids(node, { query: { range: { 'f.a': { gt: 'x', lte: 'z' } } } })).toEqual(['2'])
    expect(await ids(node, { query: { match: { 'f.a': 'y' } } })).toEqual(['2'])
    expect(await ids(node, { query: { query_string: { query: 'f.b.c:2' } } })).toEqual(['1'])
    expect(await ids(node, { query: { wildcard: { f: 'lo*' } } })).toEqual(['1'])
  })

  it('refuses wildcard, regexp and fuzzy on a key, and a range without both bounds', async () => {
    const node = await indexed()
    for (const kind of ['wildcard', 'regexp', 'fuzzy']) {
      const response = await node.send('POST', '/f/_search', { query: { [kind]: { 'f.a': 'x' } } })
      expect(response.status).toBe(400)
      expect(shardReason(response.body)).toMatchObject({
        reason: `failed to create query: [${kind}] queries are not currently supported on keyed [flattened] fields.`,
        caused_by: {
          type: 'unsupported_operation_exception',
          reason: `[${kind}] queries are not currently supported on keyed [flattened] fields.`,
        },
      })
    }
    const range = await node.send('POST', '/f/_search', { query: { range: { 'f.a': { gte: 'a' } } } })
    expect(shardReason(range.body).caused_by).toEqual({
      type: 'illegal_argument_exception',
      reason: '[range] queries on keyed [flattened] fields must include both an upper and a lower bound.',
    })
  })
})

describe('flattened aggregations, sorts and fetching', () => {
  it('aggregates and sorts the root and a key as keywords, the key stripped', async () => {
    const node = await indexed()
    const terms = async (field: string) => {
      const response = await node.send('POST', '/f/_search', { size: 0, aggs: { t: { terms: { field } } } })
      type Aggs = { aggregations: { t: { buckets: unknown[] } } }
      return (JSON.parse(response.body) as Aggs).aggregations.t.buckets
    }
    expect(await terms('f')).toEqual([
      { key: '2', doc_count: 1 },
      { key: 'long value', doc_count: 1 },
      { key: 'true', doc_count: 1 },
      { key: 'x', doc_count: 1 },
      { key: 'y', doc_count: 1 },
    ])
    expect(await terms('f.a')).toEqual([
      { key: 'x', doc_count: 1 },
      { key: 'y', doc_count: 1 },
    ])
    expect(await ids(node, { sort: [{ 'f.a': 'desc' }] })).toEqual(['2', '1'])
  })

  it('fetches _source values with fields and doc values with docvalue_fields', async () => {
    const node = await indexed()
    const hits = async (body: object) => {
      const response = await node.send('POST', '/f/_search', { _source: false, sort: ['_doc'], ...body })
      return (JSON.parse(response.body) as { hits: { hits: { fields?: object }[] } }).hits.hits.map(
        (h) => h.fields,
      )
    }
    expect(await hits({ fields: ['f'] })).toEqual([
      { f: [{ a: 'x', b: { c: 2, d: [true, 'long value'] } }] },
      { f: [{ a: 'y' }] },
    ])
    expect(await hits({ fields: ['f.b'] })).toEqual([
      { 'f.b': [{ c: 2, d: [true, 'long value'] }] },
      undefined,
    ])
    expect(await hits({ docvalue_fields: ['f'] })).toEqual([
      { f: ['2', 'long value', 'true', 'x'] },
      { f: ['y'] },
    ])
    expect(await hits({ docvalue_fields: ['f.a'] })).toEqual([{ 'f.a': ['x'] }, { 'f.a': ['y'] }])
  })
})
