// LogFlusher's group commit: an append to an idle flusher starts a write at once (no timer), one write is in
// flight at a time, changes made meanwhile share the next write, which starts as soon as the one in flight
// settles; after stop no write starts, not even one already asked for. A property test checks against a naive
// model that every append is stored exactly once and in order, and that a write starts exactly when the model
// says one must (an append finds the flusher idle, or a write settles with appends waiting).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { LogFlusher } from '../../../../workers/kafka/log/log-flusher.ts'
import type { Storage, StorageOp } from '../../../../workers/storage/storage.ts'

const drain = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** Storage whose writes finish only when the test says so; `writes` holds each write's ops. */
class HeldStorage implements Pick<Storage, 'write'> {
  readonly writes: StorageOp[][] = []
  private readonly finish: Array<{ resolve: () => void; reject: (error: Error) => void }> = []

  write(ops: StorageOp[]): Promise<void> {
    this.writes.push(ops)
    return new Promise((resolve, reject) => this.finish.push({ resolve, reject }))
  }

  /** Finishes the oldest unfinished write, or fails it. */
  complete(fail = false): void {
    const next = this.finish.shift()
    if (fail) next?.reject(new Error('QuotaExceededError'))
    else next?.resolve()
  }
}

function setUp() {
  const storage = new HeldStorage()
  const owed: string[] = []
  const flusher = new LogFlusher(storage as unknown as Storage, () =>
    owed.splice(0).map((key) => ({ store: 'kafka', key, value: new Uint8Array(0) })),
  )
  const keys = (): string[][] => storage.writes.map((ops) => ops.map((op) => op.key))
  return { storage, owed, flusher, keys }
}

describe('LogFlusher', () => {
  it('starts a write at once when an append finds no write in flight', () => {
    const { owed, flusher, keys } = setUp()
    owed.push('a')
    flusher.appended()
    expect(keys()).toEqual([['a']])
  })

  it('keeps one write in flight: appends meanwhile share the next write, started when it settles', async () => {
    const { storage, owed, flusher, keys } = setUp()
    owed.push('a')
    flusher.appended()
    owed.push('b')
    flusher.appended()
    owed.push('c')
    const second = flusher.flush()
    expect(keys()).toEqual([['a']])
    storage.complete()
    await drain()
    expect(keys()).toEqual([['a'], ['b', 'c']])
    storage.complete()
    await second
    owed.push('d')
    flusher.appended()
    expect(keys()).toEqual([['a'], ['b', 'c'], ['d']])
  })

  it('starts the next write after a failed one, which is not retried', async () => {
    const { storage, owed, flusher, keys } = setUp()
    owed.push('a')
    const first = flusher.flush()
    owed.push('b')
    flusher.appended()
    storage.complete(true)
    await expect(first).rejects.toThrow('QuotaExceededError')
    await drain()
    expect(keys()).toEqual([['a'], ['b']])
  })

  it('starts nothing after stop, not even a write already waiting (a killed broker writes nothing more)', async () => {
    const { storage, owed, flusher, keys } = setUp()
    owed.push('a')
    flusher.appended()
    owed.push('b')
    const waiting = flusher.flush()
    flusher.stop()
    storage.complete()
    await expect(waiting).rejects.toThrow('stopped')
    owed.push('c')
    flusher.appended()
    await drain()
    expect(keys()).toEqual([['a']])
  })

  it('stores every append once, in order, starting each write exactly when the model says', async () => {
    const step = fc.oneof(fc.constant('append' as const), fc.constant('complete' as const))
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 40 }), async (steps) => {
        const { storage, owed, flusher, keys } = setUp()
        // The naive model: whether a write is in flight, and how many appends wait for the next one.
        let inFlight = false
        let waiting = 0
        let expectedWrites = 0
        let finished = 0
        for (const [i, kind] of steps.entries()) {
          if (kind === 'append') {
            owed.push(`k${i}`)
            flusher.appended()
            if (inFlight) waiting++
            else [inFlight, expectedWrites] = [true, expectedWrites + 1]
          } else if (finished < storage.writes.length) {
            storage.complete()
            finished++
            await drain()
            if (waiting > 0) [waiting, expectedWrites] = [0, expectedWrites + 1]
            else inFlight = false
          }
          expect(storage.writes.length).toBe(expectedWrites)
        }
        while (finished < storage.writes.length) {
          storage.complete()
          finished++
          await drain()
        }
        const appended = steps.flatMap((kind, i) => (kind === 'append' ? [`k${i}`] : []))
        expect(keys().flat()).toEqual(appended)
      }),
      { numRuns: 100 },
    )
  })
})
