/**
 * The server-side RangeAssignor (`range`, Kafka 4.1): per topic, each subscriber gets
 * partitions / subscribers of it and the first partitions % subscribers members one more, as contiguous
 * ranges so that co-partitioned topics line up. Sticky: a member keeps the lowest of its current partitions
 * of the topic up to its quota (one more if an extra is still free and it held more); the rest of the
 * topic's partitions, ascending, fill the members below their quota in iteration order.
 */
import {
  freeze,
  isHomogeneous,
  memberOrder,
  PartitionAssignorException,
  type ConsumerGroupPartitionAssignor,
  type GroupAssignment,
  type GroupSpec,
  type PartitionCounts,
} from './assignment-spec.ts'

const RANGE_ASSIGNOR_NAME = 'range'

/** RangeAssignor.membersPerTopic: each subscribed topic with its subscribers in iteration order. */
function membersPerTopic(spec: GroupSpec, partitionCounts: PartitionCounts): Map<string, string[]> {
  const members = memberOrder(spec)
  const perTopic = new Map<string, string[]>()
  const subscriptions = isHomogeneous(spec) ? members.slice(0, 1) : members
  for (const memberId of subscriptions)
    for (const topic of spec.members.get(memberId)?.subscribedTopicNames ?? []) {
      if (partitionCounts(topic) === -1)
        throw new PartitionAssignorException('Member is subscribed to a non-existent topic')
      if (subscriptions.length === 1) perTopic.set(topic, members)
      else perTopic.set(topic, [...(perTopic.get(topic) ?? []), memberId])
    }
  return perTopic
}

export const rangeAssignor: ConsumerGroupPartitionAssignor = {
  name: RANGE_ASSIGNOR_NAME,
  assign(spec: GroupSpec, partitionCounts: PartitionCounts): GroupAssignment {
    const target = new Map<string, Map<string, Set<number>>>()
    const add = (memberId: string, topic: string, partitions: readonly number[]): void => {
      const assignment = target.get(memberId) ?? new Map<string, Set<number>>()
      const set = assignment.get(topic) ?? new Set<number>()
      for (const p of partitions) set.add(p)
      assignment.set(topic, set)
      target.set(memberId, assignment)
    }
    for (const [topic, subscribers] of [...membersPerTopic(spec, partitionCounts)].sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    )) {
      const count = partitionCounts(topic)
      const minQuota = Math.floor(count / subscribers.length)
      let withExtra = count % subscribers.length
      const sticky = new Set<number>()
      const unfilled: Array<{ memberId: string; remaining: number }> = []
      for (const memberId of subscribers) {
        const current = [...(spec.members.get(memberId)?.assignment.get(topic) ?? [])].sort((a, b) => a - b)
        const retained = current.slice(0, Math.min(current.length, minQuota))
        for (const p of retained) sticky.add(p)
        if (retained.length > 0) add(memberId, topic, retained)
        const remaining = minQuota - current.length
        if (remaining < 0 && withExtra > 0) {
          withExtra--
          const extra = current[minQuota]!
          sticky.add(extra)
          add(memberId, topic, [extra])
        } else unfilled.push({ memberId, remaining })
      }
      const unassigned: number[] = []
      for (let p = 0; p < count; p++) if (!sticky.has(p)) unassigned.push(p)
      let start = 0
      for (const { memberId, remaining: base } of unfilled) {
        let remaining = base
        if (withExtra > 0) {
          remaining++
          withExtra--
        }
        if (remaining <= 0) continue
        add(memberId, topic, unassigned.slice(start, start + remaining))
        start += remaining
      }
    }
    const result: GroupAssignment = new Map()
    for (const memberId of memberOrder(spec)) result.set(memberId, freeze(target.get(memberId) ?? new Map()))
    return result
  },
}
