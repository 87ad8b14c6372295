/**
 * TranslogRetention: the numbering of one shard copy's translog batches, and which of them its next commit may
 * trim, as ES's CombinedDeletionPolicy keeps the translog above the safe commit. A commit trims a batch only
 * once every operation in it is at or below both the commit's local checkpoint and the copy's global
 * checkpoint: an operation above the global checkpoint may be rolled back in memory when a new primary's term
 * begins (replica-operations.ts), and a commit taken after that rollback lacks it; the translog must still
 * hold it for a restart to replay and a promotion to restore.
 *
 * Invariants: batch numbers only grow and are never reused while the store may hold them; `retained` lists,
 * in batch order, the batches at or above the last trim with the highest seq_no each holds (batches read back
 * from the store count as one entry: the first of them, with the highest seq_no of all).
 */
export class TranslogRetention {
  private nextBatch = 0
  private retained: Array<{ batch: number; maxSeqNo: number }> = []

  /** The number of the batch after every one built or found so far. */
  get next(): number {
    return this.nextBatch
  }

  /** Numbers a new batch whose highest seq_no is `maxSeqNo`. */
  add(maxSeqNo: number): number {
    const batch = this.nextBatch++
    this.retained.push({ batch, maxSeqNo })
    return batch
  }

  /** Batches below `next` may exist in the store (read back, or a commit's generation): never reuse them. */
  skipTo(next: number): void {
    this.nextBatch = Math.max(this.nextBatch, next)
  }

  /** Batches read back from the store: the first of them, and the highest seq_no any of them holds. */
  recovered(first: number, maxSeqNo: number): void {
    this.retained = [{ batch: first, maxSeqNo }, ...this.retained.filter((entry) => entry.batch > first)]
  }

  /** The translog generation of a commit that holds every operation at or below `safeSeqNo`. */
  generationFor(safeSeqNo: number): number {
    return this.retained.find((entry) => entry.maxSeqNo > safeSeqNo)?.batch ?? this.nextBatch
  }

  /** A commit of translog generation `generation` is stored: the batches below it are trimmed. */
  trimmed(generation: number): void {
    this.retained = this.retained.filter((entry) => entry.batch >= generation)
  }
}
