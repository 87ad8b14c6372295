/**
 * How the group coordinator's records are laid out in a __consumer_offsets RecordBatch, as Kafka 4.1's
 * GroupCoordinatorRecordHelpers and GroupCoordinatorRecordSerde write them (group-coordinator-record-serde.ts):
 * OffsetCommit as key type 1 (group, topic, partition) with an OffsetCommitValue v3 (offset, leaderEpoch,
 * metadata, commitTimestamp); GroupMetadata as key type 2 (group) with a GroupMetadataValue v3 whose members'
 * subscription and assignment are ConsumerProtocol bytes (consumer-protocol-codec.ts); a tombstone is the key
 * with a null value; the consumer group's records by consumer-group-record-codec.ts. Log compaction keeps
 * the latest record per key.
 * Older playground stores hold records whose key and value are JSON (the key `{"type":"OffsetCommit",...}` or
 * `{"type":"GroupMetadata",...}`, the value the whole record); a key starting with `{` is read that way, so
 * those segments still load. Binary keys start with the int16 record type's high byte, 0.
 * Invariant: decodeGroupRecord(encodeGroupRecord(r)) deep-equals r (partitions grouped by topic).
 */
import {
  deserializeAssignment,
  deserializeSubscription,
  serializeAssignment,
  serializeSubscription,
} from '../../protocol/consumer-protocol-codec.ts'
import { decodeConsumerGroupRecord, encodeConsumerGroupRecord } from './consumer-group-record-codec.ts'
import {
  GROUP_METADATA_RECORD_TYPE,
  OFFSET_COMMIT_RECORD_TYPE,
  deserialize,
  isConsumerGroupRecord,
  isOffsetCommit,
  serializeKey,
  serializeValue,
  type GroupMetadataValue,
  type OffsetCommitValue,
} from './group-coordinator-record-serde.ts'
import type { GroupCoordinatorRecord, GroupMetadataRecord } from './group-records.ts'

/** GroupCoordinatorRecordHelpers: OffsetCommitValue v3 (no expire timestamp), GroupMetadataValue v3. */
const OFFSET_COMMIT_VALUE_VERSION = 3
const GROUP_METADATA_VALUE_VERSION = 3
/** OffsetCommitRequest.DEFAULT_TIMESTAMP: no expire timestamp. */
const DEFAULT_TIMESTAMP = -1
const JSON_OPEN_BRACE = 0x7b

const text = new TextDecoder()

export function encodeGroupRecord(record: GroupCoordinatorRecord): {
  key: Uint8Array
  value: Uint8Array | null
} {
  switch (record.type) {
    case 'OffsetCommit':
    case 'OffsetCommitTombstone': {
      const key = serializeKey({
        type: OFFSET_COMMIT_RECORD_TYPE,
        group: record.groupId,
        topic: record.topic,
        partition: record.partition,
      })
      if (record.type === 'OffsetCommitTombstone') return { key, value: null }
      const message: OffsetCommitValue = {
        offset: record.offset,
        leaderEpoch: record.leaderEpoch,
        metadata: record.metadata,
        commitTimestamp: record.commitTimestamp,
        expireTimestamp: DEFAULT_TIMESTAMP,
      }
      return { key, value: serializeValue({ version: OFFSET_COMMIT_VALUE_VERSION, message }) }
    }
    case 'GroupMetadata':
    case 'GroupMetadataTombstone': {
      const key = serializeKey({ type: GROUP_METADATA_RECORD_TYPE, group: record.groupId })
      if (record.type === 'GroupMetadataTombstone') return { key, value: null }
      return {
        key,
        value: serializeValue({ version: GROUP_METADATA_VALUE_VERSION, message: groupValue(record) }),
      }
    }
    default:
      return encodeConsumerGroupRecord(record)
  }
}

function groupValue(record: GroupMetadataRecord): GroupMetadataValue {
  return {
    protocolType: record.protocolType,
    generation: record.generation,
    protocol: record.protocol,
    leader: record.leader,
    currentStateTimestamp: record.currentStateTimestamp,
    members: record.members.map((member) => ({
      memberId: member.memberId,
      groupInstanceId: member.groupInstanceId,
      clientId: member.clientId,
      clientHost: member.clientHost,
      rebalanceTimeout: member.rebalanceTimeoutMs,
      sessionTimeout: member.sessionTimeoutMs,
      subscription: serializeSubscription(member.subscription),
      assignment: serializeAssignment(member.assignment),
    })),
  }
}

function groupRecord(groupId: string, value: GroupMetadataValue): GroupMetadataRecord {
  return {
    type: 'GroupMetadata',
    groupId,
    protocolType: value.protocolType,
    generation: value.generation,
    protocol: value.protocol,
    leader: value.leader,
    currentStateTimestamp: value.currentStateTimestamp,
    members: value.members.map((member) => ({
      memberId: member.memberId,
      groupInstanceId: member.groupInstanceId,
      clientId: member.clientId,
      clientHost: member.clientHost,
      rebalanceTimeoutMs: member.rebalanceTimeout,
      sessionTimeoutMs: member.sessionTimeout,
      subscription: deserializeSubscription(member.subscription),
      assignment: deserializeAssignment(member.assignment),
    })),
  }
}

export function decodeGroupRecord(key: Uint8Array, value: Uint8Array | null): GroupCoordinatorRecord {
  if (key[0] === JSON_OPEN_BRACE) return decodeJsonRecord(key, value)
  const record = deserialize(key, value)
  if (isConsumerGroupRecord(record)) return decodeConsumerGroupRecord(record)
  const groupId = record.key.group
  if (!isOffsetCommit(record)) {
    return record.value === null
      ? { type: 'GroupMetadataTombstone', groupId }
      : groupRecord(groupId, record.value.message)
  }
  const { topic, partition } = record.key
  if (record.value === null) return { type: 'OffsetCommitTombstone', groupId, topic, partition }
  const { offset, leaderEpoch, metadata, commitTimestamp } = record.value.message
  return { type: 'OffsetCommit', groupId, topic, partition, offset, leaderEpoch, metadata, commitTimestamp }
}

/** The key of a record an older playground store wrote as JSON. */
interface JsonRecordKey {
  readonly type: 'OffsetCommit' | 'GroupMetadata'
  readonly groupId: string
  readonly topic?: string
  readonly partition?: number
}

function decodeJsonRecord(key: Uint8Array, value: Uint8Array | null): GroupCoordinatorRecord {
  if (value !== null) return JSON.parse(text.decode(value)) as GroupCoordinatorRecord
  const parsed = JSON.parse(text.decode(key)) as JsonRecordKey
  if (parsed.type === 'GroupMetadata') return { type: 'GroupMetadataTombstone', groupId: parsed.groupId }
  return {
    type: 'OffsetCommitTombstone',
    groupId: parsed.groupId,
    topic: parsed.topic ?? '',
    partition: parsed.partition ?? -1,
  }
}
