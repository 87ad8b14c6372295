// PendingFlush hands out a segment's appended bytes as chunks of at most MAX_FLUSH_CHUNK_BYTES at consecutive
// positions, each byte once; a log stored in such chunks reloads whole, and a truncation inside one of them
// then reloads exactly the truncated-then-appended log.
import { beforeAll, describe, expect, it } from 'vitest'
import type { LogEngine } from '../../../../engine-wasm/src/log/index.ts'
import { LogManager } from '../../../../workers/kafka/log/log-manager.ts'
import { MAX_FLUSH_CHUNK_BYTES } from '../../../../workers/kafka/log/pending-flush.ts'
import { UnifiedLog } from '../../../../workers/kafka/log/unified-log.ts'
import { MemoryStorage } from '../../../../workers/storage/memory-storage.ts'
import { concat, decodeValues, loadLogEngine, record } from '../kafka-fixtures.ts'

let engine: LogEngine
beforeAll(async () => {
  engine = await loadLogEngine()
})

const config = { segmentBytes: 1 << 30 }

/** A batch of `count` records of `size` bytes each, the i-th all `letter`s. */
const batch = (letter: string, count: number, size: number): Uint8Array =>
  engine.encodeBatch(Array.from({ length: count }, () => record(letter.repeat(size))))

/** Every record of the log, in one read. */
const contents = (log: UnifiedLog): Array<[number, string | null]> =>
  decodeValues(engine, log.read(log.logStartOffset, 1 << 30, log.logEndOffset))

describe('PendingFlush chunks', () => {
  it('splits appended bytes into chunks of at most MAX_FLUSH_CHUNK_BYTES at consecutive positions', () => {
    const log = new UnifiedLog(engine, config)
    log.appendAsLeader(batch('a', 1, 10))
    const first = log.pendingFlush.takeUnflushed()
    log.appendAsLeader(batch('b', 5, 60_000))
    log.appendAsLeader(batch('c', 1, 10))
    const chunks = [...first, ...log.pendingFlush.takeUnflushed()]
    const lengths = chunks.map((c) => c.bytes.length)
    expect(lengths.length).toBe(4)
    expect(lengths.slice(1, 3)).toEqual([MAX_FLUSH_CHUNK_BYTES, MAX_FLUSH_CHUNK_BYTES])
    expect(lengths.every((n) => n > 0 && n <= MAX_FLUSH_CHUNK_BYTES)).toBe(true)
    expect(chunks.map((c) => c.position)).toEqual(
      lengths.map((_, i) => lengths.slice(0, i).reduce((a, b) => a + b, 0)),
    )
    expect(concat(chunks.map((c) => c.bytes))).toEqual(log.read(0, 1 << 30, log.logEndOffset))
    expect(log.pendingFlush.takeUnflushed()).toEqual([])
  })

  it('reloads a log stored in split chunks, and one truncated inside a chunk, exactly', async () => {
    const storage = new MemoryStorage()
    const manager = new LogManager(engine, storage)
    const log = manager.createLog('T', 0, config)
    for (const letter of 'abc') log.appendAsLeader(batch(letter, 3, 50_000))
    await storage.write(manager.takeFlushOps())
    const stored = await storage.keys('kafka', 'log/T/0/')
    expect(stored.length).toBeGreaterThan(3)
    const whole = contents(log)
    const reloaded = new LogManager(engine, storage)
    expect((await reloaded.loadLog('T', 0, config)).truncatedBytes).toBe(0)
    expect(contents(reloaded.getLog('T', 0)!)).toEqual(whole)

    // The second batch ends inside a chunk: that chunk is rewritten, the later ones go.
    log.truncateTo(6)
    log.appendAsLeader(batch('d', 1, 10))
    await storage.write(manager.takeFlushOps())
    const expected = contents(log)
    expect(expected.map(([offset, value]) => [offset, value![0]])).toEqual([
      [0, 'a'],
      [1, 'a'],
      [2, 'a'],
      [3, 'b'],
      [4, 'b'],
      [5, 'b'],
      [6, 'd'],
    ])
    const again = new LogManager(engine, storage)
    expect((await again.loadLog('T', 0, config)).truncatedBytes).toBe(0)
    expect(contents(again.getLog('T', 0)!)).toEqual(expected)
  })
})
