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

  it('inside bool clauses, counting multi-byte characters in bytes', async () => {
    const fuzzy =
      '{"query":{"bool":{"filter":[{"match_all":{}},{"fuzzy":{"ä":{"value":"x","fuzzyness":1}}}]}}}'
    expect(await error(fuzzy)).toEqual({
      type: 'parsing_exception',
      reason: '[fuzzy] query does not support [fuzzyness]',
      line: 1,
      col: 86,
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
