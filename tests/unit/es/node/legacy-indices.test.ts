// Indices stored by a node of the single-node layout (before nodes formed a cluster): index metadata at
// indices/<uuid>/meta and each shard's translog. A node starting over that storage imports them as dangling
// indices: every document comes back, searchable, and the old metadata record is gone.
import { describe, expect, it } from 'vitest'
import { sealEnvelope } from '../../../../workers/storage/envelope.ts'
import { MemoryStorage } from '../../../../workers/storage/memory-storage.ts'
import {
  INDEX_METADATA_VERSION,
  metadataKey,
  translogPrefix,
  type IndexMetadata,
} from '../../../../workers/es/index/index-metadata.ts'
import { TRANSLOG_OPERATION_VERSION } from '../../../../workers/es/indices/translog.ts'
import type { ShardOperation } from '../../../../workers/es/index/shard/index-shard.ts'
import { shardId } from '../../../../workers/es/cluster/routing/operation-routing.ts'
import { startNode } from './es-node-fixture.ts'

const metadata: IndexMetadata = {
  name: 'notes',
  uuid: 'oldUuid0000000000000000',
  creationDate: Date.UTC(2025, 5, 1),
  numberOfShards: 2,
  numberOfReplicas: 1,
  routingNumShards: 1024,
  refreshIntervalMs: 1000,
  mapping: { properties: { text: { type: 'text' } } },
}

async function legacyStorage(): Promise<MemoryStorage> {
  const storage = new MemoryStorage()
  // Each document in the shard murmur3 routes its id to, with seq_no counting per shard.
  const next = [0, 0]
  const ops = (
    [
      ['a', 'first note'],
      ['b', 'second note'],
      ['c', 'third note'],
    ] as const
  ).map(([id, text]): [number, ShardOperation] => {
    const shard = shardId(id, null, metadata.numberOfShards, metadata.routingNumShards)
    const seqNo = next[shard]!++
    const doc = { id, source: JSON.stringify({ text }), routing: null, version: 1, seqNo, primaryTerm: 1 }
    return [shard, { op: 'index', doc }]
  })
  await storage.write([
    { store: 'es', key: metadataKey(metadata.uuid), value: sealEnvelope(INDEX_METADATA_VERSION, metadata) },
    ...ops.map(([shard, operation]) => ({
      store: 'es',
      key:
        translogPrefix(metadata.uuid, shard) +
        String(operation.op === 'index' ? operation.doc.seqNo : 0).padStart(20, '0'),
      value: sealEnvelope(TRANSLOG_OPERATION_VERSION, operation),
    })),
  ])
  return storage
}

describe('indices stored before the cluster', () => {
  it('are imported as dangling indices with every document, and the old metadata record is deleted', async () => {
    const storage = await legacyStorage()
    const node = await startNode({ storage })
    const health = await node.send('GET', '/_cluster/health/notes?wait_for_status=yellow&timeout=30s')
    expect(JSON.parse(health.body)).toMatchObject({ status: 'yellow', active_primary_shards: 2 })
    await node.send('POST', '/notes/_refresh')
    expect(JSON.parse((await node.send('GET', '/notes/_count')).body)).toMatchObject({ count: 3 })
    expect(JSON.parse((await node.send('GET', '/notes/_doc/c')).body)).toMatchObject({
      found: true,
      _source: { text: 'third note' },
    })
    const index = JSON.parse((await node.send('GET', '/notes')).body) as Record<string, { settings: unknown }>
    expect(index.notes!.settings).toMatchObject({ index: { uuid: metadata.uuid } })
    expect(await storage.get('es', metadataKey(metadata.uuid))).toBeUndefined()
    const restarted = await node.restart()
    await restarted.send('GET', '/_cluster/health/notes?wait_for_status=yellow&timeout=30s')
    await restarted.send('POST', '/notes/_refresh')
    expect(JSON.parse((await restarted.send('GET', '/notes/_count')).body)).toMatchObject({ count: 3 })
  })
})
