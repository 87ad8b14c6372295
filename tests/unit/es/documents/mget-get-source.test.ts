// _mget and _source filtering on GET through EsNode, as exact compact JSON from Elasticsearch 8.17: the
// Multi get API reference (docs-multi-get.html: docs, ids, per-document _source), the YAML REST tests under
// rest-api-spec/test/mget (10_basic: a missing index is an error entry; 15_ids; 70_source_filtering) and
// get_source (10_basic, 80_missing: "Document not found [index]/[id]"), MultiGetResponse.Failure.toXContent.
import { describe, expect, it } from 'vitest'
import { startNode } from '../node/es-node-fixture.ts'

const validation = (reason: string): string => {
  const cause = `{"type":"action_request_validation_exception","reason":"Validation Failed: ${reason}"}`
  return `{"error":{"root_cause":[${cause}],${cause.slice(1, -1)}},"status":400}`
}

describe('_mget', () => {
  it('answers found, not found and missing-index entries in request order (mget/10_basic)', async () => {
    const { send } = await startNode()
    await send('PUT', '/test_1/_doc/1', { foo: 'bar' })
    const response = await send('GET', '/_mget', {
      docs: [
        { _index: 'test_2', _id: '1' },
        { _index: 'test_1', _id: '2' },
        { _index: 'test_1', _id: '1' },
      ],
    })
    expect(response.status).toBe(200)
    const infe =
      '"type":"index_not_found_exception","reason":"no such index [test_2]","resource.type":"index_or_alias","resource.id":"test_2","index_uuid":"_na_","index":"test_2"'
    expect(response.body).toBe(
      '{"docs":[' +
        `{"_index":"test_2","_id":"1","error":{"root_cause":[{${infe}}],${infe}}},` +
        '{"_index":"test_1","_id":"2","found":false},' +
        '{"_index":"test_1","_id":"1","_version":1,"_seq_no":0,"_primary_term":1,"found":true,"_source":{"foo":"bar"}}]}',
    )
  })

  it('ids with the index from the path; per-document _source and routing; parameters as defaults', async () => {
    const { send } = await startNode()
    await send('PUT', '/test/_doc/1', { a: 1, b: { c: 2 } })
    await send('PUT', '/test/_doc/2?routing=r', { a: 2 })
    expect((await send('POST', '/test/_mget?_source=false', { ids: ['1', '3'] })).body).toBe(
      '{"docs":[{"_index":"test","_id":"1","_version":1,"_seq_no":0,"_primary_term":1,"found":true},{"_index":"test","_id":"3","found":false}]}',
    )
    expect(
      (
        await send('POST', '/test/_mget', {
          docs: [
            { _id: '1', _source: 'b' },
            { _id: '2', routing: 'r', _source: { includes: ['a'] } },
          ],
        })
      ).body,
    ).toBe(
      '{"docs":[{"_index":"test","_id":"1","_version":1,"_seq_no":0,"_primary_term":1,"found":true,"_source":{"b":{"c":2}}},' +
        '{"_index":"test","_id":"2","_version":1,"_seq_no":1,"_primary_term":1,"_routing":"r","found":true,"_source":{"a":2}}]}',
    )
  })

  it('validation: no documents, a missing index or id per doc; unknown keys', async () => {
    const { send } = await startNode()
    expect((await send('GET', '/_mget', { docs: [] })).body).toBe(validation('1: no documents to get;'))
    expect((await send('GET', '/_mget', { docs: [{ _id: '1' }, { _index: 'x' }] })).body).toBe(
      validation('1: index is missing for doc 0;2: id is missing for doc 1;'),
    )
    expect((await send('GET', '/_mget', { ids: ['1'] })).body).toBe(
      validation('1: index is missing for doc 0;'),
    )
    const unknown = await send('GET', '/x/_mget', { idz: ['1'] })
    expect(unknown.status).toBe(400)
    expect(unknown.body).toContain(
      '"type":"parse_exception","reason":"unknown key [idz] for a START_ARRAY, expected [docs] or [ids]"',
    )
  })
})

describe('GET with _source filtering and GET _source', () => {
  it('_source=false drops it; includes/excludes re-serialize the kept part', async () => {
    const { send } = await startNode()
    await send('PUT', '/test/_doc/1', '{"include":{"field1":"v1","field2":2.50},"count":1}')
    const head = '{"_index":"test","_id":"1","_version":1,"_seq_no":0,"_primary_term":1,"found":true'
    expect((await send('GET', '/test/_doc/1?_source=false')).body).toBe(`${head}}`)
    expect((await send('GET', '/test/_doc/1?_source=include.field1')).body).toBe(
      `${head},"_source":{"include":{"field1":"v1"}}}`,
    )
    expect((await send('GET', '/test/_doc/1?_source_includes=include&_source_excludes=*.field2')).body).toBe(
      `${head},"_source":{"include":{"field1":"v1"}}}`,
    )
    expect((await send('GET', '/test/_doc/1?_source_excludes=count')).body).toBe(
      `${head},"_source":{"include":{"field1":"v1","field2":2.5}}}`,
    )
  })

  it('stored_fields without _source leaves the source out (ShardGetService.normalizeFetchSourceContent)', async () => {
    const { send } = await startNode()
    await send('PUT', '/test/_doc/1', { tags: ['production'], counter: 1 })
    const meta = '"_index":"test","_id":"1","_version":1,"_seq_no":0,"_primary_term":1,"found":true'
    expect((await send('GET', '/test/_doc/1?stored_fields=tags,counter')).body).toBe(`{${meta}}`)
    expect((await send('GET', '/test/_doc/1?stored_fields=tags,_source')).body).toBe(
      `{${meta},"_source":{"tags":["production"],"counter":1}}`,
    )
    expect((await send('GET', '/test/_doc/1?stored_fields=tags&_source=counter')).body).toBe(
      `{${meta},"_source":{"counter":1}}`,
    )
    const mget = await send('GET', '/test/_mget?stored_fields=tags', {
      docs: [{ _id: '1' }, { _id: '1', stored_fields: ['_source'] }, { _id: '1', _source: ['counter'] }],
    })
    expect(mget.body).toBe(
      `{"docs":[{${meta}},{${meta},"_source":{"tags":["production"],"counter":1}},{${meta},"_source":{"counter":1}}]}`,
    )
    expect((await send('GET', '/test/_mget', { docs: [{ _id: '1', stored_fields: 'tags' }] })).body).toBe(
      `{"docs":[{${meta}}]}`,
    )
  })

  it('GET /<index>/_source/<id> answers the source alone, or resource_not_found_exception', async () => {
    const { send } = await startNode()
    await send('PUT', '/test_1/_doc/1', '{ "foo": "bar" }')
    const found = await send('GET', '/test_1/_source/1')
    expect([found.status, found.body]).toEqual([200, '{ "foo": "bar" }'])
    expect((await send('GET', '/test_1/_source/1?_source_includes=nothing')).body).toBe('{}')
    const missing = await send('GET', '/test_1/_source/2')
    expect(missing.status).toBe(404)
    const cause = '{"type":"resource_not_found_exception","reason":"Document not found [test_1]/[2]"}'
    expect(missing.body).toBe(`{"error":{"root_cause":[${cause}],${cause.slice(1, -1)}},"status":404}`)
    expect((await send('HEAD', '/test_1/_source/2')).status).toBe(404)
  })

  it('index and delete with if_seq_no/if_primary_term: 409 bodies, validation, parameter errors', async () => {
    const { send } = await startNode()
    await send('PUT', '/test/_doc/1', { a: 1 })
    const stale = await send('DELETE', '/test/_doc/1?if_seq_no=3&if_primary_term=1')
    expect(stale.status).toBe(409)
    expect(stale.body).toContain(
      '"reason":"[1]: version conflict, required seqNo [3], primary term [1]. current document has seqNo [0] and primary term [1]"',
    )
    const missing = await send('PUT', '/test/_doc/2?if_seq_no=0&if_primary_term=1', { a: 2 })
    expect(missing.body).toContain(
      '"reason":"[2]: version conflict, required seqNo [0], primary term [1]. but no document was found"',
    )
    expect((await send('PUT', '/test/_doc/1?if_seq_no=0&if_primary_term=1', { a: 3 })).body).toContain(
      '"_version":2,"result":"updated"',
    )
    expect((await send('PUT', '/test/_doc/1?if_primary_term=1', { a: 3 })).body).toBe(
      validation('1: ifSeqNo is unassigned, but primary term is [1];'),
    )
    expect((await send('PUT', '/test/_create/9?if_seq_no=0&if_primary_term=1', { a: 3 })).body).toBe(
      validation('1: create operations do not support compare and set. use index instead;'),
    )
    const bad = await send('DELETE', '/test/_doc/1?if_seq_no=abc&if_primary_term=1')
    expect(bad.body).toBe(
      '{"error":{"root_cause":[{"type":"illegal_argument_exception","reason":"Failed to parse long parameter [if_seq_no] with value [abc]"}],' +
        '"type":"illegal_argument_exception","reason":"Failed to parse long parameter [if_seq_no] with value [abc]",' +
        '"caused_by":{"type":"number_format_exception","reason":"For input string: \\"abc\\""}},"status":400}',
    )
    expect((await send('GET', '/test/_doc/1')).body).toContain('"_version":2,')
  })
})
