/**
 * ProducerAppendInfo: checks the batches one producer appends against what the partition knows of it, and
 * collects the entry the append leads to (Kafka 4.1's ProducerAppendInfo, idempotent part; no transactions).
 *
 * Rules, for a batch of epoch E and first sequence S at offset O, against the current entry:
 * - E below the entry's epoch: INVALID_PRODUCER_EPOCH from a client; from replication only logged (accepted).
 * - From a client only, the sequence: with a new epoch S must be 0 unless the producer had no epoch yet;
 *   with the same epoch S must follow the last sequence (the pending batches of this append first, then the
 *   entry's), unless the entry has no epoch (its batches are gone: any sequence is accepted, which is why a
 *   4.x broker never answers UNKNOWN_PRODUCER_ID to a produce). Otherwise OUT_OF_ORDER_SEQUENCE_NUMBER.
 * The messages are Kafka's, word for word (including the missing space in "producer 7at offset").
 */
import type { KafkaErrorName } from '../../protocol/kafka-errors.ts'
import {
  NO_PRODUCER_EPOCH,
  NO_SEQUENCE,
  ProducerStateEntry,
  inSequence,
  type BatchMetadata,
} from './producer-state-entry.ts'

/** Where an append comes from (AppendOrigin): clients get full validation, replication and loading none. */
export type AppendOrigin = 'client' | 'replication'

/** OutOfOrderSequenceException or InvalidProducerEpochException: the whole append is refused. */
export class ProducerStateError extends Error {
  override name = 'ProducerStateError'
  constructor(
    readonly error: Extract<KafkaErrorName, 'OUT_OF_ORDER_SEQUENCE_NUMBER' | 'INVALID_PRODUCER_EPOCH'>,
    message: string,
  ) {
    super(message)
  }
}

export class ProducerAppendInfo {
  /** The append's own batches, on top of `current`'s epoch (updatedEntry). */
  readonly updated: ProducerStateEntry

  constructor(
    private readonly topicPartition: string,
    readonly producerId: number,
    private readonly current: ProducerStateEntry,
    private readonly origin: AppendOrigin,
  ) {
    this.updated = new ProducerStateEntry(producerId, current.producerEpoch)
  }

  appendDataBatch(epoch: number, batch: BatchMetadata): void {
    this.checkProducerEpoch(epoch, batch.firstOffset)
    if (this.origin === 'client') this.checkSequence(epoch, batch.firstSeq, batch.firstOffset)
    const { firstSeq, lastSeq, firstOffset, lastOffset, timestamp } = batch
    this.updated.addBatch(epoch, { firstSeq, lastSeq, firstOffset, lastOffset, timestamp })
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
