/**
 * CommitTracker: what a quorum member does as its high watermark advances (Kafka's
 * KafkaRaftClient.updateListenersProgress and the append futures): it resolves the leader's pending
 * appends whose last offset is now committed, and hands every committed batch to the `onCommit` listeners in
 * offset order, exactly once per process start. A control batch (LeaderChange) comes with no records, so a
 * listener's position reaches the high watermark even when the last committed batch is a control one, as
 * Kafka's handleCommit delivers control batches too.
 *
 * Invariants: `committedEnd` only grows within a start; only whole batches below it are delivered.
 */
import type { RaftLog } from './raft-log.ts'
import { batchSize } from './raft-messages.ts'

/** A committed batch as `onCommit` listeners receive it (no records for a control batch). */
export interface CommittedBatch<R> {
  baseOffset: number
  lastOffset: number
  epoch: number
  appendTimestamp: number
  records: R[]
}

interface PendingAppend {
  lastOffset: number
  resolve: (lastOffset: number) => void
  reject: (error: Error) => void
}

export class CommitTracker<R> {
  readonly listeners = new Set<(batch: CommittedBatch<R>) => void>()
  private pending: PendingAppend[] = []
  /** Offsets below this are committed and known to this process. */
  private end = 0
  private nextDelivery = 0

  committedEnd(): number {
    return this.end
  }

  /** A fresh start: nothing is known committed; the log replays from offset 0. */
  reset(): void {
    this.end = 0
    this.nextDelivery = 0
  }

  /** Resolves with `lastOffset` once it is committed, or rejects through `failAll`. */
  awaitCommit(lastOffset: number): Promise<number> {
    return new Promise((resolve, reject) => this.pending.push({ lastOffset, resolve, reject }))
  }

  failAll(error: Error): void {
    for (const pending of this.pending.splice(0)) pending.reject(error)
  }

  advance(highWatermark: number, log: RaftLog<R>): void {
    if (highWatermark <= this.end) return
    this.end = highWatermark
    const done = this.pending.filter((pending) => pending.lastOffset < highWatermark)
    this.pending = this.pending.filter((pending) => pending.lastOffset >= highWatermark)
    for (const pending of done) pending.resolve(pending.lastOffset)
    for (let batch = log.batchAt(this.nextDelivery); batch; batch = log.batchAt(this.nextDelivery)) {
      const end = batch.baseOffset + batchSize(batch)
      if (end > this.end) return
      this.nextDelivery = end
      const committed: CommittedBatch<R> = {
        baseOffset: batch.baseOffset,
        lastOffset: end - 1,
        epoch: batch.epoch,
        appendTimestamp: batch.appendTimestamp,
        records: batch.kind === 'data' ? batch.records : [],
      }
      for (const listener of this.listeners) listener(committed)
    }
  }
}
