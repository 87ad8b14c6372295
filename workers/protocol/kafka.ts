/**
 * The Kafka broker's boundary: the subset of the Kafka wire protocol's requests that the clients use,
 * as typed calls. Record data crosses as RecordBatch v2 bytes (one Uint8Array for many batches), never
 * one record per message. Error codes and names are Kafka's own (see kafka-errors.ts).
 */
import type { KafkaErrorName } from './kafka-errors.ts'
import type { GroupCoordinatorApi } from './kafka-groups.ts'
import type { FeatureApi } from './kafka-features.ts'
import type { AclApi } from './kafka-acls.ts'
import type { ClientQuotaApi } from './kafka-quotas.ts'
import type { TransactionApi } from './kafka-transactions.ts'

/** Broker n listens on localhost:(KAFKA_BASE_PORT + n - 1): broker 1 on 9092, as course notes assume. */
export const KAFKA_BASE_PORT = 9092

export interface BrokerNode {
  id: number
  host: string
  port: number
  rack: string | null
}

export interface CreatableTopic {
  name: string
  /** -1 means the broker default (`num.partitions`). */
  numPartitions: number
  /** -1 means the broker default (`default.replication.factor`). */
  replicationFactor: number
  /** CreatableReplicaAssignment: manual replica lists by partition index (then both counts are -1). */
  assignments?: Array<{ partitionIndex: number; brokerIds: number[] }>
  configs: Record<string, string>
}

export interface TopicError {
  name: string
  error: KafkaErrorName | null
  message: string | null
}

export interface PartitionMetadata {
  partition: number
  leader: number
  leaderEpoch: number
  replicas: number[]
  isr: number[]
  /** Eligible leader replicas (KIP-966); empty while ELR is disabled, as in a default 4.x cluster. */
  elr: number[]
  lastKnownElr: number[]
  offlineReplicas: number[]
}

export interface TopicMetadata {
  name: string
  topicId: string
  isInternal: boolean
  error: KafkaErrorName | null
  partitions: PartitionMetadata[]
}

export interface MetadataResponse {
  clusterId: string
  controllerId: number
  brokers: BrokerNode[]
  topics: TopicMetadata[]
}

export interface ProducePartitionData {
  topic: string
  partition: number
  /**
   * One or more RecordBatch v2 batches, back to back. The page's connection transfers them to the broker's
   * worker: the sender's array is detached once the request is sent.
   */
  records: Uint8Array
}

export interface ProducePartitionResponse {
  topic: string
  partition: number
  error: KafkaErrorName | null
  errorMessage: string | null
  baseOffset: number
  logAppendTime: number
  logStartOffset: number
}

/**
 * ProduceResponse: the partitions' answers and throttle_time_ms, the time the client's quota asks it to wait
 * before its next request to this broker (0 within its quota). A client mutes itself for it (KIP-219).
 */
export interface ProduceResponse {
  responses: ProducePartitionResponse[]
  throttleTimeMs: number
}

export interface FetchPartition {
  topic: string
  partition: number
  fetchOffset: number
  maxBytes: number
}

/** FetchRequest's MaxWaitMs and MinBytes. */
export interface FetchWait {
  maxWaitMs: number
  minBytes: number
}

/** FetchRequest / ListOffsetsRequest IsolationLevel (0 READ_UNCOMMITTED, 1 READ_COMMITTED). */
export type IsolationLevel = 'READ_UNCOMMITTED' | 'READ_COMMITTED'

/** FetchResponse AbortedTransaction: a transaction aborted within the fetched range. */
export interface AbortedTransaction {
  producerId: number
  firstOffset: number
}

export interface FetchPartitionResponse {
  topic: string
  partition: number
  error: KafkaErrorName | null
  highWatermark: number
  /** The last stable offset (-1 with an error). */
  lastStableOffset: number
  logStartOffset: number
  /** READ_COMMITTED: the aborted transactions overlapping the records returned; null for READ_UNCOMMITTED. */
  abortedTransactions: AbortedTransaction[] | null
  /**
   * Whole batches starting with the one that holds fetchOffset; empty at the high watermark
   * (READ_UNCOMMITTED) or the last stable offset (READ_COMMITTED).
   */
  records: Uint8Array
}

/**
 * FetchResponse: the partitions' answers and throttle_time_ms. A throttled fetch answers no partitions
 * (FetchContext.getThrottledResponse) and a throttle time the client mutes itself for (KIP-219).
 */
export interface FetchResponse {
  responses: FetchPartitionResponse[]
  throttleTimeMs: number
}

/**
 * DefaultRecordBatch.incrementSequence: a batch's sequence numbers, as producer and broker both count them,
 * wrap from Integer.MAX_VALUE to 0.
 */
export function incrementSequence(sequence: number, increment: number): number {
  const maxInt = 2147483647
  return sequence > maxInt - increment ? increment - (maxInt - sequence) - 1 : sequence + increment
}

/** InitProducerId's answer: a producer id and epoch for an idempotent producer, or an error. */
export interface InitProducerIdResponse {
  error: KafkaErrorName | null
  producerId: number
  producerEpoch: number
}

/** ListOffsets' special timestamps, as in Kafka's ListOffsetsRequest. */
export const LATEST_TIMESTAMP = -1
export const EARLIEST_TIMESTAMP = -2
/** The offset of the record with the largest timestamp (KIP-734). */
export const MAX_TIMESTAMP = -3
/** The first offset kept on local disk (KIP-405); the log start offset without tiered storage. */
export const EARLIEST_LOCAL_TIMESTAMP = -4
/** The last offset copied to tiered storage (KIP-1005); none without tiered storage. */
export const LATEST_TIERED_TIMESTAMP = -5

export interface ListOffsetsPartition {
  topic: string
  partition: number
  timestamp: number
}

export interface ListOffsetsPartitionResponse {
  topic: string
  partition: number
  error: KafkaErrorName | null
  offset: number
  timestamp: number
}

/** DeleteRecordsRequest.HIGH_WATERMARK: an offset of -1 deletes up to the partition's high watermark. */
export const DELETE_RECORDS_HIGH_WATERMARK = -1

/** One partition of a DeleteRecords request: delete every record below `offset`. */
export interface DeleteRecordsPartition {
  topic: string
  partition: number
  offset: number
}

/** One partition of a DeleteRecords answer: the new low watermark, or -1 with the error. */
export interface DeleteRecordsPartitionResult {
  topic: string
  partition: number
  lowWatermark: number
  error: KafkaErrorName | null
}

export interface ConfigEntry {
  name: string
  value: string | null
  isDefault: boolean
  isSensitive: boolean
  readOnly: boolean
}

/** A config resource as DescribeConfigs and IncrementalAlterConfigs name it; broker '' is the cluster default. */
export interface ConfigResourceRef {
  type: 'topic' | 'broker'
  name: string
}

export type ConfigSourceName =
  | 'DYNAMIC_TOPIC_CONFIG'
  | 'DYNAMIC_BROKER_CONFIG'
  | 'DYNAMIC_DEFAULT_BROKER_CONFIG'
  | 'STATIC_BROKER_CONFIG'
  | 'DEFAULT_CONFIG'

export interface DescribedConfig {
  name: string
  value: string | null
  source: ConfigSourceName
  isSensitive: boolean
  readOnly: boolean
  /** Where the value could come from, highest priority first (DescribeConfigsSynonym). */
  synonyms: Array<{ name: string; value: string | null; source: ConfigSourceName }>
}

export interface DescribeConfigsResult {
  resource: ConfigResourceRef
  error: KafkaErrorName | null
  errorMessage: string | null
  configs: DescribedConfig[]
}

export interface AlterConfigsResource {
  resource: ConfigResourceRef
  ops: Array<{ op: 'SET'; name: string; value: string } | { op: 'DELETE'; name: string }>
}

export interface ResourceError {
  resource: ConfigResourceRef
  error: KafkaErrorName | null
  message: string | null
}

export interface CreatePartitionsTopic {
  name: string
  /** The new total partition count. */
  count: number
}

/** A replica of the metadata quorum as DescribeQuorum reports it; timestamps -1 when unknown. */
export interface QuorumReplicaState {
  replicaId: number
  logEndOffset: number
  lastFetchTimestamp: number
  lastCaughtUpTimestamp: number
}

export interface QuorumDescription {
  leaderId: number
  leaderEpoch: number
  highWatermark: number
  voters: QuorumReplicaState[]
  observers: QuorumReplicaState[]
  /** The controller listener endpoint of each voter, as `CONTROLLER://localhost:19092`. */
  endpoints: Record<number, string>
}

/** ElectLeaders' election types (org.apache.kafka.common.ElectionType). */
export type ElectionType = 'PREFERRED' | 'UNCLEAN'

export interface ElectLeadersPartitionResult {
  topic: string
  partition: number
  error: KafkaErrorName | null
  message: string | null
}

/** One replica in a DescribeLogDirs answer (DescribeLogDirsPartition). */
export interface LogDirReplica {
  topic: string
  partition: number
  /** Bytes of the partition's log segments. */
  size: number
  /** max(highWatermark - logEndOffset, 0) for a current replica (ReplicaManager.getLogEndOffsetLag). */
  offsetLag: number
  isFuture: boolean
}

/** One log directory of a broker (DescribeLogDirsResult). */
export interface LogDirDescription {
  logDir: string
  error: KafkaErrorName | null
  replicas: LogDirReplica[]
}

/** One partition of AlterPartitionReassignments: the target replicas, or null to cancel its reassignment. */
export interface ReassignablePartition {
  topic: string
  partition: number
  replicas: number[] | null
}

/** One partition's answer to AlterPartitionReassignments (error null when accepted). */
export type ReassignablePartitionResult = ElectLeadersPartitionResult

/** An ongoing reassignment as ListPartitionReassignments answers it (replicas hold the adding ones). */
export interface OngoingReassignment {
  topic: string
  partition: number
  replicas: number[]
  addingReplicas: number[]
  removingReplicas: number[]
}

export interface BrokerApi extends GroupCoordinatorApi, FeatureApi, AclApi, TransactionApi, ClientQuotaApi {
  /**
   * Metadata for the named topics (all when null). With allowAutoTopicCreation, an unknown topic is sent to
   * the controller for creation with the broker defaults (auto.create.topics.enable) and answered at once with
   * UNKNOWN_TOPIC_OR_PARTITION, as for a producer's first request; the client asks again until it is there.
   */
  metadata(topics: string[] | null, allowAutoTopicCreation?: boolean): Promise<MetadataResponse>
  createTopics(topics: CreatableTopic[], validateOnly: boolean): Promise<TopicError[]>
  deleteTopics(names: string[]): Promise<TopicError[]>
  describeTopicConfigs(topic: string): Promise<{ error: KafkaErrorName | null; configs: ConfigEntry[] }>
  /**
   * Produce; a transactional producer names its transactional id. `clientId` is the request header's client id,
   * which the producer_byte_rate quota counts the request against.
   */
  produce(
    acks: -1 | 0 | 1,
    timeoutMs: number,
    data: ProducePartitionData[],
    transactionalId?: string | null,
    clientId?: string,
  ): Promise<ProduceResponse>
  /**
   * Fetch for a consumer, bounded by the high watermark, or by the last stable offset for READ_COMMITTED. `wait`:
   * the request's MaxWaitMs and MinBytes (the consumer's fetch.max.wait.ms and fetch.min.bytes): the broker holds
   * the answer until that many bytes are there or the wait is over (DelayedFetch). Absent: answered at once.
   * `clientId` is the request header's client id, which the consumer_byte_rate quota counts the answer against.
   */
  fetch(
    partitions: FetchPartition[],
    isolationLevel?: IsolationLevel,
    wait?: FetchWait,
    clientId?: string,
  ): Promise<FetchResponse>
  /** ListOffsets, bounded by the high watermark, or by the last stable offset for READ_COMMITTED. */
  listOffsets(
    partitions: ListOffsetsPartition[],
    isolationLevel?: IsolationLevel,
  ): Promise<ListOffsetsPartitionResponse[]>
  /**
   * DeleteRecords on the partitions this broker leads: each log start offset moves to its offset, and the
   * answer waits (up to timeoutMs) until every live replica's log start offset reached it.
   */
  deleteRecords(
    partitions: DeleteRecordsPartition[],
    timeoutMs: number,
  ): Promise<DeleteRecordsPartitionResult[]>
  describeConfigs(resources: ConfigResourceRef[]): Promise<DescribeConfigsResult[]>
  /** Forwarded to the active controller; answers once this broker has replayed the change. */
  incrementalAlterConfigs(resources: AlterConfigsResource[], validateOnly: boolean): Promise<ResourceError[]>
  createPartitions(topics: CreatePartitionsTopic[], validateOnly: boolean): Promise<TopicError[]>
  describeQuorum(): Promise<{ error: KafkaErrorName | null; quorum: QuorumDescription | null }>
  /**
   * Forwarded to the active controller. `partitions` null means every partition, and then the partitions
   * that need no election are left out of the answer (ReplicationControlManager.electLeaders).
   */
  electLeaders(
    electionType: ElectionType,
    partitions: Array<{ topic: string; partition: number }> | null,
  ): Promise<{ error: KafkaErrorName | null; results: ElectLeadersPartitionResult[] }>
  /** This broker's log directories and the replicas in them; `topics` null means all. */
  describeLogDirs(topics: string[] | null): Promise<LogDirDescription[]>
  /** Forwarded to the active controller; answers once this broker has replayed the change. */
  alterPartitionReassignments(
    partitions: ReassignablePartition[],
  ): Promise<{ error: KafkaErrorName | null; results: ReassignablePartitionResult[] }>
  /** Forwarded to the active controller; `partitions` null means every ongoing reassignment. */
  listPartitionReassignments(
    partitions: Array<{ topic: string; partition: number }> | null,
  ): Promise<{ error: KafkaErrorName | null; reassignments: OngoingReassignment[] }>
}
