/**
 * A deterministic Scheduler for group coordinator tests: timers in a queue ordered by due time, then by
 * insertion; `advance(ms)` runs every task due within the window (letting promise callbacks settle after
 * each task) and leaves the clock at the end of it.
 */
import type { Cancellable, Scheduler } from '../../../../workers/net/scheduler.ts'

interface Timer {
  readonly due: number
  readonly seq: number
  readonly task: () => void
  cancelled: boolean
}

export class FakeScheduler implements Scheduler {
  private time = 0
  private seq = 0
  private timers: Timer[] = []

  now(): number {
    return this.time
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.schedule(ms, resolve))
  }

  schedule(delayMs: number, task: () => void): Cancellable {
    const timer: Timer = { due: this.time + Math.max(0, delayMs), seq: this.seq++, task, cancelled: false }
    this.timers.push(timer)
    return { cancel: () => void (timer.cancelled = true) }
  }

  /** Moves time forward by `ms`, running due timers in order. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms
    await settle()
    for (;;) {
      this.timers = this.timers.filter((t) => !t.cancelled)
      const next = [...this.timers].sort((a, b) => a.due - b.due || a.seq - b.seq)[0]
      if (next === undefined || next.due > end) break
      this.timers = this.timers.filter((t) => t !== next)
      this.time = next.due
      next.task()
      await settle()
    }
    this.time = end
  }
}

/** Lets pending promise callbacks run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve()
}
