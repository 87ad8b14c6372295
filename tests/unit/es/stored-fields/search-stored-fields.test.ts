// A search's `stored_fields` with fields mapped `store: true` (StoredFieldsPhase, then FetchDocValuesPhase appending
// to its entries; SearchHit.toXContent): each hit's stored fields by name, pattern or alias, without `_source` unless
// named; `[]` keeps `_id` and drops `_source`; `_none_` drops both (search/100_stored_fields); in top_hits too.
import { describe, expect, it } from 'vitest'
import { startNode } from '../node/es-node-fixture.ts'

async function indexed() {
  const node = await startNode()
  await node.send('PUT', '/test', {
    mappings: {
      properties: {
        title: { type: 'text', store: true },
        count: { type: 'integer', store: true },
        plain: { type: 'keyword' },
        alias: { type: 'alias', path: 'title' },
      },
    },
  })
  await node.send('PUT', '/test/_doc/1?refresh=true', { title: 'Quick Fox', count: 2, plain: 'p' })
  return node
}

interface Hit {
  fields?: Record<string, unknown[]>
  _source?: unknown
}
const hitsOf = (body: string): Hit[] => (JSON.parse(body) as { hits: { hits: Hit[] } }).hits.hits
const hitOf = (body: string): string => JSON.stringify(hitsOf(body)[0])

describe('search stored_fields', () => {
  it('returns the stored fields asked for and no _source', async () => {
    const { send } = await indexed()
    const search = async (body: object) => hitOf((await send('POST', '/test/_search', body)).body)
    expect(await search({ stored_fields: ['title', 'count', 'plain', 'nope'] })).toBe(
      '{"_index":"test","_id":"1","_score":1,"fields":{"count":[2],"title":["Quick Fox"]}}',
    )
    expect(await search({ stored_fields: 'tit*' })).toBe(
      '{"_index":"test","_id":"1","_score":1,"fields":{"title":["Quick Fox"]}}',
    )
    expect(await search({ stored_fields: ['alias', '_source'] })).toBe(
      '{"_index":"test","_id":"1","_score":1,"_source":{"title":"Quick Fox","count":2,"plain":"p"},"fields":{"alias":["Quick Fox"]}}',
    )
    expect(await search({ stored_fields: [] })).toBe('{"_index":"test","_id":"1","_score":1}')
    expect(await search({ stored_fields: '_none_' })).toBe('{"_index":"test","_score":1}')
    // the doc values of a stored field follow its stored values
    expect(await search({ stored_fields: ['count'], docvalue_fields: ['count'] })).toBe(
      '{"_index":"test","_id":"1","_score":1,"fields":{"count":[2,2]}}',
    )
    expect(hitOf((await send('GET', '/test/_search?stored_fields=count')).body)).toBe(
      '{"_index":"test","_id":"1","_score":1,"fields":{"count":[2]}}',
    )
  })

  it('returns them in top_hits', async () => {
    const { send } = await indexed()
    const response = await send('POST', '/test/_search', {
      size: 0,
      aggs: { top: { top_hits: { stored_fields: ['title'] } } },
    })
    const body = JSON.parse(response.body) as { aggregations: { top: { hits: { hits: Hit[] } } } }
    const hit = body.aggregations.top.hits.hits[0]!
    expect(hit.fields).toEqual({ title: ['Quick Fox'] })
    expect(hit._source).toBeUndefined()
  })
})
