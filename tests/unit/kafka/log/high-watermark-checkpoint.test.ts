/**
 * The high watermark survives a restart through its replication-offset-checkpoint, as Kafka's does: a
 * reloaded replica starts from the checkpointed HW (never past the recovered log end), or from the log start
 * when none was written, never from its log end: records above the HW were not committed before the
 * restart, and a replica that called them committed could acknowledge what its followers never got.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { LogEngine } from '../../../../engine-wasm/src/log/index.ts'
import { LogManager } from '../../../../workers/kafka/log/log-manager.ts'
import { MemoryStorage } from '../../../../workers/storage/memory-storage.ts'
import { loadLogEngine, record } from '../kafka-fixtures.ts'

let engine: LogEngine
beforeAll(async () => {
  engine = await loadLogEngine()
})

const config = { segmentBytes: 1 << 20 }

async function reload(storage: MemoryStorage): Promise<number> {
  const manager = new LogManager(engine, storage)
  await manager.loadLog('T', 0, config)
  return manager.getLog('T', 0)!.highWatermark
}

describe('replication-offset-checkpoint', () => {
  it('restores the last flushed high watermark, not the log end offset', async () => {
    const storage = new MemoryStorage()
    const manager = new LogManager(engine, storage)
    const log = manager.createLog('T', 0, config)
    log.appendAsLeader(engine.encodeBatch(['a', 'b', 'c', 'd'].map((v) => record(v))))
    log.highWatermark = 2
    await storage.write(manager.takeFlushOps())
    expect(log.logEndOffset).toBe(4)
    expect(await reload(storage)).toBe(2)

    log.highWatermark = 4
    await storage.write(manager.takeFlushOps())
    expect(await reload(storage)).toBe(4)
  })

  it('starts from the log start offset when no checkpoint was written', async () => {
    const storage = new MemoryStorage()
    const manager = new LogManager(engine, storage)
    const log = manager.createLog('T', 0, config)
    log.appendAsLeader(engine.encodeBatch(['a', 'b'].map((v) => record(v))))
    await storage.write(
      manager.takeFlushOps().filter((op) => !op.key.startsWith('replication-offset-checkpoint/')),
    )
    expect(await reload(storage)).toBe(0)
  })

  it('never restores a high watermark past the recovered log end', async () => {
    const storage = new MemoryStorage()
    const manager = new LogManager(engine, storage)
    const log = manager.createLog('T', 0, config)
    log.appendAsLeader(engine.encodeBatch(['a', 'b', 'c'].map((v) => record(v))))
    log.highWatermark = 3
    const ops = manager.takeFlushOps()
    // The log's bytes are lost (a torn write), its checkpoint is not.
    await storage.write(ops.filter((op) => !op.key.startsWith('log/')))
    expect(await reload(storage)).toBe(0)
  })

  it('deletes the checkpoint with the log', async () => {
    const storage = new MemoryStorage()
    const manager = new LogManager(engine, storage)
    const log = manager.createLog('T', 0, config)
    log.appendAsLeader(engine.encodeBatch([record('a')]))
    log.highWatermark = 1
    await storage.write(manager.takeFlushOps())
    await storage.write(await manager.deleteLog('T', 0))
    expect(await storage.keys('kafka', 'replication-offset-checkpoint/')).toEqual([])
  })
})
