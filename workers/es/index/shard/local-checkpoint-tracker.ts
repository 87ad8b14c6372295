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
    this.processed.add(seqNo)
    while (this.processed.delete(this.current + 1)) this.current++
  }
}
