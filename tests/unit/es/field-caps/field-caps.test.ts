// GET|POST <index>/_field_caps as Elasticsearch 8.17 answers it: the cases of the field_caps YAML REST tests
// (10_basic.yml: types merged across indices with `indices`, `non_searchable_indices` and
// `non_aggregatable_indices` only where they differ, doc-values-only numbers searchable since 8.1, parent objects
// and nested fields, include_unmapped), the metadata fields of a standard index, the `filters` and `types`
// filters, `runtime_mappings`, and the request's errors. Fields print in the order of ES's HashMaps
// (field-capabilities-merge.ts).
import { beforeAll, describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

let node: TestNode

const nestedMappings = (object: 'object' | 'nested', level1: 'object' | 'nested') => ({ object, level1 })

beforeAll(async () => {
  node = await startNode()
  const kinds = [
    nestedMappings('object', 'nested'),
    nestedMappings('object', 'nested'),
    nestedMappings('nested', 'object'),
  ]
  const leaves = [
    { number: { type: 'double' }, geo: { type: 'geo_point' }, misc: { type: 'text' } },
    { number: { type: 'double' }, geo: { type: 'geo_point' }, date: { type: 'date', meta: { unit: 'u1' } } },
    { number: { type: 'long' }, geo: { type: 'keyword' }, date: { type: 'date', meta: { unit: 'u0' } } },
  ]
  const objects = [
    { nested1: { type: 'text', index: false }, nested2: { type: 'float', doc_values: false } },
    { nested1: { type: 'text', index: true }, nested2: { type: 'float', doc_values: true } },
    { nested1: { type: 'long', index: false }, nested2: { type: 'keyword', doc_values: false } },
  ]
  for (let i = 0; i < 3; i++) {
    await node.send('PUT', `/test${i + 1}`, {
      mappings: {
        properties: {
          text: { type: 'text' },
          keyword: { type: 'keyword' },
          ...leaves[i],
          object: { type: kinds[i]!.object, properties: objects[i] },
          level1: {
            type: kinds[i]!.level1,
            properties: { level2: { type: 'object', properties: { leaf1: { type: 'text', index: false } } } },
          },
        },
      },
    })
  }
}, 60_000)

async function caps(path: string, body?: object): Promise<string> {
  const response = await node.send(body === undefined ? 'GET' : 'POST', path, body)
  expect(response.status).toBe(200)
  return response.body
}

function cap(type: string, searchable: boolean, aggregatable: boolean, extra = ''): string {
  return (
    `{"type":"${type}","metadata_field":false,"searchable":${searchable},"aggregatable":${aggregatable}` +
    `${extra}}`
  )
}

describe('merging across indices', () => {
  it('lists the indices of each type only when a field has several, and those that differ', async () => {
    expect(await caps('/test1,test2,test3/_field_caps?fields=text,keyword,number,date,geo')).toBe(
      '{"indices":["test1","test2","test3"],"fields":{' +
        `"geo":{"keyword":${cap('keyword', true, true, ',"indices":["test3"]')},` +
        `"geo_point":${cap('geo_point', true, true, ',"indices":["test1","test2"]')}},` +
        `"date":{"date":${cap('date', true, true, ',"meta":{"unit":["u0","u1"]}')}},` +
        `"number":{"double":${cap('double', true, true, ',"indices":["test1","test2"]')},` +
        `"long":${cap('long', true, true, ',"indices":["test3"]')}},` +
        `"text":{"text":${cap('text', true, false)}},` +
        `"keyword":{"keyword":${cap('keyword', true, true)}}}}`,
    )
  })

  it('reports leaves with their non-searchable and non-aggregatable indices, and their parent objects', async () => {
    expect(await caps('/test1,test2,test3/_field_caps?fields=object*')).toBe(
      '{"indices":["test1","test2","test3"],"fields":{' +
        `"object.nested2":{"float":${cap('float', true, false, ',"indices":["test1","test2"],"non_aggregatable_indices":["test1"]')},` +
        `"keyword":${cap('keyword', true, false, ',"indices":["test3"]')}},` +
        `"object.nested1":{"text":${cap('text', false, false, ',"indices":["test1","test2"],"non_searchable_indices":["test1"]')},` +
        `"long":${cap('long', true, true, ',"indices":["test3"]')}},` +
        `"object":{"nested":${cap('nested', false, false, ',"indices":["test3"]')},` +
        `"object":${cap('object', false, false, ',"indices":["test1","test2"]')}}}}`,
    )
  })

  it('adds an unmapped type with include_unmapped', async () => {
    expect(await caps('/test1,test2,test3/_field_caps?fields=text,misc&include_unmapped')).toBe(
      '{"indices":["test1","test2","test3"],"fields":{' +
        `"text":{"text":${cap('text', true, false)}},` +
        `"misc":{"text":${cap('text', true, false, ',"indices":["test1"]')},` +
        `"unmapped":${cap('unmapped', false, false, ',"indices":["test2","test3"]')}}}}`,
    )
  })
})

describe('one index', () => {
  it('lists the metadata fields of a standard index', async () => {
    const meta = (name: string, type: string, searchable: boolean, aggregatable: boolean) =>
      `"${name}":{"${type}":{"type":"${type}","metadata_field":true,"searchable":${searchable},` +
      `"aggregatable":${aggregatable}}}`
    expect(await caps('/test2/_field_caps?fields=_*')).toBe(
      '{"indices":["test2"],"fields":{' +
        [
          meta('_routing', '_routing', true, false),
          meta('_doc_count', 'integer', false, false),
          meta('_ignored_source', '_ignored_source', false, false),
          meta('_index', '_index', true, true),
          meta('_feature', '_feature', false, false),
          meta('_index_mode', '_index_mode', true, true),
          meta('_ignored', '_ignored', true, true),
          meta('_tier', '_tier', true, true),
          meta('_seq_no', '_seq_no', true, true),
          meta('_nested_path', '_nested_path', true, false),
          meta('_data_stream_timestamp', '_data_stream_timestamp', false, false),
          meta('_field_names', '_field_names', true, false),
          meta('_source', '_source', false, false),
          meta('_id', '_id', true, false),
          meta('_version', '_version', false, true),
        ].join(',') +
        '}}',
    )
  })

  it('filters by type and by the filters parameter', async () => {
    const names = async (query: string) =>
      Object.keys(
        (JSON.parse(await caps(`/test2/_field_caps?fields=*&${query}`)) as { fields: object }).fields,
      )
    expect(await names('types=text')).toEqual([
      'level1.level2.leaf1',
      'level1.level2',
      'object.nested1',
      'text',
      'level1',
      'object',
    ])
    expect(await names('types=text&filters=-parent')).toEqual([
      'level1.level2.leaf1',
      'object.nested1',
      'text',
    ])
    expect(await names('types=text&filters=-nested')).toEqual(['object.nested1', 'text', 'object'])
    expect(await names('filters=%2Bmetadata&types=_id,integer')).toEqual(['_doc_count', '_id'])
    expect((await names('filters=-metadata')).filter((name) => name.startsWith('_'))).toEqual([])
  })

  it('reports runtime fields, which shadow mapped ones', async () => {
    expect(
      await caps('/test2/_field_caps', {
        fields: ['date', 'text'],
        runtime_mappings: { date: { type: 'keyword' } },
      }),
    ).toBe(
      `{"indices":["test2"],"fields":{"date":{"keyword":${cap('keyword', true, true)}},"text":{"text":${cap('text', true, false)}}}}`,
    )
  })

  it('answers an index without the fields, and no index at all', async () => {
    expect(await caps('/test1/_field_caps?fields=date')).toBe('{"indices":["test1"],"fields":{}}')
    expect(await caps('/nothing*/_field_caps?fields=*')).toBe('{"indices":[],"fields":{}}')
  })
})

describe('errors', () => {
  async function error(path: string, body?: object): Promise<unknown> {
    const response = await node.send(body === undefined ? 'GET' : 'POST', path, body)
    return {
      status: response.status,
      error: (JSON.parse(response.body) as { error: { type: string; reason: string } }).error,
    }
  }
  const failure = (status: number, type: string, reason: string) => ({
    status,
    error: { root_cause: [{ type, reason }], type, reason },
  })

  it('refuses a request without fields, fields given twice and an unknown filter', async () => {
    expect(await error('/test1/_field_caps')).toEqual(
      failure(
        400,
        'action_request_validation_exception',
        "Validation Failed: 1: specified fields can't be null or empty;",
      ),
    )
    expect(await error('/test1/_field_caps?fields=a', { fields: 'b' })).toEqual(
      failure(
        400,
        'illegal_argument_exception',
        "can't specify a request body and [fields] request parameter, either specify a request body or the " +
          '[fields] request parameter',
      ),
    )
    expect(await error('/test1/_field_caps?fields=a&filters=-objects')).toEqual(
      failure(400, 'illegal_argument_exception', 'Unknown field caps filter [-objects]'),
    )
  })

  it('refuses a missing index', async () => {
    expect(await error('/nope/_field_caps?fields=*')).toMatchObject({
      status: 404,
      error: { type: 'index_not_found_exception', reason: 'no such index [nope]' },
    })
  })
})
