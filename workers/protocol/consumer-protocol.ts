/**
 * ConsumerProtocol's shapes (org.apache.kafka.clients.consumer.internals.ConsumerProtocol and
 * ConsumerPartitionAssignor.Subscription/Assignment) as plain objects: what a consumer puts in its
 * JoinGroup protocol metadata and what the leader hands back through SyncGroup. Protocol type "consumer".
 * No bytes: the playground passes these objects through the coordinator unchanged.
 */

export const CONSUMER_PROTOCOL_TYPE = 'consumer'
/** AbstractStickyAssignor.DEFAULT_GENERATION: the member has no known generation. */
export const DEFAULT_GENERATION = -1

export interface TopicPartition {
  readonly topic: string
  readonly partition: number
}

/** ConsumerProtocolSubscription v3 (topics, userData, ownedPartitions, generationId, rackId). */
export interface ConsumerProtocolSubscription {
  readonly topics: readonly string[]
  readonly ownedPartitions: readonly TopicPartition[]
  /** -1 when the member has no generation yet. */
  readonly generationId: number
  readonly rackId: string | null
}

/** ConsumerProtocolAssignment (assignedPartitions, userData). */
export interface ConsumerProtocolAssignment {
  readonly partitions: readonly TopicPartition[]
}

/** What an assignor sees of each member: its subscription plus group.instance.id from JoinGroup. */
export interface MemberSubscription extends ConsumerProtocolSubscription {
  readonly groupInstanceId: string | null
}

/** ConsumerPartitionAssignor: member id → assigned partitions, given partition counts per topic. */
export interface ConsumerPartitionAssignor {
  readonly name: string
  assign(
    partitionsPerTopic: ReadonlyMap<string, number>,
    subscriptions: ReadonlyMap<string, MemberSubscription>,
  ): Map<string, TopicPartition[]>
}

export function tp(topic: string, partition: number): TopicPartition {
  return { topic, partition }
}

export function tpKey(partition: TopicPartition): string {
  return `${partition.topic}-${partition.partition}`
}

/** Comparator by topic then partition (Kafka's TopicPartitionComparator). */
export function compareTopicPartitions(a: TopicPartition, b: TopicPartition): number {
  return a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition
}
