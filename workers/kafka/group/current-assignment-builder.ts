/**
 * CurrentAssignmentBuilder (Kafka 4.1): moves a member's current assignment towards its target, one step per
 * heartbeat, so that no partition is ever owned by two members. A member first gives up what its target
 * drops (UNREVOKED_PARTITIONS, keeping its epoch until the client's owned partitions no longer include
 * them), then takes the partitions of its target no other member holds (a partition still held elsewhere,
 * by the group's partition epochs, leaves it UNRELEASED_PARTITIONS at the target epoch), and is STABLE at the target
 * epoch once it holds its whole target.
 */
import type { TopicPartition } from '../../protocol/consumer-protocol.ts'
import type { MemberAssignment } from './assignors/assignment-spec.ts'
import { freeze } from './assignors/assignment-spec.ts'
import type { ConsumerGroupMember } from './consumer-group-member.ts'

export interface Target {
  readonly epoch: number
  readonly assignment: MemberAssignment
}

/** The member holding a partition (assigned or pending revocation), undefined when free. */
export type PartitionOwner = (topic: string, partition: number) => string | undefined

/** Whether the client still owns any of these partitions; null (unchanged) counts as still owning them. */
function ownsAny(owned: readonly TopicPartition[] | null, partitions: MemberAssignment): boolean {
  if (owned === null) return partitions.size > 0
  return owned.some((tp) => partitions.get(tp.topic)?.includes(tp.partition) === true)
}

function addTo(assignment: Map<string, Set<number>>, topic: string, partition: number): void {
  assignment.set(topic, (assignment.get(topic) ?? new Set<number>()).add(partition))
}

/** computeNextAssignment */
function computeNextAssignment(
  member: ConsumerGroupMember,
  target: Target,
  owner: PartitionOwner,
  owned: readonly TopicPartition[] | null,
): ConsumerGroupMember {
  const assigned = new Map<string, Set<number>>()
  const revoking = new Map<string, Set<number>>()
  let unreleased = false
  const topics = new Set([...member.assignedPartitions.keys(), ...target.assignment.keys()])
  for (const topic of topics) {
    const current = new Set(member.assignedPartitions.get(topic) ?? [])
    const wanted = new Set(target.assignment.get(topic) ?? [])
    for (const p of current) addTo(wanted.has(p) ? assigned : revoking, topic, p)
    for (const p of wanted) {
      if (current.has(p)) continue
      const holder = owner(topic, p)
      if (holder === undefined || holder === member.memberId) addTo(assigned, topic, p)
      else unreleased = true
    }
  }
  const pending = freeze(revoking)
  if (pending.size > 0 && ownsAny(owned, pending))
    return {
      ...member,
      state: 'UNREVOKED_PARTITIONS',
      assignedPartitions: freeze(assigned),
      partitionsPendingRevocation: pending,
    }
  return {
    ...member,
    state: unreleased ? 'UNRELEASED_PARTITIONS' : 'STABLE',
    previousMemberEpoch:
      member.memberEpoch === target.epoch ? member.previousMemberEpoch : member.memberEpoch,
    memberEpoch: target.epoch,
    assignedPartitions: freeze(assigned),
    partitionsPendingRevocation: new Map(),
  }
}

/** CurrentAssignmentBuilder.build: the member after this heartbeat, given the partitions it says it owns. */
export function reconcile(
  member: ConsumerGroupMember,
  target: Target,
  owner: PartitionOwner,
  owned: readonly TopicPartition[] | null,
): ConsumerGroupMember {
  switch (member.state) {
    case 'STABLE':
      return member.memberEpoch === target.epoch
        ? member
        : computeNextAssignment(member, target, owner, owned)
    case 'UNREVOKED_PARTITIONS':
      if (ownsAny(owned, member.partitionsPendingRevocation)) return member
      return computeNextAssignment(
        { ...member, partitionsPendingRevocation: new Map() },
        target,
        owner,
        owned,
      )
    case 'UNRELEASED_PARTITIONS':
      return computeNextAssignment(member, target, owner, owned)
  }
}
