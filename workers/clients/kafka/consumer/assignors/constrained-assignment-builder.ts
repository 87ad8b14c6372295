/**
 * AbstractStickyAssignor.ConstrainedAssignmentBuilder (no racks): the sticky algorithm when every member
 * subscribes to the same topics. Quotas: minQuota = ⌊P/M⌋, maxQuota = ⌈P/M⌉, and exactly P % M members
 * end with maxQuota. Owned partitions are kept up to the quota (members visited in HashMap order, owned
 * partitions sorted by partition then topic); the rest are dealt round-robin to the unfilled members in
 * member id order. Partitions that were revoked from one member and given to another are recorded in
 * `partitionsTransferringOwnership`, which the cooperative assignor holds back for one rebalance.
 */
import { compareJavaStrings } from '../../../../net/java-hash.ts'
import { tpKey, type TopicPartition } from '../../../../protocol/consumer-protocol.ts'
import type { OwnedPartitions } from './sticky-owned-partitions.ts'

export interface StickyAssignment {
  readonly assignment: Map<string, TopicPartition[]>
  /** tpKey → new owner; null when it must be computed from the owned partitions (general case). */
  readonly partitionsTransferringOwnership: Map<string, string> | null
}

/** Every partition sorted by topic then partition. */
export function sortedTopicPartitions(partitionsPerTopic: ReadonlyMap<string, number>): TopicPartition[] {
  return [...partitionsPerTopic.keys()]
    .sort(compareJavaStrings)
    .flatMap((topic) =>
      Array.from({ length: partitionsPerTopic.get(topic) ?? 0 }, (_, partition) => ({ topic, partition })),
    )
}

export function buildConstrainedAssignment(
  partitionsPerTopic: ReadonlyMap<string, number>,
  owned: OwnedPartitions,
): StickyAssignment {
  const totalPartitions = [...partitionsPerTopic.values()].reduce((a, b) => a + b, 0)
  const numberOfConsumers = owned.consumerToOwnedPartitions.size
  const minQuota = Math.floor(totalPartitions / numberOfConsumers)
  const maxQuota = Math.ceil(totalPartitions / numberOfConsumers)
  const expectedOverMin = totalPartitions % numberOfConsumers
  let currentOverMin = 0
  const assignment = new Map<string, TopicPartition[]>()
  const assigned = new Set<string>()
  const revoked = new Set<string>()
  const transferring = new Map<string, string>()
  let underMin: string[] = []
  let exactlyMin: string[] = []

  for (const consumer of owned.memberOrder) {
    const ownedPartitions = (owned.consumerToOwnedPartitions.get(consumer) ?? [])
      .filter((p) => !owned.partitionsWithMultiplePreviousOwners.has(tpKey(p)))
      .sort((a, b) => a.partition - b.partition || compareJavaStrings(a.topic, b.topic))
    const keep = (count: number): void => {
      const kept = ownedPartitions.slice(0, count)
      assignment.set(consumer, kept)
      for (const p of kept) assigned.add(tpKey(p))
      for (const p of ownedPartitions.slice(count)) revoked.add(tpKey(p))
    }
    if (ownedPartitions.length < minQuota) {
      keep(ownedPartitions.length)
      underMin.push(consumer)
    } else if (ownedPartitions.length >= maxQuota && currentOverMin < expectedOverMin) {
      currentOverMin++
      if (currentOverMin === expectedOverMin) exactlyMin = []
      keep(maxQuota)
    } else {
      keep(minQuota)
      if (currentOverMin < expectedOverMin) exactlyMin.push(consumer)
    }
  }

  const unassigned = sortedTopicPartitions(partitionsPerTopic).filter((p) => !assigned.has(tpKey(p)))
  underMin = underMin.sort(compareJavaStrings)
  exactlyMin = exactlyMin.sort(compareJavaStrings)

  // Round-robin over the members under minQuota; a cursor stands in for Java's list iterator.
  let cursor = 0
  for (const partition of unassigned) {
    let consumer: string | undefined
    if (cursor < underMin.length) consumer = underMin[cursor++]
    else if (underMin.length === 0 && exactlyMin.length === 0)
      throw new Error('No more unfilled consumers to be assigned.')
    else if (underMin.length === 0) consumer = exactlyMin.shift()
    else {
      cursor = 0
      consumer = underMin[cursor++]
    }
    if (consumer === undefined) continue
    const list = assignment.get(consumer) ?? []
    assignment.set(consumer, list)
    list.push(partition)
    const key = tpKey(partition)
    if (revoked.has(key) || owned.partitionsWithMultiplePreviousOwners.has(key))
      transferring.set(key, consumer)
    if (list.length === minQuota) {
      underMin.splice(--cursor, 1)
      exactlyMin.push(consumer)
    } else if (list.length === maxQuota) currentOverMin++
  }
  return { assignment, partitionsTransferringOwnership: transferring }
}
