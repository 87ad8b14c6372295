// The READ and METADATA_READ block levels on the request side, as ES 8.17's transport actions check them:
// `index.blocks.read` (id 7, READ) refuses searches, counts, gets, explain, term vectors, analyze, field caps,
// validate and by-query (mget and msearch per item) but not updates, mappings or stats; `index.blocks.metadata`
// (id 9, METADATA_READ and METADATA_WRITE) refuses GET _mapping, _settings, _alias and the index, _stats, _recovery,
// _segments, _forcemerge, _cat/indices and _cat/shards, leaves the index out of GET _mapping/field, and lets
// searches, refresh and flush run;
// the global `cluster.blocks.read_only` (METADATA_WRITE) refuses _forcemerge before its indices are resolved.
import { beforeEach, describe, expect, it } from 'vitest'
import { blockedAnswer, clusterWithIndex, statusAndBody } from './cluster-admin-fixture.ts'
import type { TestCluster } from '../cluster/es-cluster-fixture.ts'

let cluster: TestCluster

beforeEach(async () => {
  ;({ cluster } = await clusterWithIndex(2, { settings: { number_of_shards: 1, number_of_replicas: 0 } }))
  await send('PUT', '/other', { settings: { number_of_shards: 1, number_of_replicas: 0 } })
  await cluster.settle()
  await send('PUT', '/idx/_doc/1?refresh=true', { n: 1, text: 'quick fox' })
}, 60_000)

const send = (method: 'PUT' | 'GET' | 'POST' | 'DELETE', path: string, body?: object): Promise<unknown[]> =>
  statusAndBody(cluster, method, path, body)

const READ = 'FORBIDDEN/7/index read (api)'
const METADATA = 'FORBIDDEN/9/index metadata (api)'
const blocked = blockedAnswer
const status = async (method: 'GET' | 'POST', path: string, body?: object): Promise<unknown> =>
  (await send(method, path, body))[0]

describe('index.blocks.read', () => {
  beforeEach(async () => {
    expect(await send('PUT', '/idx/_settings', { 'index.blocks.read': true })).toEqual([
      200,
      { acknowledged: true },
    ])
  })

  const refused = blocked(`index [idx] blocked by: [${READ}];`)

  it('refuses the searches, gets and single-shard reads of the index, and nothing else', async () => {
    expect(await send('GET', '/idx/_search')).toEqual(refused)
    expect(await send('GET', '/_count')).toEqual(refused)
    expect(await send('GET', '/idx/_doc/1')).toEqual(refused)
    expect(await send('GET', '/idx/_source/1')).toEqual(refused)
    expect(await send('POST', '/idx/_explain/1', { query: { match_all: {} } })).toEqual(refused)
    expect(await send('GET', '/idx/_termvectors/1')).toEqual(refused)
    expect(await send('POST', '/idx/_analyze', { text: 'a b' })).toEqual(refused)
    expect(await send('GET', '/idx/_field_caps?fields=n')).toEqual(refused)
    expect(await send('GET', '/idx/_validate/query')).toEqual(refused)
    expect(await send('POST', '/idx/_delete_by_query', { query: { match_all: {} } })).toEqual(refused)
    expect(await send('POST', '/idx/_pit?keep_alive=1m')).toEqual(refused)
    // Other indices, the metadata reads, stats, refresh and updates (WRITE level) still answer.
    expect(await send('GET', '/other/_count')).toEqual([
      200,
      { count: 0, _shards: { total: 1, successful: 1, skipped: 0, failed: 0 } },
    ])
    expect(await status('GET', '/idx/_mapping')).toBe(200)
    expect(await status('GET', '/idx/_stats')).toBe(200)
    expect(await status('POST', '/idx/_refresh')).toBe(200)
    expect(await status('POST', '/idx/_update/1?refresh=true', { doc: { n: 2 } })).toBe(200)
    expect(await send('PUT', '/idx/_settings', { 'index.blocks.read': false })).toEqual([
      200,
      { acknowledged: true },
    ])
    expect(await send('GET', '/idx/_source/1')).toEqual([200, { n: 2, text: 'quick fox' }])
    expect(await send('POST', '/idx/_delete_by_query?refresh=true', { query: { match_all: {} } })).toEqual([
      200,
      expect.objectContaining({ total: 1, deleted: 1 }) as unknown,
    ])
  })

  it('fails the search at the first blocked index of the expression alone', async () => {
    await send('PUT', '/other/_settings', { 'index.blocks.read': true })
    expect(await send('GET', '/idx,other/_search')).toEqual(refused)
    expect(await send('GET', '/*/_search')).toEqual(refused)
    expect(await send('GET', '/o*/_field_caps?fields=n')).toEqual(
      blocked(`index [other] blocked by: [${READ}];`),
    )
  })

  it('fails mget, mtermvectors and msearch items alone', async () => {
    const failure = {
      _index: 'idx',
      _id: '1',
      error: {
        root_cause: [{ type: 'cluster_block_exception', reason: `index [idx] blocked by: [${READ}];` }],
        type: 'cluster_block_exception',
        reason: `index [idx] blocked by: [${READ}];`,
      },
    }
    expect(
      await send('POST', '/_mget', {
        docs: [
          { _index: 'idx', _id: '1' },
          { _index: 'other', _id: '1' },
        ],
      }),
    ).toEqual([200, { docs: [failure, { _index: 'other', _id: '1', found: false }] }])
    expect(await send('POST', '/_mtermvectors', { docs: [{ _index: 'idx', _id: '1' }] })).toEqual([
      200,
      { docs: [failure] },
    ])
    const response = await cluster.send(
      2,
      'POST',
      '/_msearch',
      '{"index":"idx"}\n{}\n{"index":"other"}\n{"size":0}\n',
    )
    const { responses } = JSON.parse(response.body) as { responses: Array<Record<string, unknown>> }
    expect(responses[0]).toEqual({
      error: failure.error,
      status: 403,
    })
    expect(responses[1]!.status).toBe(200)
  })
})

describe('index.blocks.read on a point in time', () => {
  it('leaves a search through a point in time opened before the block answering', async () => {
    // TransportSearchAction checks index blocks while it resolves an index expression (buildIndexAliasFilters);
    // a point-in-time search takes its indices from the id and checks only the global READ blocks.
    const [, opened] = await send('POST', '/idx/_pit?keep_alive=1m')
    const { id } = opened as { id: string }
    await send('PUT', '/idx/_settings', { 'index.blocks.read': true })
    expect(await send('GET', '/idx/_search')).toEqual(blocked(`index [idx] blocked by: [${READ}];`))
    expect(
      await send('POST', '/_search?filter_path=hits.total,hits.hits._id', { pit: { id, keep_alive: '1m' } }),
    ).toEqual([200, { hits: { total: { value: 1, relation: 'eq' }, hits: [{ _id: '1' }] } }])
  })
})

describe('index.blocks.metadata', () => {
  beforeEach(async () => {
    await send('PUT', '/idx/_settings', { 'index.blocks.metadata': true })
  })

  const refused = blocked(`index [idx] blocked by: [${METADATA}];`)

  it('refuses the metadata reads and the metadata broadcasts, lets searches, refresh and flush run', async () => {
    expect(await send('GET', '/idx/_mapping')).toEqual(refused)
    expect(await send('GET', '/idx/_settings')).toEqual(refused)
    expect(await send('GET', '/idx')).toEqual(refused)
    expect(await send('GET', '/_alias')).toEqual(refused)
    expect(await send('GET', '/idx/_stats')).toEqual(refused)
    expect(await send('GET', '/_stats')).toEqual(refused)
    expect(await send('GET', '/idx/_recovery')).toEqual(refused)
    expect(await send('GET', '/idx/_segments')).toEqual(refused)
    expect(await send('POST', '/idx/_forcemerge')).toEqual(refused)
    expect(await send('GET', '/other/_alias')).toEqual([200, { other: { aliases: {} } }])
    expect(await send('GET', '/_mapping/field/n')).toEqual([200, { other: { mappings: {} } }])
    expect(await send('GET', '/idx/_count')).toEqual([
      200,
      { count: 1, _shards: { total: 1, successful: 1, skipped: 0, failed: 0 } },
    ])
    expect(await send('POST', '/idx/_refresh')).toEqual([
      200,
      { _shards: { total: 1, successful: 1, failed: 0 } },
    ])
    expect(await status('POST', '/idx/_flush')).toBe(200)
    // The block's own setting alone lifts it.
    expect(await send('PUT', '/idx/_settings', { 'index.blocks.metadata': false })).toEqual([
      200,
      { acknowledged: true },
    ])
    expect(await status('GET', '/idx/_mapping')).toBe(200)
  })

  it('refuses _cat/indices and _cat/shards over the index (their GetSettings and IndicesStats requests)', async () => {
    expect(await send('GET', '/_cat/indices')).toEqual(refused)
    expect(await send('GET', '/_cat/indices/idx?format=json')).toEqual(refused)
    expect(await send('GET', '/_cat/shards')).toEqual(refused)
    expect(await send('GET', '/_cat/shards/i*?format=json')).toEqual(refused)
    expect(await send('GET', '/_cat/indices/other?format=json&h=index,status')).toEqual([
      200,
      [{ index: 'other', status: 'open' }],
    ])
    expect(await send('GET', '/_cat/shards/other?format=json&h=index,shard,prirep')).toEqual([
      200,
      [{ index: 'other', shard: '0', prirep: 'p' }],
    ])
    await send('PUT', '/other/_settings', { 'index.blocks.metadata': true })
    expect(await send('GET', '/_cat/indices?format=json')).toEqual(
      blocked(`index [other] blocked by: [${METADATA}];index [idx] blocked by: [${METADATA}];`),
    )
  })

  it('names every blocked index in one exception, in HashMap order', async () => {
    await send('PUT', '/other/_settings', { 'index.blocks.metadata': true })
    expect(await send('GET', '/idx,other/_mapping')).toEqual(
      blocked(`index [other] blocked by: [${METADATA}];index [idx] blocked by: [${METADATA}];`),
    )
  })
})

describe('global blocks on broadcasts', () => {
  it('cluster.blocks.read_only refuses _forcemerge before its indices are resolved, not _refresh', async () => {
    await send('PUT', '/_cluster/settings', { persistent: { 'cluster.blocks.read_only': true } })
    const global = blocked('blocked by: [FORBIDDEN/6/cluster read-only (api)];')
    expect(await send('POST', '/idx/_forcemerge')).toEqual(global)
    expect(await send('POST', '/missing/_forcemerge')).toEqual(global)
    expect(await status('POST', '/idx/_refresh')).toBe(200)
    expect(await status('GET', '/idx/_segments')).toBe(200)
    await send('PUT', '/_cluster/settings', { persistent: { 'cluster.blocks.read_only': null } })
  })
})
