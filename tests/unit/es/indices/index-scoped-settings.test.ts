// The index settings registry (IndexScopedSettings) through EsNode: PUT _settings and index creation accept
// ES 8.17's known index settings and refuse unknown ones with AbstractScopedSettings.validate's hint, check
// simple values (Booleans.parseBoolean, Setting.intSetting/longSetting, timeSetting minimums) with ES's texts,
// keep the settings the playground does not act on and show them in GET _settings; index.hidden takes the
// index out of wildcard expressions; templates' settings are validated when the template is put.
import { beforeEach, describe, expect, test } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'
import { jsonAt } from './json-at.ts'

let node: TestNode
let uuid: string

beforeEach(async () => {
  node = await startNode()
  await node.send('PUT', '/orders', { settings: { number_of_replicas: 0 } })
  uuid = String(
    jsonAt((await node.send('GET', '/orders/_settings')).body, 'orders', 'settings', 'index', 'uuid'),
  )
})

const error = async (method: 'GET' | 'PUT' | 'POST' | 'DELETE', path: string, body?: object) => {
  const response = await node.send(method, path, body)
  return {
    status: response.status,
    type: jsonAt(response.body, 'error', 'type'),
    reason: jsonAt(response.body, 'error', 'reason'),
  }
}
const illegal = (reason: string) => ({ status: 400, type: 'illegal_argument_exception', reason })
const flat = async (index: string, name = '') =>
  jsonAt((await node.send('GET', `/${index}/_settings${name}?flat_settings=true`)).body, index, 'settings')

describe('PUT _settings', () => {
  test('a known dynamic setting is kept and shown, flat and nested; null removes it', async () => {
    const put = await node.send('PUT', '/orders/_settings', {
      index: { blocks: { write: true }, 'lifecycle.name': 'logs-policy' },
    })
    expect(put.body).toBe('{"acknowledged":true}')
    expect(await flat('orders', '/index.blocks.*,index.lifecycle.*')).toEqual({
      'index.blocks.write': 'true',
      'index.lifecycle.name': 'logs-policy',
    })
    const nested = (await node.send('GET', '/orders/_settings/index.blocks.*')).body
    expect(nested).toBe('{"orders":{"settings":{"index":{"blocks":{"write":"true"}}}}}')
    await node.send('PUT', '/orders/_settings', { 'index.blocks.write': null })
    expect(await flat('orders', '/index.blocks.*,index.lifecycle.*')).toEqual({
      'index.lifecycle.name': 'logs-policy',
    })
  })

  test('values are checked with ES texts; a failing request changes nothing', async () => {
    expect(await error('PUT', '/orders/_settings', { 'index.blocks.write': 'yes' })).toEqual(
      illegal('Failed to parse value [yes] as only [true] or [false] are allowed.'),
    )
    expect(await error('PUT', '/orders/_settings', { 'mapping.total_fields.limit': -1 })).toEqual(
      illegal('Failed to parse value [-1] for setting [index.mapping.total_fields.limit] must be >= 0'),
    )
    expect(await error('PUT', '/orders/_settings', { priority: 'high', 'blocks.read_only': true })).toEqual(
      illegal('Failed to parse value [high] for setting [index.priority]'),
    )
    expect(await error('PUT', '/orders/_settings', { 'index.gc_deletes': '10 minutes' })).toEqual(
      illegal(
        'failed to parse setting [index.gc_deletes] with value [10 minutes] as a time value: unit is missing or unrecognized',
      ),
    )
    expect(await flat('orders', '/index.blocks.*')).toBeUndefined()
  })

  test('unknown keys get the hint; static, final and private keys their errors', async () => {
    expect(await error('PUT', '/orders/_settings', { 'index.blocks.writes': true })).toEqual(
      illegal(
        'unknown setting [index.blocks.writes] did you mean any of [index.blocks.write, index.blocks.read]?',
      ),
    )
    expect(await error('PUT', '/orders/_settings', { codec: 'best_compression' })).toEqual(
      illegal(`Can't update non dynamic settings [[index.codec]] for open indices [[orders/${uuid}]]`),
    )
    // The scope checks come before the values (MetadataUpdateSettingsService).
    expect(await error('PUT', '/orders/_settings', { 'translog.sync_interval': '1ms' })).toEqual(
      illegal(
        `Can't update non dynamic settings [[index.translog.sync_interval]] for open indices [[orders/${uuid}]]`,
      ),
    )
    await node.send('POST', '/orders/_close')
    expect((await node.send('PUT', '/orders/_settings', { codec: 'best_compression' })).status).toBe(200)
    expect(await error('PUT', '/orders/_settings', { 'sort.field': 'date' })).toEqual(
      illegal('final orders setting [index.sort.field], not updateable'),
    )
    expect(await error('PUT', '/orders/_settings', { 'index.version.created': '1' })).toEqual(
      illegal(
        'can not update private setting [index.version.created]; this setting is managed by Elasticsearch',
      ),
    )
    await node.send('POST', '/orders/_open')
    expect(await flat('orders', '/index.codec')).toEqual({ 'index.codec': 'best_compression' })
  })

  test('index.hidden takes the index out of wildcard expressions', async () => {
    await node.send('PUT', '/orders/_settings', { 'index.hidden': true })
    expect((await node.send('GET', '/ord*/_settings')).body).toBe('{}')
    expect(await flat('orders', '/index.hidden')).toEqual({ 'index.hidden': 'true' })
    expect(
      jsonAt(
        (await node.send('GET', '/ord*/_settings?expand_wildcards=all&flat_settings=true')).body,
        'orders',
        'settings',
        'index.hidden',
      ),
    ).toBe('true')
  })
})

describe('index.routing.allocation.enable and index.routing.rebalance.enable', () => {
  test('values are parsed as EnableAllocationDecider parses them, case-insensitively', async () => {
    expect(
      await error('PUT', '/orders/_settings', { 'index.routing.allocation.enable': 'replicas' }),
    ).toEqual(illegal('Illegal allocation.enable value [REPLICAS]'))
    expect(await error('PUT', '/orders/_settings', { 'routing.rebalance.enable': 'new_primaries' })).toEqual(
      illegal('Illegal rebalance.enable value [NEW_PRIMARIES]'),
    )
    expect(await error('PUT', '/logs', { settings: { 'routing.allocation.enable': 'off' } })).toEqual(
      illegal('Illegal allocation.enable value [OFF]'),
    )
    expect(await flat('orders', '/index.routing.*.enable')).toBeUndefined()
    const put = await node.send('PUT', '/orders/_settings', {
      'index.routing.allocation.enable': 'New_Primaries',
      'index.routing.rebalance.enable': 'REPLICAS',
    })
    expect(put.body).toBe('{"acknowledged":true}')
  })

  test('the index setting decides its shards over the cluster setting, and explain names it', async () => {
    await node.send('PUT', '/logs', {
      settings: { number_of_replicas: 0, 'index.routing.allocation.enable': 'none' },
    })
    const explain = async () =>
      (await node.send('GET', '/_cluster/allocation/explain', { index: 'logs', shard: 0, primary: true }))
        .body
    const state = async () => jsonAt(await explain(), 'current_state')
    expect(await state()).toBe('unassigned')
    expect(await explain()).toContain(
      '"decider":"enable","decision":"NO","explanation":"no allocations are allowed due to index setting ' +
        '[index.routing.allocation.enable=none]"',
    )
    await node.send('PUT', '/_cluster/settings', {
      persistent: { 'cluster.routing.allocation.enable': 'none' },
    })
    await node.send('PUT', '/logs/_settings', { 'index.routing.allocation.enable': 'all' })
    await node.clock.sleep(1_000)
    expect(await state()).toBe('started')
  })
})

describe('write blocks', () => {
  test('index.blocks.write refuses document writes with cluster_block_exception until it is reset', async () => {
    await node.send('PUT', '/orders/_settings', { 'index.blocks.write': true })
    expect(await error('PUT', '/orders/_doc/1', { n: 1 })).toEqual({
      status: 403,
      type: 'cluster_block_exception',
      reason: 'index [orders] blocked by: [FORBIDDEN/8/index write (api)];',
    })
    const bulk = await node.send(
      'POST',
      '/_bulk',
      [
        '{"index":{"_index":"orders","_id":"1"}}',
        '{"n":1}',
        '{"index":{"_index":"other","_id":"1"}}',
        '{"n":1}',
        '',
      ].join('\n'),
    )
    expect(jsonAt(bulk.body, 'errors')).toBe(true)
    expect(jsonAt(bulk.body, 'items', '0', 'index', 'status')).toBe(403)
    expect(jsonAt(bulk.body, 'items', '0', 'index', 'error', 'reason')).toBe(
      'index [orders] blocked by: [FORBIDDEN/8/index write (api)];',
    )
    expect(jsonAt(bulk.body, 'items', '1', 'index', 'status')).toBe(201)
    await node.send('PUT', '/orders/_settings', { 'index.blocks.write': false })
    expect((await node.send('PUT', '/orders/_doc/1', { n: 1 })).status).toBe(201)
  })

  test('read_only and read_only_allow_delete', async () => {
    await node.send('PUT', '/orders/_settings', { 'index.blocks.read_only_allow_delete': true })
    expect(await error('DELETE', '/orders/_doc/1')).toEqual({
      status: 429,
      type: 'cluster_block_exception',
      reason:
        'index [orders] blocked by: [TOO_MANY_REQUESTS/12/disk usage exceeded flood-stage watermark, index has read-only-allow-delete block];',
    })
    await node.send('PUT', '/orders/_settings', { 'index.blocks.read_only': true })
    // The blocks in HashSet order (12 before 5); the status is the one block that is not TOO_MANY_REQUESTS's.
    expect(await error('PUT', '/orders/_doc/1', { n: 1 })).toEqual({
      status: 403,
      type: 'cluster_block_exception',
      reason:
        'index [orders] blocked by: [TOO_MANY_REQUESTS/12/disk usage exceeded flood-stage watermark, index has read-only-allow-delete block, FORBIDDEN/5/index read-only (api)];',
    })
  })
})

describe('index creation', () => {
  test('an unknown key refuses the request before anything is created', async () => {
    expect(await error('PUT', '/invoices', { settings: { number_of_replica: 1 } })).toEqual(
      illegal('unknown setting [index.number_of_replica] did you mean [index.number_of_replicas]?'),
    )
    expect((await node.send('HEAD', '/invoices')).status).toBe(404)
  })

  test('index.mapping.nested_parents.limit is unknown to 8.17 (it came with 9.3)', async () => {
    const refused = await error('PUT', '/invoices', { settings: { 'mapping.nested_parents.limit': 3 } })
    expect(refused).toMatchObject({ status: 400, type: 'illegal_argument_exception' })
    expect(refused.reason).toMatch(/^unknown setting \[index\.mapping\.nested_parents\.limit\] did you mean/)
  })

  test('bad values, in sorted key order', async () => {
    expect(
      await error('PUT', '/invoices', {
        settings: { 'translog.sync_interval': '50ms', number_of_replicas: -1 },
      }),
    ).toEqual(illegal('Failed to parse value [-1] for setting [index.number_of_replicas] must be >= 0'))
    expect(await error('PUT', '/invoices', { settings: { 'translog.sync_interval': '50ms' } })).toEqual(
      illegal('failed to parse value [50ms] for setting [index.translog.sync_interval], must be >= [100ms]'),
    )
    expect(await error('PUT', '/invoices', { settings: { similarity: { BM25: { type: 'BM25' } } } })).toEqual(
      illegal('illegal value for [index.similarity.BM25] cannot redefine built-in similarity'),
    )
    expect((await node.send('HEAD', '/invoices')).status).toBe(404)
  })

  test('the known settings it does not act on are kept and shown', async () => {
    const created = await node.send('PUT', '/invoices', {
      settings: {
        number_of_replicas: 0,
        codec: 'best_compression',
        'query.default_field': ['title', 'body'],
        routing: { allocation: { require: { _name: 'es01' } } },
        'index.lifecycle.name': 'logs-policy',
        hidden: false,
      },
    })
    expect(created.status).toBe(200)
    const settings = (await node.send('GET', '/invoices/_settings?flat_settings=true')).body
    expect(jsonAt(settings, 'invoices', 'settings')).toMatchObject({
      'index.codec': 'best_compression',
      'index.hidden': 'false',
      'index.lifecycle.name': 'logs-policy',
      'index.query.default_field': ['title', 'body'],
      'index.routing.allocation.require._name': 'es01',
    })
    const index = (await node.send('GET', '/invoices')).body
    expect(jsonAt(index, 'invoices', 'settings', 'index', 'routing', 'allocation', 'require')).toEqual({
      _name: 'es01',
    })
  })
})

describe('template settings', () => {
  const unknownFoo =
    'unknown setting [index.foo] please check that any required plugins are installed, or check the breaking changes documentation for removed settings'

  test('a composable template collects the error among its validation errors', async () => {
    expect(
      await error('PUT', '/_index_template/t1', {
        index_patterns: ['t1-*'],
        template: { settings: { foo: 1 } },
      }),
    ).toEqual({
      status: 400,
      type: 'invalid_index_template_exception',
      reason: `index_template [t1] invalid, cause [Validation Failed: 1: ${unknownFoo};]`,
    })
  })

  test('a component template and a legacy template refuse it as it is', async () => {
    expect(await error('PUT', '/_component_template/c1', { template: { settings: { foo: 1 } } })).toEqual(
      illegal(unknownFoo),
    )
    expect(await error('PUT', '/_template/l1', { index_patterns: ['l1-*'], settings: { foo: 1 } })).toEqual(
      illegal(unknownFoo),
    )
  })
})

describe('IndexMetadata bounds and scopes', () => {
  test('number_of_routing_shards is checked against number_of_shards and routes the new index', async () => {
    expect(
      await error('PUT', '/few', { settings: { number_of_shards: 8, number_of_routing_shards: 4 } }),
    ).toEqual(illegal('index.number_of_routing_shards [4] must be >= index.number_of_shards [8]'))
    expect(
      await error('PUT', '/odd', { settings: { number_of_shards: 2, number_of_routing_shards: 3 } }),
    ).toEqual(illegal('the number of source shards [2] must be a factor of [3]'))
    expect((await node.send('HEAD', '/few')).status).toBe(404)
    const created = await node.send('PUT', '/split', {
      settings: { number_of_shards: 5, number_of_replicas: 0, number_of_routing_shards: 30 },
    })
    expect(created.status).toBe(200)
    const state = await node.send('GET', '/_cluster/state/metadata/split')
    expect(jsonAt(state.body, 'metadata', 'indices', 'split', 'routing_num_shards')).toBe(30)
    expect(await flat('split', '/index.number_of_routing_shards')).toEqual({
      'index.number_of_routing_shards': '30',
    })
  })

  test('number_of_shards is at most 1024; number_of_routing_shards is static, not final', async () => {
    expect(await error('PUT', '/big', { settings: { number_of_shards: 2000 } })).toEqual(
      illegal('Failed to parse value [2000] for setting [index.number_of_shards] must be <= 1024'),
    )
    expect((await node.send('HEAD', '/big')).status).toBe(404)
    await node.send('POST', '/orders/_close')
    expect(await error('PUT', '/orders/_settings', { 'index.number_of_routing_shards': 4 })).not.toEqual(
      illegal('final orders setting [index.number_of_routing_shards], not updateable'),
    )
  })
})
