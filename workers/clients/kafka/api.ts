/**
 * The Kafka client API the tools program against, shaped like the Java client's Admin, KafkaProducer and
 * KafkaConsumer (org.apache.kafka.clients). Failures are thrown as KafkaError, whose `exceptionClass` is
 * the Java exception's fully qualified name and whose message is Kafka's own text, so a tool can print
 * exactly what the real tool prints.
 */
import type {
  ConfigEntry,
  ElectionType,
  IsolationLevel,
  LogDirDescription,
  OngoingReassignment,
  PartitionMetadata,
} from '../../protocol/kafka.ts'
import type { ApiVersion, FeatureUpgradeType } from '../../protocol/kafka-features.ts'
import type { AclBinding, AclBindingFilter } from '../../protocol/kafka-acls.ts'
import type {
  ClientQuotaAlteration,
  ClientQuotaEntity,
  ClientQuotaFilter,
} from '../../protocol/kafka-quotas.ts'
import type { RecordHeader } from '../../../engine-wasm/src/log/types.ts'

export interface NewTopic {
  name: string
  /** undefined: the broker default. */
  numPartitions?: number
  replicationFactor?: number
  /** NewTopic(name, replicasAssignments): each partition's replicas, partition i at index i. */
  replicasAssignments?: number[][]
  configs: Record<string, string>
}

export interface Node {
  id: number
  host: string
  port: number
  rack: string | null
}

/** Admin.describeFeatures' FeatureMetadata: finalized levels, their epoch (null when unknown), supported ranges. */
export interface FeatureMetadata {
  finalizedFeatures: Record<string, { minVersionLevel: number; maxVersionLevel: number }>
  finalizedFeaturesEpoch: number | null
  supportedFeatures: Record<string, { minVersion: number; maxVersion: number }>
}

/** Admin.updateFeatures' FeatureUpdate: the new maximum level and FeatureUpdate.UpgradeType. */
export interface AdminFeatureUpdate {
  maxVersionLevel: number
  upgradeType: FeatureUpgradeType
}

/** One broker's ApiVersions answer, or the error asking it failed with. */
export interface BrokerApiVersions {
  node: Node
  versions: ApiVersion[] | KafkaError
}

export interface TopicDescription {
  name: string
  topicId: string
  isInternal: boolean
  partitions: PartitionMetadata[]
}

export interface ClusterDescription {
  clusterId: string
  controllerId: number
  nodes: Node[]
}

/** A consumer group as Admin.listConsumerGroups reports it. */
export interface ConsumerGroupListing {
  groupId: string
  isSimpleConsumerGroup: boolean
  /** Stable, PreparingRebalance, CompletingRebalance, Empty, Dead; a consumer group's Assigning, Reconciling. */
  state: GroupState
  type: 'classic' | 'consumer'
}

export type GroupState =
  'Stable' | 'PreparingRebalance' | 'CompletingRebalance' | 'Empty' | 'Dead' | 'Assigning' | 'Reconciling'

export interface MemberDescription {
  memberId: string
  groupInstanceId: string | null
  clientId: string
  /** As the coordinator saw the client, `/127.0.0.1` style. */
  host: string
  assignment: TopicPartition[]
  /** A consumer group member's epoch and target assignment (ConsumerGroupDescribe); null for classic members. */
  memberEpoch: number | null
  targetAssignment: TopicPartition[] | null
}

export interface ConsumerGroupDescription {
  groupId: string
  isSimpleConsumerGroup: boolean
  members: MemberDescription[]
  partitionAssignor: string
  state: GroupState
  coordinator: Node
  type: 'classic' | 'consumer'
  /** A consumer group's epochs (ConsumerGroupDescribe); null for classic groups. */
  groupEpoch: number | null
  targetAssignmentEpoch: number | null
}

/** A committed offset of one partition (OffsetAndMetadata with its TopicPartition). */
export interface PartitionOffset extends TopicPartition {
  offset: number
  metadata: string
  leaderEpoch: number | null
}

/** ListOffsets' specs: the earliest or latest offset, or the first offset at or after a timestamp. */
export type OffsetSpec = { spec: 'earliest' } | { spec: 'latest' } | { spec: 'timestamp'; timestamp: number }

export interface ListOffsetsResultInfo extends TopicPartition {
  offset: number
  timestamp: number
  leaderEpoch: number | null
}

export type ConfigResource = { type: 'topic'; name: string } | { type: 'broker'; name: string }

export type ConfigSource =
  | 'DYNAMIC_TOPIC_CONFIG'
  | 'DYNAMIC_BROKER_CONFIG'
  | 'DYNAMIC_DEFAULT_BROKER_CONFIG'
  | 'STATIC_BROKER_CONFIG'
  | 'DEFAULT_CONFIG'

export interface ConfigSynonym {
  name: string
  value: string | null
  source: ConfigSource
}

export interface DescribedConfigEntry {
  name: string
  value: string | null
  source: ConfigSource
  isSensitive: boolean
  isReadOnly: boolean
  synonyms: ConfigSynonym[]
}

/** Admin.describeMetadataQuorum's answer (QuorumInfo): timestamps -1 when unknown. */
export interface QuorumInfo {
  leaderId: number
  leaderEpoch: number
  highWatermark: number
  voters: QuorumReplicaState[]
  observers: QuorumReplicaState[]
  /** Each voter's controller endpoints, as `CONTROLLER://localhost:19092`. */
  nodes: Record<number, string[]>
}

export interface QuorumReplicaState {
  replicaId: number
  logEndOffset: number
  lastFetchTimestamp: number
  lastCaughtUpTimestamp: number
}

/** One partition of Admin.electLeaders' answer (ElectLeadersResult.partitions): null when it succeeded. */
export interface ElectionResult extends TopicPartition {
  error: KafkaError | null
}

/** Admin.describeLogDirs' answer for one broker (DescribeLogDirsResult.allDescriptions). */
export interface BrokerLogDirs {
  broker: number
  logDirs: LogDirDescription[]
}

/** Admin.alterPartitionReassignments' answer for one partition (AlterPartitionReassignmentsResult.values). */
export interface ReassignmentResult extends TopicPartition {
  error: KafkaError | null
}

/** One partition of Admin.deleteRecords' answer (DeletedRecords): its low watermark, or -1 and the error. */
/** Admin's ProducerState (DescribeProducers): absent coordinator epoch or transaction start offset is null. */
export interface ProducerState {
  producerId: number
  producerEpoch: number
  lastSequence: number
  lastTimestamp: number
  coordinatorEpoch: number | null
  currentTransactionStartOffset: number | null
}

/** TransactionListing: a transaction as listTransactions reports it. */
export interface TransactionListing {
  transactionalId: string
  producerId: number
  /** The TransactionState's name (`Ongoing`, `CompleteCommit`, ...). */
  state: string
}

/** TransactionDescription: a transactional id as its coordinator describes it. */
export interface TransactionDescription {
  coordinatorId: number
  state: string
  producerId: number
  producerEpoch: number
  transactionTimeoutMs: number
  /** null while no transaction has started (Empty). */
  transactionStartTimeMs: number | null
  topicPartitions: TopicPartition[]
}

/** AbortTransactionSpec: the hanging transaction to abort on one partition. */
export interface AbortTransactionSpec extends TopicPartition {
  producerId: number
  producerEpoch: number
  coordinatorEpoch: number
}

/** AbortTransactionSpec.toString. */
export function abortSpecText(spec: AbortTransactionSpec): string {
  return (
    `AbortTransactionSpec(topicPartition=${spec.topic}-${spec.partition}, producerId=${spec.producerId}, ` +
    `producerEpoch=${spec.producerEpoch}, coordinatorEpoch=${spec.coordinatorEpoch})`
  )
}

/** DescribeProducersResult.PartitionProducerState, or the partition's exception. */
export interface PartitionProducerState extends TopicPartition {
  activeProducers: ProducerState[]
  error: KafkaError | null
}

export interface DeletedRecords extends TopicPartition {
  lowWatermark: number
  error: KafkaError | null
}

/** Admin.listPartitionReassignments' answer (PartitionReassignment with its TopicPartition). */
export type PartitionReassignment = OngoingReassignment

export type AlterConfigOp = { op: 'SET'; name: string; value: string } | { op: 'DELETE'; name: string }

export interface Admin {
  createTopics(topics: NewTopic[], options?: { validateOnly?: boolean }): Promise<void>
  /** Increases topics' partition counts to the given totals (CreatePartitions). */
  createPartitions(newTotals: Record<string, number>): Promise<void>
  listConsumerGroups(): Promise<ConsumerGroupListing[]>
  /** Throws GroupIdNotFoundException for a group the coordinator does not know. */
  describeConsumerGroups(groupIds: string[]): Promise<ConsumerGroupDescription[]>
  listConsumerGroupOffsets(groupId: string): Promise<PartitionOffset[]>
  /** Throws GroupNotEmptyException while members are active. */
  deleteConsumerGroups(groupIds: string[]): Promise<void>
  /** Throws UnknownMemberIdException while the group has active members. */
  alterConsumerGroupOffsets(groupId: string, offsets: PartitionOffset[]): Promise<void>
  /** ListOffsetsOptions' isolation level: READ_UNCOMMITTED (the HW for latest) unless given. */
  listOffsets(
    requests: Array<TopicPartition & { spec: OffsetSpec }>,
    options?: { isolationLevel?: IsolationLevel },
  ): Promise<ListOffsetsResultInfo[]>
  /** One result per partition, in order, from its leader or from the broker `brokerId` names. */
  describeProducers(
    partitions: TopicPartition[],
    options?: { brokerId?: number },
  ): Promise<PartitionProducerState[]>
  /** listTransactions().allByBrokerId(), with ListTransactionsOptions' filters. */
  listTransactions(options?: {
    durationFilter?: number
    producerIdFilters?: number[]
  }): Promise<Map<number, TransactionListing[]>>
  /** One description per id, in order, or the id's exception (TransactionalIdNotFoundException). */
  describeTransactions(transactionalIds: string[]): Promise<Array<TransactionDescription | KafkaError>>
  /** Writes an ABORT marker for the spec's producer on its partition (WriteTxnMarkers to the leader). */
  abortTransaction(spec: AbortTransactionSpec): Promise<void>
  /**
   * Deletes the records below each partition's offset (-1: its high watermark); one result per partition, in
   * order, failed ones with their exception (admin-delete-records.ts).
   */
  deleteRecords(records: Array<TopicPartition & { beforeOffset: number }>): Promise<DeletedRecords[]>
  describeConfigs(
    resources: ConfigResource[],
  ): Promise<Array<{ resource: ConfigResource; entries: DescribedConfigEntry[] }>>
  incrementalAlterConfigs(changes: Array<{ resource: ConfigResource; ops: AlterConfigOp[] }>): Promise<void>
  deleteTopics(names: string[]): Promise<void>
  listTopics(options?: { listInternal?: boolean }): Promise<string[]>
  /** Throws UnknownTopicOrPartitionException for a topic that does not exist. */
  describeTopics(names: string[]): Promise<TopicDescription[]>
  describeTopicConfigs(topic: string): Promise<ConfigEntry[]>
  describeCluster(): Promise<ClusterDescription>
  describeMetadataQuorum(): Promise<QuorumInfo>
  /**
   * Elects leaders for the partitions (all when null, and then only the partitions that needed an
   * election are answered). Throws when the request as a whole fails.
   */
  electLeaders(electionType: ElectionType, partitions: TopicPartition[] | null): Promise<ElectionResult[]>
  /** Each broker's log directories, in the order asked; throws when a broker cannot be reached. */
  describeLogDirs(brokers: number[]): Promise<BrokerLogDirs[]>
  /**
   * Starts (target replicas) or cancels (null) partition reassignments; one result per partition, in order.
   * Throws when the request as a whole fails.
   */
  alterPartitionReassignments(
    reassignments: Array<TopicPartition & { replicas: number[] | null }>,
  ): Promise<ReassignmentResult[]>
  /** The ongoing reassignments of these partitions (all when null or absent). */
  listPartitionReassignments(partitions?: TopicPartition[] | null): Promise<PartitionReassignment[]>
  /** DescribeFeatures: the feature fields of one broker's ApiVersions answer. */
  describeFeatures(): Promise<FeatureMetadata>
  /**
   * UpdateFeatures: each feature's outcome, null when it was (or, validateOnly, would be) applied. Throws
   * IllegalArgumentException for no updates or a blank feature name, as KafkaAdminClient does.
   */
  updateFeatures(
    updates: ReadonlyMap<string, AdminFeatureUpdate>,
    options: { validateOnly: boolean },
  ): Promise<Map<string, KafkaError | null>>
  /** ApiVersions of every broker in the metadata (the broker-api-versions tool's LegacyAdminClient). */
  listAllBrokerVersionInfo(): Promise<BrokerApiVersions[]>
  /** DescribeAcls: the ACLs the filter matches; throws SecurityDisabledException without an authorizer. */
  describeAcls(filter: AclBindingFilter): Promise<AclBinding[]>
  /** CreateAcls: throws the exception of the first binding that failed (createAcls(...).all()). */
  createAcls(bindings: AclBinding[]): Promise<void>
  /** DeleteAcls: the bindings the filters deleted; throws the first failed filter's exception. */
  deleteAcls(filters: AclBindingFilter[]): Promise<AclBinding[]>
  /** DescribeClientQuotas: the matching entities and values, in the Java client's HashMap order. */
  describeClientQuotas(filter: ClientQuotaFilter): Promise<DescribedClientQuota[]>
  /** AlterClientQuotas: throws the exception of the first entity that failed (alterClientQuotas(...).all()). */
  alterClientQuotas(alterations: ClientQuotaAlteration[], options: { validateOnly: boolean }): Promise<void>
  close(): Promise<void>
}

/** One entity of a DescribeClientQuotas answer. */
export interface DescribedClientQuota {
  entity: ClientQuotaEntity
  /** (key, value) in the order the Java client's map of values iterates them. */
  values: Array<[string, number]>
}

export interface ProducerRecord {
  topic: string
  partition?: number
  key: Uint8Array | null
  value: Uint8Array | null
  timestamp?: number
  headers?: readonly RecordHeader[]
}

export interface RecordMetadata {
  topic: string
  partition: number
  offset: number
  timestamp: number
}

/** Producer configs by their Kafka names (`acks`, `linger.ms`, `batch.size`, `max.request.size`, ...). */
export type ProducerConfig = Record<string, string>

/**
 * Callback.onCompletion: the record's metadata once the broker acknowledged it and `exception` null, or the
 * exception that failed it with metadata that knows only the topic and partition (offset and timestamp -1,
 * partition -1 when none was chosen yet), as the Java producer passes them.
 */
export type Callback = (metadata: RecordMetadata, exception: Error | null) => void

export interface Producer {
  /** Queues the record into the partition's batch; resolves when the broker acknowledges it. */
  send(record: ProducerRecord): Promise<RecordMetadata>
  /**
   * send(record, callback), as ProducerPerformance sends: the callback runs once the record is acknowledged or
   * has failed (in send order within a partition, before the futures of the same batch settle); nothing is
   * returned, so no promise per record is kept and none is left rejected without a handler.
   */
  send(record: ProducerRecord, callback: Callback): void
  /**
   * Settles once every record sent so far is queued in its batch (or has failed): where the Java producer's
   * send() returns, having blocked until its topic's partitions are known (waitOnMetadata, up to max.block.ms).
   * A caller that times its sends, as ProducerPerformance does, waits here after each one.
   */
  whenQueued(): Promise<void>
  flush(): Promise<void>
  /**
   * close(): sends what is queued, then aborts a transaction left open (a graceful close); close(0), Java's
   * close(Duration.ZERO): sends nothing more and fails what is not yet answered (a forced close).
   */
  close(timeoutMs?: 0): Promise<void>
  /** The transactional API (a producer with transactional.id; IllegalStateException on any other). */
  initTransactions(): Promise<void>
  beginTransaction(): void
  commitTransaction(): Promise<void>
  abortTransaction(): Promise<void>
  /**
   * KafkaProducer.sendOffsetsToTransaction: the consumed positions join the transaction (TxnOffsetCommit to the
   * group's coordinator) and become the group's committed offsets only if it commits.
   */
  sendOffsetsToTransaction(
    offsets: readonly TransactionOffset[],
    groupMetadata: ConsumerGroupMetadata,
  ): Promise<void>
}

/** One entry of sendOffsetsToTransaction's Map<TopicPartition, OffsetAndMetadata>. */
export interface TransactionOffset {
  topic: string
  partition: number
  /** The next offset to consume. */
  offset: number
  /** -1 when unknown. */
  leaderEpoch: number
  metadata: string
}

/** ConsumerGroupMetadata: what the consumer's groupMetadata() gives a transactional producer. */
export interface ConsumerGroupMetadata {
  groupId: string
  /** The generation (classic) or member epoch (consumer); -1 outside the group. */
  generationId: number
  /** '' outside the group. */
  memberId: string
  groupInstanceId: string | null
}

export interface TopicPartition {
  topic: string
  partition: number
}

export interface TopicPartitionOffset extends TopicPartition {
  offset: number
}

export interface ConsumerRecord {
  topic: string
  partition: number
  offset: number
  timestamp: number
  timestampType: 'CreateTime' | 'LogAppendTime'
  key: Uint8Array | null
  value: Uint8Array | null
  headers: readonly RecordHeader[]
}

/** Consumer configs by their Kafka names (`group.id`, `auto.offset.reset`, `enable.auto.commit`, ...). */
export type ConsumerConfig = Record<string, string>

/** ConsumerRebalanceListener: told, inside poll, of the partitions a group takes away and hands over. */
export interface ConsumerRebalanceListener {
  onPartitionsRevoked(partitions: readonly TopicPartition[]): void
  onPartitionsAssigned(partitions: readonly TopicPartition[]): void
}

export interface Consumer {
  /** Subscribes (through the group with a group.id); the listener hears of the group's assignments. */
  subscribe(topics: string[], listener?: ConsumerRebalanceListener): Promise<void>
  assign(partitions: TopicPartition[]): Promise<void>
  seek(partition: TopicPartition, offset: number): void
  seekToBeginning(partitions: TopicPartition[]): Promise<void>
  seekToEnd(partitions: TopicPartition[]): Promise<void>
  /** Partitions of a topic, from metadata (Consumer.partitionsFor). */
  partitionsFor(topic: string): Promise<PartitionMetadata[]>
  /** Waits up to timeoutMs (clock time) for records; returns what arrived, possibly nothing. */
  poll(timeoutMs: number): Promise<ConsumerRecord[]>
  /**
   * KafkaConsumer.groupMetadata (for sendOffsetsToTransaction); InvalidGroupIdException without a group.id.
   */
  groupMetadata(): ConsumerGroupMetadata
  /** KafkaConsumer.position: the offset of the next record poll returns (looked up first when missing). */
  position(partition: TopicPartition): Promise<number>
  /** KafkaConsumer.assignment. */
  assignment(): TopicPartition[]
  /** KafkaConsumer.endOffsets, by the consumer's isolation.level. */
  endOffsets(partitions: readonly TopicPartition[]): Promise<TopicPartitionOffset[]>
  /** KafkaConsumer.committed: the group's committed offsets; a partition without one is absent. */
  committed(partitions: readonly TopicPartition[]): Promise<TopicPartitionOffset[]>
  /**
   * KafkaConsumer.commitSync(offsets): commits these offsets (each the next offset to consume) for the group;
   * InvalidGroupIdException without a group.id.
   */
  commitSync(offsets: readonly TopicPartitionOffset[]): Promise<void>
  close(): Promise<void>
}

/**
 * A client's log4j events at WARN and above: `logger` is the class that logs (org.apache.kafka.clients.NetworkClient),
 * `message` already starts with the client's LogContext prefix. A tool prints them to stderr with
 * tools-log4j2.yaml's layout; a client given none logs nothing.
 */
export type ClientLog = (level: 'WARN' | 'ERROR', logger: string, message: string) => void

export interface KafkaClients {
  admin(bootstrapServers: string, log?: ClientLog): Admin
  producer(bootstrapServers: string, config: ProducerConfig, log?: ClientLog): Producer
  consumer(bootstrapServers: string, config: ConsumerConfig, log?: ClientLog): Consumer
}

/** A Kafka client failure: `exceptionClass` is the Java class, `message` Kafka's text. */
export class KafkaError extends Error {
  override name = 'KafkaError'
  /** `causedBy`: the exception this one wraps (Throwable.getCause), printed after it as `Caused by: ...`. */
  constructor(
    readonly exceptionClass: string,
    message: string,
    readonly causedBy: KafkaError | null = null,
  ) {
    super(message)
  }

  /** The simple class name, as `TopicExistsException`. */
  get simpleName(): string {
    return this.exceptionClass.slice(this.exceptionClass.lastIndexOf('.') + 1)
  }
}
