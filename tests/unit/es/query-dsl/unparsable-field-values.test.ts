// Text that a numeric, date or ip field cannot parse, in query_string, simple_query_string and match, as ES 8.17
// answers it: the field type's termQuery / rangeQuery fails the shard (SearchExecutionContext.toQuery's
// query_shard_exception "failed to create query: ...", caused by the number_format_exception, the date parser's
// parse_exception or the address's illegal_argument_exception) unless the query is lenient, when that field matches
// nothing. query_string and simple_query_string are lenient by themselves over `*` (QueryStringQueryBuilder and
// SimpleQueryStringBuilder.doToQuery), and query_string's lenience covers its ranges (getRangeQuerySingle).
import { beforeAll, describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

let node: TestNode

beforeAll(async () => {
  node = await startNode()
  const properties = { n: { type: 'long' }, at: { type: 'date' }, ip: { type: 'ip' }, k: { type: 'keyword' } }
  await node.send('PUT', '/logs', { mappings: { properties } })
  await node.send('PUT', '/logs/_doc/1?refresh=true', { n: 1, at: '2020-01-01', ip: '10.0.0.1', k: 'abc' })
})

async function ids(query: object): Promise<string[]> {
  const response = await node.send('POST', '/logs/_search', { query, _source: false })
  expect(response.status).toBe(200)
  return (JSON.parse(response.body) as { hits: { hits: Array<{ _id: string }> } }).hits.hits.map((h) => h._id)
}

/** The shard failure's reason and the root cause, the index's uuid and the node's id left out. */
async function shardFailure(query: object): Promise<{ root: unknown; reason: unknown }> {
  const response = await node.send('POST', '/logs/_search', { query })
  expect(response.status).toBe(400)
  const body = JSON.parse(response.body.replace(/"index_uuid":"[^"]+",/g, '')) as {
    error: { root_cause: unknown[]; failed_shards: Array<{ reason: unknown }> }
  }
  return { root: body.error.root_cause[0], reason: body.error.failed_shards[0]!.reason }
}

const FORMAT = 'strict_date_optional_time||epoch_millis'
const dateFailure = (text: string): { root: unknown; reason: unknown } => {
  const reason = `failed to parse date field [${text}] with format [${FORMAT}]: [failed to parse date field [${text}] with format [${FORMAT}]]`
  const cause = { type: 'parse_exception', reason }
  return {
    root: cause,
    reason: {
      type: 'query_shard_exception',
      reason: `failed to create query: ${reason}`,
      index: 'logs',
      caused_by: {
        ...cause,
        caused_by: {
          type: 'illegal_argument_exception',
          reason: `failed to parse date field [${text}] with format [${FORMAT}]`,
          caused_by: {
            type: 'date_time_parse_exception',
            reason: 'Failed to parse with all enclosed parsers',
          },
        },
      },
    },
  }
}

describe('query_string', () => {
  it('a date that does not parse fails as match fails, unless lenient', async () => {
    const expected = dateFailure('abc')
    expect(await shardFailure({ query_string: { query: 'at:abc', default_field: 'k' } })).toEqual(expected)
    expect(await shardFailure({ match: { at: 'abc' } })).toEqual(expected)
    expect(await shardFailure({ query_string: { query: 'at:[abc TO *]', default_field: 'k' } })).toEqual(
      expected,
    )
    expect(await shardFailure({ query_string: { query: 'at:2020-13-01', default_field: 'k' } })).toEqual(
      dateFailure('2020-13-01'),
    )
    expect(
      await ids({ query_string: { query: 'at:abc OR k:abc', default_field: 'k', lenient: true } }),
    ).toEqual(['1'])
  })

  it('over every field (no default_field, or `*`) it is lenient unless told otherwise', async () => {
    expect(await ids({ query_string: { query: 'at:2020-13-01 OR abc' } })).toEqual(['1'])
    expect(await ids({ query_string: { query: 'ip:[abc TO *] OR abc', fields: ['*'] } })).toEqual(['1'])
    expect(await ids({ query_string: { query: 'n:abc OR at:abc OR ip:abc' } })).toEqual([])
    expect(await shardFailure({ query_string: { query: 'ip:[abc TO *]', lenient: false } })).toEqual({
      root: {
        type: 'query_shard_exception',
        reason: "failed to create query: 'abc' is not an IP string literal.",
        index: 'logs',
      },
      reason: {
        type: 'query_shard_exception',
        reason: "failed to create query: 'abc' is not an IP string literal.",
        index: 'logs',
        caused_by: { type: 'illegal_argument_exception', reason: "'abc' is not an IP string literal." },
      },
    })
  })
})

describe('simple_query_string', () => {
  const numberFailure = {
    root: {
      type: 'query_shard_exception',
      reason: 'failed to create query: For input string: "abc"',
      index: 'logs',
    },
    reason: {
      type: 'query_shard_exception',
      reason: 'failed to create query: For input string: "abc"',
      index: 'logs',
      caused_by: { type: 'number_format_exception', reason: 'For input string: "abc"' },
    },
  }

  it('over every field it is lenient: the numeric, date and ip fields match nothing', async () => {
    expect(await ids({ simple_query_string: { query: 'abc' } })).toEqual(['1'])
    expect(await ids({ simple_query_string: { query: '"abc"', fields: ['*'] } })).toEqual(['1'])
    expect(await shardFailure({ simple_query_string: { query: 'abc', lenient: false } })).toEqual(
      numberFailure,
    )
  })

  it('named fields are strict unless lenient', async () => {
    expect(await shardFailure({ simple_query_string: { query: 'abc', fields: ['n', 'k'] } })).toEqual(
      numberFailure,
    )
    expect(await shardFailure({ simple_query_string: { query: 'abc', fields: ['at'] } })).toEqual(
      dateFailure('abc'),
    )
    expect(
      await ids({ simple_query_string: { query: 'abc', fields: ['n', 'at', 'ip', 'k'], lenient: true } }),
    ).toEqual(['1'])
  })
})
