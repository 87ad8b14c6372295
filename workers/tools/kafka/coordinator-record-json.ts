/**
 * The group coordinator's records as Kafka 4.1's generated JSON converters write them
 * (CoordinatorRecordJsonConverters.writeRecordKeyAsJson / writeRecordValueAsJson): each message's fields in
 * schema order, only those present in the message's version (OffsetCommitValue's leaderEpoch from v3,
 * expireTimestamp in v1 only; GroupMetadataValue's currentStateTimestamp from v2, a member's groupInstanceId
 * from v3 and rebalanceTimeout from v1), bytes as base64. DumpLogSegments' OffsetsMessageParser also
 * replaces a consumer group's member subscription and assignment bytes by their ConsumerProtocolSubscription /
 * ConsumerProtocolAssignment JSON at the version the bytes carry, keeping the base64 when they cannot be read.
 * The consumer group's records (types 3 to 8) are written by their schemas (consumer-group-record-schemas.ts):
 * the key's groupId (and memberId), the value's fields with tagged ones only when not their default.
 * `groupRecordJson` and `transactionRecordJson` read one record of `__consumer_offsets` or
 * `__transaction_state` into its key type and JSON and its value version and JSON (null for a tombstone), for
 * DumpLogSegments' parsers and the console consumer's formatters; an unknown record type throws
 * UnknownRecordTypeException.
 */
import type { JsonOut } from '../../es/xcontent/json-writer.ts'
import {
  GROUP_METADATA_RECORD_TYPE,
  OFFSET_COMMIT_RECORD_TYPE,
  isConsumerGroupRecord,
  isOffsetCommit,
  type CoordinatorRecord,
  UnknownRecordTypeException,
  deserialize,
  type CoordinatorRecordKey,
  type GroupMetadataValue,
  type MemberMetadata,
  type OffsetCommitValue,
} from '../../kafka/group/group-coordinator-record-serde.ts'
import { CONSUMER_GROUP_VALUE_FIELDS } from '../../kafka/group/consumer-group-record-schemas.ts'
import { messageJson } from '../../kafka/metadata/message-schema.ts'
import {
  TRANSACTION_LOG_KEY_TYPE,
  decodeTransactionLogKey,
  transactionLogValueJson,
} from '../../kafka/transaction/transaction-log.ts'
import { base64UrlNoPadding } from '../../net/base64url.ts'
import { CONSUMER_PROTOCOL_TYPE } from '../../protocol/consumer-protocol.ts'
import {
  readAssignment,
  readSubscription,
  type TopicPartitions,
} from '../../protocol/consumer-protocol-codec.ts'

export type JsonObject = { readonly [key: string]: JsonOut | undefined }

/** Jackson writes a byte[] as standard base64 with padding (Base64Variants.MIME_NO_LINEFEEDS). */
function base64(bytes: Uint8Array | null): string | null {
  if (bytes === null) return null
  const text = base64UrlNoPadding(bytes).replace(/-/g, '+').replace(/_/g, '/')
  return text + '='.repeat((4 - (text.length % 4)) % 4)
}

export function keyAsJson(key: CoordinatorRecordKey): JsonObject {
  if (key.type === OFFSET_COMMIT_RECORD_TYPE)
    return { group: key.group, topic: key.topic, partition: key.partition }
  if (key.type === GROUP_METADATA_RECORD_TYPE) return { group: key.group }
  return key.memberId === null ? { groupId: key.groupId } : { groupId: key.groupId, memberId: key.memberId }
}

function offsetCommitJson(value: OffsetCommitValue, version: number): JsonObject {
  return {
    offset: value.offset,
    leaderEpoch: version >= 3 ? value.leaderEpoch : undefined,
    metadata: value.metadata,
    commitTimestamp: value.commitTimestamp,
    expireTimestamp: version === 1 ? value.expireTimestamp : undefined,
  }
}

function topicPartitionsJson(topics: readonly TopicPartitions[]): JsonOut {
  return topics.map(({ topic, partitions }) => ({ topic, partitions }))
}

/** The embedded protocol's JSON, or the base64 of bytes that do not parse. */
function embedded(bytes: Uint8Array, expand: boolean, toJsonNode: (bytes: Uint8Array) => JsonOut): JsonOut {
  if (!expand) return base64(bytes)
  try {
    return toJsonNode(bytes)
  } catch {
    return base64(bytes)
  }
}

function subscriptionJson(bytes: Uint8Array): JsonOut {
  const message = readSubscription(bytes)
  const { version } = message
  return {
    topics: message.topics,
    userData: base64(message.userData),
    ownedPartitions: version >= 1 ? topicPartitionsJson(message.ownedPartitions) : undefined,
    generationId: version >= 2 ? message.generationId : undefined,
    rackId: version >= 3 ? message.rackId : undefined,
  }
}

function assignmentJson(bytes: Uint8Array): JsonOut {
  const message = readAssignment(bytes)
  return {
    assignedPartitions: topicPartitionsJson(message.assignedPartitions),
    userData: base64(message.userData),
  }
}

function memberJson(member: MemberMetadata, version: number, expand: boolean): JsonObject {
  return {
    memberId: member.memberId,
    groupInstanceId: version >= 3 ? member.groupInstanceId : undefined,
    clientId: member.clientId,
    clientHost: member.clientHost,
    rebalanceTimeout: version >= 1 ? member.rebalanceTimeout : undefined,
    sessionTimeout: member.sessionTimeout,
    subscription: embedded(member.subscription, expand, subscriptionJson),
    assignment: embedded(member.assignment, expand, assignmentJson),
  }
}

function groupMetadataJson(value: GroupMetadataValue, version: number, expandProtocol: boolean): JsonObject {
  const expand = expandProtocol && value.protocolType === CONSUMER_PROTOCOL_TYPE
  return {
    protocolType: value.protocolType,
    generation: value.generation,
    protocol: value.protocol,
    leader: value.leader,
    currentStateTimestamp: version >= 2 ? value.currentStateTimestamp : undefined,
    members: value.members.map((member) => memberJson(member, version, expand)),
  }
}

/**
 * The value's data as JSON, null for a tombstone; with `expandConsumerProtocol` a classic consumer group's
 * member subscriptions and assignments are written as their messages (DumpLogSegments'
 * OffsetsMessageParser) instead of base64.
 */
export function valueAsJson(record: CoordinatorRecord, expandConsumerProtocol: boolean): JsonObject | null {
  if (isConsumerGroupRecord(record)) {
    const { key, value } = record
    return value === null
      ? null
      : messageJson(CONSUMER_GROUP_VALUE_FIELDS[key.type], value.version, value.message)
  }
  if (isOffsetCommit(record)) {
    const { value } = record
    return value === null ? null : offsetCommitJson(value.message, value.version)
  }
  const { value } = record
  return value === null ? null : groupMetadataJson(value.message, value.version, expandConsumerProtocol)
}

/** A coordinator record as its serde reads it: the key's type and JSON, the value's version and JSON. */
export interface CoordinatorRecordJson {
  type: number
  key: JsonOut
  value: { version: number; data: JsonOut } | null
}

/** A __consumer_offsets record (GroupCoordinatorRecordSerde), the consumer protocol bytes expanded or not. */
export function groupRecordJson(
  keyBytes: Uint8Array,
  valueBytes: Uint8Array | null,
  expandConsumerProtocol: boolean,
): CoordinatorRecordJson {
  const parsed = deserialize(keyBytes, valueBytes)
  const { key, value } = parsed
  return {
    type: key.type,
    key: keyAsJson(key),
    value:
      value === null ? null : { version: value.version, data: valueAsJson(parsed, expandConsumerProtocol) },
  }
}

/** A __transaction_state record (TransactionCoordinatorRecordSerde). */
export function transactionRecordJson(
  keyBytes: Uint8Array,
  valueBytes: Uint8Array | null,
): CoordinatorRecordJson {
  const type = new DataView(keyBytes.buffer, keyBytes.byteOffset, keyBytes.byteLength).getInt16(0)
  if (type !== TRANSACTION_LOG_KEY_TYPE) throw new UnknownRecordTypeException(type)
  return {
    type,
    key: { transactionalId: decodeTransactionLogKey(keyBytes) },
    value: valueBytes === null ? null : transactionLogValueJson(valueBytes),
  }
}
