/**
 * LagDetector: the master removes a follower that has not applied a committed state within
 * cluster.follower_lag.timeout (90 s), as ES's LagDetector does, so that a node which missed a
 * publication or a commit (a dropped message) rejoins and receives the whole state again. Every pending
 * check ends when the master stops leading (`clear`).
 */
import type { Cancellable, Scheduler } from '../../../net/scheduler.ts'

export class LagDetector {
  private readonly appliedVersions = new Map<string, number>()
  private readonly timers = new Set<Cancellable>()

  constructor(
    private readonly scheduler: Scheduler,
    private readonly timeoutMs: number,
    private readonly onLagging: (nodeId: string, version: number) => void,
  ) {}

  /** A node confirmed it applied `version`. */
  setAppliedVersion(nodeId: string, version: number): void {
    this.appliedVersions.set(nodeId, Math.max(version, this.appliedVersions.get(nodeId) ?? 0))
  }

  /** After a committed publication: checks every follower has applied `version` once the timeout passes. */
  startLagDetector(nodeIds: readonly string[], version: number): void {
    const lagging = nodeIds.filter((id) => (this.appliedVersions.get(id) ?? 0) < version)
    if (lagging.length === 0) return
    const timer = this.scheduler.schedule(this.timeoutMs, () => {
      this.timers.delete(timer)
      for (const id of lagging) if ((this.appliedVersions.get(id) ?? 0) < version) this.onLagging(id, version)
    })
    this.timers.add(timer)
  }

  clear(): void {
    this.appliedVersions.clear()
    for (const timer of this.timers) timer.cancel()
    this.timers.clear()
  }
}
