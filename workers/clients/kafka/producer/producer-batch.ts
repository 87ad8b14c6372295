/**
 * ProducerBatch: one partition's records on their way to its leader, as the Java producer keeps them. A batch
 * fills as MemoryRecordsBuilder does: a record goes in while the batch header plus the records' exact v2 sizes
 * (their uncompressed bytes, times 1.05 when the batch will be compressed) stays within the write limit,
 * max(batch.size, the first record's upper bound); the first record always goes in; a record that does not fit
 * closes the batch for appends. A record is encoded into the batch's MemoryRecordsBuilder when it is appended,
 * so a batch holds bytes, the records' timestamps and callbacks as runs (consecutive records sharing both, as
 * a loop of sends with one callback does, are one run) and one derived promise per record sent without a
 * callback, no per-record object.
 * The derived promises all take one function of the batch (FutureRecordMetadata's value without a closure
 * per record): a promise's reactions run in the order they were registered, so its n-th call is the n-th
 * record appended without a callback. A record sent with a Callback gets no promise: the batch keeps the
 * callback (Kafka's Thunk) and calls it when the batch settles, every callback in append order before the
 * futures settle, as ProducerBatch.completeFutureAndFireCallbacks does.
 *
 * Invariants: a drained batch is closed for appends (`close`) and stays closed through retries; `attempts`
 * counts reenqueues (the sends after the first), `lastAttemptMs` is the creation time until the first
 * reenqueue; an idempotent batch carries its producer id, epoch and base sequence from its first drain on
 * (-1 otherwise, as RecordBatch.NO_PRODUCER_ID and NO_SEQUENCE); the batch settles once (later settles are
 * ignored, as ProducerBatch.done refuses a second final state).
 */
import {
  CompressionType,
  MemoryRecordsBuilder,
  type BatchOptions,
  type Compression,
  type LogEngine,
  type RecordInput,
} from '../../../../engine-wasm/src/log/index.ts'
import type { Callback, RecordMetadata } from '../api.ts'
import { RECORD_BATCH_OVERHEAD, recordSizeInBytes } from './record-size.ts'

/**
 * MemoryRecordsBuilder's estimate of compressed bytes: the uncompressed size times the topic's estimated
 * compression ratio (CompressionRatioEstimator starts at 1.0; here it stays there) times this safety factor.
 */
const COMPRESSION_RATE_ESTIMATION_FACTOR = 1.05

const NO_SEQUENCE = -1

export class ProducerBatch {
  /** The records, encoded as they were appended. */
  readonly records: MemoryRecordsBuilder
  /** ProduceRequestResult: the batch's base offset once acknowledged; every record's future derives from it. */
  private readonly produceResult: Promise<number>
  /** Set by the promise's executor, which runs in the constructor. */
  private settle!: { resolve: (baseOffset: number) => void; reject: (error: Error) => void }
  private done = false
  private baseTimestamp = 0
  /** closeForRecordAppends: a record did not fit, or the batch was drained, so it takes no more. */
  private closed = false
  /** The length of the bytes last built for a request (compressed ones differ from the estimate). */
  private builtSize: number | null = null
  /**
   * The records' timestamps and callbacks in append order, as runs: run r holds the records from
   * runEnds[r - 1] (0 for the first run) up to runEnds[r], all with timestamp runTimestamps[r] and callback
   * runCallbacks[r] (null: their futures are promises).
   */
  private readonly runTimestamps: number[] = []
  private readonly runCallbacks: Array<Callback | null> = []
  private readonly runEnds: number[] = []
  /** Where the next future's record is looked for, and its run: futures' metadata is made in append order. */
  private nextFutureRecord = 0
  private nextFutureRun = 0
  /** Sends after the first (ProducerBatch.attempts). */
  attempts = 0
  /** When the batch was created or last reenqueued: linger.ms and retry.backoff.ms count from here. */
  lastAttemptMs: number
  producerId = -1
  producerEpoch = -1
  baseSequence = NO_SEQUENCE
  isTransactional = false

  constructor(
    readonly topic: string,
    readonly partition: number,
    private readonly writeLimit: number,
    private readonly compressed: boolean,
    readonly createdMs: number,
    /** The batch's buffer (from the BufferPool), at least writeLimit bytes: the records never outgrow it. */
    buffer: Uint8Array,
  ) {
    this.records = new MemoryRecordsBuilder(buffer)
    this.produceResult = new Promise<number>((resolve, reject) => (this.settle = { resolve, reject }))
    // A batch of callbacks only has no future to take its failure: the callbacks are told instead.
    this.produceResult.catch(ignore)
    this.lastAttemptMs = createdMs
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

  /** The size a produce request counts for this batch: that of its bytes last built, else the estimate. */
  get sizeInBytes(): number {
    return this.builtSize ?? this.estimatedSizeInBytes
  }

  /** MemoryRecordsBuilder.isFull: closed, or its estimate reached the write limit. */
  get isFull(): boolean {
    return this.closed || (this.records.recordCount > 0 && this.writeLimit <= this.estimatedSizeInBytes)
  }

  get recordCount(): number {
    return this.records.recordCount
  }

  get hasSequence(): boolean {
    return this.baseSequence !== NO_SEQUENCE
  }

  /** ProducerBatch.waitedTimeMs: time since creation or the last reenqueue. */
  waitedTimeMs(nowMs: number): number {
    return Math.max(0, nowMs - this.lastAttemptMs)
  }

  /** ProducerBatch.hasReachedDeliveryTimeout: delivery.timeout.ms has passed since the batch was created. */
  hasReachedDeliveryTimeout(deliveryTimeoutMs: number, nowMs: number): boolean {
    return deliveryTimeoutMs <= nowMs - this.createdMs
  }

  /** ProducerBatch.reenqueued: one more attempt, backing off from now. */
  reenqueued(nowMs: number): void {
    this.attempts++
    this.lastAttemptMs = Math.max(this.lastAttemptMs, nowMs)
  }

  /** Drained: no record joins the batch any more, retries included. */
  close(): void {
    this.closed = true
  }

  /**
   * ProducerBatch.setProducerState: the idempotent producer's stamp, kept through retries; a transactional
   * producer's batches carry the isTransactional attribute.
   */
  setProducerState(
    producerId: number,
    producerEpoch: number,
    baseSequence: number,
    isTransactional = false,
  ): void {
    this.producerId = producerId
    this.producerEpoch = producerEpoch
    this.baseSequence = baseSequence
    this.isTransactional = isTransactional
  }

  /** The batch header fields the encoder writes for the producer. */
  get producerState(): BatchOptions {
    return {
      producerId: this.producerId,
      producerEpoch: this.producerEpoch,
      baseSequence: this.baseSequence,
      isTransactional: this.isTransactional,
    }
  }

  /**
   * The RecordBatch v2 bytes with the current producer stamp, for one request, which owns them (a connection
   * transfers their buffer to the broker's worker). They are a copy of the batch's bytes in an array of their
   * own length, as Kafka's Sender copies a batch's buffer into the socket: the batch keeps its BufferPool
   * buffer and records, so a retry builds them again whatever became of the bytes sent, and the buffer goes
   * back to the pool when the batch is done. Compressed, they are new bytes.
   *
   * Why a copy: the batch was sent in its own batch.size buffer (128 KiB in the benchmarks) however few bytes it
   * held, and a fresh buffer took its records. At 50,000 records/s (batches of a few KB) the page allocated
   * 128 KiB per request and each broker's worker counted every buffer it received as external memory until
   * collected, which started a full (mark-compact) collection about every half second per broker: 13-22 of them
   * in the 10 s of the kafka-latency page, 4-6 with copies of the batches' length (Chromium traces, 4 runs of
   * each, alternating).
   */
  build(engine: LogEngine, compression: Compression): Uint8Array {
    const built = engine.buildBatch(
      this.records,
      compression.type === CompressionType.NONE ? this.producerState : { ...this.producerState, compression },
    )
    this.builtSize = built.length
    return built
  }

  /**
   * ProducerBatch.tryAppend: adds the record if it fits (the first always does); null when it does not fit,
   * closing this batch. Appended without a callback, the record's future comes back, a promise that settles
   * when the batch is acknowledged or fails; with one, undefined, and the callback is called then.
   * `keyValueHeaders` is the record's keyValueHeadersSize.
   */
  tryAppend(
    input: RecordInput,
    keyValueHeaders: number,
    callback: Callback | null,
  ): Promise<RecordMetadata> | undefined | null {
    if (this.closed) return null
    const count = this.records.recordCount
    if (count === 0) this.baseTimestamp = input.timestamp
    const size = recordSizeInBytes(count, input.timestamp - this.baseTimestamp, keyValueHeaders)
    // Not isFull, and room for the record (a full batch has no room for any record: sizes are positive).
    if (count > 0 && this.writeLimit < this.estimatedSizeInBytes + size) {
      this.closed = true
      return null
    }
    const { timestamp } = input
    this.records.append(timestamp, input.key, input.value, input.headers)
    const last = this.runEnds.length - 1
    if (last >= 0 && this.runTimestamps[last] === timestamp && this.runCallbacks[last] === callback) {
      this.runEnds[last] = count + 1
    } else {
      this.runTimestamps.push(timestamp)
      this.runCallbacks.push(callback)
      this.runEnds.push(count + 1)
    }
    return callback === null ? this.produceResult.then(this.nextRecordMetadata) : undefined
  }

  /** The RecordMetadata of the next record without a callback, in append order, from the base offset. */
  private readonly nextRecordMetadata = (baseOffset: number): RecordMetadata => {
    let run = this.nextFutureRun
    while (run < this.runEnds.length && this.runCallbacks[run] !== null) run++
    const index = Math.max(this.nextFutureRecord, this.runStart(run))
    this.nextFutureRecord = index + 1
    this.nextFutureRun = index + 1 < (this.runEnds[run] ?? 0) ? run : run + 1
    return this.recordMetadata(index, run, baseOffset)
  }

  /** The first record of run `run`. */
  private runStart(run: number): number {
    return run === 0 ? 0 : (this.runEnds[run - 1] ?? 0)
  }

  /** Record `index`'s metadata; `run` is the run that holds it. */
  private recordMetadata(index: number, run: number, baseOffset: number): RecordMetadata {
    return {
      topic: this.topic,
      partition: this.partition,
      offset: baseOffset < 0 ? -1 : baseOffset + index,
      timestamp: this.runTimestamps[run] ?? -1,
    }
  }

  /**
   * Calls every record's callback in append order: with its metadata, or with `exception` and metadata
   * without offset and timestamp. A callback that throws does not keep the later ones from running; its
   * error is reported as an unhandled rejection, as the Java producer logs it and goes on.
   */
  private fireCallbacks(baseOffset: number, exception: Error | null): void {
    for (let run = 0; run < this.runEnds.length; run++) {
      const callback = this.runCallbacks[run]
      if (callback == null) continue
      const end = this.runEnds[run] ?? 0
      for (let index = this.runStart(run); index < end; index++) {
        const metadata =
          exception === null
            ? this.recordMetadata(index, run, baseOffset)
            : { topic: this.topic, partition: this.partition, offset: -1, timestamp: -1 }
        invokeCallback(callback, metadata, exception)
      }
    }
  }

  /**
   * The batch's buffer, for the BufferPool, once the batch is done (null after the first call): the bytes
   * sent left in other buffers, so this one can serve another batch.
   */
  releaseBuffer(): Uint8Array | null {
    return this.records.release()
  }

  /** Resolves every record: offsets from baseOffset on (-1 for acks=0, as the Java producer reports). */
  complete(baseOffset: number): void {
    if (this.done) return
    this.done = true
    this.fireCallbacks(baseOffset, null)
    this.settle.resolve(baseOffset)
  }

  /** Fails every record; false when the batch was already done (ProducerBatch.completeExceptionally). */
  fail(error: Error): boolean {
    if (this.done) return false
    this.done = true
    this.fireCallbacks(-1, error)
    this.settle.reject(error)
    return true
  }

  /** Completed or failed (ProducerBatch.isDone): a retry of it is not sent. */
  get isDone(): boolean {
    return this.done
  }

  /** Resolves once the batch has settled, either way (ProduceRequestResult.await). */
  settled(): Promise<void> {
    return this.produceResult.then(
      () => undefined,
      () => undefined,
    )
  }
}

function ignore(): void {}

/**
 * Calls a send's callback: one that throws stops nothing after it and is reported as an unhandled rejection
 * (the Java producer logs it).
 */
export function invokeCallback(callback: Callback, metadata: RecordMetadata, exception: Error | null): void {
  try {
    callback(metadata, exception)
  } catch (error) {
    void Promise.reject(error instanceof Error ? error : new Error(String(error)))
  }
}
