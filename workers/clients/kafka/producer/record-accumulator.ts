/**
 * The producer's RecordAccumulator: records wait here in ProducerBatches, a deque of them per topic-partition,
 * until they are full or linger.ms passes; `drain` hands out the oldest batch of every partition, one per
 * partition per request as Kafka's. A batch fills as MemoryRecordsBuilder does: a record goes in while the
 * batch header plus the records' exact v2 sizes (their uncompressed bytes, times 1.05 when the batch will be
 * compressed) stays within the write limit, max(batch.size, the first record's upper bound); the first record
 * always goes in; a record that does not fit closes the batch and opens the next. A record is encoded into
 * its batch's MemoryRecordsBuilder when it is appended, as the Java producer's is, so a batch holds bytes
 * and one future per record, no per-record input object. An idempotent producer stamps each batch with its
 * producer id, epoch and base sequence when it is drained (-1 otherwise, as RecordBatch.NO_PRODUCER_ID and
 * NO_SEQUENCE).
 */
import {
  MemoryRecordsBuilder,
  type BatchOptions,
  type RecordInput,
} from '../../../../engine-wasm/src/log/index.ts'
import type { RecordMetadata } from '../api.ts'
import { RECORD_BATCH_OVERHEAD, recordSizeInBytes, recordSizeUpperBound } from './record-size.ts'

/**
 * MemoryRecordsBuilder's estimate of compressed bytes: the uncompressed size times the topic's estimated
 * compression ratio (CompressionRatioEstimator starts at 1.0; here it stays there) times this safety factor.
 */
const COMPRESSION_RATE_ESTIMATION_FACTOR = 1.05

/**
 * A new batch's buffer, at most: a batch drained after linger.ms often holds a few records, so its buffer
 * starts below batch.size and doubles as it fills.
 */
const INITIAL_CAPACITY = 16_384

/** What the producer's appends need to know about the batches they fill. */
export interface BatchLimits {
  batchSize: number
  compressed: boolean
}

/** RecordAppendResult: the record's future, whether its batch is ready to send, and the bytes it added. */
export interface RecordAppendResult {
  future: Promise<RecordMetadata>
  batchIsFull: boolean
  appendedBytes: number
  /** Every batch of the partition is full: the sticky partitioner may move on (allBatchesFull). */
  allBatchesFull: boolean
}

export class ProducerBatch {
  /** The records, encoded as they were appended. */
  readonly records: MemoryRecordsBuilder
  /** ProduceRequestResult: the batch's base offset once acknowledged; every record's future derives from it. */
  private readonly produceResult: Promise<number>
  /** Set by the promise's executor, which runs in the constructor. */
  private settle!: { resolve: (baseOffset: number) => void; reject: (error: Error) => void }
  private baseTimestamp = 0
  /** closeForRecordAppends: a record did not fit, so this batch takes no more. */
  private closed = false
  producerId = -1
  producerEpoch = -1
  baseSequence = -1

  constructor(
    readonly topic: string,
    readonly partition: number,
    private readonly writeLimit: number,
    private readonly compressed: boolean,
  ) {
    this.records = new MemoryRecordsBuilder(Math.min(writeLimit, INITIAL_CAPACITY))
    this.produceResult = new Promise<number>((resolve, reject) => (this.settle = { resolve, reject }))
  }

  /** MemoryRecordsBuilder.estimatedBytesWritten: the header plus the records, as they will be sent. */
  get estimatedSizeInBytes(): number {
    // The builder holds the records' exact v2 bytes after the header.
    const uncompressed = this.records.sizeInBytes - RECORD_BATCH_OVERHEAD
    const records = this.compressed
      ? Math.floor(uncompressed * COMPRESSION_RATE_ESTIMATION_FACTOR)
      : uncompressed
    return RECORD_BATCH_OVERHEAD + records
  }

  /** MemoryRecordsBuilder.isFull: closed, or its estimate reached the write limit. */
  get isFull(): boolean {
    return this.closed || (this.records.recordCount > 0 && this.writeLimit <= this.estimatedSizeInBytes)
  }

  get recordCount(): number {
    return this.records.recordCount
  }

  /** ProducerBatch.setProducerState: the idempotent producer's stamp, kept through retries. */
  setProducerState(producerId: number, producerEpoch: number, baseSequence: number): void {
    this.producerId = producerId
    this.producerEpoch = producerEpoch
    this.baseSequence = baseSequence
  }

  /** The batch header fields the encoder writes for the producer. */
  get producerState(): BatchOptions {
    return { producerId: this.producerId, producerEpoch: this.producerEpoch, baseSequence: this.baseSequence }
  }

  /**
   * ProducerBatch.tryAppend: adds the record if it fits (the first always does) and returns its promise,
   * which settles when the batch is acknowledged or fails; null when it does not fit, closing this batch.
   * `keyValueHeaders` is the record's keyValueHeadersSize.
   */
  tryAppend(input: RecordInput, keyValueHeaders: number): Promise<RecordMetadata> | null {
    if (this.closed) return null
    const count = this.records.recordCount
    if (count === 0) this.baseTimestamp = input.timestamp
    const size = recordSizeInBytes(count, input.timestamp - this.baseTimestamp, keyValueHeaders)
    if (count > 0 && (this.isFull || this.writeLimit < this.estimatedSizeInBytes + size)) {
      this.closed = true
      return null
    }
    const { timestamp } = input
    this.records.append(timestamp, input.key, input.value, input.headers)
    // FutureRecordMetadata: one derived promise per record, no resolver kept per record.
    const { topic, partition } = this
    return this.produceResult.then((baseOffset) => ({
      topic,
      partition,
      offset: baseOffset < 0 ? -1 : baseOffset + count,
      timestamp,
    }))
  }

  /** Resolves every record: offsets from baseOffset on (-1 for acks=0, as the Java producer reports). */
  complete(baseOffset: number): void {
    this.settle.resolve(baseOffset)
  }

  fail(error: Error): void {
    this.settle.reject(error)
  }
}

export class RecordAccumulator {
  /** Each partition's batches, oldest first (only the last one takes appends), by topic and partition. */
  private readonly deques = new Map<string, Array<ProducerBatch[] | undefined>>()
  /** The partitions holding batches, in the order they first got one (the drain order). */
  private waiting: ProducerBatch[][] = []

  constructor(private readonly limits: BatchLimits) {}

  get isEmpty(): boolean {
    return this.waiting.length === 0
  }

  /**
   * RecordAccumulator.append: into the partition's last batch, or a new one when it does not fit (sized for
   * the record's AbstractRecords.estimateSizeInBytesUpperBound if that exceeds batch.size). `keyValueHeaders`
   * is the record's keyValueHeadersSize.
   * `batchIsFull` tells the caller to drain soon rather than wait for linger.ms.
   */
  append(topic: string, partition: number, input: RecordInput, keyValueHeaders: number): RecordAppendResult {
    let byPartition = this.deques.get(topic)
    if (byPartition === undefined) {
      byPartition = []
      this.deques.set(topic, byPartition)
    }
    let deque = byPartition[partition]
    if (deque === undefined || deque.length === 0) {
      deque = []
      byPartition[partition] = deque
      this.waiting.push(deque)
    }
    let batch = deque[deque.length - 1]
    const before = batch?.estimatedSizeInBytes ?? 0
    let future = batch?.tryAppend(input, keyValueHeaders) ?? null
    let appendedBytes = 0
    if (batch !== undefined && future !== null) appendedBytes = batch.estimatedSizeInBytes - before
    else {
      const { batchSize, compressed } = this.limits
      const writeLimit = Math.max(batchSize, recordSizeUpperBound(keyValueHeaders))
      batch = new ProducerBatch(topic, partition, writeLimit, compressed)
      deque.push(batch)
      future = batch.tryAppend(input, keyValueHeaders)! // a new batch always takes its first record
      appendedBytes = batch.estimatedSizeInBytes
    }
    return {
      future,
      batchIsFull: deque.length > 1 || batch.isFull,
      appendedBytes,
      allBatchesFull: batch.isFull,
    }
  }

  /**
   * The oldest batch of every partition that has one, as RecordAccumulator.drain takes at most one batch per
   * partition into a produce request; later batches wait for the next drain.
   */
  drain(): ProducerBatch[] {
    const drained: ProducerBatch[] = []
    const stillWaiting: ProducerBatch[][] = []
    for (const deque of this.waiting) {
      drained.push(deque.shift()!)
      if (deque.length > 0) stillWaiting.push(deque)
    }
    this.waiting = stillWaiting
    return drained
  }
}
