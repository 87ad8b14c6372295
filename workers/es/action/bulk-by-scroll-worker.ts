/**
 * WorkerBulkByScrollTaskState (ES 8.17): what a by-query run (bulk-by-scroll.ts) has done so far, its throttle
 * and its cancellation, and the BulkByScrollTask.Status they make.
 *
 * Throttle (`requests_per_second`): before each batch, and once more before the run sees that no hit is left,
 * the run waits the previous batch's size / requests_per_second seconds (throttleWaitTime: the whole batch
 * time, at most an hour), counting the wait in `throttled_millis` when it has passed; while it waits,
 * `throttled_until_millis` is the time left. Unthrottled (-1, the default) it never waits.
 *
 * Cancellation: `cancel` records the reason and wakes a waiting run at once (handleCancel rethrottles to
 * unlimited); the run checks it before and after each wait, so it stops at a batch boundary, the batches already
 * sent staying done, and its status and response carry `canceled` (the reason).
 *
 * Its status (bulk-by-scroll-status.ts) carries `slice_id` when it runs one slice of a sliced run
 * (BulkByScrollTask.setWorker(requestsPerSecond, sliceId)).
 */
import type { Clock } from '../../net/clock.ts'
import { zeroCounts, type BulkByScrollCounts, type BulkByScrollStatus } from './bulk-by-scroll-status.ts'

const MAX_THROTTLE_WAIT_MS = 3600_000

export class BulkByScrollWorker {
  /** The documents the run will go through (the hits, at most max_docs). */
  total = 0
  readonly counts: BulkByScrollCounts = zeroCounts()
  private reasonCancelled: string | null = null
  private throttledMillis = 0
  /** When the current wait ends (clock millis), or null when the run is not waiting. */
  private waitEnds: number | null = null
  private wake: (() => void) | null = null

  constructor(
    private readonly clock: Clock,
    /** requests_per_second; Infinity when unthrottled. */
    private readonly requestsPerSecond: number,
    /** The slice it runs, or null for an unsliced run. */
    private readonly sliceId: number | null = null,
  ) {}

  get cancelled(): boolean {
    return this.reasonCancelled !== null
  }

  cancel(reason: string): void {
    this.reasonCancelled ??= reason
    this.wake?.()
  }

  /** delayPrepareBulkRequest: waits out the throttle after a batch of `lastBatchSize`, or until cancelled. */
  async throttle(lastBatchSize: number): Promise<void> {
    if (this.requestsPerSecond === Infinity || lastBatchSize === 0 || this.cancelled) return
    const ms = Math.min(MAX_THROTTLE_WAIT_MS, Math.trunc((lastBatchSize / this.requestsPerSecond) * 1000))
    if (ms <= 0) return
    this.waitEnds = this.clock.now() + ms
    const woken = new Promise<'cancelled'>((resolve) => (this.wake = () => resolve('cancelled')))
    const outcome = await Promise.race([this.clock.sleep(ms).then(() => 'slept' as const), woken])
    if (outcome === 'slept') this.throttledMillis += ms
    this.waitEnds = null
    this.wake = null
  }

  status(): BulkByScrollStatus {
    return {
      sliceId: this.sliceId,
      total: this.total,
      ...this.counts,
      throttledMillis: this.throttledMillis,
      requestsPerSecond: this.requestsPerSecond,
      reasonCancelled: this.reasonCancelled,
      throttledUntilMillis: this.waitEnds === null ? 0 : Math.max(0, this.waitEnds - this.clock.now()),
      slices: [],
    }
  }
}
