/**
 * ConsumerGroupMember: one member of a KIP-848 consumer group as the coordinator keeps it (Kafka 4.1's
 * ConsumerGroupMember): its subscription, its epochs and its current assignment. `memberEpoch` is the epoch
 * of the target assignment the member reconciled to; `previousMemberEpoch` the one before (a heartbeat
 * with it is still accepted when its response was lost). The state says what the member waits for:
 * STABLE (nothing), UNREVOKED_PARTITIONS (the member must give up `partitionsPendingRevocation` first) or
 * UNRELEASED_PARTITIONS (partitions of its target another member still holds). Invariant: assigned and
 * pending-revocation partitions are disjoint.
 */
import type { MemberAssignment } from './assignors/assignment-spec.ts'

export type MemberState = 'STABLE' | 'UNREVOKED_PARTITIONS' | 'UNRELEASED_PARTITIONS'

export interface ConsumerGroupMember {
  readonly memberId: string
  readonly instanceId: string | null
  readonly rackId: string | null
  readonly clientId: string
  readonly clientHost: string
  readonly rebalanceTimeoutMs: number
  readonly subscribedTopicNames: readonly string[]
  readonly serverAssignor: string | null
  readonly memberEpoch: number
  readonly previousMemberEpoch: number
  readonly state: MemberState
  readonly assignedPartitions: MemberAssignment
  readonly partitionsPendingRevocation: MemberAssignment
}

export const NO_PARTITIONS: MemberAssignment = new Map()

/** The partitions of an assignment as `topic:partition` keys. */
export function partitionKeys(assignment: MemberAssignment): string[] {
  return [...assignment].flatMap(([topic, partitions]) => partitions.map((p) => `${topic}:${p}`))
}

/** Whether two assignments hold the same partitions. */
export function sameAssignment(a: MemberAssignment, b: MemberAssignment): boolean {
  const left = partitionKeys(a)
  const right = new Set(partitionKeys(b))
  return left.length === right.size && left.every((k) => right.has(k))
}
