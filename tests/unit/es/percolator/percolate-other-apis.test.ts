// The percolate query in the APIs that build it without the shard and resolve it where it runs (as ES builds it on
// the shard in each): _explain, _validate/query (document failures make it invalid; its explanation is
// PercolateQuery's text without the candidate query), _update_by_query and _delete_by_query, an indexed document
// fetched first in each.
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

const FOX = { percolate: { field: 'query', document: { message: 'The quick brown fox' } } }
const INDEXED = { percolate: { field: 'query', index: 'i', id: 'd' } }

async function queries(): Promise<TestNode> {
  const node = await startNode()
  await node.send('PUT', '/i', {
    mappings: {
      properties: { message: { type: 'text' }, n: { type: 'integer' }, query: { type: 'percolator' } },
    },
  })
  await node.send('PUT', '/i/_doc/3', { query: { match: { message: 'brown fox' } } })
  await node.send('PUT', '/i/_doc/4', { query: { match: { message: 'lazy dog' } } })
  await node.send('PUT', '/i/_doc/d?refresh', { message: 'a brown fox' })
  return node
}

async function body(node: TestNode, method: 'GET' | 'POST', path: string, query: object): Promise<string> {
  return (await node.send(method, path, { query })).body
}

describe('percolate query outside _search', () => {
  it('explains a stored query as PercolateQuery, matched or not', async () => {
    const node = await queries()
    expect(await body(node, 'GET', '/i/_explain/3', FOX)).toBe(
      '{"_index":"i","_id":"3","matched":true,' +
        '"explanation":{"value":0.26152915,"description":"PercolateQuery","details":[]}}',
    )
    expect(await body(node, 'GET', '/i/_explain/4', FOX)).toBe(
      '{"_index":"i","_id":"4","matched":false,"explanation":{"value":0.0,"description":"PercolateQuery","details":[]}}',
    )
    expect(await body(node, 'GET', '/i/_explain/3', INDEXED)).toContain('"matched":true')
  })

  it('validates it, the documents parsed with the mapping', async () => {
    const node = await queries()
    const shards = '{"_shards":{"total":1,"successful":1,"failed":0},'
    expect(await body(node, 'GET', '/i/_validate/query', FOX)).toBe(`${shards}"valid":true}`)
    expect(await body(node, 'GET', '/i/_validate/query?explain', INDEXED)).toBe(
      `${shards}"valid":true,"explanations":[{"index":"i","valid":true,` +
        '"explanation":"PercolateQuery{document_sources={{\\"message\\":\\"a brown fox\\"}\\n},inner={}}"}]}',
    )
    const malformed = { percolate: { field: 'query', document: { n: 'x' } } }
    expect(await body(node, 'GET', '/i/_validate/query?explain', malformed)).toBe(
      `${shards}"valid":false,"explanations":[{"index":"i","valid":false,"error":"document_parsing_exception: ` +
        "[1:6] failed to parse field [n] of type [integer] in document with id '_temp_id'. Preview of field's " +
        'value: \'x\'; java.lang.NumberFormatException: For input string: \\"x\\""}]}',
    )
    const none = { percolate: { field: 'query', documents: [] } }
    expect(await body(node, 'GET', '/i/_validate/query?explain', none)).toBe(
      `${shards}"valid":false,"explanations":[{"index":"i","valid":false,` +
        '"error":"illegal_state_exception: no document to percolate"}]}',
    )
  })

  it('updates and deletes the documents whose stored query matches', async () => {
    const node = await queries()
    expect(JSON.parse(await body(node, 'POST', '/i/_update_by_query?refresh', FOX))).toMatchObject({
      total: 1,
      updated: 1,
    })
    expect(JSON.parse(await body(node, 'POST', '/i/_delete_by_query?refresh', INDEXED))).toMatchObject({
      total: 1,
      deleted: 1,
    })
    // 3 was deleted (its query matches "a brown fox"), 4 and d stay
    const left = await node.send('GET', '/i/_search?filter_path=hits.hits._id', {
      query: { ids: { values: ['3', '4', 'd'] } },
    })
    expect(
      (JSON.parse(left.body) as { hits: { hits: Array<{ _id: string }> } }).hits.hits
        .map((hit) => hit._id)
        .sort(),
    ).toEqual(['4', 'd'])
  })
})
