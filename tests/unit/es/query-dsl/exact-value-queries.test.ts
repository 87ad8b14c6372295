// A term or match query on a numeric field is the field type's point query of the value (NumberFieldMapper's
// termQuery: LongPoint.newExactQuery, FloatPoint.newExactQuery, ...): a constant-score query that scores its
// boost and explains as `field:[v TO v]`, never BM25. A boolean field stays a scored TermQuery on `T`/`F`.
// `match` on a field that is neither text nor keyword runs the same termQuery on the whole text (MatchQueryParser
// with the keyword analyzer), so text that does not parse fails the shard unless `lenient` is set.
import { describe, expect, it } from 'vitest'
import { clusterWithIndex } from '../cluster-admin/cluster-admin-fixture.ts'
import type { TestCluster } from '../cluster/es-cluster-fixture.ts'

const MAPPINGS = {
  mappings: {
    properties: { n: { type: 'long' }, f: { type: 'float' }, b: { type: 'boolean' }, k: { type: 'keyword' } },
  },
}

interface Hit {
  _id: string
  _score: number | null
  _explanation?: { value: number; description: string; details: unknown[] }
}
interface SearchBody {
  hits: { max_score: number | null; hits: Hit[] }
}

async function indexed(): Promise<TestCluster> {
  const { cluster } = await clusterWithIndex(1, MAPPINGS)
  for (const [id, doc] of [
    ['1', { n: 5, f: 1.5, b: true, k: 'x' }],
    ['2', { n: 6, f: 2.5, b: false, k: 'y' }],
    ['3', { n: 5, f: 1.5, b: true, k: 'x' }],
  ] as const) {
    await cluster.json(1, 'PUT', `/idx/_doc/${id}`, doc)
  }
  await cluster.json(1, 'POST', '/idx/_refresh')
  return cluster
}

async function search(cluster: TestCluster, query: object): Promise<SearchBody> {
  return (await cluster.json(1, 'POST', '/idx/_search', { explain: true, query })) as SearchBody
}

describe('exact-value queries on numeric and boolean fields', () => {
  it('scores a numeric term query with its boost and explains it as a point range', async () => {
    const cluster = await indexed()
    const long = await search(cluster, { term: { n: 5 } })
    expect(long.hits.hits.map((h) => [h._id, h._score])).toEqual([
      ['1', 1],
      ['3', 1],
    ])
    expect(long.hits.hits[0]!._explanation).toEqual({ value: 1, description: 'n:[5 TO 5]', details: [] })
    const float = await search(cluster, { term: { f: { value: '2.5', boost: 2 } } })
    expect(float.hits.max_score).toBe(2)
    expect(float.hits.hits[0]!._explanation).toEqual({
      value: 2,
      description: 'f:[2.5 TO 2.5]^2.0',
      details: [],
    })
  })

  it('runs match on a numeric field as the same point query, lenient or failing on text that does not parse', async () => {
    const cluster = await indexed()
    const match = await search(cluster, { match: { n: '6' } })
    expect(match.hits.hits.map((h) => [h._id, h._score, h._explanation?.description])).toEqual([
      ['2', 1, 'n:[6 TO 6]'],
    ])
    const failed = await cluster.send(1, 'POST', '/idx/_search', { query: { match: { n: 'abc' } } })
    expect(failed.status).toBe(400)
    expect(failed.body).toContain('"reason":"failed to create query: For input string: \\"abc\\""')
    const lenient = await search(cluster, { match: { n: { query: 'abc', lenient: true } } })
    expect(lenient.hits.hits).toEqual([])
  })

  it('keeps boolean term and match queries BM25-scored terms on T and F', async () => {
    const cluster = await indexed()
    const term = await search(cluster, { term: { b: true } })
    const match = await search(cluster, { match: { b: 'false' } })
    expect(term.hits.hits.map((h) => h._id)).toEqual(['1', '3'])
    expect(term.hits.hits[0]!._explanation!.description).toBe(
      'weight(b:T in 0) [PerFieldSimilarity], result of:',
    )
    expect(match.hits.hits.map((h) => h._id)).toEqual(['2'])
    expect(match.hits.hits[0]!._explanation!.description).toMatch(/^weight\(b:F in 1\)/)
    expect(term.hits.hits[0]!._score).not.toBe(1)
  })

  it('parses query_string terms on numeric fields into the same point query', async () => {
    const cluster = await indexed()
    const validated = (await cluster.json(1, 'GET', '/idx/_validate/query?explain=true&q=n:5')) as {
      explanations: Array<{ explanation: string }>
    }
    expect(validated.explanations[0]!.explanation).toBe('n:[5 TO 5]')
    const found = await search(cluster, { query_string: { query: 'n:6 OR k:x' } })
    expect(found.hits.hits.map((h) => h._id).sort()).toEqual(['1', '2', '3'])
    expect(found.hits.hits.find((h) => h._id === '2')!._score).toBe(1)
  })

  it('runs terms on a numeric field as one PointInSetQuery: sorted, deduplicated, decimals dropped', async () => {
    const cluster = await indexed()
    const explain = async (query: object): Promise<string> => {
      const body = (await cluster.json(1, 'POST', '/idx/_validate/query?explain=true', { query })) as {
        explanations: Array<{ explanation: string }>
      }
      return body.explanations[0]!.explanation
    }
    expect(await explain({ terms: { n: [6, '5', 5, 5.5] } })).toBe('n:{5 6}')
    expect(await explain({ terms: { f: [2.5, 1.5], boost: 2 } })).toBe('(f:{1.5 2.5})^2.0')
    const found = await search(cluster, { terms: { n: [6, 5.5] } })
    expect(found.hits.hits.map((h) => [h._id, h._score, h._explanation!.description])).toEqual([
      ['2', 1, 'n:{6}'],
    ])
  })
})
