// GET _mapping/field?include_defaults=true: every parameter of the field's Builder in its order, with its value or
// its default as ES 8.17's Parameter serializers write it (FieldMapper.Builder.toXContent; the
// indices.get_field_mapping/10_basic.yml "include_defaults" test), multi-fields too; defaults read from the index's
// index.mapping.* settings; a type not covered prints as without include_defaults.
import { beforeEach, expect, test } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

let node: TestNode

beforeEach(async () => {
  node = await startNode()
})

const mappingOf = async (index: string, field: string): Promise<string> => {
  const body = (await node.send('GET', `/${index}/_mapping/field/${field}?include_defaults=true`)).body
  const parsed = JSON.parse(body) as Record<string, { mappings: Record<string, { mapping: object }> }>
  return JSON.stringify(parsed[index]!.mappings[field]!.mapping)
}

test('text: the analyzers chained, the frequency filter as doubles, the keyword multi-field', async () => {
  await node.send('PUT', '/docs', {
    mappings: {
      properties: {
        title: {
          type: 'text',
          search_analyzer: 'simple',
          fields: { raw: { type: 'keyword', ignore_above: 256 } },
        },
      },
    },
  })
  const body = (await node.send('GET', '/docs/_mapping/field/title?include_defaults=true')).body
  expect(body).toBe(
    '{"docs":{"mappings":{"title":{"full_name":"title","mapping":{"title":{"type":"text","index":true,"store":false,' +
      '"index_options":"positions","norms":true,"term_vector":"no","analyzer":"default","search_analyzer":"simple",' +
      '"search_quote_analyzer":"simple","similarity":null,"position_increment_gap":100,"fielddata":false,' +
      '"fielddata_frequency_filter":{"min":0.0,"max":2.147483647E9,"min_segment_size":0},' +
      '"eager_global_ordinals":false,"index_phrases":false,"index_prefixes":null,"meta":{},' +
      '"fields":{"raw":{"type":"keyword","index":true,"doc_values":true,"store":false,"null_value":null,' +
      '"eager_global_ordinals":false,"ignore_above":256,"index_options":"docs","norms":false,"similarity":null,' +
      '"normalizer":null,"split_queries_on_whitespace":false,"script":null,"on_script_error":"fail","meta":{},' +
      '"time_series_dimension":false}}}}}}}}',
  )
})

test('numbers, dates, booleans and ips; ignore_malformed and coerce from the index settings', async () => {
  await node.send('PUT', '/metrics', {
    settings: { 'index.mapping.ignore_malformed': true, 'index.mapping.coerce': false },
    mappings: {
      properties: {
        price: { type: 'double', null_value: 1 },
        at: { type: 'date_nanos' },
        ok: { type: 'boolean', store: true },
        host: { type: 'ip' },
      },
    },
  })
  expect(await mappingOf('metrics', 'price')).toBe(
    '{"price":{"type":"double","index":true,"doc_values":true,"store":false,"ignore_malformed":true,' +
      '"coerce":false,"null_value":1,"script":null,"on_script_error":"fail","meta":{},' +
      '"time_series_dimension":false,"time_series_metric":null}}',
  )
  const raw = (await node.send('GET', '/metrics/_mapping/field/price?include_defaults=true')).body
  expect(raw).toContain('"null_value":1.0,')
  expect(await mappingOf('metrics', 'at')).toBe(
    '{"at":{"type":"date_nanos","index":true,"doc_values":true,"store":false,' +
      '"format":"strict_date_optional_time_nanos||epoch_millis","locale":"","null_value":null,' +
      '"ignore_malformed":true,"script":null,"on_script_error":"fail","meta":{}}}',
  )
  expect(await mappingOf('metrics', 'ok')).toBe(
    '{"ok":{"type":"boolean","meta":{},"doc_values":true,"index":true,"null_value":null,"store":true,' +
      '"script":null,"on_script_error":"fail","ignore_malformed":true}}',
  )
  expect(await mappingOf('metrics', 'host')).toBe(
    '{"host":{"type":"ip","index":true,"doc_values":true,"store":false,"ignore_malformed":true,' +
      '"null_value":null,"script":null,"on_script_error":"fail","meta":{},"time_series_dimension":false}}',
  )
})

test('without include_defaults only the parameters set; an uncovered type as it is', async () => {
  await node.send('PUT', '/shapes', {
    mappings: { properties: { at: { type: 'date' }, where: { type: 'geo_point' } } },
  })
  expect((await node.send('GET', '/shapes/_mapping/field/at')).body).toBe(
    '{"shapes":{"mappings":{"at":{"full_name":"at","mapping":{"at":{"type":"date"}}}}}}',
  )
  expect(await mappingOf('shapes', 'where')).toBe('{"where":{"type":"geo_point"}}')
})
