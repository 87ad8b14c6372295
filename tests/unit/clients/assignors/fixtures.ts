import type { MemberSubscription, TopicPartition } from '../../../../workers/protocol/consumer-protocol.ts'

export function subscription(
  topics: string[],
  ownedPartitions: TopicPartition[] = [],
  generationId = -1,
  groupInstanceId: string | null = null,
): MemberSubscription {
  return { topics, ownedPartitions, generationId, rackId: null, groupInstanceId }
}

export const tps = (topic: string, ...partitions: number[]): TopicPartition[] =>
  partitions.map((partition) => ({ topic, partition }))

export const sorted = (list: readonly TopicPartition[] | undefined): TopicPartition[] =>
  [...(list ?? [])].sort((a, b) =>
    a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition,
  )
