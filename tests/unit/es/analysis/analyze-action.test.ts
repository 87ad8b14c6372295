// The _analyze REST action (RestAnalyzeAction / TransportAnalyzeAction / AnalyzeAction of ES 8) through a
// RestController built as EsNode builds it: the reference page "Analyze API" examples, array values
// (position_increment_gap 100, offset gap 1), explain's detail form, fields, normalizers, and the
// request validation and lookup errors with ES's exact bodies.
import { beforeAll, describe, expect, it } from 'vitest'
import type { HttpMethod } from '../../../../workers/protocol/es.ts'
import { sendJson, startNode, type TestNode } from '../node/es-node-fixture.ts'
import { errorBody, indexNotFoundBody } from '../cluster-admin/cluster-admin-fixture.ts'

let node: TestNode

beforeAll(async () => {
  node = await startNode()
  const created = await node.send('PUT', '/idx', {
    settings: {
      number_of_shards: 1,
      number_of_replicas: 0,
      analysis: {
        analyzer: {
          my_analyzer: { tokenizer: 'whitespace', filter: ['uppercase'], position_increment_gap: 10 },
        },
        normalizer: { lower: { filter: ['lowercase'] } },
      },
    },
    mappings: {
      properties: {
        title: { type: 'text', analyzer: 'my_analyzer' },
        body: { type: 'text' },
        tag: { type: 'keyword' },
        count: { type: 'long' },
      },
    },
  })
  if (created.status !== 200) throw new Error(created.body)
})

function send(
  method: HttpMethod,
  path: string,
  body?: object | string,
): Promise<{ status: number; body: unknown }> {
  return sendJson(node, method, path, body)
}

const error = (type: string, reason: string, status = 400) => errorBody(type, reason, status)

describe('_analyze responses', () => {
  it('reference example: the standard analyzer', async () => {
    expect(await send('GET', '/_analyze', { analyzer: 'standard', text: 'Quick Brown Foxes!' })).toEqual({
      status: 200,
      body: {
        tokens: [
          { token: 'quick', start_offset: 0, end_offset: 5, type: '<ALPHANUM>', position: 0 },
          { token: 'brown', start_offset: 6, end_offset: 11, type: '<ALPHANUM>', position: 1 },
          { token: 'foxes', start_offset: 12, end_offset: 17, type: '<ALPHANUM>', position: 2 },
        ],
      },
    })
  })

  it('an array of texts continues positions after a gap of 100 and offsets after a gap of 1', async () => {
    const response = await send('POST', '/_analyze', {
      analyzer: 'standard',
      text: ['this is a test', 'the second text'],
    })
    const tokens = (
      response.body as { tokens: Array<{ token: string; start_offset: number; position: number }> }
    ).tokens
    expect(tokens.map((t) => [t.token, t.start_offset, t.position])).toEqual([
      ['this', 0, 0],
      ['is', 5, 1],
      ['a', 8, 2],
      ['test', 10, 3],
      ['the', 15, 104],
      ['second', 19, 105],
      ['text', 26, 106],
    ])
  })

  it('tokenizer, filters and inline definitions; positionLength only when above 1', async () => {
    const response = await send('GET', '/_analyze', {
      tokenizer: 'whitespace',
      filter: ['lowercase', { type: 'shingle', output_unigrams: false }],
      text: 'A B',
    })
    expect(response.body).toEqual({
      tokens: [
        { token: 'a b', start_offset: 0, end_offset: 3, type: 'shingle', position: 0, positionLength: 2 },
      ],
    })
  })

  it('only filters: a keyword-tokenized normalizer chain, which refuses a non-normalizing filter', async () => {
    expect((await send('GET', '/_analyze', { filter: ['lowercase'], text: 'BaR Baz' })).body).toEqual({
      tokens: [{ token: 'bar baz', start_offset: 0, end_offset: 7, type: 'word', position: 0 }],
    })
    expect((await send('GET', '/_analyze', { filter: ['reverse'], text: 'x' })).body).toEqual(
      error('illegal_argument_exception', 'Custom normalizer may not use filter [reverse]'),
    )
  })

  it('reference example: explain with attributes', async () => {
    const response = await send('GET', '/_analyze', {
      tokenizer: 'standard',
      filter: ['lowercase'],
      char_filter: ['html_strip'],
      text: '<b>Detailed</b> output',
      explain: true,
      attributes: ['positionLength'],
    })
    expect(response.body).toEqual({
      detail: {
        custom_analyzer: true,
        charfilters: [{ name: 'html_strip', filtered_text: ['Detailed output'] }],
        tokenizer: {
          name: 'standard',
          tokens: [
            {
              token: 'Detailed',
              start_offset: 3,
              end_offset: 15,
              type: '<ALPHANUM>',
              position: 0,
              positionLength: 1,
            },
            {
              token: 'output',
              start_offset: 16,
              end_offset: 22,
              type: '<ALPHANUM>',
              position: 1,
              positionLength: 1,
            },
          ],
        },
        tokenfilters: [
          {
            name: 'lowercase',
            tokens: [
              {
                token: 'detailed',
                start_offset: 3,
                end_offset: 15,
                type: '<ALPHANUM>',
                position: 0,
                positionLength: 1,
              },
              {
                token: 'output',
                start_offset: 16,
                end_offset: 22,
                type: '<ALPHANUM>',
                position: 1,
                positionLength: 1,
              },
            ],
          },
        ],
      },
    })
  })

  it('explain of a built-in analyzer: all extended attributes, anonymous component names', async () => {
    const builtIn = await node.send('GET', '/_analyze', { analyzer: 'standard', text: 'Hé', explain: true })
    expect(builtIn.body).toBe(
      '{"detail":{"custom_analyzer":false,"analyzer":{"name":"standard","tokens":[{"token":"hé","start_offset":0,' +
        '"end_offset":2,"type":"<ALPHANUM>","position":0,"bytes":"[68 c3 a9]","positionLength":1,"termFrequency":1}]}}}',
    )
    const anonymous = await send('GET', '/_analyze', {
      tokenizer: { type: 'pattern', pattern: ',' },
      text: 'a',
      explain: 'true',
      attributes: ['none'],
    })
    expect(anonymous.body).toEqual({
      detail: {
        custom_analyzer: true,
        charfilters: [],
        tokenizer: {
          name: '__anonymous__pattern',
          tokens: [{ token: 'a', start_offset: 0, end_offset: 1, type: 'word', position: 0 }],
        },
        tokenfilters: [],
      },
    })
  })

  it('/{index}/_analyze: index analyzers, fields, normalizers and the default analyzer', async () => {
    const tokens = async (body: object) =>
      (
        (await send('POST', '/idx/_analyze', body)).body as {
          tokens: Array<{ token: string; position: number }>
        }
      ).tokens.map((t) => [t.token, t.position])
    expect(await tokens({ analyzer: 'my_analyzer', text: ['a b', 'c'] })).toEqual([
      ['A', 0],
      ['B', 1],
      ['C', 12],
    ])
    expect(await tokens({ field: 'title', text: 'x y' })).toEqual([
      ['X', 0],
      ['Y', 1],
    ])
    expect(await tokens({ field: 'body', text: 'X Y' })).toEqual([
      ['x', 0],
      ['y', 1],
    ])
    expect(await tokens({ field: 'tag', text: 'X Y' })).toEqual([['X Y', 0]])
    expect(await tokens({ field: 'missing', text: 'X' })).toEqual([['x', 0]])
    expect(await tokens({ normalizer: 'lower', text: 'X Y' })).toEqual([['x y', 0]])
    expect((await send('POST', '/idx/_analyze', { field: 'count', text: '1' })).body).toEqual(
      error(
        'illegal_argument_exception',
        "Can't process field [count], Analysis requests are only supported on tokenized fields",
      ),
    )
  })
})

describe('_analyze errors', () => {
  const cases: Array<[string, string, object | string | undefined, object]> = [
    [
      'unknown global analyzer',
      '/_analyze',
      { analyzer: 'nope', text: 'x' },
      error('illegal_argument_exception', 'failed to find global analyzer [nope]'),
    ],
    [
      'unknown index analyzer',
      '/idx/_analyze',
      { analyzer: 'nope', text: 'x' },
      error('illegal_argument_exception', 'failed to find analyzer [nope]'),
    ],
    [
      'unknown tokenizer',
      '/_analyze',
      { tokenizer: 'nope', text: 'x' },
      error('illegal_argument_exception', 'failed to find global tokenizer under [nope]'),
    ],
    [
      'unknown index tokenizer',
      '/idx/_analyze',
      { tokenizer: 'nope', text: 'x' },
      error('illegal_argument_exception', 'failed to find tokenizer under [nope]'),
    ],
    [
      'unknown filter',
      '/_analyze',
      { tokenizer: 'standard', filter: ['nope'], text: 'x' },
      error('illegal_argument_exception', 'failed to find global filter under [nope]'),
    ],
    [
      'unknown char filter',
      '/_analyze',
      { tokenizer: 'standard', char_filter: ['nope'], text: 'x' },
      error('illegal_argument_exception', 'failed to find global char_filter under [nope]'),
    ],
    [
      'anonymous without type',
      '/_analyze',
      { tokenizer: { pattern: ',' }, text: 'x' },
      error('illegal_argument_exception', 'Missing [type] setting for anonymous tokenizer: {pattern=,}'),
    ],
    [
      'unknown normalizer',
      '/idx/_analyze',
      { normalizer: 'nope', text: 'x' },
      error('illegal_argument_exception', 'failed to find normalizer under [nope]'),
    ],
    [
      'field without index',
      '/_analyze',
      { field: 'f', text: 'x' },
      error('illegal_argument_exception', 'analysis based on a specific field requires an index'),
    ],
    [
      'no text',
      '/_analyze',
      { analyzer: 'standard' },
      error('action_request_validation_exception', 'Validation Failed: 1: text is missing;'),
    ],
    [
      'analyzer and tokenizer',
      '/_analyze',
      { analyzer: 'standard', tokenizer: 'standard', text: 'x' },
      error(
        'action_request_validation_exception',
        'Validation Failed: 1: cannot define extra components on a named analyzer;',
      ),
    ],
    [
      'normalizer without index',
      '/_analyze',
      { normalizer: 'n', analyzer: 'standard', text: 'x' },
      error(
        'action_request_validation_exception',
        'Validation Failed: 1: index is required if normalizer is specified;2: tokenizer/analyze should be null if normalizer is specified;',
      ),
    ],
    ['missing index', '/nope/_analyze', { text: 'x' }, indexNotFoundBody('nope')],
    [
      'no body',
      '/_analyze',
      undefined,
      error('parse_exception', 'request body or source parameter is required'),
    ],
    [
      'unknown field',
      '/_analyze',
      '{"text":"x","foo":1}',
      error('x_content_parse_exception', '[1:13] [analyze_request] unknown field [foo]'),
    ],
  ]
  it.each(cases)('%s', async (_, path, body, expected) => {
    const response = await send('POST', path, body)
    expect(response.body).toEqual(expected)
    expect(response.status).toBe((expected as { status: number }).status)
  })
})
