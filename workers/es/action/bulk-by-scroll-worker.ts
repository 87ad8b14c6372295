/**
 * WorkerBulkByScrollTaskState (ES 8.17): what a by-query run (bulk-by-scroll.ts) has done so far, its throttle
 * and its cancellation, and BulkByScrollTask.Status printed from them.
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
 * Status fields, in BulkByScrollTask.Status.innerXContent's order: total, updated, created, deleted, batches,
 * version_conflicts, noops, retries {bulk, search}, throttled_millis, requests_per_second (-1.0 when
 * unthrottled), canceled (when cancelled), throttled_until_millis. `updated` and `created` are left out where
 * the REST action sets include_updated / include_created false.
 */
import type { Clock } from '../../net/clock.ts'
import { JavaFloat, type JsonOut } from '../xcontent/index.ts'

const MAX_THROTTLE_WAIT_MS = 3600_000

export interface BulkByScrollCounts {
  updated: number
  created: number
  deleted: number
  batches: number
  versionConflicts: number
  noops: number
}

export class BulkByScrollWorker {
  /** The documents the run will go through (the hits, at most max_docs). */
  total = 0
  readonly counts: BulkByScrollCounts = {
    updated: 0,
    created: 0,
    deleted: 0,
    batches: 0,
    versionConflicts: 0,
    noops: 0,
  }
  private reasonCancelled: string | null = null
  private throttledMillis = 0
  /** When the current wait ends (clock millis), or null when the run is not waiting. */
  private waitEnds: number | null = null
  private wake: (() => void) | null = null

  constructor(
    private readonly clock: Clock,
    /** requests_per_second; Infinity when unthrottled. */
    private readonly requestsPerSecond: number,
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

  status(fields: { updated: boolean; created: boolean }): Map<string, JsonOut> {
    const { counts } = this
    const status = new Map<string, JsonOut>([['total', this.total]])
    if (fields.updated) status.set('updated', counts.updated)
    if (fields.created) status.set('created', counts.created)
    status.set('deleted', counts.deleted)
    status.set('batches', counts.batches)
    status.set('version_conflicts', counts.versionConflicts)
    status.set('noops', counts.noops)
    status.set('retries', { bulk: 0, search: 0 })
    status.set('throttled_millis', this.throttledMillis)
    status.set(
      'requests_per_second',
      new JavaFloat(this.requestsPerSecond === Infinity ? -1 : this.requestsPerSecond),
    )
    if (this.reasonCancelled !== null) status.set('canceled', this.reasonCancelled)
    status.set(
      'throttled_until_millis',
      this.waitEnds === null ? 0 : Math.max(0, this.waitEnds - this.clock.now()),
    )
    return status
  }
}
