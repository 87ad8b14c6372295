/**
 * The transaction index (Kafka 4.1, org.apache.kafka.storage.internals.log.TransactionIndex and AbortedTxn):
 * per segment, the aborted transactions whose ABORT marker lies in that segment, in the order they were
 * aborted; a segment the cleaner wrote holds only those whose transaction still had batches it kept
 * (CleanedTransactionMetadata's cleaned index; a marker kept past its last batch has no entry). A `.txnindex`
 * file holds the entries back to back, 34 bytes each, big-endian:
 *
 *   version int16 @0 (0) | producerId int64 @2 | firstOffset int64 @10 | lastOffset int64 @18 |
 *   lastStableOffset int64 @26
 *
 * lastOffset is the marker's offset; lastStableOffset the LSO when the marker was written (the first offset
 * of another producer's open transaction, else lastOffset + 1), which lets a read stop scanning once an entry
 * reaches past its upper bound. Invariants: entries of one segment are in marker (lastOffset) order;
 * truncation drops the entries whose marker is at or past the truncation offset (TransactionIndex.truncateTo);
 * a deleted segment's entries go with it. The playground keeps the entries in memory and rebuilds them by
 * scanning the log on load, as it rebuilds producer state (no .txnindex file is persisted).
 */

export const ABORTED_TXN_SIZE = 34
const VERSION = 0

/** AbortedTxn. */
export interface AbortedTxn {
  producerId: number
  firstOffset: number
  lastOffset: number
  lastStableOffset: number
}

/** The `.txnindex` bytes of these entries. */
export function transactionIndexBytes(entries: readonly AbortedTxn[]): Uint8Array {
  const view = new DataView(new ArrayBuffer(entries.length * ABORTED_TXN_SIZE))
  entries.forEach((txn, i) => {
    const at = i * ABORTED_TXN_SIZE
    view.setInt16(at, VERSION)
    view.setBigInt64(at + 2, BigInt(txn.producerId))
    view.setBigInt64(at + 10, BigInt(txn.firstOffset))
    view.setBigInt64(at + 18, BigInt(txn.lastOffset))
    view.setBigInt64(at + 26, BigInt(txn.lastStableOffset))
  })
  return new Uint8Array(view.buffer)
}

/** TransactionIndex.allAbortedTxns of a `.txnindex` file, with each entry's version (a partial tail is ignored). */
export function parseTransactionIndex(bytes: Uint8Array): (AbortedTxn & { version: number })[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const entries: (AbortedTxn & { version: number })[] = []
  for (let at = 0; at + ABORTED_TXN_SIZE <= bytes.length; at += ABORTED_TXN_SIZE) {
    entries.push({
      version: view.getInt16(at),
      producerId: Number(view.getBigInt64(at + 2)),
      firstOffset: Number(view.getBigInt64(at + 10)),
      lastOffset: Number(view.getBigInt64(at + 18)),
      lastStableOffset: Number(view.getBigInt64(at + 26)),
    })
  }
  return entries
}

/** One log's transaction indexes, by segment base offset. */
export class TransactionIndex {
  private readonly bySegment = new Map<number, AbortedTxn[]>()

  /** The entries of the segment at `baseOffset`, oldest first. */
  entries(baseOffset: number): readonly AbortedTxn[] {
    return this.bySegment.get(baseOffset) ?? []
  }

  /** LogSegment.updateTxnIndex for an aborted transaction whose marker went into segment `baseOffset`. */
  append(baseOffset: number, txn: AbortedTxn): void {
    const list = this.bySegment.get(baseOffset)
    if (list) list.push(txn)
    else this.bySegment.set(baseOffset, [txn])
  }

  /**
   * UnifiedLog.collectAbortedTransactions: the entries with lastOffset >= fetchOffset and firstOffset <
   * upperBoundOffset, from the segments at `segmentBases` (those from the one holding fetchOffset on, in
   * order), stopping at the first entry whose lastStableOffset reaches upperBoundOffset (TxnIndexSearchResult
   * isComplete).
   */
  collectAbortedTxns(
    fetchOffset: number,
    upperBoundOffset: number,
    segmentBases: readonly number[],
  ): AbortedTxn[] {
    const found: AbortedTxn[] = []
    for (const base of segmentBases) {
      for (const txn of this.entries(base)) {
        if (txn.lastOffset >= fetchOffset && txn.firstOffset < upperBoundOffset) found.push(txn)
        if (txn.lastStableOffset >= upperBoundOffset) return found
      }
    }
    return found
  }

  /** TransactionIndex.truncateTo: drops every entry whose marker is at or past `offset`. */
  truncateTo(offset: number): void {
    for (const [base, list] of this.bySegment) {
      const kept = list.filter((txn) => txn.lastOffset < offset)
      if (kept.length === 0) this.bySegment.delete(base)
      else this.bySegment.set(base, kept)
    }
  }

  /** A deleted (or replaced) segment's index goes with it. */
  deleteSegment(baseOffset: number): void {
    this.bySegment.delete(baseOffset)
  }

  clear(): void {
    this.bySegment.clear()
  }
}
