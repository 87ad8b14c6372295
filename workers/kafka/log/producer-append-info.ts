/**
 * ProducerAppendInfo: checks the batches one producer appends against what the partition knows of it, and
 * collects the entry the append leads to (Kafka 4.1's ProducerAppendInfo).
 *
 * Rules, for a data batch of epoch E and first sequence S at offset O, against the current entry:
 * - E below the entry's epoch: INVALID_PRODUCER_EPOCH from a client or the coordinator; from replication only
 *   logged (accepted).
 * - From a client only, the sequence: with a new epoch S must be 0 unless the producer had no epoch yet;
 *   with the same epoch S must follow the last sequence (the pending batches of this append first, then the
 *   entry's), unless the entry has no epoch (its batches are gone: any sequence is accepted, which is why a
 *   4.x broker never answers UNKNOWN_PRODUCER_ID to a produce). Otherwise OUT_OF_ORDER_SEQUENCE_NUMBER.
 * - A transactional batch while no transaction is open starts one at O (a TxnMetadata of the append); a
 *   non-transactional batch while one is open is INVALID_TXN_STATE (whatever the origin, as in Kafka).
 * A transaction marker (appendEndTxnMarker) is checked for its epoch as above and for its coordinator epoch
 * (one below the entry's is TRANSACTION_COORDINATOR_FENCED, only logged from replication); it ends the open
 * transaction, giving a CompletedTxn (none when no transaction was open), and sets the entry's epoch and
 * coordinator epoch. Markers are checked the TV0/TV1 way (marker epoch >= current), as 4.1's
 * ProducerAppendInfo does; the strict TV2 check (marker epoch > current) is in later Kafka sources only.
 * The messages are Kafka's, word for word (including the missing space in "producer 7at offset").
 */
import type { KafkaErrorName } from '../../protocol/kafka-errors.ts'
import type { EndTransactionMarker } from './end-txn-marker.ts'
import {
  NO_PRODUCER_EPOCH,
  NO_SEQUENCE,
  type ProducerStateEntry,
  inSequence,
  type BatchMetadata,
} from './producer-state-entry.ts'

/**
 * Where an append comes from (AppendOrigin): clients get full validation, the transaction coordinator's
 * markers epoch checks, replication and loading none.
 */
export type AppendOrigin = 'client' | 'coordinator' | 'replication'

/** The errors producer state refuses an append with: the whole append is refused. */
export type ProducerStateErrorName = Extract<
  KafkaErrorName,
  | 'OUT_OF_ORDER_SEQUENCE_NUMBER'
  | 'INVALID_PRODUCER_EPOCH'
  | 'INVALID_TXN_STATE'
  | 'TRANSACTION_COORDINATOR_FENCED'
>

/**
 * OutOfOrderSequenceException, InvalidProducerEpochException, InvalidTxnStateException or
 * TransactionCoordinatorFencedException.
 */
export class ProducerStateError extends Error {
  override name = 'ProducerStateError'
  constructor(
    readonly error: ProducerStateErrorName,
    message: string,
  ) {
    super(message)
  }
}

/** A transaction a marker ended (CompletedTxn): its first data offset, the marker's offset. */
export interface CompletedTxn {
  producerId: number
  firstOffset: number
  lastOffset: number
  isAborted: boolean
}

/** A transaction an append opened (TxnMetadata). */
export interface TxnMetadata {
  producerId: number
  firstOffset: number
}

export class ProducerAppendInfo {
  /** The append's own batches, on top of `current`'s epoch and transaction fields (updatedEntry). */
  readonly updated: ProducerStateEntry
  /** The transactions this append opened (startedTransactions). */
  readonly startedTransactions: TxnMetadata[] = []

  constructor(
    private readonly topicPartition: string,
    readonly producerId: number,
    private readonly current: ProducerStateEntry,
    private readonly origin: AppendOrigin,
  ) {
    this.updated = current.withoutBatches()
  }

  appendDataBatch(epoch: number, batch: BatchMetadata, isTransactional: boolean): void {
    this.checkProducerEpoch(epoch, batch.firstOffset)
    if (this.origin === 'client') this.checkSequence(epoch, batch.firstSeq, batch.firstOffset)
    const { firstSeq, lastSeq, firstOffset, lastOffset, timestamp } = batch
    this.updated.addBatch(epoch, { firstSeq, lastSeq, firstOffset, lastOffset, timestamp })
    const open = this.updated.currentTxnFirstOffset
    if (open !== null && !isTransactional) {
      throw new ProducerStateError(
        'INVALID_TXN_STATE',
        `Expected transactional write from producer ${this.producerId} at offset ${logOffsetMetadata(firstOffset)} ` +
          `in partition ${this.topicPartition}`,
      )
    }
    if (open === null && isTransactional) {
      this.updated.currentTxnFirstOffset = firstOffset
      this.startedTransactions.push({ producerId: this.producerId, firstOffset })
    }
  }

  /** appendEndTxnMarker: the marker at `offset` ends the open transaction, if any. */
  appendEndTxnMarker(
    marker: EndTransactionMarker,
    epoch: number,
    offset: number,
    timestamp: number,
  ): CompletedTxn | null {
    this.checkProducerEpoch(epoch, offset)
    this.checkCoordinatorEpoch(marker.coordinatorEpoch, offset)
    const first = this.updated.currentTxnFirstOffset
    const completed =
      first === null
        ? null
        : {
            producerId: this.producerId,
            firstOffset: first,
            lastOffset: offset,
            isAborted: marker.type === 'ABORT',
          }
    this.updated.updateForMarker(epoch, marker.coordinatorEpoch, timestamp)
    return completed
  }

  private checkCoordinatorEpoch(coordinatorEpoch: number, offset: number): void {
    const current = this.updated.coordinatorEpoch
    if (current <= coordinatorEpoch || this.origin === 'replication') return
    throw new ProducerStateError(
      'TRANSACTION_COORDINATOR_FENCED',
      `Invalid coordinator epoch for producerId ${this.producerId} at offset ${offset} in partition ` +
        `${this.topicPartition}: ${coordinatorEpoch} (zombie), ${current} (current)`,
    )
  }

  private checkProducerEpoch(epoch: number, offset: number): void {
    const current = this.updated.producerEpoch
    if (epoch >= current || this.origin === 'replication') return
    throw new ProducerStateError(
      'INVALID_PRODUCER_EPOCH',
      `Epoch of producer ${this.producerId} at offset ${offset} in ${this.topicPartition} is ${epoch}, ` +
        `which is smaller than the last seen epoch ${current}`,
    )
  }

  private checkSequence(epoch: number, firstSeq: number, offset: number): void {
    const { updated, current, producerId, topicPartition } = this
    if (epoch !== updated.producerEpoch) {
      if (firstSeq !== 0 && updated.producerEpoch !== NO_PRODUCER_EPOCH) {
        throw new ProducerStateError(
          'OUT_OF_ORDER_SEQUENCE_NUMBER',
          `Invalid sequence number for new epoch of producer ${producerId}at offset ${offset} in partition ` +
            `${topicPartition}: ${epoch} (request epoch), ${firstSeq} (seq. number), ` +
            `${updated.producerEpoch} (current producer epoch)`,
        )
      }
      return
    }
    const lastSeq = !updated.isEmpty
      ? updated.lastSeq
      : epoch === current.producerEpoch
        ? current.lastSeq
        : NO_SEQUENCE
    if (current.producerEpoch === NO_PRODUCER_EPOCH || inSequence(lastSeq, firstSeq)) return
    throw new ProducerStateError(
      'OUT_OF_ORDER_SEQUENCE_NUMBER',
      `Out of order sequence number for producer ${producerId} at offset ${offset} in partition ` +
        `${topicPartition}: ${firstSeq} (incoming seq. number), ${lastSeq} (current end sequence number)`,
    )
  }
}

/** LogOffsetMetadata.toString of an offset whose segment position is unknown, as Kafka prints it here. */
function logOffsetMetadata(offset: number): string {
  return `(offset=${offset}segment=[-1:-1])`
}
