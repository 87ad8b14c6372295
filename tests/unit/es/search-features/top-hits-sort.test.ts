// `top_hits` with its own `sort` and fetch options, as ES 8.17's TopHitsAggregator runs it: a sort other than
// `_score` descending alone ranks the bucket's documents with a TopFieldCollector (the search's SortFields, so
// `missing`, `order`, `mode` and keyword order are the search's), each hit carries its `sort` values and an
// unscored `_score: null` (max_score null) unless `track_scores`; shards' hits merge by the sort values, then
// shard order (TopDocs.merge). `version` and `seq_no_primary_term` add `_version`, `_seq_no` and
// `_primary_term` before `_score`, as SearchHit.toXContent writes them.
import { describe, expect, it } from 'vitest'
import { clusterWithIndex, errorOf } from '../cluster-admin/cluster-admin-fixture.ts'
import type { TestCluster } from '../cluster/es-cluster-fixture.ts'

const MAPPINGS = {
  mappings: {
    properties: {
      title: { type: 'text' },
      tag: { type: 'keyword' },
      price: { type: 'double' },
      n: { type: 'integer' },
    },
  },
}

async function products(shards: number): Promise<TestCluster> {
  const { cluster } = await clusterWithIndex(1, {
    settings: { number_of_shards: shards, number_of_replicas: 0 },
    ...MAPPINGS,
  })
  const docs: Array<[string, object]> = [
    ['1', { title: 'red apple', tag: 'fruit', price: 3.5, n: 1 }],
    ['2', { title: 'green apple pie', tag: 'cake', price: 7.25, n: 2 }],
    ['3', { title: 'apple apple juice', tag: 'drink', n: 3 }],
    ['4', { title: 'pear', tag: 'fruit', price: 2, n: 4 }],
    ['5', { title: 'apple', tag: 'fruit', price: 1.5, n: 5 }],
  ]
  for (const [id, doc] of docs) await cluster.json(1, 'PUT', `/idx/_doc/${id}`, doc)
  await cluster.json(1, 'POST', '/idx/_refresh')
  return cluster
}

interface TopHits {
  hits: {
    total: { value: number; relation: string }
    max_score: number | null
    hits: Array<Record<string, unknown>>
  }
}

async function topHits(cluster: TestCluster, query: object, topHitsBody: object): Promise<TopHits> {
  const body = { size: 0, query, aggs: { top: { top_hits: topHitsBody } } }
  const response = (await cluster.json(1, 'GET', '/idx/_search', body)) as {
    aggregations: { top: TopHits }
  }
  return response.aggregations.top
}

function ids(top: TopHits): unknown[] {
  return top.hits.hits.map((hit) => [hit['_id'], hit['sort']])
}

describe('top_hits sort', () => {
  for (const shards of [1, 3]) {
    it(`sorts by a field with missing values, across ${shards} shard(s)`, async () => {
      const cluster = await products(shards)
      const all = { match_all: {} }
      const desc = await topHits(cluster, all, { sort: [{ price: 'desc' }], size: 5 })
      expect(ids(desc)).toEqual([
        ['2', [7.25]],
        ['1', [3.5]],
        ['4', [2.0]],
        ['5', [1.5]],
        ['3', ['-Infinity']],
      ])
      expect(desc.hits.max_score).toBeNull()
      expect(desc.hits.hits.every((hit) => hit['_score'] === null)).toBe(true)
      const first = await topHits(cluster, all, {
        sort: { price: { order: 'asc', missing: '_first' } },
        from: 1,
        size: 2,
      })
      expect(ids(first)).toEqual([
        ['5', [1.5]],
        ['4', [2.0]],
      ])
      const keyword = await topHits(cluster, all, { sort: ['tag', { n: 'desc' }], size: 3 })
      expect(ids(keyword)).toEqual([
        ['2', ['cake', 2]],
        ['3', ['drink', 3]],
        ['5', ['fruit', 5]],
      ])
      expect(keyword.hits.total).toEqual({ value: 5, relation: 'eq' })
    })
  }

  it('scores only with track_scores, and a `_score` key is a sort value', async () => {
    const cluster = await products(1)
    const query = { match: { title: 'apple' } }
    const plain = await topHits(cluster, query, { size: 4 })
    const scores = new Map(plain.hits.hits.map((hit) => [hit['_id'], hit['_score'] as number]))
    expect(plain.hits.hits.map((hit) => hit['_id'])).toEqual(['5', '3', '1', '2'])
    expect(plain.hits.hits.every((hit) => !('sort' in hit))).toBe(true)

    const byN = await topHits(cluster, query, { sort: { n: 'desc' }, size: 2, track_scores: true })
    expect(byN.hits.hits.map((hit) => [hit['_id'], hit['_score'], hit['sort']])).toEqual([
      ['5', scores.get('5'), [5]],
      ['3', scores.get('3'), [3]],
    ])
    expect(byN.hits.max_score).toBe(scores.get('5'))

    // `_score` ascending is a field sort: the hits keep _score null, the score is their sort value.
    const ascending = await topHits(cluster, query, { sort: [{ _score: 'asc' }], size: 2 })
    expect(ascending.hits.hits.map((hit) => [hit['_id'], hit['_score'], hit['sort']])).toEqual([
      ['2', null, [scores.get('2')]],
      ['1', null, [scores.get('1')]],
    ])
    // `_score` descending alone is no sort at all (SortBuilder.buildSort's shortcut).
    const descending = await topHits(cluster, query, { sort: ['_score'], size: 4 })
    expect(descending).toEqual(plain)
  })

  it('adds _version, _seq_no and _primary_term before _score, and filters _source', async () => {
    const cluster = await products(1)
    await cluster.json(1, 'PUT', '/idx/_doc/4?refresh', { title: 'pear', tag: 'fruit', price: 2.5, n: 4 })
    const top = await topHits(
      cluster,
      { term: { tag: 'fruit' } },
      { sort: { n: 'desc' }, size: 2, version: true, seq_no_primary_term: true, _source: ['price'] },
    )
    expect(JSON.stringify(top.hits.hits)).toBe(
      JSON.stringify([
        {
          _index: 'idx',
          _id: '5',
          _version: 1,
          _seq_no: 4,
          _primary_term: 1,
          _score: null,
          _source: { price: 1.5 },
          sort: [5],
        },
        {
          _index: 'idx',
          _id: '4',
          _version: 2,
          _seq_no: 5,
          _primary_term: 1,
          _score: null,
          _source: { price: 2.5 },
          sort: [4],
        },
      ]),
    )
  })

  it("fails on the shards as the search's sort does, and parses the sort as the search does", async () => {
    const cluster = await products(1)
    const text = await cluster.send(1, 'GET', '/idx/_search', {
      size: 0,
      aggs: { top: { top_hits: { sort: 'title' } } },
    })
    expect(text.status).toBe(400)
    expect(errorOf(text.body).root_cause[0]?.type).toBe('illegal_argument_exception')
    expect(errorOf(text.body).root_cause[0]?.reason).toContain('Fielddata is disabled on [title]')
    const badOrder = await cluster.send(1, 'GET', '/idx/_search', {
      size: 0,
      aggs: { top: { top_hits: { sort: { n: 'up' } } } },
    })
    expect(badOrder.status).toBe(400)
    expect(errorOf(badOrder.body).reason).toBe('No enum constant org.elasticsearch.search.sort.SortOrder.UP')
  })
})
