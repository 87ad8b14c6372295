// The `percolator` field type over REST, as ES 8.17's PercolatorFieldMapper parses a document's query: built against
// the mapping as it stands, unmapped fields refused (or taken as text under
// index.percolator.map_unmapped_fields_as_text), has_child/has_parent/knn refused, every failure wrapped by
// DocumentParser.wrapInDocumentParsingException ("failed to parse: ...", at the query's end).
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

async function percolatorIndex(settings: object = {}): Promise<TestNode> {
  const node = await startNode()
  const response = await node.send('PUT', '/q', {
    settings,
    mappings: { properties: { query: { type: 'percolator' }, message: { type: 'text' } } },
  })
  expect(response.body).toBe('{"acknowledged":true,"shards_acknowledged":true,"index":"q"}')
  return node
}

interface Failure {
  status: number
  error: {
    type: string
    reason: string
    caused_by: { type: string; reason: string; index?: string; line?: number; col?: number }
  }
}

async function indexed(node: TestNode, body: string): Promise<Failure> {
  const response = await node.send('PUT', '/q/_doc/1', body)
  return { status: response.status, ...(JSON.parse(response.body) as Omit<Failure, 'status'>) }
}

describe('percolator field', () => {
  it('maps and keeps a query over mapped fields', async () => {
    const node = await percolatorIndex()
    expect((await node.send('GET', '/q/_mapping')).body).toBe(
      '{"q":{"mappings":{"properties":{"message":{"type":"text"},"query":{"type":"percolator"}}}}}',
    )
    const put = await node.send('PUT', '/q/_doc/1?refresh=true', {
      query: { match: { message: 'bonsai tree' } },
    })
    expect(put.status).toBe(201)
    const got = await node.send('GET', '/q/_source/1')
    expect(got.body).toBe('{"query":{"match":{"message":"bonsai tree"}}}')
    // PercolatorFieldType: indexed, no fielddata
    expect((await node.send('GET', '/q/_field_caps?fields=query')).body).toBe(
      '{"indices":["q"],"fields":{"query":{"percolator":{"type":"percolator","metadata_field":false,' +
        '"searchable":true,"aggregatable":false}}}}',
    )
  })

  it('refuses a term query on the field itself as PercolatorFieldType.termQuery does', async () => {
    const node = await percolatorIndex()
    const response = await node.send('POST', '/q/_search', { query: { term: { query: 'x' } } })
    expect(response.status).toBe(400)
    const body = JSON.parse(response.body) as {
      error: { root_cause: Array<{ type: string; reason: string }> }
    }
    expect(body.error.root_cause[0]).toMatchObject({
      type: 'query_shard_exception',
      reason: 'Percolator fields are not searchable directly, use a percolate query instead',
      index: 'q',
    })
  })

  it('refuses a query on an unmapped field at the query end', async () => {
    const node = await percolatorIndex()
    const failure = await indexed(node, '{"query": {"term": {"other": "x"}}}')
    expect(failure.status).toBe(400)
    expect(failure.error.type).toBe('document_parsing_exception')
    expect(failure.error.reason).toBe(
      '[1:34] failed to parse: No field mapping can be found for the field with name [other]',
    )
    expect(failure.error.caused_by.type).toBe('query_shard_exception')
    expect(failure.error.caused_by.reason).toBe(
      'No field mapping can be found for the field with name [other]',
    )
    expect(failure.error.caused_by.index).toBe('q')
  })

  it('refuses a second query in an array at its start', async () => {
    const node = await percolatorIndex()
    const failure = await indexed(node, '{"query": [{"match_all": {}}, {"match_all": {}}]}')
    expect(failure.error.reason).toBe(
      '[1:31] failed to parse: a document can only contain one percolator query',
    )
    expect(failure.error.caused_by.type).toBe('illegal_argument_exception')
    const one = await node.send('PUT', '/q/_doc/1', '{"query": [{"match_all": {}}]}')
    expect(one.status).toBe(201)
  })

  it('takes an unmapped field as text under index.percolator.map_unmapped_fields_as_text', async () => {
    const node = await percolatorIndex({ 'index.percolator.map_unmapped_fields_as_text': true })
    const put = await node.send('PUT', '/q/_doc/1', { query: { match: { other: 'x' } } })
    expect(put.status).toBe(201)
  })

  it('refuses has_child, has_parent and knn inside the query', async () => {
    const node = await percolatorIndex()
    const failure = await indexed(
      node,
      '{"query": {"bool": {"must": [{"has_child": {"type": "c", "query": {"match_all": {}}}}]}}}',
    )
    expect(failure.error.reason).toBe(
      '[1:44] failed to parse: the [has_child] query is unsupported inside a percolator query',
    )
    expect(failure.error.caused_by.type).toBe('illegal_argument_exception')
  })

  it('wraps a parse failure of the query at the parser position its ParsingException carries', async () => {
    const node = await percolatorIndex()
    const unknown = await indexed(node, '{"query": {"nope": {}}}')
    expect(unknown.error.type).toBe('document_parsing_exception')
    expect(unknown.error.reason).toBe('[1:20] failed to parse: unknown query [nope]')
    expect(unknown.error.caused_by).toMatchObject({ type: 'parsing_exception', line: 1, col: 20 })
    const unsupported = await indexed(node, '{"query": {"match": {"message": {"bad": 1}}}}')
    expect(unsupported.error.reason).toBe('[1:41] failed to parse: [match] query does not support [bad]')
    // nothing was indexed
    expect((await node.send('GET', '/q/_doc/1')).status).toBe(404)
  })
})
