// `version` and `version_type` on the document APIs through EsNode.handleRequest, compared as exact compact JSON with
// what Elasticsearch 8.17 answers on one node (number_of_replicas 1 unassigned: _shards total 2, successful 1).
// Sources: VersionType (isVersionConflictForWrites / explainConflictForWrites / updateVersion / validateVersionFor*),
// DocWriteRequest.validateSeqNoBasedCASParams, IndexRequest.validate, RestUpdateAction, BulkRequestParser,
// InternalEngine.planIndexingAsPrimary / planDeletionAsPrimary / get, VersionConflictEngineException, and the YAML REST
// tests index/35_external_version, index/36_external_gte_version, create/35_external_version,
// delete/25_external_version, delete/26_external_gte_version and get/90_versions.
import { describe, expect, it } from 'vitest'
import { startNode } from '../node/es-node-fixture.ts'
import { startCluster } from '../cluster/es-cluster-fixture.ts'

const shards = '"_shards":{"total":2,"successful":1,"failed":0}'
const uuidOf = (body: string): string => /"index_uuid":"([^"]{22})"/.exec(body)?.[1] ?? 'no uuid'

const written = (id: string, version: number, result: string, seqNo: number, index = 'test_1'): string =>
  `{"_index":"${index}","_id":"${id}","_version":${version},"result":"${result}",${shards},"_seq_no":${seqNo},"_primary_term":1}`

const conflictCause = (id: string, explanation: string, uuid: string, index = 'test_1'): string =>
  `{"type":"version_conflict_engine_exception","reason":"[${id}]: version conflict, ${explanation}","index_uuid":"${uuid}","shard":"0","index":"${index}"}`

const conflict = (id: string, explanation: string, uuid: string, index = 'test_1'): string => {
  const cause = conflictCause(id, explanation, uuid, index)
  return `{"error":{"root_cause":[${cause}],${cause.slice(1, -1)}},"status":409}`
}

const failed = (type: string, reason: string, extra = ''): string => {
  const cause = `{"type":"${type}","reason":${JSON.stringify(reason)}}`
  return `{"error":{"root_cause":[${cause}],${cause.slice(1, -1)}${extra}},"status":400}`
}
const validation = (...errors: string[]): string =>
  failed(
    'action_request_validation_exception',
    `Validation Failed: ${errors.map((error, i) => `${i + 1}: ${error};`).join('')}`,
  )
const INTERNAL_REFUSED =
  'internal versioning can not be used for optimistic concurrency control. Please use `if_seq_no` and `if_primary_term` instead'

describe('index with external versions (index/35_external_version, index/36_external_gte_version)', () => {
  it("external: the version given becomes the document's; an equal or lower one is a 409", async () => {
    const { send } = await startNode()
    const put = (version: number) =>
      send('PUT', `/test_1/_doc/1?version_type=external&version=${version}`, { foo: 'bar' })
    let response = await put(0)
    expect([response.status, response.body]).toEqual([201, written('1', 0, 'created', 0)])
    response = await put(5)
    expect([response.status, response.body]).toEqual([200, written('1', 5, 'updated', 1)])
    const uuid = uuidOf((await put(5)).body)
    response = await put(5)
    expect([response.status, response.body]).toEqual([
      409,
      conflict('1', 'current version [5] is higher or equal to the one provided [5]', uuid),
    ])
    expect((await put(0)).body).toBe(
      conflict('1', 'current version [5] is higher or equal to the one provided [0]', uuid),
    )
    response = await put(6)
    expect([response.status, response.body]).toEqual([200, written('1', 6, 'updated', 2)])
    // `external_gt` is VersionType.fromString's other name of external.
    response = await send('PUT', '/test_1/_doc/1?version_type=external_gt&version=6', { foo: 'bar' })
    expect(response.body).toBe(
      conflict('1', 'current version [6] is higher or equal to the one provided [6]', uuid),
    )
  })

  it('external_gte: an equal version is taken, a lower one is a 409', async () => {
    const { send } = await startNode()
    const put = (version: number, foo: string) =>
      send('PUT', `/test_1/_doc/1?version_type=external_gte&version=${version}`, { foo })
    expect((await put(0, 'bar')).body).toBe(written('1', 0, 'created', 0))
    expect((await put(5, 'bar')).body).toBe(written('1', 5, 'updated', 1))
    const response = await put(0, 'bar')
    expect([response.status, response.body]).toEqual([
      409,
      conflict('1', 'current version [5] is higher than the one provided [0]', uuidOf(response.body)),
    ])
    expect((await put(5, 'bar2')).body).toBe(written('1', 5, 'updated', 2))
    expect((await put(6, 'bar2')).body).toBe(written('1', 6, 'updated', 3))
    expect((await send('GET', '/test_1/_doc/1')).body).toBe(
      '{"_index":"test_1","_id":"1","_version":6,"_seq_no":3,"_primary_term":1,"found":true,"_source":{"foo":"bar2"}}',
    )
  })
})

describe('delete with external versions (delete/25_external_version, delete/26_external_gte_version)', () => {
  it('external: a lower version is a 409, a higher one deletes with it', async () => {
    const { send } = await startNode()
    await send('PUT', '/test_1/_doc/1?version_type=external&version=5', { foo: 'bar' })
    const refused = await send('DELETE', '/test_1/_doc/1?version_type=external&version=4')
    expect([refused.status, refused.body]).toEqual([
      409,
      conflict('1', 'current version [5] is higher or equal to the one provided [4]', uuidOf(refused.body)),
    ])
    const deleted = await send('DELETE', '/test_1/_doc/1?version_type=external&version=6')
    expect([deleted.status, deleted.body]).toEqual([200, written('1', 6, 'deleted', 1)])
  })

  it("external_gte: the tombstone keeps the delete's version, which an equal version may index over", async () => {
    const { send } = await startNode()
    const gte = (version: number) => `/test_1/_doc/1?version_type=external_gte&version=${version}`
    expect((await send('PUT', gte(5), { foo: 'bar' })).body).toBe(written('1', 5, 'created', 0))
    expect((await send('DELETE', gte(4))).status).toBe(409)
    expect((await send('DELETE', gte(6))).body).toBe(written('1', 6, 'deleted', 1))
    const recreated = await send('PUT', gte(6), { foo: 'bar' })
    expect([recreated.status, recreated.body]).toEqual([201, written('1', 6, 'created', 2)])
    expect((await send('DELETE', gte(6))).body).toBe(written('1', 6, 'deleted', 3))
  })

  it('a delete of a missing document records its version until gc_deletes (60 s) has passed', async () => {
    const { send, clock } = await startNode()
    await send('PUT', '/test_1')
    const missing = await send('DELETE', '/test_1/_doc/9?version_type=external&version=7')
    expect([missing.status, missing.body]).toEqual([404, written('9', 7, 'not_found', 0)])
    const lower = await send('PUT', '/test_1/_doc/9?version_type=external&version=5', { a: 1 })
    expect(lower.body).toBe(
      conflict('9', 'current version [7] is higher or equal to the one provided [5]', uuidOf(lower.body)),
    )
    // Internal versioning continues from the tombstone too.
    expect((await send('PUT', '/test_1/_doc/8', { a: 1 })).status).toBe(201)
    expect((await send('DELETE', '/test_1/_doc/8?version_type=external&version=20')).status).toBe(200)
    expect((await send('PUT', '/test_1/_doc/8', { a: 2 })).body).toBe(written('8', 21, 'created', 3))
    await clock.sleep(61_000)
    await send('POST', '/test_1/_refresh')
    expect((await send('PUT', '/test_1/_doc/9?version_type=external&version=3', { a: 1 })).body).toBe(
      written('9', 3, 'created', 4),
    )
  })
})

describe("ES 8's refusals", () => {
  it('a create takes no external versioning and no explicit version (create/35_external_version)', async () => {
    const { send } = await startNode()
    for (const version of [0, 5]) {
      const response = await send(
        'PUT',
        `/test/_create/${version}?version_type=external&version=${version}`,
        {
          foo: 'bar',
        },
      )
      expect([response.status, response.body]).toEqual([
        400,
        validation('create operations only support internal versioning. use index instead'),
      ])
    }
    expect((await send('PUT', '/test/_create/1?version=5', { foo: 'bar' })).body).toBe(
      validation('create operations do not support explicit versions. use index instead'),
    )
    expect((await send('PUT', '/test/_doc/1?op_type=create&version=3', { foo: 'bar' })).body).toBe(
      validation('create operations do not support explicit versions. use index instead'),
    )
    expect((await send('POST', '/test/_doc?op_type=index&version=3&version_type=external', {})).body).toBe(
      validation('an id must be provided if version type or value are set'),
    )
  })

  it('internal versioning, out of range versions, unknown version types, versioning with if_seq_no', async () => {
    const { send } = await startNode()
    const put = (query: string) => send('PUT', `/test/_doc/1?${query}`, { foo: 'bar' })
    expect((await put('version=3')).body).toBe(validation(INTERNAL_REFUSED))
    expect((await send('DELETE', '/test/_doc/1?version=3')).body).toBe(validation(INTERNAL_REFUSED))
    expect((await put('version=-5&version_type=external')).body).toBe(
      validation('illegal version value [-5] for version type [EXTERNAL]'),
    )
    expect((await put('version=-1')).body).toBe(
      validation('illegal version value [-1] for version type [INTERNAL]', INTERNAL_REFUSED),
    )
    expect((await put('version=9223372036854775808&version_type=external')).body).toBe(
      failed(
        'illegal_argument_exception',
        'Failed to parse long parameter [version] with value [9223372036854775808]',
        ',"caused_by":{"type":"number_format_exception","reason":"For input string: \\"9223372036854775808\\""}',
      ),
    )
    expect((await put('version=5&version_type=bogus')).body).toBe(
      failed('illegal_argument_exception', 'No version type match [bogus]'),
    )
    expect((await put('version=5&version_type=external&if_seq_no=1&if_primary_term=1')).body).toBe(
      validation('compare and write operations can not use versioning'),
    )
    // No version is MATCH_ANY: nothing refused, nothing checked.
    expect((await put('version=-3')).status).toBe(201)
    expect((await send('GET', '/test/_doc/1')).body).toBe(
      '{"_index":"test","_id":"1","_version":1,"_seq_no":0,"_primary_term":1,"found":true,"_source":{"foo":"bar"}}',
    )
  })

  it('the update API refuses version and version_type whatever their values, before its parameters are checked', async () => {
    const { send } = await startNode()
    await send('PUT', '/test/_doc/1', { foo: 'bar' })
    for (const query of ['version=1', 'version_type=internal', 'version_type=external&version=5&bogus=1']) {
      const response = await send('POST', `/test/_update/1?${query}`, { doc: { foo: 'baz' } })
      expect([response.status, response.body]).toEqual([400, validation(INTERNAL_REFUSED)])
    }
    const bulk = await send(
      'POST',
      '/_bulk',
      '{"update":{"_index":"test","_id":"1","version_type":"external"}}\n{"doc":{}}\n',
    )
    expect(bulk.body).toBe(
      failed(
        'illegal_argument_exception',
        'Update requests do not support versioning. Please use `if_seq_no` and `if_primary_term` instead',
      ),
    )
  })
})

describe('_bulk items with versions', () => {
  it('index and delete items take version and version_type; a conflict fails its item alone', async () => {
    const { send } = await startNode()
    await send('PUT', '/test_1')
    const body =
      '{"index":{"_index":"test_1","_id":"b","version":10,"version_type":"external"}}\n{"a":1}\n' +
      '{"index":{"_index":"test_1","_id":"b","version":9,"version_type":"external"}}\n{"a":2}\n' +
      '{"delete":{"_index":"test_1","_id":"b","version":10,"version_type":"external_gte"}}\n'
    const response = await send('POST', '/_bulk', body)
    const uuid = uuidOf(response.body)
    const item = (written: string, status: number): string => `${written.slice(0, -1)},"status":${status}}`
    expect(response.body).toBe(
      '{"errors":true,"took":0,"items":[' +
        `{"index":${item(written('b', 10, 'created', 0), 201)}},` +
        `{"index":{"_index":"test_1","_id":"b","status":409,"error":${conflictCause('b', 'current version [10] is higher or equal to the one provided [9]', uuid)}}},` +
        `{"delete":${item(written('b', 10, 'deleted', 1), 200)}}]}`,
    )
  })

  it("refuses the whole request when an item's versioning does not validate", async () => {
    const { send } = await startNode()
    const body =
      '{"create":{"_index":"test_1","_id":"c","version":10,"version_type":"external"}}\n{"a":1}\n' +
      '{"index":{"_index":"test_1","_id":"d","version":9}}\n{"a":1}\n' +
      '{"delete":{"_index":"test_1","_id":"e","version":-2,"version_type":"external"}}\n'
    expect((await send('POST', '/_bulk', body)).body).toBe(
      validation(
        'create operations only support internal versioning. use index instead',
        INTERNAL_REFUSED,
        'illegal version value [-2] for version type [EXTERNAL]',
      ),
    )
    expect((await send('GET', '/test_1/_doc/c')).status).toBe(404)
    const unknown = await send(
      'POST',
      '/_bulk',
      '{"index":{"_index":"t","_id":"1","version_type":"x"}}\n{}\n',
    )
    expect(unknown.body).toBe(failed('illegal_argument_exception', 'No version type match [x]'))
  })
})

describe('GET and _mget with a version (get/90_versions)', () => {
  it("compares the document's version by the version type; a mismatch is a 409", async () => {
    const { send } = await startNode()
    await send('PUT', '/test_1/_doc/1', { foo: 'bar' })
    await send('PUT', '/test_1/_doc/1', { foo: 'bar' })
    const found =
      '{"_index":"test_1","_id":"1","_version":2,"_seq_no":1,"_primary_term":1,"found":true,"_source":{"foo":"bar"}}'
    for (const type of ['', '&version_type=external', '&version_type=external_gte'])
      expect((await send('GET', `/test_1/_doc/1?version=2${type}`)).body).toBe(found)
    const cases: Array<[string, number]> = [
      ['', 1],
      ['&version_type=external', 10],
      ['&version_type=external', 1],
      ['&version_type=external_gte', 10],
      ['&version_type=external_gte', 1],
    ]
    for (const [type, version] of cases) {
      const response = await send('GET', `/test_1/_doc/1?version=${version}${type}`)
      expect([response.status, response.body]).toEqual([
        409,
        conflict(
          '1',
          `current version [2] is different than the one provided [${version}]`,
          uuidOf(response.body),
        ),
      ])
    }
    expect((await send('GET', '/test_1/_source/1?version=2')).body).toBe('{"foo":"bar"}')
    expect((await send('GET', '/test_1/_source/1?version=3')).status).toBe(409)
    // A missing document is not found whatever the version; a version its type does not read is refused first.
    expect((await send('GET', '/test_1/_doc/2?version=5')).body).toBe(
      '{"_index":"test_1","_id":"2","found":false}',
    )
    expect((await send('GET', '/test_1/_doc/1?version=0')).body).toBe(
      validation('illegal version value [0] for version type [INTERNAL]'),
    )
    expect((await send('GET', '/test_1/_doc/1?version=0&version_type=external')).status).toBe(409)
  })

  it('_mget: an item whose version does not match carries the conflict as its failure', async () => {
    const { send } = await startNode()
    await send('PUT', '/test_1/_doc/1?version=4&version_type=external', { foo: 'bar' })
    const response = await send('POST', '/_mget', {
      docs: [
        { _index: 'test_1', _id: '1', version: 4 },
        { _index: 'test_1', _id: '1', version: 2, version_type: 'external' },
        { _index: 'test_1', _id: '3', version: 2 },
      ],
    })
    const cause = conflictCause(
      '1',
      'current version [4] is different than the one provided [2]',
      uuidOf(response.body),
    )
    expect(response.body).toBe(
      '{"docs":[' +
        '{"_index":"test_1","_id":"1","_version":4,"_seq_no":0,"_primary_term":1,"found":true,"_source":{"foo":"bar"}},' +
        `{"_index":"test_1","_id":"1","error":{"root_cause":[${cause}],${cause.slice(1, -1)}}},` +
        '{"_index":"test_1","_id":"3","found":false}]}',
    )
  })
})

describe('replication', () => {
  it('a replica holds the versions the primary gave, tombstones included: its promotion keeps them', async () => {
    const cluster = await startCluster(3)
    await cluster.json(1, 'PUT', '/test', { settings: { number_of_shards: 1, number_of_replicas: 1 } })
    await cluster.settle()
    await cluster.json(1, 'PUT', '/test/_doc/1?version_type=external&version=42', { a: 1 })
    await cluster.json(1, 'PUT', '/test/_doc/2?version_type=external_gte&version=7', { a: 2 })
    await cluster.json(1, 'DELETE', '/test/_doc/2?version_type=external&version=9')
    const ids = cluster.nodes.ids()
    const states = cluster.nodes.describeStates()
    const holder = states.findIndex((state) =>
      state.shards.some((shard) => shard.index === 'test' && shard.primary),
    )
    const asker = ids.find((_, i) => i !== holder)!
    await cluster.nodes.kill(ids[holder]!)
    await cluster.send(asker, 'GET', '/_cluster/health/test?wait_for_status=yellow&timeout=60s')
    expect((await cluster.send(asker, 'GET', '/test/_doc/1')).body).toBe(
      '{"_index":"test","_id":"1","_version":42,"_seq_no":0,"_primary_term":1,"found":true,"_source":{"a":1}}',
    )
    const lower = await cluster.send(asker, 'PUT', '/test/_doc/2?version_type=external&version=8', { a: 3 })
    const explanation = 'current version [9] is higher or equal to the one provided [8]'
    expect([lower.status, lower.body]).toEqual([409, conflict('2', explanation, uuidOf(lower.body), 'test')])
    const next = (await cluster.json(asker, 'PUT', '/test/_doc/1', { a: 4 })) as { _version: number }
    expect(next._version).toBe(43)
  })
})
