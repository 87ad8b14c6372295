/**
 * ElectionScheduler: when a candidate next tries an election, as ES's ElectionSchedulerFactory: the n-th
 * attempt (n from 0) waits gracePeriod plus a uniform random delay in (0, min(initial_timeout +
 * n × back_off_time, max_timeout)] ms after the previous one; each attempt schedules the next with a grace
 * period of cluster.election.duration. Linear back-off keeps competing candidates from colliding forever.
 */
import type { Random } from '../../../net/random.ts'
import type { Cancellable, Scheduler } from '../../../net/scheduler.ts'
import type { CoordinationSettings } from './coordination-settings.ts'

/** The delay of attempt `attempt`: random in [1, maxDelay] plus the grace period. */
export function electionDelay(
  settings: CoordinationSettings,
  attempt: number,
  gracePeriodMs: number,
  random: Random,
): number {
  const maxDelay = Math.min(
    settings.electionMaxTimeoutMs,
    settings.electionInitialTimeoutMs + attempt * settings.electionBackOffTimeMs,
  )
  return 1 + random.nextInt(maxDelay) + gracePeriodMs
}

export class ElectionScheduler {
  private attempt = 0
  private pending: Cancellable | null = null
  private closed = false

  constructor(
    private readonly scheduler: Scheduler,
    private readonly random: Random,
    private readonly settings: CoordinationSettings,
    private readonly startElection: () => void,
    gracePeriodMs: number,
  ) {
    this.scheduleNext(gracePeriodMs)
  }

  private scheduleNext(gracePeriodMs: number): void {
    const delay = electionDelay(this.settings, this.attempt++, gracePeriodMs, this.random)
    this.pending = this.scheduler.schedule(delay, () => {
      if (this.closed) return
      this.scheduleNext(this.settings.electionDurationMs)
      this.startElection()
    })
  }

  close(): void {
    this.closed = true
    this.pending?.cancel()
  }
}
