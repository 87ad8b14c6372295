// _delete_by_query, _update_by_query and _reindex through EsNode, as exact compact JSON from
// Elasticsearch 8.17: the API reference pages (docs-delete-by-query.html, docs-update-by-query.html,
// docs-reindex.html: the response bodies), BulkByScrollResponse and BulkByScrollTask.Status.innerXContent
// (field order; delete_by_query omits updated and created, update_by_query omits created), and the YAML
// REST tests under rest-api-spec/test/{delete_by_query,update_by_query,reindex} (10_basic: a document
// changed since the last refresh is a 409 version conflict listed in failures, conflicts=proceed counts it).
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

const tail =
  '"noops":0,"retries":{"bulk":0,"search":0},"throttled_millis":0,"requests_per_second":-1.0,"throttled_until_millis":0'

async function seed(node: TestNode): Promise<void> {
  await node.send(
    'POST',
    '/test/_bulk?refresh=true',
    '{"index":{"_id":"1"}}\n{"text":"test"}\n{"index":{"_id":"2"}}\n{"text":"other"}\n{"index":{"_id":"3"}}\n{"text":"test"}\n',
  )
}

describe('_delete_by_query', () => {
  it('deletes what the query matches and answers the reference body', async () => {
    const node = await startNode()
    await seed(node)
    const response = await node.send('POST', '/test/_delete_by_query?refresh=true', {
      query: { match: { text: 'test' } },
    })
    expect(response.status).toBe(200)
    expect(response.body).toBe(
      `{"took":0,"timed_out":false,"total":2,"deleted":2,"batches":1,"version_conflicts":0,${tail},"failures":[]}`,
    )
    expect((await node.send('GET', '/test/_count')).body).toContain('"count":1,')
    expect((await node.send('GET', '/test/_doc/1')).status).toBe(404)
  })

  it('matching nothing is zero batches; a missing index is index_not_found_exception', async () => {
    const node = await startNode()
    await seed(node)
    expect(
      (await node.send('POST', '/test/_delete_by_query', { query: { match: { text: 'none' } } })).body,
    ).toBe(
      `{"took":0,"timed_out":false,"total":0,"deleted":0,"batches":0,"version_conflicts":0,${tail},"failures":[]}`,
    )
    expect((await node.send('POST', '/nope/_delete_by_query', { query: { match_all: {} } })).status).toBe(404)
  })

  it('a document changed since the last refresh is a version conflict: 409 with failures, or counted with conflicts=proceed', async () => {
    const node = await startNode()
    await seed(node)
    await node.send('PUT', '/test/_doc/1', { text: 'test2' })
    const aborted = await node.send('POST', '/test/_delete_by_query', { query: { match_all: {} } })
    expect(aborted.status).toBe(409)
    const uuid = /"index_uuid":"([^"]{22})"/.exec(aborted.body)?.[1]
    expect(aborted.body).toBe(
      `{"took":0,"timed_out":false,"total":3,"deleted":2,"batches":1,"version_conflicts":1,${tail},"failures":[` +
        '{"index":"test","id":"1","cause":{"type":"version_conflict_engine_exception","reason":"[1]: version conflict, required seqNo [0], primary term [1]. current document has seqNo [3] and primary term [1]",' +
        `"index_uuid":"${uuid}","shard":"0","index":"test"},"status":409}]}`,
    )
    const node2 = await startNode()
    await seed(node2)
    await node2.send('DELETE', '/test/_doc/3')
    expect(
      (await node2.send('POST', '/test/_delete_by_query?conflicts=proceed', { query: { match_all: {} } }))
        .body,
    ).toBe(
      `{"took":0,"timed_out":false,"total":3,"deleted":2,"batches":1,"version_conflicts":1,${tail},"failures":[]}`,
    )
  })

  it('max_docs and scroll_size bound the run and count batches', async () => {
    const node = await startNode()
    await seed(node)
    const bounded = await node.send('POST', '/test/_delete_by_query?scroll_size=1', {
      query: { match_all: {} },
      max_docs: 2,
    })
    expect(bounded.body).toBe(
      `{"took":0,"timed_out":false,"total":2,"deleted":2,"batches":2,"version_conflicts":0,${tail},"failures":[]}`,
    )
  })
})

describe('_update_by_query', () => {
  it('re-indexes every match in place: new versions, same sources, updated counted', async () => {
    const node = await startNode()
    await seed(node)
    const response = await node.send('POST', '/test/_update_by_query', { query: { term: { text: 'test' } } })
    expect(response.body).toBe(
      `{"took":0,"timed_out":false,"total":2,"updated":2,"deleted":0,"batches":1,"version_conflicts":0,${tail},"failures":[]}`,
    )
    expect((await node.send('GET', '/test/_doc/3')).body).toBe(
      '{"_index":"test","_id":"3","_version":2,"_seq_no":4,"_primary_term":1,"found":true,"_source":{"text":"test"}}',
    )
  })

  it('refuses manual slicing (slices: by-query-slices.test.ts; scripts: by-query-scripts.test.ts)', async () => {
    const node = await startNode()
    await seed(node)
    const response = await node.send('POST', '/test/_update_by_query', { slice: { id: 0, max: 2 } })
    expect(response.status).toBe(400)
    expect(response.body).toContain(
      '"type":"illegal_argument_exception","reason":"[slice] is not supported by this playground"',
    )
  })
})

describe('_reindex', () => {
  it('copies a query of the source into dest, creating it; op_type create then conflicts on every id', async () => {
    const node = await startNode()
    await seed(node)
    const copied = await node.send('POST', '/_reindex?refresh=true', {
      source: { index: 'test', query: { match: { text: 'test' } } },
      dest: { index: 'dest', op_type: 'create' },
    })
    expect(copied.body).toBe(
      `{"took":0,"timed_out":false,"total":2,"updated":0,"created":2,"deleted":0,"batches":1,"version_conflicts":0,${tail},"failures":[]}`,
    )
    expect((await node.send('GET', '/dest/_count')).body).toContain('"count":2,')
    const again = await node.send('POST', '/_reindex', {
      source: { index: 'test' },
      dest: { index: 'dest', op_type: 'create' },
      conflicts: 'proceed',
    })
    expect(again.body).toBe(
      `{"took":0,"timed_out":false,"total":3,"updated":0,"created":1,"deleted":0,"batches":1,"version_conflicts":2,${tail},"failures":[]}`,
    )
    const overwrite = await node.send('POST', '/_reindex', {
      source: { index: 'test' },
      dest: { index: 'dest' },
    })
    expect(overwrite.body).toContain('"total":3,"updated":3,"created":0,')
  })

  it('validation: no source index, no dest index, dest among the sources', async () => {
    const node = await startNode()
    await seed(node)
    const failed = (reason: string) => {
      const cause = `{"type":"action_request_validation_exception","reason":"Validation Failed: ${reason}"}`
      return `{"error":{"root_cause":[${cause}],${cause.slice(1, -1)}},"status":400}`
    }
    expect((await node.send('POST', '/_reindex', {})).body).toBe(
      failed('1: use _all if you really want to copy from all existing indexes;2: index must be specified;'),
    )
    expect(
      (await node.send('POST', '/_reindex', { source: { index: 'test' }, dest: { index: 'test' } })).body,
    ).toBe(failed('1: reindex cannot write into an index its reading from [test];'))
  })
})

describe('_delete_by_query with URI search', () => {
  it('q= replaces the body query, as for _search', async () => {
    const node = await startNode()
    await seed(node)
    expect((await node.send('POST', '/test/_delete_by_query?q=text:other')).body).toBe(
      `{"took":0,"timed_out":false,"total":1,"deleted":1,"batches":1,"version_conflicts":0,${tail},"failures":[]}`,
    )
    expect((await node.send('GET', '/test/_doc/2')).status).toBe(404)
  })
})

describe('the by-query requests, read before their URL parameters are checked', () => {
  it('answers a bad body before an unrecognized parameter, and the parameter once the body is good', async () => {
    const node = await startNode()
    await seed(node)
    const badBody = await node.send('POST', '/test/_delete_by_query?bogus=1', { query: { nope: {} } })
    expect(badBody.body).toContain('"type":"parsing_exception","reason":"unknown query [nope]"')
    const bad = await node.send('POST', '/test/_update_by_query?bogus=1', { query: { match_all: {} } })
    expect(bad.body).toContain(
      '"reason":"request [/test/_update_by_query] contains unrecognized parameter: [bogus]"',
    )
    expect((await node.send('GET', '/test/_count')).body).toContain('"count":3,')
  })

  it('accepts the search parameters ES reads, and refuses size for max_docs', async () => {
    const node = await startNode()
    await seed(node)
    const accepted = await node.send(
      'POST',
      '/test/_delete_by_query?refresh=true&q=text:other&_source=false&track_total_hits=true&allow_partial_search_results=true',
    )
    expect(accepted.body).toContain('"deleted":1,')
    const size = await node.send('POST', '/test/_delete_by_query?size=1', { query: { match_all: {} } })
    expect(size.body).toBe(
      '{"error":{"root_cause":[{"type":"illegal_argument_exception","reason":"invalid parameter [size], use [max_docs] instead"}],' +
        '"type":"illegal_argument_exception","reason":"invalid parameter [size], use [max_docs] instead"},"status":400}',
    )
  })
})
