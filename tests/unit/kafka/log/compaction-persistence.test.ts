// The log cleaner inside LogManager over storage: the first run at startup, the next after
// log.cleaner.backoff.ms (15000), each swap and its cleaner checkpoint in one write, and a reload over the
// same storage that gives the same records, log end offset and checkpoint, one chunk per segment.
import { beforeAll, describe, expect, it } from 'vitest'
import type { LogEngine } from '../../../../engine-wasm/src/log/index.ts'
import { LogManager } from '../../../../workers/kafka/log/log-manager.ts'
import type { LogConfig } from '../../../../workers/kafka/log/unified-log.ts'
import { DeterministicTaskQueue } from '../../../../workers/net/deterministic-task-queue.ts'
import { MemoryStorage } from '../../../../workers/storage/memory-storage.ts'
import { loadLogEngine } from '../kafka-fixtures.ts'
import { appendBatches, consume, keyed } from './compaction-fixtures.ts'

let engine: LogEngine
beforeAll(async () => {
  engine = await loadLogEngine()
})

const drain = () => new Promise<void>((resolve) => setTimeout(resolve, 0))
const config: LogConfig = {
  segmentBytes: 1,
  compact: true,
  deleteRetentionMs: 1_000,
  minCleanableRatio: 0.01,
}
const single = (...specs: string[]) => specs.map((spec) => [keyed(spec)])

describe('LogCleaner in LogManager', () => {
  it('cleans at startup and every log.cleaner.backoff.ms, and a reload sees the cleaned log', async () => {
    const storage = new MemoryStorage()
    const queue = new DeterministicTaskQueue(0)
    const manager = new LogManager(engine, storage, queue)
    const log = manager.createLog('t1', 0, { ...config, deleteRetentionMs: 86_400_000 })
    appendBatches(engine, log, single('a=1', 'b=1', 'a=2', 'b=', 'c=1'))
    await storage.write(manager.takeFlushOps())
    manager.startup(300_000, 15_000)
    await queue.advance(0, drain)
    expect(consume(engine, log).map(([o]) => o)).toEqual([2, 3, 4])
    expect(manager.cleanerCheckpoint('t1', 0)).toBe(4)

    appendBatches(engine, log, single('c=2', 'd=1'))
    await storage.write(manager.takeFlushOps())
    await queue.advance(14_999, drain)
    expect(consume(engine, log).map(([o]) => o)).toEqual([2, 3, 4, 5, 6])
    await queue.advance(1, drain)
    expect(consume(engine, log).map(([o]) => o)).toEqual([2, 3, 5, 6])
    expect(manager.cleanerCheckpoint('t1', 0)).toBe(6)
    manager.close()

    const reloaded = new LogManager(engine, storage)
    await reloaded.loadLog('t1', 0, config)
    const again = reloaded.getLog('t1', 0)!
    expect(consume(engine, again)).toEqual([
      [2, 'a', '2'],
      [3, 'b', null],
      [5, 'c', '2'],
      [6, 'd', '1'],
    ])
    expect([again.logStartOffset, again.logEndOffset]).toEqual([0, 7])
    expect(reloaded.cleanerCheckpoint('t1', 0)).toBe(6)
    // The two segments emptied by the first round (0 and 1) became one group of the second.
    const bases = [0, 2, 3, 4, 5, 6]
    expect(again.cleanable().segments.map((s) => s.baseOffset)).toEqual(bases)
    expect(await storage.keys('kafka', 'log/t1/0/')).toEqual(
      bases.map((base) => `log/t1/0/${String(base).padStart(20, '0')}/000000000000`),
    )
  })

  it('removes the tombstone after delete.retention.ms and deletes the checkpoint with the log', async () => {
    const storage = new MemoryStorage()
    const queue = new DeterministicTaskQueue(0)
    const manager = new LogManager(engine, storage, queue)
    const log = manager.createLog('t2', 0, config)
    appendBatches(engine, log, single('a=1', 'a=', 'b=1'))
    manager.startup(300_000, 15_000)
    await queue.advance(0, drain)
    expect(consume(engine, log).map(([o, k, v]) => `${o}:${k}=${v}`)).toEqual(['1:a=null', '2:b=1'])
    appendBatches(engine, log, single('c=1'))
    await queue.advance(15_000, drain)
    expect(consume(engine, log).map(([o, k, v]) => `${o}:${k}=${v}`)).toEqual(['2:b=1', '3:c=1'])
    const ops = await manager.deleteLog('t2', 0)
    expect(ops.map((op) => op.key)).toContain('cleaner-offset-checkpoint/t2/0')
    manager.close()
  })
})
