/**
 * What a server-side assignor works on, as Kafka's GroupSpec / SubscribedTopicDescriber give it: each member's
 * subscribed topic names and its current target assignment (topic → partitions), and the partition count of
 * each topic (-1 when the topic does not exist). An assignment is topic → ascending partitions per member.
 * Members are iterated in Java HashMap order of their ids (the coordinator's member map), as Kafka does.
 */
import { javaStringKeyOrder } from '../../../net/java-hash.ts'

export type MemberAssignment = ReadonlyMap<string, readonly number[]>

export interface AssignmentMemberSpec {
  readonly subscribedTopicNames: readonly string[]
  readonly assignment: MemberAssignment
}

export interface GroupSpec {
  readonly members: ReadonlyMap<string, AssignmentMemberSpec>
}

/** SubscribedTopicDescriber.numPartitions: -1 for a topic that does not exist. */
export type PartitionCounts = (topic: string) => number

export type GroupAssignment = Map<string, MemberAssignment>

/** ConsumerGroupPartitionAssignor (group.consumer.assignors): `uniform` or `range`. */
export interface ConsumerGroupPartitionAssignor {
  readonly name: string
  assign(spec: GroupSpec, partitionCounts: PartitionCounts): GroupAssignment
}

/** PartitionAssignorException: the assignor could not compute an assignment. */
export class PartitionAssignorException extends Error {
  override name = 'PartitionAssignorException'
}

/** The member ids in the coordinator's iteration order. */
export function memberOrder(spec: GroupSpec): string[] {
  return javaStringKeyOrder([...spec.members.keys()])
}

/** Whether every member subscribes to the same topics (SubscriptionType.HOMOGENEOUS). */
export function isHomogeneous(spec: GroupSpec): boolean {
  const keys = [...spec.members.values()].map((m) =>
    [...new Set(m.subscribedTopicNames)].sort().join('\u0000'),
  )
  return keys.every((k) => k === keys[0])
}

/** A mutable copy of an assignment, partitions ascending on read through `freeze`. */
export function toMutable(assignment: MemberAssignment): Map<string, Set<number>> {
  return new Map([...assignment].map(([topic, partitions]) => [topic, new Set(partitions)]))
}

export function freeze(assignment: ReadonlyMap<string, ReadonlySet<number>>): MemberAssignment {
  return new Map(
    [...assignment]
      .filter(([, partitions]) => partitions.size > 0)
      .map(([topic, partitions]) => [topic, [...partitions].sort((a, b) => a - b)]),
  )
}
