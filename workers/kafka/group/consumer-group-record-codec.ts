/**
 * The KIP-848 consumer group's records (group-records.ts) to and from their __consumer_offsets key and value
 * bytes, as GroupCoordinatorRecordHelpers builds them and GroupCoordinatorRecordSerde writes them
 * (consumer-group-record-schemas.ts): the key is the record type, the group id and, for the per-member
 * records, the member id; the value the version-0 message, or null for a tombstone.
 * Invariant: decodeConsumerGroupRecord(deserialize(encodeConsumerGroupRecord(r))) deep-equals r.
 */
import type { MessageData } from '../metadata/message-schema.ts'
import {
  CONSUMER_GROUP_CURRENT_MEMBER_ASSIGNMENT_RECORD_TYPE,
  CONSUMER_GROUP_MEMBER_METADATA_RECORD_TYPE,
  CONSUMER_GROUP_METADATA_RECORD_TYPE,
  CONSUMER_GROUP_PARTITION_METADATA_RECORD_TYPE,
  CONSUMER_GROUP_TARGET_ASSIGNMENT_MEMBER_RECORD_TYPE,
  CONSUMER_GROUP_TARGET_ASSIGNMENT_METADATA_RECORD_TYPE,
  MEMBER_STATE_VALUES,
  type ConsumerGroupRecordType,
} from './consumer-group-record-schemas.ts'
import type { MemberState } from './consumer-group-member.ts'
import {
  serializeConsumerGroupValue,
  serializeKey,
  type ConsumerGroupRecordMessages,
} from './group-coordinator-record-serde.ts'
import type { ConsumerGroupRecord, TopicIdPartitions } from './group-records.ts'

const MEMBER_STATES = Object.entries(MEMBER_STATE_VALUES) as [MemberState, number][]

/** The record type, member id (null for a group-level record) and value message of a record. */
function parts(record: ConsumerGroupRecord): {
  type: ConsumerGroupRecordType
  memberId: string | null
  message: MessageData | null
} {
  switch (record.type) {
    case 'ConsumerGroupMetadata':
      return {
        type: CONSUMER_GROUP_METADATA_RECORD_TYPE,
        memberId: null,
        message: { epoch: record.epoch, metadataHash: record.metadataHash },
      }
    case 'ConsumerGroupPartitionMetadata':
      return {
        type: CONSUMER_GROUP_PARTITION_METADATA_RECORD_TYPE,
        memberId: null,
        message: { topics: record.topics.map((topic) => ({ ...topic, partitionMetadata: [] })) },
      }
    case 'ConsumerGroupMemberMetadata':
      return {
        type: CONSUMER_GROUP_MEMBER_METADATA_RECORD_TYPE,
        memberId: record.memberId,
        message: {
          instanceId: record.instanceId,
          rackId: record.rackId,
          clientId: record.clientId,
          clientHost: record.clientHost,
          subscribedTopicNames: record.subscribedTopicNames,
          subscribedTopicRegex: record.subscribedTopicRegex,
          rebalanceTimeoutMs: record.rebalanceTimeoutMs,
          serverAssignor: record.serverAssignor,
        },
      }
    case 'ConsumerGroupTargetAssignmentMetadata':
      return {
        type: CONSUMER_GROUP_TARGET_ASSIGNMENT_METADATA_RECORD_TYPE,
        memberId: null,
        message: { assignmentEpoch: record.assignmentEpoch },
      }
    case 'ConsumerGroupTargetAssignmentMember':
      return {
        type: CONSUMER_GROUP_TARGET_ASSIGNMENT_MEMBER_RECORD_TYPE,
        memberId: record.memberId,
        message: { topicPartitions: record.topicPartitions.map(topicPartitionsData) },
      }
    case 'ConsumerGroupCurrentMemberAssignment':
      return {
        type: CONSUMER_GROUP_CURRENT_MEMBER_ASSIGNMENT_RECORD_TYPE,
        memberId: record.memberId,
        message: {
          memberEpoch: record.memberEpoch,
          previousMemberEpoch: record.previousMemberEpoch,
          state: MEMBER_STATE_VALUES[record.state],
          assignedPartitions: record.assignedPartitions.map(topicPartitionsData),
          partitionsPendingRevocation: record.partitionsPendingRevocation.map(topicPartitionsData),
        },
      }
    case 'ConsumerGroupTombstone':
      return { type: record.recordType, memberId: record.memberId, message: null }
  }
}

function topicPartitionsData(topic: TopicIdPartitions): MessageData {
  return { topicId: topic.topicId, partitions: topic.partitions }
}

function topicPartitionsOf(data: MessageData, name: string): TopicIdPartitions[] {
  return (data[name] as readonly MessageData[]).map((topic) => ({
    topicId: topic.topicId as string,
    partitions: topic.partitions as readonly number[],
  }))
}

function memberStateOf(value: number): MemberState {
  const state = MEMBER_STATES.find(([, byte]) => byte === value)
  if (state === undefined) throw new Error(`Unknown member state ${value}`)
  return state[0]
}

export function encodeConsumerGroupRecord(record: ConsumerGroupRecord): {
  key: Uint8Array
  value: Uint8Array | null
} {
  const { type, memberId, message } = parts(record)
  const key = serializeKey({ type, groupId: record.groupId, memberId })
  return { key, value: message === null ? null : serializeConsumerGroupValue(type, message) }
}

export function decodeConsumerGroupRecord(record: ConsumerGroupRecordMessages): ConsumerGroupRecord {
  const { type, groupId } = record.key
  const memberId = record.key.memberId ?? ''
  if (record.value === null)
    return { type: 'ConsumerGroupTombstone', recordType: type, groupId, memberId: record.key.memberId }
  const data = record.value.message
  switch (type) {
    case CONSUMER_GROUP_METADATA_RECORD_TYPE:
      return {
        type: 'ConsumerGroupMetadata',
        groupId,
        epoch: data.epoch as number,
        metadataHash: data.metadataHash as number,
      }
    case CONSUMER_GROUP_PARTITION_METADATA_RECORD_TYPE:
      return {
        type: 'ConsumerGroupPartitionMetadata',
        groupId,
        topics: (data.topics as readonly MessageData[]).map((topic) => ({
          topicId: topic.topicId as string,
          topicName: topic.topicName as string,
          numPartitions: topic.numPartitions as number,
        })),
      }
    case CONSUMER_GROUP_MEMBER_METADATA_RECORD_TYPE:
      return {
        type: 'ConsumerGroupMemberMetadata',
        groupId,
        memberId,
        instanceId: data.instanceId as string | null,
        rackId: data.rackId as string | null,
        clientId: data.clientId as string,
        clientHost: data.clientHost as string,
        subscribedTopicNames: data.subscribedTopicNames as readonly string[],
        subscribedTopicRegex: data.subscribedTopicRegex as string | null,
        rebalanceTimeoutMs: data.rebalanceTimeoutMs as number,
        serverAssignor: data.serverAssignor as string | null,
      }
    case CONSUMER_GROUP_TARGET_ASSIGNMENT_METADATA_RECORD_TYPE:
      return {
        type: 'ConsumerGroupTargetAssignmentMetadata',
        groupId,
        assignmentEpoch: data.assignmentEpoch as number,
      }
    case CONSUMER_GROUP_TARGET_ASSIGNMENT_MEMBER_RECORD_TYPE:
      return {
        type: 'ConsumerGroupTargetAssignmentMember',
        groupId,
        memberId,
        topicPartitions: topicPartitionsOf(data, 'topicPartitions'),
      }
    case CONSUMER_GROUP_CURRENT_MEMBER_ASSIGNMENT_RECORD_TYPE:
      return {
        type: 'ConsumerGroupCurrentMemberAssignment',
        groupId,
        memberId,
        memberEpoch: data.memberEpoch as number,
        previousMemberEpoch: data.previousMemberEpoch as number,
        state: memberStateOf(data.state as number),
        assignedPartitions: topicPartitionsOf(data, 'assignedPartitions'),
        partitionsPendingRevocation: topicPartitionsOf(data, 'partitionsPendingRevocation'),
      }
  }
}
