/**
 * KafkaApis: a broker's answers to client requests (Kafka's KafkaApis), over its ClusterMetadata, its
 * ReplicaManager and the active controller. Metadata comes from the broker's own replayed metadata;
 * topic changes are forwarded to the controller (as KRaft brokers forward CreateTopics), and answered
 * once this broker has replayed the result, so a learner's next command on it sees the change. A topic
 * auto-created by a Metadata request is the exception: it is sent to the controller without waiting
 * (auto-topic-creation-manager.ts), as Kafka's broker does.
 */
import type {
  BrokerApi,
  ConfigEntry,
  CreatableTopic,
  DeleteRecordsPartition,
  DeleteRecordsPartitionResult,
  FetchPartition,
  IsolationLevel,
  FetchPartitionResponse,
  FetchWait,
  FetchResponse,
  ListOffsetsPartition,
  ListOffsetsPartitionResponse,
  MetadataResponse,
  QuorumDescription,
  ProducePartitionData,
  ProducePartitionResponse,
  ProduceResponse,
  TopicError,
} from '../../protocol/kafka.ts'
import {
  EARLIEST_LOCAL_TIMESTAMP,
  EARLIEST_TIMESTAMP,
  LATEST_TIERED_TIMESTAMP,
  LATEST_TIMESTAMP,
  MAX_TIMESTAMP,
} from '../../protocol/kafka.ts'
import type { KafkaErrorName } from '../../protocol/kafka-errors.ts'
import type { GroupCoordinatorApi } from '../../protocol/kafka-groups.ts'
import type { Scheduler } from '../../net/scheduler.ts'
import { ForwardingManager } from './forwarding-manager.ts'
import { AutoTopicCreationManager } from './auto-topic-creation-manager.ts'
import type { LogEngine } from '../../../engine-wasm/src/log/index.ts'
import type { ClusterMetadata } from '../metadata/cluster-metadata.ts'
import type { ReplicaManager } from '../replication/replica-manager.ts'
import type { ControllerRequest, ControllerResponse } from '../controller/controller-messages.ts'
import type { ConfigHelper } from '../config/config-helper.ts'
import { AdminApis } from './admin-apis.ts'
import { FeatureApis } from './feature-apis.ts'
import type { FeatureApi } from '../../protocol/kafka-features.ts'
import type { AclApi } from '../../protocol/kafka-acls.ts'
import { AclApis } from './acl-apis.ts'
import type { ClientQuotaApi } from '../../protocol/kafka-quotas.ts'
import { ClientQuotaApis } from './client-quota-apis.ts'
import type { TransactionApis } from './transaction-apis.ts'
import type { TransactionApi } from '../../protocol/kafka-transactions.ts'
import { metadataResponse } from './metadata-response.ts'
import { maxTimestampAndOffset } from './log-inspection.ts'
import { INTERNAL_TOPICS } from '../metadata/topic-validation.ts'
import { ClientQuotaManager } from '../quota/client-quota-manager.ts'
import { ThrottledChannels } from '../quota/throttled-channels.ts'
import { fetchResponseSize, produceRequestSize } from '../quota/request-sizes.ts'

export interface KafkaApisDeps {
  brokerId: number
  clusterId: string
  scheduler: Scheduler
  metadata: ClusterMetadata
  replicaManager: ReplicaManager
  engine: LogEngine
  /** Sends a request to the active controller; rejects when there is none or it cannot be reached. */
  sendToController: (request: ControllerRequest) => Promise<ControllerResponse>
  controllerId: () => number | null
  /** This broker's view of topic and broker configs (DescribeConfigs). */
  configs: ConfigHelper
  /** The metadata quorum's state, from its leader. */
  describeQuorum: () => Promise<QuorumDescription>
  /** The group coordinator requests (GroupApis). */
  groups: GroupCoordinatorApi
  /** The transaction APIs (TransactionApis). */
  transactions: TransactionApis
  /** Whether this node's server.properties names an authorizer (DescribeAcls is answered only then). */
  hasAuthorizer: boolean
}

/** How long a forwarded change may take to reach this broker's metadata before the call answers anyway. */
const METADATA_PROPAGATION_TIMEOUT_MS = 5000
const CONTROLLER_UNAVAILABLE: KafkaErrorName = 'REQUEST_TIMED_OUT'
/** The session's principal name: the playground's listener is PLAINTEXT, whose principal is User:ANONYMOUS. */
const PRINCIPAL = 'ANONYMOUS'
/** The broker's fetch.max.bytes default, which bounds a consumer's fetch. */
const FETCH_MAX_BYTES = 50 * 1024 * 1024

export class KafkaApis implements BrokerApi {
  private readonly admin: AdminApis
  private readonly features: FeatureApis
  private readonly acls: AclApis
  private readonly clientQuotas: ClientQuotaApis
  private readonly forwarding: ForwardingManager
  private readonly autoTopicCreation: AutoTopicCreationManager
  /** QuotaFactory's produce and fetch ClientQuotaManagers, and the channels their throttles mute. */
  private readonly produceQuota: ClientQuotaManager
  private readonly fetchQuota: ClientQuotaManager
  private readonly throttledChannels: ThrottledChannels

  constructor(private readonly deps: KafkaApisDeps) {
    this.produceQuota = new ClientQuotaManager(deps.metadata, 'producer_byte_rate')
    this.fetchQuota = new ClientQuotaManager(deps.metadata, 'consumer_byte_rate')
    this.throttledChannels = new ThrottledChannels(deps.scheduler)
    this.forwarding = new ForwardingManager(deps)
    this.autoTopicCreation = new AutoTopicCreationManager((request) => this.forward(request))
    this.admin = new AdminApis({
      metadata: deps.metadata,
      configs: deps.configs,
      forward: (request) => this.forward(request),
      waitFor: (condition) => this.waitFor(condition),
      describeQuorum: () => this.forwarding.send(deps.describeQuorum),
      replicaManager: deps.replicaManager,
    })
    this.features = new FeatureApis({
      metadata: deps.metadata,
      forward: (request) => this.forward(request),
      waitFor: (condition) => this.waitFor(condition),
    })
    this.acls = new AclApis({
      metadata: deps.metadata,
      hasAuthorizer: deps.hasAuthorizer,
      forward: (request) => this.forward(request),
      waitFor: (condition) => this.waitFor(condition),
    })
    this.clientQuotas = new ClientQuotaApis({
      metadata: deps.metadata,
      forward: (request) => this.forward(request),
      waitFor: (condition) => this.waitFor(condition),
    })
  }

  // DescribeProducers, InitProducerId, EndTxn, DescribeTransactions, ListTransactions and WriteTxnMarkers:
  // answered by TransactionApis.
  readonly describeProducers: TransactionApi['describeProducers'] = (p) =>
    this.deps.transactions.describeProducers(p)
  readonly initProducerId: TransactionApi['initProducerId'] = (r) => this.deps.transactions.initProducerId(r)
  readonly endTxn: TransactionApi['endTxn'] = (r) => this.deps.transactions.endTxn(r)
  readonly describeTransactions: TransactionApi['describeTransactions'] = (ids) =>
    this.deps.transactions.describeTransactions(ids)
  readonly listTransactions: TransactionApi['listTransactions'] = (r) =>
    this.deps.transactions.listTransactions(r)
  readonly writeTxnMarkers: TransactionApi['writeTxnMarkers'] = (m) =>
    this.deps.transactions.writeTxnMarkers(m)
  // DescribeAcls, CreateAcls and DeleteAcls: answered by AclApis.
  readonly describeAcls: AclApi['describeAcls'] = (f) => this.acls.describeAcls(f)
  readonly createAcls: AclApi['createAcls'] = (b) => this.acls.createAcls(b)
  readonly deleteAcls: AclApi['deleteAcls'] = (f) => this.acls.deleteAcls(f)
  // DescribeClientQuotas and AlterClientQuotas: answered by ClientQuotaApis.
  readonly describeClientQuotas: ClientQuotaApi['describeClientQuotas'] = (f) =>
    this.clientQuotas.describeClientQuotas(f)
  readonly alterClientQuotas: ClientQuotaApi['alterClientQuotas'] = (a, v) =>
    this.clientQuotas.alterClientQuotas(a, v)

  // ApiVersions and UpdateFeatures: answered by FeatureApis.
  readonly apiVersions: FeatureApi['apiVersions'] = () => this.features.apiVersions()
  readonly updateFeatures: FeatureApi['updateFeatures'] = (u, v) => this.features.updateFeatures(u, v)

  // Configs, partitions, the quorum, elections and log dirs: answered by AdminApis.
  readonly describeConfigs: BrokerApi['describeConfigs'] = (r) => this.admin.describeConfigs(r)
  readonly incrementalAlterConfigs: BrokerApi['incrementalAlterConfigs'] = (r, v) =>
    this.admin.incrementalAlterConfigs(r, v)
  readonly createPartitions: BrokerApi['createPartitions'] = (t, v) => this.admin.createPartitions(t, v)
  readonly describeQuorum: BrokerApi['describeQuorum'] = () => this.admin.describeQuorum()
  readonly electLeaders: BrokerApi['electLeaders'] = (e, p) => this.admin.electLeaders(e, p)
  readonly describeLogDirs: BrokerApi['describeLogDirs'] = (t) => this.admin.describeLogDirs(t)
  readonly alterPartitionReassignments: BrokerApi['alterPartitionReassignments'] = (p) =>
    this.admin.alterPartitionReassignments(p)
  readonly listPartitionReassignments: BrokerApi['listPartitionReassignments'] = (p) =>
    this.admin.listPartitionReassignments(p)

  // FindCoordinator: a group's by GroupApis, a transactional id's by TransactionApis.
  readonly findCoordinator: GroupCoordinatorApi['findCoordinator'] = (key, keyType = 'GROUP') =>
    keyType === 'TRANSACTION'
      ? this.deps.transactions.findTransactionCoordinator(key)
      : this.deps.groups.findCoordinator(key)
  // Consumer groups: answered by GroupApis.
  readonly joinGroup: GroupCoordinatorApi['joinGroup'] = (r) => this.deps.groups.joinGroup(r)
  readonly syncGroup: GroupCoordinatorApi['syncGroup'] = (r) => this.deps.groups.syncGroup(r)
  readonly heartbeat: GroupCoordinatorApi['heartbeat'] = (r) => this.deps.groups.heartbeat(r)
  readonly leaveGroup: GroupCoordinatorApi['leaveGroup'] = (r) => this.deps.groups.leaveGroup(r)
  readonly offsetCommit: GroupCoordinatorApi['offsetCommit'] = (r) => this.deps.groups.offsetCommit(r)
  readonly offsetFetch: GroupCoordinatorApi['offsetFetch'] = (r) => this.deps.groups.offsetFetch(r)
  readonly txnOffsetCommit: GroupCoordinatorApi['txnOffsetCommit'] = (r) =>
    this.deps.groups.txnOffsetCommit(r)
  readonly listGroups: GroupCoordinatorApi['listGroups'] = (r) => this.deps.groups.listGroups(r)
  readonly describeGroups: GroupCoordinatorApi['describeGroups'] = (g) => this.deps.groups.describeGroups(g)
  readonly deleteGroups: GroupCoordinatorApi['deleteGroups'] = (g) => this.deps.groups.deleteGroups(g)
  readonly consumerGroupHeartbeat: GroupCoordinatorApi['consumerGroupHeartbeat'] = (r) =>
    this.deps.groups.consumerGroupHeartbeat(r)
  readonly consumerGroupDescribe: GroupCoordinatorApi['consumerGroupDescribe'] = (g) =>
    this.deps.groups.consumerGroupDescribe(g)

  private async waitFor(condition: () => boolean): Promise<void> {
    const deadline = this.deps.scheduler.now() + METADATA_PROPAGATION_TIMEOUT_MS
    while (!condition() && this.deps.scheduler.now() < deadline) await this.deps.scheduler.sleep(10)
  }

  /**
   * Metadata (KafkaApis.getTopicMetadata): the known topics from this broker's metadata; with auto-creation allowed
   * (the request's flag and auto.create.topics.enable) the missing ones go to the AutoTopicCreationManager, which
   * answers them without waiting for the creation; otherwise they answer UNKNOWN_TOPIC_OR_PARTITION.
   */
  metadata(topics: string[] | null, allowAutoTopicCreation = false): Promise<MetadataResponse> {
    const { metadata } = this.deps
    const response = metadataResponse(metadata, this.deps.clusterId, this.deps.controllerId() ?? -1, topics)
    const autoCreate =
      allowAutoTopicCreation && this.deps.configs.brokerValue('auto.create.topics.enable') === 'true'
    const missing = topics === null || !autoCreate ? [] : topics.filter((name) => !metadata.topic(name))
    if (missing.length === 0) return Promise.resolve(response)
    const created = new Map(this.autoTopicCreation.createTopics(missing).map((t) => [t.name, t]))
    return Promise.resolve({ ...response, topics: response.topics.map((t) => created.get(t.name) ?? t) })
  }

  async createTopics(topics: CreatableTopic[], validateOnly: boolean): Promise<TopicError[]> {
    const response = await this.forward({ api: 'CreateTopics', topics, validateOnly })
    if (!response || response.api !== 'CreateTopics') return topics.map((t) => unavailable(t.name))
    const created = response.results.filter((r) => r.error === null).map((r) => r.name)
    if (!validateOnly) await this.waitFor(() => created.every((name) => this.deps.metadata.topic(name)))
    return response.results
  }

  async deleteTopics(names: string[]): Promise<TopicError[]> {
    const response = await this.forward({ api: 'DeleteTopics', names })
    if (!response || response.api !== 'DeleteTopics') return names.map(unavailable)
    const deleted = response.results.filter((r) => r.error === null).map((r) => r.name)
    await this.waitFor(() => deleted.every((name) => !this.deps.metadata.topic(name)))
    return response.results
  }

  private forward(request: ControllerRequest): Promise<ControllerResponse | null> {
    return this.forwarding.forward(request)
  }

  describeTopicConfigs(topic: string): Promise<{ error: KafkaErrorName | null; configs: ConfigEntry[] }> {
    return this.admin.describeTopicConfigs(topic)
  }

  /**
   * Produce: the partitions the metadata knows are appended by the ReplicaManager, after the transactions V2
   * check of their transactional batches (TransactionApis.verifyTransactionalProduce). Once answered, the
   * request's size is recorded against the client's producer_byte_rate quota (handleProduceRequest): over it,
   * the answer carries the throttle time and the client's channel is muted for it (readRequest).
   */
  produce(
    acks: -1 | 0 | 1,
    timeoutMs: number,
    data: ProducePartitionData[],
    transactionalId: string | null = null,
    clientId = '',
  ): Promise<ProduceResponse> {
    const handle = async (): Promise<ProduceResponse> => {
      const requestSize = produceRequestSize(clientId, transactionalId, data)
      const responses = await this.appendRecords(acks, timeoutMs, data, transactionalId)
      const now = this.deps.scheduler.now()
      const throttleTimeMs = this.produceQuota.maybeRecordAndGetThrottleTimeMs(
        PRINCIPAL,
        clientId,
        requestSize,
        now,
      )
      return { responses, throttleTimeMs }
    }
    return this.readRequest(clientId, handle)
  }

  /**
   * A request of the client's channel: read after the channel's earlier ones and their throttle times while
   * client quotas exist; at once otherwise, as the playground's calls always were.
   */
  private readRequest<R extends { throttleTimeMs: number }>(
    clientId: string,
    handle: () => Promise<R>,
  ): Promise<R> {
    if (!this.produceQuota.quotasEnabled() && !this.fetchQuota.quotasEnabled()) return handle()
    return this.throttledChannels.read(clientId, handle)
  }

  private async appendRecords(
    acks: -1 | 0 | 1,
    timeoutMs: number,
    data: ProducePartitionData[],
    transactionalId: string | null,
  ): Promise<ProducePartitionResponse[]> {
    const verified = this.deps.transactions.verifyTransactionalProduce(transactionalId, data)
    // Only a transaction's first batches wait for the coordinator; other produces go on in this task.
    const refused = verified instanceof Promise ? await verified : verified
    const known = data.map((entry, index) => ({
      entry,
      topicId: this.deps.metadata.topicIdsByName.get(entry.topic),
      refusal: refused.get(index),
    }))
    const appendable = known.filter(
      (k): k is { entry: ProducePartitionData; topicId: string; refusal: undefined } =>
        k.topicId !== undefined && k.refusal === undefined,
    )
    const results = await this.deps.replicaManager.appendRecords(
      acks,
      timeoutMs,
      appendable.map(({ entry, topicId }) => ({
        topicId,
        partition: entry.partition,
        records: entry.records,
      })),
    )
    const byKey = new Map(results.map((r) => [`${r.topicId}/${r.partition}`, r]))
    return known.map(({ entry, topicId, refusal }): ProducePartitionResponse => {
      const result = topicId === undefined ? undefined : byKey.get(`${topicId}/${entry.partition}`)
      const base = {
        topic: entry.topic,
        partition: entry.partition,
        logAppendTime: -1,
        baseOffset: -1,
        logStartOffset: -1,
      }
      if (refusal) return { ...base, error: refusal.error, errorMessage: refusal.errorMessage }
      if (!result) return { ...base, error: 'UNKNOWN_TOPIC_OR_PARTITION', errorMessage: null }
      return {
        ...base,
        error: result.error,
        errorMessage: result.errorMessage,
        baseOffset: result.baseOffset,
        logStartOffset: result.logStartOffset,
      }
    })
  }

  /**
   * Fetch (handleFetchRequest): at most fetch.max.bytes, and no more than the client's consumer_byte_rate quota
   * allows in one quota window. The answer's size is recorded against that quota; over it, the size is taken
   * back, the answer holds no partitions but the throttle time, and the client's channel is muted for it.
   */
  fetch(
    partitions: FetchPartition[],
    isolationLevel: IsolationLevel = 'READ_UNCOMMITTED',
    wait: FetchWait = { maxWaitMs: 0, minBytes: 1 },
    clientId = '',
  ): Promise<FetchResponse> {
    const handle = async (): Promise<FetchResponse> => {
      const maxQuotaWindowBytes = Math.trunc(
        Math.min(this.fetchQuota.maxValueInQuotaWindow(PRINCIPAL, clientId), 2147483647),
      )
      const maxBytes = Math.min(FETCH_MAX_BYTES, maxQuotaWindowBytes)
      const responses = await this.readPartitions(partitions, isolationLevel, wait, maxBytes)
      const responseSize = fetchResponseSize(responses)
      const now = this.deps.scheduler.now()
      const throttleTimeMs = this.fetchQuota.maybeRecordAndGetThrottleTimeMs(
        PRINCIPAL,
        clientId,
        responseSize,
        now,
      )
      if (throttleTimeMs === 0) return { responses, throttleTimeMs }
      this.fetchQuota.unrecordQuotaSensor(PRINCIPAL, clientId, responseSize, now)
      return { responses: [], throttleTimeMs }
    }
    return this.readRequest(clientId, handle)
  }

  private async readPartitions(
    partitions: FetchPartition[],
    isolationLevel: IsolationLevel,
    wait: FetchWait,
    maxBytes: number,
  ): Promise<FetchPartitionResponse[]> {
    const { metadata, replicaManager } = this.deps
    const requests = partitions.map((p) => ({ request: p, topicId: metadata.topicIdsByName.get(p.topic) }))
    const fetchable = requests.filter(
      (r): r is { request: FetchPartition; topicId: string } => r.topicId !== undefined,
    )
    const responses = await replicaManager.fetchMessages(
      { replicaId: -1, ...wait, maxBytes, isolationLevel },
      fetchable.map(({ request, topicId }) => ({
        topicId,
        partition: request.partition,
        currentLeaderEpoch: -1,
        fetchOffset: request.fetchOffset,
        lastFetchedEpoch: -1,
        logStartOffset: -1,
        partitionMaxBytes: request.maxBytes,
      })),
    )
    const byKey = new Map(responses.map((r) => [`${r.topicId}/${r.partition}`, r]))
    return requests.map(({ request, topicId }): FetchPartitionResponse => {
      const response = topicId === undefined ? undefined : byKey.get(`${topicId}/${request.partition}`)
      const base = { topic: request.topic, partition: request.partition }
      if (!response)
        return {
          ...base,
          error: 'UNKNOWN_TOPIC_OR_PARTITION',
          highWatermark: -1,
          lastStableOffset: -1,
          logStartOffset: -1,
          abortedTransactions: null,
          records: new Uint8Array(0),
        }
      return {
        ...base,
        error: response.error,
        highWatermark: response.highWatermark,
        lastStableOffset: response.lastStableOffset,
        logStartOffset: response.logStartOffset,
        abortedTransactions: response.abortedTransactions,
        records: response.records,
      }
    })
  }

  /**
   * KafkaApis.handleDeleteRecordsRequest: a partition the metadata does not know is UNKNOWN_TOPIC_OR_PARTITION,
   * one of an internal topic INVALID_TOPIC_EXCEPTION (ReplicaManager refuses client deletions there); the
   * rest go to the ReplicaManager in one call, answered when all of them are.
   */
  async deleteRecords(
    partitions: DeleteRecordsPartition[],
    timeoutMs: number,
  ): Promise<DeleteRecordsPartitionResult[]> {
    const { metadata, replicaManager } = this.deps
    const checked = partitions.map((request) => {
      const topicId = metadata.topicIdsByName.get(request.topic)
      const known =
        topicId !== undefined && metadata.topicsById.get(topicId)?.partitions.has(request.partition)
      const error: KafkaErrorName | null = !known
        ? 'UNKNOWN_TOPIC_OR_PARTITION'
        : INTERNAL_TOPICS.has(request.topic)
          ? 'INVALID_TOPIC_EXCEPTION'
          : null
      return { request, topicId: topicId ?? '', error }
    })
    const deletable = checked.filter((c) => c.error === null)
    const statuses = await replicaManager.deleteRecords(
      timeoutMs,
      deletable.map(({ request, topicId }) => ({
        topicId,
        partition: request.partition,
        offset: request.offset,
      })),
    )
    const byKey = new Map(statuses.map((status) => [status.key, status]))
    return checked.map(({ request, topicId, error }): DeleteRecordsPartitionResult => {
      const base = { topic: request.topic, partition: request.partition }
      const status = error === null ? byKey.get(`${topicId}/${request.partition}`) : undefined
      if (status === undefined)
        return { ...base, lowWatermark: -1, error: error ?? 'UNKNOWN_TOPIC_OR_PARTITION' }
      return { ...base, lowWatermark: status.lowWatermark, error: status.error }
    })
  }

  /**
   * ListOffsets on the leader, bounded by the last fetchable offset (the high watermark for READ_UNCOMMITTED,
   * the last stable offset for READ_COMMITTED), as Partition.fetchOffsetForTimestamp and
   * UnifiedLog.fetchOffsetByTimestamp answer: latest is the last fetchable offset; earliest and
   * earliest-local the log start offset (no tiered storage); latest-tiered none (-1); max-timestamp the first
   * record with the largest timestamp; a timestamp the first record at or after it. A record at or past the
   * last fetchable offset is not answered (-1); a found record's own timestamp is.
   */
  listOffsets(
    partitions: ListOffsetsPartition[],
    isolationLevel: IsolationLevel = 'READ_UNCOMMITTED',
  ): Promise<ListOffsetsPartitionResponse[]> {
    const { metadata, replicaManager, engine } = this.deps
    return Promise.resolve(
      partitions.map((request): ListOffsetsPartitionResponse => {
        const base = { topic: request.topic, partition: request.partition }
        const none = { ...base, error: null, offset: -1, timestamp: -1 }
        const topicId = metadata.topicIdsByName.get(request.topic)
        const partition =
          topicId === undefined ? undefined : replicaManager.getPartition(topicId, request.partition)
        if (!partition) return { ...none, error: 'UNKNOWN_TOPIC_OR_PARTITION' }
        if (!partition.isLeader) return { ...none, error: 'NOT_LEADER_OR_FOLLOWER' }
        const { log } = partition
        const lastFetchable = isolationLevel === 'READ_COMMITTED' ? log.lastStableOffset : log.highWatermark
        switch (request.timestamp) {
          case LATEST_TIMESTAMP:
            return { ...none, offset: lastFetchable }
          case EARLIEST_TIMESTAMP:
          case EARLIEST_LOCAL_TIMESTAMP:
            return { ...none, offset: log.logStartOffset }
          case LATEST_TIERED_TIMESTAMP:
            return none
          case MAX_TIMESTAMP: {
            const max = maxTimestampAndOffset(log, engine)
            return max === null || max.offset >= lastFetchable ? none : { ...base, error: null, ...max }
          }
        }
        const offset = log.offsetForTimestamp(request.timestamp)
        if (offset === null || offset >= lastFetchable) return none
        // Kafka answers the found record's own timestamp (LogSegment.findOffsetByTimestamp).
        const batches = engine.decodeBatches(log.read(offset, 0, lastFetchable))
        const hit = batches.flatMap((b) => b.records).find((r) => r.offset === offset)
        return { ...base, error: null, offset, timestamp: hit?.timestamp ?? -1 }
      }),
    )
  }
}

function unavailable(name: string): TopicError {
  return { name, error: CONTROLLER_UNAVAILABLE, message: 'Timed out waiting for a node assignment.' }
}
