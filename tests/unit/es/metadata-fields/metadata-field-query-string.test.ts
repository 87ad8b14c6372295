// query_string, simple_query_string and URI search `q=` on the metadata fields `_id`, `_index` and `_routing`, as
// Elasticsearch 8.17's QueryStringQueryParser and SimpleQueryStringQueryParser build them: by asking each field's
// MappedFieldType (IdFieldType's TermInSetQuery, IndexFieldType's index-expression match, RoutingFieldType's keyword
// term), with the field types' refusals (`lenient` makes them match nothing). Field expansion follows
// QueryParserHelper.resolveMappingField: a name given outright may be a metadata field; `*`, and any pattern in the
// query text, skip every field whose name starts with `_`; a pattern in `fields` reaches the metadata fields.
// Explanations of `_id` queries print Lucene's TermInSetQuery over the Uid-encoded ids.
import { beforeAll, describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

let node: TestNode

beforeAll(async () => {
  node = await startNode()
  await node.send('PUT', '/logs-a', { aliases: { logs: {} } })
  await node.send('PUT', '/logs-b')
  await node.send('PUT', '/logs-a/_doc/1?routing=r1', { title: 'one' })
  await node.send('PUT', '/logs-a/_doc/2', { title: '1' })
  await node.send('PUT', '/logs-b/_doc/3?routing=r2', { _x: '1' })
  await node.send('POST', '/_refresh')
}, 60_000)

/** The hits of a search on both indices, as `id:score`. */
async function scored(params: string, query?: object): Promise<string[]> {
  const path = `/logs-*/_search?filter_path=hits.hits._id,hits.hits._score${params}`
  const response = await node.send('GET', path, query === undefined ? undefined : { query })
  expect(response.status).toBe(200)
  const body = JSON.parse(response.body) as { hits?: { hits: { _id: string; _score: number }[] } }
  return (body.hits?.hits ?? []).map((hit) => `${hit._id}:${hit._score}`)
}

/** The root cause of a search every shard fails. */
async function rootCause(query: object): Promise<unknown> {
  const response = await node.send('GET', '/logs-a/_search', { query })
  expect(response.status).toBe(400)
  const { error } = JSON.parse(response.body) as { error: { root_cause: Record<string, unknown>[] } }
  const { type, reason } = error.root_cause[0]!
  return { type, reason }
}

describe('URI search q=', () => {
  it('finds a document by _id, _index (an alias, a prefix) and _routing', async () => {
    expect(await scored('&q=_id:1')).toEqual(['1:1'])
    expect(await scored('&q=_id:"3"^2')).toEqual(['3:2'])
    expect(await scored('&q=_index:logs')).toEqual(['1:1', '2:1'])
    expect(await scored('&q=_index:logs-b*')).toEqual(['3:1'])
    expect(await scored('&q=_index:other')).toEqual([])
    expect(await scored('&q=_routing:r1')).toEqual(['1:0.2876821'])
    expect(await scored('&q=_exists_:_id')).toEqual(['1:1', '2:1', '3:1'])
  })

  it('the default field * skips every field whose name starts with _, as a pattern in the query does', async () => {
    // `_x` is a mapped field of logs-b: `*` and `_\*` leave it out, naming it finds it
    expect(await scored('&q=1')).toEqual(['2:0.6931471'])
    expect(await scored('&q=_\\*:1')).toEqual([])
    expect(await scored('&q=_x:1')).toEqual(['3:0.2876821'])
  })

  it('a prefix on _id matches nothing under the lenient default field, and fails without lenient', async () => {
    expect(await scored('&q=_id:1*')).toEqual([])
    expect(await scored('&q=_id:1*&lenient=false').catch(() => 'failed')).toBe('failed')
  })
})

describe('query_string', () => {
  it('refuses prefix, wildcard, regexp, fuzzy and range on _id with the field type texts', async () => {
    const refusal = (kind: string, types: string) =>
      `Can only use ${kind} queries on ${types} fields - not on [_id] which is of type [_id]`
    const options = { default_field: 'title' }
    expect(await rootCause({ query_string: { query: '_id:1*', ...options } })).toEqual({
      type: 'query_shard_exception',
      reason: refusal('prefix', 'keyword, text and wildcard'),
    })
    expect(await rootCause({ query_string: { query: '_id:1?', ...options } })).toEqual({
      type: 'query_shard_exception',
      reason: refusal('wildcard', 'keyword, text and wildcard'),
    })
    expect(await rootCause({ query_string: { query: '_id:/1/', ...options } })).toEqual({
      type: 'query_shard_exception',
      reason: refusal('regexp', 'keyword and text'),
    })
    expect(await rootCause({ query_string: { query: '_id:1~', ...options } })).toEqual({
      type: 'query_shard_exception',
      reason: `failed to create query: ${refusal('fuzzy', 'keyword and text')}`,
    })
    expect(await rootCause({ query_string: { query: '_id:[1 TO 2]', ...options } })).toEqual({
      type: 'query_shard_exception',
      reason: 'failed to create query: Field [_id] of type [_id] does not support range queries',
    })
    expect(await rootCause({ query_string: { query: '_index:/logs.*/', ...options } })).toEqual({
      type: 'query_shard_exception',
      reason:
        'Can only use regexp queries on keyword and text fields - not on [_index] which is of type [_index]',
    })
  })

  it('reaches the metadata fields named in fields, and through a pattern there', async () => {
    expect(await scored('', { query_string: { query: '1', fields: ['_id', 'title'] } })).toEqual([
      '1:1',
      '2:0.6931471',
    ])
    // `_*` in `fields` expands to the metadata fields and to `_x`
    expect(await scored('', { query_string: { query: '1', fields: ['_*'] } })).toEqual(['1:1', '3:0.2876821'])
    expect(await scored('', { query_string: { query: '_index:logs-a AND title:one' } })).toEqual([
      '1:1.6931472',
    ])
    expect(await scored('', { query_string: { query: 'logs-b*', default_field: '_index' } })).toEqual(['3:1'])
  })
})

describe('simple_query_string', () => {
  it('searches _id and _index named in fields', async () => {
    expect(await scored('', { simple_query_string: { query: '3', fields: ['_id', 'title'] } })).toEqual([
      '3:1',
    ])
    expect(await scored('', { simple_query_string: { query: 'logs-a*', fields: ['_index'] } })).toEqual([
      '1:1',
      '2:1',
    ])
    expect(await scored('', { simple_query_string: { query: 'r*', fields: ['_routing'] } })).toEqual([
      '1:1',
      '3:1',
    ])
  })

  it('refuses a prefix on _id unless lenient', async () => {
    expect(await rootCause({ simple_query_string: { query: '1*', fields: ['_id'] } })).toEqual({
      type: 'query_shard_exception',
      reason:
        'Can only use prefix queries on keyword, text and wildcard fields - not on [_id] which is of type [_id]',
    })
    expect(
      await scored('', { simple_query_string: { query: '1*', fields: ['_id'], lenient: true } }),
    ).toEqual([])
  })
})

describe('explain of _id queries', () => {
  /** The explanation of document 1 of logs-a. */
  async function explanation(body: object, params = ''): Promise<string> {
    const response = await node.send('GET', `/logs-a/_explain/1${params}`, body)
    expect(response.status).toBe(200)
    return response.body.slice(response.body.indexOf('"explanation":') + '"explanation":'.length, -1)
  }

  it('prints the TermInSetQuery of the Uid-encoded ids, sorted and unique', async () => {
    expect(await explanation({ query: { term: { _id: { value: '1', boost: 2 } } } })).toBe(
      '{"value":2.0,"description":"_id:([fe 1f])^2.0","details":[]}',
    )
    // numeric ids pack two digits a byte; "abc" is base64 (69 b7); "a b" is UTF-8 after 0xff; "_w" decodes to 0xff,
    // so it gets the 0xfd escape
    expect(
      await explanation({ query: { ids: { values: ['2', '1', 'abc', 'a b', '1', '_w', '123'] } } }),
    ).toBe(
      '{"value":1.0,"description":"_id:([69 b7] [fd ff] [fe 12 3f] [fe 1f] [fe 2f] [ff 61 20 62])","details":[]}',
    )
    expect(await explanation(undefined as unknown as object, '?q=_id:1')).toBe(
      '{"value":1.0,"description":"_id:([fe 1f])","details":[]}',
    )
  })
})
