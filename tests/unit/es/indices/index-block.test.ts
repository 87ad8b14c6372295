// PUT <index>/_block/<block> (RestAddIndexBlockAction, TransportAddIndexBlockAction, MetadataIndexStateService
// .addIndexBlock, ES 8.17): the blocks APIBlock names, the setting each sets, AddIndexBlockResponse's body and the
// errors: an unknown block, the internal read_only_allow_delete, patterns under action.destructive_requires_name, a
// missing index, and a block added to an index whose metadata writes are blocked.
import { beforeEach, describe, expect, it } from 'vitest'
import { startCluster, type TestCluster } from '../cluster/es-cluster-fixture.ts'
import { errorBody } from '../cluster-admin/cluster-admin-fixture.ts'

let cluster: TestCluster

beforeEach(async () => {
  cluster = await startCluster(1)
  for (const name of ['logs-a', 'logs-b']) {
    await cluster.json(1, 'PUT', `/${name}`, { settings: { number_of_shards: 1, number_of_replicas: 0 } })
  }
  await cluster.settle()
}, 60_000)

async function send(method: 'PUT' | 'GET', path: string, body?: object): Promise<[number, unknown]> {
  const response = await cluster.send(1, method, path, body)
  return [response.status, JSON.parse(response.body)]
}

describe('adding a block', () => {
  it('sets index.blocks.<block> and answers each blocked index; a second time there is nothing to block', async () => {
    expect(await send('PUT', '/logs-a/_block/write')).toEqual([
      200,
      { acknowledged: true, shards_acknowledged: true, indices: [{ name: 'logs-a', blocked: true }] },
    ])
    expect(await send('GET', '/logs-a/_settings/index.blocks.*?flat_settings=true')).toEqual([
      200,
      { 'logs-a': { settings: { 'index.blocks.write': 'true' } } },
    ])
    expect(await send('PUT', '/logs-a/_doc/1', { n: 1 })).toEqual([
      403,
      errorBody(
        'cluster_block_exception',
        'index [logs-a] blocked by: [FORBIDDEN/8/index write (api)];',
        403,
      ),
    ])
    expect(await send('PUT', '/logs-a,logs-b/_block/write')).toEqual([
      200,
      { acknowledged: true, shards_acknowledged: true, indices: [{ name: 'logs-b', blocked: true }] },
    ])
    expect(await send('PUT', '/logs-a/_block/write')).toEqual([
      200,
      { acknowledged: true, shards_acknowledged: false, indices: [] },
    ])
  })

  it('refuses a read or write block on an index whose metadata writes are blocked', async () => {
    await send('PUT', '/logs-a/_block/metadata')
    await send('PUT', '/logs-b/_block/read_only')
    expect(await send('PUT', '/logs-a,logs-b/_block/write')).toEqual([
      403,
      errorBody(
        'cluster_block_exception',
        'index [logs-a] blocked by: [FORBIDDEN/9/index metadata (api)];' +
          'index [logs-b] blocked by: [FORBIDDEN/5/index read-only (api)];',
        403,
      ),
    ])
    expect(await send('PUT', '/logs-a/_block/read_only')).toEqual([
      200,
      { acknowledged: true, shards_acknowledged: true, indices: [{ name: 'logs-a', blocked: true }] },
    ])
  })
})

describe('refusals', () => {
  it('an unknown block, and the internal read_only_allow_delete', async () => {
    expect(await send('PUT', '/logs-a/_block/readonly')).toEqual([
      400,
      errorBody('illegal_argument_exception', 'No block found with name readonly', 400),
    ])
    expect(await send('PUT', '/logs-a/_block/read_only_allow_delete')).toEqual([
      400,
      errorBody(
        'action_request_validation_exception',
        'Validation Failed: 1: read_only_allow_delete block is for internal use only;',
        400,
      ),
    ])
  })

  it('patterns while action.destructive_requires_name is true, then not', async () => {
    expect(await send('PUT', '/logs-*/_block/read')).toEqual([
      400,
      errorBody('illegal_argument_exception', 'Wildcard expressions or all indices are not allowed', 400),
    ])
    await send('PUT', '/_cluster/settings', { persistent: { 'action.destructive_requires_name': false } })
    expect(await send('PUT', '/logs-*/_block/read')).toEqual([
      200,
      {
        acknowledged: true,
        shards_acknowledged: true,
        indices: [
          { name: 'logs-a', blocked: true },
          { name: 'logs-b', blocked: true },
        ],
      },
    ])
  })

  it('a missing index, unless ignore_unavailable', async () => {
    expect(await send('PUT', '/nope/_block/write')).toEqual([
      404,
      errorBody('index_not_found_exception', 'no such index [nope]', 404, {
        'resource.type': 'index_or_alias',
        'resource.id': 'nope',
        index_uuid: '_na_',
        index: 'nope',
      }),
    ])
    expect(await send('PUT', '/nope/_block/write?ignore_unavailable=true')).toEqual([
      200,
      { acknowledged: true, shards_acknowledged: false, indices: [] },
    ])
  })
})
