/**
 * ConsumerGroup: one KIP-848 consumer group as Kafka 4.1's coordinator keeps it: members by id, the group
 * epoch (bumped by every change of membership, subscriptions or subscribed topics' partition counts), the
 * target assignment with its epoch, and the owner of every partition a member holds or is revoking (the
 * partition epochs). State: Empty without members, Assigning while the target assignment is older than the
 * group epoch, Reconciling while a member has not reached it, else Stable.
 * The coordinator changes a group only by replaying its records (consumer-group-replay.ts); an operation
 * works on a `clone()` and the records are what it changed (consumer-group-record-helpers.ts).
 * Invariants: no partition has two owners; `metadataHash` is the hash of the subscribed topics' metadata
 * (metadata-hash.ts) as of the last group epoch bump.
 */
import type { ConsumerGroupState } from '../../protocol/kafka-consumer-groups.ts'
import { javaStringKeyOrder } from '../../net/java-hash.ts'
import type { MemberAssignment } from './assignors/assignment-spec.ts'
import { partitionKeys, type ConsumerGroupMember } from './consumer-group-member.ts'

export class ConsumerGroup {
  groupEpoch = 0
  assignmentEpoch = 0
  /** The hash of the subscribed topics' metadata as of the last group epoch bump. */
  metadataHash = 0
  /** Whether the log holds a ConsumerGroupPartitionMetadata record of the group (written before 4.1). */
  hasSubscriptionMetadataRecord = false
  readonly targetAssignment = new Map<string, MemberAssignment>()
  private readonly members = new Map<string, ConsumerGroupMember>()
  private readonly owners = new Map<string, string>()

  constructor(readonly groupId: string) {}

  /** A copy an operation may change (members and assignments are immutable values, shared). */
  clone(): ConsumerGroup {
    const copy = new ConsumerGroup(this.groupId)
    copy.groupEpoch = this.groupEpoch
    copy.assignmentEpoch = this.assignmentEpoch
    copy.metadataHash = this.metadataHash
    copy.hasSubscriptionMetadataRecord = this.hasSubscriptionMetadataRecord
    for (const [memberId, assignment] of this.targetAssignment)
      copy.targetAssignment.set(memberId, assignment)
    for (const [memberId, member] of this.members) copy.members.set(memberId, member)
    for (const [key, owner] of this.owners) copy.owners.set(key, owner)
    return copy
  }

  state(): ConsumerGroupState {
    if (this.members.size === 0) return 'Empty'
    if (this.groupEpoch > this.assignmentEpoch) return 'Assigning'
    for (const member of this.members.values())
      if (member.state !== 'STABLE' || member.memberEpoch !== this.assignmentEpoch) return 'Reconciling'
    return 'Stable'
  }

  member(memberId: string): ConsumerGroupMember | undefined {
    return this.members.get(memberId)
  }

  /** Members in Java HashMap iteration order of their ids. */
  allMembers(): ConsumerGroupMember[] {
    return javaStringKeyOrder([...this.members.keys()]).flatMap((id) => this.members.get(id) ?? [])
  }

  numMembers(): number {
    return this.members.size
  }

  /** The member holding or revoking a partition (its partition epoch's owner). */
  owner(topic: string, partition: number): string | undefined {
    return this.owners.get(`${topic}:${partition}`)
  }

  updateMember(member: ConsumerGroupMember): void {
    this.releasePartitions(member.memberId)
    this.members.set(member.memberId, member)
    for (const key of [
      ...partitionKeys(member.assignedPartitions),
      ...partitionKeys(member.partitionsPendingRevocation),
    ])
      this.owners.set(key, member.memberId)
  }

  removeMember(memberId: string): void {
    this.releasePartitions(memberId)
    this.members.delete(memberId)
    this.targetAssignment.delete(memberId)
  }

  private releasePartitions(memberId: string): void {
    const member = this.members.get(memberId)
    if (member === undefined) return
    for (const key of [
      ...partitionKeys(member.assignedPartitions),
      ...partitionKeys(member.partitionsPendingRevocation),
    ])
      if (this.owners.get(key) === memberId) this.owners.delete(key)
  }

  /** The topics any member subscribes to. */
  subscribedTopicNames(): Set<string> {
    return new Set(this.allMembers().flatMap((m) => m.subscribedTopicNames))
  }

  /** computePreferredServerAssignor: the assignor most members ask for, else the default. */
  preferredServerAssignor(defaultAssignor: string): string {
    const votes = new Map<string, number>()
    for (const member of this.allMembers())
      if (member.serverAssignor !== null)
        votes.set(member.serverAssignor, (votes.get(member.serverAssignor) ?? 0) + 1)
    let best: string | null = null
    for (const [name, count] of votes) if (best === null || count > (votes.get(best) ?? 0)) best = name
    return best ?? defaultAssignor
  }
}
