// SystemTimer: a purgatory's timeouts on one scheduled task. Each task expires at its deadline, in the order
// added among equal deadlines, never after it was cancelled; operations that complete before their timeouts
// cost one scheduled task per timeout period, not one each; an earlier deadline re-arms the task.
import { describe, expect, it } from 'vitest'
import { SystemTimer } from '../../../../workers/kafka/replication/system-timer.ts'
import { DeterministicTaskQueue } from '../../../../workers/net/deterministic-task-queue.ts'
import type { Cancellable, Scheduler } from '../../../../workers/net/scheduler.ts'

const drain = (): Promise<void> => Promise.resolve()

function setUp() {
  const queue = new DeterministicTaskQueue(0)
  let scheduled = 0
  const scheduler: Scheduler = {
    now: () => queue.now(),
    sleep: (ms) => queue.sleep(ms),
    schedule: (delayMs: number, task: () => void): Cancellable => {
      scheduled++
      return queue.schedule(delayMs, task)
    },
  }
  const timer = new SystemTimer(scheduler)
  const expired: Array<[string, number]> = []
  const add = (name: string, timeoutMs: number): Cancellable =>
    timer.add({ expire: () => expired.push([name, queue.now()]) }, timeoutMs)
  return { queue, timer, expired, add, scheduled: () => scheduled }
}

describe('SystemTimer', () => {
  it('expires each task at its deadline, equal deadlines in the order added', async () => {
    const { queue, expired, add } = setUp()
    add('a', 500)
    add('b', 300)
    add('c', 500)
    await queue.advance(100, drain)
    add('d', 200)
    await queue.advance(1000, drain)
    expect(expired).toEqual([
      ['b', 300],
      ['d', 300],
      ['a', 500],
      ['c', 500],
    ])
  })

  it('never expires a cancelled task, and arms one task per timeout period for tasks that complete first', async () => {
    const { queue, expired, add, scheduled } = setUp()
    for (let i = 0; i < 100; i++) {
      add(`op${i}`, 30_000).cancel()
      await queue.advance(10, drain)
    }
    const last = add('last', 30_000)
    await queue.advance(40_000, drain)
    last.cancel()
    expect(expired).toEqual([['last', 31_000]])
    // op0's deadline (30,000) armed the task; its run armed the only deadline left, last's.
    expect(scheduled()).toBe(2)
  })

  it('re-arms for an earlier deadline, and clear forgets every task', async () => {
    const { queue, timer, expired, add, scheduled } = setUp()
    add('late', 1000)
    add('early', 10)
    expect(scheduled()).toBe(2)
    await queue.advance(10, drain)
    expect(expired).toEqual([['early', 10]])
    timer.clear()
    await queue.advance(2000, drain)
    expect(expired).toEqual([['early', 10]])
  })
})
