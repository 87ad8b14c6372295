// The more_like_this query (MoreLikeThisQueryBuilder, MoreLikeThisQuery, XMoreLikeThis): its parse errors, the terms
// it selects on a shard (ClassicSimilarity tf × idf, a PriorityQueue of max_query_terms), the hits and BM25 scores of
// the generated bool, and its items' term vectors fetched by the coordinator for every API that builds the query.
import { describe, expect, it } from 'vitest'
import { startCluster, type TestCluster } from '../cluster/es-cluster-fixture.ts'
import { errorOf } from '../cluster-admin/cluster-admin-fixture.ts'

interface SearchBody {
  hits: { total: { value: number }; hits: Array<{ _id: string; _score: number }> }
}

const TITLES = ['quick brown fox', 'quick red fox', 'lazy brown dog', 'slow green turtle']

async function movies(shards = 1): Promise<TestCluster> {
  const cluster = await startCluster(2)
  await cluster.json(1, 'PUT', '/movies', {
    settings: { number_of_shards: shards },
    mappings: { properties: { title: { type: 'text' }, plot: { type: 'text' }, year: { type: 'integer' } } },
  })
  await cluster.settle()
  for (const [i, title] of TITLES.entries())
    await cluster.json(1, 'PUT', `/movies/_doc/${i + 1}`, { title, plot: `${title} story`, year: 2000 + i })
  await cluster.json(1, 'POST', '/movies/_refresh')
  return cluster
}

function mlt(options: object): object {
  return { query: { more_like_this: { min_term_freq: 1, min_doc_freq: 1, ...options } } }
}

async function hits(
  cluster: TestCluster,
  body: object,
  path = '/movies/_search',
): Promise<Array<[string, number]>> {
  const result = (await cluster.json(2, 'POST', path, body)) as SearchBody
  return result.hits.hits.map((hit) => [hit._id, hit._score])
}

async function failure(cluster: TestCluster, body: object): Promise<{ type: string; reason: string }> {
  const response = await cluster.send(1, 'POST', '/movies/_search', body)
  expect(response.status).toBe(400)
  return errorOf(response.body)
}

describe('more_like_this parsing', () => {
  it('fails as MoreLikeThisQueryBuilder.fromXContent and Item.parse fail', async () => {
    const cluster = await movies()
    const cases: Array<[object, string, string]> = [
      [{ fields: ['title'], like: 'x', foo: 1 }, 'parsing_exception', '[mlt] query does not support [foo]'],
      [{ fields: 'title', like: 'x' }, 'parsing_exception', '[mlt] query does not support [fields]'],
      [{ fields: ['title'] }, 'parsing_exception', "more_like_this requires 'like' to be specified"],
      [{ fields: [], like: 'x' }, 'parsing_exception', "more_like_this requires 'fields' to be non-empty"],
      [
        { like: [['x']] },
        'illegal_argument_exception',
        "Content of 'like' parameter should either be a string or an object",
      ],
      [
        { like: { _id: '1', _type: 'doc' } },
        'parse_exception',
        'failed to parse More Like This item. unknown field [_type]',
      ],
      [
        { like: { _index: 'movies' } },
        'parse_exception',
        'failed to parse More Like This item. neither [id] nor [doc] is specified!',
      ],
      [
        { like: { _id: '1', doc: { a: 1 } } },
        'parse_exception',
        'failed to parse More Like This item. either [id] or [doc] can be specified, but not both!',
      ],
      [
        { like: { _id: '1', fields: 'title' } },
        'parse_exception',
        'failed to parse More Like This item. field [fields] must be an array',
      ],
      [
        { like: 'x', max_query_terms: 0 },
        'illegal_argument_exception',
        "requires 'maxQueryTerms' to be greater than 0",
      ],
    ]
    for (const [query, type, reason] of cases) {
      expect(await failure(cluster, { query: { more_like_this: query } })).toMatchObject({ type, reason })
    }
    const unknown = await failure(cluster, { query: { mlt: { like: 'x' } } })
    expect(unknown.reason).toBe('unknown query [mlt]')
    const located = await cluster.send(
      1,
      'POST',
      '/movies/_search',
      '{"query":{"more_like_this":{"like":"x","foo":1}}}',
    )
    expect(errorOf(located.body).reason).toBe('[mlt] query does not support [foo]')
    expect(located.body).toContain('"line":1,"col":46')
  })

  it('refuses fields other than text and keyword unless told to skip them, and free text without fields', async () => {
    const cluster = await movies()
    const year = await failure(cluster, mlt({ fields: ['year'], like: 'x' }))
    expect(year.type).toBe('search_phase_execution_exception')
    expect(JSON.stringify(year)).toContain('more_like_this only supports text/keyword fields: [year]')
    expect(
      await hits(cluster, mlt({ fields: ['year'], like: 'fox', fail_on_unsupported_field: false })),
    ).toEqual([])
    const infer = await failure(cluster, mlt({ like: 'fox' }))
    expect(JSON.stringify(infer)).toContain(
      '[more_like_this] query cannot infer the field to analyze the free text, you should update the ' +
        '[index.query.default_field] index setting to a field that exists in the mapping or set the [fields] option in the query.',
    )
  })
})

describe('more_like_this on a shard', () => {
  it('selects the highest tf × idf terms and scores the generated bool with BM25', async () => {
    const cluster = await movies()
    // numDocs 4; quick: tf 1, df 2, idf ln(5/3)+1 = 1.5108256; fox: tf 2, df 2 → 3.0216513; turtle: tf 1, df 1,
    // ln(5/2)+1 = 1.9162908. max_query_terms 2 keeps fox and turtle.
    const body = mlt({ fields: ['title'], like: 'quick fox fox turtle', max_query_terms: 2 })
    // BM25 (every title 3 tokens, avgdl 3; float32 2.2 × idf × 1/2.2): turtle idf ln(1 + 3.5/1.5) → 1.2039728,
    // fox idf ln(1 + 2.5/2.5) = 0.6931472 → 0.6931471.
    expect(await hits(cluster, body)).toEqual([
      ['4', 1.2039728],
      ['1', 0.6931471],
      ['2', 0.6931471],
    ])
    const explained = (await cluster.json(1, 'POST', '/movies/_explain/4', body)) as { explanation: object }
    expect(JSON.stringify(explained.explanation)).toContain('weight(title:turtle in 3)')
    expect(JSON.stringify(explained.explanation)).not.toContain('quick')
    const validated = await cluster.json(1, 'POST', '/movies/_validate/query?explain=true', body)
    expect(validated).toMatchObject({ explanations: [{ explanation: 'like:[quick fox fox turtle]' }] })
    expect(await cluster.json(1, 'POST', '/movies/_count', body)).toMatchObject({ count: 3 })
    // an analyzer the index does not have falls back to the first field's (IndexAnalyzers.get is null)
    const unknown = mlt({
      fields: ['title'],
      like: 'quick fox fox turtle',
      max_query_terms: 2,
      analyzer: 'nope',
    })
    expect(await hits(cluster, unknown)).toEqual(await hits(cluster, body))
    // the default min_doc_freq 5 leaves no term on a shard of 4 documents
    const defaults = {
      query: { more_like_this: { fields: ['title'], like: 'quick fox fox', min_term_freq: 1 } },
    }
    expect(await hits(cluster, defaults)).toEqual([])
  })

  it('likes stored documents through their term vectors, excluding them unless include', async () => {
    const cluster = await movies()
    const like = { fields: ['title'], like: [{ _index: 'movies', _id: '1' }] }
    expect((await hits(cluster, mlt(like))).map(([id]) => id)).toEqual(['2', '3'])
    expect((await hits(cluster, mlt({ ...like, include: true }))).map(([id]) => id)).toEqual(['1', '2', '3'])
    const unlike = { ...like, unlike: [{ _id: '3' }] }
    expect((await hits(cluster, mlt(unlike))).map(([id]) => id)).toEqual(['2'])
    expect(await cluster.json(1, 'POST', '/movies/_count', mlt(like))).toMatchObject({ count: 2 })
    expect(await cluster.json(1, 'POST', '/movies/_explain/2', mlt(like))).toMatchObject({ matched: true })
    const msearch = await cluster.send(1, 'POST', '/movies/_msearch', `{}\n${JSON.stringify(mlt(like))}\n`)
    expect(JSON.parse(msearch.body)).toMatchObject({ responses: [{ hits: { total: { value: 2 } } }] })
    const validated = await cluster.json(1, 'POST', '/movies/_validate/query?explain=true', mlt(like))
    // ES prints the clauses in the order handleItems adds them, `like:null -_id:([fe 1f])` (docs/DEVIATIONS.md)
    expect(validated).toMatchObject({ explanations: [{ explanation: '-_id:([fe 1f]) like:null' }] })
    // a missing document adds no terms
    expect(await hits(cluster, mlt({ fields: ['title'], like: [{ _id: '9' }] }))).toEqual([])
    await cluster.json(1, 'POST', '/movies/_delete_by_query?refresh=true', mlt(like))
    expect((await hits(cluster, { query: { match_all: {} } })).map(([id]) => id)).toEqual(['1', '4'])
  })

  it('selects terms on each shard by its own statistics', async () => {
    const cluster = await movies(2)
    const result = (await cluster.json(
      2,
      'POST',
      '/movies/_search',
      mlt({ fields: ['title', 'plot'], like: 'fox' }),
    )) as SearchBody
    expect(result.hits.hits.map((hit) => hit._id).sort()).toEqual(['1', '2'])
  })
})
