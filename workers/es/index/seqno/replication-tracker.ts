/**
 * ReplicationTracker: a copy's global checkpoint, the sequence number below which every in-sync copy has
 * processed every operation (ES's ReplicationTracker). On the primary it is the minimum of the local checkpoints
 * of the copies it replicates to (each replica answers its own with every write, ReplicaResponse) and its own;
 * while one of them has not answered yet it stays where it is. A replica learns it from the primary's requests.
 * A copy whose term the master raised also starts a new operation term here: the term of the requests it
 * accepts from then on (a replica rolls back to the global checkpoint when it sees a newer one).
 *
 * Invariants: the global checkpoint never decreases; a known local checkpoint never decreases; the global
 * checkpoint is at most the local checkpoint of every copy the primary replicates to.
 */
export class ReplicationTracker {
  private current = -1
  private readonly localCheckpoints = new Map<string, number>()
  /** The primary term of the operations this copy accepts (IndexShard's operationPrimaryTerm). */
  operationPrimaryTerm = 0

  get globalCheckpoint(): number {
    return this.current
  }

  /** A replica: the global checkpoint a primary's request carried. */
  updateGlobalCheckpointOnReplica(globalCheckpoint: number): void {
    this.current = Math.max(this.current, globalCheckpoint)
  }

  /** The primary: a copy's local checkpoint, as it answered a write, a resync or a recovery. */
  updateLocalCheckpoint(allocationId: string, localCheckpoint: number): void {
    this.localCheckpoints.set(
      allocationId,
      Math.max(this.localCheckpoints.get(allocationId) ?? -1, localCheckpoint),
    )
  }

  /**
   * The primary: the global checkpoint over the copies it replicates to (allocation ids) and its own local
   * checkpoint; unchanged while a copy's local checkpoint is unknown.
   */
  updateGlobalCheckpointOnPrimary(copies: Iterable<string>, ownLocalCheckpoint: number): number {
    let min = ownLocalCheckpoint
    for (const copy of copies) {
      const checkpoint = this.localCheckpoints.get(copy)
      if (checkpoint === undefined) return this.current
      min = Math.min(min, checkpoint)
    }
    this.current = Math.max(this.current, min)
    return this.current
  }

  /** A replica promoted: the replicas' local checkpoints are learnt afresh in its term. */
  activatePrimaryMode(): void {
    this.localCheckpoints.clear()
  }
}
