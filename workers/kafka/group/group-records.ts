/**
 * The records the group coordinator writes to its __consumer_offsets partition, as Kafka's
 * GroupCoordinatorRecordHelpers build them: GroupMetadata (key v2: the group; value v3: protocol, generation,
 * leader, members with their subscription and assignment) and OffsetCommit (key v1: group, topic,
 * partition; value v3: offset, leader epoch, metadata, commit time), each with a tombstone; and the KIP-848
 * consumer group's records (consumer-group-record-schemas.ts), which name topics by id as Kafka's do, each
 * with a tombstone of its key. The lead encodes them into the partition; replaying them in order
 * (`GroupCoordinator.load`) rebuilds groups and offsets.
 */
import type {
  ConsumerProtocolAssignment,
  ConsumerProtocolSubscription,
} from '../../protocol/consumer-protocol.ts'
import type { ConsumerGroupRecordType } from './consumer-group-record-schemas.ts'
import type { MemberState } from './consumer-group-member.ts'

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

/** A topic's partitions in a consumer group record. */
export interface TopicIdPartitions {
  readonly topicId: string
  readonly partitions: readonly number[]
}

/** ConsumerGroupMetadataValue: the group epoch and the hash of the subscribed topics' metadata. */
export interface ConsumerGroupMetadataRecord {
  readonly type: 'ConsumerGroupMetadata'
  readonly groupId: string
  readonly epoch: number
  readonly metadataHash: number
}

/** ConsumerGroupPartitionMetadataValue, which 4.1 reads but no longer writes. */
export interface ConsumerGroupPartitionMetadataRecord {
  readonly type: 'ConsumerGroupPartitionMetadata'
  readonly groupId: string
  readonly topics: readonly { topicId: string; topicName: string; numPartitions: number }[]
}

/** ConsumerGroupMemberMetadataValue: a member's subscription. */
export interface ConsumerGroupMemberMetadataRecord {
  readonly type: 'ConsumerGroupMemberMetadata'
  readonly groupId: string
  readonly memberId: string
  readonly instanceId: string | null
  readonly rackId: string | null
  readonly clientId: string
  readonly clientHost: string
  readonly subscribedTopicNames: readonly string[]
  readonly subscribedTopicRegex: string | null
  readonly rebalanceTimeoutMs: number
  readonly serverAssignor: string | null
}

/** ConsumerGroupTargetAssignmentMetadataValue: the epoch of the target assignment. */
export interface ConsumerGroupTargetAssignmentMetadataRecord {
  readonly type: 'ConsumerGroupTargetAssignmentMetadata'
  readonly groupId: string
  readonly assignmentEpoch: number
}

/** ConsumerGroupTargetAssignmentMemberValue: one member's target partitions. */
export interface ConsumerGroupTargetAssignmentMemberRecord {
  readonly type: 'ConsumerGroupTargetAssignmentMember'
  readonly groupId: string
  readonly memberId: string
  readonly topicPartitions: readonly TopicIdPartitions[]
}

/** ConsumerGroupCurrentMemberAssignmentValue: a member's epochs, state and current assignment. */
export interface ConsumerGroupCurrentMemberAssignmentRecord {
  readonly type: 'ConsumerGroupCurrentMemberAssignment'
  readonly groupId: string
  readonly memberId: string
  readonly memberEpoch: number
  readonly previousMemberEpoch: number
  readonly state: MemberState
  readonly assignedPartitions: readonly TopicIdPartitions[]
  readonly partitionsPendingRevocation: readonly TopicIdPartitions[]
}

/** The tombstone of a consumer group record's key (memberId null for the group-level records). */
export interface ConsumerGroupTombstone {
  readonly type: 'ConsumerGroupTombstone'
  readonly recordType: ConsumerGroupRecordType
  readonly groupId: string
  readonly memberId: string | null
}

export type ConsumerGroupRecord =
  | ConsumerGroupMetadataRecord
  | ConsumerGroupPartitionMetadataRecord
  | ConsumerGroupMemberMetadataRecord
  | ConsumerGroupTargetAssignmentMetadataRecord
  | ConsumerGroupTargetAssignmentMemberRecord
  | ConsumerGroupCurrentMemberAssignmentRecord
  | ConsumerGroupTombstone

export type GroupCoordinatorRecord =
  | GroupMetadataRecord
  | GroupMetadataTombstone
  | OffsetCommitRecord
  | OffsetCommitTombstone
  | ConsumerGroupRecord
