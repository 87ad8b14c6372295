/**
 * LeaderBulkByScrollTaskState (ES 8.17): the task of a sliced by-query run (`slices` above 1), which runs no scroll
 * itself but one child task per slice (bulk-by-scroll-task.ts), each over one of its `workers`, and keeps what each
 * slice ended with.
 *
 * Its status is the merged status of the slices that finished (bulk-by-scroll-status.ts), a running slice `null`
 * in `slices`, a failed one its exception. Once every slice finished, its response is BulkByScrollResponse's merge
 * of theirs (took the longest slice's, the slices' statuses in slice order, their failures one after the other),
 * or, when a slice failed, the first failed slice's exception (ES adds the others to it as suppressed).
 *
 * Each slice starts with requests_per_second / slices (doForSlice, a float division). A rethrottle
 * (TransportRethrottleAction.rethrottleParentTask) splits the new value between the slices still running
 * (runningSliceSubTasks) and rethrottles each; its status then has the running slices' statuses in place of their
 * `null` (taskInfoGivenSubtaskInfo). With no slice running it changes nothing.
 */
import type { Clock } from '../../net/clock.ts'
import type { EsException } from '../errors/index.ts'
import type { BulkByScrollResult } from './bulk-by-scroll.ts'
import { BulkByScrollWorker } from './bulk-by-scroll-worker.ts'
import { mergedStatus, type BulkByScrollStatus, type StatusOrException } from './bulk-by-scroll-status.ts'

export class LeaderBulkByScrollTaskState {
  private readonly results: Array<BulkByScrollResult | null>
  /** The slices' workers, by slice id. */
  readonly workers: readonly BulkByScrollWorker[]
  /** The reason the leader task was cancelled for, or null. */
  reasonCancelled: string | null = null

  constructor(
    readonly slices: number,
    clock: Clock,
    /** The run's requests_per_second; Infinity when unthrottled. */
    requestsPerSecond: number,
  ) {
    this.results = new Array<BulkByScrollResult | null>(slices).fill(null)
    const sliceRequestsPerSecond = Math.fround(requestsPerSecond / slices)
    this.workers = Array.from(
      { length: slices },
      (_, sliceId) => new BulkByScrollWorker(clock, sliceRequestsPerSecond, sliceId),
    )
  }

  /** onSliceResponse / onSliceFailure. */
  onSliceResult(sliceId: number, result: BulkByScrollResult): void {
    this.results[sliceId] = result
  }

  runningSliceSubTasks(): number {
    return this.results.filter((result) => result === null).length
  }

  status(): BulkByScrollStatus {
    return mergedStatus(
      this.results.map((result) => (result === null ? null : statusOrException(result))),
      this.reasonCancelled,
    )
  }

  /** rethrottleParentTask: the running slices rethrottled to an equal share; the status given theirs. */
  rethrottle(requestsPerSecond: number): BulkByScrollStatus {
    const running = this.runningSliceSubTasks()
    if (running === 0) return this.status()
    const sliceRequestsPerSecond = Math.fround(requestsPerSecond / running)
    const slices = this.results.map((result, sliceId): StatusOrException => {
      if (result !== null) return statusOrException(result)
      const worker = this.workers[sliceId]!
      worker.rethrottle(sliceRequestsPerSecond)
      return { status: worker.status() }
    })
    return mergedStatus(slices, this.reasonCancelled)
  }

  /** The merged result of the finished slices (every slice's once all finished). */
  response(): BulkByScrollResult {
    const finished = this.results.filter((result) => result !== null)
    const failure: EsException | null = finished.find((result) => result.failure !== null)?.failure ?? null
    return {
      took: finished.reduce((max, result) => Math.max(max, result.took), 0),
      status: mergedStatus(
        finished.map((result) => ({ status: result.status })),
        this.reasonCancelled,
      ),
      failures: finished.flatMap((result) => result.failures),
      failure,
    }
  }
}

function statusOrException(result: BulkByScrollResult): StatusOrException {
  return result.failure === null ? { status: result.status } : { exception: result.failure }
}
