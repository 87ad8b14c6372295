// cluster.blocks.read_only and cluster.blocks.read_only_allow_delete (Metadata.CLUSTER_READ_ONLY_BLOCK, id 6, and
// CLUSTER_READ_ONLY_ALLOW_DELETE_BLOCK, id 13) through a two-node cluster, as ES 8 answers: document writes fail
// whole (TransportBulkAction's global WRITE check), index creation, mappings, aliases and templates get each
// master action's checkBlock, index settings the global block first, an index delete passes only under
// read_only_allow_delete, and PUT _cluster/settings with the block setting alone lifts it; GET _cluster/state
// prints the blocks; and the index blocks now join the global ones in the same checks.
import { beforeEach, describe, expect, it } from 'vitest'
import { blockedAnswer, clusterWithIndex, errorBody, statusAndBody } from './cluster-admin-fixture.ts'
import type { TestCluster } from '../cluster/es-cluster-fixture.ts'

let cluster: TestCluster

beforeEach(async () => {
  ;({ cluster } = await clusterWithIndex(2, { settings: { number_of_shards: 1, number_of_replicas: 0 } }))
}, 60_000)

const send = (method: 'PUT' | 'GET' | 'POST' | 'DELETE', path: string, body?: object): Promise<unknown[]> =>
  statusAndBody(cluster, method, path, body)

const READ_ONLY = 'FORBIDDEN/6/cluster read-only (api)'
const ALLOW_DELETE = 'FORBIDDEN/13/cluster read-only / allow delete (api)'
const blocked = blockedAnswer

describe('cluster.blocks.read_only', () => {
  it('refuses writes, index creation, mapping and settings changes and deletes until the block alone is lifted', async () => {
    expect(
      await send('PUT', '/_cluster/settings', { persistent: { 'cluster.blocks.read_only': true } }),
    ).toEqual([
      200,
      { acknowledged: true, persistent: { cluster: { blocks: { read_only: 'true' } } }, transient: {} },
    ])
    expect(await send('PUT', '/idx/_doc/1', { n: 1 })).toEqual(blocked(`blocked by: [${READ_ONLY}];`))
    expect(await send('POST', '/missing/_doc', { n: 1 })).toEqual(blocked(`blocked by: [${READ_ONLY}];`))
    expect(await send('POST', '/idx/_update/1', { doc: { n: 2 } })).toEqual(
      blocked(`blocked by: [${READ_ONLY}];`),
    )
    expect(await send('PUT', '/newidx')).toEqual(blocked(`index [newidx] blocked by: [${READ_ONLY}];`))
    expect(await send('PUT', '/idx/_mapping', { properties: { b: { type: 'keyword' } } })).toEqual(
      blocked(`index [idx] blocked by: [${READ_ONLY}];`),
    )
    expect(await send('PUT', '/idx/_settings', { 'index.blocks.read_only': false })).toEqual(
      blocked(`blocked by: [${READ_ONLY}];`),
    )
    expect(await send('POST', '/_aliases', { actions: [{ add: { index: 'idx', alias: 'a' } }] })).toEqual(
      blocked(`index [idx] blocked by: [${READ_ONLY}];`),
    )
    expect(await send('PUT', '/_index_template/t', { index_patterns: ['t*'] })).toEqual(
      blocked(`blocked by: [${READ_ONLY}];`),
    )
    expect(await send('PUT', '/idx/_block/read_only')).toEqual(
      blocked(`index [idx] blocked by: [${READ_ONLY}];`),
    )
    expect(await send('DELETE', '/idx')).toEqual(blocked(`index [idx] blocked by: [${READ_ONLY}];`))
    // Any other setting, or the block's setting with another one, is refused; the block's setting alone passes.
    expect(
      await send('PUT', '/_cluster/settings', { persistent: { 'cluster.routing.allocation.enable': 'all' } }),
    ).toEqual(blocked(`blocked by: [${READ_ONLY}];`))
    expect(
      await send('PUT', '/_cluster/settings', {
        persistent: { 'cluster.blocks.read_only': null, 'cluster.routing.allocation.enable': 'all' },
      }),
    ).toEqual(blocked(`blocked by: [${READ_ONLY}];`))
    expect(await send('GET', '/idx/_search?size=0&filter_path=hits.total')).toEqual([
      200,
      { hits: { total: { value: 0, relation: 'eq' } } },
    ])
    expect(
      await send('PUT', '/_cluster/settings', { persistent: { 'cluster.blocks.read_only': null } }),
    ).toEqual([200, { acknowledged: true, persistent: {}, transient: {} }])
    expect((await send('PUT', '/idx/_doc/1', { n: 1 }))[0]).toBe(201)
  })

  it('holds while either scope sets it, and is shown in the blocks of GET _cluster/state', async () => {
    await send('PUT', '/_cluster/settings', { persistent: { 'cluster.blocks.read_only': true } })
    await send('PUT', '/_cluster/settings', { transient: { 'cluster.blocks.read_only': false } })
    expect(await send('GET', '/_cluster/state/blocks')).toEqual([
      200,
      {
        cluster_name: 'docker-cluster',
        cluster_uuid: expect.any(String) as unknown,
        blocks: {
          global: {
            '6': {
              description: 'cluster read-only (api)',
              retryable: false,
              levels: ['write', 'metadata_write'],
            },
          },
        },
      },
    ])
    expect(await send('PUT', '/idx/_doc/1', { n: 1 })).toEqual(blocked(`blocked by: [${READ_ONLY}];`))
  })

  it('refuses a bad value as the boolean setting does', async () => {
    expect(
      await send('PUT', '/_cluster/settings', { persistent: { 'cluster.blocks.read_only': 'yes' } }),
    ).toEqual([
      400,
      errorBody(
        'illegal_argument_exception',
        'Failed to parse value [yes] as only [true] or [false] are allowed.',
        400,
      ),
    ])
  })
})

describe('cluster.blocks.read_only_allow_delete', () => {
  it('refuses writes, document deletes and metadata changes but lets an index be deleted', async () => {
    await send('PUT', '/idx/_doc/1?refresh=true', { n: 1 })
    await send('PUT', '/_cluster/settings', { transient: { 'cluster.blocks.read_only_allow_delete': true } })
    expect(await send('DELETE', '/idx/_doc/1')).toEqual(blocked(`blocked by: [${ALLOW_DELETE}];`))
    expect(await send('PUT', '/other')).toEqual(blocked(`index [other] blocked by: [${ALLOW_DELETE}];`))
    expect(await send('GET', '/_cluster/state/blocks?filter_path=blocks')).toEqual([
      200,
      {
        blocks: {
          global: {
            '13': {
              description: 'cluster read-only / allow delete (api)',
              retryable: false,
              levels: ['write', 'metadata_write'],
            },
          },
        },
      },
    ])
    expect(await send('DELETE', '/idx')).toEqual([200, { acknowledged: true }])
  })

  it('joins the index blocks: an index read_only block still keeps the index from being deleted', async () => {
    await send('PUT', '/idx/_settings', { 'index.blocks.read_only': true })
    await send('PUT', '/_cluster/settings', { persistent: { 'cluster.blocks.read_only_allow_delete': true } })
    expect(await send('PUT', '/idx/_mapping', { properties: { b: { type: 'keyword' } } })).toEqual(
      blocked(`index [idx] blocked by: [${ALLOW_DELETE}, FORBIDDEN/5/index read-only (api)];`),
    )
    expect(await send('DELETE', '/idx')).toEqual(
      blocked('index [idx] blocked by: [FORBIDDEN/5/index read-only (api)];'),
    )
    expect(await send('GET', '/_cluster/state/blocks?filter_path=blocks.indices')).toEqual([
      200,
      {
        blocks: {
          indices: {
            idx: {
              '5': {
                description: 'index read-only (api)',
                retryable: false,
                levels: ['write', 'metadata_write'],
              },
            },
          },
        },
      },
    ])
  })
})

describe('index blocks on metadata writes', () => {
  it('index.blocks.read_only refuses mappings, other settings and the delete; lifting it is allowed', async () => {
    await send('PUT', '/idx/_settings', { 'index.blocks.read_only': true })
    const reason = 'index [idx] blocked by: [FORBIDDEN/5/index read-only (api)];'
    expect(await send('PUT', '/idx/_mapping', { properties: { b: { type: 'keyword' } } })).toEqual(
      blocked(reason),
    )
    expect(await send('PUT', '/idx/_settings', { 'index.refresh_interval': '5s' })).toEqual(blocked(reason))
    expect(await send('PUT', '/idx/_settings', { 'index.blocks.write': true })).toEqual(blocked(reason))
    expect(await send('DELETE', '/idx')).toEqual(blocked(reason))
    expect(await send('PUT', '/idx/_settings', { 'index.blocks.read_only': false })).toEqual([
      200,
      { acknowledged: true },
    ])
    expect(await send('DELETE', '/idx')).toEqual([200, { acknowledged: true }])
  })

  it('index.blocks.read_only_allow_delete lets the index be deleted (429 alone, 403 with another block)', async () => {
    await send('PUT', '/idx/_settings', { 'index.blocks.read_only_allow_delete': true })
    const flood =
      'TOO_MANY_REQUESTS/12/disk usage exceeded flood-stage watermark, index has read-only-allow-delete block'
    expect(await send('PUT', '/idx/_mapping', { properties: { b: { type: 'keyword' } } })).toEqual([
      429,
      errorBody('cluster_block_exception', `index [idx] blocked by: [${flood}];`, 429),
    ])
    await send('PUT', '/idx/_settings', { 'index.blocks.metadata': true })
    expect(await send('PUT', '/idx/_mapping', { properties: { b: { type: 'keyword' } } })).toEqual(
      blocked(`index [idx] blocked by: [${flood}, FORBIDDEN/9/index metadata (api)];`),
    )
    await send('PUT', '/idx/_settings', { 'index.blocks.metadata': false })
    expect(await send('DELETE', '/idx')).toEqual([200, { acknowledged: true }])
  })

  it('a close refused by an index block flushes nothing: the blocks are checked before any copy is flushed', async () => {
    await send('PUT', '/idx/_doc/1', { n: 1 })
    await send('PUT', '/idx/_settings', { 'index.blocks.read_only': true })
    expect(await send('POST', '/idx/_close')).toEqual(
      blocked('index [idx] blocked by: [FORBIDDEN/5/index read-only (api)];'),
    )
    const flushTotal = async (): Promise<unknown> =>
      ((await send('GET', '/idx/_stats/flush'))[1] as { _all: { primaries: { flush: { total: number } } } })
        ._all.primaries.flush.total
    expect(await flushTotal()).toBe(0)
    expect(await send('PUT', '/idx/_settings', { 'index.blocks.read_only': false })).toEqual([
      200,
      { acknowledged: true },
    ])
    expect(await send('POST', '/idx/_close')).toEqual([
      200,
      { acknowledged: true, shards_acknowledged: true, indices: { idx: { closed: true } } },
    ])
  })
})
