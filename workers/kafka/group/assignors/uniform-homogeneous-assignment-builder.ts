/**
 * UniformHomogeneousAssignmentBuilder (Kafka 4.1): the uniform assignor when every member subscribes to the
 * same topics. Balance first (member sizes differ by at most one: total / members each, the first
 * total % members members in iteration order get one more), then stickiness: a member keeps its current
 * partitions of subscribed topics up to its quota; partitions beyond it, and partitions nobody holds, go
 * in topic then partition order to the members still below their quota, in iteration order.
 * Topics are taken in name order (Kafka iterates a HashSet of topic ids).
 */
import {
  freeze,
  memberOrder,
  PartitionAssignorException,
  toMutable,
  type GroupAssignment,
  type GroupSpec,
  type PartitionCounts,
} from './assignment-spec.ts'

export function assignHomogeneous(spec: GroupSpec, partitionCounts: PartitionCounts): GroupAssignment {
  const members = memberOrder(spec)
  const first = spec.members.get(members[0] ?? '')
  const topics = [...new Set(first?.subscribedTopicNames ?? [])].sort()
  const result: GroupAssignment = new Map()
  if (topics.length === 0) {
    for (const memberId of members) result.set(memberId, new Map())
    return result
  }
  const held = new Set<string>()
  for (const member of spec.members.values())
    for (const [topic, partitions] of member.assignment) for (const p of partitions) held.add(`${topic}:${p}`)
  const unassigned: Array<{ topic: string; partition: number }> = []
  let total = 0
  for (const topic of topics) {
    const count = partitionCounts(topic)
    if (count === -1)
      throw new PartitionAssignorException(
        `Members are subscribed to topic ${topic} which doesn't exist in the topic metadata.`,
      )
    for (let p = 0; p < count; p++) if (!held.has(`${topic}:${p}`)) unassigned.push({ topic, partition: p })
    total += count
  }
  const minimumQuota = Math.floor(total / members.length)
  let extra = total % members.length
  const subscribed = new Set(topics)
  const unfilled: Array<{ memberId: string; remaining: number }> = []
  const assignments = new Map<string, Map<string, Set<number>>>()
  // maybeRevokePartitions
  for (const memberId of members) {
    const current = toMutable(spec.members.get(memberId)?.assignment ?? new Map())
    let quota = minimumQuota
    if (extra > 0) {
      quota++
      extra--
    }
    for (const topic of [...current.keys()].sort()) {
      const partitions = current.get(topic) ?? new Set<number>()
      if (!subscribed.has(topic)) {
        current.delete(topic)
        continue
      }
      if (partitions.size <= quota) {
        quota -= partitions.size
        continue
      }
      for (const partition of [...partitions].sort((a, b) => a - b)) {
        if (quota > 0) quota--
        else {
          partitions.delete(partition)
          unassigned.push({ topic, partition })
        }
      }
    }
    if (quota > 0) unfilled.push({ memberId, remaining: quota })
    assignments.set(memberId, current)
  }
  // assignRemainingPartitions
  let next = 0
  for (const { memberId, remaining } of unfilled) {
    const assignment = assignments.get(memberId) ?? new Map<string, Set<number>>()
    for (let i = 0; i < remaining && next < unassigned.length; i++) {
      const { topic, partition } = unassigned[next++]!
      const partitions = assignment.get(topic) ?? new Set<number>()
      partitions.add(partition)
      assignment.set(topic, partitions)
    }
  }
  if (next < unassigned.length) throw new PartitionAssignorException('Partitions were left unassigned')
  for (const memberId of members) result.set(memberId, freeze(assignments.get(memberId) ?? new Map()))
  return result
}
