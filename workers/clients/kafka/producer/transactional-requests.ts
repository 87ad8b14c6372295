/**
 * The transactional part of the Java producer's TransactionManager (Kafka 4.1 clients, transactions V2):
 * the client states and the requests to the transaction coordinator.
 *
 * States: UNINITIALIZED → (initTransactions) INITIALIZING → READY → (beginTransaction) IN_TRANSACTION →
 * (commit/abort) COMMITTING_TRANSACTION / ABORTING_TRANSACTION → READY; an error of a transactional request
 * ends in FATAL_ERROR (a fenced producer, an invalid state), as does a batch answered PRODUCER_FENCED; any
 * other failed batch of the transaction ends in ABORTABLE_ERROR, from which only abortTransaction leads back to
 * READY. From FATAL_ERROR nothing leads out: every later call, the abort too, throws the error again. A call in
 * the wrong state throws IllegalStateException
 * `TransactionalId <id>: Invalid transition attempted from state <A> to state <B>`.
 *
 * - initTransactions: FindCoordinator(TRANSACTION), then InitProducerId with transaction.timeout.ms;
 *   COORDINATOR_NOT_AVAILABLE / NOT_COORDINATOR look the coordinator up again, COORDINATOR_LOAD_IN_PROGRESS and
 *   CONCURRENT_TRANSACTIONS retry after retry.backoff.ms, until max.block.ms ("Timeout expired after
 *   <n>ms while awaiting InitProducerId", TransactionalRequestResult.await); another error is fatal (a fencing, or
 *   `KafkaException: Unexpected error in InitProducerIdResponse; <the error's message>`).
 * - send: maybeAddPartition records the partition (V2: no AddPartitionsToTxn; the leader adds it) and marks
 *   the transaction started; before initTransactions or outside a transaction it throws Kafka's
 *   IllegalStateException texts.
 * - sendOffsetsToTransaction: TxnOffsetCommit straight to the group coordinator (V2: no AddOffsetsToTxn; the
 *   coordinator's broker adds its __consumer_offsets partition), which also starts the transaction.
 * - commit: the producer flushes first; a batch of the transaction that failed makes the commit fail
 *   (ABORTABLE_ERROR). abort: batches not sent yet fail with TransactionAbortedException, the ones in flight
 *   are awaited. Then EndTxn, unless nothing was sent in the transaction; its answer's producer id and epoch
 *   (the V2 bump) are the next transaction's, with sequences from 0. An EndTxn error the handler does not
 *   expect is fatal: `KafkaException: Unhandled error in EndTxnResponse: <the error's message>`.
 * - close: a graceful close aborts a transaction still open once the queued batches are sent (Sender.run);
 *   a forced one leaves it to the coordinator's timeout.
 */
import type { Clock } from '../../../net/clock.ts'
import { KAFKA_ERRORS, type GroupErrorCode, type KafkaErrorName } from '../../../protocol/kafka-errors.ts'
import type { TxnOffsetCommitRequest } from '../../../protocol/kafka-groups.ts'
import { KafkaError, type ConsumerGroupMetadata, type TransactionOffset } from '../api.ts'
import type { ClusterConnection } from '../cluster-connection.ts'
import { kafkaError } from '../errors.ts'
import { findCoordinator, type Coordinator } from '../group-coordinator-lookup.ts'
import type { TransactionManager } from './transaction-manager.ts'

type State =
  | 'UNINITIALIZED'
  | 'INITIALIZING'
  | 'READY'
  | 'IN_TRANSACTION'
  | 'COMMITTING_TRANSACTION'
  | 'ABORTING_TRANSACTION'
  | 'ABORTABLE_ERROR'
  | 'FATAL_ERROR'

/** TransactionManager.State.isTransitionValid: the states each state may be entered from. */
const VALID_SOURCES: Readonly<Record<State, readonly State[]>> = {
  UNINITIALIZED: [],
  INITIALIZING: ['UNINITIALIZED', 'ABORTABLE_ERROR'],
  READY: ['INITIALIZING', 'COMMITTING_TRANSACTION', 'ABORTING_TRANSACTION'],
  IN_TRANSACTION: ['READY'],
  COMMITTING_TRANSACTION: ['IN_TRANSACTION'],
  ABORTING_TRANSACTION: ['IN_TRANSACTION', 'ABORTABLE_ERROR'],
  ABORTABLE_ERROR: ['IN_TRANSACTION', 'COMMITTING_TRANSACTION', 'ABORTABLE_ERROR', 'ABORTING_TRANSACTION'],
  FATAL_ERROR: [
    'UNINITIALIZED',
    'INITIALIZING',
    'READY',
    'IN_TRANSACTION',
    'COMMITTING_TRANSACTION',
    'ABORTING_TRANSACTION',
    'ABORTABLE_ERROR',
    'FATAL_ERROR',
  ],
}

const ILLEGAL_STATE = 'java.lang.IllegalStateException'
const REFIND: ReadonlySet<KafkaErrorName> = new Set(['COORDINATOR_NOT_AVAILABLE', 'NOT_COORDINATOR'])
const RETRY: ReadonlySet<KafkaErrorName> = new Set([
  'COORDINATOR_LOAD_IN_PROGRESS',
  'CONCURRENT_TRANSACTIONS',
])

/** TxnOffsetCommitHandler: errors that send the producer back to FindCoordinator(GROUP), and plain retries. */
const REFIND_OFFSETS: ReadonlySet<GroupErrorCode> = new Set([
  'COORDINATOR_NOT_AVAILABLE',
  'NOT_COORDINATOR',
  'REQUEST_TIMED_OUT',
])
const RETRY_OFFSETS: ReadonlySet<GroupErrorCode> = new Set([
  'UNKNOWN_TOPIC_OR_PARTITION',
  'COORDINATOR_LOAD_IN_PROGRESS',
])
/** TransactionManager.isFatalException (UNSUPPORTED_FOR_MESSAGE_FORMAT cannot happen here): thrown as they are. */
const FATAL_OFFSETS: ReadonlySet<GroupErrorCode> = new Set([
  'TRANSACTIONAL_ID_AUTHORIZATION_FAILED',
  'INVALID_PRODUCER_EPOCH',
  'PRODUCER_FENCED',
])

/**
 * TransactionManager.maybeTransitionToErrorState: the exceptions of a failed batch or send that put the producer
 * in FATAL_ERROR (those the playground's brokers can answer: ClusterAuthorizationException and
 * UnsupportedVersionException cannot arise here).
 */
const FATAL_ERRORS: ReadonlySet<string> = new Set([
  'TransactionalIdAuthorizationException',
  'ProducerFencedException',
  'InvalidPidMappingException',
])

/**
 * EndTxnHandler.handleResponse: the exception an EndTxn error (other than a coordinator one or a retriable one)
 * ends the producer with. An old epoch is a fencing (older coordinators answered INVALID_PRODUCER_EPOCH); the
 * producer's own errors are thrown as they are; anything else is a KafkaException naming the error's message.
 */
function endTxnFailure(error: KafkaErrorName): KafkaError {
  if (error === 'INVALID_PRODUCER_EPOCH' || error === 'PRODUCER_FENCED') return kafkaError('PRODUCER_FENCED')
  if (END_TXN_OWN_ERRORS.has(error)) return kafkaError(error)
  return new KafkaError(
    'org.apache.kafka.common.KafkaException',
    `Unhandled error in EndTxnResponse: ${KAFKA_ERRORS[error].message}`,
  )
}

/**
 * InitProducerIdHandler.handleResponse: the exception an InitProducerId error (other than a coordinator one or a
 * retriable one) ends the producer with. An old epoch is a fencing; TRANSACTIONAL_ID_AUTHORIZATION_FAILED is thrown
 * as it is (the playground's brokers enforce no ACLs, so it does not occur); anything else is a KafkaException
 * `Unexpected error in InitProducerIdResponse; <the error's message>`, such as INVALID_TRANSACTION_TIMEOUT's.
 */
function initProducerIdFailure(error: KafkaErrorName): KafkaError {
  if (error === 'INVALID_PRODUCER_EPOCH' || error === 'PRODUCER_FENCED') return kafkaError('PRODUCER_FENCED')
  if (error === 'TRANSACTIONAL_ID_AUTHORIZATION_FAILED') return kafkaError(error)
  return new KafkaError(
    'org.apache.kafka.common.KafkaException',
    `Unexpected error in InitProducerIdResponse; ${KAFKA_ERRORS[error].message}`,
  )
}

const END_TXN_OWN_ERRORS: ReadonlySet<KafkaErrorName> = new Set([
  'TRANSACTIONAL_ID_AUTHORIZATION_FAILED',
  'INVALID_TXN_STATE',
  'INVALID_PRODUCER_ID_MAPPING',
])

/** sendOffsetsToTransaction's offsets as TxnOffsetCommit's topics. */
function groupByTopic(offsets: readonly TransactionOffset[]): TxnOffsetCommitRequest['topics'] {
  const topics = [...new Set(offsets.map((o) => o.topic))]
  return topics.map((name) => ({
    name,
    partitions: offsets
      .filter((o) => o.topic === name)
      .map((o) => ({
        partitionIndex: o.partition,
        committedOffset: o.offset,
        committedLeaderEpoch: o.leaderEpoch,
        committedMetadata: o.metadata,
      })),
  }))
}

export interface TransactionalRequestsConfig {
  transactionalId: string
  transactionTimeoutMs: number
  retryBackoffMs: number
  maxBlockMs: number
}

export class TransactionalRequests {
  private state: State = 'UNINITIALIZED'
  private transactionStarted = false
  private coordinator: Coordinator | null = null
  /** lastError: the exception that put the producer in FATAL_ERROR or ABORTABLE_ERROR (a failed batch's). */
  private lastError: Error | null = null

  constructor(
    private readonly connection: ClusterConnection,
    private readonly clock: Clock,
    private readonly manager: TransactionManager,
    private readonly config: TransactionalRequestsConfig,
  ) {}

  private transitionTo(target: State): void {
    if (!VALID_SOURCES[target].includes(this.state)) {
      throw new KafkaError(
        ILLEGAL_STATE,
        `TransactionalId ${this.config.transactionalId}: Invalid transition attempted from state ${this.state} to state ${target}`,
      )
    }
    this.state = target
  }

  /**
   * maybeFailWithError: after an error, every transactional call but an abort (of an abortable one) fails; a
   * fencing or an old epoch is thrown again as a new exception naming the producer id and epoch.
   */
  private maybeFailWithError(): void {
    if (this.state !== 'FATAL_ERROR' && this.state !== 'ABORTABLE_ERROR') return
    const producer =
      `Producer with transactionalId '${this.config.transactionalId}' and ` +
      `(producerId=${this.manager.producerId}, epoch=${this.manager.producerEpoch})`
    const last = this.lastError instanceof KafkaError ? this.lastError : null
    if (
      last?.simpleName === 'ProducerFencedException' ||
      last?.simpleName === 'InvalidProducerEpochException'
    ) {
      const what =
        last.simpleName === 'ProducerFencedException'
          ? 'has been fenced by another producer with the same transactionalId'
          : 'attempted to produce with an old epoch'
      throw new KafkaError(last.exceptionClass, `${producer} ${what}`)
    }
    throw new KafkaError(
      'org.apache.kafka.common.KafkaException',
      'Cannot execute transactional method because we are in an error state',
    )
  }

  async initTransactions(): Promise<void> {
    this.maybeFailWithError()
    this.transitionTo('INITIALIZING')
    const response = await this.coordinatorCall(
      'InitProducerId',
      (broker) =>
        broker.initProducerId({
          transactionalId: this.config.transactionalId,
          transactionTimeoutMs: this.config.transactionTimeoutMs,
          producerId: -1,
          producerEpoch: -1,
        }),
      initProducerIdFailure,
    )
    this.manager.setProducerIdAndEpoch(response.producerId, response.producerEpoch)
    this.transitionTo('READY')
  }

  beginTransaction(): void {
    this.maybeFailWithError()
    this.transitionTo('IN_TRANSACTION')
  }

  /** TransactionManager.maybeAddPartition, at each send of a transactional producer. */
  maybeAddPartition(topic: string, partition: number): void {
    this.maybeFailWithError()
    const name = `${topic}-${partition}`
    if (!this.manager.hasProducerId) {
      throw new KafkaError(
        ILLEGAL_STATE,
        `Cannot add partition ${name} to transaction before completing a call to initTransactions`,
      )
    }
    if (this.state !== 'IN_TRANSACTION') {
      throw new KafkaError(
        ILLEGAL_STATE,
        `Cannot add partition ${name} to transaction while in state  ${this.state}`,
      )
    }
    this.transactionStarted = true
  }

  /**
   * TransactionManager.maybeTransitionToErrorState, for a failed batch or a send's ApiException: a fencing (or
   * another of the producer's own errors) is fatal (transitionToFatalError), anything else makes the
   * transaction abortable (transitionToAbortableError; not while it aborts, nor once fatal, where Kafka's
   * transition is refused). The latest such error is lastError.
   */
  maybeTransitionToErrorState(error: Error): void {
    if (error instanceof KafkaError && FATAL_ERRORS.has(error.simpleName)) {
      this.transitionTo('FATAL_ERROR')
      this.lastError = error
    } else if (
      this.state === 'IN_TRANSACTION' ||
      this.state === 'COMMITTING_TRANSACTION' ||
      this.state === 'ABORTABLE_ERROR'
    ) {
      this.transitionTo('ABORTABLE_ERROR')
      this.lastError = error
    }
  }

  /** hasAbortableError ? lastError : null — what the Sender fails the unsent batches with. */
  get abortableError(): Error | null {
    return this.state === 'ABORTABLE_ERROR' ? this.lastError : null
  }

  /** hasFatalError ? lastError : null — what the Sender fails every incomplete batch with. */
  get fatalError(): Error | null {
    return this.state === 'FATAL_ERROR' ? this.lastError : null
  }

  /**
   * TransactionManager.sendOffsetsToTransaction (V2: no AddOffsetsToTxn) and TxnOffsetCommitHandler: the
   * offsets go to the group's coordinator until every partition is accepted. COORDINATOR_NOT_AVAILABLE,
   * NOT_COORDINATOR and REQUEST_TIMED_OUT look the coordinator up again, UNKNOWN_TOPIC_OR_PARTITION and
   * COORDINATOR_LOAD_IN_PROGRESS retry; FENCED_INSTANCE_ID, UNKNOWN_MEMBER_ID and ILLEGAL_GENERATION are
   * abortable (the last two as CommitFailedException), the producer's own errors fatal.
   */
  async sendOffsetsToTransaction(
    offsets: readonly TransactionOffset[],
    group: ConsumerGroupMetadata,
  ): Promise<void> {
    this.maybeFailWithError()
    if (this.state !== 'IN_TRANSACTION') {
      throw new KafkaError(
        ILLEGAL_STATE,
        `Cannot send offsets if a transaction is not in progress (currentState= ${this.state})`,
      )
    }
    this.transactionStarted = true
    let pending = [...offsets]
    let coordinator: Coordinator | null = null
    const deadline = this.clock.now() + this.config.maxBlockMs
    while (this.clock.now() < deadline) {
      coordinator ??= await findCoordinator(this.connection, group.groupId).catch(() => null)
      const { producerId, producerEpoch } = this.manager
      const request = {
        transactionalId: this.config.transactionalId,
        groupId: group.groupId,
        producerId,
        producerEpoch,
        generationId: group.generationId,
        memberId: group.memberId,
        groupInstanceId: group.groupInstanceId,
        topics: groupByTopic(pending),
      }
      const response =
        coordinator === null ? null : await coordinator.broker.txnOffsetCommit(request).catch(() => null)
      if (response === null) coordinator = null
      const errors = new Map(
        (response?.topics ?? []).flatMap((t) =>
          t.partitions.map((p) => [`${t.name}-${p.partitionIndex}`, p.error]),
        ),
      )
      for (const error of errors.values()) {
        if (REFIND_OFFSETS.has(error)) coordinator = null
        else if (error !== 'NONE' && !RETRY_OFFSETS.has(error)) throw this.txnOffsetCommitFailure(error)
      }
      if (response !== null)
        pending = pending.filter((o) => errors.get(`${o.topic}-${o.partition}`) !== 'NONE')
      if (pending.length === 0) return
      await this.clock.sleep(this.config.retryBackoffMs)
    }
    throw this.awaitTimeout('TxnOffsetCommit')
  }

  /**
   * TxnOffsetCommitHandler's verdict on a partition error: the abortable or fatal state, with what is thrown as
   * its lastError.
   */
  private txnOffsetCommitFailure(error: KafkaErrorName): KafkaError {
    if (error === 'UNKNOWN_MEMBER_ID' || error === 'ILLEGAL_GENERATION' || error === 'FENCED_INSTANCE_ID') {
      this.transitionTo('ABORTABLE_ERROR')
      const abortable =
        error === 'FENCED_INSTANCE_ID'
          ? kafkaError(error)
          : new KafkaError(
              'org.apache.kafka.clients.consumer.CommitFailedException',
              `Transaction offset Commit failed due to consumer group metadata mismatch: ${kafkaError(error).message}`,
            )
      this.lastError = abortable
      return abortable
    }
    this.transitionTo('FATAL_ERROR')
    const fatal = FATAL_OFFSETS.has(error)
      ? kafkaError(error)
      : new KafkaError(
          'org.apache.kafka.common.KafkaException',
          `Unexpected error in TxnOffsetCommitResponse: ${kafkaError(error).message}`,
        )
    this.lastError = fatal
    return fatal
  }

  /** beginCommit / beginAbort: before the producer flushes for a commit, or aborts its unsent batches. */
  beginCompletion(commit: boolean): void {
    if (commit || this.state !== 'ABORTABLE_ERROR') this.maybeFailWithError()
    this.transitionTo(commit ? 'COMMITTING_TRANSACTION' : 'ABORTING_TRANSACTION')
  }

  /**
   * Sender.run at a graceful close, once every queued batch is sent: a transaction that no commit or abort
   * ended (IN_TRANSACTION, or ABORTABLE_ERROR after a failed batch) is aborted, as the Sender does after logging
   * `Aborting incomplete transaction due to shutdown` (INFO, below the tools' WARN log level). A commit or abort
   * already under way is left to its caller. The close does not fail when the abort does: the Sender logs it.
   */
  async abortIncompleteTransaction(): Promise<void> {
    if (this.state !== 'IN_TRANSACTION' && this.state !== 'ABORTABLE_ERROR') return
    try {
      this.beginCompletion(false)
      await this.completeTransaction(false)
    } catch {
      // Sender.run: "Uncaught error in kafka producer I/O thread", and the close goes on.
    }
  }

  /** EndTxn (unless nothing was sent), then READY with the answer's producer id and epoch. */
  async completeTransaction(commit: boolean): Promise<void> {
    // A batch failed during the commit's flush: the commit fails, only an abort is left.
    if (this.state === 'ABORTABLE_ERROR') this.maybeFailWithError()
    if (this.transactionStarted) {
      const { producerId, producerEpoch } = this.manager
      const response = await this.coordinatorCall(
        'EndTxn',
        (broker) =>
          broker.endTxn({
            transactionalId: this.config.transactionalId,
            producerId,
            producerEpoch,
            committed: commit,
          }),
        endTxnFailure,
      )
      this.manager.setProducerIdAndEpoch(response.producerId, response.producerEpoch)
    }
    this.transactionStarted = false
    this.transitionTo('READY')
  }

  /**
   * A request to the coordinator, looked up again or retried as its error says, until max.block.ms; any other
   * error puts the producer in FATAL_ERROR with the exception `failure` makes of it.
   */
  private async coordinatorCall<T extends { error: KafkaErrorName | null }>(
    operation: string,
    call: (broker: Coordinator['broker']) => Promise<T>,
    failure: (error: KafkaErrorName) => KafkaError = (error) => kafkaError(error),
  ): Promise<T> {
    const deadline = this.clock.now() + this.config.maxBlockMs
    while (this.clock.now() < deadline) {
      if (this.coordinator === null)
        this.coordinator = await findCoordinator(
          this.connection,
          this.config.transactionalId,
          'TRANSACTION',
        ).catch(() => null)
      const response =
        this.coordinator === null ? null : await call(this.coordinator.broker).catch(() => null)
      if (response !== null && response.error === null) return response
      if (response === null || REFIND.has(response.error!)) this.coordinator = null
      else if (!RETRY.has(response.error!)) {
        this.transitionTo('FATAL_ERROR')
        this.lastError = failure(response.error!)
        throw this.lastError
      }
      await this.clock.sleep(this.config.retryBackoffMs)
    }
    throw this.awaitTimeout(operation)
  }

  /** TransactionalRequestResult.await's TimeoutException after max.block.ms. */
  private awaitTimeout(operation: string): KafkaError {
    return new KafkaError(
      'org.apache.kafka.common.errors.TimeoutException',
      `Timeout expired after ${this.config.maxBlockMs}ms while awaiting ${operation}`,
    )
  }
}
