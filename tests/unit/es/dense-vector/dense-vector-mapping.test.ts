// The `dense_vector` field type over REST, as ES 8.17's DenseVectorFieldMapper answers (its Builder, ElementType and
// parse; DenseVectorFieldMapperTests; the 8.17 dense-vector docs): mapping defaults and errors, document failures,
// dims taken from the first document, `fields` from `_source`, sort refused.
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

async function mapped(properties: object): Promise<TestNode> {
  const node = await startNode()
  const response = await node.send('PUT', '/v', { mappings: { properties } })
  expect(response.body).toBe('{"acknowledged":true,"shards_acknowledged":true,"index":"v"}')
  return node
}

/** The reason and the caused_by type of a refused request. */
async function refusal(
  node: TestNode,
  method: 'PUT' | 'POST',
  path: string,
  body: object,
): Promise<string[]> {
  const response = await node.send(method, path, body)
  expect(response.status).toBe(400)
  const error = (JSON.parse(response.body) as { error: { reason: string; caused_by?: { type: string } } })
    .error
  return [error.reason, error.caused_by?.type ?? '']
}

async function mappingError(properties: object): Promise<string[]> {
  return refusal(await startNode(), 'PUT', '/x', { mappings: { properties } })
}

const INT8_HNSW = '"index_options":{"type":"int8_hnsw","m":16,"ef_construction":100}'

describe('dense_vector mappings', () => {
  it('prints the 8.17 defaults: indexed, cosine, int8_hnsw', async () => {
    const node = await mapped({
      a: { type: 'dense_vector', dims: 3 },
      b: { type: 'dense_vector', element_type: 'byte', dims: 2, similarity: 'l2_norm' },
      c: { type: 'dense_vector', index: false },
      d: { type: 'dense_vector', index_options: { type: 'hnsw', m: 8 }, similarity: 'max_inner_product' },
      e: { type: 'dense_vector', index_options: { type: 'flat' }, element_type: 'float' },
    })
    expect((await node.send('GET', '/v/_mapping')).body).toBe(
      '{"v":{"mappings":{"properties":{' +
        `"a":{"type":"dense_vector","dims":3,"index":true,"similarity":"cosine",${INT8_HNSW}},` +
        '"b":{"type":"dense_vector","element_type":"byte","dims":2,"index":true,"similarity":"l2_norm"},' +
        '"c":{"type":"dense_vector","index":false},' +
        '"d":{"type":"dense_vector","index":true,"similarity":"max_inner_product",' +
        '"index_options":{"type":"hnsw","m":8,"ef_construction":100}},' +
        '"e":{"type":"dense_vector","index":true,"similarity":"cosine","index_options":{"type":"flat"}}}}}}',
    )
    // the same mapping again, defaults left out, merges without a conflict
    const again = await node.send('PUT', '/v/_mapping', {
      properties: { a: { type: 'dense_vector', dims: 3 } },
    })
    expect(again.body).toBe('{"acknowledged":true}')
  })

  it('refuses bad parameters with the Builder errors', async () => {
    const dv = (extra: object): object => ({ a: { type: 'dense_vector', ...extra } })
    expect(await mappingError(dv({ dims: 0 }))).toEqual([
      'Failed to parse mapping: The number of dimensions should be in the range [1, 4096] but was [0]',
      'mapper_parsing_exception',
    ])
    expect(await mappingError(dv({ dims: 4097 }))).toEqual([
      'Failed to parse mapping: The number of dimensions should be in the range [1, 4096] but was [4097]',
      'mapper_parsing_exception',
    ])
    expect(await mappingError(dv({ dims: 'x' }))).toEqual([
      'Failed to parse mapping: Property [dims] on field [a] must be an integer but got [x]',
      'mapper_parsing_exception',
    ])
    expect(await mappingError(dv({ similarity: 'euclid' }))).toEqual([
      'Failed to parse mapping: Unknown value [euclid] for field [similarity] - accepted values are ' +
        '[l2_norm, dot_product, cosine, max_inner_product]',
      'mapper_parsing_exception',
    ])
    expect(await mappingError(dv({ index: false, similarity: 'cosine' }))).toEqual([
      'Failed to parse mapping: Field [similarity] can only be specified for a field of type [dense_vector] when it is indexed',
      'illegal_argument_exception',
    ])
    expect(await mappingError(dv({ index: false, index_options: { type: 'hnsw' } }))).toEqual([
      'Failed to parse mapping: Field [index_options] can only be specified for a field of type [dense_vector] when it is indexed',
      'illegal_argument_exception',
    ])
    expect(await mappingError(dv({ similarity: null }))).toEqual([
      'Failed to parse mapping: Field [index] requires field [similarity] to be configured and not null',
      'illegal_argument_exception',
    ])
    expect(await mappingError(dv({ index_options: { m: 4 } }))).toEqual([
      'Failed to parse mapping: [index_options] requires field [type] to be configured',
      'mapper_parsing_exception',
    ])
    expect(await mappingError(dv({ index_options: { type: 'ivf' } }))).toEqual([
      'Failed to parse mapping: Unknown vector index options type [ivf] for field [a]',
      'mapper_parsing_exception',
    ])
    expect(await mappingError(dv({ index_options: { type: 'flat', m: 3 } }))).toEqual([
      'Failed to parse mapping: Mapping definition for [a] has unsupported parameters:  [m : 3]',
      'mapper_parsing_exception',
    ])
    expect(await mappingError(dv({ element_type: 'byte', index_options: { type: 'int8_hnsw' } }))).toEqual([
      'Failed to parse mapping: [element_type] cannot be [byte] when using index type [int8_hnsw]',
      'illegal_argument_exception',
    ])
    expect(await mappingError(dv({ element_type: 'double' }))).toEqual([
      'Failed to parse mapping: invalid element_type [double]; available types are [byte, float, bit]',
      'mapper_parsing_exception',
    ])
    expect(await mappingError(dv({ norms: true }))).toEqual([
      'Failed to parse mapping: unknown parameter [norms] on mapper [a] of type [dense_vector]',
      'mapper_parsing_exception',
    ])
    expect(
      await mappingError({ t: { type: 'text', fields: { v: { type: 'dense_vector', dims: 2 } } } }),
    ).toEqual([
      "Failed to parse mapping: Field [v] of type [dense_vector] can't be used in multifields",
      'mapper_parsing_exception',
    ])
  })
})

describe('dense_vector documents', () => {
  const properties = {
    a: { type: 'dense_vector', dims: 3 },
    d: { type: 'dense_vector', dims: 2, similarity: 'dot_product' },
    b: { type: 'dense_vector', element_type: 'byte', dims: 2, similarity: 'l2_norm' },
  }

  it('refuses vectors as the mapper does, located at the token its parser is on', async () => {
    const node = await mapped(properties)
    const put = (id: string, doc: object): Promise<string[]> => refusal(node, 'PUT', `/v/_doc/${id}`, doc)
    expect(await put('1', { a: [1, 2] })).toEqual([
      "[1:10] failed to parse: The [dense_vector] field [a] in doc [document with id '1'] has a different number of " +
        'dimensions [2] than defined in the mapping [3]',
      'illegal_argument_exception',
    ])
    expect(await put('1', { a: [1, 2, 3, 4] })).toEqual([
      "[1:13] failed to parse: The [dense_vector] field [a] in doc [document with id '1'] has more dimensions than " +
        'defined in the mapping [3]',
      'illegal_argument_exception',
    ])
    expect(await put('1', { a: [1, 'x', 3] })).toEqual([
      '[1:9] failed to parse: Failed to parse object: expecting token of type [VALUE_NUMBER] but found [VALUE_STRING]',
      'parsing_exception',
    ])
    expect(await put('1', { d: [1, 2] })).toEqual([
      '[1:10] failed to parse: The [dot_product] similarity can only be used with unit-length vectors. Preview of ' +
        'invalid vector: [1.0, 2.0]',
      'illegal_argument_exception',
    ])
    expect(await put('1', { a: [0, 0, 0] })).toEqual([
      '[1:12] failed to parse: The [cosine] similarity does not support vectors with zero magnitude. Preview of ' +
        'invalid vector: [0.0, 0.0, 0.0]',
      'illegal_argument_exception',
    ])
    expect(await put('1', { a: [1e39, 0.1, 1] })).toEqual([
      '[1:18] failed to parse: element_type [float] vectors do not support infinite values but found [Infinity] at ' +
        'dim [0]; Preview of invalid vector: [Infinity, 0.1, 1.0]',
      'illegal_argument_exception',
    ])
    expect(await put('1', { b: [1.5, 2] })).toEqual([
      '[1:7] failed to parse: element_type [byte] vectors only support non-decimal values but found decimal value ' +
        '[1.5] at dim [0];',
      'illegal_argument_exception',
    ])
    expect(await put('1', { b: [1, 200] })).toEqual([
      '[1:9] failed to parse: element_type [byte] vectors only support integers between [-128, 127] but found [200] ' +
        'at dim [1];',
      'illegal_argument_exception',
    ])
    expect(await put('1', { a: {} })).toEqual([
      '[1:7] failed to parse: Failed to parse object: expecting token of type [VALUE_NUMBER] but found [END_OBJECT]',
      'parsing_exception',
    ])
    expect(await put('1', { d: [0.6, 0.802] })).toEqual([
      '[1:16] failed to parse: The [dot_product] similarity can only be used with unit-length vectors. Preview of ' +
        'invalid vector: [0.6, 0.802]',
      'illegal_argument_exception',
    ])
    // a vector within 1e-3 of unit length (squared), and a byte vector, are taken
    expect((await node.send('PUT', '/v/_doc/2', { d: [0.6, 0.8003], b: [-128, 127] })).status).toBe(201)
  })

  it('takes dims from the first vector, keeps _source as sent and fetches it as `fields`', async () => {
    const node = await mapped({ n: { type: 'dense_vector', similarity: 'l2_norm' } })
    expect((await node.send('PUT', '/v/_doc/1?refresh', { n: [0.5, 1, 0.1] })).status).toBe(201)
    expect((await node.send('GET', '/v/_mapping')).body).toBe(
      '{"v":{"mappings":{"properties":{"n":{"type":"dense_vector","dims":3,"index":true,"similarity":"l2_norm",' +
        `${INT8_HNSW}}}}}}`,
    )
    expect(await refusal(node, 'PUT', '/v/_doc/2', { n: [1, 2] })).toEqual([
      "[1:10] failed to parse: The [dense_vector] field [n] in doc [document with id '2'] has a different number of " +
        'dimensions [2] than defined in the mapping [3]',
      'illegal_argument_exception',
    ])
    const search = await node.send('POST', '/v/_search', { fields: ['n'], _source: ['n'] })
    expect(search.body).toContain('"_source":{"n":[0.5,1,0.1]},"fields":{"n":[0.5,1,0.1]}')
    const sort = await node.send('POST', '/v/_search', { sort: ['n'] })
    expect(sort.body).toContain('"reason":"Field [n] of type [dense_vector] doesn\'t support sort"')
  })

  it('is searchable by exists only: term and range refused, not aggregatable', async () => {
    const node = await mapped({ a: { type: 'dense_vector', dims: 3 } })
    await node.send('PUT', '/v/_doc/1?refresh', { a: [1, 2, 3] })
    const reason = async (query: object): Promise<string> => {
      const body = (await node.send('POST', '/v/_search', { query })).body
      return (JSON.parse(body) as { error: { root_cause: Array<{ reason: string }> } }).error.root_cause[0]!
        .reason
    }
    expect(await reason({ term: { a: 1 } })).toBe(
      "failed to create query: Field [a] of type [dense_vector] doesn't support term queries",
    )
    expect(await reason({ range: { a: { gte: 1 } } })).toBe(
      'failed to create query: Field [a] of type [dense_vector] does not support range queries',
    )
    const exists = await node.send('POST', '/v/_search', {
      query: { exists: { field: 'a' } },
      _source: false,
    })
    expect(exists.body).toContain('"hits":[{"_index":"v","_id":"1","_score":1.0}]')
    expect((await node.send('GET', '/v/_field_caps?fields=a')).body).toBe(
      '{"indices":["v"],"fields":{"a":{"dense_vector":{"type":"dense_vector","metadata_field":false,' +
        '"searchable":true,"aggregatable":false}}}}',
    )
  })
})
