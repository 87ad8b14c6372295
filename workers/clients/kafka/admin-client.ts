/**
 * KafkaAdminClient: the Admin API over the cluster: cluster-wide calls go to any live broker, ListOffsets to
 * each partition's leader; per-topic errors become the KafkaError a Java Admin future would fail with.
 */
import type { ConfigEntry } from '../../protocol/kafka.ts'
import { EARLIEST_TIMESTAMP, LATEST_TIMESTAMP } from '../../protocol/kafka.ts'
import type {
  Admin,
  ClusterDescription,
  ConfigResource,
  ConsumerGroupDescription,
  ConsumerGroupListing,
  DescribedConfigEntry,
  ListOffsetsResultInfo,
  NewTopic,
  OffsetSpec,
  PartitionOffset,
  TopicDescription,
  TopicPartition,
} from './api.ts'
import { KafkaError } from './api.ts'
import { kafkaError } from './errors.ts'
import type { ClusterConnection } from './cluster-connection.ts'

export class KafkaAdminClient implements Admin {
  constructor(private readonly connection: ClusterConnection) {}

  async createTopics(topics: NewTopic[], options: { validateOnly?: boolean } = {}): Promise<void> {
    const results = await this.connection.any((broker) =>
      broker.createTopics(
        topics.map((t) => ({
          name: t.name,
          numPartitions: t.numPartitions ?? -1,
          replicationFactor: t.replicationFactor ?? -1,
          configs: t.configs,
        })),
        options.validateOnly ?? false,
      ),
    )
    const failed = results.find((r) => r.error !== null)
    if (failed?.error) throw kafkaError(failed.error, failed.message)
  }

  async deleteTopics(names: string[]): Promise<void> {
    const results = await this.connection.any((broker) => broker.deleteTopics(names))
    const failed = results.find((r) => r.error !== null)
    if (failed?.error) throw kafkaError(failed.error, failed.message)
  }

  async listTopics(options: { listInternal?: boolean } = {}): Promise<string[]> {
    const metadata = await this.connection.refreshMetadata(null)
    return metadata.topics.filter((t) => options.listInternal === true || !t.isInternal).map((t) => t.name)
  }

  async describeTopics(names: string[]): Promise<TopicDescription[]> {
    const metadata = await this.connection.refreshMetadata(names)
    return metadata.topics.map((t) => {
      if (t.error) throw kafkaError(t.error)
      return { name: t.name, topicId: t.topicId, isInternal: t.isInternal, partitions: t.partitions }
    })
  }

  async describeTopicConfigs(topic: string): Promise<ConfigEntry[]> {
    const { error, configs } = await this.connection.any((broker) => broker.describeTopicConfigs(topic))
    if (error) throw kafkaError(error)
    return configs
  }

  async describeCluster(): Promise<ClusterDescription> {
    const metadata = await this.connection.refreshMetadata([])
    return { clusterId: metadata.clusterId, controllerId: metadata.controllerId, nodes: metadata.brokers }
  }

  // The broker does not serve these APIs yet: answered as a Java Admin is by a broker without them.
  createPartitions(): Promise<void> {
    return unsupported('CREATE_PARTITIONS')
  }

  listConsumerGroups(): Promise<ConsumerGroupListing[]> {
    return unsupported('LIST_GROUPS')
  }

  describeConsumerGroups(): Promise<ConsumerGroupDescription[]> {
    return unsupported('DESCRIBE_GROUPS')
  }

  listConsumerGroupOffsets(): Promise<PartitionOffset[]> {
    return unsupported('OFFSET_FETCH')
  }

  deleteConsumerGroups(): Promise<void> {
    return unsupported('DELETE_GROUPS')
  }

  alterConsumerGroupOffsets(): Promise<void> {
    return unsupported('OFFSET_COMMIT')
  }

  async listOffsets(
    requests: Array<TopicPartition & { spec: OffsetSpec }>,
  ): Promise<ListOffsetsResultInfo[]> {
    const timestampOf = (spec: OffsetSpec): number =>
      spec.spec === 'earliest'
        ? EARLIEST_TIMESTAMP
        : spec.spec === 'latest'
          ? LATEST_TIMESTAMP
          : spec.timestamp
    const results = await this.connection.listOffsets(
      requests.map((r) => ({ topic: r.topic, partition: r.partition, timestamp: timestampOf(r.spec) })),
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

  describeConfigs(): Promise<Array<{ resource: ConfigResource; entries: DescribedConfigEntry[] }>> {
    return unsupported('DESCRIBE_CONFIGS')
  }

  incrementalAlterConfigs(): Promise<void> {
    return unsupported('INCREMENTAL_ALTER_CONFIGS')
  }

  close(): Promise<void> {
    return Promise.resolve()
  }
}

function unsupported(api: string): Promise<never> {
  return Promise.reject(
    new KafkaError(
      'org.apache.kafka.common.errors.UnsupportedVersionException',
      `The node does not support ${api}`,
    ),
  )
}
