/**
 * The log cleaner's view of transactions (Kafka 4.1's CleanedTransactionMetadata), fed the batches of a log in
 * offset order. The aborted transactions of the transaction index, added per segment, turn ongoing when the
 * walk reaches their first offset.
 *
 * - A data batch of an ongoing aborted transaction may be discarded (onBatchRead is true) and counts as seen
 *   for its ABORT marker; any other transactional batch opens a committed transaction of its producer.
 * - An ABORT marker may go once no batch of its transaction was seen on this walk (earlier rounds removed
 *   them); while some were seen it stays, and its AbortedTxn entry goes into the cleaned segment's index
 *   (`takeCleanedTxns`).
 * - A COMMIT marker may go once no batch of its transaction was seen (later records superseded them all).
 * - A control batch with no record was cleaned before and may go.
 *
 * "May go" is what the cleaner's filter needs: a data batch goes at once; a marker first gets a delete horizon,
 * as a tombstone does (cleaner-record-filter.ts).
 */
import type { DecodedBatch } from '../../../engine-wasm/src/log/index.ts'
import { controlRecordType, parseControlTypeId } from '../raft/control-records.ts'
import type { AbortedTxn } from './transaction-index.ts'

interface OngoingAbortedTxn {
  txn: AbortedTxn
  seenBatch: boolean
}

export class CleanedTransactionMetadata {
  private readonly ongoingCommitted = new Set<number>()
  private readonly ongoingAborted = new Map<number, OngoingAbortedTxn>()
  /** The aborted transactions not reached yet, by first offset. */
  private pending: AbortedTxn[] = []
  private cleanedTxns: AbortedTxn[] = []

  /** The aborted transactions the walk will meet next (those of the segment it is about to read). */
  addAbortedTransactions(txns: readonly AbortedTxn[]): void {
    this.pending = [...this.pending, ...txns].sort((a, b) => a.firstOffset - b.firstOffset)
  }

  /** A data batch: true when it belongs to an aborted transaction and may be discarded. */
  onBatchRead(batch: DecodedBatch): boolean {
    this.reachAbortedTxns(batch.lastOffset)
    if (!batch.isTransactional) return false
    const aborted = this.ongoingAborted.get(batch.producerId)
    if (aborted === undefined) {
      this.ongoingCommitted.add(batch.producerId)
      return false
    }
    aborted.seenBatch = true
    return true
  }

  /** A control batch: true when the marker may be discarded. */
  onControlBatchRead(batch: DecodedBatch): boolean {
    this.reachAbortedTxns(batch.lastOffset)
    const [record] = batch.records
    if (record === undefined) return true
    switch (controlRecordType(parseControlTypeId(record.key))) {
      case 'ABORT': {
        const aborted = this.ongoingAborted.get(batch.producerId)
        this.ongoingAborted.delete(batch.producerId)
        if (aborted?.seenBatch !== true) return true
        this.cleanedTxns.push(aborted.txn)
        return false
      }
      case 'COMMIT':
        return !this.ongoingCommitted.delete(batch.producerId)
      default:
        return false
    }
  }

  /** The AbortedTxn entries kept since the last call: the transaction index of the segment just cleaned. */
  takeCleanedTxns(): AbortedTxn[] {
    const taken = this.cleanedTxns
    this.cleanedTxns = []
    return taken
  }

  private reachAbortedTxns(offset: number): void {
    let reached = 0
    for (const txn of this.pending) {
      if (txn.firstOffset > offset) break
      if (!this.ongoingAborted.has(txn.producerId))
        this.ongoingAborted.set(txn.producerId, { txn, seenBatch: false })
      reached++
    }
    if (reached > 0) this.pending = this.pending.slice(reached)
  }
}
