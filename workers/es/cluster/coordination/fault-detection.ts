/**
 * PeriodicChecker: the retry loop shared by ES's FollowersChecker (the master checks each follower) and
 * LeaderChecker (each follower checks the master): a check every interval, each bounded by a timeout; a
 * disconnected peer, or one that is another process than the one checked (ES's transport handshake
 * fails with a ConnectTransportException), fails at once; any other failure (timeout, rejection) only after `retryCount`
 * consecutive ones; a success resets the count. Time comes only from the Scheduler.
 */
import type { Cancellable, Scheduler } from '../../../net/scheduler.ts'
import { NetworkError } from '../../../net/transport.ts'

/** The error name of a check that reached another process than the node it was meant for. */
export const CONNECT_TRANSPORT_EXCEPTION = 'connect_transport_exception'

export interface CheckSchedule {
  intervalMs: number
  timeoutMs: number
  retryCount: number
}

export class PeriodicChecker {
  private failures = 0
  private timer: Cancellable | null = null
  private stopped = false

  constructor(
    private readonly scheduler: Scheduler,
    private readonly schedule: CheckSchedule,
    private readonly check: (timeoutMs: number) => Promise<unknown>,
    private readonly onFailure: (reason: string) => void,
  ) {
    this.next()
  }

  private next(): void {
    this.timer = this.scheduler.schedule(this.schedule.intervalMs, () => {
      void this.check(this.schedule.timeoutMs).then(
        () => {
          if (this.stopped) return
          this.failures = 0
          this.next()
        },
        (error: unknown) => {
          if (this.stopped) return
          const disconnected =
            (error instanceof NetworkError && error.failure === 'disconnected') ||
            (error instanceof Error && error.name === CONNECT_TRANSPORT_EXCEPTION)
          this.failures++
          if (disconnected) this.fail('disconnected')
          else if (this.failures >= this.schedule.retryCount)
            this.fail(`failed ${this.failures} consecutive checks: ${describe(error)}`)
          else this.next()
        },
      )
    })
  }

  private fail(reason: string): void {
    this.stop()
    this.onFailure(reason)
  }

  stop(): void {
    this.stopped = true
    this.timer?.cancel()
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
