// Sorting by nested fields (nested-sort.ts, nested-sort-builder.ts) through a node: ES's reference example of
// products and their offers, each mode over the offers' values, a filter, max_children, two levels of nesting,
// include_in_root, several shards, and the errors ES 8 gives (FieldSortBuilder, SortBuilder.resolveNested,
// NestedSortBuilder.fromXContent, MultiValueMode).
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

interface Hits {
  hits: { hits: Array<{ _id: string; sort: unknown[] }> }
}

interface ErrorBody {
  error: { root_cause: Array<{ type: string; reason: string }>; type: string; reason: string }
  status: number
}

const PRODUCTS = [
  {
    product: 'chocolate',
    offer: [
      { color: 'blue', price: 10 },
      { color: 'red', price: 4 },
    ],
  },
  {
    product: 'chocolate',
    offer: [
      { color: 'blue', price: 3 },
      { color: 'blue', price: 30 },
    ],
  },
  { product: 'chocolate', offer: [{ color: 'red', price: 1 }] },
  { product: 'chocolate' },
  { product: 'candy', offer: [{ color: 'blue', price: 2 }] },
]

async function products(shards = 1): Promise<TestNode> {
  const node = await startNode()
  await node.send('PUT', '/products', {
    settings: { number_of_shards: shards },
    mappings: {
      properties: {
        product: { type: 'keyword' },
        offer: { type: 'nested', properties: { color: { type: 'keyword' }, price: { type: 'long' } } },
        vendor: { properties: { name: { type: 'keyword' } } },
      },
    },
  })
  for (const [i, doc] of PRODUCTS.entries()) await node.send('PUT', `/products/_doc/${i + 1}`, doc)
  await node.send('POST', '/products/_refresh')
  return node
}

async function sorted(node: TestNode, sort: object, query: object = { term: { product: 'chocolate' } }) {
  const response = await node.send('POST', '/products/_search', { query, sort: [sort] })
  expect(response.status).toBe(200)
  return (JSON.parse(response.body) as Hits).hits.hits.map((hit) => [hit._id, ...hit.sort])
}

async function failure(node: TestNode, sort: object): Promise<ErrorBody> {
  const response = await node.send('POST', '/products/_search', { sort: [sort] })
  const body = JSON.parse(response.body) as ErrorBody
  expect(response.status).toBe(body.status)
  return body
}

// Long.MAX_VALUE and Long.MIN_VALUE as JSON.parse reads them
const LONG_MAX = 2 ** 63
const LONG_MIN = -(2 ** 63)

describe('nested sort over the offers', () => {
  it('min ascending and max descending by default, a product without offers last', async () => {
    const node = await products()
    const nested = { path: 'offer' }
    expect(await sorted(node, { 'offer.price': { nested } })).toEqual([
      ['3', 1],
      ['2', 3],
      ['1', 4],
      ['4', LONG_MAX],
    ])
    expect(await sorted(node, { 'offer.price': { order: 'desc', nested } })).toEqual([
      ['2', 30],
      ['1', 10],
      ['3', 1],
      ['4', LONG_MIN],
    ])
  })

  it('sum and avg over every offer, a long average rounded', async () => {
    const node = await products()
    const nested = { path: 'offer' }
    expect(await sorted(node, { 'offer.price': { mode: 'sum', order: 'desc', nested } })).toEqual([
      ['2', 33],
      ['1', 14],
      ['3', 1],
      ['4', LONG_MIN],
    ])
    expect(await sorted(node, { 'offer.price': { mode: 'avg', nested } })).toEqual([
      ['3', 1],
      ['1', 7],
      ['2', 17],
      ['4', LONG_MAX],
    ])
  })

  it("the reference page's filter: only blue offers count, and a custom missing value", async () => {
    const node = await products()
    const sort = {
      mode: 'avg',
      order: 'asc',
      nested: { path: 'offer', filter: { term: { 'offer.color': 'blue' } } },
    }
    expect(await sorted(node, { 'offer.price': sort })).toEqual([
      ['1', 10],
      ['2', 17],
      ['3', LONG_MAX],
      ['4', LONG_MAX],
    ])
    expect(await sorted(node, { 'offer.price': { ...sort, missing: 0 } })).toEqual([
      ['3', 0],
      ['4', 0],
      ['1', 10],
      ['2', 17],
    ])
  })

  it('max_children counts the first children with a value, in document order', async () => {
    const node = await products()
    const sort = { mode: 'max', order: 'desc', nested: { path: 'offer', max_children: 1 } }
    expect(await sorted(node, { 'offer.price': sort })).toEqual([
      ['1', 10],
      ['2', 3],
      ['3', 1],
      ['4', LONG_MIN],
    ])
  })

  it('a keyword of the nested documents, and several shards merging the sort values', async () => {
    const node = await products(3)
    const hits = await sorted(
      node,
      { 'offer.color': { order: 'desc', nested: { path: 'offer' } } },
      { match_all: {} },
    )
    // ties keep the shards' order, which routing decides
    expect(hits.map(([, color]) => color)).toEqual(['red', 'red', 'blue', 'blue', null])
    expect(
      hits
        .map(([id]) => id)
        .slice(0, 2)
        .sort(),
    ).toEqual(['1', '3'])
    expect(
      hits
        .map(([id]) => id)
        .slice(2, 4)
        .sort(),
    ).toEqual(['2', '5'])
  })

  it('a query filtering the roots does not change which children count', async () => {
    const node = await products()
    const query = { nested: { path: 'offer', query: { term: { 'offer.color': 'red' } } } }
    expect(
      await sorted(node, { 'offer.price': { order: 'desc', nested: { path: 'offer' } } }, query),
    ).toEqual([
      ['1', 10],
      ['3', 1],
    ])
  })
})

describe('two levels of nesting', () => {
  it('the deeper level keeps only children of the documents the level above kept', async () => {
    const node = await startNode()
    await node.send('PUT', '/families', {
      mappings: {
        properties: {
          parent: {
            type: 'nested',
            properties: {
              name: { type: 'keyword' },
              child: { type: 'nested', properties: { age: { type: 'long' } } },
            },
          },
        },
      },
    })
    await node.send('PUT', '/families/_doc/a', {
      parent: [
        { name: 'ann', child: [{ age: 12 }, { age: 3 }] },
        { name: 'bob', child: [{ age: 40 }] },
      ],
    })
    await node.send('PUT', '/families/_doc/b', { parent: [{ name: 'bob', child: [{ age: 7 }] }] })
    await node.send('PUT', '/families/_doc/c', { parent: [{ name: 'cid', child: [{ age: 1 }] }] })
    await node.send('POST', '/families/_refresh')
    const search = async (sort: object) => {
      const response = await node.send('POST', '/families/_search', { sort: [sort] })
      return (JSON.parse(response.body) as Hits).hits.hits.map((hit) => [hit._id, ...hit.sort])
    }
    const nested = {
      path: 'parent',
      filter: { term: { 'parent.name': 'bob' } },
      nested: { path: 'parent.child' },
    }
    expect(await search({ 'parent.child.age': { order: 'desc', nested } })).toEqual([
      ['a', 40],
      ['b', 7],
      ['c', LONG_MIN],
    ])
    const filtered = {
      ...nested,
      nested: { path: 'parent.child', filter: { range: { 'parent.child.age': { lt: 10 } } } },
    }
    expect(await search({ 'parent.child.age': { order: 'desc', nested: filtered } })).toEqual([
      ['b', 7],
      ['a', LONG_MIN],
      ['c', LONG_MIN],
    ])
    const all = { path: 'parent', nested: { path: 'parent.child' } }
    expect(await search({ 'parent.child.age': { mode: 'sum', order: 'desc', nested: all } })).toEqual([
      ['a', 55],
      ['b', 7],
      ['c', 1],
    ])
  })
})

describe('nested sort errors as ES 8 gives them', () => {
  it('a nested field without a nested context, unless include_in_root', async () => {
    const node = await products()
    const body = await failure(node, { 'offer.price': 'asc' })
    expect(body.status).toBe(400)
    expect(body.error.root_cause[0]).toMatchObject({
      type: 'query_shard_exception',
      reason: 'it is mandatory to set the [nested] context on the nested sort field: [offer.price].',
    })
    const rooted = await startNode()
    await rooted.send('PUT', '/r', {
      mappings: {
        properties: { offer: { type: 'nested', include_in_root: true, properties: { p: { type: 'long' } } } },
      },
    })
    await rooted.send('PUT', '/r/_doc/1?refresh=true', { offer: [{ p: 5 }, { p: 2 }] })
    const response = await rooted.send('POST', '/r/_search', { sort: [{ 'offer.p': 'asc' }] })
    expect(response.status).toBe(200)
    expect((JSON.parse(response.body) as Hits).hits.hits[0]?.sort).toEqual([2])
  })

  it('an unknown path, an object path, and max_children below the top level', async () => {
    const node = await products()
    const reason = async (sort: object) => (await failure(node, sort)).error.root_cause[0]?.reason
    expect(await reason({ 'offer.price': { nested: { path: 'offers' } } })).toBe(
      '[nested] failed to find nested object under path [offers]',
    )
    expect(await reason({ 'vendor.name': { nested: { path: 'vendor' } } })).toBe(
      '[nested] nested object under path [vendor] is not of nested type',
    )
    expect(
      await reason({
        'offer.price': { nested: { path: 'offer', nested: { path: 'offer', max_children: 2 } } },
      }),
    ).toBe('max_children is only supported on top level of nested sort')
  })

  it('median has no nested form', async () => {
    const node = await products()
    const body = await failure(node, { 'offer.price': { mode: 'median', nested: { path: 'offer' } } })
    expect(body.status).toBe(400)
    expect(body.error.root_cause[0]).toEqual({
      type: 'illegal_argument_exception',
      reason: 'Unsupported sort mode: MEDIAN',
    })
  })

  it('parse errors: the removed nested_path, an unknown option, a filter that is not a query', async () => {
    const node = await products()
    const removed = await failure(node, { 'offer.price': { nested_path: 'offer' } })
    expect(removed.error.type).toBe('x_content_parse_exception')
    expect(removed.error.reason).toMatch(/^\[1:\d+\] \[field_sort\] failed to parse field \[nested_path\]$/)
    expect(JSON.stringify(removed.error)).toContain(
      '"caused_by":{"type":"parsing_exception","reason":"[nested_path] has been removed in favour of the [nested] parameter"',
    )
    const unknown = await failure(node, { 'offer.price': { nested: { path: 'offer', size: 1 } } })
    expect(unknown.error.reason).toMatch(/^\[1:\d+\] \[field_sort\] failed to parse field \[nested\]$/)
    expect(JSON.stringify(unknown.error)).toContain(
      '"caused_by":{"type":"illegal_argument_exception","reason":"malformed nested sort format, unknown field name [size]"',
    )
    const filter = await failure(node, { 'offer.price': { nested: { path: 'offer', filter: { nope: {} } } } })
    expect(filter.status).toBe(400)
    expect(JSON.stringify(filter.error)).toContain('"reason":"Expected nested_filter element."')
    expect(JSON.stringify(filter.error)).toContain('unknown query [nope]')
  })
})
