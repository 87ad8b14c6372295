/**
 * The transaction APIs a broker answers, as typed calls (Kafka 4.1's request and response schemas reduced to
 * the fields the clients read): DescribeProducers (API key 61, v0): the producers a partition replica
 * knows, with their epoch, last sequence, last timestamp, the coordinator epoch of their last marker (-1
 * before one) and the first offset of their open transaction (-1 when none is open); the transaction
 * coordinator's InitProducerId with a transactional id (v5), EndTxn (v5, transactions V2: the answer carries
 * the bumped epoch), DescribeTransactions (v0), ListTransactions (v1: state, producer id and duration
 * filters); WriteTxnMarkers (v1) as an Admin sends it to abort a hanging transaction. FindCoordinator's key
 * type TRANSACTION is in kafka-groups.ts' findCoordinator. The transactional producer's AddPartitionsToTxn
 * is the broker's own (transactions V2: the partition leader adds the partition, kafka/transaction/).
 */
import type { KafkaErrorName } from './kafka-errors.ts'
import type { InitProducerIdResponse } from './kafka.ts'

export interface DescribeProducersPartition {
  topic: string
  partition: number
}

/** DescribeProducersResponseData.ProducerState. */
export interface ProducerStateDescription {
  producerId: number
  producerEpoch: number
  lastSequence: number
  lastTimestamp: number
  coordinatorEpoch: number
  currentTxnStartOffset: number
}

export interface DescribeProducersPartitionResponse {
  topic: string
  partition: number
  error: KafkaErrorName | null
  errorMessage: string | null
  activeProducers: ProducerStateDescription[]
}

/** InitProducerIdRequest: a transactional id (null for an idempotent producer) and its timeout. */
export interface InitProducerIdRequest {
  transactionalId: string | null
  transactionTimeoutMs: number
  /** The producer id and epoch the producer had (-1 for none): a KIP-360 epoch bump. */
  producerId: number
  producerEpoch: number
}

export interface EndTxnRequest {
  transactionalId: string
  producerId: number
  producerEpoch: number
  committed: boolean
}

/** EndTxnResponse v5: the producer id and epoch the next transaction uses (-1 on an error). */
export interface EndTxnResponse {
  error: KafkaErrorName | null
  producerId: number
  producerEpoch: number
}

export interface TxnTopicData {
  topic: string
  partitions: number[]
}

/** DescribeTransactionsResponseData.TransactionState. */
export interface TransactionStateResponse {
  error: KafkaErrorName | null
  transactionalId: string
  transactionState: string
  transactionTimeoutMs: number
  /** -1 when no transaction started (Empty). */
  transactionStartTimeMs: number
  producerId: number
  producerEpoch: number
  topics: TxnTopicData[]
}

export interface ListTransactionsRequest {
  stateFilters: string[]
  producerIdFilters: number[]
  /** -1: every transaction; otherwise those running longer than this many ms. */
  durationFilter: number
}

export interface ListedTransaction {
  transactionalId: string
  producerId: number
  transactionState: string
}

export interface ListTransactionsResponse {
  error: KafkaErrorName | null
  unknownStateFilters: string[]
  transactionStates: ListedTransaction[]
}

/** WritableTxnMarker: one transaction's marker for some partitions. */
export interface WritableTxnMarker {
  producerId: number
  producerEpoch: number
  /** true: COMMIT, false: ABORT. */
  transactionResult: boolean
  topics: TxnTopicData[]
  coordinatorEpoch: number
}

export interface WriteTxnMarkersPartitionResult {
  topic: string
  partition: number
  error: KafkaErrorName | null
}

export interface WriteTxnMarkersResult {
  producerId: number
  partitions: WriteTxnMarkersPartitionResult[]
}

export interface TransactionApi {
  /** DescribeProducers on this broker's replicas of the partitions (leader or follower). */
  describeProducers(partitions: DescribeProducersPartition[]): Promise<DescribeProducersPartitionResponse[]>
  /**
   * InitProducerId: without a transactional id (or no request) a new producer id from this broker's block,
   * epoch 0 (COORDINATOR_LOAD_IN_PROGRESS while the broker waits for a block); with one, the transaction
   * coordinator's answer (NOT_COORDINATOR on another broker).
   */
  initProducerId(request?: InitProducerIdRequest): Promise<InitProducerIdResponse>
  endTxn(request: EndTxnRequest): Promise<EndTxnResponse>
  describeTransactions(transactionalIds: string[]): Promise<TransactionStateResponse[]>
  /** The transactions this broker coordinates (an Admin asks every broker). */
  listTransactions(request: ListTransactionsRequest): Promise<ListTransactionsResponse>
  /** The markers appended on the partitions this broker leads (Admin.abortTransaction). */
  writeTxnMarkers(markers: WritableTxnMarker[]): Promise<WriteTxnMarkersResult[]>
}
