// Small fakes of the Kafka client contract (workers/clients/kafka/api.ts) and a tool context that
// records stdout and stderr, for the tool tests.
import type {
  Admin,
  AdminFeatureUpdate,
  BrokerApiVersions,
  FeatureMetadata,
  AlterConfigOp,
  BrokerLogDirs,
  ElectionResult,
  ClusterDescription,
  ConfigResource,
  ConsumerGroupDescription,
  ConsumerGroupListing,
  DescribedConfigEntry,
  DeletedRecords,
  PartitionProducerState,
  ProducerState,
  ListOffsetsResultInfo,
  OffsetSpec,
  PartitionOffset,
  PartitionReassignment,
  ReassignmentResult,
  QuorumInfo,
  TopicPartition,
  TopicPartitionOffset,
  Consumer,
  ConsumerGroupMetadata,
  ConsumerRebalanceListener,
  ConsumerRecord,
  KafkaClients,
  NewTopic,
  Producer,
  ProducerRecord,
  RecordMetadata,
  TopicDescription,
  AbortTransactionSpec,
  TransactionDescription,
  TransactionListing,
  TransactionOffset,
  DescribedClientQuota,
} from '../../../../workers/clients/kafka/api.ts'
import { KafkaError } from '../../../../workers/clients/kafka/api.ts'
import type { ConfigEntry, ElectionType, LogDirDescription } from '../../../../workers/protocol/kafka.ts'
import { VirtualClock } from '../../../../workers/net/clock.ts'
import type { AclBinding, AclBindingFilter } from '../../../../workers/protocol/kafka-acls.ts'
import {
  bindingFilterMatches,
  bindingKey,
  resourcePatternString,
} from '../../../../workers/protocol/kafka-acls.ts'
import { kafkaError } from '../../../../workers/clients/kafka/errors.ts'
import type { ClientQuotaAlteration, ClientQuotaFilter } from '../../../../workers/protocol/kafka-quotas.ts'
import type { ToolContext } from '../../../../workers/tools/tool.ts'

export const T0 = Date.UTC(2024, 4, 1, 10, 0, 0, 123)
export const TS = '[2024-05-01 10:00:00,123]'

export class FakeAdmin implements Admin {
  created: NewTopic[] = []
  deleted: string[][] = []
  closed = false
  createError: KafkaError | null = null
  topics = new Map<string, TopicDescription>()
  configs = new Map<string, ConfigEntry[]>()
  cluster: ClusterDescription = {
    clusterId: 'c',
    controllerId: 1,
    nodes: [{ id: 1, host: 'localhost', port: 9092, rack: null }],
  }

  groups = new Map<string, ConsumerGroupDescription>()
  committed = new Map<string, PartitionOffset[]>()
  /** Log start and end offsets by `topic-partition`; a timestamp lookup answers `byTimestamp`. */
  logStart = new Map<string, number>()
  logEnd = new Map<string, number>()
  byTimestamp: (tp: TopicPartition, timestamp: number) => number = () => -1
  altered: Array<{ group: string; offsets: PartitionOffset[] }> = []
  alterOffsetsError: KafkaError | null = null
  deleteGroupErrors = new Map<string, KafkaError>()
  deletedGroups: string[] = []
  resourceConfigs = new Map<string, DescribedConfigEntry[]>()
  configChanges: Array<{ resource: ConfigResource; ops: AlterConfigOp[] }> = []
  alterConfigsError: KafkaError | null = null
  partitionIncreases: Record<string, number>[] = []
  createPartitionsError: KafkaError | null = null

  async createPartitions(newTotals: Record<string, number>): Promise<void> {
    if (this.createPartitionsError !== null) throw this.createPartitionsError
    this.partitionIncreases.push(newTotals)
  }
  async listConsumerGroups(): Promise<ConsumerGroupListing[]> {
    return [...this.groups.values()].map((group) => ({
      groupId: group.groupId,
      isSimpleConsumerGroup: false,
      state: group.state,
      type: group.type,
    }))
  }
  async describeConsumerGroups(groupIds: string[]): Promise<ConsumerGroupDescription[]> {
    return groupIds.map((id) => {
      const group = this.groups.get(id)
      if (group === undefined) {
        throw new KafkaError(
          'org.apache.kafka.common.errors.GroupIdNotFoundException',
          `Group ${id} not found.`,
        )
      }
      return group
    })
  }
  async listConsumerGroupOffsets(groupId: string): Promise<PartitionOffset[]> {
    return this.committed.get(groupId) ?? []
  }
  async deleteConsumerGroups(groupIds: string[]): Promise<void> {
    for (const id of groupIds) {
      const error = this.deleteGroupErrors.get(id)
      if (error !== undefined) throw error
      this.deletedGroups.push(id)
    }
  }
  async alterConsumerGroupOffsets(group: string, offsets: PartitionOffset[]): Promise<void> {
    if (this.alterOffsetsError !== null) throw this.alterOffsetsError
    this.altered.push({ group, offsets })
  }
  async listOffsets(
    requests: Array<TopicPartition & { spec: OffsetSpec }>,
  ): Promise<ListOffsetsResultInfo[]> {
    return requests.flatMap((request) => {
      const key = `${request.topic}-${request.partition}`
      const offset =
        request.spec.spec === 'earliest'
          ? this.logStart.get(key)
          : request.spec.spec === 'latest'
            ? this.logEnd.get(key)
            : this.byTimestamp(request, request.spec.timestamp)
      return offset === undefined
        ? []
        : [{ topic: request.topic, partition: request.partition, offset, timestamp: -1, leaderEpoch: null }]
    })
  }
  async describeConfigs(
    resources: ConfigResource[],
  ): Promise<Array<{ resource: ConfigResource; entries: DescribedConfigEntry[] }>> {
    return resources.map((resource) => {
      const entries = this.resourceConfigs.get(`${resource.type}:${resource.name}`)
      if (entries === undefined) {
        throw new KafkaError(
          'org.apache.kafka.common.errors.UnknownTopicOrPartitionException',
          `The topic '${resource.name}' does not exist.`,
        )
      }
      return { resource, entries }
    })
  }
  async incrementalAlterConfigs(
    changes: Array<{ resource: ConfigResource; ops: AlterConfigOp[] }>,
  ): Promise<void> {
    if (this.alterConfigsError !== null) throw this.alterConfigsError
    this.configChanges.push(...changes)
  }
  async createTopics(topics: NewTopic[]): Promise<void> {
    if (this.createError !== null) throw this.createError
    this.created.push(...topics)
  }
  async deleteTopics(names: string[]): Promise<void> {
    this.deleted.push(names)
  }
  async listTopics(options?: { listInternal?: boolean }): Promise<string[]> {
    return [...this.topics.values()]
      .filter((topic) => options?.listInternal === true || !topic.isInternal)
      .map((topic) => topic.name)
  }
  async describeTopics(names: string[]): Promise<TopicDescription[]> {
    return names.map((name) => {
      const topic = this.topics.get(name)
      if (topic === undefined) {
        throw new KafkaError('org.apache.kafka.common.errors.UnknownTopicOrPartitionException', 'unknown')
      }
      return topic
    })
  }
  async describeTopicConfigs(topic: string): Promise<ConfigEntry[]> {
    return this.configs.get(topic) ?? []
  }
  async describeCluster(): Promise<ClusterDescription> {
    return this.cluster
  }
  quorum: QuorumInfo | null = null
  async describeMetadataQuorum(): Promise<QuorumInfo> {
    if (this.quorum === null)
      throw new KafkaError('org.apache.kafka.common.errors.TimeoutException', 'timeout')
    return this.quorum
  }
  /** Admin.electLeaders: records each call and answers `electionResults` (or throws `electLeadersError`). */
  elections: Array<{ electionType: ElectionType; partitions: TopicPartition[] | null }> = []
  electionResults: ElectionResult[] = []
  electLeadersError: KafkaError | null = null
  async electLeaders(
    electionType: ElectionType,
    partitions: TopicPartition[] | null,
  ): Promise<ElectionResult[]> {
    if (this.electLeadersError !== null) throw this.electLeadersError
    this.elections.push({ electionType, partitions })
    return this.electionResults
  }
  /** Admin.describeLogDirs: each broker's `logDirs` entry (none when absent). */
  logDirs = new Map<number, LogDirDescription[]>()
  describedLogDirs: number[][] = []
  async describeLogDirs(brokers: number[]): Promise<BrokerLogDirs[]> {
    this.describedLogDirs.push(brokers)
    return brokers.map((broker) => ({ broker, logDirs: this.logDirs.get(broker) ?? [] }))
  }
  /** Admin.alterPartitionReassignments: records each call; `reassignmentErrors` fail partitions by `t-p`. */
  reassignmentCalls: Array<Array<TopicPartition & { replicas: number[] | null }>> = []
  reassignmentErrors = new Map<string, KafkaError>()
  async alterPartitionReassignments(
    reassignments: Array<TopicPartition & { replicas: number[] | null }>,
  ): Promise<ReassignmentResult[]> {
    this.reassignmentCalls.push(reassignments)
    return reassignments.map(({ topic, partition }) => ({
      topic,
      partition,
      error: this.reassignmentErrors.get(`${topic}-${partition}`) ?? null,
    }))
  }
  /** Admin.listPartitionReassignments: `ongoing`, filtered to the partitions asked. */
  ongoing: PartitionReassignment[] = []
  /** Producers by `topic-partition`; an unknown partition times out as the admin client's lookup does. */
  producers = new Map<string, ProducerState[]>()
  describeProducersCalls: Array<{ partitions: TopicPartition[]; brokerId: number | undefined }> = []
  async describeProducers(
    partitions: TopicPartition[],
    options: { brokerId?: number } = {},
  ): Promise<PartitionProducerState[]> {
    this.describeProducersCalls.push({ partitions, brokerId: options.brokerId })
    return partitions.map(({ topic, partition }) => {
      const activeProducers = this.producers.get(`${topic}-${partition}`)
      if (activeProducers !== undefined) return { topic, partition, activeProducers, error: null }
      const error = new KafkaError(
        'org.apache.kafka.common.errors.TimeoutException',
        'Timed out waiting for a node assignment. Call: describeProducers(api=METADATA)',
      )
      return { topic, partition, activeProducers: [], error }
    })
  }

  /** Transactions by coordinator broker id (listTransactions), and descriptions by id (others are not found). */
  transactions = new Map<number, TransactionListing[]>()
  descriptions = new Map<string, TransactionDescription>()
  aborted: AbortTransactionSpec[] = []
  abortFailure: KafkaError | null = null
  async listTransactions(): Promise<Map<number, TransactionListing[]>> {
    return this.transactions
  }
  async describeTransactions(ids: string[]): Promise<Array<TransactionDescription | KafkaError>> {
    return ids.map(
      (id) =>
        this.descriptions.get(id) ??
        new KafkaError(
          'org.apache.kafka.common.errors.TransactionalIdNotFoundException',
          `DescribeTransactions request for transactionalId \`${id}\` failed because the ID could not be found`,
        ),
    )
  }
  async abortTransaction(spec: AbortTransactionSpec): Promise<void> {
    if (this.abortFailure !== null) throw this.abortFailure
    this.aborted.push(spec)
  }

  /** Each deleteRecords call. A partition moves its logStart (-1: to its logEnd); past logEnd fails, unknown times out. */
  deleteRecordsCalls: Array<Array<TopicPartition & { beforeOffset: number }>> = []
  async deleteRecords(records: Array<TopicPartition & { beforeOffset: number }>): Promise<DeletedRecords[]> {
    this.deleteRecordsCalls.push(records)
    return records.map(({ topic, partition, beforeOffset }) => {
      const key = `${topic}-${partition}`
      const end = this.logEnd.get(key)
      const failed = (exceptionClass: string, message: string): DeletedRecords => ({
        topic,
        partition,
        lowWatermark: -1,
        error: new KafkaError(exceptionClass, message),
      })
      if (end === undefined) {
        return failed(
          'org.apache.kafka.common.errors.TimeoutException',
          'Timed out waiting for a node assignment. Call: deleteRecords(api=METADATA)',
        )
      }
      const offset = beforeOffset === -1 ? end : beforeOffset
      if (offset > end) {
        return failed(
          'org.apache.kafka.common.errors.OffsetOutOfRangeException',
          'The requested offset is not within the range of offsets maintained by the server.',
        )
      }
      const lowWatermark = Math.max(this.logStart.get(key) ?? 0, offset)
      this.logStart.set(key, lowWatermark)
      return { topic, partition, lowWatermark, error: null }
    })
  }

  async listPartitionReassignments(
    partitions: TopicPartition[] | null = null,
  ): Promise<PartitionReassignment[]> {
    return this.ongoing.filter(
      (r) =>
        partitions === null || partitions.some((p) => p.topic === r.topic && p.partition === r.partition),
    )
  }
  features: FeatureMetadata = { finalizedFeatures: {}, finalizedFeaturesEpoch: null, supportedFeatures: {} }
  /** Each updateFeatures call, and the outcome by feature (absent: applied). */
  featureUpdates: Array<{ updates: ReadonlyMap<string, AdminFeatureUpdate>; validateOnly: boolean }> = []
  featureErrors = new Map<string, KafkaError>()
  brokerVersions: BrokerApiVersions[] = []

  async describeFeatures(): Promise<FeatureMetadata> {
    return this.features
  }
  async updateFeatures(
    updates: ReadonlyMap<string, AdminFeatureUpdate>,
    options: { validateOnly: boolean },
  ): Promise<Map<string, KafkaError | null>> {
    this.featureUpdates.push({ updates, validateOnly: options.validateOnly })
    return new Map([...updates.keys()].map((name) => [name, this.featureErrors.get(name) ?? null]))
  }
  async listAllBrokerVersionInfo(): Promise<BrokerApiVersions[]> {
    return this.brokerVersions
  }
  /** The cluster's ACLs in the order they were added; null when the brokers run no authorizer. */
  acls: AclBinding[] | null = null
  aclCalls: string[] = []
  /** What describeClientQuotas answers, whatever the filter; the filters and alterations asked for. */
  clientQuotas: DescribedClientQuota[] = []
  quotaFilters: ClientQuotaFilter[] = []
  quotaAlterations: ClientQuotaAlteration[] = []
  async describeClientQuotas(filter: ClientQuotaFilter): Promise<DescribedClientQuota[]> {
    this.quotaFilters.push(filter)
    return this.clientQuotas
  }
  async alterClientQuotas(alterations: ClientQuotaAlteration[]): Promise<void> {
    this.quotaAlterations.push(...alterations)
  }
  async describeAcls(filter: AclBindingFilter): Promise<AclBinding[]> {
    this.aclCalls.push(`describe ${resourcePatternString(filter.patternFilter)}`)
    if (this.acls === null) throw kafkaError('SECURITY_DISABLED', 'No Authorizer is configured on the broker')
    return this.acls.filter((binding) => bindingFilterMatches(filter, binding))
  }
  async createAcls(bindings: AclBinding[]): Promise<void> {
    this.aclCalls.push(`create ${bindings.length}`)
    if (this.acls === null) throw kafkaError('SECURITY_DISABLED', 'No Authorizer is configured.')
    const present = new Set(this.acls.map(bindingKey))
    this.acls.push(...bindings.filter((binding) => !present.has(bindingKey(binding))))
  }
  async deleteAcls(filters: AclBindingFilter[]): Promise<AclBinding[]> {
    this.aclCalls.push(`delete ${filters.map((f) => resourcePatternString(f.patternFilter)).join(' ')}`)
    if (this.acls === null) throw kafkaError('SECURITY_DISABLED', 'No Authorizer is configured.')
    const deleted = this.acls.filter((binding) => filters.some((f) => bindingFilterMatches(f, binding)))
    this.acls = this.acls.filter((binding) => !deleted.includes(binding))
    return deleted
  }
  async close(): Promise<void> {
    this.closed = true
  }

  addTopic(name: string, partitions: number, replicas: number[] = [1], isInternal = false): void {
    this.topics.set(name, {
      name,
      topicId: `id-${name}`,
      isInternal,
      partitions: Array.from({ length: partitions }, (_, partition) => ({
        partition,
        leader: replicas[0] ?? -1,
        leaderEpoch: 0,
        replicas,
        isr: replicas,
        elr: [],
        lastKnownElr: [],
        offlineReplicas: [],
      })),
    })
  }
}

export class FakeProducer implements Producer {
  sent: ProducerRecord[] = []
  closed = false
  failWith: ((record: ProducerRecord) => KafkaError | null) | null = null
  constructor(readonly config: Record<string, string>) {}
  async send(record: ProducerRecord): Promise<RecordMetadata> {
    const failure = this.failWith?.(record) ?? null
    if (failure !== null) throw failure
    this.sent.push(record)
    return { topic: record.topic, partition: 0, offset: this.sent.length - 1, timestamp: 0 }
  }
  async whenQueued(): Promise<void> {}
  async flush(): Promise<void> {}
  async close(): Promise<void> {
    this.closed = true
  }
  /** The transactional calls, in order. */
  transactionCalls: string[] = []
  async initTransactions(): Promise<void> {
    this.transactionCalls.push('init')
  }
  beginTransaction(): void {
    this.transactionCalls.push('begin')
  }
  async commitTransaction(): Promise<void> {
    this.transactionCalls.push('commit')
  }
  async abortTransaction(): Promise<void> {
    this.transactionCalls.push('abort')
  }
  async sendOffsetsToTransaction(offsets: readonly TransactionOffset[]): Promise<void> {
    this.transactionCalls.push(
      `offsets ${offsets.map((o) => `${o.topic}-${o.partition}@${o.offset}`).join(',')}`,
    )
  }
}

export class FakeConsumer implements Consumer {
  calls: string[] = []
  /** Batches poll returns in turn, each after `delayMs`; afterwards poll waits out its timeout and returns nothing. */
  batches: ConsumerRecord[][] = []
  delayMs = 0
  /** With a listener, the first poll waits this long, then assigns `assigned` (a group join). */
  joinMs = 0
  assigned: TopicPartition[] = [{ topic: 'demo', partition: 0 }]
  /** The end offset endOffsets answers for every partition (none: an empty answer). */
  endOffset: number | null = null
  /** How many microtask turns endOffsets takes to answer (a slow ListOffsets). */
  endOffsetsTicks = 0
  /** What endOffsets throws once it answers, if anything. */
  endOffsetsError: KafkaError | null = null
  /** Called at the start of every poll with its 1-based count. */
  onPoll: (count: number) => void = () => undefined
  private polls = 0
  private listener: ConsumerRebalanceListener | null = null
  constructor(
    readonly config: Record<string, string>,
    private readonly clock: VirtualClock,
  ) {}
  async subscribe(topics: string[], listener?: ConsumerRebalanceListener): Promise<void> {
    this.calls.push(`subscribe ${topics.join(',')}`)
    this.listener = listener ?? null
  }
  async assign(partitions: { topic: string; partition: number }[]): Promise<void> {
    this.calls.push(`assign ${partitions.map((p) => `${p.topic}-${p.partition}`).join(',')}`)
  }
  seek(partition: { topic: string; partition: number }, offset: number): void {
    this.calls.push(`seek ${partition.topic}-${partition.partition} ${offset}`)
  }
  async seekToBeginning(partitions: { topic: string; partition: number }[]): Promise<void> {
    this.calls.push(`seekToBeginning ${partitions.map((p) => `${p.topic}-${p.partition}`).join(',')}`)
  }
  async seekToEnd(partitions: { topic: string; partition: number }[]): Promise<void> {
    this.calls.push(`seekToEnd ${partitions.map((p) => `${p.topic}-${p.partition}`).join(',')}`)
  }
  async partitionsFor(): Promise<never[]> {
    return []
  }
  groupMetadata(): ConsumerGroupMetadata {
    return { groupId: this.config['group.id'] ?? '', generationId: -1, memberId: '', groupInstanceId: null }
  }
  async position(): Promise<number> {
    return 0
  }
  assignment(): TopicPartition[] {
    return this.assigned
  }
  async endOffsets(partitions: readonly TopicPartition[]): Promise<TopicPartitionOffset[]> {
    for (let tick = 0; tick < this.endOffsetsTicks; tick++) await Promise.resolve()
    if (this.endOffsetsError !== null) throw this.endOffsetsError
    const offset = this.endOffset
    return offset === null ? [] : partitions.map((tp) => ({ ...tp, offset }))
  }
  async committed(): Promise<never[]> {
    return []
  }
  async commitSync(offsets: readonly TopicPartitionOffset[]): Promise<void> {
    this.calls.push(`commitSync ${offsets.map((o) => `${o.topic}-${o.partition}@${o.offset}`).join(',')}`)
  }
  async poll(timeoutMs: number): Promise<ConsumerRecord[]> {
    this.onPoll(++this.polls)
    const listener = this.listener
    this.listener = null
    if (listener !== null) {
      await this.clock.sleep(this.joinMs)
      listener.onPartitionsAssigned(this.assigned)
    }
    const batch = this.batches.shift()
    if (batch !== undefined) {
      await this.clock.sleep(this.delayMs)
      return batch
    }
    await this.clock.sleep(timeoutMs)
    return []
  }
  async close(): Promise<void> {
    this.calls.push('close')
  }
}

export interface Harness {
  context: ToolContext
  stdout: () => string
  stderr: () => string
  admin: FakeAdmin
  producers: FakeProducer[]
  consumers: FakeConsumer[]
  clock: VirtualClock
  interrupt: () => void
}

export function harness(stdin: string[] = []): Harness {
  let out = ''
  let err = ''
  const clock = new VirtualClock(T0)
  const admin = new FakeAdmin()
  const producers: FakeProducer[] = []
  const consumers: FakeConsumer[] = []
  let interrupted = false
  let fire: () => void = () => undefined
  const whenInterrupted = new Promise<void>((resolve) => (fire = resolve))
  const kafka: KafkaClients = {
    admin: () => admin,
    producer: (_, config) => {
      const producer = new FakeProducer(config)
      producers.push(producer)
      return producer
    },
    consumer: (_, config) => {
      const consumer = new FakeConsumer(config, clock)
      consumers.push(consumer)
      return consumer
    },
  }
  return {
    context: {
      out: { stdout: (text) => (out += text), stderr: (text) => (err += text) },
      stdin,
      kafka,
      clock,
      interrupt: {
        get interrupted() {
          return interrupted
        },
        whenInterrupted,
      },
    },
    stdout: () => out,
    stderr: () => err,
    admin,
    producers,
    consumers,
    clock,
    interrupt: () => {
      interrupted = true
      fire()
    },
  }
}

export function record(
  partial: Omit<Partial<ConsumerRecord>, 'value'> & { value: string | null },
): ConsumerRecord {
  const encode = (text: string | null) => (text === null ? null : new TextEncoder().encode(text))
  return {
    topic: 'demo',
    partition: 0,
    offset: 0,
    timestamp: 1700000000000,
    timestampType: 'CreateTime',
    headers: [],
    ...partial,
    key: partial.key ?? null,
    value: encode(partial.value),
  }
}
