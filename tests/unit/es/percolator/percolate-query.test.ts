// The `percolate` query over REST, as ES 8's PercolateQueryBuilder parses and builds it: each stored query run against
// an in-memory index of the given documents (scored with Lucene's BM25Similarity, as MemoryIndex scores: the docs'
// example scores), hits scored as PercolateQuery scores them, each with its matched slots
// (PercolatorMatchedSlotSubFetchPhase), and its parse and shard errors.
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

const INDEX = 'my-index-000001'

/** The index of the percolate query docs (query-dsl/percolate-query.asciidoc), with a second query. */
async function docsIndex(): Promise<TestNode> {
  const node = await startNode()
  await node.send('PUT', `/${INDEX}`, {
    mappings: { properties: { message: { type: 'text' }, query: { type: 'percolator' } } },
  })
  await node.send('PUT', `/${INDEX}/_doc/1?refresh`, { query: { match: { message: 'bonsai tree' } } })
  return node
}

async function search(node: TestNode, query: object, path = `/${INDEX}/_search`): Promise<string> {
  return (await node.send('GET', path, { query })).body
}

function hits(body: string): unknown {
  return (JSON.parse(body) as { hits: unknown }).hits
}

interface ErrorBody {
  status: number
  error: { type: string; reason: string; root_cause: Array<{ type: string; reason: string }> }
}

async function failure(node: TestNode, query: object): Promise<ErrorBody> {
  return JSON.parse((await node.send('GET', `/${INDEX}/_search`, { query })).body) as ErrorBody
}

const bonsai = { percolate: { field: 'query', document: { message: 'A new bonsai tree in the office' } } }

describe('percolate query', () => {
  it('matches a document as the docs example does, with its score and slot', async () => {
    const node = await docsIndex()
    expect(await search(node, bonsai)).toBe(
      '{"took":0,"timed_out":false,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0},' +
        '"hits":{"total":{"value":1,"relation":"eq"},"max_score":0.26152915,"hits":[{"_index":"my-index-000001",' +
        '"_id":"1","_score":0.26152915,"_source":{"query":{"match":{"message":"bonsai tree"}}},' +
        '"fields":{"_percolator_document_slot":[0]}}]}}',
    )
  })

  it('matches several documents: the best one scores, every matching slot is listed', async () => {
    const node = await docsIndex()
    const body = await search(node, {
      percolate: {
        field: 'query',
        documents: [
          { message: 'bonsai tree' },
          { message: 'new tree' },
          { message: 'the office' },
          { message: 'office tree' },
        ],
      },
    })
    expect(hits(body)).toEqual({
      total: { value: 1, relation: 'eq' },
      max_score: 0.7093853,
      hits: [
        {
          _index: INDEX,
          _id: '1',
          _score: 0.7093853,
          _source: { query: { match: { message: 'bonsai tree' } } },
          fields: { _percolator_document_slot: [0, 1, 3] },
        },
      ],
    })
  })

  it('names each percolate query slot field when the query holds several', async () => {
    const node = await docsIndex()
    await node.send('PUT', `/${INDEX}/_doc/2?refresh`, { query: { match: { message: 'office' } } })
    const body = await search(node, {
      bool: {
        should: [
          { percolate: { field: 'query', document: { message: 'bonsai tree' }, name: 'query1' } },
          {
            percolate: {
              field: 'query',
              documents: [{ message: 'tulip flower' }, { message: 'the office' }],
              name: 'query2',
            },
          },
        ],
      },
    })
    const found = hits(body) as { hits: Array<{ _id: string; fields: object }> }
    expect(found.hits.map((hit) => [hit._id, hit.fields])).toEqual([
      ['2', { _percolator_document_slot_query2: [1] }],
      ['1', { _percolator_document_slot_query1: [0] }],
    ])
  })

  it('scores constantly in filter context and ignores its boost, as PercolateQuery does', async () => {
    const node = await docsIndex()
    const filtered = hits(await search(node, { constant_score: { filter: bonsai } })) as { max_score: number }
    expect(filtered.max_score).toBe(1)
    const boosted = { percolate: { ...bonsai.percolate, boost: 3 } }
    expect((hits(await search(node, boosted)) as { max_score: number }).max_score).toBe(0.26152915)
  })

  it('explains and profiles a hit as PercolateQuery', async () => {
    const node = await docsIndex()
    const response = await node.send('GET', `/${INDEX}/_search`, {
      query: bonsai,
      explain: true,
      profile: true,
    })
    const body = JSON.parse(response.body) as {
      hits: { hits: Array<{ _explanation: unknown }> }
      profile: { shards: Array<{ searches: Array<{ query: Array<{ type: string }> }> }> }
    }
    expect(body.hits.hits[0]!._explanation).toEqual({
      value: 0.26152915,
      description: 'PercolateQuery',
      details: [],
    })
    expect(body.profile.shards[0]!.searches[0]!.query[0]!.type).toBe('PercolateQuery')
  })

  it('takes only documents with a query as candidates, and a query stored in an array', async () => {
    const node = await docsIndex()
    await node.send('PUT', `/${INDEX}/_doc/2?refresh`, { message: 'A new bonsai tree in the office' })
    await node.send('PUT', `/${INDEX}/_doc/3?refresh`, { query: [{ match: { message: 'office' } }] })
    const found = hits(await search(node, bonsai)) as { hits: Array<{ _id: string }> }
    expect(found.hits.map((hit) => hit._id).sort()).toEqual(['1', '3'])
    expect((await node.send('GET', `/${INDEX}/_count`, { query: bonsai })).body).toBe(
      '{"count":2,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0}}',
    )
  })

  it('runs stored queries over nested documents, slots counting root documents only', async () => {
    const node = await startNode()
    await node.send('PUT', '/q', {
      mappings: {
        properties: {
          query: { type: 'percolator' },
          title: { type: 'text' },
          comments: { type: 'nested', properties: { text: { type: 'text' } } },
        },
      },
    })
    await node.send('PUT', '/q/_doc/1', {
      query: { nested: { path: 'comments', query: { match: { 'comments.text': 'great' } } } },
    })
    await node.send('PUT', '/q/_doc/2?refresh', { query: { match: { title: 'fox' } } })
    const documents = [
      { title: 'a fox', comments: [{ text: 'bad' }] },
      { title: 'dog', comments: [{ text: 'great' }, { text: 'fox' }] },
      { title: 'fox' },
    ]
    const found = hits(await search(node, { percolate: { field: 'query', documents } }, '/q/_search')) as {
      hits: Array<{ _id: string; _score: number; fields: object }>
    }
    // title fox: idf ln(1 + 1.5 / 2.5) over the three roots, the best root "fox" (length 1, average 4/3)
    expect(found.hits.map((hit) => [hit._id, hit._score, hit.fields])).toEqual([
      ['1', 0.44583148, { _percolator_document_slot: [1] }],
      ['2', 0.23797652, { _percolator_document_slot: [0, 2] }],
    ])
  })

  it('refuses a field the mapping lacks or of another type on the shard', async () => {
    const node = await docsIndex()
    const missing = await failure(node, { percolate: { field: 'nope', document: {} } })
    expect(missing.status).toBe(400)
    expect(missing.error.root_cause[0]).toMatchObject({
      type: 'query_shard_exception',
      reason: 'field [nope] does not exist',
    })
    const text = await failure(node, { percolate: { field: 'message', document: {} } })
    expect(text.error.root_cause[0]!.reason).toBe(
      'expected field [message] to be of type [percolator], but is of type [text]',
    )
    const none = await failure(node, { percolate: { field: 'query', documents: [] } })
    expect(none.status).toBe(500)
    expect(none.error.root_cause[0]).toEqual({
      type: 'illegal_state_exception',
      reason: 'no document to percolate',
    })
  })

  it("refuses a malformed body with its ObjectParser's texts", async () => {
    const node = await docsIndex()
    const cases: Array<[object, string, string]> = [
      [
        { field: 'query', document: {}, documents: [] },
        'illegal_argument_exception',
        'The following fields are not allowed together: [document, documents] ',
      ],
      [
        { field: 'query' },
        'illegal_argument_exception',
        'Required one of fields [document, documents, id], but none were specified. ',
      ],
      [{ document: {} }, 'illegal_argument_exception', 'Required [field]'],
      [{ field: 'query', docs: {} }, 'x_content_parse_exception', '[1:40] [percolate] unknown field [docs]'],
      [
        { field: 1, document: {} },
        'x_content_parse_exception',
        "[1:32] [percolate] field doesn't support values of type: VALUE_NUMBER",
      ],
      [
        { field: 'query', id: '1' },
        'x_content_parse_exception',
        '[1:48] Failed to build [percolate] after last required field arrived',
      ],
    ]
    for (const [body, type, reason] of cases) {
      const refused = await failure(node, { percolate: body })
      expect(refused.status).toBe(400)
      expect(refused.error).toMatchObject({ type, reason })
    }
  })

  it('percolates an indexed document, fetched by a GET as the rewrite fetches it (10_basic.yml)', async () => {
    const node = await indexedDocuments()
    const expected =
      '{"took":0,"timed_out":false,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0},' +
      '"hits":{"total":{"value":1,"relation":"eq"},"max_score":1.0,"hits":[{"_index":"queries_index",' +
      '"_id":"test_percolator","_score":1.0,"_source":{"query":{"match_all":{}}},' +
      '"fields":{"_percolator_document_slot":[0]}}]}}'
    const stored = { percolate: { field: 'query', index: 'documents_index', id: 'some_id' } }
    expect(await search(node, stored, '/queries_index/_search')).toBe(expected)
    // routed, at its version, with a preference: the same document
    const routed = {
      percolate: { ...stored.percolate, id: 'routed', routing: 'r1', preference: '_local', version: 1 },
    }
    expect(await search(node, routed, '/queries_index/_search')).toBe(expected)
    const msearch = await node.send(
      'POST',
      '/_msearch',
      '{"index":"queries_index"}\n' + JSON.stringify({ query: stored }) + '\n',
    )
    const responses = (JSON.parse(msearch.body) as { responses: Array<{ hits: { total: unknown } }> })
      .responses
    expect(responses[0]!.hits.total).toEqual({ value: 1, relation: 'eq' })
    expect((await node.send('GET', '/queries_index/_count', { query: stored })).body).toBe(
      '{"count":1,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0}}',
    )
  })

  it("fails the request with the GET's and the rewrite's errors", async () => {
    const node = await indexedDocuments()
    const refused = async (query: object): Promise<string> =>
      (
        await node.send('GET', '/queries_index/_search', {
          query: { percolate: { field: 'query', ...query } },
        })
      ).body
    expect(await refused({ index: 'documents_index', id: 'nope' })).toBe(
      '{"error":{"root_cause":[{"type":"resource_not_found_exception",' +
        '"reason":"indexed document [documents_index/nope] couldn\'t be found"}],' +
        '"type":"resource_not_found_exception","reason":"indexed document [documents_index/nope] couldn\'t be found"},' +
        '"status":404}',
    )
    expect(await refused({ index: 'no_source', id: '1' })).toBe(
      '{"error":{"root_cause":[{"type":"illegal_argument_exception",' +
        '"reason":"indexed document [no_source/1] source disabled"}],"type":"illegal_argument_exception",' +
        '"reason":"indexed document [no_source/1] source disabled"},"status":400}',
    )
    const conflict = JSON.parse(
      await refused({ index: 'documents_index', id: 'some_id', version: 2 }),
    ) as ErrorBody
    expect(conflict.status).toBe(409)
    expect(conflict.error).toMatchObject({
      type: 'version_conflict_engine_exception',
      reason: '[some_id]: version conflict, current version [1] is different than the one provided [2]',
      shard: '0',
      index: 'documents_index',
    })
    const missing = JSON.parse(await refused({ index: 'missing', id: '1' })) as ErrorBody
    expect([missing.status, missing.error.type, missing.error.reason]).toEqual([
      404,
      'index_not_found_exception',
      'no such index [missing]',
    ])
    const both = JSON.parse(
      await refused({ index: 'documents_index', id: 'some_id', document: {} }),
    ) as ErrorBody
    expect(both.error).toMatchObject({
      type: 'illegal_argument_exception',
      reason: 'The following fields are not allowed together: [id, document] ',
    })
    const version = JSON.parse(
      await refused({ index: 'documents_index', id: 'some_id', version: 'one' }),
    ) as {
      error: object
    }
    expect(version.error).toEqual({
      root_cause: [
        { type: 'x_content_parse_exception', reason: '[1:91] [percolate] failed to parse field [version]' },
      ],
      type: 'x_content_parse_exception',
      reason: '[1:91] [percolate] failed to parse field [version]',
      caused_by: { type: 'number_format_exception', reason: 'For input string: "one"' },
    })
  })
})

/** The indices of 10_basic.yml, a routed document and an index without `_source`. */
async function indexedDocuments(): Promise<TestNode> {
  const node = await startNode()
  const foo = { foo: { type: 'keyword' } }
  await node.send('PUT', '/queries_index', {
    mappings: { properties: { query: { type: 'percolator' }, ...foo } },
  })
  await node.send('PUT', '/documents_index', { mappings: { properties: foo } })
  await node.send('PUT', '/no_source', { mappings: { _source: { enabled: false }, properties: foo } })
  await node.send('PUT', '/queries_index/_doc/test_percolator?refresh', { query: { match_all: {} } })
  await node.send('PUT', '/documents_index/_doc/some_id', { foo: 'bar' })
  await node.send('PUT', '/documents_index/_doc/routed?routing=r1', { foo: 'bar' })
  await node.send('PUT', '/no_source/_doc/1', { foo: 'bar' })
  return node
}
