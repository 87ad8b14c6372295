// _bulk through EsNode.handleRequest, compared as exact compact JSON with what Elasticsearch 8.17 answers
// on one node (number_of_replicas 1 unassigned: _shards total 2, successful 1). Sources: the Bulk API
// reference (docs-bulk.html, its example request and response), BulkRequestParser and its tests
// (BulkRequestParserTests: the error texts), BulkResponse.toXContentChunked (errors, took, items),
// BulkItemResponse.toXContent, and the YAML REST tests under rest-api-spec/test/bulk.
import { describe, expect, it } from 'vitest'
import { startNode } from '../node/es-node-fixture.ts'

const shards = '"_shards":{"total":2,"successful":1,"failed":0}'
const uuidOf = (body: string): string => /"index_uuid":"([^"]{22})"/.exec(body)?.[1] ?? 'no uuid'
const illegalArgument = (reason: string): string => {
  const cause = `{"type":"illegal_argument_exception","reason":${JSON.stringify(reason)}}`
  return `{"error":{"root_cause":[${cause}],${cause.slice(1, -1)}},"status":400}`
}

describe('_bulk', () => {
  it("answers the reference page's example item by item, in order", async () => {
    const { send } = await startNode()
    const body =
      '{ "index" : { "_index" : "test", "_id" : "1" } }\n{ "field1" : "value1" }\n' +
      '{ "delete" : { "_index" : "test", "_id" : "2" } }\n' +
      '{ "create" : { "_index" : "test", "_id" : "3" } }\n{ "field1" : "value3" }\n' +
      '{ "update" : {"_id" : "1", "_index" : "test"} }\n{ "doc" : {"field2" : "value2"} }\n'
    const response = await send('POST', '/_bulk', body)
    expect(response.status).toBe(200)
    expect(response.body).toBe(
      '{"errors":false,"took":0,"items":[' +
        `{"index":{"_index":"test","_id":"1","_version":1,"result":"created",${shards},"_seq_no":0,"_primary_term":1,"status":201}},` +
        `{"delete":{"_index":"test","_id":"2","_version":1,"result":"not_found",${shards},"_seq_no":1,"_primary_term":1,"status":404}},` +
        `{"create":{"_index":"test","_id":"3","_version":1,"result":"created",${shards},"_seq_no":2,"_primary_term":1,"status":201}},` +
        `{"update":{"_index":"test","_id":"1","_version":2,"result":"updated",${shards},"_seq_no":3,"_primary_term":1,"status":200}}]}`,
    )
    expect((await send('GET', '/test/_doc/1')).body).toBe(
      '{"_index":"test","_id":"1","_version":2,"_seq_no":3,"_primary_term":1,"found":true,"_source":{"field1":"value1","field2":"value2"}}',
    )
  })

  it('fails items alone: later items still run, earlier ones stay, errors is true', async () => {
    const { send } = await startNode()
    await send('PUT', '/test/_doc/1', { a: 1 })
    const response = await send(
      'POST',
      '/test/_bulk',
      '{"update":{"_id":"9"}}\n{"doc":{"a":1}}\n{"create":{"_id":"1"}}\n{"a":2}\n' +
        '{"index":{"_id":"5"}}\n\n{"index":{"_id":"6"}}\n{"a":\n{"index":{"_id":"7"}}\n{"a":7}\n',
    )
    const uuid = uuidOf(response.body)
    const shard = `"index_uuid":"${uuid}","shard":"0","index":"test"`
    expect(response.status).toBe(200)
    expect(response.body).toBe(
      '{"errors":true,"took":0,"items":[' +
        `{"update":{"_index":"test","_id":"9","status":404,"error":{"type":"document_missing_exception","reason":"[9]: document missing",${shard}}}},` +
        `{"create":{"_index":"test","_id":"1","status":409,"error":{"type":"version_conflict_engine_exception","reason":"[1]: version conflict, document already exists (current version [1])",${shard}}}},` +
        '{"index":{"_index":"test","_id":"5","status":400,"error":{"type":"document_parsing_exception","reason":"[0:0] failed to parse, document is empty"}}},' +
        '{"index":{"_index":"test","_id":"6","status":400,"error":{"type":"document_parsing_exception","reason":"[1:6] failed to parse: Unexpected end-of-input within/between Object entries",' +
        '"caused_by":{"type":"json_e_o_f_exception","reason":"Unexpected end-of-input within/between Object entries\\n at [Source: (org.elasticsearch.common.io.stream.ByteBufferStreamInput); line: 1, column: 6]"}}}},' +
        `{"index":{"_index":"test","_id":"7","_version":1,"result":"created",${shards},"_seq_no":1,"_primary_term":1,"status":201}}]}`,
    )
    expect((await send('GET', '/test/_doc/1')).body).toContain('"_version":1,')
  })

  it('refresh=true makes every written item say forced_refresh and the documents searchable', async () => {
    const { send } = await startNode()
    const response = await send(
      'PUT',
      '/idx/_bulk?refresh=true',
      '{"index":{"_id":"1"}}\n{"t":"quick fox"}\n',
    )
    expect(response.body).toBe(
      `{"errors":false,"took":0,"items":[{"index":{"_index":"idx","_id":"1","_version":1,"result":"created","forced_refresh":true,${shards},"_seq_no":0,"_primary_term":1,"status":201}}]}`,
    )
    expect((await send('GET', '/idx/_count', { query: { match: { t: 'fox' } } })).body).toContain(
      '"count":1,',
    )
    await send('POST', '/idx/_bulk?refresh=wait_for', '{"index":{"_id":"2"}}\n{"t":"lazy fox"}\n')
    expect((await send('GET', '/idx/_count', { query: { match: { t: 'fox' } } })).body).toContain(
      '"count":2,',
    )
  })

  it('an action without _id gets a 20-character generated id', async () => {
    const { send } = await startNode()
    const response = await send('POST', '/idx/_bulk', '{"index":{}}\n{"a":1}\n{"create":{}}\n{"a":2}\n')
    const ids = [...response.body.matchAll(/"_id":"([^"]+)"/g)].map((m) => m[1])
    expect(ids).toHaveLength(2)
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{20}$/)
    expect(ids[0]).not.toBe(ids[1])
  })

  it('an index or create item with an empty _id fails alone (IndexRouting.process); others run (bulk/10_basic)', async () => {
    const { send } = await startNode()
    const body =
      '{"index":{"_index":"test","_id":""}}\n{"f":1}\n' +
      '{"create":{"_index":"test","_id":""}}\n{"f":2}\n' +
      '{"index":{"_index":"test","_id":"id"}}\n{"f":3}\n'
    const response = await send('POST', '/_bulk', body)
    const failure =
      '"status":400,"error":{"type":"illegal_argument_exception","reason":"if _id is specified it must not be empty"}'
    expect(response.body).toBe(
      '{"errors":true,"took":0,"items":[' +
        `{"index":{"_index":"test","_id":"",${failure}}},` +
        `{"create":{"_index":"test","_id":"",${failure}}},` +
        `{"index":{"_index":"test","_id":"id","_version":1,"result":"created",${shards},"_seq_no":0,"_primary_term":1,"status":201}}]}`,
    )
  })

  it('routing, if_seq_no/if_primary_term and _source on update items', async () => {
    const { send } = await startNode()
    await send('PUT', '/r', { settings: { number_of_shards: 3 } })
    const response = await send(
      'POST',
      '/_bulk',
      '{"index":{"_index":"r","_id":"1","routing":"u1"}}\n{"a":1}\n' +
        '{"index":{"_index":"r","_id":"1","routing":"u1","if_seq_no":5,"if_primary_term":1}}\n{"a":2}\n' +
        '{"update":{"_index":"r","_id":"1","routing":"u1","_source":true,"retry_on_conflict":3}}\n{"doc":{"b":2}}\n',
    )
    const uuid = uuidOf(response.body)
    const item = (JSON.parse(response.body) as { items: Array<Record<string, { _seq_no: number }>> })
      .items as Array<Record<string, { _seq_no: number; status: number }>>
    const seqNo = item[0]!.index!._seq_no
    expect(response.body).toBe(
      '{"errors":true,"took":0,"items":[' +
        `{"index":{"_index":"r","_id":"1","_version":1,"result":"created",${shards},"_seq_no":${seqNo},"_primary_term":1,"status":201}},` +
        `{"index":{"_index":"r","_id":"1","status":409,"error":{"type":"version_conflict_engine_exception","reason":"[1]: version conflict, required seqNo [5], primary term [1]. current document has seqNo [${seqNo}] and primary term [1]","index_uuid":"${uuid}","shard":"${/"shard":"(\d)"/.exec(response.body)?.[1]}","index":"r"}}},` +
        `{"update":{"_index":"r","_id":"1","_version":2,"result":"updated",${shards},"_seq_no":${seqNo + 1},"_primary_term":1,"get":{"_seq_no":${seqNo + 1},"_primary_term":1,"found":true,"_source":{"a":1,"b":2}},"status":200}}]}`,
    )
    expect((await send('GET', '/r/_doc/1?routing=u1')).body).toContain('"_routing":"u1","found":true,')
  })

  it('require_alias refuses the item: there are no aliases to write through', async () => {
    const { send } = await startNode()
    const response = await send(
      'POST',
      '/_bulk?require_alias=true',
      '{"index":{"_index":"logs","_id":"1"}}\n{"a":1}\n',
    )
    expect(response.body).toBe(
      '{"errors":true,"took":0,"items":[{"index":{"_index":"logs","_id":"1","status":404,"error":{"type":"index_not_found_exception",' +
        '"reason":"no such index [logs] and [require_alias] request flag is [true] and [logs] is not an alias","index_uuid":"_na_","index":"logs"}}}]}',
    )
    expect((await send('GET', '/logs')).status).toBe(404)
  })

  it.each([
    ['{"index":{"_index":"t","_id":"1"}}\n{"a":1}', 'The bulk request must be terminated by a newline [\\n]'],
    [
      '{"invalidaction":{}}\n{}\n',
      'Malformed action/metadata line [1], expected field [create], [delete], [index] or [update] but found [invalidaction]',
    ],
    ['\n[1]\n', 'Malformed action/metadata line [2], expected START_OBJECT but found [START_ARRAY]'],
    ['{}\n', 'Malformed action/metadata line [1], expected FIELD_NAME but found [END_OBJECT]'],
    [
      '{"index":"t"}\n{}\n',
      'Malformed action/metadata line [1], expected START_OBJECT or END_OBJECT but found [VALUE_STRING]',
    ],
    ['{"index":{"_index":"t","x":1}}\n{}\n', 'Action/metadata line [1] contains an unknown parameter [x]'],
    [
      '{"index":{"_id":["1"]}}\n{}\n',
      'Malformed action/metadata line [1], expected a simple value for field [_id] but found [START_ARRAY]',
    ],
    [
      '{"update":{"_index":"t","_id":"1","version":2}}\n{"doc":{}}\n',
      'Update requests do not support versioning. Please use `if_seq_no` and `if_primary_term` instead',
    ],
  ])('refuses a malformed body before applying anything: %j', async (body, reason) => {
    const { send } = await startNode()
    const response = await send('POST', '/t/_bulk', `{"index":{"_id":"0"}}\n{"a":0}\n${body}`)
    expect(response.status).toBe(400)
    expect(response.body).toBe(
      illegalArgument(reason.replace(/line \[(\d)\]/, (_, n) => `line [${Number(n) + 2}]`)),
    )
    expect((await send('GET', '/t/_doc/0')).status).toBe(404)
  })

  it('validation: no requests, a missing index, compare-and-set misuse', async () => {
    const { send } = await startNode()
    const failed = (errors: string) => {
      const cause = `{"type":"action_request_validation_exception","reason":"Validation Failed: ${errors}"}`
      return `{"error":{"root_cause":[${cause}],${cause.slice(1, -1)}},"status":400}`
    }
    expect((await send('POST', '/_bulk', '\n')).body).toBe(failed('1: no requests added;'))
    expect((await send('POST', '/_bulk', '{"index":{"_index":"x"}}\n')).body).toBe(
      failed('1: no requests added;'),
    )
    expect(
      (await send('POST', '/_bulk', '{"index":{"_id":"1"}}\n{}\n{"delete":{"_index":"x"}}\n')).body,
    ).toBe(failed('1: index is missing;2: id is missing;'))
    expect(
      (
        await send(
          'POST',
          '/x/_bulk',
          '{"create":{"_id":"1","if_seq_no":1,"if_primary_term":1}}\n{}\n{"delete":{"_id":"1","if_seq_no":1}}\n',
        )
      ).body,
    ).toBe(
      failed(
        '1: create operations do not support compare and set. use index instead;2: ifSeqNo is set, but primary term is [0];',
      ),
    )
    expect((await send('GET', '/x')).status).toBe(404)
  })

  it('a delete on a missing index fails its item with index_not_found_exception and creates nothing', async () => {
    const { send } = await startNode()
    const response = await send('POST', '/_bulk', '{"delete":{"_index":"gone","_id":"1"}}\n')
    expect(response.body).toBe(
      '{"errors":true,"took":0,"items":[{"delete":{"_index":"gone","_id":"1","status":404,"error":{"type":"index_not_found_exception",' +
        '"reason":"no such index [gone]","resource.type":"index_or_alias","resource.id":"gone","index_uuid":"_na_","index":"gone"}}}]}',
    )
  })

  it('an index item whose source does not parse still auto-creates its index (the shard parses sources)', async () => {
    const { send } = await startNode()
    const response = await send('POST', '/_bulk', '{"index":{"_index":"fresh","_id":"1"}}\n{"a":\n')
    expect(response.body).toContain('"status":400,"error":{"type":"document_parsing_exception"')
    expect((await send('GET', '/_cat/indices?h=index,docs.count')).body).toBe('fresh 0\n')
  })

  it('persists every item: a restarted node has the documents', async () => {
    const node = await startNode()
    await node.send(
      'POST',
      '/p/_bulk',
      '{"index":{"_id":"1"}}\n{"a":1}\n{"update":{"_id":"1"}}\n{"doc":{"b":2}}\n{"index":{"_id":"2"}}\n{"a":2}\n{"delete":{"_id":"2"}}\n',
    )
    const restarted = await node.restart()
    expect((await restarted.send('GET', '/p/_doc/1')).body).toBe(
      '{"_index":"p","_id":"1","_version":2,"_seq_no":1,"_primary_term":1,"found":true,"_source":{"a":1,"b":2}}',
    )
    expect((await restarted.send('GET', '/p/_doc/2')).status).toBe(404)
  })
})

describe('_bulk action lines ES 8 forgives (checkBulkActionIsProperlyClosed with REST API version 8)', () => {
  it('a second key, data after the closing brace, a missing closing brace: only warned about, so applied', async () => {
    const { send } = await startNode()
    const response = await send(
      'POST',
      '/t/_bulk',
      '{"index":{"_id":"1"},"delete":{"_id":"1"}}\n{"a":1}\n{"index":{"_id":"2"}} {"x":1}\n{"a":2}\n{"index":{"_id":"3"}\n{"a":3}\n',
    )
    expect(response.body).toMatch(/^\{"errors":false,"took":0,"items":\[\{"index":\{"_index":"t","_id":"1",/)
    expect([...response.body.matchAll(/"result":"created"/g)]).toHaveLength(3)
    const broken = await send('POST', '/t/_bulk', '{"index":{"_id":"4"\n{"a":4}\n')
    expect(broken.status).toBe(400)
    expect(broken.body).toContain('"type":"x_content_e_o_f_exception"')
  })
})
