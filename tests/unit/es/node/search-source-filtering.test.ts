// A search's `_source` as FetchSourceContext shapes it (8.17): the body's `_source` as false, a field, a list
// of fields or an includes/excludes object, wildcards and object paths, the `_source`, `_source_includes`
// and `_source_excludes` parameters replacing the body's, and top_hits' own `_source`.
import { beforeAll, describe, expect, it } from 'vitest'
import { startNode, type TestNode } from './es-node-fixture.ts'

const DOC = { a: { b: 1, c: 2 }, d: 3, e: { f: 4 }, tags: ['x', 'y'] }
let node: TestNode

beforeAll(async () => {
  node = await startNode()
  await node.send('PUT', '/idx/_doc/1?refresh=true', DOC)
})

async function source(path: string, body: object): Promise<unknown> {
  const response = JSON.parse((await node.send('POST', path, body)).body) as {
    hits: { hits: Array<{ _source?: unknown }> }
  }
  return response.hits.hits[0]!._source
}

describe('search _source filtering', () => {
  it('keeps the listed fields and their parents, as a field, a list or includes', async () => {
    expect(await source('/idx/_search', { _source: 'd' })).toEqual({ d: 3 })
    expect(await source('/idx/_search', { _source: ['a.b', 'e'] })).toEqual({ a: { b: 1 }, e: { f: 4 } })
    expect(await source('/idx/_search', { _source: { includes: ['a.*'] } })).toEqual({ a: { b: 1, c: 2 } })
    expect(await source('/idx/_search', { _source: { includes: ['t*'] } })).toEqual({ tags: ['x', 'y'] })
  })

  it('drops excluded fields, with or without includes; nothing left is an empty object', async () => {
    expect(await source('/idx/_search', { _source: { excludes: ['a', 'tags'] } })).toEqual({
      d: 3,
      e: { f: 4 },
    })
    expect(await source('/idx/_search', { _source: { includes: ['a'], excludes: ['a.c'] } })).toEqual({
      a: { b: 1 },
    })
    expect(await source('/idx/_search', { _source: ['nope'] })).toEqual({})
  })

  it('leaves _source out with false, and keeps it whole with true', async () => {
    expect(await source('/idx/_search', { _source: false })).toBeUndefined()
    expect(await source('/idx/_search', { _source: true })).toEqual(DOC)
  })

  it('takes the URL parameters over the body', async () => {
    expect(await source('/idx/_search?_source_includes=e', { _source: ['d'] })).toEqual({ e: { f: 4 } })
    expect(await source('/idx/_search?_source_excludes=a,e,tags', {})).toEqual({ d: 3 })
    expect(await source('/idx/_search?_source=d,e.f', {})).toEqual({ d: 3, e: { f: 4 } })
    expect(await source('/idx/_search?_source=false', { _source: ['d'] })).toBeUndefined()
  })

  it('filters top_hits by its own _source', async () => {
    const response = JSON.parse(
      (
        await node.send('POST', '/idx/_search', {
          size: 0,
          aggs: { top: { top_hits: { size: 1, _source: { includes: ['a.b'] } } } },
        })
      ).body,
    ) as { aggregations: { top: { hits: { hits: Array<{ _source: unknown }> } } } }
    expect(response.aggregations.top.hits.hits[0]!._source).toEqual({ a: { b: 1 } })
  })
})
