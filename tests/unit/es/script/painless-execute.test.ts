// The Painless execute API (`_scripts/painless/_execute`), against lang-painless's YAML tests
// (painless/70_execute_painless_scripts.yml) and the painless-execute-api docs: whole responses of the painless_test,
// filter, score and field contexts, and ES's errors for a bad request.
import { beforeAll, describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

let node: TestNode

beforeAll(async () => {
  node = await startNode()
  const response = await node.send('PUT', '/my-index', {
    mappings: {
      properties: {
        rank: { type: 'long' },
        field: { type: 'keyword' },
        keyword: { type: 'keyword' },
        text: { type: 'text' },
        date: { type: 'date' },
        date0: { type: 'date' },
        date1: { type: 'date' },
        ip: { type: 'ip' },
      },
    },
  })
  expect(response.status, response.body).toBe(200)
})

async function execute(body: object | string, method: 'GET' | 'POST' = 'POST'): Promise<[number, unknown]> {
  const response = await node.send(method, '/_scripts/painless/_execute', body)
  return [response.status, JSON.parse(response.body)]
}

const setup = (document: object) => ({ context_setup: { document, index: 'my-index' } })

describe('painless_test', () => {
  it('prints the result with String.valueOf (the default context)', async () => {
    expect(
      // as text: JSON.stringify would send 100.0 as the integer 100
      await execute(
        '{"script":{"source":"params.count / params.total","params":{"count":100.0,"total":1000.0}}}',
      ),
    ).toEqual([200, { result: '0.1' }])
    expect(
      await execute(
        {
          script: { source: 'params.var1 - params.var2', params: { var1: 10, var2: 100 } },
          context: 'painless_test',
        },
        'GET',
      ),
    ).toEqual([200, { result: '-90' }])
    expect(await execute({ script: { source: 'null' } })).toEqual([200, { result: 'null' }])
  })

  it('answers a compile error as script_exception', async () => {
    const [status, body] = await execute({ script: { source: 'params.x +' } })
    expect(status).toBe(400)
    expect(body).toMatchObject({
      error: {
        type: 'script_exception',
        reason: 'compile error',
        script_stack: ['params.x +', '          ^---- HERE'],
        caused_by: { type: 'illegal_argument_exception', reason: 'unexpected end of script.' },
      },
    })
  })
})

describe('filter and score', () => {
  it("runs a filter script over the document's doc values", async () => {
    expect(
      await execute({
        script: { source: "doc['field'].value.length() <= params.max_length", params: { max_length: 4 } },
        context: 'filter',
        ...setup({ field: 'four' }),
      }),
    ).toEqual([200, { result: true }])
  })

  it('runs a score script to a double', async () => {
    expect(
      await execute(
        `{"script":{"source":"doc['rank'].value / params.max_rank","params":{"max_rank":5.0}},` +
          `"context":"score","context_setup":{"document":{"rank":4},"index":"my-index"}}`,
      ),
    ).toEqual([200, { result: 0.8 }])
  })

  it('validates index and document, and a missing context_setup is the NullPointerException', async () => {
    expect(
      await execute({ script: { source: 'true' }, context: 'filter', context_setup: { index: 'my-index' } }),
    ).toEqual([
      400,
      {
        error: {
          root_cause: [
            {
              type: 'action_request_validation_exception',
              reason: 'Validation Failed: 1: document is a required parameter for current context;',
            },
          ],
          type: 'action_request_validation_exception',
          reason: 'Validation Failed: 1: document is a required parameter for current context;',
        },
        status: 400,
      },
    ])
    const reason = 'Cannot read field "index" because "this.contextSetup" is null'
    expect(await execute({ script: { source: 'true' }, context: 'score' })).toEqual([
      500,
      {
        error: {
          root_cause: [{ type: 'null_pointer_exception', reason }],
          type: 'null_pointer_exception',
          reason,
        },
        status: 500,
      },
    ])
  })

  it('resolves the index', async () => {
    const [status, body] = await execute({
      script: { source: 'true' },
      context: 'filter',
      context_setup: { index: 'missing', document: {} },
    })
    expect(status).toBe(404)
    expect(body).toMatchObject({
      error: { type: 'index_not_found_exception', reason: 'no such index [missing]' },
    })
  })
})

describe('field contexts', () => {
  it.each([
    ['boolean_field', "emit(doc['rank'].value < params.max_rank);", [true]],
    [
      'boolean_field',
      "emit(doc['rank'].value < params.max_rank); emit(false); emit(false); emit(true);",
      [false, false, true, true],
    ],
    [
      'double_field',
      "emit(doc['rank'].value * params.max_rank); emit(400.0); emit(55.0)",
      [20.0, 400.0, 55.0],
    ],
    [
      'long_field',
      "emit(doc['rank'].value * (long)params.max_rank); emit(35); emit(0); emit(-90); emit(20);",
      [20, 35, 0, -90, 20],
    ],
  ])('%s: %s', async (context, source, result) => {
    expect(
      await execute({ script: { source, params: { max_rank: 5.0 } }, context, ...setup({ rank: 4 }) }),
    ).toEqual([200, { result }])
  })

  it('prints doubles as doubles', async () => {
    const response = await node.send('POST', '/_scripts/painless/_execute', {
      script: { source: "emit(doc['rank'].value * params.max_rank)", params: { max_rank: 5.0 } },
      context: 'double_field',
      ...setup({ rank: 4 }),
    })
    expect(response.body).toBe('{"result":[20.0]}')
  })

  it('formats dates with strict_date_optional_time, in emit order', async () => {
    expect(
      await execute({
        script: {
          source:
            "emit(doc['date0'][0].toInstant().toEpochMilli()); emit(doc['date1'][0].toInstant().toEpochMilli());",
        },
        context: 'date_field',
        ...setup({ date0: '2015-01-01T12:10:30Z', date1: '2010-11-30T13:14:35Z' }),
      }),
    ).toEqual([200, { result: ['2015-01-01T12:10:30.000Z', '2010-11-30T13:14:35.000Z'] }])
  })

  it('formats ip addresses as NetworkAddress does', async () => {
    expect(
      await execute({
        script: {
          source:
            "emit('2001:0db8:0000:0000:0000:8a2e:0370:7333'); emit(doc['ip'].value); emit('2001:db8::8a2e:370:7334')",
        },
        context: 'ip_field',
        ...setup({ ip: '192.168.1.254' }),
      }),
    ).toEqual([200, { result: ['2001:db8::8a2e:370:7333', '192.168.1.254', '2001:db8::8a2e:370:7334'] }])
  })

  it('keeps keywords in emit order', async () => {
    expect(
      await execute({
        script: { source: "emit(doc['keyword'].value); emit(doc['keyword'].value + '_test');" },
        context: 'keyword_field',
        ...setup({ keyword: 'my_keyword' }),
      }),
    ).toEqual([200, { result: ['my_keyword', 'my_keyword_test'] }])
  })

  it('runs against an index without mappings', async () => {
    await node.send('PUT', '/empty-index')
    expect(
      await execute({
        script: { source: 'emit((long)params.max_rank)', params: { max_rank: 20.0 } },
        context: 'long_field',
        context_setup: { document: { rank: 4 }, index: 'empty-index' },
      }),
    ).toEqual([200, { result: [20] }])
  })
})

describe('request parsing', () => {
  it('refuses an unknown context when the request is built', async () => {
    const reason = 'Failed to build [painless_execute_request] after last required field arrived'
    expect(await execute({ script: { source: '1' }, context: 'nope' })).toEqual([
      400,
      {
        error: {
          root_cause: [{ type: 'x_content_parse_exception', reason }],
          type: 'x_content_parse_exception',
          reason,
          caused_by: {
            type: 'unsupported_operation_exception',
            reason: 'unsupported script context name [nope]',
          },
        },
        status: 400,
      },
    ])
  })

  it('requires a script and a body, and refuses unknown fields', async () => {
    const [, missing] = await execute({ context: 'painless_test' })
    expect(missing).toMatchObject({
      error: { type: 'illegal_argument_exception', reason: 'Required [script]' },
    })
    const [, unknown] = await execute({ script: { source: '1' }, contxt: 'filter' })
    expect(unknown).toMatchObject({
      error: {
        type: 'x_content_parse_exception',
        reason: '[1:26] [painless_execute_request] unknown field [contxt] did you mean [context]?',
      },
    })
    const response = await node.send('POST', '/_scripts/painless/_execute')
    expect(JSON.parse(response.body)).toMatchObject({
      error: { type: 'parse_exception', reason: 'request body or source parameter is required' },
    })
  })

  it('runs only inline scripts', async () => {
    const [status, body] = await execute({ script: { id: 'stored' } })
    expect(status).toBe(400)
    expect(body).toMatchObject({
      error: { reason: 'Validation Failed: 1: only inline scripts are supported;' },
    })
  })
})

describe('Debug.explain', () => {
  it("throws PainlessExplainError: the script_exception carries getHeaders' fields, ErrorCauseWrapper is the root cause", async () => {
    expect(await execute({ script: { source: 'Debug.explain(params.x)', params: { x: [1, 'b'] } } })).toEqual(
      [
        400,
        {
          error: {
            root_cause: [{ type: 'painless_explain_error', reason: null }],
            type: 'script_exception',
            reason: 'runtime error',
            painless_class: 'java.util.ArrayList',
            to_string: '[1, b]',
            java_class: 'java.util.ArrayList',
            script_stack: ['Debug.explain(params.x)', '     ^---- HERE'],
            script: 'Debug.explain(params.x)',
            lang: 'painless',
            position: { offset: 5, start: 0, end: 23 },
            caused_by: { type: 'painless_explain_error', reason: null },
          },
          status: 400,
        },
      ],
    )
    const response = await node.send('POST', '/_scripts/painless/_execute', {
      script: { source: 'Debug.explain(null)' },
    })
    // the HashMap order of ElasticsearchException's metadata: painless_class, to_string, java_class
    expect(response.body).toContain('"reason":"runtime error","to_string":"null","script_stack"')
  })

  it('is an Error no catch clause takes', async () => {
    const [status, body] = await execute({
      script: { source: "try { Debug.explain('s') } catch (Exception e) { 2 }" },
    })
    expect(status).toBe(400)
    expect(body).toMatchObject({ error: { java_class: 'java.lang.String', to_string: 's' } })
  })

  it('the loop counter PainlessError is its own root cause too (ErrorCauseWrapper)', async () => {
    const [, body] = await execute({ script: { source: 'int i = 0; while (true) { i++ }' } })
    expect(body).toMatchObject({ error: { root_cause: [{ type: 'painless_error' }] } })
  })
})
