/**
 * ConsumerGroup: one KIP-848 consumer group as Kafka 4.1's coordinator keeps it: members by id, the group
 * epoch (bumped by every change of membership, subscriptions or subscribed topics' partition counts), the
 * target assignment with its epoch, and the owner of every partition a member holds or is revoking (the
 * partition epochs). State: Empty without members, Assigning while the target assignment is older than the
 * group epoch, Reconciling while a member has not reached it, else Stable.
 * Invariants: no partition has two owners; `subscriptionMetadata` holds the partition counts the target
 * assignment was computed against.
 */
import type { ConsumerGroupState } from '../../protocol/kafka-consumer-groups.ts'
import { javaStringKeyOrder } from '../../net/java-hash.ts'
import type { MemberAssignment } from './assignors/assignment-spec.ts'
import { partitionKeys, type ConsumerGroupMember } from './consumer-group-member.ts'

export class ConsumerGroup {
  groupEpoch = 0
  assignmentEpoch = 0
  /** The partition counts of the subscribed topics that exist, as of the last group epoch bump. */
  subscriptionMetadata: ReadonlyMap<string, number> = new Map()
  readonly targetAssignment = new Map<string, MemberAssignment>()
  private readonly members = new Map<string, ConsumerGroupMember>()
  private readonly owners = new Map<string, string>()

  constructor(readonly groupId: string) {}

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
