// Queries, sorts and aggregations on the metadata fields `_id`, `_index` and `_routing`, as Elasticsearch 8.17's
// field types build them: IdFieldType (term / terms / match are a TermInSetQuery scoring the boost, exists matches
// every document, other multi-term and range queries are MappedFieldType's refusals, fielddata is disallowed while
// indices.id_field_data.enabled is false), IndexFieldType (a ConstantFieldType: term, terms, prefix and wildcard
// match every document or none as SearchIndexNameMatcher resolves the value as an index expression, aliases and
// patterns included; the rewrite drops the boost; a terms aggregation and a sort read the index name) and
// RoutingFieldType (an indexed keyword without doc values).
import { beforeAll, describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

let node: TestNode

beforeAll(async () => {
  node = await startNode()
  await node.send('PUT', '/logs-a', { aliases: { logs: {} } })
  await node.send('PUT', '/logs-b')
  await node.send('PUT', '/other')
  await node.send('PUT', '/logs-a/_doc/1?routing=r1', { n: 1 })
  await node.send('PUT', '/logs-a/_doc/2', { n: 2 })
  await node.send('PUT', '/logs-b/_doc/3?routing=r2', { n: 3 })
  await node.send('PUT', '/other/_doc/4', { n: 4 })
  await node.send('POST', '/_refresh')
}, 60_000)

const HITS = '/logs-*,other/_search?filter_path=hits.hits._id,hits.hits._score'

async function hits(query: object, path = HITS): Promise<string> {
  const response = await node.send('GET', path, { query })
  expect(response.status).toBe(200)
  return response.body
}

/** The ids and scores of the hits, as `id:score`. */
async function scored(query: object, path = HITS): Promise<string[]> {
  const body = JSON.parse(await hits(query, path)) as { hits?: { hits: { _id: string; _score: number }[] } }
  return (body.hits?.hits ?? []).map((hit) => `${hit._id}:${hit._score}`)
}

/** The shard failure reason of a search every shard of `logs-a` fails. */
async function shardFailure(body: object): Promise<unknown> {
  const response = await node.send('GET', '/logs-a/_search', body)
  expect(response.status).toBe(400)
  const error = JSON.parse(response.body) as { error: { type: string; failed_shards: { reason: unknown }[] } }
  expect(error.error.type).toBe('search_phase_execution_exception')
  return error.error.failed_shards[0]!.reason
}

describe('_id', () => {
  it('term, terms and match find the ids, scoring the boost (TermInSetQuery)', async () => {
    expect(await scored({ term: { _id: { value: '1', boost: 2 } } })).toEqual(['1:2'])
    expect(await scored({ terms: { _id: ['1', '3', 'x'] } })).toEqual(['1:1', '3:1'])
    expect(await scored({ match: { _id: { query: '2', boost: 3 } } })).toEqual(['2:3'])
    expect(await scored({ match_phrase: { _id: '4' } })).toEqual(['4:1'])
    expect(await scored({ term: { _id: { value: '1', case_insensitive: true } } })).toEqual([])
  })

  it('exists matches every document', async () => {
    expect(await scored({ exists: { field: '_id' } })).toEqual(['1:1', '2:1', '3:1', '4:1'])
  })

  it('prefix, wildcard and regexp are query_shard_exceptions; fuzzy and range fail to create the query', async () => {
    const settings = JSON.parse((await node.send('GET', '/logs-a/_settings')).body) as Record<
      string,
      { settings: { index: { uuid: string } } }
    >
    const uuid = settings['logs-a']!.settings.index.uuid
    const refusal = (reason: string) => ({
      type: 'query_shard_exception',
      reason,
      index_uuid: uuid,
      index: 'logs-a',
    })
    expect(await shardFailure({ query: { prefix: { _id: '1' } } })).toEqual(
      refusal(
        'Can only use prefix queries on keyword, text and wildcard fields - not on [_id] which is of type [_id]',
      ),
    )
    expect(await shardFailure({ query: { wildcard: { _id: '1*' } } })).toEqual(
      refusal(
        'Can only use wildcard queries on keyword, text and wildcard fields - not on [_id] which is of type [_id]',
      ),
    )
    expect(await shardFailure({ query: { regexp: { _id: '1.*' } } })).toEqual(
      refusal('Can only use regexp queries on keyword and text fields - not on [_id] which is of type [_id]'),
    )
    const fuzzy =
      'Can only use fuzzy queries on keyword and text fields - not on [_id] which is of type [_id]'
    expect(await shardFailure({ query: { fuzzy: { _id: '1' } } })).toEqual({
      ...refusal(`failed to create query: ${fuzzy}`),
      caused_by: { type: 'illegal_argument_exception', reason: fuzzy },
    })
    const range = 'Field [_id] of type [_id] does not support range queries'
    expect(await shardFailure({ query: { range: { _id: { gte: '1' } } } })).toEqual({
      ...refusal(`failed to create query: ${range}`),
      caused_by: { type: 'illegal_argument_exception', reason: range },
    })
  })

  it('sorts, aggregations and scripts are refused its fielddata', async () => {
    const refusal = {
      type: 'illegal_argument_exception',
      reason:
        'Fielddata access on the _id field is disallowed, you can re-enable it by updating the dynamic cluster ' +
        'setting: indices.id_field_data.enabled',
    }
    expect(await shardFailure({ sort: ['_id'] })).toEqual(refusal)
    expect(await shardFailure({ size: 0, aggs: { ids: { terms: { field: '_id' } } } })).toEqual(refusal)
  })
})

describe('_index', () => {
  it('term and terms match the index, its aliases and patterns, scoring 1 whatever the boost', async () => {
    expect(await scored({ term: { _index: { value: 'logs-a', boost: 3 } } })).toEqual(['1:1', '2:1'])
    expect(await scored({ term: { _index: 'logs' } })).toEqual(['1:1', '2:1'])
    expect(await scored({ term: { _index: 'logs-*' } })).toEqual(['1:1', '2:1', '3:1'])
    expect(await scored({ terms: { _index: ['other', 'logs-b'] } })).toEqual(['3:1', '4:1'])
    expect(await scored({ term: { _index: { value: 'LOGS-B', case_insensitive: true } } })).toEqual(['3:1'])
    expect(await scored({ term: { _index: 'LOGS-B' } })).toEqual([])
    expect(await scored({ term: { _index: 'logs-a,other' } })).toEqual([])
    expect(await scored({ term: { _index: 'remote:logs-a' } })).toEqual([])
  })

  it('prefix and wildcard match as patterns, match keeps its boost, exists matches every document', async () => {
    expect(await scored({ prefix: { _index: 'logs-' } })).toEqual(['1:1', '2:1', '3:1'])
    expect(await scored({ wildcard: { _index: '*-b' } })).toEqual(['3:1'])
    expect(await scored({ wildcard: { _index: 'logs-?' } })).toEqual([])
    expect(await scored({ match: { _index: { query: 'other', boost: 2 } } })).toEqual(['4:2'])
    expect(await scored({ exists: { field: '_index' } })).toEqual(['1:1', '2:1', '3:1', '4:1'])
  })

  it('describes the rewritten query as match_all', async () => {
    const response = await node.send('GET', '/logs-a/_validate/query?explain=true', {
      query: { term: { _index: 'logs' } },
    })
    expect(response.body).toBe(
      '{"_shards":{"total":1,"successful":1,"failed":0},"valid":true,' +
        '"explanations":[{"index":"logs-a","valid":true,"explanation":"*:*"}]}',
    )
  })

  it('regexp and range are refused', async () => {
    expect(await shardFailure({ query: { regexp: { _index: 'l.*' } } })).toMatchObject({
      type: 'query_shard_exception',
      reason:
        'Can only use regexp queries on keyword and text fields - not on [_index] which is of type [_index]',
    })
    expect(await shardFailure({ query: { range: { _index: { gte: 'a' } } } })).toMatchObject({
      reason: 'failed to create query: Field [_index] of type [_index] does not support range queries',
    })
  })

  it('a terms aggregation counts each index, a sort reads its name', async () => {
    const aggs = await node.send('GET', '/logs-*,other/_search?filter_path=aggregations', {
      size: 0,
      aggs: { indices: { terms: { field: '_index' } } },
    })
    expect(aggs.body).toBe(
      '{"aggregations":{"indices":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[' +
        '{"key":"logs-a","doc_count":2},{"key":"logs-b","doc_count":1},{"key":"other","doc_count":1}]}}}',
    )
    const sorted = await node.send('GET', '/logs-*,other/_search?filter_path=hits.hits._id,hits.hits.sort', {
      sort: [{ _index: 'desc' }, { n: 'asc' }],
    })
    expect(sorted.body).toBe(
      '{"hits":{"hits":[{"_id":"4","sort":["other",4]},{"_id":"3","sort":["logs-b",3]},' +
        '{"_id":"1","sort":["logs-a",1]},{"_id":"2","sort":["logs-a",2]}]}}',
    )
  })
})

describe('_routing', () => {
  it('is an indexed keyword of the routed documents', async () => {
    expect(await scored({ exists: { field: '_routing' } })).toEqual(['1:1', '3:1'])
    expect(await scored({ prefix: { _routing: 'r' } })).toEqual(['1:1', '3:1'])
    expect(await scored({ terms: { _routing: ['r2', 'r3'] } })).toEqual(['3:1'])
    expect(await scored({ wildcard: { _routing: '*1' } })).toEqual(['1:1'])
    expect(await scored({ range: { _routing: { gt: 'r1' } } })).toEqual(['3:1'])
    const count = await node.send('GET', '/logs-*/_count', { query: { match: { _routing: 'r1' } } })
    expect(count.body).toBe('{"count":1,"_shards":{"total":2,"successful":2,"skipped":0,"failed":0}}')
  })

  it('has no fielddata', async () => {
    const refusal = {
      type: 'illegal_argument_exception',
      reason: 'Fielddata is not supported on field [_routing] of type [_routing]',
    }
    expect(await shardFailure({ sort: ['_routing'] })).toEqual(refusal)
    expect(await shardFailure({ size: 0, aggs: { r: { terms: { field: '_routing' } } } })).toEqual(refusal)
  })
})
