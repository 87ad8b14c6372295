// LogFlusher's group commit: an append asks for a write in a later task (never inside the appending call),
// started no sooner than LOG_FLUSH_MIN_GAP_MS after the previous write started; one write is in flight at a
// time, and changes made meanwhile share the next write, which starts once the one in flight settles; `flush`
// writes at once; after stop no write starts, not even one already asked for. A property test checks over
// random appends, completions and clock steps that every append is stored exactly once and in order, that
// writes never overlap and start at least the gap apart, and that nothing owed is left once the steps end.
// A write's chunks are copied into buffers the flusher lends again only once that write settled, or, when the
// storage moved them away, the buffers it gave back.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { LOG_FLUSH_MIN_GAP_MS, LogFlusher } from '../../../../workers/kafka/log/log-flusher.ts'
import { DeterministicTaskQueue } from '../../../../workers/net/deterministic-task-queue.ts'
import type { Storage, StorageOp, WriteOptions } from '../../../../workers/storage/storage.ts'

const GAP = LOG_FLUSH_MIN_GAP_MS
const drain = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** Storage whose writes finish only when the test says so; `writes` holds each write's ops and start time. */
class HeldStorage implements Pick<Storage, 'write'> {
  readonly writes: Array<{ ops: StorageOp[]; at: number; options: WriteOptions | undefined }> = []
  private readonly finish: Array<{ resolve: () => void; reject: (error: Error) => void }> = []

  constructor(private readonly clock: DeterministicTaskQueue) {}

  write(ops: StorageOp[], options?: WriteOptions): Promise<void> {
    this.writes.push({ ops, at: this.clock.now(), options })
    return new Promise((resolve, reject) => this.finish.push({ resolve, reject }))
  }

  get unfinished(): number {
    return this.finish.length
  }

  /** Finishes the oldest unfinished write, or fails it. */
  complete(fail = false): void {
    const next = this.finish.shift()
    if (fail) next?.reject(new Error('QuotaExceededError'))
    else next?.resolve()
  }
}

function setUp() {
  const queue = new DeterministicTaskQueue(0)
  const storage = new HeldStorage(queue)
  const owed: string[] = []
  const flusher = new LogFlusher(
    storage as unknown as Storage,
    // Each key's value: 4 bytes of its first character, in an array from the flusher's allocate.
    (allocate) =>
      owed.splice(0).map((key) => ({ store: 'kafka', key, value: allocate(4).fill(key.charCodeAt(0)) })),
    queue,
  )
  const keys = (): string[][] => storage.writes.map((write) => write.ops.map((op) => op.key))
  const advance = (ms: number): Promise<void> => queue.advance(ms, drain)
  const append = (key: string): void => {
    owed.push(key)
    flusher.appended()
  }
  return { queue, storage, owed, flusher, keys, advance, append }
}

describe('LogFlusher', () => {
  it('starts a write in a later task, not inside the appending call, at once when idle', async () => {
    const { append, keys, advance } = setUp()
    append('a')
    expect(keys()).toEqual([])
    await advance(0)
    expect(keys()).toEqual([['a']])
  })

  it('makes at most one background write per gap of a broker appending ten times a gap', async () => {
    const { storage, append, keys, advance } = setUp()
    const appended: string[] = []
    const step = GAP / 10
    for (let t = 0; t < 3 * GAP; t += step) {
      append(`k${t}`)
      appended.push(`k${t}`)
      await advance(0)
      while (storage.unfinished > 0) storage.complete()
      await advance(step)
    }
    expect(storage.writes.map((write) => write.at)).toEqual([0, GAP, 2 * GAP, 3 * GAP])
    expect(keys().flat()).toEqual(appended)
  })

  it('starts the next background write no sooner than the gap after the previous one started', async () => {
    const { storage, append, keys, advance } = setUp()
    append('a')
    await advance(0)
    storage.complete()
    await advance(5)
    append('b')
    await advance(GAP - 6)
    expect(keys()).toEqual([['a']])
    append('c')
    await advance(1)
    expect(keys()).toEqual([['a'], ['b', 'c']])
    expect(storage.writes.map((write) => write.at)).toEqual([0, GAP])
  })

  it('keeps one write in flight: appends meanwhile share the next write, started when it settles', async () => {
    const { storage, append, keys, advance } = setUp()
    append('a')
    await advance(0)
    append('b')
    await advance(3 * GAP)
    append('c')
    await advance(GAP)
    expect(keys()).toEqual([['a']])
    storage.complete()
    await drain()
    expect(keys()).toEqual([['a'], ['b', 'c']])
    expect(storage.writes[1]?.at).toBe(4 * GAP)
  })

  it("lends a write's chunk buffers to the next write only once it settled, and never changes them before", async () => {
    const { storage, append, advance } = setUp()
    append('a')
    await advance(0)
    append('b')
    await advance(GAP)
    const first = storage.writes[0]!.ops[0]!.value!
    expect([...first]).toEqual([97, 97, 97, 97])
    storage.complete()
    await drain()
    const second = storage.writes[1]!.ops[0]!.value!
    expect([...second]).toEqual([98, 98, 98, 98])
    expect(second.buffer).toBe(first.buffer)
    expect([second.byteOffset, second.byteLength]).toEqual([0, second.buffer.byteLength])
  })

  it('hands its chunks over, and lends the buffers a storage that moved them gives back', async () => {
    const { storage, append, advance } = setUp()
    append('a')
    await advance(0)
    const { ops, options } = storage.writes[0]!
    expect(options?.handedOver).toBe(true)
    // The storage transfers the chunk's buffer away (IdbStorage, to its writer worker) and gives it back.
    const lent = ops[0]!.value!.buffer as ArrayBuffer
    const [moved] = structuredClone([lent], { transfer: [lent] })
    options?.giveBack?.([moved])
    storage.complete()
    await drain()
    append('b')
    await advance(GAP)
    const second = storage.writes[1]!.ops[0]!.value!
    expect([...second]).toEqual([98, 98, 98, 98])
    expect(second.buffer).toBe(moved)
  })

  it('flush writes at once, gap or not, and the background write asked for is not made as well', async () => {
    const { storage, flusher, append, keys, advance } = setUp()
    append('a')
    await advance(0)
    storage.complete()
    await drain()
    append('b')
    const flushed = flusher.flush()
    expect(keys()).toEqual([['a'], ['b']])
    storage.complete()
    await flushed
    await advance(2 * GAP)
    expect(keys()).toEqual([['a'], ['b']])
  })

  it('starts the next write after a failed one, which is not retried', async () => {
    const { storage, flusher, owed, append, keys, advance } = setUp()
    owed.push('a')
    const first = flusher.flush()
    append('b')
    storage.complete(true)
    await expect(first).rejects.toThrow('QuotaExceededError')
    await advance(GAP)
    expect(keys()).toEqual([['a'], ['b']])
  })

  it('starts nothing after stop, not even a write already asked for (a killed broker writes nothing more)', async () => {
    const { storage, flusher, owed, append, keys, advance } = setUp()
    append('a')
    await advance(0)
    owed.push('b')
    const waiting = flusher.flush()
    append('c')
    flusher.stop()
    storage.complete()
    await expect(waiting).rejects.toThrow('stopped')
    append('d')
    await advance(10 * GAP)
    expect(keys()).toEqual([['a']])
  })

  it('stores every append once, in order, in writes that never overlap and start the gap apart', async () => {
    const step = fc.oneof(
      fc.constant({ kind: 'append' as const }),
      fc.constant({ kind: 'complete' as const }),
      fc.integer({ min: 0, max: 2 * GAP }).map((ms) => ({ kind: 'tick' as const, ms })),
    )
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 60 }), async (steps) => {
        const { storage, append, keys, advance } = setUp()
        const appended: string[] = []
        for (const [i, s] of steps.entries()) {
          if (s.kind === 'append') {
            const writes = storage.writes.length
            append(`k${i}`)
            appended.push(`k${i}`)
            expect(storage.writes.length).toBe(writes)
          } else if (s.kind === 'complete') {
            storage.complete()
            await drain()
          } else await advance(s.ms)
          expect(storage.unfinished).toBeLessThanOrEqual(1)
        }
        // Once the steps end, storage catches up with everything owed.
        for (let i = 0; i <= steps.length && keys().flat().length < appended.length; i++) {
          storage.complete()
          await advance(GAP)
        }
        expect(keys().flat()).toEqual(appended)
        const starts = storage.writes.map((write) => write.at)
        for (let i = 1; i < starts.length; i++)
          expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(GAP)
      }),
      { numRuns: 200 },
    )
  })
})
