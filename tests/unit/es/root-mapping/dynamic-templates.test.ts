// Dynamic templates, date and numeric detection through EsNode (RootObjectMapper, DynamicTemplate and
// DynamicFieldsBuilder of ES 8.17; the "Dynamic templates" and "Dynamic field mapping" docs; the error texts of
// RootObjectMapperTests and DynamicTemplateTests), and the template matcher on its own.
import { beforeEach, describe, expect, test } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'
import { jsonAt } from '../indices/json-at.ts'
import {
  findTemplate,
  parseDynamicTemplates,
  type DynamicTemplate,
} from '../../../../workers/es/index/mapper/dynamic-templates.ts'
import { parseJson } from '../../../../workers/es/xcontent/index.ts'

let node: TestNode

beforeEach(async () => {
  node = await startNode()
})

const mappingOf = async (index: string) => (await node.send('GET', `/${index}/_mapping`)).body

describe('dynamic templates', () => {
  test('the first matching template maps a new field; GET _mapping shows them in order', async () => {
    await node.send('PUT', '/people', {
      mappings: {
        dynamic_templates: [
          { ids: { match: ['*_id', 'id'], mapping: { type: 'keyword' } } },
          { strings: { match_mapping_type: 'string', unmatch: '*_text', mapping: { type: 'keyword' } } },
          { whole: { path_match: 'stats.*', mapping: { type: 'integer' } } },
        ],
      },
    })
    await node.send('PUT', '/people/_doc/1', {
      user_id: 7,
      city: 'Paris',
      bio_text: 'hi',
      stats: { visits: 3 },
    })
    expect(await mappingOf('people')).toBe(
      '{"people":{"mappings":{"dynamic_templates":[' +
        '{"ids":{"match":["*_id","id"],"mapping":{"type":"keyword"}}},' +
        '{"strings":{"unmatch":"*_text","match_mapping_type":"string","mapping":{"type":"keyword"}}},' +
        '{"whole":{"path_match":"stats.*","mapping":{"type":"integer"}}}],' +
        '"properties":{"bio_text":{"type":"text","fields":{"keyword":{"type":"keyword","ignore_above":256}}},' +
        '"city":{"type":"keyword"},"stats":{"properties":{"visits":{"type":"integer"}}},"user_id":{"type":"keyword"}}}}}',
    )
  })

  test('{name} and {dynamic_type} are replaced; a double is a float', async () => {
    await node.send('PUT', '/t', {
      mappings: {
        dynamic_templates: [
          {
            all: { match_mapping_type: '*', mapping: { type: '{dynamic_type}', meta: { source: '{name}' } } },
          },
        ],
      },
    })
    await node.send('PUT', '/t/_doc/1', { price: 1.5, on: true })
    expect(await mappingOf('t')).toContain(
      '"properties":{"on":{"type":"boolean","meta":{"source":"on"}},"price":{"type":"float","meta":{"source":"price"}}}',
    )
  })

  test('PUT _mapping replaces the list; index templates merge theirs by name', async () => {
    await node.send('PUT', '/t', {
      mappings: { dynamic_templates: [{ a: { match: 'a*', mapping: { type: 'keyword' } } }] },
    })
    await node.send('PUT', '/t/_mapping', {
      dynamic_templates: [{ b: { match: 'b*', mapping: { type: 'keyword' } } }],
    })
    expect(await mappingOf('t')).toBe(
      '{"t":{"mappings":{"dynamic_templates":[{"b":{"match":"b*","mapping":{"type":"keyword"}}}]}}}',
    )
    await node.send('PUT', '/_component_template/ct', {
      template: {
        mappings: {
          dynamic_templates: [
            { a: { match: 'a*', mapping: { type: 'keyword' } } },
            { b: { match: 'b*', mapping: { type: 'keyword' } } },
          ],
        },
      },
    })
    await node.send('PUT', '/_index_template/it', {
      index_patterns: ['logs-x*'],
      composed_of: ['ct'],
      template: { mappings: { dynamic_templates: [{ a: { match: 'z*', mapping: { type: 'long' } } }] } },
    })
    await node.send('PUT', '/logs-x1')
    expect(await mappingOf('logs-x1')).toBe(
      '{"logs-x1":{"mappings":{"dynamic_templates":[{"a":{"match":"z*","mapping":{"type":"long"}}},' +
        '{"b":{"match":"b*","mapping":{"type":"keyword"}}}]}}}',
    )
  })

  test('an invalid template is refused with the error ES gives, and nothing is created', async () => {
    const response = await node.send('PUT', '/bad', {
      mappings: {
        dynamic_templates: [{ t: { match_mapping_type: 'string', mapping: { type: 'string' } } }],
      },
    })
    const message =
      'dynamic template [t] has invalid content [{\\"match_mapping_type\\":\\"string\\",\\"mapping\\":{\\"type\\":\\"string\\"}}], ' +
      'attempted to validate it with the following match_mapping_type: [string]'
    expect(response).toMatchObject({
      status: 400,
      body:
        '{"error":{"root_cause":[{"type":"mapper_parsing_exception","reason":"Failed to parse mapping: ' +
        message +
        '"}],"type":"mapper_parsing_exception","reason":"Failed to parse mapping: ' +
        message +
        '","caused_by":{"type":"illegal_argument_exception","reason":"' +
        message +
        '","caused_by":{"type":"illegal_argument_exception","reason":"No mapper found for type [string]"}}},"status":400}',
    })
    expect((await node.send('HEAD', '/bad')).status).toBe(404)
  })

  test("a template naming an analyzer the index lacks is refused, caused by the analyzer's error", async () => {
    const response = await node.send('PUT', '/bad', {
      mappings: {
        dynamic_templates: [
          { t: { match_mapping_type: 'string', mapping: { type: 'text', analyzer: 'foobar' } } },
        ],
      },
    })
    expect(jsonAt(response.body, 'error', 'caused_by', 'caused_by')).toEqual({
      type: 'illegal_argument_exception',
      reason: 'analyzer [foobar] has not been configured in mappings',
    })
    expect(jsonAt(response.body, 'error', 'reason')).toBe(
      'Failed to parse mapping: dynamic template [t] has invalid content ' +
        '[{"match_mapping_type":"string","mapping":{"analyzer":"foobar","type":"text"}}], ' +
        'attempted to validate it with the following match_mapping_type: [string]',
    )
  })

  test.each([
    [
      { t: {} },
      'Failed to parse mapping: Dynamic template syntax error. An array of named objects is expected.',
    ],
    [
      [{ t: { match: 'a' } }],
      'Failed to parse mapping: template [t] must have either mapping or runtime set',
    ],
    [
      [{ t: { match: 'a', foo: 1, mapping: {} } }],
      'Failed to parse mapping: Illegal dynamic template parameter: [foo]',
    ],
    [[{ a: {}, b: {} }], 'Failed to parse mapping: A dynamic template must be defined with a name'],
    [
      [{ t: { match_mapping_type: 'strings', mapping: {} } }],
      'Failed to parse mapping: No field type matched on [strings], possible values are [object, string, long, double, boolean, date, binary]',
    ],
    [
      [{ t: { match: 'a', match_pattern: 'glob', mapping: {} } }],
      'Failed to parse mapping: No matching pattern matched on [glob]',
    ],
    [
      [{ t: { match: '(a', match_pattern: 'regex', mapping: {} } }],
      'Failed to parse mapping: Pattern [(a] of type [regex] is invalid. Cannot create dynamic template [t].',
    ],
  ])('%j is refused', async (templates, reason) => {
    const response = await node.send('PUT', '/bad', { mappings: { dynamic_templates: templates } })
    expect(response.status).toBe(400)
    expect(jsonAt(response.body, 'error', 'reason')).toBe(reason)
  })
})

describe("a bulk item's dynamic_templates", () => {
  test('names the template for a new field whatever its conditions; an unknown name fails the item', async () => {
    await node.send('PUT', '/b', {
      mappings: { dynamic_templates: [{ kw: { match: 'never_*', mapping: { type: 'keyword' } } }] },
    })
    const bulk = await node.send(
      'POST',
      '/_bulk?refresh=true',
      '{"index":{"_index":"b","_id":"1","dynamic_templates":{"city":"kw"}}}\n{"city":"Paris","town":"Lyon"}\n' +
        '{"index":{"_index":"b","_id":"2","dynamic_templates":{"zip":"nope"}}}\n{"zip":"75001"}\n',
    )
    expect(jsonAt(bulk.body, 'items', '0', 'index', 'status')).toBe(201)
    expect(jsonAt(bulk.body, 'items', '1', 'index')).toEqual({
      _index: 'b',
      _id: '2',
      status: 400,
      error: {
        type: 'document_parsing_exception',
        // DocumentParserContext.findDynamicTemplate's own DocumentParsingException, at the value of {"zip":"75001"}
        reason: "[1:8] Can't find dynamic template for dynamic template name [nope] of field [zip]",
      },
    })
    expect(await mappingOf('b')).toContain(
      '"properties":{"city":{"type":"keyword"},"town":{"type":"text","fields":{"keyword":{"type":"keyword","ignore_above":256}}}}',
    )
  })
})

describe('date and numeric detection', () => {
  test('defaults: dates detected, numeric strings stay text', async () => {
    // strict_date_optional_time takes a year and month alone; an impossible day is no date.
    const doc = { a: '2015-01-01', b: '2015/01/01', c: '42', d: '2015', m: '2024-03', x: '2015-02-30' }
    await node.send('PUT', '/d/_doc/1', doc)
    const text = '{"type":"text","fields":{"keyword":{"type":"keyword","ignore_above":256}}}'
    expect(await mappingOf('d')).toBe(
      '{"d":{"mappings":{"properties":{"a":{"type":"date"},' +
        '"b":{"type":"date","format":"yyyy/MM/dd HH:mm:ss||yyyy/MM/dd||epoch_millis"},' +
        `"c":${text},"d":${text},"m":{"type":"date"},"x":${text}}}}}`,
    )
  })

  test('numeric_detection, date_detection off and dynamic_date_formats are applied and shown', async () => {
    await node.send('PUT', '/d', {
      mappings: { numeric_detection: true, dynamic_date_formats: ['MM/dd/yyyy'] },
    })
    await node.send('PUT', '/d/_doc/1', { a: '09/25/2015', b: '2015-09-25', c: '42', e: '1.5' })
    await node.send('PUT', '/d/_mapping', { date_detection: false })
    await node.send('PUT', '/d/_doc/2', { f: '10/01/2015' })
    const text = '{"type":"text","fields":{"keyword":{"type":"keyword","ignore_above":256}}}'
    expect(await mappingOf('d')).toBe(
      '{"d":{"mappings":{"dynamic_date_formats":["MM/dd/yyyy"],"date_detection":false,"numeric_detection":true,' +
        `"properties":{"a":{"type":"date","format":"MM/dd/yyyy"},"b":${text},"c":{"type":"long"},"e":{"type":"float"},"f":${text}}}}}`,
    )
  })

  test('an epoch format cannot be a dynamic date format', async () => {
    const response = await node.send('PUT', '/d', { mappings: { dynamic_date_formats: ['epoch_millis'] } })
    expect(jsonAt(response.body, 'error', 'reason')).toBe(
      'Failed to parse mapping: Epoch [epoch_millis] is not supported as dynamic date format',
    )
  })
})

describe('findTemplate', () => {
  const templates = (json: string): DynamicTemplate[] => parseDynamicTemplates(parseJson(json))

  test('path_match reads the full path, match the field name; unmatch and the kind must agree', () => {
    const list = templates(
      '[{"p":{"path_match":"user.*","path_unmatch":"user.secret","mapping":{}}},' +
        '{"n":{"match":"*_at","match_mapping_type":"date","mapping":{}}},' +
        '{"r":{"match":"^n\\\\d$","match_pattern":"regex","mapping":{}}}]',
    )
    expect(findTemplate(list, 'user.name', 'name', 'string')?.name).toBe('p')
    expect(findTemplate(list, 'user.secret', 'secret', 'string')).toBeNull()
    expect(findTemplate(list, 'created_at', 'created_at', 'date')?.name).toBe('n')
    expect(findTemplate(list, 'created_at', 'created_at', 'string')).toBeNull()
    expect(findTemplate(list, 'n1', 'n1', 'long')?.name).toBe('r')
    expect(findTemplate(list, 'xn1', 'xn1', 'long')).toBeNull()
  })

  test('a template naming no condition matches nothing', () => {
    expect(findTemplate(templates('[{"none":{"mapping":{}}}]'), 'a', 'a', 'string')).toBeNull()
  })
})
