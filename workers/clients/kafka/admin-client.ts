/**
 * KafkaAdminClient: the Admin API over one bootstrap broker. Each call is one request; per-topic
 * errors in a response become the KafkaError a Java Admin future would fail with.
 */
import type { BrokerApi, ConfigEntry } from '../../protocol/kafka.ts'
import type { Admin, ClusterDescription, NewTopic, TopicDescription } from './api.ts'
import { kafkaError } from './errors.ts'

export class KafkaAdminClient implements Admin {
  constructor(private readonly broker: BrokerApi) {}

  async createTopics(topics: NewTopic[], options: { validateOnly?: boolean } = {}): Promise<void> {
    const results = await this.broker.createTopics(
      topics.map((t) => ({
        name: t.name,
        numPartitions: t.numPartitions ?? -1,
        replicationFactor: t.replicationFactor ?? -1,
        configs: t.configs,
      })),
      options.validateOnly ?? false,
    )
    const failed = results.find((r) => r.error !== null)
    if (failed?.error) throw kafkaError(failed.error, failed.message)
  }

  async deleteTopics(names: string[]): Promise<void> {
    const results = await this.broker.deleteTopics(names)
    const failed = results.find((r) => r.error !== null)
    if (failed?.error) throw kafkaError(failed.error, failed.message)
  }

  async listTopics(options: { listInternal?: boolean } = {}): Promise<string[]> {
    const metadata = await this.broker.metadata(null)
    return metadata.topics.filter((t) => options.listInternal === true || !t.isInternal).map((t) => t.name)
  }

  async describeTopics(names: string[]): Promise<TopicDescription[]> {
    const metadata = await this.broker.metadata(names)
    return metadata.topics.map((t) => {
      if (t.error) throw kafkaError(t.error)
      return { name: t.name, topicId: t.topicId, isInternal: t.isInternal, partitions: t.partitions }
    })
  }

  async describeTopicConfigs(topic: string): Promise<ConfigEntry[]> {
    const { error, configs } = await this.broker.describeTopicConfigs(topic)
    if (error) throw kafkaError(error)
    return configs
  }

  async describeCluster(): Promise<ClusterDescription> {
    const metadata = await this.broker.metadata([])
    return { clusterId: metadata.clusterId, controllerId: metadata.controllerId, nodes: metadata.brokers }
  }

  close(): Promise<void> {
    return Promise.resolve()
  }
}
