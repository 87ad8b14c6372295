// binary over REST, as ES 8.17's BinaryFieldMapper answers (server/.../index/mapper/BinaryFieldMapper.java and
// Jackson's base64 decoding of a string token): its parameters, the values it refuses, queries refused, `exists`,
// doc values in base64 and the `fields` option.
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'
import { decodeBase64, encodeBase64 } from '../../../../workers/es/index/mapper/binary-field.ts'

const MAPPINGS = {
  settings: { number_of_shards: 1 },
  mappings: {
    properties: {
      blob: { type: 'binary', doc_values: true },
      plain: { type: 'binary' },
    },
  },
}

async function indexed(): Promise<TestNode> {
  const node = await startNode()
  expect((await node.send('PUT', '/t', MAPPINGS)).status).toBe(200)
  await node.send('PUT', '/t/_doc/1', { blob: ['aGVsbG8=', 'AAE=', 'aGVsbG8='], plain: 'not base64!' })
  await node.send('PUT', '/t/_doc/2?refresh', { plain: 'eA==' })
  return node
}

function rootCause(body: string): { type: string; reason: string } {
  return (JSON.parse(body) as { error: { root_cause: Array<{ type: string; reason: string }> } }).error
    .root_cause[0]!
}

describe('binary mappings', () => {
  it('prints meta, store and doc_values in the Builder order, and knows no other parameter', async () => {
    const node = await startNode()
    const field = { doc_values: 'true', store: true, meta: { m: 'x' }, type: 'binary' }
    expect((await node.send('PUT', '/m', { mappings: { properties: { b: field } } })).status).toBe(200)
    expect((await node.send('GET', '/m/_mapping')).body).toBe(
      '{"m":{"mappings":{"properties":{"b":{"type":"binary","meta":{"m":"x"},"store":true,"doc_values":true}}}}}',
    )
    const refused = await node.send('PUT', '/n', {
      mappings: { properties: { b: { type: 'binary', index: true } } },
    })
    expect(JSON.parse(refused.body)).toMatchObject({
      error: {
        type: 'mapper_parsing_exception',
        reason: 'Failed to parse mapping: unknown parameter [index] on mapper [b] of type [binary]',
      },
    })
  })
})

describe('binary documents', () => {
  it("refuses what Jackson cannot decode as base64, with Jackson's texts", async () => {
    const node = await startNode()
    expect((await node.send('PUT', '/t', MAPPINGS)).status).toBe(200)
    const cases: Array<[string, string, string]> = [
      [
        '"ab!d"',
        'ab!d',
        "Failed to decode VALUE_STRING as base64 (MIME-NO-LINEFEEDS): Illegal character '!' (code 0x21) in base64 content",
      ],
      [
        '"=abc"',
        '=abc',
        "Failed to decode VALUE_STRING as base64 (MIME-NO-LINEFEEDS): Unexpected padding character ('=') as character #1 of 4-char base64 unit: padding only legal as 3rd or 4th character",
      ],
      [
        '"ab c"',
        'ab c',
        'Failed to decode VALUE_STRING as base64 (MIME-NO-LINEFEEDS): Illegal white space character (code 0x20) as character #3 of 4-char base64 unit: can only used between units',
      ],
      [
        '"a"',
        'a',
        "Failed to decode VALUE_STRING as base64 (MIME-NO-LINEFEEDS): Illegal character '\"' (code 0x22) in base64 content",
      ],
      [
        '"abc"',
        'abc',
        "Unexpected end of base64-encoded String: base64 variant 'MIME-NO-LINEFEEDS' expects padding (one or more '=' characters) at the end. This Base64Variant might have been incorrectly configured",
      ],
      [
        '12',
        '12',
        'Current token (VALUE_NUMBER_INT) not VALUE_STRING or VALUE_EMBEDDED_OBJECT, can not access as binary',
      ],
      [
        'true',
        'true',
        'Current token (VALUE_TRUE) not VALUE_STRING or VALUE_EMBEDDED_OBJECT, can not access as binary',
      ],
    ]
    for (const [value, preview, reason] of cases) {
      const response = await node.send('PUT', '/t/_doc/1', `{"blob": ${value}}`)
      expect(response.status).toBe(400)
      const error = (
        JSON.parse(response.body) as {
          error: { reason: string; caused_by: { type: string; reason: string } }
        }
      ).error
      expect(error.reason).toBe(
        `[1:10] failed to parse field [blob] of type [binary] in document with id '1'. Preview of field's value: '${preview}'`,
      )
      expect(error.caused_by.type).toBe('x_content_parse_exception')
      expect(error.caused_by.reason).toMatch(
        new RegExp(`^\\[1:\\d+\\] ${reason.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`),
      )
    }
  })

  it('decodes as Jackson does: whitespace between units, padding, and encodes as Base64.getEncoder', () => {
    expect([...decodeBase64(' aGVs\nbG8= ')]).toEqual([104, 101, 108, 108, 111])
    expect([...decodeBase64('AA==')]).toEqual([0])
    expect(encodeBase64(Uint8Array.from([0, 1]))).toBe('AAE=')
    expect(encodeBase64(Uint8Array.from([255, 254, 253]))).toBe('//79')
  })
})

describe('binary searches', () => {
  it('refuses term, terms, match and range queries with their texts; exists finds kept values', async () => {
    const node = await indexed()
    const refusal = async (query: object) =>
      rootCause((await node.send('POST', '/t/_search', { query })).body)
    expect(await refusal({ term: { blob: 'aGVsbG8=' } })).toEqual({
      type: 'query_shard_exception',
      reason: 'failed to create query: Binary fields do not support searching',
      index_uuid: expect.any(String) as string,
      index: 't',
    })
    expect((await refusal({ terms: { blob: ['AAE='] } })).reason).toBe(
      'failed to create query: Binary fields do not support searching',
    )
    expect((await refusal({ match: { blob: 'AAE=' } })).reason).toBe(
      'failed to create query: Field [blob] of type [binary] does not support match queries',
    )
    expect((await refusal({ range: { blob: { gte: 'a' } } })).reason).toBe(
      'failed to create query: Field [blob] of type [binary] does not support range queries',
    )
    const exists = async (field: string) => {
      const response = await node.send('POST', '/t/_search', { query: { exists: { field } } })
      return (JSON.parse(response.body) as { hits: { hits: Array<{ _id: string }> } }).hits.hits.map(
        (h) => h._id,
      )
    }
    expect(await exists('blob')).toEqual(['1'])
    expect(await exists('plain')).toEqual([])
  })

  it('prints doc values in base64, sorted and deduplicated; `fields` prints the values as sent', async () => {
    const node = await indexed()
    const response = await node.send('POST', '/t/_search', {
      query: { ids: { values: ['1'] } },
      _source: false,
      docvalue_fields: ['blob'],
    })
    const hit = (JSON.parse(response.body) as { hits: { hits: Array<{ fields: object }> } }).hits.hits[0]!
    expect(hit.fields).toEqual({ blob: ['AAE=', 'aGVsbG8='] })
    const fetched = await node.send('POST', '/t/_search', {
      query: { ids: { values: ['1'] } },
      _source: false,
      fields: ['blob', 'plain'],
    })
    expect(fetched.body).toContain('"fields":{"plain":["not base64!"],"blob":["aGVsbG8=","AAE=","aGVsbG8="]}')
  })

  it('is never searchable in field caps, aggregatable with doc values', async () => {
    const node = await indexed()
    const caps = JSON.parse((await node.send('GET', '/t/_field_caps?fields=blob,plain')).body) as {
      fields: Record<string, { binary: { searchable: boolean; aggregatable: boolean } }>
    }
    expect(caps.fields.blob!.binary).toMatchObject({ searchable: false, aggregatable: true })
    expect(caps.fields.plain!.binary).toMatchObject({ searchable: false, aggregatable: false })
  })

  it('aggregates over doc values only, and never sorts', async () => {
    const node = await indexed()
    const terms = await node.send('POST', '/t/_search', {
      size: 0,
      aggs: { k: { terms: { field: 'blob' } } },
    })
    expect(terms.body).toContain('"buckets":[{"key":"AAE=","doc_count":1},{"key":"aGVsbG8=","doc_count":1}]')
    const noDocValues = await node.send('POST', '/t/_search', {
      size: 0,
      aggs: { k: { terms: { field: 'plain' } } },
    })
    expect(rootCause(noDocValues.body)).toEqual({
      type: 'illegal_argument_exception',
      reason:
        "Can't load fielddata on [plain] because fielddata is unsupported on fields of type [binary]. Use doc values instead.",
    })
    const sorted = await node.send('POST', '/t/_search', { sort: ['blob'] })
    expect(rootCause(sorted.body)).toEqual({
      type: 'illegal_argument_exception',
      reason: "can't sort on binary field",
    })
  })
})
