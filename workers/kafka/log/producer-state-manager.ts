/**
 * ProducerStateManager: one partition's producers, by producer id, and their transactions (Kafka's
 * ProducerStateManager). A leader's append is first analysed (UnifiedLog.analyzeAndValidateProducerState):
 * a batch that repeats one of its producer's 5 cached batches is a duplicate, answered with the original
 * offsets and not appended (error NONE, as Kafka answers); other batches are validated (ProducerAppendInfo)
 * and their entries take effect only once the append succeeded (`update`). A follower's and a loading log's
 * batches update the state without checks.
 *
 * Transactions: `ongoingTxns` are the open transactions by first offset; a marker's CompletedTxn moves its
 * transaction to `unreplicatedTxns` (completeTxn) until the high watermark passes the marker
 * (onHighWatermarkUpdated). The first unstable offset is the smallest first offset of the two; the log's last
 * stable offset is it when below the high watermark, else the high watermark. Invariants: both maps are in
 * first-offset order (appends come in offset order); a producer has at most one ongoing transaction.
 *
 * Batch header fields read here (RecordBatch v2, big-endian): baseOffset i64 @0, batchLength i32 @8,
 * attributes i16 @21 (0x10 transactional, 0x20 control), lastOffsetDelta i32 @23, maxTimestamp i64 @35,
 * producerId i64 @43, producerEpoch i16 @51, baseSequence i32 @53; a control batch's marker is read from its
 * record (end-txn-marker.ts).
 *
 * Persistence: Kafka keeps .snapshot files; the playground keeps none and rebuilds the state by scanning the
 * log when a log is loaded or truncated (UnifiedLog). So a producer whose batches retention or compaction
 * removed is forgotten after a reload, and its next batch is accepted whatever its sequence, as Kafka
 * accepts it once the producer's state has expired.
 */
import {
  ProducerAppendInfo,
  type AppendOrigin,
  type CompletedTxn,
  type TxnMetadata,
} from './producer-append-info.ts'
import {
  CONTROL_FLAG,
  TRANSACTIONAL_FLAG,
  markerOfBatch,
  type EndTransactionMarker,
} from './end-txn-marker.ts'
import { incrementSequence } from '../../protocol/kafka.ts'
import type { AbortedTxn } from './transaction-index.ts'
import type { ProducerStateDescription } from '../../protocol/kafka-transactions.ts'
import { javaHashOrder } from '../../net/java-hash.ts'
import { NO_PRODUCER_ID, ProducerStateEntry, type BatchMetadata } from './producer-state-entry.ts'

const BATCH_LENGTH_AT = 8
const ATTRIBUTES_AT = 21
const LAST_OFFSET_DELTA_AT = 23
const MAX_TIMESTAMP_AT = 35
const PRODUCER_ID_AT = 43
const PRODUCER_EPOCH_AT = 51
const BASE_SEQUENCE_AT = 53
const BATCH_HEADER_SIZE = 61
const LOG_OVERHEAD = 12

/**
 * A batch of a producer, at the offsets it has (or will have) in the log: a data batch (`marker` null) or a
 * transaction marker (a control batch; its sequences are -1).
 */
export interface ProducerBatch extends BatchMetadata {
  producerId: number
  producerEpoch: number
  isTransactional: boolean
  marker: EndTransactionMarker | null
}

/**
 * The producer batches among back-to-back batches, skipping batches without a producer id and control
 * batches without a record. With `firstOffset`, offsets are assigned from it (a leader's append); otherwise
 * the headers' are used. A control batch whose record is not a transaction marker throws InvalidRecordError.
 */
export function producerBatches(bytes: Uint8Array, firstOffset?: number): ProducerBatch[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const found: ProducerBatch[] = []
  let next = firstOffset
  for (let at = 0; at + BATCH_HEADER_SIZE <= bytes.length;) {
    const delta = view.getInt32(at + LAST_OFFSET_DELTA_AT)
    const baseOffset = next ?? Number(view.getBigInt64(at))
    if (next !== undefined) next += delta + 1
    const producerId = Number(view.getBigInt64(at + PRODUCER_ID_AT))
    const attributes = view.getInt16(at + ATTRIBUTES_AT)
    const marker = (attributes & CONTROL_FLAG) !== 0 ? markerOfBatch(view, at) : null
    const emptyControl = (attributes & CONTROL_FLAG) !== 0 && marker === null
    if (producerId !== NO_PRODUCER_ID && !emptyControl) {
      const firstSeq = view.getInt32(at + BASE_SEQUENCE_AT)
      found.push({
        producerId,
        producerEpoch: view.getInt16(at + PRODUCER_EPOCH_AT),
        firstSeq,
        lastSeq: marker ? firstSeq : incrementSequence(firstSeq, delta),
        firstOffset: baseOffset,
        lastOffset: baseOffset + delta,
        timestamp: Number(view.getBigInt64(at + MAX_TIMESTAMP_AT)),
        isTransactional: (attributes & TRANSACTIONAL_FLAG) !== 0,
        marker,
      })
    }
    at += LOG_OVERHEAD + view.getInt32(at + BATCH_LENGTH_AT)
  }
  return found
}

/**
 * What an append would change: the duplicate it repeats, or the producers' entries after it and the
 * transactions its markers end.
 */
export interface ProducerAnalysis {
  duplicate: BatchMetadata | null
  updated: ProducerAppendInfo[]
  completedTxns: CompletedTxn[]
}

export class ProducerStateManager {
  private readonly producers = new Map<number, ProducerStateEntry>()
  /** Open transactions, in first-offset order. */
  private readonly ongoingTxns: TxnMetadata[] = []
  /** Ended transactions whose marker is not yet below the high watermark, in first-offset order. */
  private unreplicatedTxns: CompletedTxn[] = []

  get activeProducers(): ReadonlyMap<number, ProducerStateEntry> {
    return this.producers
  }

  lastEntry(producerId: number): ProducerStateEntry | undefined {
    return this.producers.get(producerId)
  }

  /**
   * Validates the batches (throws ProducerStateError); a client's batch that repeats a cached batch stops the
   * analysis and is returned as the duplicate. `topicPartition` names the partition in error messages.
   */
  analyze(batches: readonly ProducerBatch[], origin: AppendOrigin, topicPartition = ''): ProducerAnalysis {
    const updated = new Map<number, ProducerAppendInfo>()
    const completedTxns: CompletedTxn[] = []
    for (const batch of batches) {
      const current = this.producers.get(batch.producerId)
      if (origin === 'client' && current && batch.marker === null) {
        const duplicate = current.findDuplicateBatch(batch.producerEpoch, batch.firstSeq, batch.lastSeq)
        if (duplicate) return { duplicate, updated: [], completedTxns: [] }
      }
      let info = updated.get(batch.producerId)
      if (!info) {
        const entry = current ?? new ProducerStateEntry(batch.producerId)
        info = new ProducerAppendInfo(topicPartition, batch.producerId, entry, origin)
        updated.set(batch.producerId, info)
      }
      if (batch.marker === null) {
        info.appendDataBatch(batch.producerEpoch, batch, batch.isTransactional)
      } else {
        const completed = info.appendEndTxnMarker(
          batch.marker,
          batch.producerEpoch,
          batch.firstOffset,
          batch.timestamp,
        )
        if (completed) completedTxns.push(completed)
      }
    }
    return { duplicate: null, updated: [...updated.values()], completedTxns }
  }

  /** Applies an analysed append that went into the log: entries, then the transactions it opened. */
  update(appended: readonly ProducerAppendInfo[]): void {
    for (const info of appended) {
      let entry = this.producers.get(info.producerId)
      if (!entry) {
        entry = new ProducerStateEntry(info.producerId)
        this.producers.set(info.producerId, entry)
      }
      entry.update(info.updated)
      for (const txn of info.startedTransactions) this.ongoingTxns.push(txn)
    }
    this.ongoingTxns.sort((a, b) => a.firstOffset - b.firstOffset)
  }

  /**
   * The LSO an AbortedTxn records for `completed` (before completeTxn): the first offset of another
   * producer's open transaction, else the offset after the marker.
   */
  lastStableOffset(completed: CompletedTxn): number {
    const other = this.ongoingTxns.find((txn) => txn.producerId !== completed.producerId)
    return other ? other.firstOffset : completed.lastOffset + 1
  }

  /** completeTxn: the transaction is no longer open; it stays unstable until the HW passes its marker. */
  completeTxn(completed: CompletedTxn): void {
    const at = this.ongoingTxns.findIndex((txn) => txn.firstOffset === completed.firstOffset)
    if (at < 0) {
      throw new Error(
        `Attempted to complete transaction ${JSON.stringify(completed)} on partition which is not started`,
      )
    }
    this.ongoingTxns.splice(at, 1)
    this.unreplicatedTxns.push(completed)
    this.unreplicatedTxns.sort((a, b) => a.firstOffset - b.firstOffset)
  }

  /**
   * firstUnstableOffset once the high watermark is `highWatermark` (onHighWatermarkUpdated drops the ended
   * transactions whose marker is below it): the first offset of the earliest open or unreplicated
   * transaction, or null.
   */
  firstUnstableOffset(highWatermark: number): number | null {
    this.unreplicatedTxns = this.unreplicatedTxns.filter((txn) => txn.lastOffset >= highWatermark)
    const open = this.ongoingTxns[0]?.firstOffset ?? null
    const unreplicated = this.unreplicatedTxns[0]?.firstOffset ?? null
    if (open === null) return unreplicated
    return unreplicated === null ? open : Math.min(open, unreplicated)
  }

  /**
   * Applies an analysis (update, then each ended transaction: its LSO, `onAborted` for an aborted one, as
   * the transaction index takes it, then completeTxn), in UnifiedLog.append's order.
   */
  apply(analysis: ProducerAnalysis, onAborted: (txn: AbortedTxn) => void): void {
    this.update(analysis.updated)
    for (const completed of analysis.completedTxns) {
      const lastStableOffset = this.lastStableOffset(completed)
      if (completed.isAborted) {
        const { producerId, firstOffset, lastOffset } = completed
        onAborted({ producerId, firstOffset, lastOffset, lastStableOffset })
      }
      this.completeTxn(completed)
    }
  }

  /** A follower's (or a loading log's) batches, appended without checks. */
  applyReplicated(batches: readonly ProducerBatch[], onAborted: (txn: AbortedTxn) => void = () => {}): void {
    this.apply(this.analyze(batches, 'replication'), onAborted)
  }

  /**
   * UnifiedLog.activeProducers as DescribeProducers answers it: every producer entry, in the iteration order
   * of Kafka's HashMap<Long, ProducerStateEntry> (Long.hashCode buckets); -1 for an unknown coordinator epoch
   * or no open transaction.
   */
  describe(): ProducerStateDescription[] {
    const entries = javaHashOrder([...this.producers.values()], (entry) => longHashCode(entry.producerId))
    return entries.map((entry) => ({
      producerId: entry.producerId,
      producerEpoch: entry.producerEpoch,
      lastSequence: entry.lastSeq,
      lastTimestamp: entry.lastTimestamp,
      coordinatorEpoch: entry.coordinatorEpoch,
      currentTxnStartOffset: entry.currentTxnFirstOffset ?? -1,
    }))
  }

  /** The open transactions, in first-offset order. */
  get openTransactions(): readonly TxnMetadata[] {
    return this.ongoingTxns
  }
}

/** Long.hashCode: the low and high 32 bits xored (producer ids are non-negative and below 2^53). */
function longHashCode(value: number): number {
  return ((value >>> 0) ^ Math.floor(value / 2 ** 32)) | 0
}
