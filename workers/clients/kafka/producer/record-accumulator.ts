/**
 * The producer's RecordAccumulator: records wait here in ProducerBatches, a deque of them per topic-partition
 * (a new batch opens when the last one's size estimate reached batch.size), until they are full or linger.ms
 * passes; `drain` hands out the oldest batch of every partition, one per partition per request as Kafka's. A batch keeps its records' inputs and their
 * futures side by side (index i of each belongs to one record), so a send costs one promise and no
 * per-record bookkeeping object. An idempotent producer stamps each batch with its producer id, epoch and
 * base sequence when it is drained (-1 otherwise, as RecordBatch.NO_PRODUCER_ID and NO_SEQUENCE).
 */
import type { BatchOptions, RecordInput } from '../../../../engine-wasm/src/log/index.ts'
import type { RecordMetadata } from '../api.ts'

export class ProducerBatch {
  readonly inputs: RecordInput[] = []
  private readonly resolvers: Array<(metadata: RecordMetadata) => void> = []
  private readonly rejecters: Array<(error: Error) => void> = []
  /** The sum of the records' size estimates. */
  estimatedBytes = 0
  producerId = -1
  producerEpoch = -1
  baseSequence = -1

  constructor(
    readonly topic: string,
    readonly partition: number,
  ) {}

  get recordCount(): number {
    return this.inputs.length
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

  /** Adds a record; the promise settles when the batch is acknowledged or fails. */
  append(input: RecordInput, estimatedSize: number): Promise<RecordMetadata> {
    this.estimatedBytes += estimatedSize
    return new Promise<RecordMetadata>((resolve, reject) => {
      this.inputs.push(input)
      this.resolvers.push(resolve)
      this.rejecters.push(reject)
    })
  }

  /** Resolves every record: offsets from baseOffset on (-1 for acks=0, as the Java producer reports). */
  complete(baseOffset: number): void {
    const { topic, partition, inputs } = this
    this.resolvers.forEach((resolve, i) =>
      resolve({
        topic,
        partition,
        offset: baseOffset < 0 ? -1 : baseOffset + i,
        timestamp: inputs[i]!.timestamp,
      }),
    )
  }

  fail(error: Error): void {
    for (const reject of this.rejecters) reject(error)
  }
}

export class RecordAccumulator {
  /** Each partition's batches, oldest first (only the last one takes appends), by topic and partition. */
  private readonly deques = new Map<string, Array<ProducerBatch[] | undefined>>()
  /** The partitions holding batches, in the order they first got one (the drain order). */
  private waiting: ProducerBatch[][] = []

  constructor(private readonly batchSize: number) {}

  get isEmpty(): boolean {
    return this.waiting.length === 0
  }

  /**
   * Appends to the partition's last batch, or opens a new one when that one is full. `full` tells the caller
   * to drain soon rather than wait for linger.ms.
   */
  append(
    topic: string,
    partition: number,
    input: RecordInput,
    estimatedSize: number,
  ): { future: Promise<RecordMetadata>; full: boolean } {
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
    if (batch === undefined || batch.estimatedBytes >= this.batchSize) {
      batch = new ProducerBatch(topic, partition)
      deque.push(batch)
    }
    const future = batch.append(input, estimatedSize)
    return { future, full: batch.estimatedBytes >= this.batchSize }
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
