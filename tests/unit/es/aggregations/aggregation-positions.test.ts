// The `[line:col]` of aggregation parse errors, as XContentParser.getTokenLocation gives them in ES 8.17: ObjectParser
// reports an unknown key at its name and a refused value at the value; AggregatorFactories.parseAggregators an
// invalid name at the name, a definition or type at its value, an unknown type at its object (its
// named_object_not_found_exception at the same place), a missing type at the definition's closing brace.
import { beforeAll, describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

let node: TestNode

beforeAll(async () => {
  node = await startNode()
  await node.send('PUT', '/idx', { mappings: { properties: { n: { type: 'long' } } } })
})

async function error(aggs: string): Promise<{ type: string; reason: string; line?: number; col?: number }> {
  const response = await node.send('POST', '/idx/_search', `{\n  "size": 0,\n  "aggs": {\n${aggs}\n  }\n}`)
  expect(response.status).toBe(400)
  const body = JSON.parse(response.body) as {
    error: { type: string; reason: string; line?: number; col?: number; caused_by?: { reason: string } }
  }
  const { type, reason, line, col, caused_by } = body.error
  return {
    type,
    reason,
    ...(line !== undefined ? { line, col } : {}),
    ...(caused_by ? { cause: caused_by.reason } : {}),
  }
}

describe('aggregation parse error locations', () => {
  it('ObjectParser: an unknown key at its name, a refused value at the value', async () => {
    expect(await error('    "t": { "terms": { "field": "n", "size": 0 } }')).toEqual({
      type: 'x_content_parse_exception',
      reason: '[4:45] [terms] failed to parse field [size]',
      cause: '[size] must be greater than 0. Found [0] in [t]',
    })
    expect(await error('    "t": {\n      "terms": {\n        "fieldx": "n"\n      }\n    }')).toEqual({
      type: 'x_content_parse_exception',
      reason: '[6:9] [terms] unknown field [fieldx] did you mean [field]?',
    })
    expect(await error('    "t": { "avg": { "field": ["n"] } }')).toEqual({
      type: 'x_content_parse_exception',
      reason: "[4:30] [avg] field doesn't support values of type: START_ARRAY",
    })
  })

  it('AggregatorFactories: names, definitions and types', async () => {
    expect(await error('    "a>b": { "avg": { "field": "n" } }')).toEqual({
      type: 'parsing_exception',
      reason:
        "Invalid aggregation name [a>b]. Aggregation names can contain any character except '[', ']', and '>'",
      line: 4,
      col: 5,
    })
    expect(await error('    "t": 1')).toEqual({
      type: 'parsing_exception',
      reason: 'Aggregation definition for [t starts with a [VALUE_NUMBER], expected a [START_OBJECT].',
      line: 4,
      col: 10,
    })
    expect(await error('    "t": { "nope": { "field": "n" } }')).toEqual({
      type: 'parsing_exception',
      reason: 'Unknown aggregation type [nope]',
      line: 4,
      col: 20,
      cause: '[4:20] unknown field [nope]',
    })
    expect(await error('    "t": { "avg": { "field": "n" }, "max": { "field": "n" } }')).toEqual({
      type: 'parsing_exception',
      reason: 'Found two aggregation type definitions in [t]: [avg] and [max]',
      line: 4,
      col: 44,
    })
    expect(await error('    "t": { "avg": "n" }')).toEqual({
      type: 'parsing_exception',
      reason: 'Expected [START_OBJECT] under [avg], but got a [VALUE_STRING] in [t]',
      line: 4,
      col: 19,
    })
    expect(await error('    "t": {\n      "meta": {}\n    }')).toEqual({
      type: 'parsing_exception',
      reason: 'Missing definition for aggregation [t]',
      line: 6,
      col: 5,
    })
  })
})
