/**
 * TransactionCoordinator (Kafka 4.1 core's coordinator.transaction.TransactionCoordinator with its
 * TransactionStateManager's cache), transactions V2 only: the transactional ids of the `__transaction_state`
 * partitions this broker leads and has loaded, and the requests on them.
 *
 * - InitProducerId: a new id gets a producer id (shared with the idempotent path) and epoch 0; an Empty or
 *   completed one epoch + 1 (a new producer id once the epochs are used up), written as Empty; an Ongoing one
 *   is fenced (PrepareEpochFence) and the coordinator aborts the transaction itself; once PrepareAbort (epoch
 *   + 1) is written it answers CONCURRENT_TRANSACTIONS (or the abort's error), so the producer retries and
 *   then gets the epoch after the abort's.
 * - AddPartitionsToTxn (from the partition leaders): unknown id or other producer id INVALID_PRODUCER_ID_MAPPING,
 *   other epoch PRODUCER_FENCED, a pending transition or PrepareCommit/PrepareAbort CONCURRENT_TRANSACTIONS;
 *   partitions already in an Ongoing transaction answer at once; otherwise Ongoing is written with them.
 * - EndTxn: the checks and state table of TransactionCoordinator.endTransaction (retries of a bumped epoch
 *   answer NONE); PrepareCommit/PrepareAbort is written with the epoch + 1 and answered at once; the markers
 *   then go to every partition's leader and, once all are written, CompleteCommit/CompleteAbort.
 * - Every transaction.abort.timed.out.transaction.cleanup.interval.ms (10 s), an Ongoing transaction older
 *   than its timeout is fenced and aborted with one epoch bump (Kafka's broker log lines are not shown); a
 *   fence that throws (epoch Short.MAX_VALUE) ends that scan, as the exception ends Kafka's scheduled task.
 * - An exception of a transition (Kafka's IllegalStateException / IllegalArgumentException) is answered
 *   UNKNOWN_SERVER_ERROR, as KafkaApis answers a request whose handler threw.
 * - Loading a partition replays its records (the last per id wins, a tombstone removes it) and resends the
 *   markers of transactions left in PrepareCommit/PrepareAbort.
 * Each write is the transition's TransactionLogValue with acks=-1; a failed write leaves the state as it was
 * and answers the error TransactionStateManager gives (NOT_COORDINATOR, COORDINATOR_NOT_AVAILABLE).
 */
import type { Cancellable, Scheduler } from '../../net/scheduler.ts'
import type { KafkaErrorName } from '../../protocol/kafka-errors.ts'
import type { InitProducerIdResponse } from '../../protocol/kafka.ts'
import type {
  EndTxnRequest,
  EndTxnResponse,
  InitProducerIdRequest,
  ListTransactionsRequest,
  ListTransactionsResponse,
  TransactionStateResponse,
  WritableTxnMarker,
} from '../../protocol/kafka-transactions.ts'
import type { TransactionLogValue } from './transaction-log.ts'
import {
  NO_PRODUCER_ID,
  TransactionMetadata,
  type TopicPartitionRef,
  type TxnTransitMetadata,
} from './transaction-metadata.ts'
import { TRANSACTION_STATE_IDS } from './transaction-state.ts'

/** transaction.max.timeout.ms */
export const TRANSACTION_MAX_TIMEOUT_MS = 900_000
/** transaction.abort.timed.out.transaction.cleanup.interval.ms */
export const ABORT_TIMED_OUT_INTERVAL_MS = 10_000
/** The transaction.version the brokers run (the bootstrap's finalized level). */
const TRANSACTION_VERSION = 2
const RETRY_BACKOFF_MS = 100

export interface TransactionCoordinatorDeps {
  scheduler: Scheduler
  /** A new producer id, or null while the broker waits for a block. */
  generateProducerId: () => number | null
  /** The coordinator epoch of the id's loaded partition, or null when this broker does not own it. */
  coordinatorEpochOf: (transactionalId: string) => number | null
  /** Writes the id's record with acks=-1; resolves with the normalized error, or null once written. */
  appendToLog: (transactionalId: string, value: TransactionLogValue) => Promise<KafkaErrorName | null>
  /** Writes one transaction's markers on every partition; resolves false when this coordinator gave up. */
  sendMarkers: (transactionalId: string, marker: WritableTxnMarker) => Promise<boolean>
}

function groupByTopic(partitions: readonly TopicPartitionRef[]): { topic: string; partitions: number[] }[] {
  const byTopic = new Map<string, number[]>()
  for (const { topic, partition } of partitions)
    byTopic.set(topic, [...(byTopic.get(topic) ?? []), partition])
  return [...byTopic].map(([topic, ids]) => ({ topic, partitions: ids }))
}

export class TransactionCoordinator {
  private readonly transactions = new Map<string, TransactionMetadata>()
  private timer: Cancellable | null = null

  constructor(private readonly deps: TransactionCoordinatorDeps) {}

  /** Starts the timed-out transaction scan. */
  startup(): void {
    const tick = (): void => {
      this.abortTimedOutTransactions()
      this.timer = this.deps.scheduler.schedule(ABORT_TIMED_OUT_INTERVAL_MS, tick)
    }
    this.timer = this.deps.scheduler.schedule(ABORT_TIMED_OUT_INTERVAL_MS, tick)
  }

  shutdown(): void {
    this.timer?.cancel()
    this.timer = null
    this.transactions.clear()
  }

  /** Replays a loaded partition's records, in log order, then completes what was being completed. */
  load(records: ReadonlyArray<{ transactionalId: string; value: TransactionLogValue | null }>): void {
    const loaded = new Map<string, TransactionLogValue | null>()
    for (const { transactionalId, value } of records) loaded.set(transactionalId, value)
    for (const [transactionalId, value] of loaded) {
      if (value === null) this.transactions.delete(transactionalId)
      else this.transactions.set(transactionalId, TransactionMetadata.fromLog(transactionalId, value))
    }
    for (const transactionalId of loaded.keys()) {
      const metadata = this.transactions.get(transactionalId)
      const epoch = this.deps.coordinatorEpochOf(transactionalId)
      if (metadata === undefined || epoch === null) continue
      if (metadata.state === 'PrepareCommit' || metadata.state === 'PrepareAbort')
        void this.completeTransaction(metadata, epoch)
    }
  }

  /** Drops the ids this broker no longer owns. */
  unload(owned: (transactionalId: string) => boolean): void {
    for (const transactionalId of [...this.transactions.keys()])
      if (!owned(transactionalId)) this.transactions.delete(transactionalId)
  }

  private async write(
    metadata: TransactionMetadata,
    transit: TxnTransitMetadata,
  ): Promise<KafkaErrorName | null> {
    const error = await this.deps.appendToLog(metadata.transactionalId, TransactionMetadata.logValue(transit))
    if (this.transactions.get(metadata.transactionalId) !== metadata) {
      metadata.cancelTransition()
      return 'NOT_COORDINATOR'
    }
    if (error !== null) {
      metadata.cancelTransition()
      return error
    }
    metadata.completeTransitionTo(transit)
    return null
  }

  async handleInitProducerId(
    request: InitProducerIdRequest & { transactionalId: string },
  ): Promise<InitProducerIdResponse> {
    try {
      return await this.initProducerId(request)
    } catch {
      return { error: 'UNKNOWN_SERVER_ERROR', producerId: -1, producerEpoch: -1 }
    }
  }

  private async initProducerId(
    request: InitProducerIdRequest & { transactionalId: string },
  ): Promise<InitProducerIdResponse> {
    const failed = (error: KafkaErrorName): InitProducerIdResponse => ({
      error,
      producerId: -1,
      producerEpoch: -1,
    })
    const { transactionalId, transactionTimeoutMs } = request
    if (transactionalId === '') return failed('INVALID_REQUEST')
    if (transactionTimeoutMs <= 0 || transactionTimeoutMs > TRANSACTION_MAX_TIMEOUT_MS)
      return failed('INVALID_TRANSACTION_TIMEOUT')
    const coordinatorEpoch = this.deps.coordinatorEpochOf(transactionalId)
    if (coordinatorEpoch === null) return failed('NOT_COORDINATOR')
    let metadata = this.transactions.get(transactionalId)
    const now = this.deps.scheduler.now()
    if (metadata === undefined) {
      const producerId = this.deps.generateProducerId()
      if (producerId === null) return failed('COORDINATOR_LOAD_IN_PROGRESS')
      metadata = TransactionMetadata.fresh(transactionalId, producerId, transactionTimeoutMs, now)
      this.transactions.set(transactionalId, metadata)
    }
    if (metadata.pendingState !== null) return failed('CONCURRENT_TRANSACTIONS')
    if (
      request.producerId !== NO_PRODUCER_ID &&
      (request.producerId !== metadata.producerId || request.producerEpoch !== metadata.producerEpoch)
    )
      return failed('PRODUCER_FENCED')
    switch (metadata.state) {
      case 'Empty':
      case 'CompleteCommit':
      case 'CompleteAbort': {
        let transit: TxnTransitMetadata
        if (metadata.isProducerEpochExhausted) {
          const producerId = this.deps.generateProducerId()
          if (producerId === null) return failed('COORDINATOR_LOAD_IN_PROGRESS')
          transit = metadata.prepareProducerIdRotation(producerId, transactionTimeoutMs, now)
        } else {
          transit = metadata.prepareIncrementProducerEpoch(transactionTimeoutMs, now)
        }
        const error = await this.write(metadata, transit)
        if (error !== null) return failed(error)
        return { error: null, producerId: metadata.producerId, producerEpoch: metadata.producerEpoch }
      }
      case 'Ongoing': {
        // The new producer fences the old one: once the abort is written, the new one is told to retry.
        const fence = metadata.prepareFenceProducerEpoch()
        const aborted = await this.endTransaction(
          metadata,
          fence.producerId,
          fence.producerEpoch,
          false,
          false,
        )
        return failed(aborted.error ?? 'CONCURRENT_TRANSACTIONS')
      }
      default:
        return failed('CONCURRENT_TRANSACTIONS')
    }
  }

  /** AddPartitionsToTxn v5 from a partition leader (verifyOnly false). */
  async handleAddPartitions(
    transactionalId: string,
    producerId: number,
    producerEpoch: number,
    partitions: readonly TopicPartitionRef[],
  ): Promise<KafkaErrorName | null> {
    if (this.deps.coordinatorEpochOf(transactionalId) === null) return 'NOT_COORDINATOR'
    const metadata = this.transactions.get(transactionalId)
    if (metadata === undefined || metadata.producerId !== producerId) return 'INVALID_PRODUCER_ID_MAPPING'
    if (metadata.producerEpoch !== producerEpoch) return 'PRODUCER_FENCED'
    if (metadata.pendingState !== null) return 'CONCURRENT_TRANSACTIONS'
    if (metadata.state === 'PrepareCommit' || metadata.state === 'PrepareAbort')
      return 'CONCURRENT_TRANSACTIONS'
    if (metadata.state === 'Ongoing' && partitions.every((p) => metadata.hasPartition(p.topic, p.partition)))
      return null
    const now = this.deps.scheduler.now()
    return this.write(metadata, metadata.prepareAddPartitions(partitions, now, TRANSACTION_VERSION))
  }

  async handleEndTransaction(request: EndTxnRequest): Promise<EndTxnResponse> {
    const metadata = this.transactions.get(request.transactionalId)
    if (this.deps.coordinatorEpochOf(request.transactionalId) === null)
      return { error: 'NOT_COORDINATOR', producerId: -1, producerEpoch: -1 }
    if (metadata === undefined)
      return { error: 'INVALID_PRODUCER_ID_MAPPING', producerId: -1, producerEpoch: -1 }
    try {
      return await this.endTransaction(
        metadata,
        request.producerId,
        request.producerEpoch,
        request.committed,
        true,
      )
    } catch {
      return { error: 'UNKNOWN_SERVER_ERROR', producerId: -1, producerEpoch: -1 }
    }
  }

  /**
   * TransactionCoordinator.endTransaction, transactions V2. A fence (pending PrepareEpochFence, only from the
   * coordinator itself) is checked against the fence's epoch, allocates no next producer id, and its abort
   * bumps the current epoch once.
   */
  private async endTransaction(
    metadata: TransactionMetadata,
    producerId: number,
    producerEpoch: number,
    commit: boolean,
    isFromClient: boolean,
  ): Promise<EndTxnResponse> {
    const failed = (error: KafkaErrorName): EndTxnResponse => ({ error, producerId: -1, producerEpoch: -1 })
    const ok = (): EndTxnResponse => ({
      error: null,
      producerId: metadata.producerId,
      producerEpoch: metadata.producerEpoch,
    })
    const coordinatorEpoch = this.deps.coordinatorEpochOf(metadata.transactionalId)
    if (coordinatorEpoch === null) return failed('NOT_COORDINATOR')
    const { state } = metadata
    const isEpochFence = metadata.pendingState === 'PrepareEpochFence'
    const isRetry = !isEpochFence && metadata.producerEpoch === producerEpoch + 1
    if (metadata.producerId !== producerId) return failed('INVALID_PRODUCER_ID_MAPPING')
    const sameEpoch = producerEpoch === metadata.producerEpoch
    const validEpoch = isEpochFence
      ? (!isFromClient || sameEpoch) && producerEpoch >= metadata.producerEpoch
      : state === 'PrepareCommit' || state === 'PrepareAbort'
        ? isRetry
        : state === 'CompleteCommit' || state === 'CompleteAbort'
          ? isRetry || sameEpoch
          : sameEpoch
    if (metadata.pendingState !== null && !isEpochFence) return failed('CONCURRENT_TRANSACTIONS')
    if (!validEpoch) return failed('PRODUCER_FENCED')
    let target: 'PrepareCommit' | 'PrepareAbort' | null = null
    switch (state) {
      case 'Ongoing':
        target = commit ? 'PrepareCommit' : 'PrepareAbort'
        break
      case 'CompleteCommit':
        if (commit) return isRetry ? ok() : failed('INVALID_TXN_STATE')
        if (isRetry) return failed('INVALID_TXN_STATE')
        target = 'PrepareAbort'
        break
      case 'CompleteAbort':
        if (commit) return failed('INVALID_TXN_STATE')
        if (isRetry) return ok()
        target = 'PrepareAbort'
        break
      case 'PrepareCommit':
        return failed(commit ? 'CONCURRENT_TRANSACTIONS' : 'INVALID_TXN_STATE')
      case 'PrepareAbort':
        return failed(commit ? 'INVALID_TXN_STATE' : 'CONCURRENT_TRANSACTIONS')
      case 'Empty':
        if (commit) return failed('INVALID_TXN_STATE')
        target = 'PrepareAbort'
        break
      default:
        return failed('INVALID_TXN_STATE')
    }
    let nextProducerId = NO_PRODUCER_ID
    if (!isEpochFence && metadata.isProducerEpochExhausted) {
      const id = this.deps.generateProducerId()
      if (id === null) return failed('COORDINATOR_LOAD_IN_PROGRESS')
      nextProducerId = id
    }
    // The fence's pending state makes way for PrepareAbort; its epoch is not kept (one bump, by the abort).
    if (isEpochFence) metadata.cancelTransition()
    const now = this.deps.scheduler.now()
    const error = await this.write(metadata, metadata.prepareAbortOrCommit(target, now, nextProducerId))
    if (error !== null) return failed(error)
    void this.completeTransaction(metadata, coordinatorEpoch)
    return ok()
  }

  /** The markers of a PrepareCommit/PrepareAbort transaction, then its Complete* record; false if given up. */
  private async completeTransaction(
    metadata: TransactionMetadata,
    coordinatorEpoch: number,
  ): Promise<boolean> {
    const marker: WritableTxnMarker = {
      producerId: metadata.producerId,
      producerEpoch: metadata.producerEpoch,
      transactionResult: metadata.state === 'PrepareCommit',
      topics: groupByTopic(metadata.topicPartitions),
      coordinatorEpoch,
    }
    if (!(await this.deps.sendMarkers(metadata.transactionalId, marker))) return false
    for (;;) {
      if (this.transactions.get(metadata.transactionalId) !== metadata) return false
      if (this.deps.coordinatorEpochOf(metadata.transactionalId) !== coordinatorEpoch) return false
      if (metadata.pendingState !== null) {
        await this.deps.scheduler.sleep(RETRY_BACKOFF_MS)
        continue
      }
      const error = await this.write(metadata, metadata.prepareComplete(this.deps.scheduler.now()))
      if (error === null) return true
      if (error === 'NOT_COORDINATOR') return false
      await this.deps.scheduler.sleep(RETRY_BACKOFF_MS)
    }
  }

  /**
   * TransactionCoordinator.abortTimedOutTransactions: each Ongoing transaction past its timeout with no pending
   * transition is fenced and aborted. A fence that throws ends the scan (Kafka's scheduler logs the task's
   * exception), so the ids after it wait for the next one.
   */
  abortTimedOutTransactions(): void {
    const now = this.deps.scheduler.now()
    const timedOut = [...this.transactions.values()].filter(
      (m) => m.state === 'Ongoing' && m.pendingState === null && m.txnStartTimestamp + m.txnTimeoutMs < now,
    )
    try {
      for (const metadata of timedOut) {
        const fence = metadata.prepareFenceProducerEpoch()
        void this.endTransaction(metadata, fence.producerId, fence.producerEpoch, false, false)
      }
    } catch {
      // "Uncaught exception in scheduled task 'transaction-abort'": the rest waits for the next run.
    }
  }

  /** DescribeTransactions: NOT_COORDINATOR for ids of other brokers, TRANSACTIONAL_ID_NOT_FOUND for unknown ones. */
  describeTransactions(transactionalIds: readonly string[]): TransactionStateResponse[] {
    return transactionalIds.map((transactionalId): TransactionStateResponse => {
      const base = {
        transactionalId,
        transactionState: '',
        transactionTimeoutMs: 0,
        transactionStartTimeMs: -1,
        producerId: -1,
        producerEpoch: -1,
        topics: [],
      }
      if (this.deps.coordinatorEpochOf(transactionalId) === null) return { ...base, error: 'NOT_COORDINATOR' }
      const metadata = this.transactions.get(transactionalId)
      if (metadata === undefined || metadata.state === 'Dead')
        return { ...base, error: 'TRANSACTIONAL_ID_NOT_FOUND' }
      return {
        error: null,
        transactionalId,
        transactionState: metadata.state,
        transactionTimeoutMs: metadata.txnTimeoutMs,
        transactionStartTimeMs: metadata.txnStartTimestamp,
        producerId: metadata.producerId,
        producerEpoch: metadata.producerEpoch,
        topics: groupByTopic(metadata.topicPartitions),
      }
    })
  }

  /**
   * ListTransactions (TransactionStateManager.listTransactionStates): unknown state names are answered back;
   * Dead ids are left out; filters on states, producer ids and (durationFilter >= 0) running time.
   */
  listTransactions(request: ListTransactionsRequest): ListTransactionsResponse {
    const known = new Set(Object.keys(TRANSACTION_STATE_IDS))
    const unknownStateFilters = request.stateFilters.filter((state) => !known.has(state))
    const states = new Set(request.stateFilters)
    const producerIds = new Set(request.producerIdFilters)
    const now = this.deps.scheduler.now()
    const transactionStates = [...this.transactions.values()]
      .filter(
        (m) =>
          m.state !== 'Dead' &&
          (states.size === 0 || states.has(m.state)) &&
          (producerIds.size === 0 || producerIds.has(m.producerId)) &&
          (request.durationFilter < 0 || now - m.txnStartTimestamp > request.durationFilter),
      )
      .map((m) => ({
        transactionalId: m.transactionalId,
        producerId: m.producerId,
        transactionState: m.state,
      }))
    return { error: null, unknownStateFilters, transactionStates }
  }
}
