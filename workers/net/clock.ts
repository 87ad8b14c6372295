/**
 * Time, injected: the core never calls Date.now or setTimeout itself. The browser passes a SystemScheduler
 * over its host timers (scheduler.ts); the headless runner and simulation tests pass a
 * DeterministicTaskQueue; VirtualClock, whose time moves only when someone sleeps, serves unit tests that
 * need no scheduled tasks.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number
  /** Resolves after ms milliseconds of this clock's time. */
  sleep(ms: number): Promise<void>
}

/**
 * Virtual time: sleeping advances the clock at once. Starts at a fixed instant so that transcripts
 * which print timestamps are reproducible.
 */
export class VirtualClock implements Clock {
  constructor(private time = Date.UTC(2026, 0, 1)) {}

  now(): number {
    return this.time
  }

  sleep(ms: number): Promise<void> {
    this.time += Math.max(0, ms)
    return Promise.resolve()
  }
}
