/**
 * LocalCheckpointTracker: the highest sequence number below which this copy has processed every operation (ES's
 * LocalCheckpointTracker), and the processed ones above it. A commit records it (`local_checkpoint`): the
 * operations at or below it are all in the commit, so a restart replays only those above.
 * Invariant: checkpoint + 1 is never in `processed` (it would have advanced the checkpoint).
 */
export class LocalCheckpointTracker {
  private processed = new Set<number>()

  constructor(private current = -1) {}

  get checkpoint(): number {
    return this.current
  }

  markProcessed(seqNo: number): void {
    if (seqNo <= this.current) return
    // the next one in order (a primary's every write) advances the checkpoint without passing through the set
    if (seqNo === this.current + 1) this.current = seqNo
    else this.processed.add(seqNo)
    this.advance()
  }

  hasProcessed(seqNo: number): boolean {
    return seqNo <= this.current || this.processed.has(seqNo)
  }

  /**
   * Marks every sequence number up to `seqNo` processed: the gaps a new primary fills with no-ops
   * (InternalEngine.fillSeqNoGaps), or what a replica holds once a primary's snapshot or resync covered them.
   */
  fillUpTo(seqNo: number): void {
    if (seqNo <= this.current) return
    for (const processed of this.processed) if (processed <= seqNo) this.processed.delete(processed)
    this.current = seqNo
    this.advance()
  }

  /** Forgets every operation above `seqNo` (a replica rolled back to its global checkpoint). */
  rollbackTo(seqNo: number): void {
    for (const processed of this.processed) if (processed > seqNo) this.processed.delete(processed)
    this.current = Math.min(this.current, seqNo)
  }

  private advance(): void {
    while (this.processed.delete(this.current + 1)) this.current++
  }
}
