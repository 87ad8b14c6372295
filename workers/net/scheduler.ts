/**
 * Scheduler: a Clock that can also run a task later. The core's only way to wait or to act on a timer
 * (election timeouts, heartbeats, fetch loops, session expiry): the browser passes one over the host's
 * setTimeout; the simulation passes a DeterministicTaskQueue, whose time moves only from task to task,
 * so a seeded run replays exactly.
 */
import type { Clock } from './clock.ts'

export interface Cancellable {
  cancel(): void
}

export interface Scheduler extends Clock {
  /** Runs `task` once `delayMs` of this scheduler's time has passed (0: after the current task). */
  schedule(delayMs: number, task: () => void): Cancellable
}

/** A scheduler over the host's timer functions, passed in so the pure core never names a host global. */
export class SystemScheduler implements Scheduler {
  constructor(
    private readonly host: {
      now: () => number
      setTimeout: (callback: () => void, ms: number) => unknown
      clearTimeout: (handle: unknown) => void
    },
  ) {}

  now(): number {
    return this.host.now()
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.host.setTimeout(resolve, ms))
  }

  schedule(delayMs: number, task: () => void): Cancellable {
    const handle = this.host.setTimeout(task, delayMs)
    return { cancel: () => this.host.clearTimeout(handle) }
  }
}
