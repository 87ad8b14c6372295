// `_rank_eval` (rest/actions/rank-eval-action.ts) through a node, with the figures of ES 8's YAML REST tests
// (modules/rank-eval/src/yamlRestTest/.../rank_eval/10_basic.yml, 30_failures.yml, 40_rank_eval_templated.yml).
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

interface Detail {
  metric_score: number
  unrated_docs: Array<{ _index: string; _id: string }>
  hits: Array<{ hit: { _index: string; _id: string; _score: number }; rating: number | null }>
  metric_details: Record<string, Record<string, number>>
}
interface RankEvalBody {
  metric_score: number
  details: Record<string, Detail>
  failures: Record<string, { error: { type: string; reason: string; root_cause: Array<{ type: string }> } }>
}

async function basicSetup(): Promise<TestNode> {
  const node = await startNode()
  await node.send('PUT', '/foo', { settings: { index: { number_of_shards: 1 } } })
  await node.send('PUT', '/foo/_doc/doc1', { text: 'berlin' })
  await node.send('PUT', '/foo/_doc/doc2', { text: 'amsterdam' })
  await node.send('PUT', '/foo/_doc/doc3', { text: 'amsterdam' })
  await node.send('PUT', '/foo/_doc/doc4', { text: 'something about amsterdam and berlin' })
  await node.send('POST', '/_refresh')
  await node.send('PUT', '/foo/_alias/alias')
  return node
}

const amsterdam = { query: { match: { text: 'amsterdam' } } }
const berlin = { query: { match: { text: 'berlin' } }, size: 10 }

async function rankEval(node: TestNode, path: string, body: object): Promise<RankEvalBody> {
  const response = await node.send('POST', path, body)
  expect(response.status).toBe(200)
  return JSON.parse(response.body) as RankEvalBody
}

describe('_rank_eval', () => {
  it('answers precision per request with hits, ratings and unrated docs (10_basic "Response format")', async () => {
    const node = await basicSetup()
    const response = await node.send('POST', '/foo,/_rank_eval?search_type=query_then_fetch', {
      requests: [
        {
          id: 'amsterdam_query',
          request: amsterdam,
          ratings: [
            { _index: 'foo', _id: 'doc1', rating: 0 },
            { _index: 'foo', _id: 'doc2', rating: 1 },
            { _index: 'foo', _id: 'doc3', rating: 1 },
          ],
        },
        { id: 'berlin_query', request: berlin, ratings: [{ _index: 'foo', _id: 'doc1', rating: 1 }] },
      ],
      metric: { precision: { ignore_unlabeled: true } },
    })
    expect(response.status).toBe(200)
    // metric_score is a Java double; the details map is a HashMap of 4 buckets, both ids in bucket 0
    expect(response.body).toMatch(
      /^\{"metric_score":1\.0,"details":\{"amsterdam_query":\{"metric_score":1\.0,/,
    )
    const body = JSON.parse(response.body) as RankEvalBody
    const ams = body.details.amsterdam_query!
    expect(ams.unrated_docs).toEqual([{ _index: 'foo', _id: 'doc4' }])
    expect(ams.metric_details).toEqual({ precision: { relevant_docs_retrieved: 2, docs_retrieved: 2 } })
    expect(ams.hits.map((h) => [h.hit._id, h.rating])).toEqual([
      ['doc2', 1],
      ['doc3', 1],
      ['doc4', null],
    ])
    // the hit is the search's own, without _source
    expect(Object.keys(ams.hits[0]!.hit)).toEqual(['_index', '_id', '_score'])
    const ber = body.details.berlin_query!
    expect(ber.unrated_docs).toEqual([{ _index: 'foo', _id: 'doc4' }])
    expect(ber.metric_details).toEqual({ precision: { relevant_docs_retrieved: 1, docs_retrieved: 1 } })
    expect(ber.hits.map((h) => [h.hit._id, h.rating])).toEqual([
      ['doc1', 1],
      ['doc4', null],
    ])
    expect(body.failures).toEqual({})
  })

  it('resolves an alias to its index (10_basic "Alias resolution")', async () => {
    const node = await basicSetup()
    const body = await rankEval(node, '/alias/_rank_eval', {
      requests: [
        { id: 'amsterdam_query', request: amsterdam, ratings: [{ _index: 'foo', _id: 'doc2', rating: 1 }] },
        { id: 'berlin_query', request: berlin, ratings: [{ _index: 'foo', _id: 'doc1', rating: 1 }] },
      ],
      metric: { precision: { ignore_unlabeled: true } },
    })
    expect(body.metric_score).toBe(1)
    expect(body.details.amsterdam_query!.metric_score).toBe(1)
  })

  it('mean_reciprocal_rank: (1/3 + 1/2) / 2 (10_basic)', async () => {
    const node = await basicSetup()
    const ratings = [{ _index: 'foo', _id: 'doc4', rating: 1 }]
    const body = await rankEval(node, '/_rank_eval', {
      requests: [
        { id: 'amsterdam_query', request: amsterdam, ratings },
        { id: 'berlin_query', request: berlin, ratings },
      ],
      metric: { mean_reciprocal_rank: {} },
    })
    expect(body.metric_score).toBe(0.41666666666666663)
    expect(body.details.amsterdam_query!.metric_score).toBe(1 / 3)
    expect(body.details.amsterdam_query!.metric_details).toEqual({
      mean_reciprocal_rank: { first_relevant: 3 },
    })
    expect(body.details.amsterdam_query!.unrated_docs.map((d) => d._id)).toEqual(['doc2', 'doc3'])
    expect(body.details.berlin_query!.metric_score).toBe(0.5)
    expect(body.details.berlin_query!.metric_details).toEqual({ mean_reciprocal_rank: { first_relevant: 2 } })
  })

  it('expected_reciprocal_rank with maximum_relevance 1 and k 5 (10_basic)', async () => {
    const node = await basicSetup()
    const ratings = [{ _index: 'foo', _id: 'doc4', rating: 1 }]
    const body = await rankEval(node, '/_rank_eval', {
      requests: [
        { id: 'amsterdam_query', request: amsterdam, ratings },
        { id: 'berlin_query', request: berlin, ratings },
      ],
      metric: { expected_reciprocal_rank: { maximum_relevance: 1, k: 5 } },
    })
    expect(body.metric_score).toBeGreaterThan(0.2083333)
    expect(body.metric_score).toBeLessThan(0.2083334)
    expect(body.details.amsterdam_query!.metric_details).toEqual({
      expected_reciprocal_rank: { unrated_docs: 2 },
    })
    expect(body.details.berlin_query!.metric_details).toEqual({
      expected_reciprocal_rank: { unrated_docs: 1 },
    })
  })

  it('writes details in HashMap order, and summary_fields filter each hit _source', async () => {
    const node = await basicSetup()
    const response = await node.send('POST', '/foo/_rank_eval', {
      requests: [
        { id: 'q', request: { query: { match: { text: 'berlin' } } }, ratings: [], summary_fields: ['text'] },
        { id: 'amsterdam_query', request: amsterdam, ratings: [{ _index: 'foo', _id: 'doc2', rating: 3 }] },
      ],
      metric: { dcg: { k: 2 } },
    })
    const body = JSON.parse(response.body) as RankEvalBody
    // 'q' hashes to bucket 1 of 4, 'amsterdam_query' to bucket 0
    expect(Object.keys(body.details)).toEqual(['amsterdam_query', 'q'])
    expect(body.details.q!.hits.map((h) => h.hit)).toEqual([
      expect.objectContaining({ _id: 'doc1', _source: { text: 'berlin' } }),
      expect.objectContaining({ _id: 'doc4', _source: { text: 'something about amsterdam and berlin' } }),
    ])
    // k is the search size: two hits of three, doc2 first with gain 2^3 - 1
    expect(body.details.amsterdam_query!.hits).toHaveLength(2)
    expect(body.details.amsterdam_query!.metric_details).toEqual({ dcg: { dcg: 7, unrated_docs: 1 } })
    expect(body.metric_score).toBe(3.5)
  })

  it('puts a failing search under failures with its error (30_failures)', async () => {
    const node = await startNode()
    await node.send('PUT', '/foo/_doc/doc1', { bar: 1 })
    await node.send('POST', '/_refresh')
    const ratings = [{ _index: 'foo', _id: 'doc1', rating: 1 }]
    const body = await rankEval(node, '/_rank_eval', {
      requests: [
        { id: 'amsterdam_query', request: { query: { match_all: {} } }, ratings },
        {
          id: 'invalid_query',
          request: { query: { range: { bar: { from: 'Basel', time_zone: '+01:00' } } } },
          ratings,
        },
      ],
      metric: { precision: { ignore_unlabeled: true } },
    })
    expect(body.metric_score).toBe(1)
    expect(body.details.amsterdam_query!.unrated_docs).toEqual([])
    expect(body.details.amsterdam_query!.metric_details).toEqual({
      precision: { relevant_docs_retrieved: 1, docs_retrieved: 1 },
    })
    expect(body.failures.invalid_query!.error.type).toBe('search_phase_execution_exception')
  })

  it('a missing index fails each search, and the metric score of nothing is NaN', async () => {
    const node = await startNode()
    const response = await node.send('POST', '/missing/_rank_eval', {
      requests: [{ id: 'q', request: { query: { match_all: {} } }, ratings: [] }],
      metric: { recall: {} },
    })
    expect(response.body).toMatch(/^\{"metric_score":"NaN","details":\{\},"failures":\{"q":\{"error":\{/)
    const body = JSON.parse(response.body) as RankEvalBody
    expect(body.failures.q!.error.type).toBe('index_not_found_exception')
  })
})

describe('_rank_eval templates (40_rank_eval_templated)', () => {
  async function templatedSetup(): Promise<TestNode> {
    const node = await startNode()
    await node.send('PUT', '/test', { settings: { index: { number_of_shards: 1 } } })
    await node.send('PUT', '/test/_doc/1', { text: 'berlin', title: 'Berlin, Germany' })
    for (const id of ['2', '3', '4', '5', '6'])
      await node.send('PUT', `/test/_doc/${id}`, { text: 'amsterdam' })
    await node.send('POST', '/_refresh')
    return node
  }
  const template = (source: string) => [{ id: 'match', template: { source } }]
  const templated = (query: string, ratings: object[]) => ({
    id: `${query}_query`,
    params: { query_string: query },
    template_id: 'match',
    ratings,
  })

  it('renders each request from its template and params', async () => {
    const node = await templatedSetup()
    const body = await rankEval(node, '/_rank_eval', {
      templates: template('{"query": { "match" : {"text" : "{{query_string}}" }}}'),
      requests: [
        templated(
          'amsterdam',
          ['2', '3', '4', '5'].map((id) => ({ _index: 'test', _id: id, rating: 1 })),
        ),
        templated('berlin', [{ _index: 'test', _id: '1', rating: 1 }]),
      ],
      metric: { precision: {} },
    })
    expect(body.metric_score).toBe(0.9)
    expect(body.details.amsterdam_query!.unrated_docs[0]!._id).toBe('6')
  })

  it.each([
    [
      '{ "aggs" : { "avg_grade" : { "avg" : { "field" : "grade" }}}}',
      'Query in rated requests should not contain aggregations.',
    ],
    [
      '{"suggest" : {"my-suggestion" : {"text" : "Elastic","term" : {"field" : "message"}}}}',
      'Query in rated requests should not contain a suggest section.',
    ],
    [
      '{"highlight" : { "fields" : {"content" : {}}}}',
      'Query in rated requests should not contain a highlighter section.',
    ],
    ['{"profile" : "true" }', 'Query in rated requests should not use profile.'],
    ['{"explain" : "true" }', 'Query in rated requests should not use explain.'],
  ])('refuses a rendered %s', async (source, reason) => {
    const node = await templatedSetup()
    const response = await node.send('POST', '/_rank_eval', {
      templates: template(source),
      requests: [templated('amsterdam', [])],
      metric: { precision: {} },
    })
    expect(response.status).toBe(400)
    const error = (JSON.parse(response.body) as { error: { type: string; reason: string } }).error
    expect(error).toMatchObject({ type: 'illegal_argument_exception', reason })
  })
})
