// LogFlusher's schedule: appended bytes are written once FLUSH_BYTES wait or FLUSH_INTERVAL_MS after the first
// unwritten append, one write in flight at a time, later flushes sharing the next write (group commit), none
// after stop. A property test checks against a naive model that every append is stored exactly once, in order,
// and that no write starts before its bytes or its interval are due.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DeterministicTaskQueue } from '../../../../workers/net/deterministic-task-queue.ts'
import { FLUSH_BYTES, FLUSH_INTERVAL_MS, LogFlusher } from '../../../../workers/kafka/log/log-flusher.ts'
import type { Storage, StorageOp } from '../../../../workers/storage/storage.ts'

const drain = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** Storage whose writes finish only when the test says so; `writes` holds each write's ops. */
class HeldStorage implements Pick<Storage, 'write'> {
  readonly writes: StorageOp[][] = []
  private readonly finish: Array<() => void> = []

  write(ops: StorageOp[]): Promise<void> {
    this.writes.push(ops)
    return new Promise((resolve) => this.finish.push(resolve))
  }

  /** Finishes the oldest unfinished write. */
  complete(): void {
    this.finish.shift()?.()
  }
}

function setUp() {
  const queue = new DeterministicTaskQueue()
  const storage = new HeldStorage()
  const owed: string[] = []
  const flusher = new LogFlusher(storage as unknown as Storage, queue, () =>
    owed.splice(0).map((key) => ({ store: 'kafka', key, value: new Uint8Array(0) })),
  )
  const keys = (): string[][] => storage.writes.map((ops) => ops.map((op) => op.key))
  return { queue, storage, owed, flusher, keys }
}

describe('LogFlusher', () => {
  it('writes a small append once FLUSH_INTERVAL_MS passed, with everything appended meanwhile', async () => {
    const { queue, owed, flusher, keys } = setUp()
    owed.push('a')
    flusher.appended(100)
    await queue.advance(FLUSH_INTERVAL_MS - 1, drain)
    owed.push('b')
    flusher.appended(100)
    expect(keys()).toEqual([])
    await queue.advance(1, drain)
    expect(keys()).toEqual([['a', 'b']])
  })

  it('starts a write at once when FLUSH_BYTES wait', () => {
    const { owed, flusher, keys } = setUp()
    owed.push('a')
    flusher.appended(FLUSH_BYTES - 1)
    expect(keys()).toEqual([])
    owed.push('b')
    flusher.appended(1)
    expect(keys()).toEqual([['a', 'b']])
  })

  it('keeps one write in flight: flushes meanwhile share the next write (group commit)', async () => {
    const { storage, owed, flusher, keys } = setUp()
    owed.push('a')
    const first = flusher.flush()
    owed.push('b')
    flusher.appended(FLUSH_BYTES)
    owed.push('c')
    const second = flusher.flush()
    expect(keys()).toEqual([['a']])
    storage.complete()
    await first
    await drain()
    expect(keys()).toEqual([['a'], ['b', 'c']])
    storage.complete()
    await second
  })

  it('starts nothing on the schedule after stop (a killed broker writes nothing more)', async () => {
    const { queue, owed, flusher, keys } = setUp()
    owed.push('a')
    flusher.appended(10)
    flusher.stop()
    await queue.advance(10 * FLUSH_INTERVAL_MS, drain)
    expect(keys()).toEqual([])
  })

  it('stores every append once, in order, never before its bytes or its interval are due', async () => {
    const step = fc.record({
      bytes: fc.integer({ min: 0, max: FLUSH_BYTES / 2 }),
      waitMs: fc.integer({ min: 0, max: 2 * FLUSH_INTERVAL_MS }),
      completeWrites: fc.boolean(),
    })
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 30 }), async (steps) => {
        const { queue, storage, owed, flusher, keys } = setUp()
        let finished = 0
        const complete = async (): Promise<void> => {
          while (finished < storage.writes.length) {
            storage.complete()
            finished++
            await drain()
          }
        }
        // The naive model: bytes and the oldest append's time since the last write started.
        let waitingBytes = 0
        let oldestAt: number | null = null
        let started = 0
        for (const [i, { bytes, waitMs, completeWrites }] of steps.entries()) {
          owed.push(`k${i}`)
          flusher.appended(bytes)
          waitingBytes += bytes
          oldestAt ??= queue.now()
          await queue.advance(waitMs, drain)
          if (completeWrites) await complete()
          if (storage.writes.length > started) {
            // A write started: its bytes or its interval were due.
            expect(waitingBytes >= FLUSH_BYTES || queue.now() - oldestAt >= FLUSH_INTERVAL_MS).toBe(true)
            started = storage.writes.length
            waitingBytes = 0
            oldestAt = null
          }
        }
        await queue.advance(FLUSH_INTERVAL_MS, drain)
        await complete()
        await queue.advance(FLUSH_INTERVAL_MS, drain)
        await complete()
        expect(keys().flat()).toEqual(steps.map((_, i) => `k${i}`))
      }),
      { numRuns: 60 },
    )
  })
})
