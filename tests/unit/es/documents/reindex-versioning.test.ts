// _reindex's dest.version_type as ES 8.17 builds it (Reindexer.AsyncIndexBySearchAction.buildRequest,
// needsSourceDocumentVersions, ReindexScriptApplier.updateRequest, ReindexMetadata.versionChanged), after the YAML
// REST test reindex/40_versioning.yml and the reindex docs ("external ... preserve the version from the source,
// create any documents that are missing, and update any documents that have an older version in the destination"):
// an external copy carries its source document's version, so a destination document of a version it does not exceed
// is a version conflict; an invalid write fails the batch's bulk validation (BulkRequest.validate), and so the run.
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

const tail =
  '"noops":0,"retries":{"bulk":0,"search":0},"throttled_millis":0,"requests_per_second":-1.0,"throttled_until_millis":0'

/** 40_versioning.yml's setup: src/1 at external version 2, src/2 at 1, dest/1 ("dog") at 1. */
async function seed(node: TestNode): Promise<void> {
  await node.send('PUT', '/src/_doc/1?version=2&version_type=external', { company: 'cat' })
  await node.send('PUT', '/src/_doc/2', { company: 'cow' })
  await node.send('PUT', '/dest/_doc/1', { company: 'dog' })
  await node.send('POST', '/_refresh')
}

function validationFailed(reason: string, items: number): string {
  const message = Array.from({ length: items }, (_, i) => `${i + 1}: ${reason};`).join('')
  const cause = `{"type":"action_request_validation_exception","reason":"Validation Failed: ${message}"}`
  return `{"error":{"root_cause":[${cause}],${cause.slice(1, -1)}},"status":400}`
}

describe('_reindex with dest.version_type', () => {
  it('external copies the source versions: an older destination document is updated, a missing one created', async () => {
    const node = await startNode()
    await seed(node)
    const copied = await node.send('POST', '/_reindex?refresh=true', {
      source: { index: 'src' },
      dest: { index: 'dest', version_type: 'external' },
    })
    expect(copied.status).toBe(200)
    expect(copied.body).toBe(
      `{"took":0,"timed_out":false,"total":2,"updated":1,"created":1,"deleted":0,"batches":1,"version_conflicts":0,${tail},"failures":[]}`,
    )
    expect((await node.send('GET', '/dest/_doc/1')).body).toContain('"_version":2,')
    expect((await node.send('GET', '/dest/_search?q=company:cat')).body).toContain('"total":{"value":1,')
  })

  it('external refuses a destination version the copy does not exceed; external_gte accepts an equal one', async () => {
    const node = await startNode()
    await seed(node)
    const external = { source: { index: 'src' }, dest: { index: 'dest', version_type: 'external' } }
    await node.send('POST', '/_reindex?refresh=true', external)
    const again = await node.send('POST', '/_reindex', external)
    expect(again.status).toBe(409)
    expect(again.body).toContain('"updated":0,"created":0,"deleted":0,"batches":1,"version_conflicts":2,')
    expect(again.body).toContain(
      '"cause":{"type":"version_conflict_engine_exception","reason":"[1]: version conflict, current version [2] is higher or equal to the one provided [2]",',
    )
    const proceed = await node.send('POST', '/_reindex', { ...external, conflicts: 'proceed' })
    expect(proceed.status).toBe(200)
    expect(proceed.body).toContain('"version_conflicts":2,')
    expect(proceed.body).toContain('"failures":[]}')
    const gte = await node.send('POST', '/_reindex', {
      source: { index: 'src' },
      dest: { index: 'dest', version_type: 'external_gte' },
    })
    expect(gte.body).toContain('"total":2,"updated":2,"created":0,')
  })

  it('a create under external versioning fails the bulk validation', async () => {
    const node = await startNode()
    await seed(node)
    const response = await node.send('POST', '/_reindex', {
      source: { index: 'src' },
      dest: { index: 'dest', op_type: 'create', version_type: 'external' },
    })
    expect(response.body).toBe(
      validationFailed('create operations only support internal versioning. use index instead', 2),
    )
  })

  it('a script reads the source version under external versioning, and its change of ctx._version applies', async () => {
    const node = await startNode()
    await seed(node)
    // null: the copy is written with internal versioning, overwriting dest/1 (version 1 -> 2).
    const internal = await node.send('POST', '/_reindex?refresh=true', {
      source: { index: 'src', query: { ids: { values: ['1'] } } },
      dest: { index: 'dest', version_type: 'external' },
      script: 'ctx._source.seen = ctx._version; ctx._version = null',
    })
    expect(internal.body).toContain('"updated":1,"created":0,')
    const doc = await node.send('GET', '/dest/_doc/1')
    expect(doc.body).toContain('"_version":2,')
    expect(doc.body).toContain('"seen":2')
    // A number: the copy's version under the request's type (external: 5 > 2).
    await node.send('POST', '/_reindex', {
      source: { index: 'src', query: { ids: { values: ['1'] } } },
      dest: { index: 'dest', version_type: 'external' },
      script: 'ctx._version = 5',
    })
    expect((await node.send('GET', '/dest/_doc/1')).body).toContain('"_version":5,')
    // Under internal versioning a version is refused (DocWriteRequest.validateSeqNoBasedCASParams).
    const refused = await node.send('POST', '/_reindex', {
      source: { index: 'src' },
      dest: { index: 'dest2' },
      script: 'ctx._version = 7',
    })
    expect(refused.body).toBe(
      validationFailed(
        'internal versioning can not be used for optimistic concurrency control. Please use `if_seq_no` and `if_primary_term` instead',
        2,
      ),
    )
  })
})
