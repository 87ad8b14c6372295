// The `[line:col]` of Query DSL parse errors, as XContentParser.getTokenLocation gives them in ES 8.17 (1-based lines
// with CRLF one break, columns in UTF-8 bytes): parseInnerQueryBuilder reports a second query name at its name, a
// name without an object and an unknown name at the value (the unknown one's named_object_not_found_exception at
// the same place); the fromXContent loops report an unsupported parameter or a second field at its value and a
// missing one at the closing brace; ObjectParser queries (bool, ids) an unknown key at its name;
// SearchSourceBuilder an unknown key at its value. Expected positions were counted independently of the parser.
import { beforeAll, describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

let node: TestNode

beforeAll(async () => {
  node = await startNode()
  await node.send('PUT', '/t', { mappings: { properties: { title: { type: 'text' } } } })
})

async function failure(body: string): Promise<unknown> {
  const response = await node.send('POST', '/t/_search', body)
  expect(response.status).toBe(400)
  return JSON.parse(response.body)
}

/** The error's type, reason, position and cause's reason. */
async function error(body: string): Promise<{ type: string; reason: string; line?: number; col?: number }> {
  const { error } = (await failure(body)) as {
    error: { type: string; reason: string; line?: number; col?: number; caused_by?: { reason: string } }
  }
  const { type, reason, line, col, caused_by } = error
  return {
    type,
    reason,
    ...(line !== undefined ? { line, col } : {}),
    ...(caused_by ? { cause: caused_by.reason } : {}),
  }
}

describe('Query DSL parse error locations', () => {
  it('an unsupported parameter at its value, in the whole error body', async () => {
    const body = '{\n  "query": {\n    "match": { "title": { "quer": "x" } }\n  }\n}'
    const error = {
      type: 'parsing_exception',
      reason: '[match] query does not support [quer]',
      line: 3,
      col: 35,
    }
    expect(await failure(body)).toEqual({ error: { root_cause: [error], ...error }, status: 400 })
  })

  it('an unknown query at its object (CRLF line breaks), its cause at the same place', async () => {
    const body = '{\r\n  "query": {\r\n    "nomatch": {\r\n      "title": "x"\r\n    }\r\n  }\r\n}'
    expect(await failure(body)).toEqual({
      error: {
        root_cause: [
          {
            type: 'parsing_exception',
            reason: 'unknown query [nomatch] did you mean [match]?',
            line: 3,
            col: 16,
          },
        ],
        type: 'parsing_exception',
        reason: 'unknown query [nomatch] did you mean [match]?',
        line: 3,
        col: 16,
        caused_by: { type: 'named_object_not_found_exception', reason: '[3:16] unknown field [nomatch]' },
      },
      status: 400,
    })
    expect(await error('{"query":{"matchy":{}}}')).toEqual({
      type: 'parsing_exception',
      reason: 'unknown query [matchy] did you mean any of [match, match_all]?',
      line: 1,
      col: 20,
      cause: '[1:20] unknown field [matchy]',
    })
  })

  it('parseInnerQueryBuilder: a second name at its name, a name without an object at the value', async () => {
    expect(await error('{\n  "query": {\n    "match_all": {},\n    "term": { "a": "b" }\n  }\n}')).toEqual({
      type: 'parsing_exception',
      reason: '[match_all] malformed query, expected [END_OBJECT] but found [FIELD_NAME]',
      line: 4,
      col: 5,
    })
    expect(await error('{\n  "query": {\n    "match": "fox"\n  }\n}')).toEqual({
      type: 'parsing_exception',
      reason: '[match] query malformed, no start_object after query name',
      line: 3,
      col: 14,
    })
  })

  it('fromXContent loops: second fields and refused values at the value, a missing field at the brace', async () => {
    expect(await error('{"query":{"match":{"a":"x","b":"y"}}}')).toEqual({
      type: 'parsing_exception',
      reason: "[match] query doesn't support multiple fields, found [a] and [b]",
      line: 1,
      col: 32,
    })
    expect(await error('{"query":{"terms":{"tags":["a"],"ids":["b"]}}}')).toEqual({
      type: 'parsing_exception',
      reason: '[terms] query does not support multiple fields',
      line: 1,
      col: 39,
    })
    expect(await error('{"query":{"range":{"age":5}}}')).toEqual({
      type: 'parsing_exception',
      reason: '[range] query does not support [age]',
      line: 1,
      col: 26,
    })
    expect(await error('{"query":{"multi_match":{"query":"x","field":["a"]}}}')).toEqual({
      type: 'parsing_exception',
      reason: '[multi_match] query does not support [field]',
      line: 1,
      col: 46,
    })
    expect(await error('{"query":{\n  "exists": {\n    "boost": 2\n  }\n}}')).toEqual({
      type: 'parsing_exception',
      reason: '[exists] must be provided with a [field]',
      line: 4,
      col: 3,
    })
  })

  it("inside bool clauses, counting multi-byte characters in bytes, wrapped by bool's ObjectParser", async () => {
    const fuzzy =
      '{"query":{"bool":{"filter":[{"match_all":{}},{"fuzzy":{"ä":{"value":"x","fuzzyness":1}}}]}}}'
    const cause = {
      type: 'parsing_exception',
      reason: '[fuzzy] query does not support [fuzzyness]',
      line: 1,
      col: 86,
    }
    // ObjectParser.parseValue: an XContentParseException where the parser stands, whose root cause is the
    // ParsingException below it (ElasticsearchException.guessRootCauses)
    expect(await failure(fuzzy)).toEqual({
      error: {
        root_cause: [cause],
        type: 'x_content_parse_exception',
        reason: '[1:86] [bool] failed to parse field [filter]',
        caused_by: cause,
      },
      status: 400,
    })
  })

  it('ObjectParser queries: an unknown key at its name', async () => {
    expect(await error('{"query":{"bool":{"must":[{"term":{"tïtle":"é"}}],"shuld":[]}}}')).toEqual({
      type: 'x_content_parse_exception',
      reason: '[1:53] [bool] unknown field [shuld] did you mean [should]?',
    })
    expect(await error('{"query":{"ids":{"value":["1"]}}}')).toEqual({
      type: 'x_content_parse_exception',
      reason: '[1:18] [ids] unknown field [value] did you mean [values]?',
    })
  })

  it('a query-only request refuses another key at its name', async () => {
    const count = await node.send('POST', '/t/_count', '{"query":{"match_all":{}},\n "size": 1}')
    expect(JSON.parse(count.body)).toEqual({
      error: {
        root_cause: [
          { type: 'parsing_exception', reason: 'request does not support [size]', line: 2, col: 2 },
        ],
        type: 'parsing_exception',
        reason: 'request does not support [size]',
        line: 2,
        col: 2,
      },
      status: 400,
    })
    const explain = await node.send('POST', '/t/_explain/1', '{"query":{"match_all":{}},"explain":true}')
    expect(JSON.parse(explain.body)).toMatchObject({
      error: { type: 'parsing_exception', reason: 'request does not support [explain]', line: 1, col: 27 },
    })
  })

  it("SearchSourceBuilder's unknown key at its value", async () => {
    const byQuery = await node.send(
      'POST',
      '/t/_delete_by_query',
      '{"query":{"match_all":{}},\n  "sizee": {}}',
    )
    expect(JSON.parse(byQuery.body)).toMatchObject({
      error: {
        type: 'parsing_exception',
        reason: 'Unknown key for a START_OBJECT in [sizee].',
        line: 2,
        col: 12,
      },
    })

    expect(await error('{\n  "query": { "match_all": {} },\n  "sizee": {}\n}')).toEqual({
      type: 'parsing_exception',
      reason: 'Unknown key for a START_OBJECT in [sizee].',
      line: 3,
      col: 12,
    })
  })
})

// AbstractQueryBuilder.parseInnerQueryBuilder: `{}` as a query clause is an IllegalArgumentException naming the
// clause's closing brace, where the parser stands after START_OBJECT. Responses quoted from ES 8 clusters show
// `{"query":{}}` at [1:11], a filter aggregation's `{"filter":{}}` at [1:25] and bool's ObjectParser wrapping it as
// `[1:27] [bool] failed to parse field [must]` at the same place; RestActions.getQueryContent (_count, _explain,
// _validate/query) rethrows it as ParsingException `Failed to parse` there.
describe('empty query clauses', () => {
  const emptyClause = (line: number, col: number) => ({
    type: 'illegal_argument_exception',
    reason: `query malformed, empty clause found at [${line}:${col}]`,
  })

  it('_search and _delete_by_query refuse {} as the query, at its closing brace', async () => {
    const error = emptyClause(1, 11)
    expect(await failure('{"query":{}}')).toEqual({ error: { root_cause: [error], ...error }, status: 400 })
    expect(await failure('{\n  "post_filter": {\n  }\n}')).toMatchObject({ error: emptyClause(3, 3) })
    const byQuery = await node.send('POST', '/t/_delete_by_query', '{"query":{}}')
    expect(byQuery.status).toBe(400)
    expect(JSON.parse(byQuery.body)).toMatchObject({ error: error })
  })

  it('inside compound queries; bool wraps it naming its clause list', async () => {
    const wrapped = (col: number, field: string) => ({
      error: {
        root_cause: [
          { type: 'x_content_parse_exception', reason: `[1:${col}] [bool] failed to parse field [${field}]` },
        ],
        type: 'x_content_parse_exception',
        reason: `[1:${col}] [bool] failed to parse field [${field}]`,
        caused_by: emptyClause(1, col),
      },
      status: 400,
    })
    expect(await failure('{"query":{"bool":{"must":[{}]}}}')).toEqual(wrapped(28, 'must'))
    expect(await failure('{"query":{"bool":{"must_not":{}}}}')).toEqual(wrapped(31, 'must_not'))
    expect(await failure('{"query":{"constant_score":{"filter":{\n}}}}')).toMatchObject({
      error: emptyClause(2, 1),
    })
    expect(await failure('{"query":{"dis_max":{"queries":[{"match_all":{}},{}]}}}')).toMatchObject({
      error: emptyClause(1, 51),
    })
  })

  it('_count and _explain say Failed to parse at the same place, _validate/query answers invalid', async () => {
    const count = await node.send('POST', '/t/_count', '{"query":{}}')
    expect(count.status).toBe(400)
    const failed = { type: 'parsing_exception', reason: 'Failed to parse', line: 1, col: 11 }
    expect(JSON.parse(count.body)).toEqual({
      error: { root_cause: [failed], ...failed, caused_by: emptyClause(1, 11) },
      status: 400,
    })
    const explain = await node.send('POST', '/t/_explain/1', '{"query":{"bool":{"filter":{}}}}')
    expect(JSON.parse(explain.body)).toMatchObject({
      error: {
        type: 'parsing_exception',
        reason: 'Failed to parse',
        line: 1,
        col: 29,
        caused_by: {
          type: 'x_content_parse_exception',
          reason: '[1:29] [bool] failed to parse field [filter]',
        },
      },
    })
    const validate = await node.send('POST', '/t/_validate/query', '{"query":{}}')
    expect(JSON.parse(validate.body)).toEqual({ valid: false })
  })

  it('a request without a query still matches every document', async () => {
    const count = await node.send('POST', '/t/_count', '{}')
    expect(JSON.parse(count.body)).toMatchObject({ count: 0 })
    const search = await node.send('GET', '/t/_search')
    expect(search.status).toBe(200)
    expect(JSON.parse((await node.send('POST', '/t/_search', '{"size":0}')).body)).toMatchObject({
      hits: { hits: [] },
    })
  })
})

// The fromXContent checks made after their loop throw where the parser then stands, the query's closing brace
// (ConstantScoreQueryBuilder, DisMaxQueryBuilder, BoostingQueryBuilder, MatchQueryBuilder, MultiMatchQueryBuilder,
// QueryStringQueryBuilder, TermsQueryBuilder, ScriptQueryBuilder); match_phrase and nested leave theirs to their
// constructors, IllegalArgumentExceptions without a position.
describe('required parts of a query, checked after it is read', () => {
  const atEnd = (reason: string, line: number, col: number) => ({
    type: 'parsing_exception',
    reason,
    line,
    col,
  })

  it('compound queries at their closing brace', async () => {
    expect(await error('{"query":{"constant_score":{\n "boost": 2\n }}}')).toEqual(
      atEnd("[constant_score] requires a 'filter' element", 3, 2),
    )
    expect(await error('{"query":{"dis_max":{"tie_breaker":0.5}}}')).toEqual(
      atEnd("[dis_max] requires 'queries' field with at least one clause", 1, 39),
    )
    expect(await error('{"query":{"boosting":{"negative":{"match_all":{}},"negative_boost":0.5}}}')).toEqual(
      atEnd("[boosting] query requires 'positive' query to be set'", 1, 71),
    )
    expect(await error('{"query":{"boosting":{"positive":{"match_all":{}}}}}')).toEqual(
      atEnd("[boosting] query requires 'negative' query to be set'", 1, 50),
    )
  })

  it('full text, terms and script queries at their closing brace', async () => {
    expect(await error('{"query":{"match":{"title":{"operator":"and"}}}}')).toEqual(
      atEnd('No text specified for text query', 1, 46),
    )
    expect(await error('{"query":{"multi_match":{"fields":["title"]}}}')).toEqual(
      atEnd('No text specified for multi_match query', 1, 44),
    )
    expect(await error('{"query":{"query_string":{}}}')).toEqual(
      atEnd('[query_string] must be provided with a [query]', 1, 27),
    )
    expect(await error('{"query":{"terms":{"boost":1}}}')).toEqual(
      atEnd(
        '[terms] query requires a field name, followed by array of terms or a document lookup specification',
        1,
        29,
      ),
    )
    expect(await error('{"query":{"script":{}}}')).toEqual(
      atEnd('script must be provided with a [script] query', 1, 21),
    )
  })

  it("the constructors' refusals: match_phrase's text, nested's path then query", async () => {
    expect(await error('{"query":{"match_phrase":{"title":{"slop":1}}}}')).toEqual({
      type: 'illegal_argument_exception',
      reason: '[match_phrase] requires query value',
    })
    expect(await error('{"query":{"nested":{"query":{"match_all":{}}}}}')).toEqual({
      type: 'illegal_argument_exception',
      reason: "[nested] requires 'path' field",
    })
    expect(await error('{"query":{"nested":{"path":"p"}}}')).toEqual({
      type: 'illegal_argument_exception',
      reason: "[nested] requires 'query' field",
    })
  })
})
