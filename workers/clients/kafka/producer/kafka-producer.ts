/**
 * KafkaProducer: the Java producer's send path in miniature. Records are partitioned (murmur2 of the key,
 * or the sticky partition for null keys), accumulated per partition, and drained after `linger.ms` or
 * when a partition's batch reaches `batch.size`: one RecordBatch v2 per partition, all partitions bound
 * for the broker in ONE produce request. Each send resolves with the record's offset once acknowledged.
 */
import type { Clock } from '../../../net/clock.ts'
import type { Random } from '../../../net/random.ts'
import type { LogEngine, RecordInput } from '../../../../engine-wasm/src/log/index.ts'
import type { Producer, ProducerConfig, ProducerRecord, RecordMetadata } from '../api.ts'
import { KafkaError } from '../api.ts'
import { kafkaError } from '../errors.ts'
import { partitionForKey } from './murmur2.ts'
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
import { RecordAccumulator, type ProducerBatch } from './record-accumulator.ts'

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
}

export class KafkaProducer implements Producer {
  private readonly config: Record<string, string>
  private readonly accumulator: RecordAccumulator
  private readonly maxRequestSize: number
  /** Partition count per topic, one metadata request per topic however many sends wait on it. */
  private readonly partitionCounts = new Map<string, Promise<number>>()
  /** The counts already known, so a send with nothing waiting ahead of it queues without a detour. */
  private readonly knownPartitionCounts = new Map<string, number>()
  /** Metadata lookups of sends not yet queued (send waits for them, as the Java producer's does). */
  private readonly preparing = new Set<Promise<void>>()
  private readonly sticky: StickyPartitioner
  private drainScheduled = false
  /** Requests sent and not yet answered (at most max.in.flight.requests.per.connection). */
  private readonly inFlight = new Set<Promise<void>>()
  /** Starts requests one after another, so they leave in the order their batches were drained. */
  private starting: Promise<void> = Promise.resolve()

  constructor(
    private readonly connection: ClusterConnection,
    private readonly engine: LogEngine,
    private readonly clock: Clock,
    random: Random,
    config: ProducerConfig,
  ) {
    this.config = { ...DEFAULTS, ...config }
    this.accumulator = new RecordAccumulator(Number(this.config['batch.size']))
    this.maxRequestSize = Number(this.config['max.request.size'])
    this.sticky = new StickyPartitioner(random, Number(this.config['batch.size']))
  }

  private get acks(): -1 | 0 | 1 {
    const acks = this.config.acks
    return acks === '0' ? 0 : acks === '1' ? 1 : -1
  }

  send(record: ProducerRecord): Promise<RecordMetadata> {
    const input: RecordInput = {
      key: record.key,
      value: record.value,
      timestamp: record.timestamp ?? this.clock.now(),
      headers: record.headers ?? [],
    }
    const size = estimateRecordSize(input)
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
    if (count !== undefined) return this.enqueue(record, input, size, count)
    return this.enqueueAfterMetadata(record, input, size)
  }

  private async enqueueAfterMetadata(
    record: ProducerRecord,
    input: RecordInput,
    size: number,
  ): Promise<RecordMetadata> {
    let queued: () => void = () => undefined
    const preparing = new Promise<void>((resolve) => (queued = resolve))
    this.preparing.add(preparing)
    try {
      const count = await this.partitionCount(record.topic)
      return await this.enqueue(record, input, size, count)
    } finally {
      this.preparing.delete(preparing)
      queued()
    }
  }

  private enqueue(
    record: ProducerRecord,
    input: RecordInput,
    size: number,
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
    const partition =
      record.partition ??
      (record.key === null
        ? this.sticky.partition(record.topic, count, size)
        : partitionForKey(record.key, count))
    const { future, full } = this.accumulator.append(record.topic, partition, input, size)
    if (full) void this.drain()
    else this.scheduleDrain()
    return future
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
   * Sends everything queued as one produce request per leader. Up to max.in.flight.requests.per.connection
   * requests are outstanding at once, as the Java producer pipelines them; requests start in drain order.
   * Resolves once everything drained so far is answered.
   */
  private drain(): Promise<void> {
    this.drainScheduled = false
    if (!this.accumulator.isEmpty) {
      const batches = this.accumulator.drain()
      this.starting = this.starting.then(async () => {
        const limit = Number(this.config['max.in.flight.requests.per.connection'])
        while (this.inFlight.size >= limit) await Promise.race(this.inFlight)
        const request = this.sendBatches(batches).finally(() => this.inFlight.delete(request))
        this.inFlight.add(request)
      })
    }
    return this.starting.then(() => Promise.all([...this.inFlight])).then(() => undefined)
  }

  /**
   * Sends each partition's batch to its leader, all partitions of one leader in one produce request.
   * Retriable failures (the leader moved, too few in-sync replicas, a lost request) are retried after
   * retry.backoff.ms with fresh metadata until delivery.timeout.ms has passed since the batch was made,
   * as the Java producer's Sender does; then the batch fails with Kafka's expiry error.
   */
  private async sendBatches(batches: ProducerBatch[]): Promise<void> {
    const created = this.clock.now()
    let pending = batches.flatMap((batch) => {
      try {
        return [
          {
            topic: batch.topic,
            partition: batch.partition,
            batch,
            bytes: this.engine.encodeBatch(batch.inputs),
          },
        ]
      } catch (error) {
        // A batch that cannot be encoded fails its sends, never the whole producer.
        batch.fail(error instanceof Error ? error : new Error(String(error)))
        return []
      }
    })
    const deliveryTimeout = Number(this.config['delivery.timeout.ms'])
    while (pending.length > 0) {
      if (this.clock.now() - created >= deliveryTimeout) {
        for (const batch of pending) {
          batch.batch.fail(
            new KafkaError(
              'org.apache.kafka.common.errors.TimeoutException',
              `Expiring ${batch.batch.recordCount} record(s) for ${batch.topic}-${batch.partition}:${deliveryTimeout} ms has passed since batch creation`,
            ),
          )
        }
        return
      }
      const { groups, leaderless } = await this.connection.byLeader(pending)
      const retry = [...leaderless]
      await Promise.all(
        groups.map(async (group) => {
          const data = group.items.map((b) => ({ topic: b.topic, partition: b.partition, records: b.bytes }))
          let responses
          try {
            responses = await group.broker.produce(this.acks, Number(this.config['request.timeout.ms']), data)
          } catch {
            retry.push(...group.items)
            return
          }
          responses.forEach((response, i) => {
            const batch = group.items[i]!
            if (response.error && RETRIABLE.has(response.error)) {
              retry.push(batch)
              return
            }
            if (response.error) batch.batch.fail(kafkaError(response.error, response.errorMessage))
            else batch.batch.complete(this.acks === 0 ? -1 : response.baseOffset)
          })
        }),
      )
      pending = retry
      if (pending.length > 0) {
        await this.clock.sleep(Number(this.config['retry.backoff.ms']))
        await this.connection
          .refreshMetadata([...new Set(pending.map((b) => b.topic))])
          .catch(() => undefined)
      }
    }
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

const UTF8 = new TextEncoder()

/**
 * The upper bound the Java producer checks against max.request.size: RECORD_BATCH_OVERHEAD (61) plus
 * DefaultRecord.recordSizeUpperBound (MAX_RECORD_OVERHEAD 21 plus the varint-prefixed key, value and
 * headers), as AbstractRecords.estimateSizeInBytesUpperBound computes it for magic v2.
 */
function estimateRecordSize(record: RecordInput): number {
  let size = sizedBytes(record.key) + sizedBytes(record.value) + varintSize(record.headers.length)
  for (const header of record.headers) {
    const keyLength = UTF8.encode(header.key).length
    size += varintSize(keyLength) + keyLength + sizedBytes(header.value)
  }
  return 61 + 21 + size
}

function sizedBytes(bytes: Uint8Array | null): number {
  return bytes === null ? 1 : varintSize(bytes.length) + bytes.length
}

function varintSize(value: number): number {
  let v = ((value << 1) ^ (value >> 31)) >>> 0
  let bytes = 1
  while (v >= 0x80) {
    v >>>= 7
    bytes++
  }
  return bytes
}
