/**
 * KafkaProducer: the Java producer's send path in miniature. A send to a topic without metadata first waits
 * for it (wait-on-metadata.ts: Metadata again with the backoff, up to max.block.ms). Records are partitioned
 * (murmur2 of the key, or the sticky partition for null keys) and appended to their partition's batch in the
 * RecordAccumulator; the Sender drains batches to each partition's leader after `linger.ms` or when a batch fills, one
 * produce request per leader with one batch per partition, up to max.in.flight.requests.per.connection
 * requests unanswered per broker (sender.ts). Each send resolves with the record's offset once acknowledged,
 * or, sent with a Callback (send(record, callback)), tells the callback and returns nothing; an error found
 * before the record is queued goes to the callback at once, as the Java producer's doSend hands it over.
 * Idempotence (enable.idempotence, on by default with acks=all; producer-config.ts) goes through the
 * TransactionManager: a producer id before the first request, a sequence per partition stamped into each
 * batch at its first drain and kept through retries, retries in sequence order; a retry the broker already
 * appended is answered with its original offsets, so lost responses cause no duplicates. A transactional.id
 * adds the transactional API (transactional-requests.ts): initTransactions, beginTransaction, sends inside
 * the transaction, commitTransaction (flush, then EndTxn) and abortTransaction.
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
import type {
  Callback,
  ConsumerGroupMetadata,
  Producer,
  ProducerConfig,
  ProducerRecord,
  RecordMetadata,
  TransactionOffset,
} from '../api.ts'
import { producerClientId } from '../client-ids.ts'
import { KafkaError } from '../api.ts'
import { invokeCallback } from './producer-batch.ts'
import { ExponentialBackoff, RETRY_BACKOFF_EXP_BASE, RETRY_BACKOFF_JITTER } from '../exponential-backoff.ts'
import type { ClusterConnection } from '../cluster-connection.ts'
import { partitionForKey } from './murmur2.ts'
import { producerCompression } from './producer-compression.ts'
import { StickyPartitioner } from './sticky-partitioner.ts'
import { RoundRobinPartitioner } from './round-robin-partitioner.ts'
import { PRODUCER_CONFIGS, PRODUCER_DEFAULTS, ROUND_ROBIN_PARTITIONER } from './producer-config-def.ts'
import { validateClientConfig } from '../common-client-configs.ts'
import { keyValueHeadersSize, recordSizeUpperBound } from './record-size.ts'
import { RecordAccumulator } from './record-accumulator.ts'
import { idempotenceEnabled, parseAcks } from './producer-config.ts'
import { Sender } from './sender.ts'
import { TransactionManager } from './transaction-manager.ts'
import { TransactionalRequests } from './transactional-requests.ts'
import { waitOnMetadata, type WaitOnMetadataDeps } from './wait-on-metadata.ts'

const NO_HEADERS: readonly RecordHeader[] = []
/** The ApiExceptions TransactionManager.maybeFailWithError throws, which doSend returns as the send's failure. */
const SEND_API_EXCEPTIONS: ReadonlySet<string> = new Set([
  'ProducerFencedException',
  'InvalidProducerEpochException',
])

export class KafkaProducer implements Producer {
  private readonly config: Record<string, string>
  private readonly accumulator: RecordAccumulator
  private readonly sender: Sender
  private readonly maxRequestSize: number
  /** Partition count per topic, one metadata wait (wait-on-metadata.ts) per topic however many sends wait on it. */
  private readonly partitionCounts = new Map<string, Promise<number>>()
  /** The counts already known, so a send with nothing waiting ahead of it queues without a detour. */
  private readonly knownPartitionCounts = new Map<string, number>()
  /** Each topic's partitions with a leader, ascending, from the metadata its partition count came from. */
  private readonly availablePartitions = new Map<string, readonly number[]>()
  /** Metadata lookups of sends not yet queued (send waits for them, as the Java producer's does). */
  private readonly preparing = new Set<Promise<void>>()
  private readonly sticky: StickyPartitioner
  /** partitioner.class, when set: it partitions every record that names no partition. */
  private readonly roundRobin: RoundRobinPartitioner | null
  /** partitioner.ignore.keys: keyed records are spread as unkeyed ones are. */
  private readonly ignoreKeys: boolean
  /** transactional.id set: the transaction coordinator's requests and the transaction's state. */
  private readonly transactional: TransactionalRequests | null
  /** What waitOnMetadata needs: the metadata refresh backoff and max.block.ms. */
  private readonly metadataWait: WaitOnMetadataDeps

  constructor(
    private readonly connection: ClusterConnection,
    engine: LogEngine,
    private readonly clock: Clock,
    random: Random,
    config: ProducerConfig,
  ) {
    validateClientConfig(PRODUCER_CONFIGS, config)
    this.config = { ...PRODUCER_DEFAULTS, ...config }
    /** compression.type and its level (producer-compression.ts); batch size estimates stay uncompressed. */
    const compression: Compression = producerCompression(this.config)
    const number = (name: string): number => Number(this.config[name])
    const acks = parseAcks(this.config.acks ?? 'all')
    const transactionalId = config['transactional.id'] ?? null
    const transactionManager = idempotenceEnabled(this.config, config)
      ? new TransactionManager(
          () => connection.any((broker) => broker.initProducerId()),
          clock,
          number('retry.backoff.ms'),
          transactionalId,
        )
      : null
    this.transactional =
      transactionManager !== null && transactionalId !== null
        ? new TransactionalRequests(connection, clock, transactionManager, {
            transactionalId,
            transactionTimeoutMs: number('transaction.timeout.ms'),
            retryBackoffMs: number('retry.backoff.ms'),
            maxBlockMs: number('max.block.ms'),
          })
        : null
    if (transactionManager !== null && this.transactional !== null) {
      const transactional = this.transactional
      transactionManager.onFailedBatch = (error) => transactional.maybeTransitionToErrorState(error)
      transactionManager.abortableError = () => transactional.abortableError
      transactionManager.fatalError = () => transactional.fatalError
    }
    this.accumulator = new RecordAccumulator(
      {
        batchSize: number('batch.size'),
        compressed: compression.type !== CompressionType.NONE,
        lingerMs: number('linger.ms'),
        retryBackoffMs: number('retry.backoff.ms'),
        deliveryTimeoutMs: number('delivery.timeout.ms'),
      },
      transactionManager,
    )
    this.maxRequestSize = number('max.request.size')
    this.sender = new Sender(
      connection,
      this.accumulator,
      engine,
      compression,
      clock,
      {
        acks,
        maxRequestSize: this.maxRequestSize,
        requestTimeoutMs: number('request.timeout.ms'),
        retries: number('retries'),
        retryBackoffMs: number('retry.backoff.ms'),
        deliveryTimeoutMs: number('delivery.timeout.ms'),
        maxInFlightRequestsPerConnection: number('max.in.flight.requests.per.connection'),
        clientId: producerClientId(config),
      },
      transactionManager,
    )
    this.sticky = new StickyPartitioner(random, number('batch.size'))
    this.metadataWait = {
      connection,
      clock,
      refreshBackoff: new ExponentialBackoff(
        number('retry.backoff.ms'),
        RETRY_BACKOFF_EXP_BASE,
        number('retry.backoff.max.ms'),
        RETRY_BACKOFF_JITTER,
        random,
      ),
      maxBlockMs: number('max.block.ms'),
      onUpdate: () => this.sender.metadataUpdated(),
    }
    this.roundRobin =
      this.config['partitioner.class']?.trim() === ROUND_ROBIN_PARTITIONER
        ? new RoundRobinPartitioner()
        : null
    this.ignoreKeys = this.config['partitioner.ignore.keys']?.trim().toLowerCase() === 'true'
  }

  send(record: ProducerRecord): Promise<RecordMetadata>
  send(record: ProducerRecord, callback: Callback): void
  send(record: ProducerRecord, callback?: Callback): Promise<RecordMetadata> | undefined {
    // One clock reading per send, as doSend's nowMs: the record's default timestamp and its append time.
    const nowMs = this.clock.now()
    const input: RecordInput = {
      key: record.key,
      value: record.value,
      timestamp: record.timestamp ?? nowMs,
      headers: record.headers ?? NO_HEADERS,
    }
    const keyValueHeaders = keyValueHeadersSize(input)
    const size = recordSizeUpperBound(keyValueHeaders)
    if (size > this.maxRequestSize) {
      const error = new KafkaError(
        'org.apache.kafka.common.errors.RecordTooLargeException',
        `The message is ${size} bytes when serialized which is larger than ${this.maxRequestSize}, which is the value of the max.request.size configuration.`,
      )
      return failed(record, error, callback)
    }
    // Sends queue in call order: only when no earlier send still waits for metadata may this one skip ahead.
    const count = this.preparing.size === 0 ? this.knownPartitionCounts.get(record.topic) : undefined
    if (count !== undefined) return this.enqueue(record, input, keyValueHeaders, count, nowMs, callback)
    if (callback === undefined) return this.enqueueAfterMetadata(record, input, keyValueHeaders, callback)
    this.enqueueAfterMetadata(record, input, keyValueHeaders, callback).catch((error: unknown) =>
      failed(record, asError(error), callback),
    )
    return undefined
  }

  /** Waits for the topic's partition count, then queues the record: its future, or undefined with a callback. */
  private enqueueAfterMetadata(
    record: ProducerRecord,
    input: RecordInput,
    keyValueHeaders: number,
    callback: undefined,
  ): Promise<RecordMetadata>
  private enqueueAfterMetadata(
    record: ProducerRecord,
    input: RecordInput,
    keyValueHeaders: number,
    callback: Callback,
  ): Promise<undefined>
  private async enqueueAfterMetadata(
    record: ProducerRecord,
    input: RecordInput,
    keyValueHeaders: number,
    callback: Callback | undefined,
  ): Promise<RecordMetadata | undefined> {
    let queued: () => void = () => undefined
    const preparing = new Promise<void>((resolve) => (queued = resolve))
    this.preparing.add(preparing)
    let future: Promise<RecordMetadata> | undefined
    try {
      const count = await this.partitionCount(record.topic)
      // doSend's nowMs moves on by the time waited for metadata, and with it the record's default timestamp.
      const nowMs = this.clock.now()
      const stamped = record.timestamp === undefined ? { ...input, timestamp: nowMs } : input
      future = this.enqueue(record, stamped, keyValueHeaders, count, nowMs, callback)
    } finally {
      // Queued (or failed): no longer preparing, though its future settles only when the broker answers.
      this.preparing.delete(preparing)
      queued()
    }
    return future
  }

  private enqueue(
    record: ProducerRecord,
    input: RecordInput,
    keyValueHeaders: number,
    count: number,
    nowMs: number,
    callback: Callback | undefined,
  ): Promise<RecordMetadata> | undefined {
    if (record.partition !== undefined && record.partition >= count) {
      const error = new KafkaError(
        'org.apache.kafka.common.errors.TimeoutException',
        `Partition ${record.partition} of topic ${record.topic} with partition count ${count} is not present in metadata after ${this.config['max.block.ms']} ms.`,
      )
      return failed(record, error, callback)
    }
    // KafkaProducer.partition: the record's own partition, else the configured partitioner's, else murmur2
    // of the key (unless partitioner.ignore.keys), else the built-in sticky partition.
    const sticky =
      record.partition === undefined && this.roundRobin === null && (record.key === null || this.ignoreKeys)
    let partition: number
    if (record.partition !== undefined) partition = record.partition
    else if (this.roundRobin !== null)
      partition = this.roundRobin.partition(
        record.topic,
        this.availablePartitions.get(record.topic) ?? [],
        count,
      )
    else if (!sticky && record.key !== null) partition = partitionForKey(record.key, count)
    else partition = this.sticky.partition(record.topic, count)
    // The Java producer adds the partition to the transaction right after the append (its Sender then holds
    // the batch back on failure); here the record is not queued when the transaction refuses it. As doSend
    // catches an ApiException (a fencing or an old epoch thrown again), the send fails with it, not the call.
    try {
      this.transactional?.maybeAddPartition(record.topic, partition)
    } catch (error) {
      if (!(error instanceof KafkaError) || !SEND_API_EXCEPTIONS.has(error.simpleName)) throw error
      this.transactional?.maybeTransitionToErrorState(error)
      return failed(record, error, callback)
    }
    const appended = this.accumulator.append(
      record.topic,
      partition,
      input,
      keyValueHeaders,
      nowMs,
      callback ?? null,
    )
    if (sticky) this.sticky.update(record.topic, appended.appendedBytes, appended.allBatchesFull)
    // As KafkaProducer.doSend: the Sender looks again when a batch fills or a new one starts its linger.
    if (appended.batchIsFull || appended.newBatchCreated) this.sender.wakeup()
    return appended.future
  }

  private partitionCount(topic: string): Promise<number> {
    const known = this.partitionCounts.get(topic)
    if (known) return known
    const count = waitOnMetadata(this.metadataWait, topic).then((found) => {
      this.knownPartitionCounts.set(topic, found.partitions.length)
      this.availablePartitions.set(
        topic,
        found.partitions
          .filter(({ leader }) => leader >= 0)
          .map(({ partition }) => partition)
          .sort((a, b) => a - b),
      )
      return found.partitions.length
    })
    // A failed lookup is not remembered: the next send asks again, as the Java producer does.
    count.catch(() => this.partitionCounts.delete(topic))
    this.partitionCounts.set(topic, count)
    return count
  }

  /** The transactional producer (ensureTransactional): IllegalStateException on any other. */
  private transactionalRequests(): TransactionalRequests {
    if (this.transactional === null)
      throw new KafkaError(
        'java.lang.IllegalStateException',
        'Transactional method invoked on a non-transactional producer.',
      )
    return this.transactional
  }

  /** KafkaProducer.initTransactions: the producer id and epoch of the transactional id, older producers fenced. */
  initTransactions(): Promise<void> {
    return this.transactionalRequests().initTransactions()
  }

  beginTransaction(): void {
    this.transactionalRequests().beginTransaction()
  }

  /**
   * KafkaProducer.sendOffsetsToTransaction: nothing is sent for no offsets; otherwise TxnOffsetCommit, whose
   * failure is thrown (CommitFailedException for a group generation mismatch, which leaves only an abort).
   */
  async sendOffsetsToTransaction(
    offsets: readonly TransactionOffset[],
    groupMetadata: ConsumerGroupMetadata,
  ): Promise<void> {
    const transactional = this.transactionalRequests()
    if (offsets.length > 0) await transactional.sendOffsetsToTransaction(offsets, groupMetadata)
  }

  /** KafkaProducer.commitTransaction: every record sent is acknowledged first, then EndTxn(commit). */
  async commitTransaction(): Promise<void> {
    const transactional = this.transactionalRequests()
    // The sends made so far (in Java they return once queued) join the transaction first.
    await this.whenQueued()
    transactional.beginCompletion(true)
    await this.flush()
    await transactional.completeTransaction(true)
  }

  /** KafkaProducer.abortTransaction: unsent records fail, the ones in flight are awaited, then EndTxn(abort). */
  async abortTransaction(): Promise<void> {
    const transactional = this.transactionalRequests()
    await this.whenQueued()
    transactional.beginCompletion(false)
    this.sender.abortUndrainedBatches(
      new KafkaError(
        'org.apache.kafka.common.errors.TransactionAbortedException',
        'Failing batch since transaction was aborted',
      ),
    )
    await this.flush()
    await transactional.completeTransaction(false)
  }

  /** Settles once every send so far is queued (or failed): where Java's send() returns, after waitOnMetadata. */
  async whenQueued(): Promise<void> {
    await Promise.all([...this.preparing])
  }

  /** Sends everything queued, including sends still waiting for their topic's metadata. */
  async flush(): Promise<void> {
    await this.whenQueued()
    this.accumulator.beginFlush()
    this.sender.wakeup()
    await this.accumulator.awaitFlushCompletion()
  }

  /**
   * KafkaProducer.close. Without a timeout (Java's close()): everything queued is sent and answered, then a
   * transaction still open is aborted, as the Sender does at a graceful shutdown. With 0 (close(Duration.ZERO),
   * Sender.forceClose): nothing more is sent, every batch not yet answered fails with `Producer is closed
   * forcefully.`, and an open transaction is left to the coordinator's timeout.
   */
  async close(timeoutMs?: 0): Promise<void> {
    if (timeoutMs === 0) {
      this.accumulator.close()
      this.sender.forceClose()
      this.connection.close()
      return
    }
    await this.whenQueued()
    this.accumulator.close()
    this.sender.wakeup()
    await this.flush()
    await this.transactional?.abortIncompleteTransaction()
    this.connection.close()
  }
}

/**
 * A send that failed before its record was queued: a rejected future, or, with a callback, the callback told
 * at once with metadata that knows the topic and the partition asked for (-1 when none was), and nothing returned.
 */
function failed(
  record: ProducerRecord,
  error: Error,
  callback: Callback | undefined,
): Promise<never> | undefined {
  if (callback === undefined) return Promise.reject(error)
  invokeCallback(
    callback,
    { topic: record.topic, partition: record.partition ?? -1, offset: -1, timestamp: -1 },
    error,
  )
  return undefined
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error))
}
