// Scripts in _update_by_query and _reindex, and scripted upserts, through EsNode, as exact compact JSON from
// Elasticsearch 8.17: the YAML REST tests update_by_query/80_scripting.yml and reindex/85_scripting.yml
// (counters, noop/delete, "Cannot put key [junk] with value [stuff] into ctx", "_id cannot be updated",
// "[op] must be one of delete, index, noop, not [junk]", a broken script's 400 "compile error", ctx._version
// -1 unless version=true), the ctx Metadata classes (UpdateByQueryMetadata, ReindexMetadata, UpsertMetadata,
// CtxMap), AbstractAsyncBulkByScrollAction.ScriptApplier and Reindexer (copyRouting, updateRequest), and
// UpdateHelper.prepareUpsert (a noop upsert answers version -1 with the missing document's `get`).
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

const tail =
  '"retries":{"bulk":0,"search":0},"throttled_millis":0,"requests_per_second":-1.0,"throttled_until_millis":0,"failures":[]}'

async function seed(node: TestNode): Promise<void> {
  await node.send(
    'POST',
    '/twitter/_bulk?refresh=true',
    '{"index":{"_id":"1"}}\n{"user":"kimchy","level":9,"obj":{"b":1,"a":2}}\n' +
      '{"index":{"_id":"2"}}\n{"user":"foo","level":10}\n' +
      '{"index":{"_id":"3","routing":"r"}}\n{"user":"bar","level":11}\n',
  )
}

const LEVELS =
  "int c = ctx._source.level % 3; if (c == 0) { ctx._source.last = 'x' } else if (c == 1) { ctx.op = 'noop' } else { ctx.op = 'delete' }"

/** The message of a by-query script's runtime error: the script_exception's cause. */
async function causeOf(node: TestNode, script: string, reindex = false): Promise<string> {
  const response = reindex
    ? await node.send('POST', '/_reindex', { source: { index: 'twitter' }, dest: { index: 'd' }, script })
    : await node.send('POST', '/twitter/_update_by_query', { script })
  expect(response.status).toBe(400)
  expect(response.body).toContain('"type":"script_exception","reason":"runtime error"')
  return /"caused_by":(\{[^}]*\})/.exec(response.body)![1]!
}

describe('_update_by_query with a script', () => {
  it('counts updated, deleted and noops; a rewritten source is written in HashMap key order', async () => {
    const node = await startNode()
    await seed(node)
    const response = await node.send('POST', '/twitter/_update_by_query?refresh=true', { script: LEVELS })
    expect(response.body).toBe(
      '{"took":0,"timed_out":false,"total":3,"updated":1,"deleted":1,"batches":1,"version_conflicts":0,"noops":1,' +
        tail,
    )
    expect((await node.send('GET', '/twitter/_doc/1')).body).toBe(
      '{"_index":"twitter","_id":"1","_version":2,"_seq_no":3,"_primary_term":1,"found":true,' +
        '"_source":{"last":"x","level":9,"obj":{"a":2,"b":1},"user":"kimchy"}}',
    )
    expect((await node.send('GET', '/twitter/_doc/2')).body).toContain('"_version":1,')
    expect((await node.send('GET', '/twitter/_doc/3?routing=r')).status).toBe(404)
  })

  it('runs a stored script by id with params; a batch of noops sends no bulk', async () => {
    const node = await startNode()
    await seed(node)
    await node.send('PUT', '/_scripts/bump', {
      script: { lang: 'painless', source: 'ctx._source.level += params.by' },
    })
    const bumped = await node.send('POST', '/twitter/_update_by_query?refresh=true', {
      query: { term: { user: 'foo' } },
      script: { id: 'bump', params: { by: 5 } },
    })
    expect(bumped.body).toContain('"total":1,"updated":1,')
    expect((await node.send('GET', '/twitter/_source/2')).body).toBe('{"level":15,"user":"foo"}')
    const noops = await node.send('POST', '/twitter/_update_by_query', { script: "ctx.op = 'noop'" })
    expect(noops.body).toBe(
      '{"took":0,"timed_out":false,"total":3,"updated":0,"deleted":0,"batches":1,"version_conflicts":0,"noops":3,' +
        tail,
    )
  })

  it('refuses changes to the read-only metadata, unknown ctx keys and ops outside delete, index, noop', async () => {
    const node = await startNode()
    await seed(node)
    expect(await causeOf(node, 'ctx._id = "stuff"')).toBe(
      '{"type":"illegal_argument_exception","reason":"_id cannot be updated"}',
    )
    expect(await causeOf(node, 'ctx.junk = "stuff"')).toBe(
      '{"type":"illegal_argument_exception","reason":"Cannot put key [junk] with value [stuff] into ctx"}',
    )
    expect(await causeOf(node, 'ctx.op = "junk"')).toBe(
      '{"type":"illegal_argument_exception","reason":"[op] must be one of delete, index, noop, not [junk]"}',
    )
    expect(await causeOf(node, 'ctx._source = "x"')).toBe(
      '{"type":"illegal_argument_exception","reason":"Expected [_source] to be a Map, not [x] with type [java.lang.String]"}',
    )
    expect(await causeOf(node, 'ctx.remove("_routing")')).toBe(
      '{"type":"illegal_argument_exception","reason":"_routing cannot be removed"}',
    )
    // Nothing was written.
    expect((await node.send('GET', '/twitter/_doc/1')).body).toContain('"_version":1,')
  })

  it('a broken script is a 400 compile error, raised only when a document reaches it', async () => {
    const node = await startNode()
    await seed(node)
    const broken = await node.send('POST', '/twitter/_update_by_query', { script: 'syntax errors are fun!' })
    expect(broken.status).toBe(400)
    expect(broken.body).toContain('"type":"script_exception","reason":"compile error"')
    const none = await node.send('POST', '/twitter/_update_by_query', {
      query: { term: { user: 'nobody' } },
      script: 'syntax errors are fun!',
    })
    expect(none.status).toBe(200)
    expect(none.body).toContain('"total":0,')
  })

  it('reads ctx._version only with version=true (-1 otherwise), and ctx._index, _id, _routing', async () => {
    const node = await startNode()
    await seed(node)
    const script = 'ctx._source.meta = ctx._index + "/" + ctx._id + "/" + ctx._version + "/" + ctx._routing'
    await node.send('POST', '/twitter/_update_by_query?refresh=true&version=true', { script })
    expect((await node.send('GET', '/twitter/_source/3?routing=r')).body).toBe(
      '{"level":11,"meta":"twitter/3/1/r","user":"bar"}',
    )
    await node.send('POST', '/twitter/_update_by_query?refresh=true', { script })
    expect((await node.send('GET', '/twitter/_source/2')).body).toBe(
      '{"level":10,"meta":"twitter/2/-1/null","user":"foo"}',
    )
  })

  it('runs the pipeline parameter; a script is an unknown key for _delete_by_query', async () => {
    const node = await startNode()
    await seed(node)
    await node.send('PUT', '/_ingest/pipeline/tag', {
      processors: [{ set: { field: 'tagged', value: true } }],
    })
    await node.send('POST', '/twitter/_update_by_query?refresh=true&pipeline=tag', {
      query: { term: { user: 'foo' } },
      script: 'ctx._source.level = 1',
    })
    expect((await node.send('GET', '/twitter/_source/2')).body).toBe('{"level":1,"tagged":true,"user":"foo"}')
    const dbq = await node.send('POST', '/twitter/_delete_by_query', { script: 'ctx.op = "noop"' })
    expect(dbq.status).toBe(400)
    expect(dbq.body).toContain('"reason":"Unknown key for a VALUE_STRING in [script]."')
  })
})

describe('_reindex with a script', () => {
  it('redirects with ctx._index, renames with ctx._id, noops and deletes, and keeps the routing', async () => {
    const node = await startNode()
    await seed(node)
    await node.send('PUT', '/dest/_doc/gone', { user: 'old' })
    const response = await node.send('POST', '/_reindex?refresh=true', {
      source: { index: 'twitter' },
      dest: { index: 'dest' },
      script: {
        source:
          "if (ctx._source.user == 'foo') { ctx.op = 'noop' } else if (ctx._source.user == 'bar') { ctx._index = 'other' } else { ctx._id = 'k' + ctx._id } if (ctx._source.level == 9) { ctx._source.remove('obj') }",
      },
    })
    expect(response.body).toBe(
      '{"took":0,"timed_out":false,"total":3,"updated":0,"created":2,"deleted":0,"batches":1,"version_conflicts":0,"noops":1,' +
        tail,
    )
    expect((await node.send('GET', '/dest/_source/k1')).body).toBe('{"level":9,"user":"kimchy"}')
    expect((await node.send('GET', '/other/_doc/3?routing=r')).body).toContain('"_routing":"r",')
    const deleted = await node.send('POST', '/_reindex', {
      source: { index: 'twitter', query: { term: { user: 'kimchy' } } },
      dest: { index: 'dest' },
      script: "ctx._id = 'gone'; ctx.op = 'delete'",
    })
    expect(deleted.body).toContain('"total":1,"updated":0,"created":0,"deleted":1,')
    expect((await node.send('GET', '/dest/_doc/gone')).status).toBe(404)
  })

  it('takes source._source, dest.routing and dest.pipeline; op_type create conflicts', async () => {
    const node = await startNode()
    await seed(node)
    await node.send('PUT', '/_ingest/pipeline/tag', { processors: [{ set: { field: 'tagged', value: 1 } }] })
    await node.send('POST', '/_reindex?refresh=true', {
      source: { index: 'twitter', _source: ['user'] },
      dest: { index: 'copy', routing: '=x', pipeline: 'tag' },
    })
    expect((await node.send('GET', '/copy/_doc/1?routing=x')).body).toBe(
      '{"_index":"copy","_id":"1","_version":1,"_seq_no":0,"_primary_term":1,"_routing":"x","found":true,"_source":{"tagged":1,"user":"kimchy"}}',
    )
    const again = await node.send('POST', '/_reindex', {
      conflicts: 'proceed',
      source: { index: 'twitter' },
      dest: { index: 'copy', routing: '=x', op_type: 'create' },
    })
    expect(again.body).toContain(
      '"total":3,"updated":0,"created":0,"deleted":0,"batches":1,"version_conflicts":3,',
    )
    const bad = await node.send('POST', '/_reindex', {
      source: { index: 'twitter' },
      dest: { index: 'copy2', routing: 'junk' },
    })
    expect(bad.body).toBe(
      '{"error":{"root_cause":[{"type":"action_request_validation_exception","reason":"Validation Failed: 1: routing must be unset, [keep], [discard] or [=<some new value>];"}],"type":"action_request_validation_exception","reason":"Validation Failed: 1: routing must be unset, [keep], [discard] or [=<some new value>];"},"status":400}',
    )
    const versionType = await node.send('POST', '/_reindex', {
      source: { index: 'twitter' },
      dest: { index: 'copy2', version_type: 'junk' },
    })
    expect(versionType.body).toContain('"reason":"No version type match [junk]"')
  })

  it('lets the script change _routing and set _version to null but not _index to null', async () => {
    const node = await startNode()
    await seed(node)
    await node.send('POST', '/_reindex?refresh=true', {
      source: { index: 'twitter', query: { term: { user: 'foo' } } },
      dest: { index: 'dest' },
      script: "ctx._routing = 'new'; ctx._version = null",
    })
    expect((await node.send('GET', '/dest/_doc/2?routing=new')).body).toContain('"_routing":"new",')
    expect(await causeOf(node, 'ctx._index = null', true)).toBe(
      '{"type":"illegal_argument_exception","reason":"_index cannot be null"}',
    )
    expect(await causeOf(node, 'ctx._version = 1.5', true)).toBe(
      '{"type":"illegal_argument_exception","reason":"_version may only be set to an int or a long but was [1.5] with type [java.lang.Double]"}',
    )
    expect(await causeOf(node, 'ctx._now = 1', true)).toBe(
      '{"type":"illegal_argument_exception","reason":"_now cannot be updated"}',
    )
    expect((await node.send('GET', '/d/_count')).status).toBe(404)
  })
})

describe('scripted upsert', () => {
  it('runs the script over the upsert document with ctx.op create; a noop writes nothing', async () => {
    const node = await startNode()
    const counter = {
      scripted_upsert: true,
      script: {
        source:
          "if (ctx.op == 'create') { ctx._source.count = params.n } else { ctx._source.count += params.n }",
        params: { n: 2 },
      },
      upsert: { other: 1 },
    }
    expect((await node.send('POST', '/test/_update/1', counter)).body).toBe(
      '{"_index":"test","_id":"1","_version":1,"result":"created","_shards":{"total":2,"successful":1,"failed":0},"_seq_no":0,"_primary_term":1}',
    )
    await node.send('POST', '/test/_update/1', counter)
    expect((await node.send('GET', '/test/_source/1')).body).toBe('{"other":1,"count":4}')
    const noop = await node.send('POST', '/test/_update/2', {
      scripted_upsert: true,
      script: "ctx.op = 'none'",
      upsert: {},
    })
    expect(noop.body).toBe(
      '{"_index":"test","_id":"2","_version":-1,"result":"noop","_shards":{"total":0,"successful":0,"failed":0},"get":{"found":false}}',
    )
    expect((await node.send('GET', '/test/_doc/2')).status).toBe(404)
    // Without scripted_upsert the upsert document is indexed as sent, the script not run.
    await node.send('POST', '/test/_update/3', { script: 'ctx._source.x = 1', upsert: { y: 1 } })
    expect((await node.send('GET', '/test/_source/3')).body).toBe('{"y":1}')
  })

  it('an _update script reads the metadata; create is a noop there, as UpdateMetadata.getOp has it', async () => {
    const node = await startNode()
    await node.send('PUT', '/test/_doc/1?routing=r', { a: 1 })
    await node.send('POST', '/test/_update/1?routing=r', {
      script:
        "ctx._source.m = ctx._index + '/' + ctx._id + '/' + ctx._version + '/' + ctx._routing + '/' + ctx._type",
    })
    expect((await node.send('GET', '/test/_source/1?routing=r')).body).toBe('{"a":1,"m":"test/1/1/r/_doc"}')
    expect(
      (await node.send('POST', '/test/_update/1?routing=r', { script: "ctx.op = 'create'" })).body,
    ).toContain('"result":"noop"')
  })
})
