/**
 * Answers a client's Metadata request from the broker's ClusterMetadata, as KRaft brokers do from their
 * MetadataCache: the unfenced brokers with their endpoints, the active controller, and each topic's
 * partitions with leader, epochs, replicas, ISR and the offline replicas (those on fenced brokers).
 */
import type { BrokerNode, MetadataResponse, PartitionMetadata, TopicMetadata } from '../../protocol/kafka.ts'
import type { ClusterMetadata, TopicRegistration } from '../metadata/cluster-metadata.ts'
import { INTERNAL_TOPICS } from '../metadata/topic-validation.ts'

export const CLUSTER_ID_UNKNOWN_TOPIC = 'AAAAAAAAAAAAAAAAAAAAAA'

export function aliveBrokers(metadata: ClusterMetadata): BrokerNode[] {
  return [...metadata.brokers.values()]
    .filter((b) => !b.fenced)
    .sort((a, b) => a.brokerId - b.brokerId)
    .map((b) => ({
      id: b.brokerId,
      host: b.endpoints[0]?.host ?? 'localhost',
      port: b.endpoints[0]?.port ?? 0,
      rack: b.rack,
    }))
}

export function topicMetadata(metadata: ClusterMetadata, topic: TopicRegistration): TopicMetadata {
  const isFenced = (id: number): boolean => metadata.brokers.get(id)?.fenced !== false
  const partitions: PartitionMetadata[] = [...topic.partitions.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([partition, p]) => ({
      partition,
      leader: p.leader,
      leaderEpoch: p.leaderEpoch,
      replicas: [...p.replicas],
      isr: [...p.isr],
      elr: [],
      lastKnownElr: [],
      offlineReplicas: p.replicas.filter(isFenced),
    }))
  return {
    name: topic.name,
    topicId: topic.topicId,
    isInternal: INTERNAL_TOPICS.has(topic.name),
    error: null,
    partitions,
  }
}

export function metadataResponse(
  metadata: ClusterMetadata,
  clusterId: string,
  controllerId: number,
  topics: readonly string[] | null,
): MetadataResponse {
  const selected =
    topics === null
      ? [...metadata.topicsById.values()].map((t) => topicMetadata(metadata, t))
      : topics.map((name): TopicMetadata => {
          const topic = metadata.topic(name)
          if (topic) return topicMetadata(metadata, topic)
          return {
            name,
            topicId: CLUSTER_ID_UNKNOWN_TOPIC,
            isInternal: false,
            error: 'UNKNOWN_TOPIC_OR_PARTITION',
            partitions: [],
          }
        })
  return { clusterId, controllerId, brokers: aliveBrokers(metadata), topics: selected }
}
