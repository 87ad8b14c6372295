// `_seq_no` as ES 8.17's SeqNoFieldType makes it searchable: sorted as a long (its doc values), term / terms /
// range / match as LongPoint queries that score their boost and print as Lucene prints them, its value parsing
// errors, the multi-term refusals, aggregations on its doc values, and the same queries resolved on the shard by
// `_explain`, `_count` and `_delete_by_query`. `_primary_term` has no field type: it is an unmapped field.
import { beforeAll, describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

let node: TestNode

/** Sequence numbers: b 1, c 2, a 3 (a was indexed at 0, then replaced). */
beforeAll(async () => {
  node = await startNode()
  await node.send('PUT', '/i', { settings: { number_of_shards: 1 } })
  await node.send(
    'POST',
    '/i/_bulk?refresh=true',
    '{"index":{"_id":"a"}}\n{"n":1}\n{"index":{"_id":"b"}}\n{"n":2}\n{"index":{"_id":"c"}}\n{"n":3}\n' +
      '{"index":{"_id":"a"}}\n{"n":4}\n',
  )
})

async function hits(body: object): Promise<unknown> {
  const response = await node.send(
    'POST',
    '/i/_search?filter_path=hits.hits._id,hits.hits._score,hits.hits.sort',
    body,
  )
  expect(response.status).toBe(200)
  // filter_path leaves no `hits` when nothing matched
  return (JSON.parse(response.body) as { hits?: { hits: unknown } }).hits?.hits ?? []
}

async function explanation(query: object): Promise<string> {
  const response = await node.send('GET', '/i/_validate/query?explain=true', { query })
  return (JSON.parse(response.body) as { explanations: Array<{ explanation: string }> }).explanations[0]!
    .explanation
}

async function failure(
  query: object,
): Promise<{ type: string; reason: string; caused_by?: { type: string } }> {
  const response = await node.send('POST', '/i/_search', { query })
  expect(response.status).toBe(400)
  const body = JSON.parse(response.body) as {
    error: { root_cause: Array<{ type: string; reason: string }>; caused_by?: { type: string } }
  }
  return {
    ...body.error.root_cause[0]!,
    ...(body.error.caused_by ? { caused_by: body.error.caused_by } : {}),
  }
}

describe('_seq_no', () => {
  it('sorts as a long, either way, and aggregates', async () => {
    expect(await hits({ sort: [{ _seq_no: 'desc' }] })).toEqual([
      { _id: 'a', _score: null, sort: [3] },
      { _id: 'c', _score: null, sort: [2] },
      { _id: 'b', _score: null, sort: [1] },
    ])
    expect(await hits({ sort: ['_seq_no'], search_after: [1] })).toEqual([
      { _id: 'c', _score: null, sort: [2] },
      { _id: 'a', _score: null, sort: [3] },
    ])
    const aggs = await node.send('POST', '/i/_search?size=0&filter_path=aggregations', {
      aggs: { max: { max: { field: '_seq_no' } }, min: { min: { field: '_seq_no' } } },
    })
    expect(aggs.body).toBe('{"aggregations":{"max":{"value":3.0},"min":{"value":1.0}}}')
  })

  it('term, terms, match and range match by sequence number and score their boost', async () => {
    expect(await hits({ query: { term: { _seq_no: 1 } } })).toEqual([{ _id: 'b', _score: 1 }])
    expect(await hits({ query: { term: { _seq_no: { value: '2', boost: 2 } } } })).toEqual([
      { _id: 'c', _score: 2 },
    ])
    expect(await hits({ query: { terms: { _seq_no: [0, 3, 1] } } })).toEqual([
      { _id: 'b', _score: 1 },
      { _id: 'a', _score: 1 },
    ])
    expect(await hits({ query: { match: { _seq_no: '3' } } })).toEqual([{ _id: 'a', _score: 1 }])
    expect(await hits({ query: { range: { _seq_no: { gt: 1, lte: 2 } } } })).toEqual([
      { _id: 'c', _score: 1 },
    ])
    expect(await hits({ query: { range: { _seq_no: { lt: 3 } } }, sort: ['_seq_no'] })).toEqual([
      { _id: 'b', _score: null, sort: [1] },
      { _id: 'c', _score: null, sort: [2] },
    ])
  })

  it('prints as LongPoint queries: exact, set, range with exclusive bounds moved, MatchNoDocs past the end', async () => {
    expect(await explanation({ term: { _seq_no: 5 } })).toBe('_seq_no:[5 TO 5]')
    expect(await explanation({ term: { _seq_no: { value: 5, boost: 2 } } })).toBe('(_seq_no:[5 TO 5])^2.0')
    expect(await explanation({ terms: { _seq_no: [3, '1', 3] } })).toBe('_seq_no:{1 3}')
    expect(await explanation({ range: { _seq_no: { gte: 1 } } })).toBe('_seq_no:[1 TO 9223372036854775807]')
    expect(await explanation({ range: { _seq_no: { gt: 1, lt: 5 } } })).toBe('_seq_no:[2 TO 4]')
    expect(await explanation({ range: { _seq_no: { lte: 7 } } })).toBe('_seq_no:[-9223372036854775808 TO 7]')
    expect(await explanation({ range: { _seq_no: { gt: '9223372036854775807' } } })).toBe(
      'MatchNoDocsQuery("")',
    )
  })

  it('refuses values that are not whole longs, and the multi-term queries', async () => {
    expect(await failure({ term: { _seq_no: 1.5 } })).toMatchObject({
      type: 'query_shard_exception',
      reason: 'failed to create query: Value [1.5] has a decimal part',
      caused_by: { type: 'illegal_argument_exception' },
    })
    expect(await failure({ terms: { _seq_no: [1, 'x'] } })).toMatchObject({
      reason: 'failed to create query: For input string: "x"',
      caused_by: { type: 'number_format_exception' },
    })
    expect((await failure({ range: { _seq_no: { gte: 1e19 } } })).reason).toBe(
      'failed to create query: Value [10000000000000000000] is out of range for a long',
    )
    const double = await node.send('POST', '/i/_search', '{"query":{"term":{"_seq_no":1.5e19}}}')
    expect(double.body).toContain('failed to create query: Value [1.5E19] is out of range for a long')
    expect((await failure({ match: { _seq_no: '1.0' } })).reason).toBe(
      'failed to create query: For input string: "1.0"',
    )
    expect(await hits({ query: { match: { _seq_no: { query: 'x', lenient: true } } } })).toEqual([])
    expect(await failure({ prefix: { _seq_no: '1' } })).toMatchObject({
      type: 'query_shard_exception',
      reason:
        'Can only use prefix queries on keyword, text and wildcard fields - not on [_seq_no] which is of type [_seq_no]',
    })
    expect((await failure({ regexp: { _seq_no: '1.*' } })).reason).toBe(
      'Can only use regexp queries on keyword and text fields - not on [_seq_no] which is of type [_seq_no]',
    )
  })

  it('is resolved on the shard by _explain, _count and _delete_by_query', async () => {
    const explained = await node.send('GET', '/i/_explain/b', { query: { term: { _seq_no: 1 } } })
    expect(JSON.parse(explained.body)).toMatchObject({
      matched: true,
      explanation: { value: 1, description: '_seq_no:[1 TO 1]', details: [] },
    })
    const count = await node.send('POST', '/i/_count', { query: { range: { _seq_no: { gte: 2 } } } })
    expect(JSON.parse(count.body)).toMatchObject({ count: 2 })
    const deleted = await node.send('POST', '/i/_delete_by_query?refresh=true&filter_path=deleted', {
      query: { terms: { _seq_no: [1] } },
    })
    expect(deleted.body).toBe('{"deleted":1}')
    expect(await hits({ query: { match_all: {} }, sort: ['_seq_no'] })).toEqual([
      { _id: 'c', _score: null, sort: [2] },
      { _id: 'a', _score: null, sort: [3] },
    ])
  })
})

describe('_primary_term', () => {
  it('has no field type: queries on it match nothing and a sort on it finds no mapping', async () => {
    expect(await hits({ query: { term: { _primary_term: 1 } } })).toEqual([])
    const sorted = await node.send('POST', '/i/_search', { sort: ['_primary_term'] })
    expect(sorted.status).toBe(400)
    expect(sorted.body).toContain('No mapping found for [_primary_term] in order to sort on')
  })
})
