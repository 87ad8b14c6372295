// sparse_vector fields and the sparse_vector query over REST, as ES 8.17 answers them (SparseVectorFieldMapper,
// SparseVectorQueryBuilder, WeightedTokensUtils.queryBuilderWithAllTokens) over Lucene's FeatureField: a weight kept
// as the term frequency bits >>> 15 (9 significant bits), a document scoring the sum of query weight × stored
// weight. Documents and the query vector are those of x-pack's ml/sparse_vector_search.yml (5.25 for doc 4).
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'
import { errorOf } from '../cluster-admin/cluster-admin-fixture.ts'

async function indexed(): Promise<TestNode> {
  const node = await startNode()
  const properties = { source_text: { type: 'keyword' }, 'ml.tokens': { type: 'sparse_vector' } }
  await node.send('PUT', '/s', { mappings: { properties } })
  await node.send('PUT', '/s/_doc/1', {
    source_text: 'my words comforter',
    ml: { tokens: { my: 0.5, words: 1.0, comforter: 2.0 } },
  })
  await node.send('PUT', '/s/_doc/4', {
    source_text: 'the octopus comforter smells',
    ml: { tokens: { the: 0.5, octopus: 2.0, comforter: 2.0, smells: 1.0 } },
  })
  // an array of objects: a token given twice keeps its largest weight; a smaller one is dropped unchecked
  await node.send('PUT', '/s/_doc/5', {
    ml: { tokens: [{ the: 0.5, '5.0k': 3 }, { the: 0.7, octopus: '1' }, { the: -1 }] },
  })
  await node.send('PUT', '/s/_doc/6?refresh', { source_text: 'empty', ml: { tokens: {} } })
  return node
}

async function search(
  node: TestNode,
  body: object,
  filter = 'hits.hits._id,hits.hits._score',
): Promise<string> {
  const response = await node.send('POST', `/s/_search?filter_path=${filter}`, body)
  return `${response.status} ${response.body}`
}

const VECTOR = { the: 0.5, comforter: 2.0, smells: 1.0, bad: 1.0 }

describe('sparse_vector mappings and documents', () => {
  it('maps meta only, never as a multi-field', async () => {
    const node = await indexed()
    expect((await node.send('GET', '/s/_mapping')).body).toBe(
      '{"s":{"mappings":{"properties":{"ml":{"properties":{"tokens":{"type":"sparse_vector"}}},"source_text":{"type":"keyword"}}}}}',
    )
    const store = await node.send('PUT', '/x', {
      mappings: { properties: { a: { type: 'sparse_vector', store: true } } },
    })
    expect(store.body).toBe(
      '{"error":{"root_cause":[{"type":"mapper_parsing_exception","reason":"unknown parameter [store] on mapper [a] of type [sparse_vector]"}],"type":"mapper_parsing_exception","reason":"Failed to parse mapping: unknown parameter [store] on mapper [a] of type [sparse_vector]","caused_by":{"type":"mapper_parsing_exception","reason":"unknown parameter [store] on mapper [a] of type [sparse_vector]"}},"status":400}',
    )
    const multi = { a: { type: 'text', fields: { s: { type: 'sparse_vector' } } } }
    const refused = await node.send('PUT', '/x', { mappings: { properties: multi } })
    expect(errorOf(refused.body).caused_by?.reason).toBe(
      "Field [s] of type [sparse_vector] can't be used in multifields",
    )
  })

  it('refuses what the mapper and FeatureField refuse, at the token', async () => {
    const node = await indexed()
    const failure = async (tokens: unknown): Promise<string> => {
      const response = await node.send('PUT', '/s/_doc/9', { 'ml.tokens': tokens })
      expect(response.status).toBe(400)
      const error = errorOf(response.body)
      return `${error.reason} (${error.caused_by?.type})`
    }
    expect(await failure(3)).toBe(
      '[1:14] failed to parse: [sparse_vector] fields must be json objects, expected a START_OBJECT but got: VALUE_NUMBER (illegal_argument_exception)',
    )
    expect(await failure(null)).toBe(
      '[1:14] failed to parse: [sparse_vector] fields must be json objects, expected a START_OBJECT but got: VALUE_NULL (illegal_argument_exception)',
    )
    expect(await failure([{ a: 1 }, 2])).toBe(
      '[1:23] failed to parse: [sparse_vector] fields must be json objects, expected a START_OBJECT but got: VALUE_NUMBER (illegal_argument_exception)',
    )
    expect(await failure({ a: true })).toBe(
      '[1:19] failed to parse: [sparse_vector] fields take hashes that map a feature to a strictly positive float, but got unexpected token VALUE_BOOLEAN (illegal_argument_exception)',
    )
    expect(await failure({ a: { b: 1 } })).toBe(
      '[1:19] failed to parse: [sparse_vector] fields take hashes that map a feature to a strictly positive float, but got unexpected token START_OBJECT (illegal_argument_exception)',
    )
    expect(await failure({ a: 'x' })).toBe(
      '[1:19] failed to parse: For input string: "x" (number_format_exception)',
    )
    expect(await failure({ a: -2 })).toBe(
      '[1:19] failed to parse: featureValue must be a positive normal float, got: -2.0 for feature a on field ml.tokens which is less than the minimum positive normal float: 1.17549435E-38 (illegal_argument_exception)',
    )
    // a larger weight replacing a kept one is checked as FeatureField.setFeatureValue checks it
    expect(await failure([{ a: 1 }, { a: 1e39 }])).toBe(
      '[1:28] failed to parse: featureValue must be finite, got: Infinity for feature a on field ml.tokens (illegal_argument_exception)',
    )
    expect((await node.send('PUT', '/s/_doc/9', { 'ml.tokens': { a: null } })).status).toBe(201)
  })

  it('is searchable, not aggregatable, and fetches its _source objects', async () => {
    const node = await indexed()
    expect((await node.send('GET', '/s/_field_caps?fields=ml.tokens&filter_path=fields')).body).toBe(
      '{"fields":{"ml.tokens":{"sparse_vector":{"type":"sparse_vector","metadata_field":false,"searchable":true,"aggregatable":false}},' +
        '"ml":{"object":{"type":"object","metadata_field":false,"searchable":false,"aggregatable":false}}}}',
    )
    expect(
      await search(node, { query: { ids: { values: ['5'] } }, fields: ['ml.tokens'] }, 'hits.hits.fields'),
    ).toBe(
      '200 {"hits":{"hits":[{"fields":{"ml.tokens":[{"the":0.5,"5.0k":3},{"the":0.7,"octopus":"1"},{"the":-1}]}}]}}',
    )
    const refusal = '[sparse_vector] fields do not support sorting, scripting or aggregating'
    for (const body of [{ aggs: { a: { terms: { field: 'ml.tokens' } } } }, { sort: ['ml.tokens'] }]) {
      const response = await node.send('POST', '/s/_search', body)
      expect(response.status).toBe(400)
      expect(errorOf(response.body).root_cause[0]?.reason).toBe(refusal)
    }
  })
})

describe('the sparse_vector query', () => {
  it('sums query weight × stored weight over the tokens, to the float', async () => {
    const node = await indexed()
    const query = (options: object): object => ({
      query: { sparse_vector: { field: 'ml.tokens', query_vector: VECTOR, ...options } },
    })
    // doc 5's `the` keeps 0.7, stored as 0.69921875
    expect(await search(node, query({}))).toBe(
      '200 {"hits":{"hits":[{"_id":"4","_score":5.25},{"_id":"1","_score":4.0},{"_id":"5","_score":0.34960938}]}}',
    )
    expect(
      await search(node, query({ boost: 100, _name: 'n' }), 'hits.hits._score,hits.hits.matched_queries'),
    ).toBe(
      '200 {"hits":{"hits":[{"_score":525.0,"matched_queries":["n"]},{"_score":400.0,"matched_queries":["n"]},{"_score":34.960938,"matched_queries":["n"]}]}}',
    )
    const empty = { query: { sparse_vector: { field: 'ml.tokens', query_vector: {} } } }
    expect(await search(node, empty, 'hits.total')).toBe('200 {"hits":{"total":{"value":0,"relation":"eq"}}}')
    const unmapped = { query: { sparse_vector: { field: 'nothing', query_vector: VECTOR } } }
    expect(await search(node, unmapped, 'hits.total')).toBe(
      '200 {"hits":{"total":{"value":0,"relation":"eq"}}}',
    )
    // a term query on the field is FeatureField's linear query of the token; exists matches any value, even {}
    expect(await search(node, { query: { term: { 'ml.tokens': { value: '5.0k', boost: 2 } } } })).toBe(
      '200 {"hits":{"hits":[{"_id":"5","_score":6.0}]}}',
    )
    expect(await search(node, { query: { exists: { field: 'ml.tokens' } } }, 'hits.total')).toBe(
      '200 {"hits":{"total":{"value":4,"relation":"eq"}}}',
    )
  })

  it('explains and describes itself as the bool of boosted FeatureQuerys it is', async () => {
    const node = await indexed()
    const query = {
      sparse_vector: { field: 'ml.tokens', query_vector: { the: 0.5, comforter: 2.0 }, boost: 2 },
    }
    const explained = await node.send('POST', '/s/_explain/4', { query })
    const linear = (feature: string, w: number, s: number, value: number): object => ({
      value,
      description: `Linear function on the ml.tokens field for the ${feature} feature, computed as w * S from:`,
      details: [
        { value: w, description: 'w, weight of this function', details: [] },
        { value: s, description: 'S, feature value', details: [] },
      ],
    })
    expect((JSON.parse(explained.body) as { explanation: unknown }).explanation).toEqual({
      value: 8.5,
      description: 'sum of:',
      details: [linear('the', 1, 0.5, 0.5), linear('comforter', 4, 2, 8)],
    })
    const validated = await node.send(
      'POST',
      '/s/_validate/query?explain&filter_path=explanations.explanation',
      {
        query: { sparse_vector: { field: 'ml.tokens', query_vector: { the: 0.5, comforter: 2.0 } } },
      },
    )
    expect(validated.body).toBe(
      '{"explanations":[{"explanation":"((FeatureQuery(field=ml.tokens, feature=the, function=LinearFunction))^0.5 (FeatureQuery(field=ml.tokens, feature=comforter, function=LinearFunction))^2.0)~1"}]}',
    )
  })

  it('refuses bad bodies as its parser and its builder do, wrapped by fromXContent', async () => {
    const node = await indexed()
    const refusal = async (options: object): Promise<string> => {
      const response = await node.send('POST', '/s/_search', { query: { sparse_vector: options } })
      const error = errorOf(response.body)
      const at = error.line === undefined ? '' : ` at ${error.line}:${error.col}`
      const cause = error.caused_by?.caused_by ?? error.caused_by ?? error.root_cause[0]!
      return `${response.status} ${error.type}${at}: ${cause.reason}`
    }
    expect(await refusal({ field: 'ml.tokens', foo: 1 })).toBe(
      '400 parsing_exception at 1:48: [1:48] [sparse_vector] unknown field [foo]',
    )
    expect(await refusal({ field: 7, query_vector: VECTOR })).toBe(
      "400 parsing_exception at 1:36: [1:36] [sparse_vector] field doesn't support values of type: VALUE_NUMBER",
    )
    expect(await refusal({ query_vector: VECTOR })).toBe('400 parsing_exception at 1:87: Required [field]')
    expect(await refusal({ field: 'ml.tokens' })).toBe(
      '400 parsing_exception at 1:47: [sparse_vector] requires one of [query_vector] or [inference_id]',
    )
    expect(await refusal({ field: 'ml.tokens', query_vector: { a: 'x' } })).toBe(
      '400 parsing_exception at 1:72: weight must be a number, was [x]',
    )
    expect(await refusal({ field: 'ml.tokens', inference_id: 'elser' })).toBe(
      '400 parsing_exception at 1:70: [sparse_vector] requires [query] when [inference_id] is specified',
    )
    expect(await refusal({ field: 'ml.tokens', query_vector: VECTOR, prune: 'x' })).toBe(
      '400 parsing_exception at 1:116: Failed to parse value [x] as only [true] or [false] are allowed.',
    )
    // no inference endpoint or trained model exists here
    expect(await refusal({ field: 'ml.tokens', inference_id: 'elser', query: 'octopus' })).toBe(
      '404 status_exception: [elser] is not an inference service model or a deployed ml model',
    )
    expect(await refusal({ field: 'source_text', query_vector: VECTOR })).toBe(
      '400 search_phase_execution_exception: failed to create query: field [source_text] must be type [sparse_vector] but is type [keyword]',
    )
    expect(await refusal({ field: 'ml.tokens', query_vector: { the: -1 } })).toBe(
      '400 search_phase_execution_exception: failed to create query: boost must be a positive float, got -1.0',
    )
    expect(await refusal({ field: 'ml.tokens', query_vector: VECTOR, prune: true })).toBe(
      '400 illegal_argument_exception: [prune] of a [sparse_vector] query is not available in the playground',
    )
  })
})

describe('the deprecated weighted_tokens query', () => {
  it('scores as sparse_vector does, on sparse_vector and rank_features fields, with its warning', async () => {
    const node = await indexed()
    await node.send('PUT', '/s/_mapping', { properties: { topics: { type: 'rank_features' } } })
    await node.send('PUT', '/s/_doc/7?refresh', { topics: { the: 3 } })
    const weighted = async (field: string, options: object): Promise<string> => {
      const response = await node.send('POST', '/s/_search?filter_path=hits.hits._id,hits.hits._score', {
        query: { weighted_tokens: { [field]: options } },
      })
      expect(response.warnings).toEqual([
        'weighted_tokens is deprecated and will be removed. Use sparse_vector instead.',
      ])
      return `${response.status} ${response.body}`
    }
    expect(await weighted('ml.tokens', { tokens: { the: '0.5', comforter: 2 }, boost: 2 })).toBe(
      '200 {"hits":{"hits":[{"_id":"4","_score":8.5},{"_id":"1","_score":8.0},{"_id":"5","_score":0.69921875}]}}',
    )
    expect(await weighted('topics', { tokens: { the: 2 } })).toBe(
      '200 {"hits":{"hits":[{"_id":"7","_score":6.0}]}}',
    )
  })

  it('refuses bad bodies as its fromXContent and doToQuery do', async () => {
    const node = await indexed()
    const refusal = async (query: object): Promise<string> => {
      const response = await node.send('POST', '/s/_search', { query: { weighted_tokens: query } })
      const error = errorOf(response.body)
      const at = error.line === undefined ? '' : ` at ${error.line}:${error.col}`
      return `${response.status} ${error.type}${at}: ${error.root_cause[0]?.reason}`
    }
    expect(await refusal({ 'ml.tokens': { tokens: {} } })).toBe(
      '400 illegal_argument_exception: [weighted_tokens] requires at least one token',
    )
    expect(await refusal({ 'ml.tokens': { tokens: { a: true } } })).toBe(
      '400 parse_exception: Illegal weight for token: [a], expected floating point got Boolean',
    )
    expect(await refusal({ 'ml.tokens': { tokens: { a: 'x' } } })).toBe(
      '400 number_format_exception: For input string: "x"',
    )
    expect(await refusal({ 'ml.tokens': { foo: 1 } })).toBe(
      '400 parsing_exception at 1:49: unknown field [foo]',
    )
    expect(await refusal({ 'ml.tokens': { tokens: { a: 1 } }, b: {} })).toBe(
      "400 parsing_exception at 1:65: [weighted_tokens] query doesn't support multiple fields, found [ml.tokens] and [b]",
    )
    expect(await refusal({ 'ml.tokens': 1 })).toBe('400 illegal_argument_exception: invalid query')
    expect(await refusal({})).toBe('400 parsing_exception at 1:30: No fieldname specified for query')
    expect(await refusal({ source_text: { tokens: { a: 1 } } })).toBe(
      '400 search_phase_execution_exception: failed to create query: [keyword] is not an appropriate field type for this query. Allowed field types are [rank_features, sparse_vector].',
    )
  })
})
