// POST /<index>/_update/<id> through EsNode, compared as exact compact JSON with Elasticsearch 8.17: the
// Update API reference (docs-update.html: partial doc, detect_noop, upsert, doc_as_upsert), the YAML REST
// tests under rest-api-spec/test/update (10_doc, 20_doc_upsert, 22_doc_as_upsert, 35_if_seq_no,
// 60_refresh, 80_source_filtering, 90_error), UpdateHelper, XContentHelper.update and
// DocumentMissingException ("[id]: document missing", 404, with the shard).
import { describe, expect, it } from 'vitest'
import { startNode } from '../node/es-node-fixture.ts'

const shards = '"_shards":{"total":2,"successful":1,"failed":0}'
const noShards = '"_shards":{"total":0,"successful":0,"failed":0}'
const uuidOf = (body: string): string => /"index_uuid":"([^"]{22})"/.exec(body)?.[1] ?? 'no uuid'
const errorBody = (cause: string, status: number): string =>
  `{"error":{"root_cause":[${cause}],${cause.slice(1, -1)}},"status":${status}}`

describe('_update', () => {
  it('merges a partial doc (objects key by key) and stores the merged source re-serialized', async () => {
    const { send } = await startNode()
    await send(
      'PUT',
      '/test/_doc/1',
      '{ "name" : "old", "price": 1.50, "tags": [1,2], "meta": {"a": 1, "b": {"c": 1}} }',
    )
    const updated = await send('POST', '/test/_update/1', {
      doc: { name: 'new_name', meta: { b: { d: 2 } } },
    })
    expect(updated.status).toBe(200)
    expect(updated.body).toBe(
      `{"_index":"test","_id":"1","_version":2,"result":"updated",${shards},"_seq_no":1,"_primary_term":1}`,
    )
    expect((await send('GET', '/test/_source/1')).body).toBe(
      '{"name":"new_name","price":1.5,"tags":[1,2],"meta":{"a":1,"b":{"c":1,"d":2}}}',
    )
  })

  it('detects a noop: nothing written, no seq_no spent, _shards all zero; detect_noop:false writes anyway', async () => {
    const { send } = await startNode()
    await send('PUT', '/test/_doc/1', { name: 'new_name', n: 1 })
    const noop = await send('POST', '/test/_update/1?refresh=true', { doc: { name: 'new_name' } })
    expect(noop.status).toBe(200)
    expect(noop.body).toBe(
      `{"_index":"test","_id":"1","_version":1,"result":"noop",${noShards},"_seq_no":0,"_primary_term":1}`,
    )
    // Integer 1 and Double 1.0 are not equal for Objects.equals: a change.
    const typeChange = await send('POST', '/test/_update/1', '{"doc":{"n":1.0}}')
    expect(typeChange.body).toContain('"_version":2,"result":"updated"')
    const forced = await send('POST', '/test/_update/1', { doc: { name: 'new_name' }, detect_noop: false })
    expect(forced.body).toBe(
      `{"_index":"test","_id":"1","_version":3,"result":"updated",${shards},"_seq_no":2,"_primary_term":1}`,
    )
  })

  it('appends new keys in Java HashMap order, as UpdateRequest.sourceAsMap reads the partial doc', async () => {
    const { send } = await startNode()
    await send('PUT', '/test/_doc/1', { first: 1 })
    // Single-character keys hash to their code: "q" (113) and "a" (97) share bucket 1 of 16, "b" is bucket 2.
    await send('POST', '/test/_update/1', '{"doc":{"b":1,"q":2,"a":3}}')
    expect((await send('GET', '/test/_source/1')).body).toBe('{"first":1,"q":2,"a":3,"b":1}')
  })

  it('upsert: the upsert document when missing, then the partial doc (20_doc_upsert)', async () => {
    const { send } = await startNode()
    const created = await send('POST', '/test_1/_update/1', { doc: { foo: 'bar' }, upsert: { foo: 'baz' } })
    expect(created.status).toBe(201)
    expect(created.body).toBe(
      `{"_index":"test_1","_id":"1","_version":1,"result":"created",${shards},"_seq_no":0,"_primary_term":1}`,
    )
    expect((await send('GET', '/test_1/_source/1')).body).toBe('{"foo":"baz"}')
    await send('POST', '/test_1/_update/1', { doc: { foo: 'bar' }, upsert: { foo: 'baz' } })
    expect((await send('GET', '/test_1/_source/1')).body).toBe('{"foo":"bar"}')
  })

  it('doc_as_upsert: the doc itself is indexed when missing (22_doc_as_upsert)', async () => {
    const { send } = await startNode()
    const created = await send(
      'POST',
      '/test_1/_update/1',
      '{"doc":{"foo":"bar","count":1.50},"doc_as_upsert":true}',
    )
    expect(created.status).toBe(201)
    expect((await send('GET', '/test_1/_source/1')).body).toBe('{"foo":"bar","count":1.5}')
    await send('POST', '/test_1/_update/1', { doc: { count: 2 }, doc_as_upsert: true })
    expect((await send('GET', '/test_1/_source/1')).body).toBe('{"foo":"bar","count":2}')
  })

  it('_source (body or parameter) returns the new source under get, filtered as asked', async () => {
    const { send } = await startNode()
    await send('PUT', '/test/_doc/1', { a: 1, b: { c: 2, d: 3 } })
    const withSource = await send('POST', '/test/_update/1', { doc: { a: 2 }, _source: ['b.c'] })
    expect(withSource.body).toBe(
      `{"_index":"test","_id":"1","_version":2,"result":"updated",${shards},"_seq_no":1,"_primary_term":1,` +
        '"get":{"_seq_no":1,"_primary_term":1,"found":true,"_source":{"b":{"c":2}}}}',
    )
    const noop = await send('POST', '/test/_update/1?_source=true', { doc: { a: 2 } })
    expect(noop.body).toBe(
      `{"_index":"test","_id":"1","_version":2,"result":"noop",${noShards},"_seq_no":1,"_primary_term":1,` +
        '"get":{"_seq_no":1,"_primary_term":1,"found":true,"_source":{"a":2,"b":{"c":2,"d":3}}}}',
    )
  })

  it('a missing document without upsert is document_missing_exception (the index is created first)', async () => {
    const { send } = await startNode()
    const missing = await send('POST', '/test/_update/1', { doc: { a: 1 } })
    expect(missing.status).toBe(404)
    const cause = `{"type":"document_missing_exception","reason":"[1]: document missing","index_uuid":"${uuidOf(missing.body)}","shard":"0","index":"test"}`
    expect(missing.body).toBe(errorBody(cause, 404))
    expect((await send('GET', '/test/_mapping')).body).toBe('{"test":{"mappings":{}}}')
  })

  it('if_seq_no/if_primary_term: a stale pair is a 409 naming both (35_if_seq_no)', async () => {
    const { send } = await startNode()
    await send('PUT', '/test/_doc/1', { foo: 'baz' })
    const conflict = await send('POST', '/test/_update/1?if_seq_no=5&if_primary_term=1', {
      doc: { foo: 'bar' },
    })
    expect(conflict.status).toBe(409)
    const cause =
      '{"type":"version_conflict_engine_exception","reason":"[1]: version conflict, required seqNo [5], primary term [1]. current document has seqNo [0] and primary term [1]",' +
      `"index_uuid":"${uuidOf(conflict.body)}","shard":"0","index":"test"}`
    expect(conflict.body).toBe(errorBody(cause, 409))
    const ok = await send('POST', '/test/_update/1?if_seq_no=0&if_primary_term=1', { doc: { foo: 'bar' } })
    expect(ok.body).toBe(
      `{"_index":"test","_id":"1","_version":2,"result":"updated",${shards},"_seq_no":1,"_primary_term":1}`,
    )
  })

  it.each([
    [{}, 'Validation Failed: 1: script or doc is missing;'],
    [
      { doc: { a: 1 }, upsert: { a: 1 } },
      "Validation Failed: 1: upsert requests don't support `if_seq_no` and `if_primary_term`;",
      '?if_seq_no=1&if_primary_term=1',
    ],
    [
      { doc: { a: 1 } },
      'Validation Failed: 1: compare and write operations can not be retried;',
      '?if_seq_no=1&if_primary_term=1&retry_on_conflict=2',
    ],
    // UpdateRequest.validate: the compare-and-set checks come before the script and doc checks.
    [
      { doc_as_upsert: true },
      'Validation Failed: 1: compare and write operations can not be used with upsert;2: script or doc is missing;3: doc must be specified if doc_as_upsert is enabled;',
      '?if_seq_no=1&if_primary_term=1',
    ],
    [
      {},
      'Validation Failed: 1: ifSeqNo is set, but primary term is [0];2: script or doc is missing;',
      '?if_seq_no=1',
    ],
  ])('validation %j', async (body, reason, query = '') => {
    const { send } = await startNode()
    const response = await send('POST', `/test/_update/1${query}`, body)
    expect(response.body).toBe(
      errorBody(`{"type":"action_request_validation_exception","reason":"${reason}"}`, 400),
    )
    expect((await send('GET', '/test')).status).toBe(404)
  })

  it('a misspelled field gets "did you mean" (90_error)', async () => {
    const { send } = await startNode()
    const misspelled = await send('POST', '/test/_update/1', '{"dac":{"foo":"baz"},"upsert":{"foo":"bar"}}')
    expect(misspelled.body).toBe(
      errorBody(
        '{"type":"x_content_parse_exception","reason":"[1:2] [UpdateRequest] unknown field [dac] did you mean [doc]?"}',
        400,
      ),
    )
  })
})

describe('_update with a Painless script (the subset course notes use)', () => {
  it("runs the reference page's scripts: += params, add(), new field, remove()", async () => {
    const { send } = await startNode()
    await send('PUT', '/test/_doc/1', { counter: 1, tags: ['red'] })
    const counted = await send('POST', '/test/_update/1', {
      script: { source: 'ctx._source.counter += params.count', lang: 'painless', params: { count: 4 } },
    })
    expect(counted.body).toBe(
      `{"_index":"test","_id":"1","_version":2,"result":"updated",${shards},"_seq_no":1,"_primary_term":1}`,
    )
    await send('POST', '/test/_update/1', {
      script: { source: 'ctx._source.tags.add(params.tag)', lang: 'painless', params: { tag: 'blue' } },
    })
    await send('POST', '/test/_update/1', { script: "ctx._source.new_field = 'value_of_new_field'" })
    expect((await send('GET', '/test/_source/1')).body).toBe(
      '{"counter":5,"tags":["red","blue"],"new_field":"value_of_new_field"}',
    )
    await send('POST', '/test/_update/1', {
      script: "ctx._source.remove('new_field'); ctx._source['x'] = 1.5",
    })
    expect((await send('GET', '/test/_source/1')).body).toBe('{"counter":5,"tags":["red","blue"],"x":1.5}')
  })

  it('def arithmetic: int wraps, long and double promote, + with a String concatenates', async () => {
    const { send } = await startNode()
    await send('PUT', '/test/_doc/1', { i: 2147483647, l: 3000000000, d: 1.5, s: 'a', n: 7 })
    await send('POST', '/test/_update/1', {
      script:
        'ctx._source.i += 1; ctx._source.l += 1; ctx._source.d += 1; ctx._source.s += 1; ctx._source.n -= 10',
    })
    expect((await send('GET', '/test/_source/1')).body).toBe(
      '{"i":-2147483648,"l":3000000001,"d":2.5,"s":"a1","n":-3}',
    )
  })

  it("ctx.op = 'noop' writes nothing; ctx.op = 'delete' deletes the document", async () => {
    const { send } = await startNode()
    await send('PUT', '/test/_doc/1', { a: 1 })
    expect((await send('POST', '/test/_update/1', { script: "ctx.op = 'noop'" })).body).toBe(
      `{"_index":"test","_id":"1","_version":1,"result":"noop",${noShards},"_seq_no":0,"_primary_term":1}`,
    )
    const deleted = await send('POST', '/test/_update/1', { script: { source: "ctx.op = 'delete'" } })
    expect([deleted.status, deleted.body]).toEqual([
      200,
      `{"_index":"test","_id":"1","_version":2,"result":"deleted",${shards},"_seq_no":1,"_primary_term":1}`,
    ])
    expect((await send('GET', '/test/_doc/1')).status).toBe(404)
  })

  it("runs if, loops and locals: the course's noop-when-tagged script, a counted loop", async () => {
    const { send } = await startNode()
    await send('PUT', '/test/_doc/1', { tags: ['red'], n: 0 })
    const script =
      "if (ctx._source.tags.contains(params.tag)) { ctx.op = 'noop' } else { ctx._source.tags.add(params.tag) }"
    const added = await send('POST', '/test/_update/1', {
      script: { source: script, params: { tag: 'blue' } },
    })
    expect(added.body).toContain('"result":"updated"')
    const again = await send('POST', '/test/_update/1', {
      script: { source: script, params: { tag: 'blue' } },
    })
    expect(again.body).toContain('"result":"noop"')
    await send('POST', '/test/_update/1', {
      script:
        'int total = 0; for (int i = 1; i <= 4; i++) { total += i } ctx._source.n = total; ctx._source.half = total / 3.0',
    })
    expect((await send('GET', '/test/_source/1')).body).toBe(
      '{"tags":["red","blue"],"n":10,"half":3.3333333333333335}',
    )
  })

  it('a script that does not compile or fails is "failed to execute script" (UpdateHelper.executeScript), nothing written', async () => {
    const { send } = await startNode()
    await send('PUT', '/test/_doc/1', { tags: ['red'] })
    // The wrapper is a plain IllegalArgumentException: ElasticsearchException.guessRootCauses reports it, not the
    // script_exception under it.
    const wrapped = (scriptException: string): string =>
      '{"error":{"root_cause":[{"type":"illegal_argument_exception","reason":"failed to execute script"}],' +
      `"type":"illegal_argument_exception","reason":"failed to execute script","caused_by":${scriptException}},"status":400}`
    const refused = await send('POST', '/test/_update/1', { script: 'ctx._source.a = 1; ctx._source.b = ' })
    expect(refused.status).toBe(400)
    expect(refused.body).toBe(
      wrapped(
        '{"type":"script_exception","reason":"compile error","script_stack":["... e.a = 1; ctx._source.b = ","                             ^---- HERE"],' +
          '"script":"ctx._source.a = 1; ctx._source.b = ","lang":"painless","position":{"offset":35,"start":10,"end":35},' +
          '"caused_by":{"type":"illegal_argument_exception","reason":"unexpected end of script."}}',
      ),
    )
    const failed = await send('POST', '/test/_update/1', {
      script: 'ctx._source.a = 1; ctx._source.tags.add(10 / 0)',
    })
    expect(failed.status).toBe(400)
    expect(failed.body).toBe(
      wrapped(
        '{"type":"script_exception","reason":"runtime error","script_stack":["ctx._source.tags.add(10 / 0)","                        ^---- HERE"],' +
          '"script":"ctx._source.a = 1; ctx._source.tags.add(10 / 0)","lang":"painless","position":{"offset":43,"start":19,"end":47},' +
          '"caused_by":{"type":"arithmetic_exception","reason":"/ by zero"}}',
      ),
    )
    // The script is compiled when it runs: a missing document without an upsert never reaches it.
    const missing = await send('POST', '/test/_update/2', { script: 'ctx._source.b = ' })
    expect(missing.status).toBe(404)
    expect(missing.body).toContain('"type":"document_missing_exception","reason":"[2]: document missing"')
    const bulk = await send(
      'POST',
      '/_bulk?filter_path=errors,items.*.status,items.*.error',
      '{"update":{"_index":"test","_id":"1"}}\n{"script":"ctx._source.n = ctx._source.missing.length()"}\n',
    )
    expect(bulk.status).toBe(200)
    expect(bulk.body).toBe(
      '{"errors":true,"items":[{"update":{"status":400,"error":{"type":"illegal_argument_exception","reason":"failed to execute script",' +
        '"caused_by":{"type":"script_exception","reason":"runtime error","script_stack":["ctx._source.n = ctx._source.missing.length()","                                   ^---- HERE"],' +
        '"script":"ctx._source.n = ctx._source.missing.length()","lang":"painless","position":{"offset":35,"start":0,"end":44},' +
        '"caused_by":{"type":"null_pointer_exception","reason":"Cannot invoke \\"Object.length()\\" because value is null"}}}}}]}',
    )
    expect((await send('POST', '/test/_update/1', { script: 'ctx._source.a = 1', doc: { a: 1 } })).body).toBe(
      errorBody(
        `{"type":"action_request_validation_exception","reason":"Validation Failed: 1: can't provide both script and doc;"}`,
        400,
      ),
    )
    expect((await send('GET', '/test/_source/1')).body).toBe('{"tags":["red"]}')
  })
})
