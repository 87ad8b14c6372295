/**
 * KafkaProducer: the Java producer's send path in miniature. Records are partitioned (murmur2 of the key,
 * or the sticky partition for null keys), accumulated per partition, and drained after `linger.ms` or
 * when a partition's batch reaches `batch.size`: one RecordBatch v2 per partition, all partitions bound
 * for the broker in ONE produce request. Each send resolves with the record's offset once acknowledged.
 * Idempotence (enable.idempotence, on by default with acks=all; producer-config.ts) goes through the
 * TransactionManager: a producer id before the first request, a sequence per partition stamped into each
 * batch at drain and kept through retries, retries in sequence order; a retry the broker already appended
 * is answered with its original offsets, so lost responses cause no duplicates.
 */
import type { Clock } from '../../../net/clock.ts'
import type { Random } from '../../../net/random.ts'
import {
  CompressionType,
  type Compression,
  type LogEngine,
  type RecordHeader,
  type RecordInput,
} from '../../../../engine-wasm/src/log/index.ts'
import type { Producer, ProducerConfig, ProducerRecord, RecordMetadata } from '../api.ts'
import { KafkaError } from '../api.ts'
import { kafkaError } from '../errors.ts'
import type { KafkaErrorName } from '../../../protocol/kafka-errors.ts'
import { partitionForKey } from './murmur2.ts'
import { producerCompression } from './producer-compression.ts'
import type { ClusterConnection } from '../cluster-connection.ts'

/** Produce errors the Java producer retries (its RetriableException subclasses). */
const RETRIABLE: ReadonlySet<string> = new Set([
  'NOT_LEADER_OR_FOLLOWER',
  'LEADER_NOT_AVAILABLE',
  'UNKNOWN_TOPIC_OR_PARTITION',
  'NOT_ENOUGH_REPLICAS',
  'NOT_ENOUGH_REPLICAS_AFTER_APPEND',
  'REQUEST_TIMED_OUT',
  'FENCED_LEADER_EPOCH',
  'UNKNOWN_LEADER_EPOCH',
])
import { StickyPartitioner } from './sticky-partitioner.ts'
import { keyValueHeadersSize, recordSizeUpperBound } from './record-size.ts'
import { RecordAccumulator, type ProducerBatch } from './record-accumulator.ts'
import { idempotenceEnabled, parseAcks, type Acks } from './producer-config.ts'
import { TransactionManager } from './transaction-manager.ts'

/** A drained batch on its way: its bytes as last encoded and the sequence they carry (null before). */
interface PendingBatch {
  topic: string
  partition: number
  batch: ProducerBatch
  bytes: Uint8Array
  sequence: number | null
}

const NO_HEADERS: readonly RecordHeader[] = []

const DEFAULTS: Readonly<Record<string, string>> = {
  acks: 'all',
  'linger.ms': '5',
  'batch.size': '16384',
  'max.request.size': '1048576',
  'request.timeout.ms': '30000',
  'max.block.ms': '60000',
  'delivery.timeout.ms': '120000',
  'retry.backoff.ms': '100',
  'max.in.flight.requests.per.connection': '5',
  'enable.idempotence': 'true',
  retries: '2147483647',
}

export class KafkaProducer implements Producer {
  private readonly config: Record<string, string>
  private readonly accumulator: RecordAccumulator
  private readonly maxRequestSize: number
  /** compression.type and its level (producer-compression.ts); batch size estimates stay uncompressed. */
  private readonly compression: Compression
  /** Partition count per topic, one metadata request per topic however many sends wait on it. */
  private readonly partitionCounts = new Map<string, Promise<number>>()
  /** The counts already known, so a send with nothing waiting ahead of it queues without a detour. */
  private readonly knownPartitionCounts = new Map<string, number>()
  /** Metadata lookups of sends not yet queued (send waits for them, as the Java producer's does). */
  private readonly preparing = new Set<Promise<void>>()
  private readonly sticky: StickyPartitioner
  private drainScheduled = false
  private drainQueued = false
  /** Requests sent and not yet answered (at most max.in.flight.requests.per.connection). */
  private readonly inFlight = new Set<Promise<void>>()
  /** Starts requests one after another, so they leave in the order their batches were drained. */
  private starting: Promise<void> = Promise.resolve()
  private readonly acks: Acks
  /** Present when the producer is idempotent. */
  private readonly transactionManager: TransactionManager | null

  constructor(
    private readonly connection: ClusterConnection,
    private readonly engine: LogEngine,
    private readonly clock: Clock,
    random: Random,
    config: ProducerConfig,
  ) {
    this.config = { ...DEFAULTS, ...config }
    this.compression = producerCompression(this.config)
    this.accumulator = new RecordAccumulator({
      batchSize: Number(this.config['batch.size']),
      compressed: this.compression.type !== CompressionType.NONE,
    })
    this.maxRequestSize = Number(this.config['max.request.size'])
    this.sticky = new StickyPartitioner(random, Number(this.config['batch.size']))
    this.acks = parseAcks(this.config.acks ?? 'all')
    this.transactionManager = idempotenceEnabled(this.config, config)
      ? new TransactionManager(
          () => connection.any((broker) => broker.initProducerId()),
          clock,
          Number(this.config['retry.backoff.ms']),
        )
      : null
  }

  send(record: ProducerRecord): Promise<RecordMetadata> {
    const input: RecordInput = {
      key: record.key,
      value: record.value,
      timestamp: record.timestamp ?? this.clock.now(),
      headers: record.headers ?? NO_HEADERS,
    }
    const keyValueHeaders = keyValueHeadersSize(input)
    const size = recordSizeUpperBound(keyValueHeaders)
    if (size > this.maxRequestSize) {
      return Promise.reject(
        new KafkaError(
          'org.apache.kafka.common.errors.RecordTooLargeException',
          `The message is ${size} bytes when serialized which is larger than ${this.maxRequestSize}, which is the value of the max.request.size configuration.`,
        ),
      )
    }
    // Sends queue in call order: only when no earlier send still waits for metadata may this one skip ahead.
    const count = this.preparing.size === 0 ? this.knownPartitionCounts.get(record.topic) : undefined
    if (count !== undefined) return this.enqueue(record, input, keyValueHeaders, count)
    return this.enqueueAfterMetadata(record, input, keyValueHeaders)
  }

  private async enqueueAfterMetadata(
    record: ProducerRecord,
    input: RecordInput,
    keyValueHeaders: number,
  ): Promise<RecordMetadata> {
    let queued: () => void = () => undefined
    const preparing = new Promise<void>((resolve) => (queued = resolve))
    this.preparing.add(preparing)
    try {
      const count = await this.partitionCount(record.topic)
      return await this.enqueue(record, input, keyValueHeaders, count)
    } finally {
      this.preparing.delete(preparing)
      queued()
    }
  }

  private enqueue(
    record: ProducerRecord,
    input: RecordInput,
    keyValueHeaders: number,
    count: number,
  ): Promise<RecordMetadata> {
    if (record.partition !== undefined && record.partition >= count) {
      return Promise.reject(
        new KafkaError(
          'org.apache.kafka.common.errors.TimeoutException',
          `Partition ${record.partition} of topic ${record.topic} with partition count ${count} is not present in metadata after ${this.config['max.block.ms']} ms.`,
        ),
      )
    }
    const sticky = record.partition === undefined && record.key === null
    const partition =
      record.partition ??
      (record.key === null ? this.sticky.partition(record.topic, count) : partitionForKey(record.key, count))
    const appended = this.accumulator.append(record.topic, partition, input, keyValueHeaders)
    if (sticky) this.sticky.update(record.topic, appended.appendedBytes, appended.allBatchesFull)
    if (appended.batchIsFull) this.scheduleDrainNow()
    else this.scheduleDrain()
    return appended.future
  }

  private partitionCount(topic: string): Promise<number> {
    const known = this.partitionCounts.get(topic)
    if (known) return known
    const count = this.connection.refreshMetadata([topic], true).then((metadata) => {
      const found = metadata.topics[0]
      if (found?.error && found.error !== 'UNKNOWN_TOPIC_OR_PARTITION') throw kafkaError(found.error)
      if (!found || found.error || found.partitions.length === 0) {
        throw new KafkaError(
          'org.apache.kafka.common.errors.TimeoutException',
          `Topic ${topic} not present in metadata after ${this.config['max.block.ms']} ms.`,
        )
      }
      this.knownPartitionCounts.set(topic, found.partitions.length)
      return found.partitions.length
    })
    // A failed lookup is not remembered: the next send asks again, as the Java producer does.
    count.catch(() => this.partitionCounts.delete(topic))
    this.partitionCounts.set(topic, count)
    return count
  }

  private scheduleDrain(): void {
    if (this.drainScheduled) return
    this.drainScheduled = true
    void this.clock.sleep(Number(this.config['linger.ms'])).then(() => this.drain())
  }

  /**
   * A full batch is sent without waiting for linger.ms, but after the sends running now (as the Java
   * producer's Sender thread wakes up and drains what is ready): batches filled in one burst leave together.
   */
  private scheduleDrainNow(): void {
    if (this.drainQueued) return
    this.drainQueued = true
    void Promise.resolve().then(() => {
      this.drainQueued = false
      return this.drain()
    })
  }

  /**
   * Sends everything queued, at most one batch per partition in each round of produce requests (one request
   * per leader), with up to max.in.flight.requests.per.connection rounds outstanding, as the Java producer
   * pipelines them. Batches leave the accumulator only when a round can start, as the Java Sender drains a
   * node only when it can take a request: while rounds are in flight, records keep filling the open batches
   * (up to batch.size), so a backlog travels in few large batches instead of many small ones.
   * Resolves once everything drained so far is answered.
   */
  private drain(): Promise<void> {
    this.drainScheduled = false
    this.starting = this.starting.then(() => this.sendWhileQueued())
    return this.starting.then(() => Promise.all([...this.inFlight])).then(() => undefined)
  }

  private async sendWhileQueued(): Promise<void> {
    const limit = Number(this.config['max.in.flight.requests.per.connection'])
    while (!this.accumulator.isEmpty) {
      while (this.inFlight.size >= limit) await Promise.race(this.inFlight)
      const batches = this.accumulator.drain()
      const manager = this.transactionManager
      if (manager) {
        const deadline = this.clock.now() + Number(this.config['delivery.timeout.ms'])
        if (!(await manager.ready(deadline))) {
          for (const batch of batches) batch.fail(this.expired(batch))
          continue
        }
        for (const batch of batches) manager.assignSequence(batch)
      }
      const request = this.sendBatches(batches).finally(() => this.inFlight.delete(request))
      this.inFlight.add(request)
    }
  }

  /**
   * Sends each partition's batch to its leader, all partitions of one leader in one produce request.
   * Retriable failures (the leader moved, too few in-sync replicas, a lost request) are retried after
   * retry.backoff.ms with fresh metadata until delivery.timeout.ms has passed since the batch was made,
   * as the Java producer's Sender does; then the batch fails with Kafka's expiry error.
   */
  private async sendBatches(batches: ProducerBatch[]): Promise<void> {
    const created = this.clock.now()
    const manager = this.transactionManager
    let pending: PendingBatch[] = batches.map((batch) => ({
      topic: batch.topic,
      partition: batch.partition,
      batch,
      bytes: new Uint8Array(0),
      sequence: null,
    }))
    const deliveryTimeout = Number(this.config['delivery.timeout.ms'])
    // Sender.canRetry: a batch the broker refused is sent again only while its retries last.
    const retries = Number(this.config['retries'])
    for (let attempts = 0; pending.length > 0; attempts++) {
      if (this.clock.now() - created >= deliveryTimeout) {
        for (const item of pending) this.failBatch(item.batch, this.expired(item.batch), null)
        return
      }
      pending = pending.filter((item) => this.encode(item))
      const { groups, leaderless } = await this.connection.byLeader(pending)
      const retry = [...leaderless]
      await Promise.all(
        groups.map(async (group) => {
          const data = group.items.map((b) => ({ topic: b.topic, partition: b.partition, records: b.bytes }))
          const sent = group.items.map((b) => b.sequence)
          let responses
          try {
            responses = await group.broker.produce(this.acks, Number(this.config['request.timeout.ms']), data)
          } catch {
            retry.push(...group.items)
            return
          }
          responses.forEach((response, i) => {
            const item = group.items[i]!
            if (attempts < retries && this.shouldRetry(response.error, item.batch, sent[i] ?? null)) {
              retry.push(item)
            } else if (response.error) {
              const lostSequence = response.error === 'OUT_OF_ORDER_SEQUENCE_NUMBER'
              this.failBatch(
                item.batch,
                kafkaError(response.error, response.errorMessage),
                lostSequence ? null : false,
              )
            } else {
              item.batch.complete(this.acks === 0 ? -1 : response.baseOffset)
              manager?.handleCompletedBatch(item.batch)
            }
          })
        }),
      )
      pending = retry
      if (pending.length > 0) {
        await this.clock.sleep(Number(this.config['retry.backoff.ms']))
        if (manager) await Promise.all(pending.map((item) => manager.earlierSettled(item.batch)))
        await this.connection
          .refreshMetadata([...new Set(pending.map((b) => b.topic))])
          .catch(() => undefined)
      }
    }
  }

  /**
   * Encodes the batch with its current producer stamp unless it already is; false when it cannot be
   * encoded (its sends fail, never the whole producer).
   */
  private encode(item: PendingBatch): boolean {
    if (item.sequence === item.batch.baseSequence) return true
    try {
      item.bytes = this.engine.buildBatch(item.batch.records, {
        ...item.batch.producerState,
        compression: this.compression,
      })
      item.sequence = item.batch.baseSequence
      return true
    } catch (error) {
      this.failBatch(item.batch, error instanceof Error ? error : new Error(String(error)), false)
      return false
    }
  }

  /**
   * Retriable errors retry; so does an idempotent batch out of sequence behind an earlier batch still in flight
   * (or sent before its sequence moved down), which waits its turn (TransactionManager.canRetry).
   */
  private shouldRetry(
    error: KafkaErrorName | null,
    batch: ProducerBatch,
    sentSequence: number | null,
  ): boolean {
    if (error === null) return false
    if (RETRIABLE.has(error)) return true
    const manager = this.transactionManager
    return (
      error === 'OUT_OF_ORDER_SEQUENCE_NUMBER' &&
      manager !== null &&
      (sentSequence !== batch.baseSequence || !manager.isFirstInFlight(batch))
    )
  }

  /** Fails the batch's sends; `appended` as TransactionManager.handleFailedBatch takes it. */
  private failBatch(batch: ProducerBatch, error: Error, appended: false | null): void {
    batch.fail(error)
    this.transactionManager?.handleFailedBatch(batch, appended)
  }

  private expired(batch: ProducerBatch): KafkaError {
    return new KafkaError(
      'org.apache.kafka.common.errors.TimeoutException',
      `Expiring ${batch.recordCount} record(s) for ${batch.topic}-${batch.partition}:${this.config['delivery.timeout.ms']} ms has passed since batch creation`,
    )
  }

  /** Sends everything queued, including sends still waiting for their topic's metadata. */
  async flush(): Promise<void> {
    await Promise.all([...this.preparing])
    await this.drain()
  }

  async close(): Promise<void> {
    await this.flush()
  }
}
