/**
 * Time, injected: the core never calls Date.now or setTimeout itself. The browser passes SystemClock's
 * host functions in; tests and the headless runner use VirtualClock, whose time moves only when someone
 * sleeps, so a run is the same on every machine.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number
  /** Resolves after ms milliseconds of this clock's time. */
  sleep(ms: number): Promise<void>
}

/** A clock over the host's timer functions, passed in so the pure core never names a host global. */
export class SystemClock implements Clock {
  constructor(
    private readonly host: {
      now: () => number
      setTimeout: (callback: () => void, ms: number) => unknown
    },
  ) {}

  now(): number {
    return this.host.now()
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.host.setTimeout(resolve, ms))
  }
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
