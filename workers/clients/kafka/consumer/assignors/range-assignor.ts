/**
 * RangeAssignor ("range"), as Kafka's clients RangeAssignor without rack awareness: per topic, the
 * subscribed members sorted as AbstractPartitionAssignor.MemberInfo sorts them (static members first by
 * group.instance.id, then dynamic members by member id), partitions in numeric order, the first
 * `partitions % members` members taking one extra. Topics are visited in Java HashMap order, which fixes
 * the order of each member's list exactly as Kafka returns it.
 */
import { compareJavaStrings, javaStringKeyOrder } from '../../../../net/java-hash.ts'
import type {
  ConsumerPartitionAssignor,
  MemberSubscription,
  TopicPartition,
} from '../../../../protocol/consumer-protocol.ts'

interface MemberInfo {
  readonly memberId: string
  readonly groupInstanceId: string | null
}

/** AbstractPartitionAssignor.MemberInfo#compareTo. */
export function compareMemberInfo(a: MemberInfo, b: MemberInfo): number {
  if (a.groupInstanceId !== null && b.groupInstanceId !== null)
    return compareJavaStrings(a.groupInstanceId, b.groupInstanceId)
  if (a.groupInstanceId !== null) return -1
  if (b.groupInstanceId !== null) return 1
  return compareJavaStrings(a.memberId, b.memberId)
}

export class RangeAssignor implements ConsumerPartitionAssignor {
  readonly name = 'range'

  assign(
    partitionsPerTopic: ReadonlyMap<string, number>,
    subscriptions: ReadonlyMap<string, MemberSubscription>,
  ): Map<string, TopicPartition[]> {
    const memberIds = javaStringKeyOrder([...subscriptions.keys()])
    const assignment = new Map<string, TopicPartition[]>(memberIds.map((id) => [id, []]))
    for (const topic of javaStringKeyOrder([...partitionsPerTopic.keys()])) {
      const numPartitions = partitionsPerTopic.get(topic) ?? 0
      const consumers = memberIds
        .flatMap((memberId) => {
          const subscription = subscriptions.get(memberId)
          return subscription?.topics.includes(topic)
            ? [{ memberId, groupInstanceId: subscription.groupInstanceId }]
            : []
        })
        .sort(compareMemberInfo)
      if (numPartitions === 0 || consumers.length === 0) continue
      const perConsumer = Math.floor(numPartitions / consumers.length)
      const withExtra = numPartitions % consumers.length
      consumers.forEach((consumer, i) => {
        const start = perConsumer * i + Math.min(i, withExtra)
        const length = perConsumer + (i + 1 > withExtra ? 0 : 1)
        const list = assignment.get(consumer.memberId)
        for (let p = start; p < start + length; p++) list?.push({ topic, partition: p })
      })
    }
    return assignment
  }
}
