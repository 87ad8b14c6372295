/**
 * FetchParking: the leader's purgatory for Fetch requests that found nothing new (Kafka's
 * fetchPurgatory). A parked fetch is answered when the log grows, when the high watermark moves, when
 * leadership ends (completeAll), or after its maxWaitMs; `drop` forgets every parked fetch unanswered,
 * as a stopped process does.
 */
import type { Cancellable, Scheduler } from '../../net/scheduler.ts'
import type { FetchResponse } from './raft-messages.ts'

interface Parked {
  timer: Cancellable
  complete: () => void
}

export class FetchParking<R> {
  private parked = new Set<Parked>()

  /** Holds a fetch until completion or `maxWaitMs`; `answer` builds its response at that moment. */
  park(scheduler: Scheduler, maxWaitMs: number, answer: () => FetchResponse<R>): Promise<FetchResponse<R>> {
    return new Promise((resolve) => {
      const entry: Parked = {
        timer: scheduler.schedule(maxWaitMs, () => entry.complete()),
        complete: () => {
          if (!this.parked.delete(entry)) return
          entry.timer.cancel()
          resolve(answer())
        },
      }
      this.parked.add(entry)
    })
  }

  completeAll(): void {
    for (const entry of [...this.parked]) entry.complete()
  }

  drop(): void {
    for (const entry of this.parked) entry.timer.cancel()
    this.parked = new Set()
  }
}
