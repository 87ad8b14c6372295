/**
 * ProducerStateEntry: what a partition remembers of one producer (Kafka's ProducerStateEntry): its current
 * epoch and the metadata of its last NUM_BATCHES_TO_RETAIN (5) batches, oldest first, so that a retried batch
 * whose first append succeeded is recognised and answered with its original offsets; for transactions, the
 * coordinator epoch of its last marker (-1 before one), the first offset of its open transaction (null when
 * none is open) and the timestamp of its last batch or marker (-1 before one).
 *
 * Invariants: the cached batches all belong to `producerEpoch` (a new epoch clears them); at most 5 are kept;
 * sequences are 32-bit and wrap from Integer.MAX_VALUE to 0 (DefaultRecordBatch.incrementSequence).
 */
export const NUM_BATCHES_TO_RETAIN = 5
/** RecordBatch.NO_PRODUCER_ID, NO_PRODUCER_EPOCH and NO_SEQUENCE. */
export const NO_PRODUCER_ID = -1
export const NO_PRODUCER_EPOCH = -1
export const NO_SEQUENCE = -1
const MAX_INT = 2147483647

/** One appended batch of a producer (Kafka's BatchMetadata, with its first sequence and offset spelled out). */
export interface BatchMetadata {
  firstSeq: number
  lastSeq: number
  firstOffset: number
  lastOffset: number
  /** The batch's max timestamp. */
  timestamp: number
}

/** ProducerAppendInfo.inSequence: the next batch starts right after `lastSeq` (0 follows Integer.MAX_VALUE). */
export function inSequence(lastSeq: number, nextSeq: number): boolean {
  return nextSeq === lastSeq + 1 || (nextSeq === 0 && lastSeq === MAX_INT)
}

export class ProducerStateEntry {
  private readonly batches: BatchMetadata[] = []

  coordinatorEpoch = -1
  currentTxnFirstOffset: number | null = null
  lastTimestamp = -1

  constructor(
    readonly producerId: number,
    public producerEpoch = NO_PRODUCER_EPOCH,
  ) {}

  /** An entry with this one's epoch and transaction fields but no batches (withProducerIdAndBatchMetadata). */
  withoutBatches(): ProducerStateEntry {
    const copy = new ProducerStateEntry(this.producerId, this.producerEpoch)
    copy.coordinatorEpoch = this.coordinatorEpoch
    copy.currentTxnFirstOffset = this.currentTxnFirstOffset
    copy.lastTimestamp = this.lastTimestamp
    return copy
  }

  get isEmpty(): boolean {
    return this.batches.length === 0
  }

  /** The cached batches, oldest first. */
  get batchMetadata(): readonly BatchMetadata[] {
    return this.batches
  }

  get lastSeq(): number {
    return this.batches[this.batches.length - 1]?.lastSeq ?? NO_SEQUENCE
  }

  get lastDataOffset(): number {
    return this.batches[this.batches.length - 1]?.lastOffset ?? -1
  }

  /** A new epoch forgets the old epoch's batches (maybeUpdateProducerEpoch). */
  maybeUpdateProducerEpoch(epoch: number): void {
    if (this.producerEpoch === epoch) return
    this.batches.length = 0
    this.producerEpoch = epoch
  }

  addBatch(epoch: number, batch: BatchMetadata): void {
    this.maybeUpdateProducerEpoch(epoch)
    if (this.batches.length === NUM_BATCHES_TO_RETAIN) this.batches.shift()
    this.batches.push(batch)
    this.lastTimestamp = batch.timestamp
  }

  /** A transaction marker's update: its epoch and coordinator epoch; the transaction is no longer open. */
  updateForMarker(epoch: number, coordinatorEpoch: number, timestamp: number): void {
    this.maybeUpdateProducerEpoch(epoch)
    this.coordinatorEpoch = coordinatorEpoch
    this.lastTimestamp = timestamp
    this.currentTxnFirstOffset = null
  }

  /** A cached batch of the same epoch with exactly this sequence range (findDuplicateBatch). */
  findDuplicateBatch(epoch: number, firstSeq: number, lastSeq: number): BatchMetadata | null {
    if (epoch !== this.producerEpoch) return null
    return this.batches.find((b) => b.firstSeq === firstSeq && b.lastSeq === lastSeq) ?? null
  }

  /**
   * Takes an append's result: its epoch, then its batches after the ones kept, and its transaction fields
   * (ProducerStateEntry.update).
   */
  update(next: ProducerStateEntry): void {
    this.maybeUpdateProducerEpoch(next.producerEpoch)
    for (const batch of next.batches) this.addBatch(next.producerEpoch, batch)
    this.coordinatorEpoch = next.coordinatorEpoch
    this.currentTxnFirstOffset = next.currentTxnFirstOffset
    this.lastTimestamp = next.lastTimestamp
  }
}
