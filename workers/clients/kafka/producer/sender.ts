/**
 * The producer's Sender, as the Java producer's I/O thread runs it (Sender.runOnce / sendProducerData), driven
 * by wake-ups instead of a thread: an append that fills or opens a batch, an answer, a timer for the next
 * linger or backoff expiry, a metadata update or a new producer id each wake it.
 *
 * One pass: the accumulator names the leaders with a sendable partition; a leader is sendable to while fewer
 * than max.in.flight.requests.per.connection requests to it are unanswered (NetworkClient's InFlightRequests,
 * one count per broker, so a slow broker holds back only its own partitions); each sendable leader gets one
 * produce request with at most one batch per partition (RecordAccumulator.drain); the pass runs again at once
 * while it drained something. Batches past delivery.timeout.ms in the accumulator fail with Kafka's text.
 *
 * A node whose last answer carried a throttle time (the client's quota at the broker) takes no request until
 * that time has passed (KIP-219: the client mutes its connection itself).
 *
 * Each answer completes its batches (Sender.completeBatch): done; retried while the error is retriable, the
 * batch has retries left and delivery.timeout.ms has not passed (reenqueued at the front of its partition,
 * in sequence order, to go again after retry.backoff.ms); else failed. A lost connection or a timed-out
 * request fails the request's batches with NETWORK_EXCEPTION / REQUEST_TIMED_OUT ("Disconnected from node
 * N"), both retriable. Errors that mean stale metadata ask for a metadata update, at most one running and
 * the next no sooner than retry.backoff.ms after the last. With max.in.flight.requests.per.connection = 1 a
 * drained partition is muted until its batch is answered, so order holds without idempotence.
 *
 * Transactions: while the transaction manager has an abortable error (a batch of the transaction failed), each
 * pass fails the batches not drained yet with that error instead of sending them; batches that already have a
 * sequence (in flight or in retry) go on. Once it has a fatal error (a batch answered PRODUCER_FENCED), a pass
 * sends nothing and fails every batch not complete, in flight ones too, with that error.
 *
 * Idempotence: new batches wait for a producer id (InitProducerId, through the TransactionManager) and for an
 * epoch bump to finish; a batch refused for good moves later sequences down; a batch whose fate is unknown
 * (it expired after being sent, or came back out of sequence as the first in flight) bumps the epoch.
 */
import type { Clock } from '../../../net/clock.ts'
import { withTransfer } from '../../../net/transfer-list.ts'
import { NetworkError } from '../../../net/transport.ts'
import type { Compression, LogEngine } from '../../../../engine-wasm/src/log/index.ts'
import type { ProducePartitionData, ProducePartitionResponse } from '../../../protocol/kafka.ts'
import { INVALID_METADATA_ERRORS, type KafkaErrorName } from '../../../protocol/kafka-errors.ts'
import { KafkaError } from '../api.ts'
import type { ClusterConnection } from '../cluster-connection.ts'
import { kafkaError } from '../errors.ts'
import { InFlightRequests } from './in-flight-requests.ts'
import type { ProducerBatch } from './producer-batch.ts'
import type { Acks } from './producer-config.ts'
import type { MetadataSnapshot, RecordAccumulator } from './record-accumulator.ts'
import type { TransactionManager } from './transaction-manager.ts'

/** Produce errors the Java producer retries (its RetriableException subclasses). */
const RETRIABLE: ReadonlySet<string> = new Set([
  'NETWORK_EXCEPTION',
  'NOT_ENOUGH_REPLICAS',
  'NOT_ENOUGH_REPLICAS_AFTER_APPEND',
  'REQUEST_TIMED_OUT',
  ...INVALID_METADATA_ERRORS,
])

/**
 * The retriable errors after which the Java producer asks for new metadata: InvalidMetadataException's
 * subclasses, and a lost connection or timed-out request (NetworkClient updates metadata on a disconnect).
 */
const STALE_METADATA: ReadonlySet<string> = new Set([
  'NETWORK_EXCEPTION',
  'REQUEST_TIMED_OUT',
  ...INVALID_METADATA_ERRORS,
])

/** A partition's answer; NETWORK_EXCEPTION (not a broker error here) when the connection was lost. */
interface PartitionResponse {
  error: KafkaErrorName | 'NETWORK_EXCEPTION' | null
  errorMessage: string | null
  baseOffset: number
}

export interface SenderConfig {
  acks: Acks
  maxRequestSize: number
  requestTimeoutMs: number
  retries: number
  retryBackoffMs: number
  deliveryTimeoutMs: number
  maxInFlightRequestsPerConnection: number
  /** The client id each request's header names (the broker's quotas count the requests against it). */
  clientId: string
}

export class Sender {
  private readonly inFlightRequests: InFlightRequests
  /** ClusterConnectionStates.throttle: until when each node's connection is muted by a throttle time. */
  private readonly throttledUntil = new Map<number, number>()
  /** max.in.flight.requests.per.connection = 1: partitions are muted while their batch is in flight. */
  private readonly guaranteeMessageOrder: boolean
  private readonly metadata: MetadataSnapshot
  private wakeupQueued = false
  /** When the earliest pending timer fires (Infinity when none is pending). */
  private timerAt = Infinity
  /** Topics to ask about in the next metadata update. */
  private readonly metadataTopics = new Set<string>()
  private updatingMetadata = false
  private lastMetadataUpdateMs = -Infinity
  private initializing = false
  /** forceClose was called: the Sender has stopped. */
  private forceClosed = false

  constructor(
    private readonly connection: ClusterConnection,
    private readonly accumulator: RecordAccumulator,
    private readonly engine: LogEngine,
    private readonly compression: Compression,
    private readonly clock: Clock,
    private readonly config: SenderConfig,
    private readonly transactionManager: TransactionManager | null,
  ) {
    this.inFlightRequests = new InFlightRequests(config.maxInFlightRequestsPerConnection)
    this.guaranteeMessageOrder = config.maxInFlightRequestsPerConnection === 1
    this.metadata = {
      leaderFor: (topic, partition) => {
        const leader = connection.leaderOf(topic, partition)
        return connection.node(leader) === null ? -1 : leader
      },
      partitionsForNode: (node) => connection.partitionsForNode(node),
    }
  }

  /** Sender.wakeup: a pass runs once the current task's work is done. */
  wakeup(): void {
    if (this.wakeupQueued) return
    this.wakeupQueued = true
    void Promise.resolve().then(() => this.runOnce())
  }

  /** Sender.runOnce and sendProducerData: drain what is sendable to the nodes that can take a request. */
  private runOnce(): void {
    this.wakeupQueued = false
    if (this.forceClosed) return
    const now = this.clock.now()
    // Sender.runOnce: a producer in a fatal error state (fenced) sends nothing more; every batch not complete,
    // waiting or in flight, fails with that error (maybeAbortBatches).
    const fatalError = this.transactionManager?.fatalError() ?? null
    if (fatalError !== null) {
      this.accumulator.abortIncompleteBatches(fatalError)
      return
    }
    this.maybeInitialize(now)
    // maybeSendAndPollTransactionalRequest: after a batch of the transaction failed, the batches not sent yet
    // fail with its error instead of being sent.
    const abortableError = this.transactionManager?.abortableError() ?? null
    if (abortableError !== null) this.abortUndrainedBatches(abortableError)
    const result = this.accumulator.ready(this.metadata, now)
    if (result.unknownLeaderTopics.size > 0) this.requestMetadataUpdate(result.unknownLeaderTopics)
    // NetworkClient.ready: a node whose connection is throttled is not ready until the throttle time passed.
    let notReadyTimeout = Infinity
    const nodes = [...result.readyNodes].filter((node) => {
      const throttledUntil = this.throttledUntil.get(node) ?? -Infinity
      if (now < throttledUntil) notReadyTimeout = Math.min(notReadyTimeout, throttledUntil)
      return now >= throttledUntil && this.inFlightRequests.canSendMore(node)
    })
    const drained = this.accumulator.drain(this.metadata, nodes, this.config.maxRequestSize, now)
    if (this.guaranteeMessageOrder) {
      for (const batches of drained.values())
        for (const batch of batches) this.accumulator.mutePartition(batch)
    }
    for (const batch of this.accumulator.expiredBatches(now))
      this.failBatch(batch, this.expired(batch, now), null)
    for (const [node, batches] of drained) this.sendProduceRequest(node, batches)
    if (drained.size > 0) this.wakeup()
    else {
      const expiry = this.accumulator.nextExpiryTimeMs()
      this.scheduleCheck(Math.min(now + result.nextReadyCheckDelayMs, expiry, notReadyTimeout))
    }
  }

  /** A pass at `at` (clock time), unless one is due sooner. */
  private scheduleCheck(at: number): void {
    if (!(at < this.timerAt)) return
    this.timerAt = at
    void this.clock.sleep(at - this.clock.now()).then(() => {
      if (this.timerAt === at) this.timerAt = Infinity
      this.wakeup()
    })
  }

  /** Gets a producer id, or bumps the epoch once nothing is in flight, before new batches get sequences. */
  private maybeInitialize(now: number): void {
    const manager = this.transactionManager
    if (manager === null || this.initializing || !manager.needsReady) return
    this.initializing = true
    void manager.ready(now + this.config.deliveryTimeoutMs).then((ready) => {
      this.initializing = false
      // No producer id in time (or a fatal answer): the batches that would need one fail.
      if (!ready) {
        const now = this.clock.now()
        for (const batch of this.accumulator.abortUndrainedBatches()) {
          this.failBatch(batch, this.expired(batch, now), null)
        }
      }
      this.wakeup()
    })
  }

  /**
   * Sender.forceClose and the end of Sender.run: no pass runs and no answer is handled any more; every batch
   * not yet complete fails (RecordAccumulator.abortIncompleteBatches).
   */
  forceClose(): void {
    this.forceClosed = true
    this.accumulator.abortIncompleteBatches(
      new KafkaError('org.apache.kafka.common.KafkaException', 'Producer is closed forcefully.'),
    )
  }

  /** The batches not sent yet fail with `error` (an aborted transaction's, TransactionManager.beginAbort). */
  abortUndrainedBatches(error: Error): void {
    for (const batch of this.accumulator.abortUndrainedBatches()) this.failBatch(batch, error, null)
  }

  /**
   * Metadata.lastRefreshMs: the producer's own lookup (waitOnMetadata) refreshed the metadata now, so the
   * Sender's next update waits retry.backoff.ms from here.
   */
  metadataUpdated(): void {
    this.lastMetadataUpdateMs = this.clock.now()
  }

  /** Metadata.requestUpdate for these topics; one update runs at a time, retry.backoff.ms apart. */
  private requestMetadataUpdate(topics: Iterable<string>): void {
    for (const topic of topics) this.metadataTopics.add(topic)
    if (this.updatingMetadata) return
    this.updatingMetadata = true
    const wait = this.lastMetadataUpdateMs + this.config.retryBackoffMs - this.clock.now()
    void (wait > 0 ? this.clock.sleep(wait) : Promise.resolve())
      .then(() => {
        const asked = [...this.metadataTopics]
        this.metadataTopics.clear()
        return this.connection.refreshMetadata(asked)
      })
      .catch(() => undefined)
      .then(() => {
        this.updatingMetadata = false
        this.metadataUpdated()
        this.wakeup()
      })
  }

  /**
   * One produce request to the node with its drained batches (Sender.sendProduceRequest). The request owns
   * the bytes its batches built, so it is marked to give their buffers away (transfer-list.ts): a connection
   * to another thread moves them there instead of copying them.
   */
  private sendProduceRequest(node: number, drained: ProducerBatch[]): void {
    const batches: ProducerBatch[] = []
    const data: ProducePartitionData[] = []
    for (const batch of drained) {
      try {
        data.push({
          topic: batch.topic,
          partition: batch.partition,
          records: batch.build(this.engine, this.compression),
        })
        batches.push(batch)
      } catch (error) {
        this.failBatch(batch, error instanceof Error ? error : new Error(String(error)), false)
        if (this.guaranteeMessageOrder) this.accumulator.unmutePartition(batch)
      }
    }
    const broker = this.connection.node(node)
    if (batches.length === 0 || broker === null) {
      for (const batch of batches) this.completeBatch(batch, disconnected(node, false), batch.baseSequence)
      return
    }
    const sequences = batches.map((batch) => batch.baseSequence)
    this.inFlightRequests.add(node)
    const owned = withTransfer(
      data,
      data.map(({ records }) => records.buffer as ArrayBuffer),
    )
    const transactionalId = this.transactionManager?.transactionalId ?? null
    const { acks, requestTimeoutMs, clientId } = this.config
    broker.produce(acks, requestTimeoutMs, owned, transactionalId, clientId).then(
      ({ responses, throttleTimeMs }) => {
        this.maybeThrottle(node, throttleTimeMs)
        this.handleProduceResponse(node, batches, sequences, responses)
      },
      (error: unknown) => {
        const response = disconnected(node, error instanceof NetworkError && error.failure === 'timeout')
        this.handleProduceResponse(
          node,
          batches,
          sequences,
          batches.map(() => response),
        )
      },
    )
  }

  /**
   * NetworkClient.maybeThrottle (KIP-219): a response's throttle time mutes the connection to its node from now
   * until the time has passed; no request goes to that node meanwhile.
   */
  private maybeThrottle(node: number, throttleTimeMs: number): void {
    if (throttleTimeMs > 0) this.throttledUntil.set(node, this.clock.now() + throttleTimeMs)
  }

  private handleProduceResponse(
    node: number,
    batches: readonly ProducerBatch[],
    sequences: readonly number[],
    responses: ReadonlyArray<PartitionResponse | ProducePartitionResponse>,
  ): void {
    if (this.forceClosed) return
    this.inFlightRequests.completeNext(node)
    batches.forEach((batch, i) => {
      const response = responses[i] ?? disconnected(node, false)
      this.completeBatch(batch, response, sequences[i]!)
    })
    this.wakeup()
  }

  /** Sender.completeBatch: done, retried, or failed; `sentSequence` is the sequence the request carried. */
  private completeBatch(batch: ProducerBatch, response: PartitionResponse, sentSequence: number): void {
    const { error } = response
    const now = this.clock.now()
    if (error === null) {
      batch.complete(this.config.acks === 0 ? -1 : response.baseOffset)
      this.accumulator.deallocate(batch)
      this.transactionManager?.handleCompletedBatch(batch)
    } else if (this.canRetry(batch, error, sentSequence, now)) {
      this.accumulator.reenqueue(batch, now)
      if (STALE_METADATA.has(error)) this.requestMetadataUpdate([batch.topic])
    } else if (RETRIABLE.has(error) && batch.hasReachedDeliveryTimeout(this.config.deliveryTimeoutMs, now)) {
      this.failBatch(batch, this.expired(batch, now), null)
    } else {
      const lostSequence = error === 'OUT_OF_ORDER_SEQUENCE_NUMBER'
      this.failBatch(batch, exception(error, response.errorMessage), lostSequence ? null : false)
    }
    if (this.guaranteeMessageOrder) this.accumulator.unmutePartition(batch)
  }

  /**
   * Sender.canRetry: retries and delivery time left, and a retriable error; or, for an idempotent batch, out
   * of sequence behind an earlier batch still in flight (or sent before its sequence moved down), which waits
   * its turn (TransactionManager.canRetry).
   */
  private canRetry(batch: ProducerBatch, error: string, sentSequence: number, now: number): boolean {
    if (batch.isDone || batch.attempts >= this.config.retries) return false
    if (batch.hasReachedDeliveryTimeout(this.config.deliveryTimeoutMs, now)) return false
    if (RETRIABLE.has(error)) return true
    const manager = this.transactionManager
    return (
      error === 'OUT_OF_ORDER_SEQUENCE_NUMBER' &&
      manager !== null &&
      (sentSequence !== batch.baseSequence || !manager.isFirstInFlight(batch))
    )
  }

  /**
   * Fails the batch's sends. For a batch that has a sequence, `appended` is as TransactionManager's
   * handleFailedBatch takes it: false when the broker refused it for good, null when its fate is unknown.
   */
  private failBatch(batch: ProducerBatch, error: Error, appended: false | null): void {
    const failedNow = batch.fail(error)
    this.accumulator.deallocate(batch)
    // A batch already aborted (a fatal error's) tells the transaction manager nothing more.
    if (failedNow && batch.hasSequence) this.transactionManager?.handleFailedBatch(batch, appended, error)
  }

  private expired(batch: ProducerBatch, now: number): KafkaError {
    return new KafkaError(
      'org.apache.kafka.common.errors.TimeoutException',
      `Expiring ${batch.recordCount} record(s) for ${batch.topic}-${batch.partition}:${now - batch.createdMs} ms has passed since batch creation`,
    )
  }
}

/** The answer for every batch of a request whose connection was lost (Sender.handleProduceResponse). */
function disconnected(node: number, timedOut: boolean): PartitionResponse {
  return timedOut
    ? {
        error: 'REQUEST_TIMED_OUT',
        errorMessage: `Disconnected from node ${node} due to timeout`,
        baseOffset: -1,
      }
    : { error: 'NETWORK_EXCEPTION', errorMessage: `Disconnected from node ${node}`, baseOffset: -1 }
}

function exception(error: KafkaErrorName | 'NETWORK_EXCEPTION', message: string | null): KafkaError {
  return error === 'NETWORK_EXCEPTION'
    ? new KafkaError('org.apache.kafka.common.errors.NetworkException', message ?? '')
    : kafkaError(error, message)
}
