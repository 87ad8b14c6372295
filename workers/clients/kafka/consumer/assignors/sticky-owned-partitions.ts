/**
 * The first step of AbstractStickyAssignor: read each member's owned partitions and generation
 * (allSubscriptionsEqual). Members are visited in Java HashMap order of their ids, as Kafka does; a
 * partition claimed by two members of one generation is taken from both, and a claim from a newer
 * generation wins over an older one. Owned partitions of topics that are not assignable are dropped.
 */
import { javaStringKeyOrder } from '../../../../net/java-hash.ts'
import {
  tpKey,
  type MemberSubscription,
  type TopicPartition,
} from '../../../../protocol/consumer-protocol.ts'

export interface OwnedPartitions {
  /** True when every member subscribes to the same set of topics. */
  readonly allSubscriptionsEqual: boolean
  /** Member ids in Java HashMap iteration order. */
  readonly memberOrder: readonly string[]
  /** Each member's previously owned and still assignable partitions. */
  readonly consumerToOwnedPartitions: Map<string, TopicPartition[]>
  /** Keys (tpKey) of partitions claimed by several members of the same generation. */
  readonly partitionsWithMultiplePreviousOwners: Set<string>
  readonly maxGeneration: number
}

function sameTopics(a: readonly string[], b: ReadonlySet<string>): boolean {
  const set = new Set(a)
  return set.size === b.size && [...b].every((topic) => set.has(topic))
}

export function readOwnedPartitions(
  allTopics: ReadonlySet<string>,
  subscriptions: ReadonlyMap<string, MemberSubscription>,
): OwnedPartitions {
  const memberOrder = javaStringKeyOrder([...subscriptions.keys()])
  const consumerToOwnedPartitions = new Map<string, TopicPartition[]>()
  const partitionsWithMultiplePreviousOwners = new Set<string>()
  const previousOwner = new Map<string, string>()
  let subscribedTopics: Set<string> | null = null
  let allSubscriptionsEqual = true
  let maxGeneration = -1
  const generationOf = (member: string): number => subscriptions.get(member)?.generationId ?? -1
  const dropOwned = (member: string, key: string): void => {
    const owned = consumerToOwnedPartitions.get(member) ?? []
    const index = owned.findIndex((p) => tpKey(p) === key)
    if (index >= 0) owned.splice(index, 1)
  }

  for (const consumer of memberOrder) {
    const subscription = subscriptions.get(consumer)
    if (subscription === undefined) continue
    if (subscribedTopics === null || subscribedTopics.size === 0)
      subscribedTopics = new Set(subscription.topics)
    else if (allSubscriptionsEqual && !sameTopics(subscription.topics, subscribedTopics))
      allSubscriptionsEqual = false
    const generation = subscription.generationId
    maxGeneration = Math.max(maxGeneration, generation)
    const owned: TopicPartition[] = []
    consumerToOwnedPartitions.set(consumer, owned)
    for (const partition of subscription.ownedPartitions) {
      if (!allTopics.has(partition.topic)) continue
      const key = tpKey(partition)
      const other = previousOwner.get(key)
      if (other === undefined) {
        owned.push(partition)
        previousOwner.set(key, consumer)
      } else if (generation === generationOf(other)) {
        partitionsWithMultiplePreviousOwners.add(key)
        dropOwned(other, key)
        previousOwner.set(key, consumer)
      } else if (generation > generationOf(other)) {
        owned.push(partition)
        dropOwned(other, key)
        previousOwner.set(key, consumer)
      }
    }
  }
  return {
    allSubscriptionsEqual,
    memberOrder,
    consumerToOwnedPartitions,
    partitionsWithMultiplePreviousOwners,
    maxGeneration,
  }
}
