/**
 * AsyncTaskMaintenanceService (ES 8.17 x-pack core) for async search: the periodic deletion of expired results from
 * `.async-search`. It runs on the node that holds the primary of the index's shard 0, as each applied cluster state
 * tells: a node that becomes that holder deletes at once, then every `async_search.index_cleanup_interval` (a node
 * setting, 1h by default) after the previous deletion ended, failed or not; a node that stops being the holder, or
 * sees the index gone, stops. A deletion is a delete-by-query of the documents whose `expiration_time` is at most now.
 */
import type { Cancellable, Scheduler } from '../../../net/scheduler.ts'
import type { ClusterState } from '../../cluster/state/cluster-state.ts'
import { isRelocationTarget } from '../../cluster/state/shard-routing.ts'
import { ASYNC_RESULTS_INDEX } from './async-task-index-service.ts'

/** ASYNC_SEARCH_CLEANUP_INTERVAL_SETTING's default. */
export const DEFAULT_CLEANUP_INTERVAL_MS = 3_600_000

export interface AsyncTaskMaintenanceDeps {
  localNodeId: string
  scheduler: Scheduler
  /** async_search.index_cleanup_interval. */
  delayMs: number
  /** The delete-by-query of the results expired at `nowMillis`. */
  deleteExpired: (nowMillis: number) => Promise<void>
}

export class AsyncTaskMaintenanceService {
  private isCleanupRunning = false
  private next: Cancellable | null = null

  constructor(private readonly deps: AsyncTaskMaintenanceDeps) {}

  /** tryStartCleanup. */
  clusterChanged(state: ClusterState): void {
    const copies = state.routingTable[ASYNC_RESULTS_INDEX]?.[0]
    if (copies === undefined) return this.stopCleanup()
    const primary = copies.find((copy) => copy.primary && !isRelocationTarget(copy))
    if (primary?.nodeId !== this.deps.localNodeId) return this.stopCleanup()
    if (this.isCleanupRunning) return
    this.isCleanupRunning = true
    this.executeNextCleanup()
  }

  private executeNextCleanup(): void {
    if (!this.isCleanupRunning) return
    const { deps } = this
    void deps
      .deleteExpired(deps.scheduler.now())
      .catch(() => undefined)
      .then(() => {
        if (this.isCleanupRunning)
          this.next = deps.scheduler.schedule(deps.delayMs, () => this.executeNextCleanup())
      })
  }

  private stopCleanup(): void {
    this.next?.cancel()
    this.next = null
    this.isCleanupRunning = false
  }
}
