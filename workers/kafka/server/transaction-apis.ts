/**
 * The broker's transaction APIs (Kafka 4.1 KafkaApis):
 * - DescribeProducers (handleDescribeProducersRequest): a partition the metadata does not know is
 *   UNKNOWN_TOPIC_OR_PARTITION; one this broker hosts no replica of is NOT_LEADER_OR_FOLLOWER; otherwise its
 *   replica's producers (leader or follower), as UnifiedLog.activeProducers lists them.
 * - FindCoordinator with key type TRANSACTION: `__transaction_state` is created on first use (50 partitions,
 *   replication factor 3 capped at the live brokers, compacted, uncompressed, min.insync.replicas 2 capped at
 *   the replication factor, 100 MiB segments, no unclean election), then the leader of the id's partition.
 * - InitProducerId: without a transactional id a new producer id from this broker's block, epoch 0; with one,
 *   the transaction coordinator (NOT_COORDINATOR on a broker that does not own the id).
 * - EndTxn, DescribeTransactions, ListTransactions: the coordinator's answers.
 * - WriteTxnMarkers (from a coordinator, or an Admin's abortTransaction): each partition's control batch
 *   appended by its leader with origin coordinator and acks=-1 (UNKNOWN_TOPIC_OR_PARTITION for a topic the
 *   metadata does not know); a marker written to a __consumer_offsets partition is replayed by the group
 *   coordinator (GroupCoordinator.completeTransaction: the transaction's offsets commit or go).
 * - The same add for a group coordinator's transactional offset commit (TxnOffsetCommit v5): its
 *   __consumer_offsets partition joins the transaction before the offsets are written.
 * - The transactions V2 produce check (ReplicaManager.appendRecords with AddPartitionsToTxnManager): a
 *   transactional batch of a producer with no open transaction on the partition first has the coordinator add
 *   the partition (AddPartitionsToTxn v5); its errors become the partition's produce error: PRODUCER_FENCED as
 *   INVALID_PRODUCER_EPOCH, the retriable ones as NOT_ENOUGH_REPLICAS ("Unable to verify the partition has been
 *   added to the transaction. Underlying error: ..."), the rest as they are.
 */
import type {
  CreatableTopic,
  InitProducerIdResponse,
  ProducePartitionData,
  TopicError,
} from '../../protocol/kafka.ts'
import type { KafkaErrorName } from '../../protocol/kafka-errors.ts'
import type { FindCoordinatorResponse } from '../../protocol/kafka-groups.ts'
import type {
  DescribeProducersPartition,
  DescribeProducersPartitionResponse,
  EndTxnRequest,
  EndTxnResponse,
  InitProducerIdRequest,
  ListTransactionsRequest,
  ListTransactionsResponse,
  TransactionApi,
  TransactionStateResponse,
  WritableTxnMarker,
  WriteTxnMarkersResult,
} from '../../protocol/kafka-transactions.ts'
import type { Scheduler } from '../../net/scheduler.ts'
import type { LogEngine } from '../../../engine-wasm/src/log/index.ts'
import { endTxnMarkerBatch } from '../log/end-txn-marker.ts'
import type { ClusterMetadata } from '../metadata/cluster-metadata.ts'
import type { ReplicaManager } from '../replication/replica-manager.ts'
import type { TopicPartitionRef } from '../transaction/transaction-metadata.ts'
import type { TxnBrokerRequest, TxnBrokerResponse } from '../transaction/txn-messages.ts'
import { findCoordinatorNode, type CoordinatorTopicSpec } from './coordinator-topic.ts'
import { GROUP_METADATA_TOPIC_NAME } from './group-coordinator-loader.ts'
import type { ProducerIdManager } from './producer-id-manager.ts'
import {
  TRANSACTION_STATE_TOPIC_NAME,
  type TransactionCoordinatorLoader,
} from './transaction-coordinator-loader.ts'

const TRANSACTION_STATE_TOPIC: CoordinatorTopicSpec = {
  name: TRANSACTION_STATE_TOPIC_NAME,
  partitions: 50,
  replicationFactor: 3,
  configs: (replicationFactor) => ({
    'cleanup.policy': 'compact',
    'compression.type': 'uncompressed',
    'min.insync.replicas': String(Math.min(2, replicationFactor)),
    'segment.bytes': String(100 * 1024 * 1024),
    'unclean.leader.election.enable': 'false',
  }),
}
/** The marker writes' timeout (the coordinator's request.timeout.ms). */
const MARKER_TIMEOUT_MS = 30_000
const VERIFICATION_RETRIABLE: ReadonlySet<KafkaErrorName> = new Set([
  'CONCURRENT_TRANSACTIONS',
  'COORDINATOR_LOAD_IN_PROGRESS',
  'COORDINATOR_NOT_AVAILABLE',
  'NOT_COORDINATOR',
])

const ATTRIBUTES_AT = 21
const PRODUCER_ID_AT = 43
const PRODUCER_EPOCH_AT = 51
const TRANSACTIONAL_FLAG = 0x10
const CONTROL_FLAG = 0x20

/** The producer of a transactional data batch (the first batch of the bytes), or null. */
function transactionalProducer(records: Uint8Array): { producerId: number; producerEpoch: number } | null {
  if (records.length < PRODUCER_EPOCH_AT + 2) return null
  const view = new DataView(records.buffer, records.byteOffset, records.byteLength)
  const attributes = view.getInt16(ATTRIBUTES_AT)
  if ((attributes & TRANSACTIONAL_FLAG) === 0 || (attributes & CONTROL_FLAG) !== 0) return null
  return {
    producerId: Number(view.getBigInt64(PRODUCER_ID_AT)),
    producerEpoch: view.getInt16(PRODUCER_EPOCH_AT),
  }
}

/** A produce partition's refusal by the transaction check. */
export interface VerificationFailure {
  error: KafkaErrorName
  errorMessage: string | null
}

export interface TransactionApisDeps {
  brokerId: number
  metadata: ClusterMetadata
  replicaManager: ReplicaManager
  engine: LogEngine
  scheduler: Scheduler
  producerIds: ProducerIdManager
  loader: TransactionCoordinatorLoader
  createTopics: (topics: CreatableTopic[], validateOnly: boolean) => Promise<TopicError[]>
  /** A request to another broker's `txn` channel; rejects when it cannot be reached. */
  sendToBroker: (brokerId: number, request: TxnBrokerRequest) => Promise<TxnBrokerResponse>
  /** A marker was written to this __consumer_offsets partition (the group coordinator replays it). */
  completeGroupTransaction: (partition: number, producerId: number, commit: boolean) => void
}

export class TransactionApis implements TransactionApi {
  constructor(private readonly deps: TransactionApisDeps) {}

  private get coordinator() {
    return this.deps.loader.coordinator
  }

  describeProducers(partitions: DescribeProducersPartition[]): Promise<DescribeProducersPartitionResponse[]> {
    const { metadata, replicaManager } = this.deps
    return Promise.resolve(
      partitions.map(({ topic, partition }): DescribeProducersPartitionResponse => {
        const base = { topic, partition, errorMessage: null, activeProducers: [] }
        const topicId = metadata.topicIdsByName.get(topic)
        const known = topicId !== undefined && metadata.topicsById.get(topicId)?.partitions.has(partition)
        if (topicId === undefined || !known) return { ...base, error: 'UNKNOWN_TOPIC_OR_PARTITION' }
        const replica = replicaManager.getPartition(topicId, partition)
        if (!replica) return { ...base, error: 'NOT_LEADER_OR_FOLLOWER' }
        return { ...base, error: null, activeProducers: replica.log.producerState.describe() }
      }),
    )
  }

  findTransactionCoordinator(transactionalId: string): Promise<FindCoordinatorResponse> {
    return findCoordinatorNode(this.deps.metadata, this.deps.createTopics, TRANSACTION_STATE_TOPIC, () =>
      this.deps.loader.partitionFor(transactionalId),
    )
  }

  initProducerId(request?: InitProducerIdRequest): Promise<InitProducerIdResponse> {
    if (request === undefined || request.transactionalId === null) {
      const producerId = this.deps.producerIds.generateProducerId()
      return Promise.resolve(
        producerId === null
          ? { error: 'COORDINATOR_LOAD_IN_PROGRESS', producerId: -1, producerEpoch: -1 }
          : { error: null, producerId, producerEpoch: 0 },
      )
    }
    return this.coordinator.handleInitProducerId({ ...request, transactionalId: request.transactionalId })
  }

  endTxn(request: EndTxnRequest): Promise<EndTxnResponse> {
    return this.coordinator.handleEndTransaction(request)
  }

  describeTransactions(transactionalIds: string[]): Promise<TransactionStateResponse[]> {
    return Promise.resolve(this.coordinator.describeTransactions(transactionalIds))
  }

  listTransactions(request: ListTransactionsRequest): Promise<ListTransactionsResponse> {
    return Promise.resolve(this.coordinator.listTransactions(request))
  }

  /** KafkaApis.handleWriteTxnMarkersRequest: every marker's partitions, on this broker as their leader. */
  async writeTxnMarkers(markers: WritableTxnMarker[]): Promise<WriteTxnMarkersResult[]> {
    const { metadata, replicaManager, engine, scheduler } = this.deps
    return Promise.all(
      markers.map(async (marker): Promise<WriteTxnMarkersResult> => {
        const partitions = marker.topics.flatMap(({ topic, partitions: ids }) =>
          ids.map((partition) => ({ topic, partition, topicId: metadata.topicIdsByName.get(topic) })),
        )
        const markerBatch = (): Uint8Array =>
          endTxnMarkerBatch(
            {
              type: marker.transactionResult ? 'COMMIT' : 'ABORT',
              coordinatorEpoch: marker.coordinatorEpoch,
            },
            {
              producerId: marker.producerId,
              producerEpoch: marker.producerEpoch,
              timestamp: scheduler.now(),
            },
            (bytes) => engine.crc32c(bytes),
          )
        const known = partitions.filter((p): p is typeof p & { topicId: string } => p.topicId !== undefined)
        const results = await replicaManager.appendRecords(
          -1,
          MARKER_TIMEOUT_MS,
          known.map(({ topicId, partition }) => ({ topicId, partition, records: markerBatch() })),
          'coordinator',
        )
        for (const { topic, partition, topicId } of known) {
          const written = results.find((r) => r.topicId === topicId && r.partition === partition)
          if (topic === GROUP_METADATA_TOPIC_NAME && written?.error === null)
            this.deps.completeGroupTransaction(partition, marker.producerId, marker.transactionResult)
        }
        return {
          producerId: marker.producerId,
          partitions: partitions.map(({ topic, partition, topicId }) => ({
            topic,
            partition,
            error:
              topicId === undefined
                ? 'UNKNOWN_TOPIC_OR_PARTITION'
                : (results.find((r) => r.topicId === topicId && r.partition === partition)?.error ?? null),
          })),
        }
      }),
    )
  }

  /** The `txn` channel's requests from other brokers. */
  async handleBrokerRequest(request: TxnBrokerRequest): Promise<TxnBrokerResponse> {
    if (request.api === 'WriteTxnMarkers')
      return { api: 'WriteTxnMarkers', results: await this.writeTxnMarkers(request.markers) }
    const error = await this.coordinator.handleAddPartitions(
      request.transactionalId,
      request.producerId,
      request.producerEpoch,
      request.partitions,
    )
    return { api: 'AddPartitionsToTxn', error }
  }

  /** WriteTxnMarkers to a broker: this one's own handler, or over the `txn` channel. */
  async writeTxnMarkersOn(brokerId: number, markers: WritableTxnMarker[]): Promise<WriteTxnMarkersResult[]> {
    if (brokerId === this.deps.brokerId) return this.writeTxnMarkers(markers)
    const response = await this.deps.sendToBroker(brokerId, { api: 'WriteTxnMarkers', markers })
    if (response.api !== 'WriteTxnMarkers') throw new Error('unexpected response')
    return response.results
  }

  /**
   * The transactions V2 check of a produce request: the partitions whose transactional batch starts a
   * transaction there are added by the coordinator first. Answers the refused partitions, by index of `data`;
   * at once (no promise) when there is nothing to add, as for every non-transactional produce.
   */
  verifyTransactionalProduce(
    transactionalId: string | null,
    data: readonly ProducePartitionData[],
  ): Map<number, VerificationFailure> | Promise<Map<number, VerificationFailure>> {
    const failures = new Map<number, VerificationFailure>()
    const toAdd: {
      index: number
      partition: TopicPartitionRef
      producerId: number
      producerEpoch: number
    }[] = []
    data.forEach((entry, index) => {
      const producer = transactionalProducer(entry.records)
      if (producer === null) return
      if (transactionalId === null) {
        failures.set(index, { error: 'TRANSACTIONAL_ID_AUTHORIZATION_FAILED', errorMessage: null })
        return
      }
      if (this.hasOpenTransaction(entry.topic, entry.partition, producer)) return
      toAdd.push({ index, partition: { topic: entry.topic, partition: entry.partition }, ...producer })
    })
    const first = toAdd[0]
    if (first === undefined || transactionalId === null) return failures
    return this.addPartitionsToTxn({
      api: 'AddPartitionsToTxn',
      transactionalId,
      producerId: first.producerId,
      producerEpoch: first.producerEpoch,
      partitions: toAdd.map((a) => a.partition),
    }).then((error) => {
      if (error !== null) for (const { index } of toAdd) failures.set(index, verificationFailure(error))
      return failures
    })
  }

  /**
   * The same check for a group coordinator's transactional write to a __consumer_offsets partition
   * (CoordinatorPartitionWriter.maybeStartTransactionVerification): null once the partition is in the
   * transaction, else the error AddPartitionsToTxnManager maps the coordinator's to.
   */
  async verifyOffsetsPartition(
    partition: number,
    producer: { transactionalId: string; producerId: number; producerEpoch: number },
  ): Promise<KafkaErrorName | null> {
    if (this.hasOpenTransaction(GROUP_METADATA_TOPIC_NAME, partition, producer)) return null
    const error = await this.addPartitionsToTxn({
      api: 'AddPartitionsToTxn',
      ...producer,
      partitions: [{ topic: GROUP_METADATA_TOPIC_NAME, partition }],
    })
    return error === null ? null : verificationFailure(error).error
  }

  /** Whether the partition's leader here has the producer's transaction open at this epoch. */
  private hasOpenTransaction(
    topic: string,
    partition: number,
    producer: { producerId: number; producerEpoch: number },
  ): boolean {
    const topicId = this.deps.metadata.topicIdsByName.get(topic)
    const replica =
      topicId === undefined ? undefined : this.deps.replicaManager.getPartition(topicId, partition)
    const state = replica?.log.producerState.lastEntry(producer.producerId)
    return state?.currentTxnFirstOffset != null && state.producerEpoch === producer.producerEpoch
  }

  /** AddPartitionsToTxn v5 to the id's coordinator (COORDINATOR_NOT_AVAILABLE when there is none or it is unreachable). */
  private async addPartitionsToTxn(
    request: TxnBrokerRequest & { api: 'AddPartitionsToTxn' },
  ): Promise<KafkaErrorName | null> {
    const { metadata, loader, brokerId } = this.deps
    const partition = loader.partitionFor(request.transactionalId)
    const leader = metadata.topic(TRANSACTION_STATE_TOPIC_NAME)?.partitions.get(partition)?.leader ?? -1
    if (leader < 0) return 'COORDINATOR_NOT_AVAILABLE'
    if (leader === brokerId) {
      const response = await this.handleBrokerRequest(request)
      return response.api === 'AddPartitionsToTxn' ? response.error : 'UNKNOWN_SERVER_ERROR'
    }
    const response = await this.deps.sendToBroker(leader, request).catch(() => null)
    if (response === null) return 'COORDINATOR_NOT_AVAILABLE'
    return response.api === 'AddPartitionsToTxn' ? response.error : 'UNKNOWN_SERVER_ERROR'
  }
}

/** AddPartitionsToTxnManager's mapping of the coordinator's error to the produce partition's. */
function verificationFailure(error: KafkaErrorName): VerificationFailure {
  return error === 'PRODUCER_FENCED'
    ? { error: 'INVALID_PRODUCER_EPOCH', errorMessage: null }
    : VERIFICATION_RETRIABLE.has(error)
      ? {
          error: 'NOT_ENOUGH_REPLICAS',
          errorMessage: `Unable to verify the partition has been added to the transaction. Underlying error: ${error}`,
        }
      : { error, errorMessage: null }
}
