/**
 * FindCoordinator's broker side for both coordinator topics (KafkaApis.getCoordinator): the topic is created
 * on first need with its partition count, a replication factor capped at the live brokers (Kafka refuses the
 * topic instead; docs/DEVIATIONS.md) and its configs, then the answer names the leader of the key's partition,
 * or COORDINATOR_NOT_AVAILABLE while it has no live leader.
 */
import type { CreatableTopic, TopicError } from '../../protocol/kafka.ts'
import type { FindCoordinatorResponse } from '../../protocol/kafka-groups.ts'
import type { ClusterMetadata } from '../metadata/cluster-metadata.ts'

export interface CoordinatorTopicSpec {
  name: string
  partitions: number
  replicationFactor: number
  /** The topic's configs at a replication factor (min.insync.replicas may depend on it). */
  configs: (replicationFactor: number) => Record<string, string>
}

export async function findCoordinatorNode(
  metadata: ClusterMetadata,
  createTopics: (topics: CreatableTopic[], validateOnly: boolean) => Promise<TopicError[]>,
  spec: CoordinatorTopicSpec,
  partitionOf: () => number,
): Promise<FindCoordinatorResponse> {
  if (!metadata.topic(spec.name)) {
    const live = metadata.usableBrokers().length
    const replicationFactor = Math.max(1, Math.min(spec.replicationFactor, live))
    await createTopics(
      [
        {
          name: spec.name,
          numPartitions: spec.partitions,
          replicationFactor,
          configs: spec.configs(replicationFactor),
        },
      ],
      false,
    )
  }
  const leader = metadata.topic(spec.name)?.partitions.get(partitionOf())?.leader ?? -1
  const broker = metadata.brokers.get(leader)
  const endpoint = broker?.endpoints[0]
  if (broker === undefined || broker.fenced || endpoint === undefined)
    return { error: 'COORDINATOR_NOT_AVAILABLE', errorMessage: null, nodeId: -1, host: '', port: -1 }
  return { error: 'NONE', errorMessage: null, nodeId: leader, host: endpoint.host, port: endpoint.port }
}
