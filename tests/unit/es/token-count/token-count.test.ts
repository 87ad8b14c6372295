// token_count over REST, as ES 8.17's TokenCountFieldMapper answers (modules/mapper-extras, its YAML test
// token_count/10_basic.yml and TokenCountFieldMapperTests): the positions its analyzer makes of a value, kept as an
// integer with doc values, queried, sorted, aggregated and fetched as an integer.
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'
import { countPositions } from '../../../../workers/es/index/mapper/token-count-field.ts'

const MAPPINGS = {
  settings: {
    number_of_shards: 1,
    analysis: { analyzer: { stopped: { type: 'standard', stopwords: ['the', 'a'] } } },
  },
  mappings: {
    properties: {
      name: {
        type: 'text',
        fields: {
          length: { type: 'token_count', analyzer: 'standard' },
          kept: { type: 'token_count', analyzer: 'stopped', enable_position_increments: false },
          gaps: { type: 'token_count', analyzer: 'stopped' },
        },
      },
      count: { type: 'token_count', analyzer: 'standard', null_value: 0 },
      count_without_dv: { type: 'token_count', analyzer: 'standard', doc_values: false },
    },
  },
}

async function indexed(): Promise<TestNode> {
  const node = await startNode()
  expect((await node.send('PUT', '/t', MAPPINGS)).status).toBe(200)
  await node.send('PUT', '/t/_doc/1', { name: 'John Smith', count: 'some text', count_without_dv: 'a b c' })
  await node.send('PUT', '/t/_doc/2', { name: 'Rachel Alice Williams', count: null })
  await node.send('PUT', '/t/_doc/3?refresh', { name: 'the quick fox and a dog', count: 42 })
  return node
}

async function ids(node: TestNode, body: object): Promise<string[]> {
  const response = await node.send('POST', '/t/_search', body)
  expect(response.status).toBe(200)
  return (JSON.parse(response.body) as { hits: { hits: Array<{ _id: string }> } }).hits.hits.map((h) => h._id)
}

function errorOf(body: string): { reason: string; caused_by?: { reason: string } } {
  return (JSON.parse(body) as { error: { reason: string; caused_by?: { reason: string } } }).error
}

describe('token_count mappings', () => {
  it('prints its parameters in the Builder order and requires an analyzer', async () => {
    const node = await startNode()
    const body = {
      mappings: {
        properties: {
          c: {
            meta: { m: 'x' },
            enable_position_increments: 'false',
            null_value: '3',
            analyzer: 'whitespace',
            store: true,
            type: 'token_count',
          },
        },
      },
    }
    expect((await node.send('PUT', '/m', body)).status).toBe(200)
    expect((await node.send('GET', '/m/_mapping')).body).toBe(
      '{"m":{"mappings":{"properties":{"c":{"type":"token_count","store":true,"analyzer":"whitespace",' +
        '"null_value":3,"enable_position_increments":false,"meta":{"m":"x"}}}}}}',
    )
    const missing = await node.send('PUT', '/n', { mappings: { properties: { c: { type: 'token_count' } } } })
    expect(missing.status).toBe(400)
    expect(errorOf(missing.body).reason).toBe(
      "Failed to parse mapping: Analyzer must be set for field [c] but wasn't.",
    )
    const decimal = await node.send('PUT', '/n', {
      mappings: { properties: { c: { type: 'token_count', analyzer: 'standard', null_value: 1.5 } } },
    })
    expect(errorOf(decimal.body).caused_by?.reason).toBe('1.5 is not an integer value')
    const text = await node.send('PUT', '/n', {
      mappings: { properties: { c: { type: 'token_count', analyzer: 'standard', null_value: 'x' } } },
    })
    expect(errorOf(text.body).caused_by?.reason).toBe('For input string: "x"')
    const unknown = await node.send('PUT', '/n', {
      mappings: { properties: { c: { type: 'token_count', analyzer: 'nope' } } },
    })
    expect(errorOf(unknown.body).reason).toBe(
      'Failed to parse mapping: analyzer [nope] has not been configured in mappings',
    )
  })

  it('updates its analyzer but not its other parameters', async () => {
    const node = await indexed()
    const analyzer = await node.send('PUT', '/t/_mapping', {
      properties: { count: { type: 'token_count', analyzer: 'whitespace', null_value: 0 } },
    })
    expect(analyzer.status).toBe(200)
    const nullValue = await node.send('PUT', '/t/_mapping', {
      properties: { count: { type: 'token_count', analyzer: 'whitespace', null_value: 1 } },
    })
    expect(errorOf(nullValue.body).reason).toBe(
      'Mapper for [count] conflicts with existing mapper:\n\tCannot update parameter [null_value] from [0] to [1]',
    )
  })
})

describe('token_count values', () => {
  it('counts positions, with and without position increments (countPositions)', () => {
    expect(countPositions([], true)).toBe(0)
    expect(countPositions([1, 2, 4], true)).toBe(5)
    expect(countPositions([1, 2, 4], false)).toBe(3)
    expect(countPositions([0, 0, 1], false)).toBe(2)
  })

  it('fetches the count from doc values, none without them (10_basic.yml)', async () => {
    const node = await indexed()
    const response = await node.send('POST', '/t/_search', {
      query: { ids: { values: ['1'] } },
      fields: ['count', 'count_without_dv', 'name.*'],
      docvalue_fields: ['name.gaps'],
      _source: false,
    })
    const hit = (JSON.parse(response.body) as { hits: { hits: Array<{ fields: Record<string, unknown> }> } })
      .hits.hits[0]!
    expect(hit.fields).toEqual({
      count: [2],
      'name.length': [2],
      'name.kept': [2],
      'name.gaps': [2],
    })
  })

  it('is queried, sorted and aggregated as an integer', async () => {
    const node = await indexed()
    // "the quick fox and a dog": 6 tokens; the stop words leave 4 at positions 1, 2, 3, 5
    expect(await ids(node, { query: { term: { 'name.length': 6 } } })).toEqual(['3'])
    expect(await ids(node, { query: { term: { 'name.kept': 4 } } })).toEqual(['3'])
    expect(await ids(node, { query: { term: { 'name.gaps': 6 } } })).toEqual(['3'])
    expect(await ids(node, { query: { range: { 'name.length': { gte: 3 } } } })).toEqual(['2', '3'])
    expect(await ids(node, { query: { term: { count: 0 } } })).toEqual(['2'])
    // a number's text is one token
    expect(await ids(node, { query: { term: { count: 1 } } })).toEqual(['3'])
    expect(await ids(node, { query: { match: { count: '2' } } })).toEqual(['1'])
    expect(await ids(node, { sort: [{ 'name.length': 'desc' }] })).toEqual(['3', '2', '1'])
    const aggs = await node.send('POST', '/t/_search', {
      size: 0,
      aggs: { lengths: { terms: { field: 'name.length' } }, total: { sum: { field: 'name.length' } } },
    })
    expect(JSON.parse(aggs.body)).toMatchObject({
      aggregations: {
        lengths: {
          buckets: [
            { key: 2, doc_count: 1 },
            { key: 3, doc_count: 1 },
            { key: 6, doc_count: 1 },
          ],
        },
        total: { value: 11 },
      },
    })
  })
})
