/**
 * The records the group coordinator writes to its __consumer_offsets partition, as Kafka's
 * GroupCoordinatorRecordHelpers build them: GroupMetadata (key v2: the group; value v3: protocol, generation,
 * leader, members with their subscription and assignment) and OffsetCommit (key v1: group, topic,
 * partition; value v3: offset, leader epoch, metadata, commit time), each with a tombstone. The lead encodes
 * them into the partition; replaying them in order (`GroupCoordinator.load`) rebuilds groups and offsets.
 */
import type {
  ConsumerProtocolAssignment,
  ConsumerProtocolSubscription,
} from '../../protocol/consumer-protocol.ts'

export interface GroupMetadataMember {
  readonly memberId: string
  readonly groupInstanceId: string | null
  readonly clientId: string
  readonly clientHost: string
  readonly rebalanceTimeoutMs: number
  readonly sessionTimeoutMs: number
  /** The member's metadata for the selected protocol. */
  readonly subscription: ConsumerProtocolSubscription
  readonly assignment: ConsumerProtocolAssignment
}

export interface GroupMetadataRecord {
  readonly type: 'GroupMetadata'
  readonly groupId: string
  readonly protocolType: string
  readonly generation: number
  readonly protocol: string | null
  readonly leader: string | null
  readonly currentStateTimestamp: number
  readonly members: readonly GroupMetadataMember[]
}

export interface GroupMetadataTombstone {
  readonly type: 'GroupMetadataTombstone'
  readonly groupId: string
}

export interface OffsetCommitRecord {
  readonly type: 'OffsetCommit'
  readonly groupId: string
  readonly topic: string
  readonly partition: number
  readonly offset: number
  readonly leaderEpoch: number
  readonly metadata: string
  readonly commitTimestamp: number
}

export interface OffsetCommitTombstone {
  readonly type: 'OffsetCommitTombstone'
  readonly groupId: string
  readonly topic: string
  readonly partition: number
}

export type GroupCoordinatorRecord =
  GroupMetadataRecord | GroupMetadataTombstone | OffsetCommitRecord | OffsetCommitTombstone
