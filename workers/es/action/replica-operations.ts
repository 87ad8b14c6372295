/**
 * The replica's side of replication, shared by the primary's writes, its resync and peer recovery:
 * - acquireReplicaOperationPermit (IndexShard's): a request of an older primary term than the copy accepts is
 *   refused; the first of a newer term first rolls the copy back to its global checkpoint
 *   (resetEngineToGlobalCheckpoint): every id an operation above the checkpoint touched goes back to its newest
 *   operation at or below it, then the searcher is refreshed, so the new primary's resync and writes rebuild the
 *   rest as the new primary holds it;
 * - applyOperations: each operation applied, or, when the copy holds a newer one of its id, processed without
 *   changing a document (the newer of two operations on one id wins, as InternalEngine's plan for a
 *   non-primary); answers those applied, which the caller persists (a write, a resync, a recovery, and the
 *   replay of a store's translog alike);
 * - promoteToPrimary: a replica the master promoted puts back what rollbacks undid and no resync settled (ES's
 *   restoreLocalHistoryFromTranslog), fills its sequence number gaps (fillSeqNoGaps) and starts its term.
 */
import type { IndexService } from '../index/index-service.ts'
import { seqNoOf, type IndexShard, type ShardOperation } from '../index/shard/index-shard.ts'
import { parseJson, type XContentObject } from '../xcontent/index.ts'

const parseSource = (source: string): XContentObject => parseJson(source) as XContentObject

/** False when the request's term is older than the one the copy accepts. */
export function acquireReplicaOperationPermit(
  index: IndexService,
  shard: IndexShard,
  primaryTerm: number,
  globalCheckpoint: number,
  now: number,
): boolean {
  const tracker = shard.replicationTracker
  if (primaryTerm < tracker.operationPrimaryTerm) return false
  shard.updateGlobalCheckpointOnReplica(globalCheckpoint)
  if (primaryTerm > tracker.operationPrimaryTerm) {
    if (tracker.operationPrimaryTerm > 0) rollbackToGlobalCheckpoint(index, shard, now)
    tracker.operationPrimaryTerm = primaryTerm
  }
  return true
}

function rollbackToGlobalCheckpoint(index: IndexService, shard: IndexShard, now: number): void {
  for (const { id, target } of shard.rollbackToGlobalCheckpoint()) {
    if (target === null) shard.forget(id, now)
    else index.apply(shard, target.operation, parseSource, target.at)
  }
  shard.refresh(now)
}

/**
 * Applies operations a primary assigned (on a replica, in a recovery, or replayed from the store); answers
 * those applied (not stale).
 */
export function applyOperations(
  index: IndexService,
  shard: IndexShard,
  operations: readonly ShardOperation[],
  now: number,
): ShardOperation[] {
  const applied: ShardOperation[] = []
  for (const operation of operations) {
    if (shard.isStale(operation)) {
      shard.skipStale(operation, now)
      continue
    }
    index.apply(shard, operation, parseSource, now)
    applied.push(operation)
  }
  return applied
}

/** A started replica the master made the primary, before it resyncs its replicas. */
export function promoteToPrimary(index: IndexService, shard: IndexShard): void {
  for (const { operation, at } of shard.undoneOperations()) {
    if (!shard.hasProcessed(seqNoOf(operation)) && !shard.isStale(operation))
      index.apply(shard, operation, parseSource, at)
  }
  shard.dropHistory()
  shard.fillSeqNoGaps(shard.maxSeqNo)
  shard.replicationTracker.activatePrimaryMode()
  shard.replicationTracker.operationPrimaryTerm = shard.primaryTerm
}
