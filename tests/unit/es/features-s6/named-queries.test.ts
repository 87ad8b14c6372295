// Named queries (`_name` on any clause) and `matched_queries` on each hit, as ES 8.17's MatchedQueriesPhase
// computes them: every named clause run on its own against each hit's document, the names listed in the
// java.util.HashMap order ES iterates them in (String.hashCode buckets of a 16-slot table, then insertion),
// or with include_named_queries_score (8.8+) an object name -> the named clause's own score. The field sits
// after `sort` and before `_explanation` (SearchHit.toXContent).
import { describe, expect, it } from 'vitest'
import { clusterWithIndex } from '../cluster-admin/cluster-admin-fixture.ts'
import type { TestCluster } from '../cluster/es-cluster-fixture.ts'

const MAPPINGS = { mappings: { properties: { title: { type: 'text' }, n: { type: 'integer' } } } }
const SHARDS_1 = { total: 1, successful: 1, skipped: 0, failed: 0 }

async function threeDocs(): Promise<TestCluster> {
  const { cluster } = await clusterWithIndex(1, MAPPINGS)
  await cluster.json(1, 'PUT', '/idx/_doc/1', { title: 'quick brown fox', n: 1 })
  await cluster.json(1, 'PUT', '/idx/_doc/2', { title: 'lazy dog', n: 2 })
  await cluster.json(1, 'PUT', '/idx/_doc/3?refresh', { title: 'quick dog', n: 3 })
  return cluster
}

// Buckets (h ^ h>>>16) & 15 of String.hashCode: q -> 1, outer -> 8, two -> 13, dog -> 13 (two named first).
// Scores by hand (BM25, N=3, avgdl=7/3): two = 2 * 2.2 * ln(1 + 2.5/1.5) * 1/(1 + 1.2 * (0.25 + 0.75 * 2/(7/3))).
const NAMED = {
  query: {
    bool: {
      should: [
        { match: { title: { query: 'quick', _name: 'q' } } },
        { match: { title: { query: 'lazy', _name: 'two', boost: 2 } } },
        { match: { title: { query: 'dog', _name: 'dog' } } },
      ],
      _name: 'outer',
    },
  },
}

/** The exact body text, `took` (wall time) aside. */
async function expectBody(
  cluster: TestCluster,
  method: 'GET',
  path: string,
  body: object,
  status: number,
  expected: object,
  floats: Array<[string, string]> = [],
): Promise<void> {
  const answer = await cluster.send(1, method, path, body)
  expect(answer.status).toBe(status)
  // JSON.stringify prints 3 where Jackson prints the float 3.0: `floats` rewrites such values.
  const text = floats.reduce((json, [from, to]) => json.replaceAll(from, to), JSON.stringify(expected))
  expect(answer.body.replace(/^\{"took":\d+,/, '{"took":0,')).toBe(text)
}

function hit(id: string, score: number, source: object, extra: object): object {
  return { _index: 'idx', _id: id, _score: score, _source: source, ...extra }
}

function response(hits: object[], maxScore: number): object {
  return {
    took: 0,
    timed_out: false,
    _shards: SHARDS_1,
    hits: { total: { value: hits.length, relation: 'eq' }, max_score: maxScore, hits },
  }
}

describe('matched_queries', () => {
  it('lists the names of the named clauses each hit matches, in Java HashMap order', async () => {
    const cluster = await threeDocs()
    await expectBody(
      cluster,
      'GET',
      '/idx/_search',
      NAMED,
      200,
      response(
        [
          hit('2', 2.5825927, { title: 'lazy dog', n: 2 }, { matched_queries: ['outer', 'two', 'dog'] }),
          hit('3', 0.9983525, { title: 'quick dog', n: 3 }, { matched_queries: ['q', 'outer', 'dog'] }),
          hit('1', 0.42081726, { title: 'quick brown fox', n: 1 }, { matched_queries: ['q', 'outer'] }),
        ],
        2.5825927,
      ),
    )
  })

  it('gives each named clause its own score with include_named_queries_score', async () => {
    const cluster = await threeDocs()
    await expectBody(
      cluster,
      'GET',
      '/idx/_search?include_named_queries_score',
      NAMED,
      200,
      response(
        [
          hit(
            '2',
            2.5825927,
            { title: 'lazy dog', n: 2 },
            {
              matched_queries: { outer: 2.5825927, two: 2.0834165, dog: 0.49917626 },
            },
          ),
          hit(
            '3',
            0.9983525,
            { title: 'quick dog', n: 3 },
            {
              matched_queries: { q: 0.49917626, outer: 0.9983525, dog: 0.49917626 },
            },
          ),
          hit(
            '1',
            0.42081726,
            { title: 'quick brown fox', n: 1 },
            {
              matched_queries: { q: 0.42081726, outer: 0.42081726 },
            },
          ),
        ],
        2.5825927,
      ),
    )
  })

  it('scores a named filter clause standalone, and leaves hits without a match unmarked', async () => {
    const cluster = await threeDocs()
    const body = {
      query: {
        bool: {
          must: { match_all: {} },
          filter: { terms: { n: [1, 3], _name: 'odd', boost: 3 } },
        },
      },
      sort: [{ n: 'asc' }],
    }
    await expectBody(
      cluster,
      'GET',
      '/idx/_search?include_named_queries_score=true',
      body,
      200,
      response(
        [
          hit(
            '1',
            null as unknown as number,
            { title: 'quick brown fox', n: 1 },
            {
              sort: [1],
              matched_queries: { odd: 3.0 },
            },
          ),
          hit(
            '3',
            null as unknown as number,
            { title: 'quick dog', n: 3 },
            {
              sort: [3],
              matched_queries: { odd: 3.0 },
            },
          ),
        ],
        null as unknown as number,
      ),
      [['"odd":3}', '"odd":3.0}']],
    )
    const plain = await cluster.json(1, 'GET', '/idx/_search', { query: { term: { n: 2 } } })
    expect(JSON.stringify(plain)).not.toContain('matched_queries')
  })

  it('keeps the last clause of a repeated name, and puts matched_queries before _explanation', async () => {
    const cluster = await threeDocs()
    const body = {
      query: {
        bool: {
          should: [
            { range: { n: { gte: 3, _name: 'x' } } },
            { match: { title: { query: 'lazy', _name: 'x' } } },
          ],
        },
      },
      explain: true,
      _source: false,
    }
    const result = (await cluster.json(1, 'GET', '/idx/_search', body)) as {
      hits: { hits: Array<Record<string, unknown>> }
    }
    const hits = result.hits.hits
    expect(hits.map((h) => [h['_id'], h['matched_queries'] ?? null])).toEqual([
      ['2', ['x']],
      ['3', null],
    ])
    expect(Object.keys(hits[0]!)).toEqual([
      '_shard',
      '_node',
      '_index',
      '_id',
      '_score',
      'matched_queries',
      '_explanation',
    ])
  })

  it('names clauses inside compound queries and in the query_string family', async () => {
    const cluster = await threeDocs()
    const body = {
      query: {
        function_score: {
          query: {
            dis_max: {
              queries: [
                { query_string: { query: 'title:fox', _name: 'qs' } },
                { multi_match: { query: 'lazy', fields: ['title'], _name: 'mm' } },
                { ids: { values: ['3'], _name: 'id3' } },
              ],
            },
          },
          _name: 'fs',
        },
      },
      _source: false,
    }
    const result = (await cluster.json(1, 'GET', '/idx/_search', body)) as {
      hits: { hits: Array<{ _id: string; matched_queries: string[] }> }
    }
    const byId = Object.fromEntries(result.hits.hits.map((h) => [h._id, h.matched_queries]))
    // Buckets: mm -> 0, qs -> 2, id3 -> 9, fs -> 13.
    expect(byId).toEqual({ '1': ['qs', 'fs'], '2': ['mm', 'fs'], '3': ['id3', 'fs'] })
  })
})
