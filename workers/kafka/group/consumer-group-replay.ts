/**
 * GroupMetadataManager.replay for the KIP-848 consumer group's records (Kafka 4.1): the only way a consumer
 * group changes, both after a write the log acknowledged and when a coordinator loads its
 * __consumer_offsets partition. A record with a value creates the group (and an empty member) it names when
 * missing; a tombstone of a group or member that does not exist does nothing. The member metadata and
 * current assignment records each set their half of a member; a current assignment tombstone leaves the
 * member at epoch -1 with nothing assigned; a group tombstone removes the group. Topics are named by id in
 * the records and by name in memory: partitions of a topic this broker's metadata no longer has are dropped.
 */
import { LEAVE_GROUP_MEMBER_EPOCH } from '../../protocol/kafka-consumer-groups.ts'
import type { MemberAssignment } from './assignors/assignment-spec.ts'
import {
  CONSUMER_GROUP_CURRENT_MEMBER_ASSIGNMENT_RECORD_TYPE,
  CONSUMER_GROUP_MEMBER_METADATA_RECORD_TYPE,
  CONSUMER_GROUP_METADATA_RECORD_TYPE,
  CONSUMER_GROUP_PARTITION_METADATA_RECORD_TYPE,
  CONSUMER_GROUP_TARGET_ASSIGNMENT_MEMBER_RECORD_TYPE,
  CONSUMER_GROUP_TARGET_ASSIGNMENT_METADATA_RECORD_TYPE,
} from './consumer-group-record-schemas.ts'
import { ConsumerGroup } from './consumer-group.ts'
import { NO_PARTITIONS, type ConsumerGroupMember } from './consumer-group-member.ts'
import type { ConsumerGroupRecord, ConsumerGroupTombstone, TopicIdPartitions } from './group-records.ts'

export interface ConsumerGroupReplayDeps {
  readonly groups: Map<string, ConsumerGroup>
  /** A topic's name in this broker's metadata, undefined when no topic has this id. */
  readonly topicName: (topicId: string) => string | undefined
  /** Called when a consumer group of this id is created: an empty classic group of the id gives way. */
  readonly onCreate: (groupId: string) => void
}

/** A member the records have not described yet (ConsumerGroupMember.Builder's defaults). */
function emptyMember(memberId: string): ConsumerGroupMember {
  return {
    memberId,
    instanceId: null,
    rackId: null,
    clientId: '',
    clientHost: '',
    rebalanceTimeoutMs: -1,
    subscribedTopicNames: [],
    serverAssignor: null,
    memberEpoch: 0,
    previousMemberEpoch: 0,
    state: 'STABLE',
    assignedPartitions: NO_PARTITIONS,
    partitionsPendingRevocation: NO_PARTITIONS,
  }
}

function toAssignment(topics: readonly TopicIdPartitions[], deps: ConsumerGroupReplayDeps): MemberAssignment {
  const assignment = new Map<string, readonly number[]>()
  for (const { topicId, partitions } of topics) {
    const name = deps.topicName(topicId)
    if (name !== undefined)
      assignment.set(
        name,
        [...partitions].sort((a, b) => a - b),
      )
  }
  return assignment
}

function getOrCreateGroup(groupId: string, deps: ConsumerGroupReplayDeps): ConsumerGroup {
  const existing = deps.groups.get(groupId)
  if (existing !== undefined) return existing
  deps.onCreate(groupId)
  const group = new ConsumerGroup(groupId)
  deps.groups.set(groupId, group)
  return group
}

export function replayConsumerGroupRecord(record: ConsumerGroupRecord, deps: ConsumerGroupReplayDeps): void {
  if (record.type === 'ConsumerGroupTombstone') return replayTombstone(record, deps)
  const group = getOrCreateGroup(record.groupId, deps)
  switch (record.type) {
    case 'ConsumerGroupMetadata':
      group.groupEpoch = record.epoch
      group.metadataHash = record.metadataHash
      return
    case 'ConsumerGroupPartitionMetadata':
      group.hasSubscriptionMetadataRecord = true
      return
    case 'ConsumerGroupMemberMetadata': {
      const member = group.member(record.memberId) ?? emptyMember(record.memberId)
      group.updateMember({
        ...member,
        instanceId: record.instanceId,
        rackId: record.rackId,
        clientId: record.clientId,
        clientHost: record.clientHost,
        subscribedTopicNames: record.subscribedTopicNames,
        rebalanceTimeoutMs: record.rebalanceTimeoutMs,
        serverAssignor: record.serverAssignor,
      })
      return
    }
    case 'ConsumerGroupTargetAssignmentMetadata':
      group.assignmentEpoch = record.assignmentEpoch
      return
    case 'ConsumerGroupTargetAssignmentMember':
      group.targetAssignment.set(record.memberId, toAssignment(record.topicPartitions, deps))
      return
    case 'ConsumerGroupCurrentMemberAssignment': {
      const member = group.member(record.memberId) ?? emptyMember(record.memberId)
      group.updateMember({
        ...member,
        memberEpoch: record.memberEpoch,
        previousMemberEpoch: record.previousMemberEpoch,
        state: record.state,
        assignedPartitions: toAssignment(record.assignedPartitions, deps),
        partitionsPendingRevocation: toAssignment(record.partitionsPendingRevocation, deps),
      })
      return
    }
  }
}

function replayTombstone(record: ConsumerGroupTombstone, deps: ConsumerGroupReplayDeps): void {
  const group = deps.groups.get(record.groupId)
  if (group === undefined) return
  const memberId = record.memberId ?? ''
  switch (record.recordType) {
    case CONSUMER_GROUP_METADATA_RECORD_TYPE:
      deps.groups.delete(record.groupId)
      return
    case CONSUMER_GROUP_PARTITION_METADATA_RECORD_TYPE:
      group.hasSubscriptionMetadataRecord = false
      return
    case CONSUMER_GROUP_MEMBER_METADATA_RECORD_TYPE:
      group.removeMember(memberId)
      return
    case CONSUMER_GROUP_TARGET_ASSIGNMENT_METADATA_RECORD_TYPE:
      group.assignmentEpoch = -1
      return
    case CONSUMER_GROUP_TARGET_ASSIGNMENT_MEMBER_RECORD_TYPE:
      group.targetAssignment.delete(memberId)
      return
    case CONSUMER_GROUP_CURRENT_MEMBER_ASSIGNMENT_RECORD_TYPE: {
      const member = group.member(memberId)
      if (member !== undefined)
        group.updateMember({
          ...member,
          memberEpoch: LEAVE_GROUP_MEMBER_EPOCH,
          previousMemberEpoch: LEAVE_GROUP_MEMBER_EPOCH,
          assignedPartitions: NO_PARTITIONS,
          partitionsPendingRevocation: NO_PARTITIONS,
        })
      return
    }
  }
}
