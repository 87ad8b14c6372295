/**
 * The broker's transaction APIs (Kafka 4.1 KafkaApis): so far DescribeProducers
 * (handleDescribeProducersRequest): a partition the metadata does not know is UNKNOWN_TOPIC_OR_PARTITION; one
 * this broker hosts no replica of is NOT_LEADER_OR_FOLLOWER (ReplicaManager.activeProducerState); otherwise
 * its replica's producers (leader or follower), as UnifiedLog.activeProducers lists them. The transaction
 * coordinator's APIs come with the coordinator (not built yet).
 */
import type {
  DescribeProducersPartition,
  DescribeProducersPartitionResponse,
  TransactionApi,
} from '../../protocol/kafka-transactions.ts'
import type { ClusterMetadata } from '../metadata/cluster-metadata.ts'
import type { ReplicaManager } from '../replication/replica-manager.ts'

export interface TransactionApisDeps {
  metadata: ClusterMetadata
  replicaManager: ReplicaManager
}

export class TransactionApis implements TransactionApi {
  constructor(private readonly deps: TransactionApisDeps) {}

  describeProducers(partitions: DescribeProducersPartition[]): Promise<DescribeProducersPartitionResponse[]> {
    const { metadata, replicaManager } = this.deps
    return Promise.resolve(
      partitions.map(({ topic, partition }): DescribeProducersPartitionResponse => {
        const base = { topic, partition, errorMessage: null, activeProducers: [] }
        const topicId = metadata.topicIdsByName.get(topic)
        const known = topicId !== undefined && metadata.topicsById.get(topicId)?.partitions.has(partition)
        if (topicId === undefined || !known) return { ...base, error: 'UNKNOWN_TOPIC_OR_PARTITION' }
        const replica = replicaManager.getPartition(topicId, partition)
        if (!replica) return { ...base, error: 'NOT_LEADER_OR_FOLLOWER' }
        return { ...base, error: null, activeProducers: replica.log.producerState.describe() }
      }),
    )
  }
}
