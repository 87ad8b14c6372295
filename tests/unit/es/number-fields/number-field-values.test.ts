// The numeric field types' document values as ES 8.17's NumberFieldMapper reads them (NumberFieldMapper.value over
// AbstractXContentParser and Jackson): the caused_by of a value each type refuses, coerce, ignore_malformed with
// `_ignored`, null_value and its mapping errors.
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

const TYPES = ['long', 'integer', 'short', 'byte', 'double', 'float', 'half_float'] as const

async function numbers(): Promise<TestNode> {
  const node = await startNode()
  const properties: Record<string, object> = Object.fromEntries(TYPES.map((type) => [type, { type }]))
  properties.strict = { type: 'integer', coerce: false }
  properties.lenient = { type: 'long', ignore_malformed: true }
  properties.fallback = { type: 'float', null_value: 1 }
  await node.send('PUT', '/t', { mappings: { properties } })
  return node
}

/** The caused_by of indexing `{"<field>": <json>}` as document 1. */
async function cause(node: TestNode, field: string, json: string): Promise<string> {
  const response = await node.send('PUT', '/t/_doc/1', `{"${field}":${json}}`)
  expect(response.status).toBe(400)
  const error = (JSON.parse(response.body) as { error: { reason: string; caused_by: object } }).error
  return `${error.reason} <- ${JSON.stringify(error.caused_by)}`
}

describe('numeric field values', () => {
  it('refuses "abc" with each type parser\'s own exception', async () => {
    const node = await numbers()
    const reasons = await Promise.all(TYPES.map((type) => cause(node, type, '"abc"')))
    // at the value's token: `{"<type>":` precedes it
    const failed = (type: string): string =>
      `[1:${type.length + 5}] failed to parse field [${type}] of type [${type}] in document with id '1'. Preview of field's value: 'abc'`
    const nfe = '{"type":"number_format_exception","reason":"For input string: \\"abc\\""}'
    expect(reasons).toEqual([
      `${failed('long')} <- {"type":"illegal_argument_exception","reason":"For input string: \\"abc\\""}`,
      `${failed('integer')} <- ${nfe}`,
      `${failed('short')} <- ${nfe}`,
      `${failed('byte')} <- ${nfe}`,
      `${failed('double')} <- ${nfe}`,
      `${failed('float')} <- ${nfe}`,
      `${failed('half_float')} <- ${nfe}`,
    ])
  })

  it("refuses values out of each type's range", async () => {
    const node = await numbers()
    const iae = (reason: string): string => `{"type":"illegal_argument_exception","reason":"${reason}"}`
    // Jackson's coercion failures are at its current location, right after the value's token
    const after = (field: string, json: string): number => field.length + json.length + 5
    const xcp = (at: number, reason: string): string =>
      `{"type":"x_content_parse_exception","reason":"[1:${at}] ${reason}"}`
    const causes = async (field: string, json: string): Promise<string> =>
      (await cause(node, field, json)).split(' <- ')[1]!
    expect(await causes('integer', '"2147483648"')).toBe(
      iae('Value [2147483648] is out of range for an integer'),
    )
    expect(await causes('integer', '2147483648')).toBe(
      xcp(
        after('integer', '2147483648'),
        'Numeric value (2147483648) out of range of int (-2147483648 - 2147483647)',
      ),
    )
    expect(await causes('long', '"9223372036854775808"')).toBe(
      iae('Value [9223372036854775808] is out of range for a long'),
    )
    expect(await causes('long', '9223372036854775808')).toBe(
      xcp(
        after('long', '9223372036854775808'),
        'Numeric value (9223372036854775808) out of range of long (-9223372036854775808 - 9223372036854775807)',
      ),
    )
    expect(await causes('short', '"40000"')).toBe(iae('Value [40000] is out of range for a short'))
    expect(await causes('short', '40000')).toBe(
      xcp(after('short', '40000'), 'Numeric value (40000) out of range of Java short'),
    )
    expect(await causes('byte', '200')).toBe(iae('Value [200] is out of range for a byte'))
    expect(await causes('half_float', '70000')).toBe(
      iae('[half_float] supports only finite values, but got [70000.0]'),
    )
    expect(await causes('float', '1e39')).toBe(iae('[float] supports only finite values, but got [Infinity]'))
    expect(await causes('long', 'true')).toBe(
      xcp(
        after('long', 'true'),
        'Current token (VALUE_TRUE) not numeric, can not use numeric value accessors',
      ),
    )
    expect(await cause(node, 'double', '1.50e400')).toBe(
      "[1:11] failed to parse field [double] of type [double] in document with id '1'. Preview of field's value: " +
        `'Infinity' <- ${iae('[double] supports only finite values, but got [Infinity]')}`,
    )
  })

  it('coerce: false refuses strings and truncation; coerce truncates', async () => {
    const node = await numbers()
    expect((await cause(node, 'strict', '"5"')).split(' <- ')[1]).toBe(
      '{"type":"illegal_argument_exception","reason":"Integer value passed as String"}',
    )
    expect((await cause(node, 'strict', '1.5')).split(' <- ')[1]).toBe(
      '{"type":"illegal_argument_exception","reason":"1.5 cannot be converted to Integer without data loss"}',
    )
    await node.send('PUT', '/t/_doc/2?refresh', { long: '1.9', integer: 2.7, strict: 3, byte: '-7.5' })
    const search = await node.send('POST', '/t/_search', { fields: ['long', 'integer', 'strict', 'byte'] })
    expect(search.body).toContain('"fields":{"integer":[2],"strict":[3],"byte":[-7],"long":[1]}')
  })

  it('ignore_malformed drops the value and lists the field in _ignored; null_value stands in for null', async () => {
    const node = await numbers()
    expect((await node.send('PUT', '/t/_doc/1', { lenient: 'x', fallback: null })).status).toBe(201)
    await node.send('PUT', '/t/_doc/2', { fallback: 2.5 })
    await node.send('POST', '/t/_refresh')
    const search = await node.send('POST', '/t/_search', {
      query: { term: { fallback: 1 } },
      fields: ['lenient', 'fallback'],
    })
    expect(search.body).toContain(
      '"hits":[{"_index":"t","_id":"1","_score":1.0,"_ignored":["lenient"],"_source":{"lenient":"x","fallback":null},' +
        '"fields":{"fallback":[1.0]},"ignored_field_values":{"lenient":["x"]}}]',
    )
  })

  it('parses null_value with the type and prints it', async () => {
    const node = await startNode()
    const bad = await node.send('PUT', '/a', {
      mappings: { properties: { n: { type: 'integer', null_value: 'x' } } },
    })
    expect(bad.body).toBe(
      '{"error":{"root_cause":[{"type":"mapper_parsing_exception","reason":"Error parsing ' +
        '[null_value] on field [n]: For input string: \\"x\\""}],"type":"mapper_parsing_exception","reason":' +
        '"Failed to parse mapping: Error parsing [null_value] on field [n]: For input string: \\"x\\"","caused_by":' +
        '{"type":"mapper_parsing_exception","reason":"Error parsing [null_value] on field [n]: For input string: ' +
        '\\"x\\"","caused_by":{"type":"number_format_exception","reason":"For input string: \\"x\\""}}},"status":400}',
    )
    const decimal = await node.send('PUT', '/a', {
      mappings: { properties: { n: { type: 'short', null_value: 1.5 } } },
    })
    expect(decimal.body).toContain(
      '"reason":"Failed to parse mapping: Error parsing [null_value] on field [n]: Value [1.5] has a decimal part"',
    )
    await node.send('PUT', '/b', {
      mappings: {
        properties: { d: { type: 'double', null_value: '2' }, l: { type: 'long', null_value: '7' } },
      },
    })
    expect((await node.send('GET', '/b/_mapping')).body).toBe(
      '{"b":{"mappings":{"properties":{"d":{"type":"double","null_value":2.0},"l":{"type":"long","null_value":7}}}}}',
    )
    const unknown = await node.send('PUT', '/c', {
      mappings: { properties: { n: { type: 'long', format: 'x' } } },
    })
    expect(unknown.body).toContain(
      '"reason":"Failed to parse mapping: unknown parameter [format] on mapper [n] of type [long]"',
    )
  })
})

describe('docvalue_fields format on numeric fields', () => {
  it('prints the doc values in the DecimalFormat pattern; a boolean refuses a format', async () => {
    const node = await startNode()
    await node.send('PUT', '/p', {
      mappings: { properties: { n: { type: 'long' }, d: { type: 'double' }, b: { type: 'boolean' } } },
    })
    await node.send('PUT', '/p/_doc/1?refresh', { n: 1234567, d: 0.125, b: true })
    const search = await node.send('POST', '/p/_search', {
      _source: false,
      docvalue_fields: [
        { field: 'n', format: '#,##0' },
        { field: 'd', format: '0.00' },
      ],
    })
    expect(search.body).toContain('"fields":{"d":["0.12"],"n":["1,234,567"]}')
    const refused = await node.send('POST', '/p/_search', { docvalue_fields: [{ field: 'b', format: '0' }] })
    expect(refused.body).toContain('"reason":"Field [b] of type [boolean] doesn\'t support formats."')
  })
})

describe('numeric strings as Java reads them', () => {
  it('takes exponents, suffixes and surrounding blanks, and refuses hex', async () => {
    const node = await numbers()
    await node.send('PUT', '/t/_doc/2?refresh', { long: '1e2', float: '1.5f', integer: ' 7 ', short: '-0' })
    const search = await node.send('POST', '/t/_search', { fields: ['long', 'float', 'integer', 'short'] })
    expect(search.body).toContain('"fields":{"short":[0],"integer":[7],"float":[1.5],"long":[100]}')
    expect((await cause(node, 'double', '"0x10"')).split(' <- ')[1]).toBe(
      '{"type":"number_format_exception","reason":"For input string: \\"0x10\\""}',
    )
  })
})
