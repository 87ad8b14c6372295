/**
 * The records of a change to a consumer group, as Kafka 4.1's GroupMetadataManager emits them through
 * GroupCoordinatorRecordHelpers: an operation runs on a copy of the group, and `changeRecords(before,
 * after)` lists what differs, in Kafka's order:
 * 1. for each member removed, its ConsumerGroupCurrentMemberAssignment, ConsumerGroupTargetAssignmentMember
 *    and ConsumerGroupMemberMetadata tombstones (removeMember);
 * 2. a ConsumerGroupMemberMetadata record for each member whose subscription changed or is new;
 * 3. the ConsumerGroupPartitionMetadata tombstone when the log still holds one, and a ConsumerGroupMetadata
 *    record, when the group epoch or metadata hash changed;
 * 4. a ConsumerGroupTargetAssignmentMember record for each member whose target changed, then a
 *    ConsumerGroupTargetAssignmentMetadata record when the assignment epoch changed;
 * 5. a ConsumerGroupCurrentMemberAssignment record for each member whose epochs, state or partitions changed.
 * `deletionRecords` are ConsumerGroup.createGroupTombstoneRecords for an empty group. Topics are named by
 * their ids (a topic with no id any more is left out); partitions ascending, topics in name order.
 * Invariant: replaying changeRecords(before, after) onto `before` gives `after` (consumer-group-replay.ts).
 */
import type { MemberAssignment } from './assignors/assignment-spec.ts'
import {
  CONSUMER_GROUP_CURRENT_MEMBER_ASSIGNMENT_RECORD_TYPE,
  CONSUMER_GROUP_MEMBER_METADATA_RECORD_TYPE,
  CONSUMER_GROUP_METADATA_RECORD_TYPE,
  CONSUMER_GROUP_PARTITION_METADATA_RECORD_TYPE,
  CONSUMER_GROUP_TARGET_ASSIGNMENT_MEMBER_RECORD_TYPE,
  CONSUMER_GROUP_TARGET_ASSIGNMENT_METADATA_RECORD_TYPE,
  type ConsumerGroupRecordType,
} from './consumer-group-record-schemas.ts'
import type { ConsumerGroup } from './consumer-group.ts'
import { sameAssignment, type ConsumerGroupMember } from './consumer-group-member.ts'
import type { ConsumerGroupRecord, TopicIdPartitions } from './group-records.ts'

/** A topic's id in this broker's metadata, undefined when it does not exist. */
export type TopicIdOf = (topic: string) => string | undefined

function tombstone(
  recordType: ConsumerGroupRecordType,
  groupId: string,
  memberId: string | null = null,
): ConsumerGroupRecord {
  return { type: 'ConsumerGroupTombstone', recordType, groupId, memberId }
}

function toTopicPartitions(assignment: MemberAssignment, topicId: TopicIdOf): TopicIdPartitions[] {
  return [...assignment.keys()].sort().flatMap((topic) => {
    const id = topicId(topic)
    const partitions = [...(assignment.get(topic) ?? [])].sort((a, b) => a - b)
    return id === undefined ? [] : [{ topicId: id, partitions }]
  })
}

function sameSubscription(a: ConsumerGroupMember, b: ConsumerGroupMember): boolean {
  return (
    a.instanceId === b.instanceId &&
    a.rackId === b.rackId &&
    a.clientId === b.clientId &&
    a.clientHost === b.clientHost &&
    a.rebalanceTimeoutMs === b.rebalanceTimeoutMs &&
    a.serverAssignor === b.serverAssignor &&
    a.subscribedTopicNames.join('\u0000') === b.subscribedTopicNames.join('\u0000')
  )
}

function sameCurrentAssignment(a: ConsumerGroupMember, b: ConsumerGroupMember): boolean {
  return (
    a.memberEpoch === b.memberEpoch &&
    a.previousMemberEpoch === b.previousMemberEpoch &&
    a.state === b.state &&
    sameAssignment(a.assignedPartitions, b.assignedPartitions) &&
    sameAssignment(a.partitionsPendingRevocation, b.partitionsPendingRevocation)
  )
}

/** newConsumerGroupMemberSubscriptionRecord */
function memberSubscriptionRecord(groupId: string, member: ConsumerGroupMember): ConsumerGroupRecord {
  return {
    type: 'ConsumerGroupMemberMetadata',
    groupId,
    memberId: member.memberId,
    instanceId: member.instanceId,
    rackId: member.rackId,
    clientId: member.clientId,
    clientHost: member.clientHost,
    subscribedTopicNames: [...member.subscribedTopicNames].sort(),
    subscribedTopicRegex: null,
    rebalanceTimeoutMs: member.rebalanceTimeoutMs,
    serverAssignor: member.serverAssignor,
  }
}

/** newConsumerGroupCurrentAssignmentRecord */
function currentAssignmentRecord(
  groupId: string,
  member: ConsumerGroupMember,
  topicId: TopicIdOf,
): ConsumerGroupRecord {
  return {
    type: 'ConsumerGroupCurrentMemberAssignment',
    groupId,
    memberId: member.memberId,
    memberEpoch: member.memberEpoch,
    previousMemberEpoch: member.previousMemberEpoch,
    state: member.state,
    assignedPartitions: toTopicPartitions(member.assignedPartitions, topicId),
    partitionsPendingRevocation: toTopicPartitions(member.partitionsPendingRevocation, topicId),
  }
}

/** The records that turn `before` (undefined for a new group) into `after`. */
export function changeRecords(
  before: ConsumerGroup | undefined,
  after: ConsumerGroup,
  topicId: TopicIdOf,
): ConsumerGroupRecord[] {
  const groupId = after.groupId
  const records: ConsumerGroupRecord[] = []
  for (const member of before?.allMembers() ?? []) {
    if (after.member(member.memberId) !== undefined) continue
    records.push(
      tombstone(CONSUMER_GROUP_CURRENT_MEMBER_ASSIGNMENT_RECORD_TYPE, groupId, member.memberId),
      tombstone(CONSUMER_GROUP_TARGET_ASSIGNMENT_MEMBER_RECORD_TYPE, groupId, member.memberId),
      tombstone(CONSUMER_GROUP_MEMBER_METADATA_RECORD_TYPE, groupId, member.memberId),
    )
  }
  const members = after.allMembers()
  for (const member of members) {
    const previous = before?.member(member.memberId)
    if (previous === undefined || !sameSubscription(previous, member))
      records.push(memberSubscriptionRecord(groupId, member))
  }
  if (
    before === undefined ||
    before.groupEpoch !== after.groupEpoch ||
    before.metadataHash !== after.metadataHash
  ) {
    if (after.hasSubscriptionMetadataRecord)
      records.push(tombstone(CONSUMER_GROUP_PARTITION_METADATA_RECORD_TYPE, groupId))
    records.push({
      type: 'ConsumerGroupMetadata',
      groupId,
      epoch: after.groupEpoch,
      metadataHash: after.metadataHash,
    })
  }
  for (const member of members) {
    const target = after.targetAssignment.get(member.memberId)
    const previous = before?.targetAssignment.get(member.memberId)
    if (target === undefined || (previous !== undefined && sameAssignment(previous, target))) continue
    records.push({
      type: 'ConsumerGroupTargetAssignmentMember',
      groupId,
      memberId: member.memberId,
      topicPartitions: toTopicPartitions(target, topicId),
    })
  }
  if (before === undefined || before.assignmentEpoch !== after.assignmentEpoch)
    records.push({
      type: 'ConsumerGroupTargetAssignmentMetadata',
      groupId,
      assignmentEpoch: after.assignmentEpoch,
    })
  for (const member of members) {
    const previous = before?.member(member.memberId)
    if (previous === undefined || !sameCurrentAssignment(previous, member))
      records.push(currentAssignmentRecord(groupId, member, topicId))
  }
  return records
}

/** ConsumerGroup.createGroupTombstoneRecords for an empty group. */
export function deletionRecords(group: ConsumerGroup): ConsumerGroupRecord[] {
  return [
    tombstone(CONSUMER_GROUP_TARGET_ASSIGNMENT_METADATA_RECORD_TYPE, group.groupId),
    ...(group.hasSubscriptionMetadataRecord
      ? [tombstone(CONSUMER_GROUP_PARTITION_METADATA_RECORD_TYPE, group.groupId)]
      : []),
    tombstone(CONSUMER_GROUP_METADATA_RECORD_TYPE, group.groupId),
  ]
}
