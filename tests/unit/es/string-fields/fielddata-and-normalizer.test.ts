// A text field's `fielddata` (TextFieldMapper, PagedBytesIndexFieldData: its analyzed terms as doc values, read by
// aggregations, sorts and docvalue_fields) and a keyword's `normalizer` (KeywordFieldMapper.normalizeValue on the
// indexed value, KeywordFieldType.indexedValueForSearch and normalizeWildcardPattern on query values, the built-in
// `lowercase` normalizer, the mapping's "normalizer [x] not found for field [k]").
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

async function search(node: TestNode, index: string, filter: string, body: object): Promise<unknown> {
  const response = await node.send('POST', `/${index}/_search?filter_path=${filter}`, body)
  expect(response.status).toBe(200)
  return JSON.parse(response.body)
}

describe('text fielddata', () => {
  it('aggregates, sorts and fetches the analyzed terms once fielddata is true', async () => {
    const node = await startNode()
    await node.send('PUT', '/fd', {
      mappings: {
        properties: { t: { type: 'text', fielddata: true, analyzer: 'english' }, u: { type: 'text' } },
      },
    })
    await node.send('PUT', '/fd/_doc/1', { t: 'The Quick brown foxes', u: 'x' })
    await node.send('PUT', '/fd/_doc/2', { t: ['quick QUICK dogs', 'Lazy'] })
    await node.send('POST', '/fd/_refresh')
    expect(
      await search(node, 'fd', 'aggregations', { size: 0, aggs: { w: { terms: { field: 't' } } } }),
    ).toEqual({
      aggregations: {
        w: {
          doc_count_error_upper_bound: 0,
          sum_other_doc_count: 0,
          buckets: [
            { key: 'quick', doc_count: 2 },
            { key: 'brown', doc_count: 1 },
            { key: 'dog', doc_count: 1 },
            { key: 'fox', doc_count: 1 },
            { key: 'lazi', doc_count: 1 },
          ],
        },
      },
    })
    const sorted = await search(node, 'fd', 'hits.hits._id,hits.hits.sort,hits.hits.fields', {
      sort: [{ t: 'desc' }],
      docvalue_fields: ['t'],
      _source: false,
    })
    expect(sorted).toEqual({
      hits: {
        hits: [
          { _id: '1', fields: { t: ['brown', 'fox', 'quick'] }, sort: ['quick'] },
          { _id: '2', fields: { t: ['dog', 'lazi', 'quick'] }, sort: ['quick'] },
        ],
      },
    })
    const refused = await node.send('POST', '/fd/_search', {
      size: 0,
      aggs: { w: { terms: { field: 'u' } } },
    })
    expect(refused.status).toBe(400)
    expect(refused.body).toContain('Fielddata is disabled on [u] in [fd].')
  })
})

describe('keyword normalizer', () => {
  async function normalized(): Promise<TestNode> {
    const node = await startNode()
    await node.send('PUT', '/n', {
      settings: {
        analysis: { normalizer: { folded: { type: 'custom', filter: ['lowercase', 'asciifolding'] } } },
      },
      mappings: {
        properties: {
          k: { type: 'keyword', normalizer: 'folded', ignore_above: 8 },
          l: { type: 'keyword', normalizer: 'lowercase' },
        },
      },
    })
    await node.send('PUT', '/n/_doc/1', { k: 'Café BAR', l: 'Hello World' })
    await node.send('PUT', '/n/_doc/2', { k: 'ÉCOLE Supérieure', l: 'HELLO there' })
    await node.send('POST', '/n/_refresh')
    return node
  }

  it('indexes and aggregates the normalized value; ignore_above reads the value as given', async () => {
    const node = await normalized()
    expect(
      await search(node, 'n', 'aggregations.k.buckets', { size: 0, aggs: { k: { terms: { field: 'k' } } } }),
    ).toEqual({ aggregations: { k: { buckets: [{ key: 'cafe bar', doc_count: 1 }] } } })
    const ids = async (query: object): Promise<unknown> =>
      ((await search(node, 'n', 'hits.hits._id', { query, sort: ['_doc'] })) as { hits?: unknown }).hits ??
      null
    expect(await ids({ term: { k: 'CAFE bar' } })).toEqual({ hits: [{ _id: '1' }] })
    expect(await ids({ terms: { l: ['hello WORLD', 'nothing'] } })).toEqual({ hits: [{ _id: '1' }] })
    expect(await ids({ match: { l: 'HELLO THERE' } })).toEqual({ hits: [{ _id: '2' }] })
    expect(await ids({ prefix: { l: 'HEL' } })).toEqual({ hits: [{ _id: '1' }, { _id: '2' }] })
    // the wildcard runs stay as they are; only the text between them is normalized
    expect(await ids({ wildcard: { l: 'HEL*WOR?D' } })).toEqual({ hits: [{ _id: '1' }] })
    expect(await ids({ range: { k: { gte: 'CA', lt: 'CB' } } })).toEqual({ hits: [{ _id: '1' }] })
    expect(await ids({ fuzzy: { l: 'HELLO WORLX' } })).toEqual({ hits: [{ _id: '1' }] })
    const analyzed = await node.send('POST', '/n/_analyze', { field: 'k', text: 'Ça VA' })
    expect((JSON.parse(analyzed.body) as { tokens: Array<{ token: string }> }).tokens[0]!.token).toBe('ca va')
  })

  it('fails a mapping that names a normalizer the index lacks', async () => {
    const node = await startNode()
    const response = await node.send('PUT', '/m', {
      mappings: { properties: { k: { type: 'keyword', normalizer: 'folded' } } },
    })
    expect(JSON.parse(response.body)).toEqual({
      error: {
        root_cause: [
          { type: 'mapper_parsing_exception', reason: 'normalizer [folded] not found for field [k]' },
        ],
        type: 'mapper_parsing_exception',
        reason: 'Failed to parse mapping: normalizer [folded] not found for field [k]',
        caused_by: {
          type: 'mapper_parsing_exception',
          reason: 'normalizer [folded] not found for field [k]',
        },
      },
      status: 400,
    })
  })
})
