/**
 * CooperativeStickyAssignor ("cooperative-sticky"): AbstractStickyAssignor's balanced, sticky assignment
 * (constrained builder when all subscriptions are equal, general builder otherwise), then the cooperative
 * adjustment: a partition moving from one member to another is left out of this round's assignment, so its
 * old owner revokes it first and the next rebalance hands it to the new owner. Topics with no partitions
 * are skipped, as AbstractPartitionAssignor skips them.
 */
import { buildConstrainedAssignment } from './constrained-assignment-builder.ts'
import {
  tpKey,
  type ConsumerPartitionAssignor,
  type MemberSubscription,
  type TopicPartition,
} from '../../../../protocol/consumer-protocol.ts'
import { buildGeneralAssignment } from './general-assignment-builder.ts'
import { readOwnedPartitions } from './sticky-owned-partitions.ts'

export class CooperativeStickyAssignor implements ConsumerPartitionAssignor {
  readonly name = 'cooperative-sticky'

  assign(
    partitionsPerTopic: ReadonlyMap<string, number>,
    subscriptions: ReadonlyMap<string, MemberSubscription>,
  ): Map<string, TopicPartition[]> {
    const topics = new Map([...partitionsPerTopic].filter(([, count]) => count > 0))
    const owned = readOwnedPartitions(new Set(topics.keys()), subscriptions)
    const { assignment, partitionsTransferringOwnership } = owned.allSubscriptionsEqual
      ? buildConstrainedAssignment(topics, owned)
      : buildGeneralAssignment(topics, subscriptions, owned)
    const transferring = partitionsTransferringOwnership ?? transfers(subscriptions, assignment)
    for (const [key, consumer] of transferring) {
      const list = assignment.get(consumer)
      if (list !== undefined)
        assignment.set(
          consumer,
          list.filter((p) => tpKey(p) !== key),
        )
    }
    return assignment
  }
}

/** Partitions assigned to a member that did not own them while another member owned and loses them. */
function transfers(
  subscriptions: ReadonlyMap<string, MemberSubscription>,
  assignment: ReadonlyMap<string, readonly TopicPartition[]>,
): Map<string, string> {
  const added = new Map<string, string>()
  const revoked = new Set<string>()
  for (const [consumer, assigned] of assignment) {
    const ownedKeys = new Set((subscriptions.get(consumer)?.ownedPartitions ?? []).map(tpKey))
    const assignedKeys = new Set(assigned.map(tpKey))
    for (const key of assignedKeys) if (!ownedKeys.has(key)) added.set(key, consumer)
    for (const key of ownedKeys) if (!assignedKeys.has(key)) revoked.add(key)
  }
  return new Map([...added].filter(([key]) => revoked.has(key)))
}
