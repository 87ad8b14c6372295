/**
 * WorkerBulkByScrollTaskState (ES 8.17): what a by-query run (bulk-by-scroll.ts) has done so far, its throttle
 * and its cancellation, and the BulkByScrollTask.Status they make.
 *
 * Throttle (`requests_per_second`): before each batch, and once more before the run sees that no hit is left,
 * the run waits the previous batch's size / requests_per_second seconds (throttleWaitTime: the whole batch
 * time, at most an hour), counting the wait in `throttled_millis` when it has passed; while it waits,
 * `throttled_until_millis` is the time left. Unthrottled (-1, the default) it never waits.
 *
 * Rethrottle (`_rethrottle`, DelayedPrepareBulkRequest.rethrottle): the new requests_per_second is the task's at
 * once and sets the length of the next waits. A wait under way is kept as it is when the new value is below the
 * one it was scheduled with (slowing down takes effect from the next wait); otherwise it is replaced by a wait of
 * its time left × scheduled value / new value, computed as ES does in float nanoseconds and rounded by
 * Math.round(float), so at most Integer.MAX_VALUE ns (about 2.1 s), and 0 when unlimited. The replacing wait keeps
 * the value the first was scheduled with (ES passes it on), and only its own length counts in `throttled_millis`
 * once it has passed: the time already waited is not counted.
 *
 * Cancellation (handleCancel): `cancel` records the reason and rethrottles to unlimited, which wakes a waiting
 * run at once and leaves `requests_per_second` -1.0 in the status; the run checks it before and after each wait,
 * so it stops at a batch boundary, the batches already sent staying done, and its status and response carry
 * `canceled` (the reason).
 *
 * Its status (bulk-by-scroll-status.ts) carries `slice_id` when it runs one slice of a sliced run
 * (BulkByScrollTask.setWorker(requestsPerSecond, sliceId)). The node's clock waits whole milliseconds: a
 * rescheduled wait drops its fraction of one (it ends up to 1 ms before ES's, `throttled_until_millis` as ES prints
 * it then), though `throttled_millis` counts its whole length.
 */
import type { Clock } from '../../net/clock.ts'
import { zeroCounts, type BulkByScrollCounts, type BulkByScrollStatus } from './bulk-by-scroll-status.ts'

const MAX_THROTTLE_WAIT_MS = 3600_000
const NANOS_PER_MS = 1_000_000
/** Integer.MAX_VALUE, where Math.round(float) saturates. */
const INT_MAX = 2 ** 31 - 1

/** DelayedPrepareBulkRequest: one wait of the run. */
interface Wait {
  /** When it ends (clock millis). */
  endsAt: number
  /** Its length, what `throttled_millis` counts once it has passed. */
  nanos: number
  /** The requests_per_second it was scheduled with. */
  requestsPerSecond: number
}

export class BulkByScrollWorker {
  /** The documents the run will go through (the hits, at most max_docs). */
  total = 0
  readonly counts: BulkByScrollCounts = zeroCounts()
  private reasonCancelled: string | null = null
  private throttledNanos = 0
  /** The wait under way, or null when the run is not waiting. */
  private wait: Wait | null = null
  /** Hands the waiting run the wait that replaces its own. */
  private wake: ((next: Wait) => void) | null = null

  constructor(
    private readonly clock: Clock,
    /** requests_per_second; Infinity when unthrottled. */
    private requestsPerSecond: number,
    /** The slice it runs, or null for an unsliced run. */
    private readonly sliceId: number | null = null,
  ) {}

  get cancelled(): boolean {
    return this.reasonCancelled !== null
  }

  cancel(reason: string): void {
    this.reasonCancelled ??= reason
    this.rethrottle(Infinity)
  }

  /** rethrottle: the new requests_per_second (Infinity: unlimited), the wait under way rescheduled. */
  rethrottle(requestsPerSecond: number): void {
    this.requestsPerSecond = requestsPerSecond
    const wait = this.wait
    if (wait === null || requestsPerSecond < wait.requestsPerSecond) return
    const remainingNanos = (wait.endsAt - this.clock.now()) * NANOS_PER_MS
    // scheduled.cancel() fails once the wait has run out
    if (remainingNanos <= 0) return
    const nanos = rescaledDelay(remainingNanos, wait.requestsPerSecond, requestsPerSecond)
    const ms = Math.floor(nanos / NANOS_PER_MS)
    this.wait = { endsAt: this.clock.now() + ms, nanos, requestsPerSecond: wait.requestsPerSecond }
    this.wake?.(this.wait)
  }

  /** delayPrepareBulkRequest: waits out the throttle after a batch of `lastBatchSize`, or until cancelled. */
  async throttle(lastBatchSize: number): Promise<void> {
    if (this.requestsPerSecond === Infinity || lastBatchSize === 0 || this.cancelled) return
    const ms = Math.min(MAX_THROTTLE_WAIT_MS, Math.trunc((lastBatchSize / this.requestsPerSecond) * 1000))
    if (ms <= 0) return
    let wait: Wait = {
      endsAt: this.clock.now() + ms,
      nanos: ms * NANOS_PER_MS,
      requestsPerSecond: this.requestsPerSecond,
    }
    this.wait = wait
    // Until a wait runs out: a rethrottle or a cancel replaces it with the next one.
    for (;;) {
      const left = wait.endsAt - this.clock.now()
      if (left <= 0) break
      const rescheduled = new Promise<Wait>((resolve) => (this.wake = resolve))
      const next = await Promise.race([this.clock.sleep(left).then(() => null), rescheduled])
      if (next === null) break
      wait = next
    }
    this.throttledNanos += wait.nanos
    this.wait = null
    this.wake = null
  }

  status(): BulkByScrollStatus {
    return {
      sliceId: this.sliceId,
      total: this.total,
      ...this.counts,
      throttledNanos: this.throttledNanos,
      requestsPerSecond: this.requestsPerSecond,
      reasonCancelled: this.reasonCancelled,
      throttledUntilMillis: this.wait === null ? 0 : Math.max(0, this.wait.endsAt - this.clock.now()),
      slices: [],
    }
  }
}

/** DelayedPrepareBulkRequest.newDelay: round(remaining × scheduled / new) in float arithmetic, as an int. */
function rescaledDelay(remainingNanos: number, scheduled: number, requestsPerSecond: number): number {
  const scaled = Math.fround(Math.fround(Math.fround(remainingNanos) * scheduled) / requestsPerSecond)
  return Math.min(INT_MAX, Math.floor(scaled + 0.5))
}
