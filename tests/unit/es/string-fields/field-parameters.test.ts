// The text, keyword and boolean field mappers' parameters as ES 8.17's Builders read and write them
// (TextFieldMapper, KeywordFieldMapper, BooleanFieldMapper, TextParams.Analyzers' serializer checks): GET _mapping
// prints `type`, then the parameters given with a non-default value in the Builder's order, then `fields`; an
// unknown parameter, a non-boolean flag or a restricted value out of its set fails the mapping; and the documents'
// values as these mappers read them (boolean text and null_value, a keyword's null_value and number lexeme).
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

async function mappingOf(node: TestNode, index: string, properties: object): Promise<unknown> {
  const created = await node.send('PUT', `/${index}`, { mappings: { properties } })
  expect(created.status).toBe(200)
  const body = JSON.parse((await node.send('GET', `/${index}/_mapping`)).body) as {
    [index: string]: { mappings: { properties: unknown } }
  }
  return body[index]!.mappings.properties
}

async function refusal(node: TestNode, properties: object): Promise<unknown> {
  const response = await node.send('PUT', '/refused', { mappings: { properties } })
  expect(response.status).toBe(400)
  return (JSON.parse(response.body) as { error: { reason: string; caused_by: unknown } }).error
}

describe('text, keyword and boolean mappings', () => {
  it('print the Builder order and leave defaults out', async () => {
    const node = await startNode()
    const properties = await mappingOf(node, 'm', {
      t: {
        fields: { raw: { ignore_above: 256, type: 'keyword' } },
        type: 'text',
        norms: false,
        analyzer: 'english',
        index: true,
        fielddata: 'true',
      },
      k: { type: 'keyword', doc_values: true, ignore_above: 10, index: 'false', null_value: 5 },
      b: { type: 'boolean', null_value: 'true', index: true, meta: { unit: 'flag' } },
    })
    expect(JSON.stringify(properties)).toBe(
      '{"b":{"type":"boolean","meta":{"unit":"flag"},"null_value":true},' +
        '"k":{"type":"keyword","index":false,"null_value":"5","ignore_above":10},' +
        '"t":{"type":"text","norms":false,"analyzer":"english","fielddata":true,' +
        '"fields":{"raw":{"type":"keyword","ignore_above":256}}}}',
    )
  })

  it('write the index analyzer as `default` when only the search analyzers are given', async () => {
    const node = await startNode()
    const properties = await mappingOf(node, 'a', {
      s: { type: 'text', search_analyzer: 'simple' },
      q: { type: 'text', search_quote_analyzer: 'simple' },
      same: { type: 'text', analyzer: 'simple', search_analyzer: 'simple' },
    })
    expect(JSON.stringify(properties)).toBe(
      '{"q":{"type":"text","analyzer":"default","search_analyzer":"default","search_quote_analyzer":"simple"},' +
        '"s":{"type":"text","analyzer":"default","search_analyzer":"simple"},' +
        '"same":{"type":"text","analyzer":"simple","search_analyzer":"simple"}}',
    )
  })

  it('refuse unknown parameters, bad flags and values outside a restricted set', async () => {
    const node = await startNode()
    expect(await refusal(node, { t: { type: 'text', analyser: 'english' } })).toEqual({
      root_cause: [
        {
          type: 'mapper_parsing_exception',
          reason: 'unknown parameter [analyser] on mapper [t] of type [text]',
        },
      ],
      type: 'mapper_parsing_exception',
      reason: 'Failed to parse mapping: unknown parameter [analyser] on mapper [t] of type [text]',
      caused_by: {
        type: 'mapper_parsing_exception',
        reason: 'unknown parameter [analyser] on mapper [t] of type [text]',
      },
    })
    const reason = async (properties: object): Promise<string> =>
      ((await refusal(node, properties)) as { reason: string }).reason
    expect(await reason({ k: { type: 'keyword', fielddata: true } })).toBe(
      'Failed to parse mapping: unknown parameter [fielddata] on mapper [k] of type [keyword]',
    )
    expect(await reason({ t: { type: 'text', fielddata: 'yes' } })).toBe(
      'Failed to parse mapping: Could not convert [t.fielddata] to boolean',
    )
    expect(await reason({ t: { type: 'text', index_options: 'all' } })).toBe(
      'Failed to parse mapping: Unknown value [all] for field [index_options] - accepted values are ' +
        '[positions, docs, freqs, offsets]',
    )
    expect(await reason({ k: { type: 'keyword', index_options: 'positions' } })).toBe(
      'Failed to parse mapping: Unknown value [positions] for field [index_options] - accepted values are [docs, freqs]',
    )
    expect(await reason({ k: { type: 'keyword', ignore_above: -1 } })).toBe(
      'Failed to parse mapping: [ignore_above] must be positive, got [-1]',
    )
    expect(await reason({ b: { type: 'boolean', null_value: 'yes' } })).toBe(
      'Failed to parse mapping: Failed to parse value [yes] as only [true] or [false] are allowed.',
    )
    expect((await node.send('GET', '/refused')).status).toBe(404)
  })
})

describe('boolean and keyword values', () => {
  async function indexed(): Promise<TestNode> {
    const node = await startNode()
    await node.send('PUT', '/v', {
      mappings: {
        properties: {
          b: { type: 'boolean', null_value: true },
          c: { type: 'boolean', ignore_malformed: true },
          k: { type: 'keyword', null_value: 'NULL' },
        },
      },
    })
    return node
  }

  it('fail a document whose boolean is neither true nor false, at its value', async () => {
    const node = await indexed()
    const text = await node.send('PUT', '/v/_doc/1', { b: 'yes' })
    expect(JSON.parse(text.body)).toEqual({
      error: {
        root_cause: [
          {
            type: 'document_parsing_exception',
            reason:
              "[1:6] failed to parse field [b] of type [boolean] in document with id '1'. Preview of field's value: 'yes'",
          },
        ],
        type: 'document_parsing_exception',
        reason:
          "[1:6] failed to parse field [b] of type [boolean] in document with id '1'. Preview of field's value: 'yes'",
        caused_by: {
          type: 'illegal_argument_exception',
          reason: 'Failed to parse value [yes] as only [true] or [false] are allowed.',
        },
      },
      status: 400,
    })
    // a number is Jackson's refusal, which ignore_malformed does not drop
    const number = await node.send('PUT', '/v/_doc/1', { c: 1 })
    expect(number.status).toBe(400)
    expect((JSON.parse(number.body) as { error: { caused_by: unknown } }).error.caused_by).toEqual({
      type: 'x_content_parse_exception',
      reason: '[1:7] Current token (VALUE_NUMBER_INT) not of boolean type',
    })
  })

  it('index null_value, boolean text and a keyword number as its lexeme', async () => {
    const node = await indexed()
    await node.send('PUT', '/v/_doc/1', { b: null, c: 'nope', k: null })
    // the number as typed: JSON.stringify would print 1.0 as 1
    await node.send('PUT', '/v/_doc/2', '{"b":"false","c":"","k":1.0}')
    await node.send('POST', '/v/_refresh')
    const ids = async (query: object): Promise<unknown> => {
      const body = (
        await node.send('POST', '/v/_search?filter_path=hits.hits._id,hits.hits._ignored', { query })
      ).body
      return JSON.parse(body)
    }
    expect(await ids({ term: { b: true } })).toEqual({ hits: { hits: [{ _id: '1', _ignored: ['c'] }] } })
    expect(await ids({ term: { b: false } })).toEqual({ hits: { hits: [{ _id: '2' }] } })
    expect(await ids({ term: { c: false } })).toEqual({ hits: { hits: [{ _id: '2' }] } })
    expect(await ids({ term: { k: 'NULL' } })).toEqual({ hits: { hits: [{ _id: '1', _ignored: ['c'] }] } })
    expect(await ids({ term: { k: '1.0' } })).toEqual({ hits: { hits: [{ _id: '2' }] } })
  })
})
