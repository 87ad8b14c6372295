/**
 * org.apache.kafka.common.TopicPartition as the tools see it: `toString()` is `topic-partition`, and
 * `hashCode()` is `31 * (31 + partition) + topic.hashCode()` (int arithmetic), which fixes the order in
 * which a HashMap keyed by partitions prints them.
 */
import type { TopicPartition } from '../../clients/kafka/api.ts'
import { javaHashOrder, stringHashCode } from './java-hash-map.ts'

export function topicPartitionString(tp: TopicPartition): string {
  return `${tp.topic}-${tp.partition}`
}

export function topicPartitionHashCode(tp: TopicPartition): number {
  return (Math.imul(31, 31 + tp.partition) + stringHashCode(tp.topic)) | 0
}

export function sameTopicPartition(a: TopicPartition, b: TopicPartition): boolean {
  return a.topic === b.topic && a.partition === b.partition
}

/** The iteration order of a `HashMap<TopicPartition, V>` (as Collectors.toMap builds it) over these keys. */
export function topicPartitionHashOrder<T extends TopicPartition>(entries: readonly T[]): T[] {
  return javaHashOrder(entries, topicPartitionHashCode, 16)
}

/** Sorted by topic (String.compareTo), then partition. */
export function compareTopicPartitions(a: TopicPartition, b: TopicPartition): number {
  if (a.topic !== b.topic) return a.topic < b.topic ? -1 : 1
  return a.partition - b.partition
}
