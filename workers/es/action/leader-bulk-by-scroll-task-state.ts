/**
 * LeaderBulkByScrollTaskState (ES 8.17): the task of a sliced by-query run (`slices` above 1), which runs no scroll
 * itself but one child task per slice (bulk-by-scroll-task.ts) and keeps what each slice ended with.
 *
 * Its status is the merged status of the slices that finished (bulk-by-scroll-status.ts), a running slice `null`
 * in `slices`, a failed one its exception. Once every slice finished, its response is BulkByScrollResponse's merge
 * of theirs (took the longest slice's, the slices' statuses in slice order, their failures one after the other),
 * or, when a slice failed, the first failed slice's exception (ES adds the others to it as suppressed).
 */
import type { EsException } from '../errors/index.ts'
import type { BulkByScrollResult } from './bulk-by-scroll.ts'
import { mergedStatus, type BulkByScrollStatus, type StatusOrException } from './bulk-by-scroll-status.ts'

export class LeaderBulkByScrollTaskState {
  private readonly results: Array<BulkByScrollResult | null>
  /** The reason the leader task was cancelled for, or null. */
  reasonCancelled: string | null = null

  constructor(readonly slices: number) {
    this.results = new Array<BulkByScrollResult | null>(slices).fill(null)
  }

  /** onSliceResponse / onSliceFailure. */
  onSliceResult(sliceId: number, result: BulkByScrollResult): void {
    this.results[sliceId] = result
  }

  status(): BulkByScrollStatus {
    return mergedStatus(this.results.map(statusOrException), this.reasonCancelled)
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

function statusOrException(result: BulkByScrollResult | null): StatusOrException | null {
  if (result === null) return null
  return result.failure === null ? { status: result.status } : { exception: result.failure }
}
