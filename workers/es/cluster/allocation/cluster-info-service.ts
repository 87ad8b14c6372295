/**
 * InternalClusterInfoService (ES 8.17): the elected master's ClusterInfo, refreshed at once when this node becomes
 * master and when a data node joins, then every `cluster.info.update.interval` (30s); each refresh is handed to
 * the listener (the DiskThresholdMonitor). A node that is not the master keeps no info and no timer.
 * Invariant: at most one refresh timer, and none while not master.
 */
import type { Cancellable, Scheduler } from '../../../net/scheduler.ts'
import type { ClusterState } from '../state/cluster-state.ts'
import { isDataNode } from '../state/discovery-node.ts'
import { EMPTY_CLUSTER_INFO, type ClusterInfo } from './cluster-info.ts'
import { diskThresholds } from './disk-threshold-settings.ts'

export interface ClusterInfoServiceDeps {
  readonly localNodeId: string
  readonly scheduler: Scheduler
  readonly fetch: (state: ClusterState) => Promise<ClusterInfo>
  readonly onNewInfo: (info: ClusterInfo) => void
}

export class InternalClusterInfoService {
  private info: ClusterInfo = EMPTY_CLUSTER_INFO
  private timer: Cancellable | null = null
  private state: ClusterState | null = null
  /** Bumped on every master change, so that a refresh started under an earlier mastership is dropped. */
  private generation = 0

  constructor(private readonly deps: ClusterInfoServiceDeps) {}

  /** The last refresh's info (EMPTY_CLUSTER_INFO before the first and on a node that is not master). */
  current(): ClusterInfo {
    return this.info
  }

  clusterChanged(state: ClusterState): void {
    const previous = this.state
    this.state = state
    const master = state.masterNodeId === this.deps.localNodeId
    const wasMaster = previous?.masterNodeId === this.deps.localNodeId
    if (!master) {
      if (wasMaster) this.stop()
      return
    }
    const known = new Set(previous?.nodes.map((node) => node.id))
    if (!wasMaster) this.refreshAndReschedule()
    else if (state.nodes.some((node) => isDataNode(node) && !known.has(node.id)))
      void this.refresh().catch(() => undefined)
  }

  stop(): void {
    this.generation++
    this.timer?.cancel()
    this.timer = null
    this.info = EMPTY_CLUSTER_INFO
  }

  private refreshAndReschedule(): void {
    this.timer?.cancel()
    const generation = ++this.generation
    void this.refresh()
      .catch(() => undefined)
      .then(() => {
        if (generation !== this.generation || this.state === null) return
        const interval = diskThresholds(this.state).infoUpdateIntervalMillis
        this.timer = this.deps.scheduler.schedule(interval, () => {
          this.timer = null
          this.refreshAndReschedule()
        })
      })
  }

  private async refresh(): Promise<void> {
    const generation = this.generation
    const state = this.state
    if (state === null) return
    const info = await this.deps.fetch(state)
    if (generation !== this.generation) return
    this.info = info
    this.deps.onNewInfo(info)
  }
}
