/**
 * FollowersChecker: the master's watch over its followers, as ES's FollowersChecker: one PeriodicChecker
 * per node of the last applied state (the master itself excluded), started when a node appears and
 * stopped when it leaves; a follower whose checks fail is reported once, for removal.
 */
import type { Scheduler } from '../../../net/scheduler.ts'
import type { DiscoveryNode } from '../state/discovery-node.ts'
import { PeriodicChecker, type CheckSchedule } from './fault-detection.ts'

export class FollowersChecker {
  private readonly checkers = new Map<string, PeriodicChecker>()

  constructor(
    private readonly scheduler: Scheduler,
    private readonly schedule: CheckSchedule,
    private readonly check: (node: DiscoveryNode, timeoutMs: number) => Promise<unknown>,
    private readonly onNodeFailure: (node: DiscoveryNode, reason: string) => void,
  ) {}

  setCurrentNodes(nodes: readonly DiscoveryNode[], localNodeId: string): void {
    for (const [nodeId, checker] of this.checkers) {
      if (!nodes.some((node) => node.id === nodeId)) {
        checker.stop()
        this.checkers.delete(nodeId)
      }
    }
    for (const node of nodes) {
      if (node.id === localNodeId || this.checkers.has(node.id)) continue
      const checker = new PeriodicChecker(
        this.scheduler,
        this.schedule,
        (timeoutMs) => this.check(node, timeoutMs),
        (reason) => {
          this.checkers.delete(node.id)
          this.onNodeFailure(node, reason)
        },
      )
      this.checkers.set(node.id, checker)
    }
  }

  clear(): void {
    for (const checker of this.checkers.values()) checker.stop()
    this.checkers.clear()
  }
}
