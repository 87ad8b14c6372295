/**
 * The admin look-ups kafka-consumer-groups shares between --describe and --reset-offsets, with the
 * exception wrapping Kafka's code gives each (ConsumerGroupService.getCommittedOffsets and the offset
 * helpers wrap a failed future in RuntimeException(ExecutionException)): committed offsets, log start /
 * end / timestamp offsets, and the partitions without a leader.
 */
import type { Admin, OffsetSpec, PartitionOffset, TopicPartition } from '../../clients/kafka/api.ts'
import { sameTopicPartition } from './topic-partition.ts'
import { futureGetOrRuntime } from './tool-errors.ts'

export function getCommittedOffsets(admin: Admin, groupId: string): Promise<PartitionOffset[]> {
  return futureGetOrRuntime(admin.listConsumerGroupOffsets(groupId))
}

/** ListOffsets for these partitions; a partition missing from the answer maps to undefined (Unknown). */
export async function getLogOffsets(
  admin: Admin,
  partitions: readonly TopicPartition[],
  spec: OffsetSpec,
): Promise<(offset: TopicPartition) => number | undefined> {
  const results =
    partitions.length === 0
      ? []
      : await futureGetOrRuntime(admin.listOffsets(partitions.map((tp) => ({ ...tp, spec }))))
  return (tp) => results.find((result) => sameTopicPartition(result, tp))?.offset
}

function distinctTopics(partitions: readonly TopicPartition[]): string[] {
  return [...new Set(partitions.map((tp) => tp.topic))]
}

/** Every partition of the topics these partitions belong to, with whether it has a leader. */
async function topicPartitions(
  admin: Admin,
  partitions: readonly TopicPartition[],
): Promise<Array<TopicPartition & { hasLeader: boolean }>> {
  const topics = distinctTopics(partitions)
  const descriptions = topics.length === 0 ? [] : await futureGetOrRuntime(admin.describeTopics(topics))
  return descriptions.flatMap((description) =>
    description.partitions.map((info) => ({
      topic: description.name,
      partition: info.partition,
      hasLeader: info.leader >= 0,
    })),
  )
}

/** GroupOffsetsResetter.filterNoneLeaderPartitions. */
export async function filterNoneLeaderPartitions(
  admin: Admin,
  partitions: readonly TopicPartition[],
): Promise<TopicPartition[]> {
  const known = await topicPartitions(admin, partitions)
  return partitions.filter((tp) => known.some((info) => !info.hasLeader && sameTopicPartition(info, tp)))
}

/** GroupOffsetsResetter.filterNonExistentPartitions. */
export async function filterNonExistentPartitions(
  admin: Admin,
  partitions: readonly TopicPartition[],
): Promise<TopicPartition[]> {
  const known = await topicPartitions(admin, partitions)
  return partitions.filter((tp) => !known.some((info) => sameTopicPartition(info, tp)))
}
