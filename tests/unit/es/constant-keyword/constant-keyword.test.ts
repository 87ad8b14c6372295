// constant_keyword over REST, as ES 8.17's ConstantKeywordFieldMapper answers (x-pack mapper-constant-keyword, its
// YAML tests constant_keyword/10_basic.yml and 20_dynamic_mapping.yml, ConstantKeywordFieldMapperTests): the value set
// by the mapping or the first document, other values refused, every query, aggregation, sort and `fields` answered
// from the single value.
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

/** test1 (value bar: documents 1 and 2) and test2 (value baz: document 1), as 10_basic.yml sets them up. */
async function basic(): Promise<TestNode> {
  const node = await startNode()
  const mapping = (value: string) => ({
    settings: { number_of_shards: 1 },
    mappings: { properties: { foo: { type: 'constant_keyword', value } } },
  })
  await node.send('PUT', '/test1', mapping('bar'))
  await node.send('PUT', '/test2', mapping('baz'))
  await node.send('PUT', '/test1/_doc/1', {})
  await node.send('PUT', '/test1/_doc/2', { foo: 'bar' })
  await node.send('PUT', '/test2/_doc/1?refresh', {})
  await node.send('POST', '/_refresh')
  return node
}

async function total(node: TestNode, query: object): Promise<number> {
  const response = await node.send('POST', '/test*/_search', { size: 0, query })
  expect(response.status).toBe(200)
  return (JSON.parse(response.body) as { hits: { total: { value: number } } }).hits.total.value
}

function error(body: string): { reason: string; caused_by?: { reason: string } } {
  return (JSON.parse(body) as { error: { reason: string; caused_by?: { reason: string } } }).error
}

describe('constant_keyword mappings', () => {
  it('prints value (a number as Java prints it) and meta, and refuses a value that is neither', async () => {
    const node = await startNode()
    const created = await node.send(
      'PUT',
      '/c',
      '{"mappings":{"properties":{"a":{"type":"constant_keyword","value":1.0,"meta":{"unit":"x"}},' +
        '"b":{"type":"constant_keyword","value":7},"c":{"type":"constant_keyword"}}}}',
    )
    expect(created.status).toBe(200)
    expect((await node.send('GET', '/c/_mapping')).body).toBe(
      '{"c":{"mappings":{"properties":{"a":{"type":"constant_keyword","value":"1.0","meta":{"unit":"x"}},' +
        '"b":{"type":"constant_keyword","value":"7"},"c":{"type":"constant_keyword"}}}}}',
    )
    const bad = await node.send('PUT', '/d', {
      mappings: { properties: { a: { type: 'constant_keyword', value: true } } },
    })
    expect(bad.status).toBe(400)
    expect(error(bad.body).reason).toBe(
      'Failed to parse mapping: Property [value] on field [a] must be a number or a string, but got [true]',
    )
    const unknown = await node.send('PUT', '/d', {
      mappings: { properties: { a: { type: 'constant_keyword', index: false } } },
    })
    expect(error(unknown.body).caused_by?.reason).toBe(
      'unknown parameter [index] on mapper [a] of type [constant_keyword]',
    )
  })

  it('takes its value from the first document that has one, then keeps it (20_dynamic_mapping.yml)', async () => {
    const node = await startNode()
    await node.send('PUT', '/test1', { mappings: { properties: { foo: { type: 'constant_keyword' } } } })
    await node.send('PUT', '/test1/_doc/1?refresh', {})
    expect((await node.send('GET', '/test1/_mapping')).body).toBe(
      '{"test1":{"mappings":{"properties":{"foo":{"type":"constant_keyword"}}}}}',
    )
    expect(await total(node, { term: { foo: { value: 'bar' } } })).toBe(0)
    const aggs = await node.send('POST', '/test1/_search', {
      size: 0,
      aggs: { foo_terms: { terms: { field: 'foo' } } },
    })
    const buckets = (JSON.parse(aggs.body) as { aggregations: { foo_terms: { buckets: unknown[] } } })
      .aggregations.foo_terms.buckets
    expect(buckets).toEqual([])
    await node.send('PUT', '/test1/_doc/1?refresh', { foo: 'bar' })
    expect((await node.send('GET', '/test1/_mapping')).body).toBe(
      '{"test1":{"mappings":{"properties":{"foo":{"type":"constant_keyword","value":"bar"}}}}}',
    )
    const update = await node.send('PUT', '/test1/_mapping', {
      properties: { foo: { type: 'constant_keyword', value: 'baz' } },
    })
    expect(update.status).toBe(400)
    expect(error(update.body).reason).toBe(
      'Mapper for [foo] conflicts with existing mapper:\n\tCannot update parameter [value] from [bar] to [baz]',
    )
    const unset = await node.send('PUT', '/test1/_mapping', {
      properties: { foo: { type: 'constant_keyword' } },
    })
    expect(error(unset.body).reason).toBe(
      'Mapper for [foo] conflicts with existing mapper:\n\tCannot update parameter [value] from [bar] to [null]',
    )
    const same = await node.send('PUT', '/test1/_mapping', {
      properties: { foo: { type: 'constant_keyword', value: 'bar' } },
    })
    expect(same.status).toBe(200)
  })

  it('refuses documents with another value or null, as the mapper parse fails', async () => {
    const node = await basic()
    const other = await node.send('PUT', '/test1/_doc/3', { foo: 'baz' })
    expect(other.status).toBe(400)
    expect(error(other.body).reason).toBe(
      "[1:8] failed to parse field [foo] of type [constant_keyword] in document with id '3'. " +
        "Preview of field's value: 'baz'",
    )
    expect(error(other.body).caused_by?.reason).toBe(
      '[constant_keyword] field [foo] only accepts values that are equal to the value defined in the mappings ' +
        '[bar], but got [baz]',
    )
    const nothing = await node.send('PUT', '/test1/_doc/3', { foo: null })
    expect(error(nothing.body).caused_by?.reason).toBe(
      "[constant_keyword] field [foo] doesn't accept [null] values",
    )
    expect(error(nothing.body).reason).toContain("Preview of field's value: 'null'")
    // textOrNull: the number's text as sent
    const number = await node.send('PUT', '/test1/_doc/3', '{"foo": 1.50}')
    expect(error(number.body).caused_by?.reason).toContain('but got [1.50]')
    expect(error(number.body).reason).toContain("Preview of field's value: '1.5'")
  })
})

describe('constant_keyword queries, aggregations and fields (10_basic.yml)', () => {
  it('answers term-level queries from the value', async () => {
    const node = await basic()
    expect(await total(node, { exists: { field: 'foo' } })).toBe(3)
    expect(await total(node, { term: { foo: 'bar' } })).toBe(2)
    expect(await total(node, { term: { foo: 'baz' } })).toBe(1)
    expect(await total(node, { term: { foo: { value: 'BAR', case_insensitive: true } } })).toBe(2)
    expect(await total(node, { terms: { foo: ['bar', 'quux'] } })).toBe(2)
    expect(await total(node, { prefix: { foo: 'ba' } })).toBe(3)
    expect(await total(node, { prefix: { foo: 'baz' } })).toBe(1)
    expect(await total(node, { wildcard: { foo: '*r*' } })).toBe(2)
    // Regex.simpleMatch: `?` is no wildcard
    expect(await total(node, { wildcard: { foo: 'ba?' } })).toBe(0)
    expect(await total(node, { regexp: { foo: 'b.z' } })).toBe(1)
    expect(await total(node, { fuzzy: { foo: 'bxr' } })).toBe(2)
    expect(await total(node, { fuzzy: { foo: { value: 'abr', prefix_length: 1 } } })).toBe(0)
    expect(await total(node, { range: { foo: { gt: 'bar' } } })).toBe(1)
    expect(await total(node, { range: { foo: { gte: 'bar', lt: 'baz' } } })).toBe(2)
    expect(await total(node, { match: { foo: 'baz' } })).toBe(1)
  })

  it('answers query_string terms of every kind from the value', async () => {
    const node = await basic()
    const query = async (q: string): Promise<number> => total(node, { query_string: { query: q } })
    expect(await query('foo:bar')).toBe(2)
    expect(await query('foo:ba*')).toBe(3)
    expect(await query('foo:/b.z/')).toBe(1)
    expect(await query('foo:bzz~1')).toBe(1)
    expect(await query('foo:[a TO bas]')).toBe(2)
    expect(await query('foo:quux')).toBe(0)
  })

  it('scores term queries as the bare match_all of the rewrite, and keeps the boost of the others', async () => {
    const node = await basic()
    const score = async (query: object): Promise<number | null> => {
      const body = JSON.parse((await node.send('POST', '/test1/_search', { query })).body) as {
        hits: { max_score: number | null }
      }
      return body.hits.max_score
    }
    expect(await score({ term: { foo: { value: 'bar', boost: 3 } } })).toBe(1)
    expect(await score({ match: { foo: { query: 'bar', boost: 3 } } })).toBe(3)
    expect(await score({ range: { foo: { gte: 'a', boost: 2 } } })).toBe(2)
  })

  it('aggregates, sorts and fetches the value of every document', async () => {
    const node = await basic()
    const response = await node.send('POST', '/test*/_search', {
      sort: [{ foo: 'asc' }, { _index: 'asc' }],
      fields: ['foo'],
      docvalue_fields: ['foo'],
      _source: false,
      aggs: { foo_terms: { terms: { field: 'foo' } } },
    })
    const body = JSON.parse(response.body) as {
      hits: { hits: Array<{ _index: string; fields: { foo: string[] }; sort: string[] }> }
      aggregations: unknown
    }
    expect(body.hits.hits.map((hit) => [hit._index, hit.fields.foo, hit.sort[0]])).toEqual([
      ['test1', ['bar'], 'bar'],
      ['test1', ['bar'], 'bar'],
      ['test2', ['baz'], 'baz'],
    ])
    expect(body.aggregations).toEqual({
      foo_terms: {
        doc_count_error_upper_bound: 0,
        sum_other_doc_count: 0,
        buckets: [
          { key: 'bar', doc_count: 2 },
          { key: 'baz', doc_count: 1 },
        ],
      },
    })
    const formatted = await node.send('POST', '/test1/_search', { fields: [{ field: 'foo', format: 'x' }] })
    expect(formatted.status).toBe(400)
    expect(formatted.body).toContain("Field [foo] of type [constant_keyword] doesn't support formats.")
  })
})
