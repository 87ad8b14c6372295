/**
 * What SIGSTOP and SIGCONT do to a node's process, for the parts of a node that can hold themselves:
 * while paused the process neither acts nor answers. Work handed to `run` (a timer firing, a message
 * arriving) and calls waiting on `whenRunning` are held in arrival order; `resume` lets them go on in
 * that order, as a continued process finds its overdue timers and its unread socket data. `end` is
 * SIGKILL of a paused process: held work is dropped and waiting calls fail with the given error.
 *
 * PausableScheduler is the node's Scheduler over the host's: time goes on while paused (the wall clock
 * does not stop), but a timer that comes due waits for resume. `gatedApi` makes every method of an API
 * object wait for resume before it runs (requests to a stopped process wait in its socket).
 *
 * Invariant: while paused nothing handed to this pause runs; after resume everything held has run once,
 * in the order it was held, unless cancelled first.
 */
import type { Cancellable, Scheduler } from './scheduler.ts'
import { methodProxy } from './method-proxy.ts'

/** What a paused-capable worker offers its host besides its API: SIGSTOP and SIGCONT. */
export interface Pausable {
  pause(): void
  resume(): void
}

interface Held {
  run: () => void
  fail: (error: Error) => void
}

export class ProcessPause implements Pausable {
  private paused = false
  private held: Held[] = []

  get isPaused(): boolean {
    return this.paused
  }

  pause(): void {
    this.paused = true
  }

  resume(): void {
    this.paused = false
    for (const work of this.held.splice(0)) work.run()
  }

  /** The process ends while paused: nothing held runs, and every waiting call fails with `error`. */
  end(error: Error): void {
    this.paused = false
    for (const work of this.held.splice(0)) work.fail(error)
  }

  /** Runs `action` now, or on resume while paused. */
  run(action: () => void): void {
    if (this.paused) this.held.push({ run: action, fail: () => undefined })
    else action()
  }

  /** Settles at once while running; while paused, on resume (or fails on `end`). */
  whenRunning(): Promise<void> {
    if (!this.paused) return Promise.resolve()
    return new Promise((resolve, reject) => this.held.push({ run: resolve, fail: reject }))
  }
}

export class PausableScheduler implements Scheduler {
  constructor(
    private readonly host: Scheduler,
    private readonly process: ProcessPause,
  ) {}

  now(): number {
    return this.host.now()
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.schedule(ms, resolve))
  }

  schedule(delayMs: number, task: () => void): Cancellable {
    let cancelled = false
    const timer = this.host.schedule(delayMs, () =>
      this.process.run(() => {
        if (!cancelled) task()
      }),
    )
    return {
      cancel: () => {
        cancelled = true
        timer.cancel()
      },
    }
  }
}

/**
 * The same API object, each of whose methods first waits until the process runs. Meant for APIs whose
 * methods answer with promises (a method of a paused process answers with one either way).
 */
export function gatedApi<T extends object>(api: T, process: ProcessPause): T {
  return methodProxy(api, (call) => (process.isPaused ? process.whenRunning().then(call) : call()))
}
