// The single-document APIs through EsNode.handleRequest, compared as exact compact JSON with what
// Elasticsearch 8.17 answers on one node (number_of_replicas 1 unassigned: _shards total 2, successful 1).
// Shapes: the Index/Get/Delete API reference pages (elastic.co/guide/en/elasticsearch/reference/8.17/
// docs-index_.html, docs-get.html, docs-delete.html) and the YAML REST tests under
// rest-api-spec/src/yamlRestTest/resources/rest-api-spec/test/{index,get,delete,create}.
import { describe, expect, it } from 'vitest'
import { startNode } from './es-node-fixture.ts'

const shards = '"_shards":{"total":2,"successful":1,"failed":0}'

describe('index, get and delete a document', () => {
  it('PUT creates (201), PUT again updates (200), each with a new _version and _seq_no', async () => {
    const { send } = await startNode()
    const created = await send('PUT', '/my-index/_doc/1', { user: 'kimchy' })
    expect(created.status).toBe(201)
    expect(created.body).toBe(
      `{"_index":"my-index","_id":"1","_version":1,"result":"created",${shards},"_seq_no":0,"_primary_term":1}`,
    )
    const updated = await send('PUT', '/my-index/_doc/1', { user: 'kimchy2' })
    expect(updated.status).toBe(200)
    expect(updated.body).toBe(
      `{"_index":"my-index","_id":"1","_version":2,"result":"updated",${shards},"_seq_no":1,"_primary_term":1}`,
    )
  })

  it('?refresh=true adds forced_refresh after result; refresh=wait_for does not', async () => {
    const { send } = await startNode()
    const forced = await send('PUT', '/idx/_doc/1?refresh=true', { a: 'x' })
    expect(forced.body).toBe(
      `{"_index":"idx","_id":"1","_version":1,"result":"created","forced_refresh":true,${shards},"_seq_no":0,"_primary_term":1}`,
    )
    const bare = await send('PUT', '/idx/_doc/2?refresh', { a: 'x' })
    expect(bare.body).toContain('"result":"created","forced_refresh":true,')
    const waitFor = await send('PUT', '/idx/_doc/3?refresh=wait_for', { a: 'x' })
    expect(waitFor.body).toBe(
      `{"_index":"idx","_id":"3","_version":1,"result":"created",${shards},"_seq_no":2,"_primary_term":1}`,
    )
  })

  it('GET returns the stored _source verbatim, whitespace and key order included', async () => {
    const { send } = await startNode()
    const source = '{ "b" : 1.50, "a":[1, 2 ],\n "c": "é\\u0041" }'
    await send('PUT', '/idx/_doc/1', source)
    const got = await send('GET', '/idx/_doc/1')
    expect(got.status).toBe(200)
    expect(got.body).toBe(
      `{"_index":"idx","_id":"1","_version":1,"_seq_no":0,"_primary_term":1,"found":true,"_source":${source}}`,
    )
  })

  it('GET of a missing id is 404 {"_index","_id","found":false}', async () => {
    const { send } = await startNode()
    await send('PUT', '/x', undefined)
    const missing = await send('GET', '/x/_doc/1')
    expect(missing.status).toBe(404)
    expect(missing.body).toBe('{"_index":"x","_id":"1","found":false}')
  })

  it('HEAD answers the status with an empty body', async () => {
    const { send } = await startNode()
    await send('PUT', '/x/_doc/1', { a: 1 })
    expect(await send('HEAD', '/x/_doc/1')).toEqual({
      status: 200,
      contentType: 'application/json',
      body: '',
    })
    expect((await send('HEAD', '/x/_doc/2')).status).toBe(404)
  })

  it('GET with routing shows _routing and finds the document only under that routing', async () => {
    const { send } = await startNode()
    await send('PUT', '/r', { settings: { number_of_shards: 5 } })
    await send('PUT', '/r/_doc/1?routing=user1', { a: 1 })
    const got = await send('GET', '/r/_doc/1?routing=user1')
    expect(got.body).toBe(
      '{"_index":"r","_id":"1","_version":1,"_seq_no":0,"_primary_term":1,"_routing":"user1","found":true,"_source":{"a":1}}',
    )
  })

  it('DELETE answers deleted (200); a second DELETE answers not_found (404) with the next version', async () => {
    const { send } = await startNode()
    await send('PUT', '/idx/_doc/1', { a: 1 })
    const deleted = await send('DELETE', '/idx/_doc/1')
    expect(deleted.status).toBe(200)
    expect(deleted.body).toBe(
      `{"_index":"idx","_id":"1","_version":2,"result":"deleted",${shards},"_seq_no":1,"_primary_term":1}`,
    )
    const again = await send('DELETE', '/idx/_doc/1')
    expect(again.status).toBe(404)
    expect(again.body).toBe(
      `{"_index":"idx","_id":"1","_version":3,"result":"not_found",${shards},"_seq_no":2,"_primary_term":1}`,
    )
    expect((await send('GET', '/idx/_doc/1')).body).toBe('{"_index":"idx","_id":"1","found":false}')
  })

  it('DELETE of a never-seen id takes version 1 and a seq_no; DELETE on a missing index is index_not_found', async () => {
    const { send } = await startNode()
    await send('PUT', '/idx', undefined)
    const missing = await send('DELETE', '/idx/_doc/9')
    expect(missing.status).toBe(404)
    expect(missing.body).toBe(
      `{"_index":"idx","_id":"9","_version":1,"result":"not_found",${shards},"_seq_no":0,"_primary_term":1}`,
    )
    const noIndex = await send('DELETE', '/nope/_doc/1')
    expect(noIndex.status).toBe(404)
    expect(noIndex.body).toContain('"type":"index_not_found_exception","reason":"no such index [nope]"')
  })

  it('re-indexing after a delete continues the version from the tombstone (within gc_deletes, 60 s)', async () => {
    const { send, clock } = await startNode()
    await send('PUT', '/idx/_doc/1', { a: 1 })
    await send('DELETE', '/idx/_doc/1')
    const recreated = await send('PUT', '/idx/_doc/1', { a: 2 })
    expect(recreated.status).toBe(201)
    expect(recreated.body).toBe(
      `{"_index":"idx","_id":"1","_version":3,"result":"created",${shards},"_seq_no":2,"_primary_term":1}`,
    )
    await send('DELETE', '/idx/_doc/1')
    await clock.sleep(60_001)
    const afterGc = await send('PUT', '/idx/_doc/1', { a: 3 })
    expect(afterGc.body).toBe(
      `{"_index":"idx","_id":"1","_version":1,"result":"created",${shards},"_seq_no":4,"_primary_term":1}`,
    )
  })

  it('_create on an existing id is 409 version_conflict_engine_exception and changes nothing', async () => {
    const { send } = await startNode()
    const first = await send('PUT', '/idx/_create/1', { a: 1 })
    expect(first.status).toBe(201)
    expect(first.body).toBe(
      `{"_index":"idx","_id":"1","_version":1,"result":"created",${shards},"_seq_no":0,"_primary_term":1}`,
    )
    const conflict = await send('PUT', '/idx/_create/1', { a: 2, b: 'new field' })
    expect(conflict.status).toBe(409)
    const uuid = /"index_uuid":"([^"]+)"/.exec(conflict.body)?.[1] ?? ''
    const cause = `"type":"version_conflict_engine_exception","reason":"[1]: version conflict, document already exists (current version [1])","index_uuid":"${uuid}","shard":"0","index":"idx"`
    expect(conflict.body).toBe(`{"error":{"root_cause":[{${cause}}],${cause}},"status":409}`)
    expect(uuid).toMatch(/^[A-Za-z0-9_-]{22}$/)
    expect((await send('PUT', '/idx/_doc/1?op_type=create', { a: 3 })).status).toBe(409)
    expect((await send('GET', '/idx/_doc/1')).body).toBe(
      '{"_index":"idx","_id":"1","_version":1,"_seq_no":0,"_primary_term":1,"found":true,"_source":{"a":1}}',
    )
    expect((await send('GET', '/idx/_mapping')).body).toBe(
      '{"idx":{"mappings":{"properties":{"a":{"type":"long"}}}}}',
    )
    // No seq_no was spent on the refused operations.
    expect((await send('PUT', '/idx/_doc/2', { a: 4 })).body).toContain('"_seq_no":1,')
  })

  it('POST /<index>/_doc generates a 20-character id', async () => {
    const { send } = await startNode()
    const response = await send('POST', '/idx/_doc', { a: 1 })
    expect(response.status).toBe(201)
    const id = /"_id":"([^"]+)"/.exec(response.body)?.[1] ?? ''
    expect(id).toMatch(/^[A-Za-z0-9_-]{20}$/)
    expect((await send('GET', `/idx/_doc/${id}`)).status).toBe(200)
  })

  it('keys named __proto__ and constructor are stored, mapped and returned verbatim', async () => {
    const { send } = await startNode()
    const source = '{"__proto__":{"polluted":"yes"},"constructor":"c","toString":1}'
    expect((await send('PUT', '/idx/_doc/1?refresh=true', source)).status).toBe(201)
    expect((await send('GET', '/idx/_doc/1')).body).toBe(
      `{"_index":"idx","_id":"1","_version":1,"_seq_no":0,"_primary_term":1,"found":true,"_source":${source}}`,
    )
    expect((await send('GET', '/idx/_mapping')).body).toBe(
      '{"idx":{"mappings":{"properties":{"__proto__":{"properties":{"polluted":{"type":"text","fields":{"keyword":{"type":"keyword","ignore_above":256}}}}},' +
        '"constructor":{"type":"text","fields":{"keyword":{"type":"keyword","ignore_above":256}}},"toString":{"type":"long"}}}}}',
    )
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    const hits = await send('GET', '/idx/_search', { query: { match: { '__proto__.polluted': 'yes' } } })
    expect(hits.body).toContain('"total":{"value":1,"relation":"eq"}')
  })
})
