/**
 * DeterministicTaskQueue: a Scheduler whose time moves only from one scheduled task to the next, as
 * Elasticsearch's DeterministicTaskQueue does for its simulations. Tasks run in (time, scheduling order)
 * order, so a run with the same seed and inputs replays exactly.
 *
 * Promises resolved inside a task continue as microtasks; `runUntilSettled` lets the host drain them
 * (Node: setImmediate) after every task, so async code in the core runs to its next wait before time
 * moves on. Invariant: `now()` never goes backwards.
 */
import type { Cancellable, Scheduler } from './scheduler.ts'

interface Entry {
  time: number
  seq: number
  task: () => void
  cancelled: boolean
}

/** Lets pending microtasks run: supplied by the host (Node: `() => new Promise((r) => setImmediate(r))`). */
export type DrainMicrotasks = () => Promise<void>

export class SimulationStalledError extends Error {
  override name = 'SimulationStalledError'
}

export class DeterministicTaskQueue implements Scheduler {
  private readonly heap: Entry[] = []
  private seq = 0

  constructor(private time = Date.UTC(2026, 0, 1)) {}

  now(): number {
    return this.time
  }

  schedule(delayMs: number, task: () => void): Cancellable {
    const entry: Entry = { time: this.time + Math.max(0, delayMs), seq: this.seq++, task, cancelled: false }
    this.push(entry)
    return { cancel: () => (entry.cancelled = true) }
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.schedule(ms, resolve))
  }

  /** The time of the next live task, or null when none is left. */
  nextTaskTime(): number | null {
    while (this.heap[0]?.cancelled) this.pop()
    return this.heap[0]?.time ?? null
  }

  /** Runs the earliest task, advancing time to it; false when none is left. */
  runNextTask(): boolean {
    if (this.nextTaskTime() === null) return false
    const entry = this.pop()!
    this.time = Math.max(this.time, entry.time)
    entry.task()
    return true
  }

  /**
   * Runs tasks (draining microtasks after each) until `promise` settles, then returns its outcome.
   * Throws SimulationStalledError when no task is left, or when time would pass `limitMs` from now,
   * while the promise is still pending.
   */
  async runUntilSettled<T>(promise: Promise<T>, drain: DrainMicrotasks, limitMs = 24 * 3600_000): Promise<T> {
    let settled = false
    const watched = promise.finally(() => (settled = true))
    watched.catch(() => undefined)
    const deadline = this.time + limitMs
    await drain()
    while (!settled) {
      const next = this.nextTaskTime()
      if (next === null)
        throw new SimulationStalledError('the simulation has no task left but the call is still pending')
      if (next > deadline)
        throw new SimulationStalledError(`the call is still pending after ${limitMs} ms of simulated time`)
      this.runNextTask()
      await drain()
    }
    return watched
  }

  /** Runs every task due up to `now() + ms`, then sets the time to exactly that. */
  async advance(ms: number, drain: DrainMicrotasks): Promise<void> {
    const target = this.time + ms
    await drain()
    for (let next = this.nextTaskTime(); next !== null && next <= target; next = this.nextTaskTime()) {
      this.runNextTask()
      await drain()
    }
    this.time = target
  }

  private push(entry: Entry): void {
    const heap = this.heap
    heap.push(entry)
    let i = heap.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!before(heap[i]!, heap[parent]!)) break
      ;[heap[i], heap[parent]] = [heap[parent]!, heap[i]!]
      i = parent
    }
  }

  private pop(): Entry | undefined {
    const heap = this.heap
    const top = heap[0]
    const last = heap.pop()
    if (heap.length > 0 && last) {
      heap[0] = last
      let i = 0
      for (;;) {
        const left = 2 * i + 1
        const right = left + 1
        let smallest = i
        if (left < heap.length && before(heap[left]!, heap[smallest]!)) smallest = left
        if (right < heap.length && before(heap[right]!, heap[smallest]!)) smallest = right
        if (smallest === i) break
        ;[heap[i], heap[smallest]] = [heap[smallest]!, heap[i]!]
        i = smallest
      }
    }
    return top
  }
}

function before(a: Entry, b: Entry): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq)
}
