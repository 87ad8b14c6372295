/**
 * The producer's RecordAccumulator: records wait here, one open ProducerBatch per topic-partition, until
 * the batch is full (its size estimate reaches batch.size) or linger.ms passes; `drain` hands out every
 * open batch, in the order the batches were opened. A batch keeps its records' inputs and their
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
  /** Open batches by topic, indexed by partition. */
  private readonly open = new Map<string, Array<ProducerBatch | undefined>>()
  private ordered: ProducerBatch[] = []

  constructor(private readonly batchSize: number) {}

  get isEmpty(): boolean {
    return this.ordered.length === 0
  }

  /**
   * Appends to the partition's open batch (opening one if needed). `full` tells the caller to drain
   * now rather than wait for linger.ms.
   */
  append(
    topic: string,
    partition: number,
    input: RecordInput,
    estimatedSize: number,
  ): { future: Promise<RecordMetadata>; full: boolean } {
    let batches = this.open.get(topic)
    if (batches === undefined) {
      batches = []
      this.open.set(topic, batches)
    }
    let batch = batches[partition]
    if (batch === undefined) {
      batch = new ProducerBatch(topic, partition)
      batches[partition] = batch
      this.ordered.push(batch)
    }
    const future = batch.append(input, estimatedSize)
    return { future, full: batch.estimatedBytes >= this.batchSize }
  }

  /** Every open batch, oldest first; the accumulator is empty afterwards. */
  drain(): ProducerBatch[] {
    const drained = this.ordered
    this.ordered = []
    this.open.clear()
    return drained
  }
}
