/**
 * The log start offset survives a restart through its log-start-offset-checkpoint, as Kafka's LogManager
 * keeps it: DeleteRecords moves it inside a segment, the kafka-log-start-offset-checkpoint task writes the
 * partitions whose value changed every log.flush.start.offset.checkpoint.interval.ms, and a loaded log starts
 * at the larger of its checkpoint and its first segment's base offset, never past its recovered log end. Only
 * a log start offset inside the first segment is written, as Kafka leaves the others out of the file.
 * Without a checkpoint (a crash before the task ran) the log starts at its first segment again, as Kafka's
 * does. A follower that started over at its leader's log start offset (truncateFullyAndStartAt) keeps its new
 * offsets across a reload.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { LogEngine } from '../../../../engine-wasm/src/log/index.ts'
import { LogManager } from '../../../../workers/kafka/log/log-manager.ts'
import type { UnifiedLog } from '../../../../workers/kafka/log/unified-log.ts'
import { DeterministicTaskQueue } from '../../../../workers/net/deterministic-task-queue.ts'
import { MemoryStorage } from '../../../../workers/storage/memory-storage.ts'
import type { StorageOp } from '../../../../workers/storage/storage.ts'
import { loadLogEngine, record } from '../kafka-fixtures.ts'

let engine: LogEngine
beforeAll(async () => {
  engine = await loadLogEngine()
})

const config = { segmentBytes: 1 << 20 }
const LOG_START = 'log-start-offset-checkpoint/'
const INTERVAL_MS = 60_000
const drain = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** MemoryStorage that keeps the keys of every write's log start offset checkpoints, one entry per write. */
class RecordingStorage extends MemoryStorage {
  readonly checkpointWrites: string[][] = []

  override write(ops: StorageOp[]): Promise<void> {
    const keys = ops.map((op) => op.key).filter((key) => key.startsWith(LOG_START))
    if (keys.length > 0) this.checkpointWrites.push(keys)
    return super.write(ops)
  }
}

async function reload(storage: MemoryStorage): Promise<UnifiedLog> {
  const manager = new LogManager(engine, storage)
  await manager.loadLog('T', 0, config)
  return manager.getLog('T', 0)!
}

/** A log of `count` records, all stored and below the high watermark. */
async function storedLog(
  storage: MemoryStorage,
  count: number,
): Promise<{ manager: LogManager; log: UnifiedLog }> {
  const manager = new LogManager(engine, storage)
  const log = manager.createLog('T', 0, config)
  log.appendAsLeader(engine.encodeBatch(Array.from({ length: count }, (_, i) => record(`v${i}`))))
  log.highWatermark = count
  await storage.write(manager.takeFlushOps())
  return { manager, log }
}

describe('log-start-offset-checkpoint', () => {
  it('restores a log start offset inside a segment once checkpointed', async () => {
    const storage = new MemoryStorage()
    const { manager, log } = await storedLog(storage, 6)
    expect(log.maybeIncrementLogStartOffset(4)).toBe(true)
    expect((await reload(storage)).logStartOffset).toBe(0)
    await manager.checkpointLogStartOffsets()
    const reloaded = await reload(storage)
    expect([reloaded.logStartOffset, reloaded.logEndOffset]).toEqual([4, 6])
    expect(reloaded.isOutOfRange(3)).toBe(true)
  })

  it('refuses a log start offset past the high watermark', async () => {
    const { log } = await storedLog(new MemoryStorage(), 6)
    log.highWatermark = 3
    expect(() => log.maybeIncrementLogStartOffset(4, 't-0')).toThrow(
      'Cannot increment the log start offset to 4 of partition t-0 since it is larger than the high watermark 3',
    )
    expect(log.maybeIncrementLogStartOffset(2)).toBe(true)
    expect(log.maybeIncrementLogStartOffset(1)).toBe(false)
    expect(log.logStartOffset).toBe(2)
  })

  it('writes only the changed partitions, every interval', async () => {
    const queue = new DeterministicTaskQueue(0)
    const storage = new RecordingStorage()
    const manager = new LogManager(engine, storage, queue)
    const log = manager.createLog('T', 0, config)
    log.appendAsLeader(engine.encodeBatch(['a', 'b', 'c'].map((v) => record(v))))
    log.highWatermark = 3
    manager.startLogStartOffsetCheckpoints(INTERVAL_MS)
    await queue.advance(INTERVAL_MS, drain)
    expect(storage.checkpointWrites).toEqual([])
    log.maybeIncrementLogStartOffset(2)
    await queue.advance(INTERVAL_MS - 1, drain)
    expect(storage.checkpointWrites).toEqual([])
    await queue.advance(1, drain)
    expect(storage.checkpointWrites).toEqual([[`${LOG_START}T/0`]])
    await queue.advance(INTERVAL_MS, drain)
    expect(storage.checkpointWrites).toHaveLength(1)
    manager.close()
  })

  it('never starts a reloaded log past its recovered log end', async () => {
    const storage = new MemoryStorage()
    const { manager, log } = await storedLog(storage, 2)
    log.appendAsLeader(engine.encodeBatch(['c', 'd'].map((v) => record(v))))
    log.highWatermark = 4
    log.maybeIncrementLogStartOffset(4)
    await manager.checkpointLogStartOffsets()
    // The last two records never reached storage (a crash before the flush).
    const reloaded = await reload(storage)
    expect([reloaded.logStartOffset, reloaded.logEndOffset]).toEqual([2, 2])
  })

  it('keeps the offsets of a follower that started over at its leader log start offset', async () => {
    const storage = new MemoryStorage()
    const { manager, log } = await storedLog(storage, 5)
    log.truncateFullyAndStartAt(13)
    expect([log.logStartOffset, log.logEndOffset, log.highWatermark, log.segmentCount]).toEqual([
      13, 13, 13, 1,
    ])
    await storage.write(manager.takeFlushOps())
    // Its start is its first segment's base offset: nothing to checkpoint, the empty segment keeps it.
    await manager.checkpointLogStartOffsets()
    expect(await storage.keys('kafka', LOG_START)).toEqual([])
    expect(await storage.keys('kafka', 'log/T/0/')).toEqual([
      `log/T/0/${String(13).padStart(20, '0')}/000000000000`,
    ])
    const reloaded = await reload(storage)
    expect([reloaded.logStartOffset, reloaded.logEndOffset]).toEqual([13, 13])
  })

  it('is deleted with its log', async () => {
    const storage = new MemoryStorage()
    const { manager, log } = await storedLog(storage, 3)
    log.maybeIncrementLogStartOffset(1)
    await manager.checkpointLogStartOffsets()
    await storage.write(await manager.deleteLog('T', 0))
    expect(await storage.keys('kafka', LOG_START)).toEqual([])
  })
})
