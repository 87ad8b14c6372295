// IndicesService's translog writes and reads over a MemoryStorage: one storage value per write request,
// batch numbers per copy that continue past every batch the store holds once it was read or deleted, and
// a store of the per-operation layout (an older version's) read back with every operation.
import { describe, expect, it } from 'vitest'
import { IndicesService } from '../../../../workers/es/indices/indices-service.ts'
import { translogPrefix } from '../../../../workers/es/index/index-metadata.ts'
import type { ShardOperation } from '../../../../workers/es/index/shard/index-shard.ts'
import {
  sealTranslogBatch,
  TRANSLOG_OPERATION_VERSION,
  translogBatchKey,
} from '../../../../workers/es/indices/translog.ts'
import { DeterministicTaskQueue } from '../../../../workers/net/deterministic-task-queue.ts'
import { sealEnvelope } from '../../../../workers/storage/envelope.ts'
import { MemoryStorage } from '../../../../workers/storage/memory-storage.ts'
import { loadEngine } from '../node/es-node-fixture.ts'

const op = (id: string, seqNo: number): ShardOperation => ({
  op: 'index',
  doc: { id, source: `{"n":${seqNo}}`, routing: null, version: 1, seqNo, primaryTerm: 1 },
})

async function indicesOver(storage: MemoryStorage): Promise<IndicesService> {
  return IndicesService.load({ clock: new DeterministicTaskQueue(), storage, engine: await loadEngine() })
}

describe('IndicesService translog batches', () => {
  it('writes one value per request, numbered per copy from 0', async () => {
    const storage = new MemoryStorage()
    const indices = await indicesOver(storage)
    const first = indices.translogOp('u1', 0, [op('a', 0), op('b', 1), op('c', 2)])
    expect(first.key).toBe(translogBatchKey('u1', 0, 0))
    expect(first.value).toEqual(sealTranslogBatch([op('a', 0), op('b', 1), op('c', 2)]))
    expect(indices.translogOp('u1', 1, [op('d', 0)]).key).toBe(translogBatchKey('u1', 1, 0))
    const second = indices.translogOp('u1', 0, [op('e', 3)])
    expect(second.key).toBe(translogBatchKey('u1', 0, 1))
    await storage.write([first, second])
    expect(await storage.keys('es', translogPrefix('u1', 0))).toEqual([
      translogBatchKey('u1', 0, 0),
      translogBatchKey('u1', 0, 1),
    ])
    expect(await indices.readTranslog('u1', 0)).toEqual([op('a', 0), op('b', 1), op('c', 2), op('e', 3)])
  })

  it('reads an older per-operation store and continues past the batches it read', async () => {
    const storage = new MemoryStorage()
    await storage.write([
      ...[op('a', 0), op('b', 1)].map((operation, seqNo) => ({
        store: 'es',
        key: translogPrefix('u1', 0) + String(seqNo).padStart(20, '0'),
        value: sealEnvelope(TRANSLOG_OPERATION_VERSION, operation),
      })),
      { store: 'es', key: translogBatchKey('u1', 0, 4), value: sealTranslogBatch([op('c', 2)]) },
    ])
    const indices = await indicesOver(storage)
    expect(await indices.readTranslog('u1', 0)).toEqual([op('a', 0), op('b', 1), op('c', 2)])
    expect(indices.translogOp('u1', 0, [op('d', 3)]).key).toBe(translogBatchKey('u1', 0, 5))
  })

  it('numbers past the batches of a store it deleted, so a late write never reuses a deleted key', async () => {
    const storage = new MemoryStorage()
    await storage.write([
      { store: 'es', key: translogBatchKey('u1', 0, 9), value: sealTranslogBatch([op('a', 0)]) },
    ])
    const indices = await indicesOver(storage)
    await indices.deleteShardStore('u1', 0)
    expect(await storage.keys('es', translogPrefix('u1', 0))).toEqual([])
    expect(indices.translogOp('u1', 0, [op('b', 0)]).key).toBe(translogBatchKey('u1', 0, 10))
  })
})
