/**
 * The uniform assignor when members subscribe to different topics (Kafka's
 * UniformHeterogeneousAssignmentBuilder has the same aims: balance, then stickiness). Each member keeps its
 * current partitions of the topics it still subscribes to; every other partition, in topic then partition
 * order, goes to its topic's subscriber with the fewest partitions (ties: iteration order); then, while a
 * member holds at least two partitions more than another subscriber of one of its topics, its last such
 * partition moves there. The result differs from Kafka's builder in which partition moves (docs/DEVIATIONS.md).
 */
import {
  freeze,
  memberOrder,
  PartitionAssignorException,
  type GroupAssignment,
  type GroupSpec,
  type PartitionCounts,
} from './assignment-spec.ts'

interface Holding {
  readonly topic: string
  readonly partition: number
}

export function assignHeterogeneous(spec: GroupSpec, partitionCounts: PartitionCounts): GroupAssignment {
  const members = memberOrder(spec)
  const subscribers = new Map<string, string[]>()
  for (const memberId of members)
    for (const topic of new Set(spec.members.get(memberId)?.subscribedTopicNames ?? [])) {
      if (partitionCounts(topic) === -1)
        throw new PartitionAssignorException(
          `Members are subscribed to topic ${topic} which doesn't exist in the topic metadata.`,
        )
      subscribers.set(topic, [...(subscribers.get(topic) ?? []), memberId])
    }
  const holdings = new Map<string, Holding[]>(members.map((m) => [m, []]))
  const owner = new Map<string, string>()
  for (const memberId of members) {
    const member = spec.members.get(memberId)
    for (const [topic, partitions] of member?.assignment ?? new Map<string, readonly number[]>()) {
      if (!(subscribers.get(topic) ?? []).includes(memberId)) continue
      for (const partition of partitions)
        if (partition < partitionCounts(topic)) {
          holdings.get(memberId)?.push({ topic, partition })
          owner.set(`${topic}:${partition}`, memberId)
        }
    }
  }
  const size = (memberId: string): number => holdings.get(memberId)?.length ?? 0
  const smallest = (candidates: readonly string[]): string | undefined =>
    candidates.reduce<string | undefined>(
      (best, m) => (best === undefined || size(m) < size(best) ? m : best),
      undefined,
    )
  for (const topic of [...subscribers.keys()].sort())
    for (let partition = 0; partition < partitionCounts(topic); partition++) {
      if (owner.has(`${topic}:${partition}`)) continue
      const target = smallest(subscribers.get(topic) ?? [])
      if (target !== undefined) holdings.get(target)?.push({ topic, partition })
    }
  for (let moved = true; moved;) {
    moved = false
    for (const from of [...members].sort((a, b) => size(b) - size(a))) {
      const held = holdings.get(from) ?? []
      for (let i = held.length - 1; i >= 0 && !moved; i--) {
        const holding = held[i]!
        const to = smallest(subscribers.get(holding.topic) ?? [])
        if (to === undefined || size(from) - size(to) < 2) continue
        held.splice(i, 1)
        holdings.get(to)?.push(holding)
        moved = true
      }
      if (moved) break
    }
  }
  const result: GroupAssignment = new Map()
  for (const memberId of members) {
    const byTopic = new Map<string, Set<number>>()
    for (const { topic, partition } of holdings.get(memberId) ?? [])
      byTopic.set(topic, (byTopic.get(topic) ?? new Set()).add(partition))
    result.set(memberId, freeze(byTopic))
  }
  return result
}
