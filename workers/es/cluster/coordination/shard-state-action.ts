/**
 * ShardStateAction, a node's side: reports a shard copy started or failed to the elected master, and sends the
 * report again a leader-check interval later (no master known, or the request failed) for as long as it is still
 * wanted: a start until an applied cluster state shows the copy no longer INITIALIZING on this node, a failure while
 * the applied state still holds the failed copy (failureStillPending). The master's side (the cluster state tasks
 * shard-started and shard-failed) runs in the Coordinator.
 */
import { failureStillPending, type FailedShard, type ShardCopyRef } from '../allocation/allocation-service.ts'
import type { StoredShardCopy } from '../allocation/routing-allocation.ts'
import type { ClusterState } from '../state/cluster-state.ts'
import type { DiscoveryNode } from '../state/discovery-node.ts'
import type { Scheduler } from '../../../net/scheduler.ts'
import type { CoordinationRequest, CoordinationResponse } from './messages.ts'

export interface ShardStateActionDeps {
  localNodeId: string
  scheduler: Scheduler
  /** How long to wait before sending a report again. */
  retryIntervalMs: number
  timeoutMs: number
  running: () => boolean
  /** The elected master this node follows (or is), null while it knows none. */
  master: () => DiscoveryNode | null
  /** The last cluster state applied on this node. */
  applied: () => ClusterState
  send: (
    node: DiscoveryNode,
    request: CoordinationRequest,
    timeoutMs: number,
  ) => Promise<CoordinationResponse>
}

export class ShardStateAction {
  private readonly locallyStarted = new Map<string, ShardCopyRef>()

  constructor(private readonly deps: ShardStateActionDeps) {}

  /** ShardStateAction.shardStarted: re-sent until an applied state settles the copy. */
  shardStarted(shard: ShardCopyRef, storedCopy: StoredShardCopy): void {
    this.locallyStarted.set(shard.allocationId, shard)
    this.sendToMaster({ type: 'shard_started', shard, storedCopy }, () =>
      this.locallyStarted.has(shard.allocationId),
    )
  }

  /** ShardStateAction.localShardFailed / remoteShardFailed: re-sent while the applied state holds the copy. */
  shardFailed(shard: FailedShard): void {
    this.sendToMaster({ type: 'shard_failed', shard }, () => failureStillPending(this.deps.applied(), shard))
  }

  /** A started copy no longer INITIALIZING here in `state` has been applied (or reassigned): stop reporting it. */
  applied(state: ClusterState): void {
    for (const [allocationId, shard] of this.locallyStarted) {
      const copy = state.routingTable[shard.index]?.[shard.shard]?.find(
        (c) => c.allocationId === allocationId,
      )
      if (copy?.state !== 'INITIALIZING' || copy.nodeId !== this.deps.localNodeId)
        this.locallyStarted.delete(allocationId)
    }
  }

  private sendToMaster(request: CoordinationRequest, pending: () => boolean): void {
    const { scheduler, retryIntervalMs, timeoutMs } = this.deps
    if (!this.deps.running() || !pending()) return
    const retry = (): void => {
      scheduler.schedule(retryIntervalMs, () => this.sendToMaster(request, pending))
    }
    const master = this.deps.master()
    if (master) this.deps.send(master, request, timeoutMs).catch(retry)
    else retry()
  }
}
