/**
 * The high watermark survives a restart through its replication-offset-checkpoint, as Kafka's does: a
 * reloaded replica starts from the checkpointed HW (never past the recovered log end), or from the log start
 * when none was written, never from its log end: records above the HW were not committed before the
 * restart, and a replica that called them committed could acknowledge what its followers never got.
 *
 * The checkpoint is written as ReplicaManager's highwatermark-checkpoint task writes it: at once, then every
 * replica.high.watermark.checkpoint.interval.ms, in one storage write holding every partition whose HW changed
 * (checkpointHighWatermarks), never with a log flush; a process killed between two runs restarts from the
 * older checkpoint.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { LogEngine } from '../../../../engine-wasm/src/log/index.ts'
import { LogManager } from '../../../../workers/kafka/log/log-manager.ts'
import { DeterministicTaskQueue } from '../../../../workers/net/deterministic-task-queue.ts'
import { MemoryStorage } from '../../../../workers/storage/memory-storage.ts'
import type { StorageOp } from '../../../../workers/storage/storage.ts'
import { loadLogEngine, record } from '../kafka-fixtures.ts'

let engine: LogEngine
beforeAll(async () => {
  engine = await loadLogEngine()
})

const config = { segmentBytes: 1 << 20 }
const INTERVAL_MS = 5_000
const REPLICATION = 'replication-offset-checkpoint/'
const drain = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** MemoryStorage that keeps the keys of every write's high watermark checkpoints, one entry per write. */
class RecordingStorage extends MemoryStorage {
  readonly checkpointWrites: string[][] = []

  override write(ops: StorageOp[]): Promise<void> {
    const keys = ops.map((op) => op.key).filter((key) => key.startsWith(REPLICATION))
    if (keys.length > 0) this.checkpointWrites.push(keys)
    return super.write(ops)
  }
}

/** MemoryStorage whose writes apply at once but are reported done only in a later task (still in flight). */
class SlowStorage extends MemoryStorage {
  override async write(ops: StorageOp[]): Promise<void> {
    await super.write(ops)
    await drain()
  }
}

async function reload(storage: MemoryStorage, partition = 0): Promise<number> {
  const manager = new LogManager(engine, storage)
  await manager.loadLog('T', partition, config)
  return manager.getLog('T', partition)!.highWatermark
}

describe('replication-offset-checkpoint', () => {
  it('restores the last checkpointed high watermark, not the log end offset', async () => {
    const storage = new MemoryStorage()
    const manager = new LogManager(engine, storage)
    const log = manager.createLog('T', 0, config)
    log.appendAsLeader(engine.encodeBatch(['a', 'b', 'c', 'd'].map((v) => record(v))))
    log.highWatermark = 2
    await storage.write(manager.takeFlushOps())
    await manager.checkpointHighWatermarks()
    expect(log.logEndOffset).toBe(4)
    expect(await reload(storage)).toBe(2)

    log.highWatermark = 4
    await manager.checkpointHighWatermarks()
    expect(await reload(storage)).toBe(4)
  })

  it('is never carried by a log flush', async () => {
    const storage = new MemoryStorage()
    const manager = new LogManager(engine, storage)
    const log = manager.createLog('T', 0, config)
    log.appendAsLeader(engine.encodeBatch(['a', 'b'].map((v) => record(v))))
    log.highWatermark = 2
    const ops = manager.takeFlushOps()
    expect(ops.length).toBeGreaterThan(0)
    expect(ops.filter((op) => op.key.startsWith(REPLICATION))).toEqual([])
    await storage.write(ops)
    expect(await reload(storage)).toBe(0)
  })

  it('writes nothing when no high watermark changed since the last checkpoint', async () => {
    const storage = new RecordingStorage()
    const manager = new LogManager(engine, storage)
    const log = manager.createLog('T', 0, config)
    log.appendAsLeader(engine.encodeBatch([record('a')]))
    log.highWatermark = 1
    await manager.checkpointHighWatermarks()
    await manager.checkpointHighWatermarks()
    expect(storage.checkpointWrites).toEqual([[`${REPLICATION}T/0`]])
  })

  it('runs at once, then every interval, each run one write of the changed partitions', async () => {
    const queue = new DeterministicTaskQueue(0)
    const storage = new RecordingStorage()
    const manager = new LogManager(engine, storage, queue)
    const logs = [0, 1, 2].map((p) => manager.createLog('T', p, config))
    for (const log of logs) log.appendAsLeader(engine.encodeBatch(['a', 'b', 'c'].map((v) => record(v))))
    await storage.write(manager.takeFlushOps())
    manager.startHighWatermarkCheckpoints(INTERVAL_MS)
    await queue.advance(0, drain)
    expect(storage.checkpointWrites).toEqual([[0, 1, 2].map((p) => `${REPLICATION}T/${p}`)])

    logs[0]!.highWatermark = 3
    logs[2]!.highWatermark = 2
    await queue.advance(INTERVAL_MS - 1, drain)
    expect(storage.checkpointWrites).toHaveLength(1)
    expect([await reload(storage, 0), await reload(storage, 2)]).toEqual([0, 0])

    await queue.advance(1, drain)
    expect(storage.checkpointWrites).toEqual([
      [0, 1, 2].map((p) => `${REPLICATION}T/${p}`),
      [`${REPLICATION}T/0`, `${REPLICATION}T/2`],
    ])
    expect([await reload(storage, 0), await reload(storage, 1), await reload(storage, 2)]).toEqual([3, 0, 2])

    // A kill (close, no shutdown checkpoint) between two runs loses the later high watermark.
    logs[0]!.highWatermark = 1
    await queue.advance(INTERVAL_MS, drain)
    logs[1]!.highWatermark = 3
    manager.close()
    await queue.advance(INTERVAL_MS, drain)
    expect(storage.checkpointWrites).toHaveLength(3)
    expect([await reload(storage, 0), await reload(storage, 1)]).toEqual([1, 0])
  })

  it('starts from the log start offset when no checkpoint was written', async () => {
    const storage = new MemoryStorage()
    const manager = new LogManager(engine, storage)
    const log = manager.createLog('T', 0, config)
    log.appendAsLeader(engine.encodeBatch(['a', 'b'].map((v) => record(v))))
    log.highWatermark = 2
    await storage.write(manager.takeFlushOps())
    expect(await reload(storage)).toBe(0)
  })

  it('never restores a high watermark past the recovered log end', async () => {
    const storage = new MemoryStorage()
    const manager = new LogManager(engine, storage)
    const log = manager.createLog('T', 0, config)
    log.appendAsLeader(engine.encodeBatch(['a', 'b', 'c'].map((v) => record(v))))
    log.highWatermark = 3
    // The checkpoint is written, the log's bytes never were (a kill before the flush).
    await manager.checkpointHighWatermarks()
    expect(await reload(storage)).toBe(0)
  })

  it('deletes the checkpoint with the log, even one still in flight', async () => {
    const storage = new SlowStorage()
    const manager = new LogManager(engine, storage)
    const log = manager.createLog('T', 0, config)
    log.appendAsLeader(engine.encodeBatch([record('a')]))
    log.highWatermark = 1
    await storage.write(manager.takeFlushOps())
    const inFlight = manager.checkpointHighWatermarks()
    await storage.write(await manager.deleteLog('T', 0))
    await inFlight
    expect(await storage.keys('kafka', REPLICATION)).toEqual([])

    // The same partition placed here again is checkpointed again, though its high watermark is the same.
    const again = manager.createLog('T', 0, config)
    again.appendAsLeader(engine.encodeBatch([record('a')]))
    again.highWatermark = 1
    await storage.write(manager.takeFlushOps())
    await manager.checkpointHighWatermarks()
    expect(await reload(storage)).toBe(1)
  })
})
