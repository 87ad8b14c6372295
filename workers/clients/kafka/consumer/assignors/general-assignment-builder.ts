/**
 * AbstractStickyAssignor.GeneralAssignmentBuilder (no racks): the sticky algorithm when members subscribe
 * to different topics. Keeps every still-valid owned partition, hands unassigned partitions one by one to
 * the least-loaded subscribed member (members ordered by assignment size, then id, like Kafka's TreeSet),
 * then moves partitions from members with two or more partitions more than another potential owner until
 * the assignment is balanced, preferring a partition's owner from an older generation; the result is kept
 * only if its balance score improved (unless the assignment started empty).
 */
import { compareJavaStrings, javaStringKeyOrder } from '../../../../net/java-hash.ts'
import {
  tpKey,
  type MemberSubscription,
  type TopicPartition,
} from '../../../../protocol/consumer-protocol.ts'
import type { StickyAssignment } from './constrained-assignment-builder.ts'
import { PartitionMovements } from './partition-movements.ts'
import type { OwnedPartitions } from './sticky-owned-partitions.ts'

interface Previous {
  readonly consumer: string
  readonly generation: number
}

export function buildGeneralAssignment(
  partitionsPerTopic: ReadonlyMap<string, number>,
  subscriptions: ReadonlyMap<string, MemberSubscription>,
  owned: OwnedPartitions,
): StickyAssignment {
  const current = new Map<string, TopicPartition[]>()
  for (const member of owned.memberOrder)
    current.set(member, [...(owned.consumerToOwnedPartitions.get(member) ?? [])])
  const topicConsumers = new Map<string, string[]>(
    javaStringKeyOrder([...partitionsPerTopic.keys()]).map((topic) => [topic, []]),
  )
  const consumerTopics = new Map<string, string[]>()
  for (const member of owned.memberOrder) {
    const topics = (subscriptions.get(member)?.topics ?? []).filter((t) => partitionsPerTopic.has(t))
    consumerTopics.set(member, topics)
    for (const topic of topics) topicConsumers.get(topic)?.push(member)
  }
  const partitionConsumer = new Map<string, string>()
  for (const [member, partitions] of current)
    for (const p of partitions) partitionConsumer.set(tpKey(p), member)
  const potential = (topic: string): number => topicConsumers.get(topic)?.length ?? 0
  let sortedAllPartitions = [...topicConsumers.keys()]
    .sort((a, b) => potential(a) - potential(b) || compareJavaStrings(a, b))
    .flatMap((topic) =>
      Array.from({ length: partitionsPerTopic.get(topic) ?? 0 }, (_, partition) => ({ topic, partition })),
    )
  const size = (member: string): number => current.get(member)?.length ?? 0
  const inTree = new Set<string>()
  const sortedConsumers = (): string[] =>
    [...inTree].sort((a, b) => size(a) - size(b) || compareJavaStrings(a, b))
  const movements = new PartitionMovements()

  // prepopulateCurrentAssignments: owners from older generations, newest first.
  const previous = new Map<string, Previous>()
  for (const member of owned.memberOrder) {
    const subscription = subscriptions.get(member)
    if (subscription === undefined || subscription.generationId >= owned.maxGeneration) continue
    for (const p of subscription.ownedPartitions) {
      const known = previous.get(tpKey(p))
      if (known === undefined || subscription.generationId > known.generation)
        previous.set(tpKey(p), { consumer: member, generation: subscription.generationId })
    }
  }

  // assignOwnedPartitions
  let revocationRequired = false
  const assigned = new Set<string>()
  for (const [member, partitions] of current) {
    const topics = subscriptions.get(member)?.topics ?? []
    const kept = partitions.filter((p) => {
      if (!topicConsumers.has(p.topic)) {
        partitionConsumer.delete(tpKey(p))
        return false
      }
      if (!topics.includes(p.topic)) {
        revocationRequired = true
        return false
      }
      assigned.add(tpKey(p))
      return true
    })
    current.set(member, kept)
  }
  let unassigned = sortedAllPartitions.filter((p) => !assigned.has(tpKey(p)))
  for (const member of current.keys()) inTree.add(member)

  const moveTo = (partition: TopicPartition, newConsumer: string): void => {
    const oldConsumer = partitionConsumer.get(tpKey(partition)) ?? newConsumer
    const actual = movements.actualPartitionToMove(partition, oldConsumer, newConsumer)
    const from = partitionConsumer.get(tpKey(actual)) ?? oldConsumer
    movements.movePartition(actual, from, newConsumer)
    current.set(
      from,
      (current.get(from) ?? []).filter((p) => tpKey(p) !== tpKey(actual)),
    )
    current.get(newConsumer)?.push(actual)
    partitionConsumer.set(tpKey(actual), newConsumer)
  }
  const maxAssignmentSize = (member: string): number =>
    (consumerTopics.get(member) ?? []).reduce((sum, t) => sum + (partitionsPerTopic.get(t) ?? 0), 0)

  const isBalanced = (): boolean => {
    const order = sortedConsumers()
    const first = order[0]
    const last = order[order.length - 1]
    if (first === undefined || last === undefined || size(first) >= size(last) - 1) return true
    for (const member of order) {
      const count = size(member)
      if (count === maxAssignmentSize(member)) continue
      const mine = new Set((current.get(member) ?? []).map(tpKey))
      for (const topic of consumerTopics.get(member) ?? []) {
        for (let i = 0; i < (partitionsPerTopic.get(topic) ?? 0); i++) {
          const key = tpKey({ topic, partition: i })
          const other = partitionConsumer.get(key)
          if (!mine.has(key) && other !== undefined && count + 1 < size(other)) return false
        }
      }
    }
    return true
  }

  const performReassignments = (partitions: readonly TopicPartition[]): boolean => {
    let performed = false
    let modified: boolean
    do {
      modified = false
      for (const partition of partitions) {
        if (isBalanced()) break
        const consumer = partitionConsumer.get(tpKey(partition))
        if (consumer === undefined) continue
        const prev = previous.get(tpKey(partition))
        if (prev !== undefined && current.has(prev.consumer) && size(consumer) > size(prev.consumer) + 1) {
          moveTo(partition, prev.consumer)
          performed = modified = true
          continue
        }
        if ((topicConsumers.get(partition.topic) ?? []).some((other) => size(consumer) > size(other) + 1)) {
          const target = sortedConsumers().find((c) => consumerTopics.get(c)?.includes(partition.topic))
          if (target !== undefined) moveTo(partition, target)
          performed = modified = true
        }
      }
    } while (modified)
    return performed
  }

  // balance
  const lastConsumer = sortedConsumers().at(-1)
  const initializing = lastConsumer === undefined || size(lastConsumer) === 0
  for (const partition of unassigned) {
    if (potential(partition.topic) === 0) continue
    const target = sortedConsumers().find((c) => consumerTopics.get(c)?.includes(partition.topic))
    if (target === undefined) continue
    current.get(target)?.push(partition)
    partitionConsumer.set(tpKey(partition), target)
  }
  const reassignable = (p: TopicPartition): boolean => potential(p.topic) >= 2
  sortedAllPartitions = sortedAllPartitions.filter(reassignable)
  unassigned = unassigned.filter(reassignable)
  const fixed = new Map<string, TopicPartition[]>()
  for (const member of consumerTopics.keys()) {
    const partitions = current.get(member) ?? []
    const canParticipate =
      partitions.length < maxAssignmentSize(member) || partitions.some((p) => reassignable(p))
    if (!canParticipate) {
      inTree.delete(member)
      fixed.set(member, partitions)
      current.delete(member)
    }
  }
  const preBalance = new Map([...current].map(([m, ps]) => [m, [...ps]] as const))
  const preBalanceConsumers = new Map(partitionConsumer)
  if (!revocationRequired) performReassignments(unassigned)
  const performed = performReassignments(sortedAllPartitions)
  if (!initializing && performed && balanceScore(current) >= balanceScore(preBalance)) {
    current.clear()
    for (const [m, ps] of preBalance) current.set(m, [...ps])
    partitionConsumer.clear()
    for (const [k, v] of preBalanceConsumers) partitionConsumer.set(k, v)
  }
  for (const [member, partitions] of fixed) current.set(member, partitions)
  return { assignment: current, partitionsTransferringOwnership: null }
}

/** Sum over member pairs of the difference in assignment sizes (0 = perfectly balanced). */
function balanceScore(assignment: ReadonlyMap<string, readonly TopicPartition[]>): number {
  const sizes = [...assignment.values()].map((ps) => ps.length)
  let score = 0
  for (let i = 0; i < sizes.length; i++)
    for (let j = i + 1; j < sizes.length; j++) score += Math.abs((sizes[i] ?? 0) - (sizes[j] ?? 0))
  return score
}
