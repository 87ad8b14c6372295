// function_score through the Query DSL: ES 8's FunctionScoreQueryBuilder parsing and its errors (texts from
// FunctionScoreQueryBuilder.fromXContent / parseFiltersAndFunctions, DecayFunctionBuilder.parseVariable,
// FieldValueFactorFunctionBuilder, the enums' valueOf), then end to end through EsNode: a date decay with date
// math and "10d" scales, field_value_factor on a long field, and the explanation of a search's hit.
import { beforeAll, describe, expect, it } from 'vitest'
import type { IndexQuery } from '../../../../engine-wasm/src/index/index.ts'
import { analyzeForIndexing } from '../../../../workers/es/analysis/index.ts'
import { EsException } from '../../../../workers/es/errors/index.ts'
import type { FieldMapping } from '../../../../workers/es/index/mapper/mapping.ts'
import { buildQuery } from '../../../../workers/es/search/query-builder.ts'
import { parseJson } from '../../../../workers/es/xcontent/index.ts'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

const f = Math.fround
const FIELDS = new Map<string, FieldMapping>([
  ['message', { type: 'text' }],
  ['likes', { type: 'long' }],
  ['published', { type: 'date' }],
])
// 2020-01-15T10:30:00Z
const NOW = 1579084200000

function build(query: object): IndexQuery {
  return buildQuery(parseJson(JSON.stringify(query)), {
    fields: FIELDS,
    analyze: analyzeForIndexing,
    nowMillis: NOW,
    index: { name: 'posts', uuid: 'uuid1' },
  })
}

function error(query: object): string {
  try {
    build(query)
  } catch (e) {
    if (!(e instanceof EsException)) throw e
    return `${e.type}: ${e.reason}`
  }
  return 'no error'
}

describe('parsing', () => {
  it('a single function at top level: no filter, score mode first, the boost kept for the query', () => {
    const q = build({
      function_score: { field_value_factor: { field: 'likes', modifier: 'LOG1P' }, boost: 2 },
    })
    expect(q).toMatchObject({
      type: 'functionScore',
      query: { type: 'matchAll', boost: 1 },
      functions: [
        {
          filter: null,
          weight: null,
          fn: { type: 'fieldValueFactor', field: 'likes', modifier: 'log1p', factor: 1, missing: null },
        },
      ],
      scoreMode: 'first',
      boostMode: 'multiply',
      boost: 2,
      minScore: null,
    })
  })

  it('functions: a match_all filter is no filter, weight alone is a weight function, dates in millis', () => {
    const q = build({
      function_score: {
        query: { match: { message: 'fox' } },
        functions: [
          { filter: { match_all: {} }, weight: 2 },
          {
            filter: { match: { message: 'dog' } },
            gauss: { published: { origin: 'now-5d/d', scale: '10d', offset: '1h' } },
          },
        ],
        score_mode: 'sum',
        boost_mode: 'replace',
        max_boost: 10,
        min_score: 0.5,
      },
    })
    expect(q).toMatchObject({
      scoreMode: 'sum',
      boostMode: 'replace',
      maxBoost: 10,
      minScore: 0.5,
      functions: [
        { filter: null, weight: 2, fn: { type: 'weight' } },
        {
          filter: { type: 'term', field: 'message', term: 'dog' },
          weight: null,
          // now-5d rounded down to the day: 2020-01-10T00:00:00Z
          fn: {
            type: 'decay',
            shape: 'gauss',
            origin: Date.UTC(2020, 0, 10),
            scale: 864e6,
            offset: 36e5,
            decay: 0.5,
            mode: 'min',
          },
        },
      ],
    })
  })

  it.each<[string, object, string]>([
    [
      'unknown function',
      { function_score: { functions: [{ foo: {} }] } },
      'named_object_not_found_exception: [1:1] unknown field [foo]',
    ],
    [
      'decay on an unmapped field',
      { function_score: { gauss: { nope: { origin: 0, scale: 1 } } } },
      'parsing_exception: unknown field [nope]',
    ],
    [
      'decay on a text field',
      { function_score: { exp: { message: { origin: 0, scale: 1 } } } },
      'parsing_exception: field [message] is of type [text], but only numeric types are supported.',
    ],
    [
      'numeric decay without origin',
      { function_score: { linear: { likes: { scale: 1 } } } },
      'parse_exception: both [scale] and [origin] must be set for numeric fields.',
    ],
    [
      'decay parameter',
      { function_score: { linear: { likes: { origin: 1, scale: 1, foo: 1 } } } },
      'parse_exception: parameter [foo] not supported!',
    ],
    [
      'scale 0',
      { function_score: { exp: { likes: { origin: 1, scale: 0 } } } },
      'illegal_argument_exception: function_score : scale must be > 0.0.',
    ],
    [
      'decay 1',
      { function_score: { exp: { likes: { origin: 1, scale: 1, decay: 1 } } } },
      'illegal_argument_exception: function_score : decay must be in the range [0..1].',
    ],
    [
      'two single functions',
      { function_score: { weight: 2, field_value_factor: { field: 'likes' } } },
      'parsing_exception: failed to parse [function_score] query. already found function [weight], now encountering [field_value_factor]. use [functions] array if you want to define several functions.',
    ],
    [
      'a single function then functions',
      { function_score: { weight: 2, functions: [{ weight: 3 }] } },
      'parsing_exception: failed to parse [function_score] query. [you can either define [functions] array or a single function, not both. already found [weight], now encountering [functions].]',
    ],
    [
      'an entry without a function',
      { function_score: { functions: [{ filter: { match_all: {} } }] } },
      'parse_exception: failed to parse [function_score] query. an entry in functions list is missing a function.',
    ],
    [
      'score_mode',
      { function_score: { score_mode: 'foo' } },
      'illegal_argument_exception: No enum constant org.elasticsearch.common.lucene.search.function.FunctionScoreQuery.ScoreMode.FOO',
    ],
    [
      'field_value_factor on an unmapped field without missing',
      { function_score: { field_value_factor: { field: 'nope' } } },
      "exception: Unable to find a field mapper for field [nope]. No 'missing' value defined.",
    ],
  ])('%s', (_, query, expected) => {
    expect(error(query)).toBe(expected)
  })
})

describe('end to end', () => {
  let node: TestNode
  beforeAll(async () => {
    node = await startNode()
    await node.send('PUT', '/posts', {
      mappings: {
        properties: { message: { type: 'text' }, likes: { type: 'long' }, published: { type: 'date' } },
      },
    })
    const docs = [
      { message: 'fox one', likes: 10, published: '2024-01-05' },
      { message: 'fox two', likes: 100, published: '2024-01-10' },
      { message: 'fox three', published: '2023-12-31' },
    ]
    for (const [i, doc] of docs.entries()) await node.send('PUT', `/posts/_doc/${i + 1}`, doc)
    await node.send('POST', '/posts/_refresh')
  })

  async function search(
    body: object,
  ): Promise<Array<{ _id: string; _score: number; _explanation?: unknown }>> {
    const response = await node.send('GET', '/posts/_search', body)
    expect(response.status).toBe(200)
    return (JSON.parse(response.body) as { hits: { hits: Array<{ _id: string; _score: number }> } }).hits.hits
  }

  it('gauss on a date: origin 2024-01-10, scale 10d: 0.5^((days/10)^2)', async () => {
    const hits = await search({
      query: {
        function_score: {
          gauss: { published: { origin: '2024-01-10', scale: '10d' } },
          boost_mode: 'replace',
        },
      },
    })
    const day = 864e5
    const s = (0.5 * (10 * day) ** 2) / Math.log(0.5)
    const g = (days: number): number => f(Math.exp((0.5 * (days * day) ** 2) / s))
    expect(hits.map((h) => [h._id, f(h._score)])).toEqual([
      ['2', 1],
      ['1', g(5)],
      ['3', g(10)],
    ])
    expect(g(10)).toBe(0.5)
  })

  it('field_value_factor ln2p with missing 0, sum with the query score of match_all (1)', async () => {
    const hits = await search({
      query: {
        function_score: {
          field_value_factor: { field: 'likes', modifier: 'ln2p', missing: 0 },
          boost_mode: 'sum',
        },
      },
    })
    expect(hits.map((h) => [h._id, f(h._score)])).toEqual([
      ['2', f(1 + Math.log1p(101))],
      ['1', f(1 + Math.log1p(11))],
      ['3', f(1 + Math.log1p(1))],
    ])
  })

  it('explains a hit: the query, "min of:" the function and maxBoost', async () => {
    const [hit] = await search({
      explain: true,
      // Document 3 has no likes: without `missing` the search fails (function-score-errors.test.ts).
      query: { function_score: { field_value_factor: { field: 'likes', factor: 2, missing: 1 } } },
      size: 1,
    })
    expect(hit?._explanation).toEqual({
      value: 200,
      description: 'function score, product of:',
      details: [
        { value: 1, description: '*:*', details: [] },
        {
          value: 200,
          description: 'min of:',
          details: [
            {
              value: 200,
              description: "field value function: none(doc['likes'].value?:1.0 * factor=2.0)",
              details: [],
            },
            { value: 3.4028235e38, description: 'maxBoost', details: [] },
          ],
        },
      ],
    })
  })
})
