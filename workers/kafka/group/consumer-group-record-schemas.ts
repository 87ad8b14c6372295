/**
 * The KIP-848 consumer group's records in __consumer_offsets as Kafka 4.1 defines them
 * (group-coordinator/src/main/resources/common/message/ConsumerGroup*Key.json and *Value.json). Each key
 * is a `coordinator-key` at version 0, not flexible: the group id (and the member id for the per-member
 * records) as int16-length strings after the int16 record type (CoordinatorRecordType). Each value is a
 * `coordinator-value` at version 0, its only valid version, flexible (message-schema.ts):
 * - 3 ConsumerGroupMetadata (GroupId): Epoch int32, tagged 0 MetadataHash int64 (KIP-1101, 4.1).
 * - 4 ConsumerGroupPartitionMetadata (GroupId): Topics [](TopicId uuid, TopicName string, NumPartitions
 *   int32, PartitionMetadata [](Partition int32, Racks []string)). 4.1 no longer writes it (the metadata
 *   hash replaced it); it is read, and a group replayed with one gets its tombstone on its next epoch.
 * - 5 ConsumerGroupMemberMetadata (GroupId, MemberId): InstanceId, RackId nullable strings, ClientId,
 *   ClientHost strings, SubscribedTopicNames []string, SubscribedTopicRegex nullable string,
 *   RebalanceTimeoutMs int32 (-1), ServerAssignor nullable string (tagged 0 ClassicMemberMetadata, never
 *   written here, is skipped when read).
 * - 6 ConsumerGroupTargetAssignmentMetadata (GroupId): AssignmentEpoch int32.
 * - 7 ConsumerGroupTargetAssignmentMember (GroupId, MemberId): TopicPartitions [](TopicId uuid,
 *   Partitions []int32).
 * - 8 ConsumerGroupCurrentMemberAssignment (GroupId, MemberId): MemberEpoch, PreviousMemberEpoch int32,
 *   State int8 (MemberState: 0 STABLE, 1 UNREVOKED_PARTITIONS, 2 UNRELEASED_PARTITIONS), AssignedPartitions
 *   and PartitionsPendingRevocation [](TopicId uuid, Partitions []int32).
 * Field names are the JSON converters' camelCase names.
 */
import type { FieldSpec } from '../metadata/message-schema.ts'
import type { MemberState } from './consumer-group-member.ts'

export const CONSUMER_GROUP_METADATA_RECORD_TYPE = 3
export const CONSUMER_GROUP_PARTITION_METADATA_RECORD_TYPE = 4
export const CONSUMER_GROUP_MEMBER_METADATA_RECORD_TYPE = 5
export const CONSUMER_GROUP_TARGET_ASSIGNMENT_METADATA_RECORD_TYPE = 6
export const CONSUMER_GROUP_TARGET_ASSIGNMENT_MEMBER_RECORD_TYPE = 7
export const CONSUMER_GROUP_CURRENT_MEMBER_ASSIGNMENT_RECORD_TYPE = 8

export type ConsumerGroupRecordType = 3 | 4 | 5 | 6 | 7 | 8

/** The value version GroupCoordinatorRecordHelpers writes, and the only one the schemas define. */
export const CONSUMER_GROUP_VALUE_VERSION = 0

/** Whether a record type's key carries a member id after the group id. */
export function hasMemberKey(type: ConsumerGroupRecordType): boolean {
  return (
    type === CONSUMER_GROUP_MEMBER_METADATA_RECORD_TYPE ||
    type === CONSUMER_GROUP_TARGET_ASSIGNMENT_MEMBER_RECORD_TYPE ||
    type === CONSUMER_GROUP_CURRENT_MEMBER_ASSIGNMENT_RECORD_TYPE
  )
}

export function isConsumerGroupRecordType(type: number): type is ConsumerGroupRecordType {
  return (
    type >= CONSUMER_GROUP_METADATA_RECORD_TYPE &&
    type <= CONSUMER_GROUP_CURRENT_MEMBER_ASSIGNMENT_RECORD_TYPE
  )
}

const ZERO_UUID = 'AAAAAAAAAAAAAAAAAAAAAA'
const int32 = (name: string, value = 0): FieldSpec => ({ name, type: 'int32', default: value })
const string = (name: string): FieldSpec => ({ name, type: 'string', default: '' })
const nullableString = (name: string): FieldSpec => ({ name, type: 'string', nullable: true, default: null })
const topicPartitions = (name: string): FieldSpec => ({
  name,
  type: {
    struct: [
      { name: 'topicId', type: 'uuid', default: ZERO_UUID },
      { name: 'partitions', type: '[]int32', default: [] },
    ],
  },
  default: [],
})

export const CONSUMER_GROUP_VALUE_FIELDS: Record<ConsumerGroupRecordType, readonly FieldSpec[]> = {
  3: [int32('epoch'), { name: 'metadataHash', type: 'int64', tag: 0, default: 0 }],
  4: [
    {
      name: 'topics',
      type: {
        struct: [
          { name: 'topicId', type: 'uuid', default: ZERO_UUID },
          string('topicName'),
          int32('numPartitions'),
          {
            name: 'partitionMetadata',
            type: { struct: [int32('partition'), { name: 'racks', type: '[]string', default: [] }] },
            default: [],
          },
        ],
      },
      default: [],
    },
  ],
  5: [
    nullableString('instanceId'),
    nullableString('rackId'),
    string('clientId'),
    string('clientHost'),
    { name: 'subscribedTopicNames', type: '[]string', default: [] },
    nullableString('subscribedTopicRegex'),
    int32('rebalanceTimeoutMs', -1),
    nullableString('serverAssignor'),
  ],
  6: [int32('assignmentEpoch')],
  7: [topicPartitions('topicPartitions')],
  8: [
    int32('memberEpoch'),
    int32('previousMemberEpoch'),
    { name: 'state', type: 'int8', default: 0 },
    topicPartitions('assignedPartitions'),
    topicPartitions('partitionsPendingRevocation'),
  ],
}

/** MemberState.value(): the byte ConsumerGroupCurrentMemberAssignmentValue stores. */
export const MEMBER_STATE_VALUES: Record<MemberState, number> = {
  STABLE: 0,
  UNREVOKED_PARTITIONS: 1,
  UNRELEASED_PARTITIONS: 2,
}
