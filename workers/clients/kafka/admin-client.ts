/**
 * KafkaAdminClient: the Admin API over the cluster: cluster-wide calls go to any live broker, ListOffsets to
 * each partition's leader, DeleteRecords to each leader broker (admin-delete-records.ts), DescribeLogDirs to each broker asked, partition reassignments to any broker (which forwards them to the controller), consumer group calls to the group's coordinator (AdminGroups); per-topic errors
 * become the KafkaError a Java Admin future would fail with. Feature calls and ApiVersions: admin-features.ts.
 */
import type { BrokerApi, ConfigEntry, ElectionType, IsolationLevel } from '../../protocol/kafka.ts'
import { EARLIEST_TIMESTAMP, LATEST_TIMESTAMP } from '../../protocol/kafka.ts'
import type {
  Admin,
  AlterConfigOp,
  BrokerLogDirs,
  ElectionResult,
  PartitionReassignment,
  QuorumInfo,
  ReassignmentResult,
  ClusterDescription,
  ConfigResource,
  ConsumerGroupDescription,
  ConsumerGroupListing,
  DescribedConfigEntry,
  DeletedRecords,
  PartitionProducerState,
  ListOffsetsResultInfo,
  NewTopic,
  OffsetSpec,
  PartitionOffset,
  TopicDescription,
  TopicPartition,
  AdminFeatureUpdate,
  BrokerApiVersions,
  FeatureMetadata,
  KafkaError,
  AbortTransactionSpec,
  TransactionDescription,
  TransactionListing,
  DescribedClientQuota,
} from './api.ts'
import { kafkaError, timeoutError } from './errors.ts'
import type { ClusterConnection } from './cluster-connection.ts'
import type { Clock } from '../../net/clock.ts'
import { AdminGroups } from './admin-groups.ts'
import { describeFeatures, listAllBrokerVersionInfo, updateFeatures } from './admin-features.ts'
import { deleteRecords } from './admin-delete-records.ts'
import {
  abortTransaction,
  describeProducers,
  describeTransactions,
  listTransactions,
} from './admin-transactions.ts'
import { createAcls, deleteAcls, describeAcls } from './admin-acls.ts'
import { alterClientQuotas, describeClientQuotas } from './admin-client-quotas.ts'
import type { ClientQuotaAlteration, ClientQuotaFilter } from '../../protocol/kafka-quotas.ts'
import type { AclBinding, AclBindingFilter } from '../../protocol/kafka-acls.ts'

export class KafkaAdminClient implements Admin {
  private readonly groups: AdminGroups

  /** Without a clock, group calls retry a missing coordinator without waiting between rounds. */
  constructor(
    private readonly connection: ClusterConnection,
    private readonly clock: Clock | null = null,
  ) {
    this.groups = new AdminGroups(connection, (ms) => clock?.sleep(ms) ?? Promise.resolve())
  }

  async createTopics(topics: NewTopic[], options: { validateOnly?: boolean } = {}): Promise<void> {
    const results = await this.connection.any(
      (broker) =>
        broker.createTopics(
          topics.map((t) => ({
            name: t.name,
            numPartitions: t.numPartitions ?? -1,
            replicationFactor: t.replicationFactor ?? -1,
            ...(t.replicasAssignments
              ? {
                  assignments: t.replicasAssignments.map((brokerIds, partitionIndex) => ({
                    partitionIndex,
                    brokerIds,
                  })),
                }
              : {}),
            configs: t.configs,
          })),
          options.validateOnly ?? false,
        ),
      { callName: 'createTopics' },
    )
    const failed = results.find((r) => r.error !== null)
    if (failed?.error) throw kafkaError(failed.error, failed.message)
  }

  async deleteTopics(names: string[]): Promise<void> {
    const results = await this.connection.any((broker) => broker.deleteTopics(names), {
      callName: 'deleteTopics',
    })
    const failed = results.find((r) => r.error !== null)
    if (failed?.error) throw kafkaError(failed.error, failed.message)
  }

  async listTopics(options: { listInternal?: boolean } = {}): Promise<string[]> {
    const metadata = await this.connection.refreshMetadata(null, false, { callName: 'listTopics' })
    return metadata.topics.filter((t) => options.listInternal === true || !t.isInternal).map((t) => t.name)
  }

  /** By name, KafkaAdminClient first describes the cluster (its `listNodes` call). */
  async describeTopics(names: string[]): Promise<TopicDescription[]> {
    const metadata = await this.connection.refreshMetadata(names, false, { callName: 'listNodes' })
    return metadata.topics.map((t) => {
      if (t.error) throw kafkaError(t.error)
      return { name: t.name, topicId: t.topicId, isInternal: t.isInternal, partitions: t.partitions }
    })
  }

  async describeTopicConfigs(topic: string): Promise<ConfigEntry[]> {
    const { error, configs } = await this.connection.any((broker) => broker.describeTopicConfigs(topic), {
      callName: 'describeConfigs',
    })
    if (error) throw kafkaError(error)
    return configs
  }

  async describeCluster(): Promise<ClusterDescription> {
    const metadata = await this.connection.refreshMetadata([], false, { callName: 'listNodes' })
    return { clusterId: metadata.clusterId, controllerId: metadata.controllerId, nodes: metadata.brokers }
  }

  async createPartitions(newTotals: Record<string, number>): Promise<void> {
    const topics = Object.entries(newTotals).map(([name, count]) => ({ name, count }))
    const results = await this.connection.any((broker) => broker.createPartitions(topics, false), {
      callName: 'createPartitions',
    })
    const failed = results.find((r) => r.error !== null)
    if (failed?.error) throw kafkaError(failed.error, failed.message)
  }

  /**
   * A broker resource with an id goes to that broker (as the Java Admin sends it); the rest to any. `callName`:
   * KafkaAdminClient's Call, named in its timeout.
   */
  private async brokerFor<T>(
    resource: ConfigResource,
    callName: string,
    call: (broker: BrokerApi) => Promise<T>,
  ): Promise<T> {
    if (resource.type !== 'broker' || resource.name === '') return this.connection.any(call, { callName })
    const id = Number(resource.name)
    if (this.connection.node(id) === null) await this.connection.refreshMetadata([], false, { callName })
    const broker = this.connection.node(id)
    if (broker === null) throw timeoutError(`Timed out waiting for a node assignment. Call: ${callName}`)
    return call(broker)
  }

  async describeConfigs(
    resources: ConfigResource[],
  ): Promise<Array<{ resource: ConfigResource; entries: DescribedConfigEntry[] }>> {
    const described = []
    for (const resource of resources) {
      const [result] = await this.brokerFor(resource, 'describeConfigs', (broker) =>
        broker.describeConfigs([resource]),
      )
      if (!result || result.error)
        throw kafkaError(result?.error ?? 'UNKNOWN_SERVER_ERROR', result?.errorMessage)
      const entries = result.configs.map((config): DescribedConfigEntry => ({
        name: config.name,
        value: config.value,
        source: config.source,
        isSensitive: config.isSensitive,
        isReadOnly: config.readOnly,
        synonyms: config.synonyms,
      }))
      described.push({ resource, entries })
    }
    return described
  }

  async incrementalAlterConfigs(
    changes: Array<{ resource: ConfigResource; ops: AlterConfigOp[] }>,
  ): Promise<void> {
    for (const change of changes) {
      const [result] = await this.brokerFor(change.resource, 'incrementalAlterConfigs', (broker) =>
        broker.incrementalAlterConfigs([change], false),
      )
      if (!result || result.error) throw kafkaError(result?.error ?? 'UNKNOWN_SERVER_ERROR', result?.message)
    }
  }

  async describeMetadataQuorum(): Promise<QuorumInfo> {
    const { error, quorum } = await this.connection.any((broker) => broker.describeQuorum(), {
      callName: 'describeMetadataQuorum',
    })
    if (error || !quorum) throw kafkaError(error ?? 'UNKNOWN_SERVER_ERROR')
    return {
      leaderId: quorum.leaderId,
      leaderEpoch: quorum.leaderEpoch,
      highWatermark: quorum.highWatermark,
      voters: quorum.voters,
      observers: quorum.observers,
      nodes: Object.fromEntries(Object.entries(quorum.endpoints).map(([id, endpoint]) => [id, [endpoint]])),
    }
  }

  async electLeaders(
    electionType: ElectionType,
    partitions: TopicPartition[] | null,
  ): Promise<ElectionResult[]> {
    const { error, results } = await this.connection.any(
      (broker) => broker.electLeaders(electionType, partitions),
      { callName: 'electLeaders' },
    )
    if (error) throw kafkaError(error)
    return results.map((r) => ({
      topic: r.topic,
      partition: r.partition,
      error: r.error === null ? null : kafkaError(r.error, r.message),
    }))
  }

  /** DescribeLogDirs goes to each broker itself, as the Java Admin sends it. */
  async describeLogDirs(brokers: number[]): Promise<BrokerLogDirs[]> {
    if (brokers.some((id) => this.connection.node(id) === null))
      await this.connection.refreshMetadata([], false, { callName: 'describeLogDirs' })
    return Promise.all(
      brokers.map(async (broker) => {
        const node = this.connection.node(broker)
        if (node === null)
          throw timeoutError('Timed out waiting for a node assignment. Call: describeLogDirs')
        return { broker, logDirs: await node.describeLogDirs(null) }
      }),
    )
  }

  async alterPartitionReassignments(
    reassignments: Array<TopicPartition & { replicas: number[] | null }>,
  ): Promise<ReassignmentResult[]> {
    const { error, results } = await this.connection.any(
      (broker) => broker.alterPartitionReassignments(reassignments),
      { callName: 'alterPartitionReassignments' },
    )
    if (error) throw kafkaError(error)
    return results.map((r) => ({
      topic: r.topic,
      partition: r.partition,
      error: r.error === null ? null : kafkaError(r.error, r.message),
    }))
  }

  async listPartitionReassignments(
    partitions: TopicPartition[] | null = null,
  ): Promise<PartitionReassignment[]> {
    const { error, reassignments } = await this.connection.any(
      (broker) => broker.listPartitionReassignments(partitions),
      { callName: 'listPartitionReassignments' },
    )
    if (error) throw kafkaError(error)
    return reassignments
  }

  listConsumerGroups(): Promise<ConsumerGroupListing[]> {
    return this.groups.listConsumerGroups()
  }

  describeConsumerGroups(groupIds: string[]): Promise<ConsumerGroupDescription[]> {
    return this.groups.describeConsumerGroups(groupIds)
  }

  listConsumerGroupOffsets(groupId: string): Promise<PartitionOffset[]> {
    return this.groups.listConsumerGroupOffsets(groupId)
  }

  deleteConsumerGroups(groupIds: string[]): Promise<void> {
    return this.groups.deleteConsumerGroups(groupIds)
  }

  alterConsumerGroupOffsets(groupId: string, offsets: PartitionOffset[]): Promise<void> {
    return this.groups.alterConsumerGroupOffsets(groupId, offsets)
  }

  async listOffsets(
    requests: Array<TopicPartition & { spec: OffsetSpec }>,
    options: { isolationLevel?: IsolationLevel } = {},
  ): Promise<ListOffsetsResultInfo[]> {
    const timestampOf = (spec: OffsetSpec): number =>
      spec.spec === 'earliest'
        ? EARLIEST_TIMESTAMP
        : spec.spec === 'latest'
          ? LATEST_TIMESTAMP
          : spec.timestamp
    const results = await this.connection.listOffsets(
      requests.map((r) => ({ topic: r.topic, partition: r.partition, timestamp: timestampOf(r.spec) })),
      options.isolationLevel,
    )
    return results.map((r) => {
      if (r.error) throw kafkaError(r.error)
      return {
        topic: r.topic,
        partition: r.partition,
        offset: r.offset,
        timestamp: r.timestamp,
        leaderEpoch: null,
      }
    })
  }

  describeProducers(
    partitions: TopicPartition[],
    options: { brokerId?: number } = {},
  ): Promise<PartitionProducerState[]> {
    return describeProducers(this.connection, this.clock, partitions, options.brokerId)
  }

  listTransactions(
    options: { durationFilter?: number; producerIdFilters?: number[] } = {},
  ): Promise<Map<number, TransactionListing[]>> {
    return listTransactions(this.connection, options)
  }

  describeTransactions(transactionalIds: string[]): Promise<Array<TransactionDescription | KafkaError>> {
    return describeTransactions(
      this.connection,
      (ms) => this.clock?.sleep(ms) ?? Promise.resolve(),
      transactionalIds,
    )
  }

  abortTransaction(spec: AbortTransactionSpec): Promise<void> {
    return abortTransaction(this.connection, this.clock, spec)
  }

  deleteRecords(records: Array<TopicPartition & { beforeOffset: number }>): Promise<DeletedRecords[]> {
    return deleteRecords(
      this.connection,
      this.clock,
      records.map((r) => ({ topic: r.topic, partition: r.partition, offset: r.beforeOffset })),
    )
  }

  describeFeatures(): Promise<FeatureMetadata> {
    return describeFeatures(this.connection)
  }

  updateFeatures(
    updates: ReadonlyMap<string, AdminFeatureUpdate>,
    options: { validateOnly: boolean },
  ): Promise<Map<string, KafkaError | null>> {
    return updateFeatures(this.connection, updates, options.validateOnly)
  }

  listAllBrokerVersionInfo(): Promise<BrokerApiVersions[]> {
    return listAllBrokerVersionInfo(this.connection)
  }

  describeAcls(filter: AclBindingFilter): Promise<AclBinding[]> {
    return describeAcls(this.connection, filter)
  }

  createAcls(bindings: AclBinding[]): Promise<void> {
    return createAcls(this.connection, bindings)
  }

  deleteAcls(filters: AclBindingFilter[]): Promise<AclBinding[]> {
    return deleteAcls(this.connection, filters)
  }

  describeClientQuotas(filter: ClientQuotaFilter): Promise<DescribedClientQuota[]> {
    return describeClientQuotas(this.connection, filter)
  }

  alterClientQuotas(alterations: ClientQuotaAlteration[], options: { validateOnly: boolean }): Promise<void> {
    return alterClientQuotas(this.connection, alterations, options.validateOnly)
  }

  close(): Promise<void> {
    this.connection.close()
    return Promise.resolve()
  }
}
