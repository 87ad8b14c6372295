// The resize APIs through EsNode, as ES 8 answers them: the YAML REST tests indices.split/10_basic ("Split index
// via API", "Split from 1 to N", "Create illegal split indices"), indices.split/30_copy_settings, indices.shrink and
// indices.clone's basics, and the errors of ResizeRequest.validate, TransportResizeAction and
// MetadataCreateIndexService.validateResize.
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'
import { jsonAt } from '../indices/json-at.ts'
import { shardId } from '../../../../workers/es/cluster/routing/operation-routing.ts'

async function source(node: TestNode, settings: object, docs = ['1', '2', '3']): Promise<void> {
  await node.send('PUT', '/source', { settings })
  for (const id of docs) await node.send('PUT', `/source/_doc/${id}`, { foo: `hello world ${id}` })
}

const block = (node: TestNode, index = 'source') =>
  node.send('PUT', `/${index}/_settings`, { 'index.blocks.write': true })

describe('split', () => {
  it('splits a read-only index: every document is found, in the shard its routing names', async () => {
    const node = await startNode()
    await source(node, { number_of_shards: 2, number_of_replicas: 0, number_of_routing_shards: 4 })
    await block(node)
    const split = await node.send(
      'POST',
      '/source/_split/target?wait_for_active_shards=1&master_timeout=10s',
      {
        settings: { 'index.number_of_replicas': 0, 'index.number_of_shards': 4 },
      },
    )
    expect(split.body).toBe('{"acknowledged":true,"shards_acknowledged":true,"index":"target"}')
    for (const id of ['1', '2', '3']) {
      const got = await node.send('GET', `/target/_doc/${id}`)
      expect(jsonAt(got.body, '_source')).toEqual({ foo: `hello world ${id}` })
      // The source's segments are kept: seq_no, version and primary term as the source wrote them.
      const before = await node.send('GET', `/source/_doc/${id}`)
      expect(jsonAt(got.body, '_seq_no')).toBe(jsonAt(before.body, '_seq_no'))
      expect(jsonAt(got.body, '_primary_term')).toBe(jsonAt(before.body, '_primary_term'))
    }
    expect(jsonAt((await node.send('GET', '/target/_count')).body, 'count')).toBe(3)
    // Each shard holds exactly the documents OperationRouting sends there with 4 shards over 4 routing shards.
    const shards = (await node.send('GET', '/_cat/shards/target?h=shard,docs&s=shard')).body
    const expected = [0, 1, 2, 3].map(
      (shard) => `${shard} ${['1', '2', '3'].filter((id) => shardId(id, null, 4, 4) === shard).length}`,
    )
    expect(
      shards
        .trim()
        .split('\n')
        .map((line) => line.replace(/ +/g, ' ')),
    ).toEqual(expected)
  })

  it('splits a one-shard index into any count', async () => {
    const node = await startNode()
    await source(node, { number_of_shards: 1, number_of_replicas: 0 })
    await block(node)
    const split = await node.send('POST', '/source/_split/target', {
      settings: { 'index.number_of_replicas': 0, 'index.number_of_shards': 5 },
    })
    expect(jsonAt(split.body, 'acknowledged')).toBe(true)
    expect(jsonAt((await node.send('GET', '/target/_search')).body, 'hits', 'total', 'value')).toBe(3)
  })

  it('refuses illegal splits with ES errors, and a split of a writable index', async () => {
    const node = await startNode()
    await source(node, { number_of_shards: 2, number_of_replicas: 0, number_of_routing_shards: 4 })
    const writable = await node.send('POST', '/source/_split/target', { settings: { number_of_shards: 4 } })
    expect(writable.status).toBe(500)
    expect(jsonAt(writable.body, 'error', 'reason')).toBe(
      'index source must be read-only to resize index. use "index.blocks.write=true"',
    )
    await block(node)
    const routing = await node.send('POST', '/source/_split/target', {
      settings: { 'index.number_of_shards': 4, 'index.number_of_routing_shards': 8 },
    })
    expect(jsonAt(routing.body, 'error', 'reason')).toBe(
      'cannot provide index.number_of_routing_shards on resize',
    )
    const six = await node.send('POST', '/source/_split/target', {
      settings: { 'index.number_of_shards': 6 },
    })
    expect(six.status).toBe(500)
    expect(jsonAt(six.body, 'error', 'type')).toBe('illegal_state_exception')
    expect(jsonAt(six.body, 'error', 'reason')).toBe(
      'the number of routing shards [4] must be a multiple of the target shards [6]',
    )
    const three = await node.send('POST', '/source/_split/target', {
      settings: { 'index.number_of_shards': 3 },
    })
    expect(jsonAt(three.body, 'error', 'reason')).toBe(
      'the number of source shards [2] must be a factor of [3]',
    )
    const missing = await node.send('POST', '/source/_split/target', {})
    expect(jsonAt(missing.body, 'error', 'reason')).toBe(
      'Validation Failed: 1: index.number_of_shards is required for split operations;',
    )
    const mappings = await node.send('POST', '/source/_split/target', { mappings: {} })
    expect(jsonAt(mappings.body, 'error', 'reason')).toBe('[1:2] [resize_request] unknown field [mappings]')
    expect((await node.send('HEAD', '/target')).status).toBe(404)
  })
})

describe('settings, aliases and the target', () => {
  it('copies the source settings under the request ones, and shows the resize source', async () => {
    const node = await startNode()
    await source(
      node,
      { number_of_shards: 1, number_of_replicas: 0, 'merge.scheduler.max_merge_count': 4 },
      [],
    )
    await block(node)
    const uuid = jsonAt(
      (await node.send('GET', '/source/_settings')).body,
      'source',
      'settings',
      'index',
      'uuid',
    )
    await node.send('POST', '/source/_split/copy-settings-target', {
      settings: {
        'index.number_of_replicas': 0,
        'index.number_of_shards': 2,
        'index.merge.scheduler.max_thread_count': 2,
      },
      aliases: { split_alias: {} },
    })
    const settings = (await node.send('GET', '/copy-settings-target/_settings')).body
    const index = (...path: string[]) =>
      jsonAt(settings, 'copy-settings-target', 'settings', 'index', ...path)
    expect(index('merge', 'scheduler', 'max_merge_count')).toBe('4')
    expect(index('merge', 'scheduler', 'max_thread_count')).toBe('2')
    expect(index('blocks', 'write')).toBe('true')
    expect(index('resize', 'source', 'name')).toBe('source')
    expect(index('resize', 'source', 'uuid')).toBe(uuid)
    expect(index('routing', 'allocation', 'initial_recovery', '_id')).toBe(null)
    expect(index('routing_partition_size')).toBe('1')
    expect(index('number_of_shards')).toBe('2')
    expect(index('provided_name')).toBe('copy-settings-target')
    expect((await node.send('GET', '/_alias/split_alias')).body).toBe(
      '{"copy-settings-target":{"aliases":{"split_alias":{}}}}',
    )
    // The target is write-blocked too (the block was copied).
    expect((await node.send('PUT', '/copy-settings-target/_doc/1', { a: 1 })).status).toBe(403)
  })

  it('refuses an existing target, a missing source and too many active shards', async () => {
    const node = await startNode()
    await source(node, { number_of_shards: 2, number_of_replicas: 0 }, [])
    await block(node)
    await node.send('PUT', '/taken')
    const taken = await node.send('POST', '/source/_clone/taken')
    expect(jsonAt(taken.body, 'error', 'type')).toBe('resource_already_exists_exception')
    const nope = await node.send('POST', '/nope/_clone/target')
    expect(jsonAt(nope.body, 'error', 'type')).toBe('index_not_found_exception')
    const wait = await node.send('POST', '/source/_clone/target?wait_for_active_shards=3')
    expect(jsonAt(wait.body, 'error', 'reason')).toBe(
      'invalid wait_for_active_shards[3]: cannot be greater than number of shard copies [2]',
    )
    const count = await node.send('POST', '/source/_clone/target', { settings: { number_of_shards: 4 } })
    expect(jsonAt(count.body, 'error', 'reason')).toBe(
      'the number of target shards (4) must be the same as the number of  source shards ( 2)',
    )
  })
})

describe('shrink and clone', () => {
  it('shrinks to one shard by default, on the node holding every shard', async () => {
    const node = await startNode()
    await source(node, { number_of_shards: 4, number_of_replicas: 0 })
    await block(node)
    const shrink = await node.send('POST', '/source/_shrink/small', { settings: { number_of_replicas: 0 } })
    expect(shrink.body).toBe('{"acknowledged":true,"shards_acknowledged":true,"index":"small"}')
    expect(jsonAt((await node.send('GET', '/small/_count')).body, 'count')).toBe(3)
    const nodeId = (await node.send('GET', '/_cat/nodes?h=id&full_id=true')).body.trim()
    const settings = (await node.send('GET', '/small/_settings?flat_settings=true')).body
    expect(jsonAt(settings, 'small', 'settings', 'index.routing.allocation.initial_recovery._id')).toBe(
      nodeId,
    )
    expect(jsonAt(settings, 'small', 'settings', 'index.number_of_shards')).toBe('1')
    const recovery = (await node.send('GET', '/_cat/recovery/small?h=i,s,ty,st')).body
    expect(recovery.replace(/ +/g, ' ')).toBe('small 0 local_shards done\n')
    const three = await node.send('POST', '/source/_shrink/bad', { settings: { number_of_shards: 3 } })
    expect(jsonAt(three.body, 'error', 'reason')).toBe(
      'the number of source shards [4] must be a multiple of [3]',
    )
  })

  it('cannot shrink a one-shard index; clone keeps the count and the seq_nos', async () => {
    const node = await startNode()
    await source(node, { number_of_shards: 1, number_of_replicas: 0 })
    await block(node)
    const one = await node.send('POST', '/source/_shrink/small')
    expect(jsonAt(one.body, 'error', 'reason')).toBe("can't shrink an index with only one shard")
    await node.send('PUT', '/source/_clone/copy', { settings: { number_of_replicas: 0 } })
    const hits = await node.send(
      'GET',
      '/copy/_search?seq_no_primary_term=true&filter_path=hits.hits._id,hits.hits._seq_no',
    )
    expect(hits.body).toBe(
      '{"hits":{"hits":[{"_id":"1","_seq_no":0},{"_id":"2","_seq_no":1},{"_id":"3","_seq_no":2}]}}',
    )
    // New writes continue after the source's highest seq_no, in a primary term above the source's.
    await node.send('PUT', '/copy/_settings', { 'index.blocks.write': false })
    const written = await node.send('PUT', '/copy/_doc/4', { foo: 'new' })
    expect(jsonAt(written.body, '_seq_no')).toBe(3)
    expect(jsonAt(written.body, '_primary_term')).toBe(2)
  })
})
