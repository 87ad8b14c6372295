/**
 * CompletedFetch: one partition's answer to a fetch, kept by the consumer until poll has returned all of
 * its records, as the Java consumer's FetchBuffer keeps its CompletedFetches. A poll takes at most
 * max.poll.records; the rest wait here for the next poll, which takes them without fetching the partition
 * again (and decoding its bytes again).
 *
 * The answer's bytes are decoded a batch at a time as poll reaches them (as the Java consumer iterates a
 * CompletedFetch's batches), each batch once, each record straight into its ConsumerRecord; a corrupt
 * batch throws when it is reached. `nextFetchOffset` is the position the consumer has once the records taken
 * so far are consumed: the offset the partition was fetched from until the first record is taken, then the
 * offset after the last record taken. A consumer whose position differs (it seeked, or a rebalance reset it) drops the
 * fetch as stale instead of taking from it.
 *
 * Control batches (transaction markers) never come out: the position moves past them, at both isolation
 * levels. With READ_COMMITTED, the answer's aborted transactions (by first offset) join the aborted producer
 * ids as the batches reach them (consumeAbortedTransactionsUpTo the batch's last offset); a transactional
 * batch of an aborted producer is skipped whole (the position moves past it), and that producer's ABORT
 * marker takes it out of the set again, so what it writes after the abort comes out (the Java consumer's
 * CompletedFetch.nextFetchedRecord).
 *
 * Invariants: records come out in offset order, each at most once; records below the fetch offset (the rest
 * of a batch the fetch started inside) never come out; nor do control records, nor (READ_COMMITTED) records
 * of aborted transactions.
 */
import type { AbortedTransaction, FetchPartitionResponse, IsolationLevel } from '../../../protocol/kafka.ts'
import { batchSlices, type LogEngine, type RecordFactory } from '../../../../engine-wasm/src/log/index.ts'
import type { ConsumerRecord } from '../api.ts'

export class CompletedFetch {
  /** The answer's batches, each a view of its bytes; decoded one at a time as records are taken. */
  private readonly batches: Uint8Array[]
  private nextBatch = 0
  /** The records of the batch decoded last, and the next of them to look at. */
  private records: ConsumerRecord[] = []
  private recordIndex = 0
  private batchEpoch = -1
  /** The leader epoch of the batch the last record taken came in (-1 until one is taken). */
  lastEpoch = -1
  private readonly makeRecord: RecordFactory<ConsumerRecord>
  /** READ_COMMITTED: the answer's aborted transactions not yet reached, by first offset. */
  private readonly abortedTransactions: AbortedTransaction[]
  private readonly abortedProducerIds = new Set<number>()

  constructor(
    private readonly engine: LogEngine,
    response: FetchPartitionResponse,
    /** The offset the partition was fetched from; then the offset after the last record taken or skipped. */
    public nextFetchOffset: number,
    private readonly isolationLevel: IsolationLevel = 'READ_UNCOMMITTED',
  ) {
    const { topic, partition } = response
    this.batches = batchSlices(response.records)
    this.abortedTransactions = [...(response.abortedTransactions ?? [])].sort(
      (a, b) => a.firstOffset - b.firstOffset,
    )
    this.makeRecord = (offset, timestamp, key, value, headers, _, logAppendTime) => ({
      topic,
      partition,
      offset,
      timestamp,
      timestampType: logAppendTime ? 'LogAppendTime' : 'CreateTime',
      key,
      value,
      headers,
    })
  }

  /** Whether every record at or above the fetch offset was taken. */
  get isConsumed(): boolean {
    return this.recordIndex >= this.records.length && this.nextBatch >= this.batches.length
  }

  /** CompletedFetch.fetchRecords: moves up to `max` records into `out`, advancing nextFetchOffset. */
  fetchRecords(max: number, out: ConsumerRecord[]): void {
    let taken = 0
    while (taken < max) {
      while (this.recordIndex >= this.records.length) if (!this.decodeNextBatch()) return
      const record = this.records[this.recordIndex++]!
      if (record.offset < this.nextFetchOffset) continue
      out.push(record)
      taken++
      this.nextFetchOffset = record.offset + 1
      this.lastEpoch = this.batchEpoch
    }
  }

  /**
   * Decodes the next batch (its CRC checked, its records inflated if compressed); false when none is left.
   * A corrupt batch throws and stays next, so every later attempt throws again.
   */
  private decodeNextBatch(): boolean {
    const bytes = this.batches[this.nextBatch]
    if (bytes === undefined) return false
    const [batch] = this.engine.decodeBatches(bytes, this.makeRecord)
    this.nextBatch++
    this.records = []
    this.recordIndex = 0
    if (batch === undefined) return true
    this.batchEpoch = batch.partitionLeaderEpoch
    if (this.isolationLevel === 'READ_COMMITTED' && batch.producerId >= 0) {
      this.consumeAbortedTransactionsUpTo(batch.lastOffset)
      if (batch.isControlBatch && isAbortMarker(batch.records[0]?.key ?? null)) {
        this.abortedProducerIds.delete(batch.producerId)
      } else if (batch.isTransactional && this.abortedProducerIds.has(batch.producerId)) {
        this.skipPast(batch.lastOffset)
        return true
      }
    }
    if (batch.isControlBatch) this.skipPast(batch.lastOffset)
    else this.records = batch.records
    return true
  }

  /**
   * A batch that does not come out: the position moves past it (batch.nextOffset()); the leader epoch stays that of
   * the last record returned, as CompletedFetch sets lastEpoch only for the records it hands out.
   */
  private skipPast(lastOffset: number): void {
    if (lastOffset < this.nextFetchOffset) return
    this.nextFetchOffset = lastOffset + 1
  }

  private consumeAbortedTransactionsUpTo(offset: number): void {
    while ((this.abortedTransactions[0]?.firstOffset ?? Infinity) <= offset) {
      this.abortedProducerIds.add(this.abortedTransactions.shift()!.producerId)
    }
  }
}

/**
 * containsAbortMarker: the control batch's first record is an ABORT marker (its key, ControlRecordType's:
 * version int16, type int16, has type 0).
 */
function isAbortMarker(key: Uint8Array | null): boolean {
  if (key === null || key.length < 4) return false
  return new DataView(key.buffer, key.byteOffset, key.byteLength).getInt16(2) === 0
}
