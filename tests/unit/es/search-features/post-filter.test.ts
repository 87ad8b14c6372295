// `post_filter` on _search, as ES 8.17's QueryPhaseCollectorManager applies it: the hits (top docs, hits.total,
// max_score) are those of the query that also match the post filter, while the aggregations see every match of
// the query; the post filter never scores, and its named clauses are listed in matched_queries beside the
// query's (MatchedQueriesPhase puts both ParsedQuery's names into one map).
import { describe, expect, it } from 'vitest'
import { clusterWithIndex, errorOf } from '../cluster-admin/cluster-admin-fixture.ts'
import type { TestCluster } from '../cluster/es-cluster-fixture.ts'

const MAPPINGS = {
  mappings: { properties: { title: { type: 'text' }, color: { type: 'keyword' }, n: { type: 'integer' } } },
}

async function shirts(shards: number): Promise<TestCluster> {
  const { cluster } = await clusterWithIndex(1, {
    settings: { number_of_shards: shards, number_of_replicas: 0 },
    ...MAPPINGS,
  })
  const docs: Array<[string, object]> = [
    ['1', { title: 'red shirt', color: 'red', n: 1 }],
    ['2', { title: 'blue shirt', color: 'blue', n: 2 }],
    ['3', { title: 'red shirt with a red collar', color: 'red', n: 3 }],
    ['4', { title: 'green trousers', color: 'green', n: 4 }],
    ['5', { title: 'blue shirt and blue socks', color: 'blue', n: 5 }],
  ]
  for (const [id, doc] of docs) await cluster.json(1, 'PUT', `/idx/_doc/${id}`, doc)
  await cluster.json(1, 'POST', '/idx/_refresh')
  return cluster
}

interface Hit {
  _id: string
  _score: number | null
  matched_queries?: string[]
  sort?: unknown[]
}
interface Response {
  hits: { total: { value: number }; max_score: number | null; hits: Hit[] }
  aggregations?: { colors: { buckets: Array<{ key: string; doc_count: number }> } }
}

async function search(cluster: TestCluster, body: object): Promise<Response> {
  return (await cluster.json(1, 'GET', '/idx/_search', body)) as Response
}

describe('post_filter', () => {
  for (const shards of [1, 2]) {
    it(`filters the hits but not the aggregations (${shards} shard(s))`, async () => {
      const cluster = await shirts(shards)
      const query = { match: { title: 'shirt' } }
      const aggs = { colors: { terms: { field: 'color' } } }
      const plain = await search(cluster, { query, aggs })
      const filtered = await search(cluster, { query, aggs, post_filter: { term: { color: 'red' } } })
      expect(plain.hits.total.value).toBe(4)
      expect(filtered.hits.total.value).toBe(2)
      expect(filtered.hits.hits.map((h) => h._id).sort()).toEqual(['1', '3'])
      // The post filter does not score: each hit keeps the query's score, max_score is the best filtered one.
      const scores = new Map(plain.hits.hits.map((h) => [h._id, h._score]))
      for (const hit of filtered.hits.hits) expect(hit._score).toBe(scores.get(hit._id))
      expect(filtered.hits.max_score).toBe(Math.max(...filtered.hits.hits.map((h) => h._score!)))
      expect(filtered.aggregations).toEqual(plain.aggregations)
      expect(filtered.aggregations!.colors.buckets).toEqual([
        { key: 'blue', doc_count: 2 },
        { key: 'red', doc_count: 2 },
      ])
    })
  }

  it('filters a search sorted by a field, and one by score without aggregations', async () => {
    const cluster = await shirts(1)
    const sorted = await search(cluster, {
      query: { match_all: {} },
      post_filter: { range: { n: { gte: 3 } } },
      sort: [{ n: 'desc' }],
    })
    expect(sorted.hits.total.value).toBe(3)
    expect(sorted.hits.hits.map((h) => [h._id, h.sort])).toEqual([
      ['5', [5]],
      ['4', [4]],
      ['3', [3]],
    ])
    const byScore = await search(cluster, {
      query: { match: { title: 'blue' } },
      post_filter: { term: { n: 2 } },
    })
    expect(byScore.hits.total.value).toBe(1)
    expect(byScore.hits.hits.map((h) => h._id)).toEqual(['2'])
  })

  it("lists the post filter's named clauses in matched_queries", async () => {
    const cluster = await shirts(1)
    const result = await search(cluster, {
      query: { match: { title: { query: 'shirt', _name: 'shirt' } } },
      post_filter: {
        bool: {
          should: [
            { term: { color: { value: 'red', _name: 'red' } } },
            { range: { n: { gte: 5, _name: 'late' } } },
          ],
        },
      },
      sort: [{ n: 'asc' }],
    })
    expect(result.hits.hits.map((h) => [h._id, h.matched_queries])).toEqual([
      ['1', ['red', 'shirt']],
      ['3', ['red', 'shirt']],
      ['5', ['shirt', 'late']],
    ])
  })

  it('rejects a malformed post filter before any shard runs, and is refused by _count', async () => {
    const cluster = await shirts(1)
    const bad = await cluster.send(1, 'GET', '/idx/_search', { post_filter: { nope: {} } })
    expect(bad.status).toBe(400)
    expect(errorOf(bad.body).root_cause[0]).toEqual({
      type: 'parsing_exception',
      reason: 'unknown query [nope]',
      line: 1,
      // `{"post_filter":{"nope":{}}}`: the query's object
      col: 24,
    })
    const count = await cluster.send(1, 'GET', '/idx/_count', { post_filter: { match_all: {} } })
    expect(count.status).toBe(400)
    expect(errorOf(count.body).reason).toBe('request does not support [post_filter]')
  })
})
