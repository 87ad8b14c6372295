// The index.mapping.* limits (mapping-limits.ts, dynamic-fields-budget.ts) on index creation, PUT _mapping and a
// document's dynamic fields, as ES 8.17's MappingLookup.checkLimits and DocumentParserContext.addDynamicMapper
// enforce them: the "mapping explosion" lesson, total_fields.limit 2 and a document with three fields.
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

/** An error response's `error` reason and its cause's. */
function errorOf(body: string): { reason: string; caused_by: { reason: string } } {
  return (JSON.parse(body) as { error: { reason: string; caused_by: { reason: string } } }).error
}

function illegalArgument(reason: string): string {
  const cause = `{"type":"illegal_argument_exception","reason":${JSON.stringify(reason)}}`
  return `{"error":{"root_cause":[${cause}],"type":"illegal_argument_exception","reason":${JSON.stringify(reason)}},"status":400}`
}

async function created(settings: object, mappings: object = {}): Promise<TestNode> {
  const node = await startNode()
  const response = await node.send('PUT', '/idx', { settings, mappings })
  expect(response.status, response.body).toBe(200)
  return node
}

describe('index.mapping.total_fields.limit', () => {
  it('fails a document whose dynamic fields pass the limit, and maps none of them', async () => {
    const node = await created({ 'index.mapping.total_fields.limit': 2 })
    const response = await node.send('PUT', '/idx/_doc/1', { a: 1, b: 2, c: 3 })
    expect(response.status).toBe(400)
    const reason = 'Limit of total fields [2] has been exceeded while adding new fields [3]'
    expect(JSON.parse(response.body)).toEqual({
      error: {
        root_cause: [{ type: 'document_parsing_exception', reason: `[1:18] failed to parse: ${reason}` }],
        type: 'document_parsing_exception',
        reason: `[1:18] failed to parse: ${reason}`,
        caused_by: { type: 'illegal_argument_exception', reason },
      },
      status: 400,
    })
    const mapping = await node.send('GET', '/idx/_mapping')
    expect(mapping.body).toBe('{"idx":{"mappings":{}}}')
  })

  it('counts a text field with its keyword multi-field as 2', async () => {
    const node = await created({ 'index.mapping.total_fields.limit': 3 })
    const response = await node.send('PUT', '/idx/_doc/1', { a: 'x', b: 'y' })
    expect(errorOf(response.body).caused_by.reason).toBe(
      'Limit of total fields [3] has been exceeded while adding new fields [4]',
    )
  })

  it('refuses a PUT _mapping and an index creation past the limit with illegal_argument_exception', async () => {
    const node = await created({ 'index.mapping.total_fields.limit': 2 })
    const put = await node.send('PUT', '/idx/_mapping', {
      properties: { o: { properties: { x: { type: 'long' }, y: { type: 'long' } } } },
    })
    expect(put.body).toBe(illegalArgument('Limit of total fields [2] has been exceeded'))
    const create = await node.send('PUT', '/other', {
      settings: { 'index.mapping.total_fields.limit': 1 },
      mappings: { runtime: { r: { type: 'long' } }, properties: { a: { type: 'long' } } },
    })
    expect(create.body).toBe(illegalArgument('Limit of total fields [1] has been exceeded'))
  })

  it('under ignore_dynamic_beyond_limit leaves the fields beyond it unmapped', async () => {
    const node = await created({
      'index.mapping.total_fields.limit': 2,
      'index.mapping.total_fields.ignore_dynamic_beyond_limit': true,
    })
    const response = await node.send('PUT', '/idx/_doc/1?refresh=true', { a: 1, b: 2, c: 3 })
    expect(response.status, response.body).toBe(201)
    const mapping = await node.send('GET', '/idx/_mapping')
    expect(mapping.body).toBe('{"idx":{"mappings":{"properties":{"a":{"type":"long"},"b":{"type":"long"}}}}}')
  })

  it("lists the fields it left unmapped in the hit's _ignored, and indexes them there", async () => {
    const node = await created({
      'index.mapping.total_fields.limit': 2,
      'index.mapping.total_fields.ignore_dynamic_beyond_limit': true,
    })
    await node.send('PUT', '/idx/_doc/1?refresh=true', { a: 1, b: 2, c: 3, d: { e: 1 } })
    await node.send('PUT', '/idx/_doc/2?refresh=true', { a: 1 })
    const hits = await node.send('GET', '/idx/_search?filter_path=hits.hits._id,hits.hits._ignored', {
      sort: ['_doc'],
    })
    expect(hits.body).toBe('{"hits":{"hits":[{"_id":"1","_ignored":["c","d"]},{"_id":"2"}]}}')
    for (const query of [{ exists: { field: '_ignored' } }, { term: { _ignored: 'd' } }]) {
      const found = await node.send('GET', '/idx/_search?filter_path=hits.hits._id', { query })
      expect(found.body).toBe('{"hits":{"hits":[{"_id":"1"}]}}')
    }
  })
})

describe('the other mapping limits', () => {
  it('index.mapping.depth.limit: on PUT _mapping and on a dynamic object', async () => {
    const node = await created({ 'index.mapping.depth.limit': 2 })
    const put = await node.send('PUT', '/idx/_mapping', {
      properties: { a: { properties: { b: { properties: { c: { type: 'long' } } } } } },
    })
    expect(put.body).toBe(
      illegalArgument('Limit of mapping depth [2] has been exceeded due to object field [a.b]'),
    )
    const doc = await node.send('PUT', '/idx/_doc/1', { x: { y: { z: 1 } } })
    expect(errorOf(doc.body).reason).toBe(
      '[1:11] failed to parse: Limit of mapping depth [2] has been exceeded due to object field [x.y]',
    )
  })

  it('index.mapping.field_name_length.limit and nested_fields.limit', async () => {
    const node = await created({
      'index.mapping.field_name_length.limit': 3,
      'index.mapping.nested_fields.limit': 1,
    })
    const long = await node.send('PUT', '/idx/_mapping', { properties: { abcd: { type: 'long' } } })
    expect(long.body).toBe(illegalArgument('Field name [abcd] is longer than the limit of [3] characters'))
    const nested = await node.send('PUT', '/idx/_mapping', {
      properties: { n1: { type: 'nested' }, n2: { type: 'nested' } },
    })
    expect(nested.body).toBe(illegalArgument('Limit of nested fields [1] has been exceeded'))
  })
})

describe('the limits on templates (MetadataIndexTemplateService.validateTemplate, validateCompositeTemplate)', () => {
  /** An error body whose exceptions are illegal_argument_exceptions, each caused by the next; the first its root cause. */
  function chain(...reasons: string[]): string {
    const causes = reasons.reduceRight<string>(
      (inner, reason) =>
        `"type":"illegal_argument_exception","reason":${JSON.stringify(reason)}` +
        (inner === '' ? '' : `,"caused_by":{${inner}}`),
      '',
    )
    const root = `{"type":"illegal_argument_exception","reason":${JSON.stringify(reasons[0])}}`
    return `{"error":{"root_cause":[${root}],${causes}},"status":400}`
  }
  const limit = (n: number) => ({ 'index.mapping.total_fields.limit': n })
  const properties = (...names: string[]) => ({
    properties: Object.fromEntries(names.map((name) => [name, { type: 'long' }])),
  })

  it('checks a component template under its own settings, its error unwrapped', async () => {
    const node = await startNode()
    const put = await node.send('PUT', '/_component_template/c1', {
      template: { settings: limit(1), mappings: properties('a', 'b') },
    })
    expect(put.body).toBe(illegalArgument('Limit of total fields [1] has been exceeded'))
  })

  it('checks an index template composed with its component templates and the composed settings', async () => {
    const node = await startNode()
    await node.send('PUT', '/_component_template/c1', { template: { mappings: properties('a', 'b') } })
    const composed = await node.send('PUT', '/_index_template/t1', {
      index_patterns: ['logs-*'],
      composed_of: ['c1'],
      template: { settings: limit(2), mappings: properties('c') },
    })
    expect(composed.body).toBe(
      chain(
        'composable template [t1] template after composition with component templates [c1] is invalid',
        'invalid composite mappings for [t1]',
        'Limit of total fields [2] has been exceeded',
      ),
    )
    // a data stream template's mapping has @timestamp
    const dataStream = await node.send('PUT', '/_index_template/t2', {
      index_patterns: ['metrics-*'],
      data_stream: {},
      template: { settings: limit(1), mappings: properties('c') },
    })
    expect(dataStream.body).toBe(
      chain(
        'composable template [t2] template after composition is invalid',
        'invalid composite mappings for [t2]',
        'Limit of total fields [1] has been exceeded',
      ),
    )
    expect((await node.send('GET', '/_index_template/t*')).body).toBe('{"index_templates":[]}')
  })

  it('checks the index templates made of a component template it updates', async () => {
    const node = await startNode()
    await node.send('PUT', '/_component_template/c1', { template: { mappings: properties('a') } })
    const t1 = await node.send('PUT', '/_index_template/t1', {
      index_patterns: ['logs-*'],
      composed_of: ['c1'],
      template: { settings: limit(2), mappings: properties('c') },
    })
    expect(t1.status, t1.body).toBe(200)
    const update = await node.send('PUT', '/_component_template/c1', {
      template: { mappings: properties('a', 'b') },
    })
    expect(update.body).toBe(
      chain(
        'updating component template [c1] results in invalid composable template [t1] after templates are merged',
        'composable template [t1] template after composition with component templates [c1] is invalid',
        'invalid composite mappings for [t1]',
        'Limit of total fields [2] has been exceeded',
      ),
    )
  })
})
