// Snapshot and restore on one node (path.repo set), against ES 8.17's YAML REST tests (snapshot.create,
// snapshot.get, snapshot.restore, snapshot.status, cat.snapshots, cat.repositories): the snapshot's uuid and
// times are normalised, the rest compared whole.
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

const REPO = { type: 'fs', settings: { location: 'test_repo_loc' } }

async function withRepository(): Promise<TestNode> {
  const es = await startNode({ pathRepo: ['/mount/backups'] })
  expect((await es.send('PUT', '/_snapshot/test_repo', REPO)).body).toBe('{"acknowledged":true}')
  await es.send('PUT', '/test_index', { settings: { number_of_shards: 1, number_of_replicas: 0 } })
  return es
}

function errorReason(body: string): string {
  return (JSON.parse(body) as { error: { reason: string } }).error.reason
}

function normalised(body: string): unknown {
  return JSON.parse(
    body
      .replace(/"uuid":"[^"]+"/g, '"uuid":"U"')
      .replace(/"(start|end)_time":"[^"]+"/g, '"$1_time":"T"')
      .replace(/"(start_time_in_millis|end_time_in_millis|duration_in_millis|time_in_millis)":\d+/g, '"$1":0')
      .replace(/"size_in_bytes":[1-9]\d*/g, '"size_in_bytes":"S"'),
  )
}

describe('snapshot repositories', () => {
  it('refuses an fs location while path.repo is empty, as the official image sets it', async () => {
    const es = await startNode()
    const response = await es.send('PUT', '/_snapshot/my_backup', {
      type: 'fs',
      settings: { location: '/mount/backups/my_backup' },
    })
    const cause =
      "[my_backup] location [/mount/backups/my_backup] doesn't match any of the locations specified by path.repo because this setting is empty"
    expect(response.status).toBe(500)
    expect(JSON.parse(response.body)).toEqual({
      error: {
        root_cause: [{ type: 'repository_exception', reason: cause }],
        type: 'repository_exception',
        reason: '[my_backup] failed to create repository',
        caused_by: { type: 'repository_exception', reason: cause },
      },
      status: 500,
    })
    expect((await es.send('GET', '/_snapshot')).body).toBe('{}')
  })

  it('resolves a relative location below path.repo, verifies it on every node and lists it', async () => {
    const es = await withRepository()
    expect(JSON.parse((await es.send('GET', '/_snapshot/test_repo')).body)).toEqual({
      test_repo: { type: 'fs', settings: { location: 'test_repo_loc' } },
    })
    const verified = JSON.parse((await es.send('POST', '/_snapshot/test_repo/_verify')).body) as {
      nodes: Record<string, { name: string }>
    }
    expect(Object.values(verified.nodes)).toEqual([{ name: 'es01' }])
    expect((await es.send('GET', '/_cat/repositories?v')).body).toBe('id        type\ntest_repo fs\n')
    const missing = await es.send('DELETE', '/_snapshot/nope')
    expect([missing.status, errorReason(missing.body)]).toEqual([404, '[nope] missing'])
    expect((await es.send('DELETE', '/_snapshot/test_repo')).body).toBe('{"acknowledged":true}')
    expect((await es.send('GET', '/_cat/repositories')).body).toBe('')
  })
})

describe('snapshots', () => {
  it('creates a snapshot, lists it, shows its status, and deletes it (snapshot.create 10_basic)', async () => {
    const es = await withRepository()
    const created = await es.send('PUT', '/_snapshot/test_repo/test_snapshot?wait_for_completion=true')
    const info = {
      snapshot: 'test_snapshot',
      uuid: 'U',
      repository: 'test_repo',
      version_id: 8521000,
      version: '8.17.0',
      indices: ['test_index'],
      data_streams: [],
      include_global_state: true,
      state: 'SUCCESS',
      start_time: 'T',
      start_time_in_millis: 0,
      end_time: 'T',
      end_time_in_millis: 0,
      duration_in_millis: 0,
      failures: [],
      shards: { total: 1, failed: 0, successful: 1 },
      feature_states: [],
    }
    expect(normalised(created.body)).toEqual({ snapshot: info })
    expect(normalised((await es.send('GET', '/_snapshot/test_repo/_all')).body)).toEqual({
      snapshots: [info],
      total: 1,
      remaining: 0,
    })
    // An empty shard's commit is its segments_N alone (snapshot.restore 10_basic: files.recovered 1, bytes > 0).
    const stats = {
      incremental: { file_count: 1, size_in_bytes: 'S' },
      total: { file_count: 1, size_in_bytes: 'S' },
    }
    const timed = { ...stats, start_time_in_millis: 0, time_in_millis: 0 }
    const done = { initializing: 0, started: 0, finalizing: 0, done: 1, failed: 0, total: 1 }
    expect(normalised((await es.send('GET', '/_snapshot/test_repo/test_snapshot/_status')).body)).toEqual({
      snapshots: [
        {
          snapshot: 'test_snapshot',
          repository: 'test_repo',
          uuid: 'U',
          state: 'SUCCESS',
          include_global_state: true,
          shards_stats: done,
          stats: timed,
          indices: {
            test_index: {
              shards_stats: done,
              stats: timed,
              shards: { '0': { stage: 'DONE', stats: timed } },
            },
          },
        },
      ],
    })
    const cat = (await es.send('GET', '/_cat/snapshots/test_repo?h=id,repository,status,i,ss,fs,ts')).body
    expect(cat).toBe('test_snapshot test_repo SUCCESS 1 1 0 1\n')
    expect((await es.send('DELETE', '/_snapshot/test_repo/test_snapshot')).body).toBe('{"acknowledged":true}')
    const gone = await es.send('GET', '/_snapshot/test_repo/test_snapshot')
    expect([gone.status, errorReason(gone.body)]).toEqual([404, '[test_repo:test_snapshot] is missing'])
  })

  it('refuses a missing index unless ignore_unavailable, and a name already taken', async () => {
    const es = await withRepository()
    const missing = await es.send('PUT', '/_snapshot/test_repo/test_snapshot_1?wait_for_completion=true', {
      indices: 'missing_1',
    })
    expect(missing.status).toBe(404)
    const lenient = await es.send('PUT', '/_snapshot/test_repo/test_snapshot_2?wait_for_completion=true', {
      indices: 'missing_2',
      ignore_unavailable: true,
    })
    expect((JSON.parse(lenient.body) as { snapshot: { shards: unknown } }).snapshot.shards).toEqual({
      total: 0,
      failed: 0,
      successful: 0,
    })
    const again = await es.send('PUT', '/_snapshot/test_repo/test_snapshot_2?wait_for_completion=true')
    expect([again.status, (JSON.parse(again.body) as { error: unknown }).error]).toEqual([
      400,
      {
        root_cause: [
          {
            type: 'invalid_snapshot_name_exception',
            reason:
              '[test_repo:test_snapshot_2] Invalid snapshot name [test_snapshot_2], snapshot with the same name already exists',
          },
        ],
        type: 'invalid_snapshot_name_exception',
        reason:
          '[test_repo:test_snapshot_2] Invalid snapshot name [test_snapshot_2], snapshot with the same name already exists',
      },
    ])
    const upper = await es.send('PUT', '/_snapshot/test_repo/Snap')
    expect(errorReason(upper.body)).toBe('[test_repo:Snap] Invalid snapshot name [Snap], must be lowercase')
  })

  it('keeps its snapshots across a node restart (the repository is on disk)', async () => {
    const es = await withRepository()
    await es.send('PUT', '/test_index/_doc/1?refresh=true', { msg: 'kept' })
    await es.send('PUT', '/_snapshot/test_repo/snap?wait_for_completion=true')
    const restarted = await es.restart()
    const list = JSON.parse((await restarted.send('GET', '/_snapshot/test_repo/*')).body) as {
      snapshots: Array<{ snapshot: string }>
    }
    expect(list.snapshots.map((s) => s.snapshot)).toEqual(['snap'])
  })
})

describe('restore', () => {
  async function snapshotted(): Promise<TestNode> {
    const es = await withRepository()
    await es.send('PUT', '/test_index/_doc/1', { msg: 'a' })
    await es.send('PUT', '/test_index/_doc/1', { msg: 'b' })
    await es.send('PUT', '/test_index/_doc/2?refresh=true', { msg: 'c' })
    await es.send('PUT', '/_snapshot/test_repo/snap?wait_for_completion=true', { indices: 'test_index' })
    return es
  }

  it('refuses to restore over an open index', async () => {
    const es = await snapshotted()
    const refused = await es.send('POST', '/_snapshot/test_repo/snap/_restore')
    expect(refused.status).toBe(500)
    expect(errorReason(refused.body)).toMatch(
      /^\[test_repo:snap\/[^\]]+\] cannot restore index \[test_index\] because an open index with same name already exists in the cluster\. Either close or delete the existing index or restore the index under a different name by providing a rename pattern and replacement name$/,
    )
  })

  it('restores over a closed index from SNAPSHOT, keeping versions and sequence numbers', async () => {
    const es = await snapshotted()
    await es.send('PUT', '/test_index/_doc/3?refresh=true', { msg: 'after the snapshot' })
    await es.send('POST', '/test_index/_close')
    const restored = await es.send('POST', '/_snapshot/test_repo/snap/_restore?wait_for_completion=true')
    expect(restored.body).toBe(
      '{"snapshot":{"snapshot":"snap","indices":["test_index"],"shards":{"total":1,"failed":0,"successful":1}}}',
    )
    const hits = JSON.parse(
      (
        await es.send(
          'GET',
          '/test_index/_search?version=true&seq_no_primary_term=true&filter_path=hits.hits',
        )
      ).body,
    ) as { hits: { hits: Array<{ _id: string; _version: number; _seq_no: number }> } }
    expect(hits.hits.hits.map((h) => [h._id, h._version, h._seq_no]).sort()).toEqual([
      ['1', 2, 1],
      ['2', 1, 2],
    ])
    const recovery = (
      await es.send('GET', '/_cat/recovery/test_index?h=type,stage,repository,snapshot,files,translog_ops')
    ).body
    expect(recovery).toBe('snapshot done test_repo snap 4 2\n')
    // RecoveryState.toXContent: SnapshotRecoverySource's fields, and the files the restore read, all recovered.
    const json = JSON.parse(
      (await es.send('GET', '/test_index/_recovery?filter_path=*.shards.source,*.shards.index.files')).body,
    ) as { test_index: { shards: Array<{ source: { restoreUUID: string } }> } }
    const [shard] = json.test_index.shards
    expect(shard!.source.restoreUUID).toMatch(/^[\w-]{22}$/)
    expect(json).toEqual({
      test_index: {
        shards: [
          {
            source: {
              repository: 'test_repo',
              snapshot: 'snap',
              version: '8.17.0',
              index: 'test_index',
              restoreUUID: shard!.source.restoreUUID,
            },
            index: { files: { total: 4, reused: 0, recovered: 4, percent: '100.0%' } },
          },
        ],
      },
    })
  })

  it('restores under a new name with rename_pattern, refusing two indices renamed into one', async () => {
    const es = await snapshotted()
    const renamed = await es.send('POST', '/_snapshot/test_repo/snap/_restore?wait_for_completion=true', {
      indices: 'test_index',
      rename_pattern: 'test_(.+)',
      rename_replacement: 'restored_$1',
    })
    expect((JSON.parse(renamed.body) as { snapshot: { indices: string[] } }).snapshot.indices).toEqual([
      'restored_index',
    ])
    expect(
      (JSON.parse((await es.send('GET', '/restored_index/_doc/1')).body) as { _source: unknown })._source,
    ).toEqual({ msg: 'b' })
    const clash = await es.send('POST', '/_snapshot/test_repo/snap/_restore', {
      indices: 'test_index',
      rename_pattern: '.+',
      rename_replacement: 'restored_index',
    })
    expect(errorReason(clash.body)).toMatch(
      /cannot restore index \[restored_index\] because an open index with same name already exists/,
    )
    const replicas = await es.send('POST', '/_snapshot/test_repo/snap/_restore?wait_for_completion=true', {
      indices: 'test_index',
      rename_pattern: 'test',
      rename_replacement: 'two',
      index_settings: { index: { number_of_replicas: 2 } },
    })
    expect(replicas.status).toBe(200)
    const settings = await es.send(
      'GET',
      '/two_index/_settings?filter_path=*.settings.index.number_of_replicas',
    )
    expect(settings.body).toBe('{"two_index":{"settings":{"index":{"number_of_replicas":"2"}}}}')
    const shards = await es.send('POST', '/_snapshot/test_repo/snap/_restore', {
      indices: 'test_index',
      rename_pattern: 'test',
      rename_replacement: 'other',
      index_settings: { 'index.number_of_shards': 2 },
    })
    expect(errorReason(shards.body)).toMatch(
      /\] cannot modify setting \[index\.number_of_shards\] on restore$/,
    )
  })

  it('checks cluster.max_shards_per_node for each new index, not for a closed index it replaces', async () => {
    const es = await snapshotted()
    const limit = await es.send('PUT', '/_cluster/settings', {
      persistent: { 'cluster.max_shards_per_node': 1 },
    })
    expect(limit.status).toBe(200)
    const refused = await es.send('POST', '/_snapshot/test_repo/snap/_restore?wait_for_completion=true', {
      indices: 'test_index',
      rename_pattern: 'test',
      rename_replacement: 'restored',
    })
    const docs =
      'https://www.elastic.co/guide/en/elasticsearch/reference/8.17/size-your-shards.html#troubleshooting-max-shards-open'
    const reason =
      'Validation Failed: 1: this action would add [1] shards, but this cluster currently has [1]/[1] maximum ' +
      `normal shards open; for more information, see ${docs};`
    expect([refused.status, JSON.parse(refused.body)]).toEqual([
      400,
      {
        error: {
          root_cause: [{ type: 'validation_exception', reason }],
          type: 'validation_exception',
          reason,
        },
        status: 400,
      },
    ])
    expect((await es.send('GET', '/restored_index')).status).toBe(404)
    // Over a closed index, RestoreService reopens it without the check, even past the limit.
    await es.send('POST', '/test_index/_close')
    await es.send('PUT', '/filler', { settings: { number_of_shards: 1, number_of_replicas: 0 } })
    const replaced = await es.send('POST', '/_snapshot/test_repo/snap/_restore?wait_for_completion=true')
    expect(replaced.body).toBe(
      '{"snapshot":{"snapshot":"snap","indices":["test_index"],"shards":{"total":1,"failed":0,"successful":1}}}',
    )
  })
})
