/**
 * AdminApis: the broker's answers to DescribeConfigs, IncrementalAlterConfigs, CreatePartitions and
 * DescribeQuorum (Kafka's KafkaApis with ConfigHelper and ConfigAdminManager). Configs are described from
 * this broker's replayed metadata; a broker resource must be this broker (`Unexpected broker id, expected 1
 * or empty string, but received 2`) or '' (the cluster default). Alterations and new partitions are
 * forwarded to the active controller and answered once this broker replayed their records. DescribeQuorum
 * is answered by the quorum leader through the raft client. ElectLeaders is forwarded to the active
 * controller and answered once this broker sees the elected leaders. DescribeLogDirs lists every replica
 * this broker holds in its one log directory (logDirFor), with its size and
 * offsetLag = max(highWatermark - logEndOffset, 0) (ReplicaManager.getLogEndOffsetLag).
 * AlterPartitionReassignments and ListPartitionReassignments are forwarded to the active controller; an
 * accepted reassignment answers once this broker sees the partition's new replica list.
 */
import type {
  AlterConfigsResource,
  ElectLeadersPartitionResult,
  ElectionType,
  LogDirDescription,
  OngoingReassignment,
  ReassignablePartition,
  ReassignablePartitionResult,
  ConfigEntry,
  ConfigResourceRef,
  CreatePartitionsTopic,
  DescribeConfigsResult,
  QuorumDescription,
  ResourceError,
  TopicError,
} from '../../protocol/kafka.ts'
import type { KafkaErrorName } from '../../protocol/kafka-errors.ts'
import type { ClusterMetadata } from '../metadata/cluster-metadata.ts'
import type { ControllerRequest, ControllerResponse } from '../controller/controller-messages.ts'
import type { ConfigHelper } from '../config/config-helper.ts'
import { logDirFor } from '../../protocol/log-dirs.ts'
import type { ReplicaManager } from '../replication/replica-manager.ts'
import { isReassigning } from '../controller/partition-reassignment.ts'

export interface AdminApisDeps {
  metadata: ClusterMetadata
  configs: ConfigHelper
  /** The active controller's answer, or null when it could not be reached. */
  forward: (request: ControllerRequest) => Promise<ControllerResponse | null>
  /** Waits (bounded) until the condition holds on this broker's metadata. */
  waitFor: (condition: () => boolean) => Promise<void>
  /** The quorum leader's description, or null when no leader answered (forwarded as the controller's APIs are). */
  describeQuorum: () => Promise<QuorumDescription | null>
  replicaManager: ReplicaManager
}

const UNAVAILABLE: KafkaErrorName = 'REQUEST_TIMED_OUT'
const UNAVAILABLE_MESSAGE = 'Timed out waiting for a node assignment.'

export class AdminApis {
  constructor(private readonly deps: AdminApisDeps) {}

  describeConfigs(resources: ConfigResourceRef[]): Promise<DescribeConfigsResult[]> {
    return Promise.resolve(resources.map((resource) => this.describe(resource)))
  }

  private describe(resource: ConfigResourceRef): DescribeConfigsResult {
    const { configs, metadata } = this.deps
    const failed = (error: KafkaErrorName, errorMessage: string | null): DescribeConfigsResult => ({
      resource,
      error,
      errorMessage,
      configs: [],
    })
    if (resource.type === 'topic') {
      if (!metadata.topic(resource.name)) return failed('UNKNOWN_TOPIC_OR_PARTITION', null)
      return { resource, error: null, errorMessage: null, configs: configs.describeTopic(resource.name) }
    }
    if (resource.name !== '' && resource.name !== String(configs.brokerId)) {
      return failed(
        'INVALID_REQUEST',
        `Unexpected broker id, expected ${configs.brokerId} or empty string, but received ${resource.name}`,
      )
    }
    return { resource, error: null, errorMessage: null, configs: configs.describeBroker(resource.name) }
  }

  /** kafka-topics --describe's view: every topic config, `isDefault` when Kafka's default applies. */
  describeTopicConfigs(topic: string): Promise<{ error: KafkaErrorName | null; configs: ConfigEntry[] }> {
    const described = this.describe({ type: 'topic', name: topic })
    if (described.error) return Promise.resolve({ error: described.error, configs: [] })
    return Promise.resolve({
      error: null,
      configs: described.configs.map((config) => ({
        name: config.name,
        value: config.value,
        isDefault: config.source === 'DEFAULT_CONFIG',
        isSensitive: config.isSensitive,
        readOnly: config.readOnly,
      })),
    })
  }

  async incrementalAlterConfigs(
    resources: AlterConfigsResource[],
    validateOnly: boolean,
  ): Promise<ResourceError[]> {
    const duplicated = resources.filter(({ ops }) => new Set(ops.map((op) => op.name)).size !== ops.length)
    const valid = resources.filter((r) => !duplicated.includes(r))
    const response =
      valid.length === 0
        ? null
        : await this.deps.forward({ api: 'IncrementalAlterConfigs', resources: valid, validateOnly })
    const answered = response?.api === 'IncrementalAlterConfigs' ? response.results : null
    if (answered && !validateOnly) {
      const done = valid.filter((_, i) => answered[i]?.error === null)
      await this.deps.waitFor(() => done.every((change) => this.applied(change)))
    }
    return resources.map((change): ResourceError => {
      if (duplicated.includes(change))
        return {
          resource: change.resource,
          error: 'INVALID_REQUEST',
          message: 'Error due to duplicate config keys',
        }
      const result = answered?.[valid.indexOf(change)]
      return result ?? { resource: change.resource, error: UNAVAILABLE, message: UNAVAILABLE_MESSAGE }
    })
  }

  private applied({ resource, ops }: AlterConfigsResource): boolean {
    const current = this.deps.metadata.configsOf(resource.type, resource.name)
    return ops.every((op) => (current.get(op.name) ?? null) === (op.op === 'SET' ? op.value : null))
  }

  async createPartitions(topics: CreatePartitionsTopic[], validateOnly: boolean): Promise<TopicError[]> {
    const response = await this.deps.forward({ api: 'CreatePartitions', topics, validateOnly })
    if (response?.api !== 'CreatePartitions') {
      return topics.map((t) => ({ name: t.name, error: UNAVAILABLE, message: UNAVAILABLE_MESSAGE }))
    }
    if (!validateOnly) {
      const grown = topics.filter((_, i) => response.results[i]?.error === null)
      await this.deps.waitFor(() =>
        grown.every((t) => (this.deps.metadata.topic(t.name)?.partitions.size ?? 0) >= t.count),
      )
    }
    return response.results
  }

  async describeQuorum(): Promise<{ error: KafkaErrorName | null; quorum: QuorumDescription | null }> {
    const quorum = await this.deps.describeQuorum()
    return quorum === null ? { error: UNAVAILABLE, quorum: null } : { error: null, quorum }
  }

  async electLeaders(
    electionType: ElectionType,
    partitions: Array<{ topic: string; partition: number }> | null,
  ): Promise<{ error: KafkaErrorName | null; results: ElectLeadersPartitionResult[] }> {
    const election = electionType === 'PREFERRED' ? 'preferred' : 'unclean'
    const response = await this.deps.forward({ api: 'ElectLeaders', election, partitions })
    if (response?.api !== 'ElectLeaders') return { error: UNAVAILABLE, results: [] }
    const elected = response.results.filter((result) => result.error === null)
    await this.deps.waitFor(() =>
      elected.every(({ topic, partition }) => {
        const current = this.deps.metadata.topic(topic)?.partitions.get(partition)
        return election === 'preferred' ? current?.leader === current?.replicas[0] : current?.leader !== -1
      }),
    )
    return { error: null, results: response.results }
  }

  async alterPartitionReassignments(
    partitions: ReassignablePartition[],
  ): Promise<{ error: KafkaErrorName | null; results: ReassignablePartitionResult[] }> {
    const response = await this.deps.forward({ api: 'AlterPartitionReassignments', partitions })
    if (response?.api !== 'AlterPartitionReassignments') return { error: UNAVAILABLE, results: [] }
    const accepted = partitions.filter((_, i) => response.results[i]?.error === null)
    await this.deps.waitFor(() =>
      accepted.every(({ topic, partition, replicas }) => {
        const current = this.deps.metadata.topic(topic)?.partitions.get(partition)
        if (!current) return true
        if (replicas === null) return !isReassigning(current)
        return replicas.every((id, i) => current.replicas[i] === id)
      }),
    )
    return { error: null, results: response.results }
  }

  async listPartitionReassignments(
    partitions: Array<{ topic: string; partition: number }> | null,
  ): Promise<{ error: KafkaErrorName | null; reassignments: OngoingReassignment[] }> {
    const response = await this.deps.forward({ api: 'ListPartitionReassignments', partitions })
    if (response?.api !== 'ListPartitionReassignments') return { error: UNAVAILABLE, reassignments: [] }
    return { error: response.error, reassignments: response.reassignments }
  }

  describeLogDirs(topics: string[] | null): Promise<LogDirDescription[]> {
    const { metadata, replicaManager, configs } = this.deps
    const replicas = replicaManager.allPartitions().flatMap((partition) => {
      const topic = metadata.topicsById.get(partition.topicId)?.name
      if (topic === undefined || (topics !== null && !topics.includes(topic))) return []
      const { log } = partition
      return [
        {
          topic,
          partition: partition.partition,
          size: log.size,
          offsetLag: Math.max(log.highWatermark - log.logEndOffset, 0),
          isFuture: false,
        },
      ]
    })
    return Promise.resolve([{ logDir: logDirFor(configs.brokerId), error: null, replicas }])
  }
}
