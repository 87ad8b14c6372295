// A nested query's inner hits show the `_source` the mapping keeps (stored-source.ts), as FetchSourcePhase reads
// the stored source: none when `_source` is disabled, the kept part with `_source.includes` / `excludes`. With
// `version` and `seq_no_primary_term`, a nested hit carries its root document's, after `_nested`.
import { describe, expect, it } from 'vitest'
import { clusterWithIndex } from '../cluster-admin/cluster-admin-fixture.ts'

interface InnerHit {
  _id: string
  _nested: object
  _source?: object
}
interface Response {
  hits: { hits: Array<{ inner_hits: { comments: { hits: { hits: InnerHit[] } } } }> }
}

async function innerHits(source: object): Promise<InnerHit[]> {
  const properties = { comments: { type: 'nested' } }
  const { cluster } = await clusterWithIndex(1, { mappings: { _source: source, properties } })
  const doc = { title: 't', comments: [{ author: 'a', text: 'x' }] }
  await cluster.json(1, 'PUT', '/idx/_doc/1?refresh=true', doc)
  const query = { nested: { path: 'comments', query: { match_all: {} }, inner_hits: {} } }
  const response = (await cluster.json(1, 'POST', '/idx/_search', { query })) as Response
  return response.hits.hits[0]!.inner_hits.comments.hits.hits
}

describe('nested inner hits and the stored _source', () => {
  it('carry no _source when the mapping disables it', async () => {
    expect(await innerHits({ enabled: false })).toEqual([
      { _index: 'idx', _id: '1', _nested: { field: 'comments', offset: 0 }, _score: 1 },
    ])
  })

  it('carry the kept part of the nested object under _source excludes', async () => {
    const [hit] = await innerHits({ excludes: ['comments.text'] })
    expect(hit!._source).toEqual({ author: 'a' })
  })
})

describe('nested inner hits with version and seq_no_primary_term', () => {
  it("carry the root document's _version, _seq_no and _primary_term", async () => {
    const { cluster } = await clusterWithIndex(1, { mappings: { properties: { c: { type: 'nested' } } } })
    await cluster.json(1, 'PUT', '/idx/_doc/1', { c: [{ a: 1 }] })
    await cluster.json(1, 'PUT', '/idx/_doc/1?refresh=true', { c: [{ a: 2 }] })
    const innerHits = { version: true, seq_no_primary_term: true }
    const query = { nested: { path: 'c', query: { match_all: {} }, inner_hits: innerHits } }
    const response = await cluster.send(1, 'POST', '/idx/_search', { query })
    expect(response.body).toContain(
      '"hits":[{"_index":"idx","_id":"1","_nested":{"field":"c","offset":0},' +
        '"_version":2,"_seq_no":1,"_primary_term":1,"_score":1.0,"_source":{"a":2}}]',
    )
  })
})
