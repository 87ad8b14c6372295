/**
 * PrimaryReplicaSyncer: once the master promotes a replica, the new primary sends every other active copy
 * of its shard what it holds above its global checkpoint (TransportResyncReplicationAction, in its term): each
 * id's latest operation above it, and its max seq_no, up to which those operations cover every sequence number
 * (the no-ops of its filled gaps, trimAboveSeqNo). A replica first rolls back to the global checkpoint on the
 * new term (replica-operations.ts), so afterwards it holds what the primary holds. A copy that does not answer,
 * or refuses, is failed as a replica that failed a write is (ReplicationOperation).
 *
 * The global checkpoint: after each replicated write the primary takes the minimum of the local checkpoints
 * its replication group answered with and of the in-sync copies (updateGlobalCheckpointOnPrimary); the next
 * request carries it.
 */
import type { ClusterState } from '../cluster/state/cluster-state.ts'
import { assignedShards, isActive, type ShardRouting } from '../cluster/state/shard-routing.ts'
import type { IndexService } from '../index/index-service.ts'
import type { IndexShard } from '../index/shard/index-shard.ts'
import { performOnReplica, type ReplicaRequestDeps } from './replica-request.ts'

/** How long a new primary waits for a replica's resync answer before failing it. */
const RESYNC_TIMEOUT_MS = 30_000

/**
 * The global checkpoint over the primary's replication group `targets` and the shard's in-sync copies (those
 * not answered yet keep it where it is).
 */
export function updateGlobalCheckpoint(
  state: ClusterState,
  index: string,
  shard: IndexShard,
  targets: readonly ShardRouting[],
): number {
  const own = shard.routing?.allocationId
  const copies = new Set(state.metadata.indices[index]?.inSyncAllocationIds[shard.shardId] ?? [])
  for (const copy of targets) copies.add(copy.allocationId!)
  if (own) copies.delete(own)
  return shard.replicationTracker.updateGlobalCheckpointOnPrimary(copies, shard.localCheckpoint)
}

export class PrimaryReplicaSyncer {
  private readonly deps: ReplicaRequestDeps

  /** A primary closed meanwhile (its node stopped, the copy was removed) fails no copy. */
  constructor(deps: ReplicaRequestDeps) {
    this.deps = {
      transport: deps.transport,
      failReplica: (shard, copy) => (shard.isClosed ? Promise.resolve(false) : deps.failReplica(shard, copy)),
    }
  }

  /** Resyncs the active replicas `state` lists for the just promoted primary `shard`. */
  async resync(index: IndexService, shard: IndexShard, state: ClusterState): Promise<void> {
    const { name, uuid } = index.metadata
    const globalCheckpoint = shard.replicationTracker.globalCheckpoint
    const operations = shard.operationsAbove(globalCheckpoint)
    const request = {
      type: 'resync',
      index: name,
      uuid,
      shard: shard.shardId,
      primaryTerm: shard.primaryTerm,
      globalCheckpoint,
      maxSeqNo: shard.maxSeqNo,
      operations,
    } as const
    const own = shard.routing?.allocationId
    const replicas = assignedShards(state.routingTable[name]?.[shard.shardId] ?? []).filter(
      (copy) => isActive(copy) && copy.allocationId !== own,
    )
    await Promise.all(
      replicas.map((copy) =>
        performOnReplica(
          this.deps,
          state,
          shard,
          copy,
          { ...request, allocationId: copy.allocationId! },
          RESYNC_TIMEOUT_MS,
        ),
      ),
    )
  }
}
