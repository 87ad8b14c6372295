/**
 * GroupCoordinatorRecordSerde for the classic group's records (Kafka 4.1,
 * group-coordinator/src/main/resources/common/message/*.json): a record's key is an int16 record type
 * (CoordinatorRecordType: 1 OffsetCommit, 2 GroupMetadata) followed by the key message at version 0; its value
 * an int16 version followed by the value message at that version, or null for a tombstone. All the versions
 * read here are non-flexible (no tagged fields):
 * - OffsetCommitKey v0: group string, topic string, partition int32.
 * - GroupMetadataKey v0: group string.
 * - OffsetCommitValue v0-3: offset int64, leaderEpoch int32 (v3+, default -1), metadata string,
 *   commitTimestamp int64, expireTimestamp int64 (v1 only, default -1).
 * - GroupMetadataValue v0-3: protocolType string, generation int32, protocol nullable string, leader nullable
 *   string, currentStateTimestamp int64 (v2+, default -1), members [](memberId string, groupInstanceId
 *   nullable string (v3+), clientId string, clientHost string, rebalanceTimeout int32 (v1+), sessionTimeout
 *   int32, subscription bytes, assignment bytes).
 * - The KIP-848 consumer group's records, types 3 to 8 (consumer-group-record-schemas.ts): key v0 group id
 *   (and member id), value v0 flexible, the only version they have.
 * Other record types (the share and streams groups' records, which the playground never writes) throw
 * UnknownRecordTypeException; a classic value version outside 0-3, or a consumer group value version other
 * than 0, throws UnknownRecordVersionException (Kafka also reads the flexible GroupMetadataValue and
 * OffsetCommitValue v4, which it does not write).
 * Invariant: deserialize(serializeKey(k), serializeValue(v)) gives back k and v.
 */
import { ByteBufferReader, ByteBufferWriter } from '../../protocol/byte-buffer-accessor.ts'
import { FlexibleReader, FlexibleWriter } from '../metadata/flexible-accessor.ts'
import {
  readMessage as readFlexibleMessage,
  writeMessage,
  type MessageData,
} from '../metadata/message-schema.ts'
import {
  CONSUMER_GROUP_VALUE_FIELDS,
  CONSUMER_GROUP_VALUE_VERSION,
  hasMemberKey,
  isConsumerGroupRecordType,
  type ConsumerGroupRecordType,
} from './consumer-group-record-schemas.ts'

/** CoordinatorRecordType ids of the records read and written here. */
export const OFFSET_COMMIT_RECORD_TYPE = 1
export const GROUP_METADATA_RECORD_TYPE = 2

export interface OffsetCommitKey {
  readonly type: typeof OFFSET_COMMIT_RECORD_TYPE
  readonly group: string
  readonly topic: string
  readonly partition: number
}

export interface GroupMetadataKey {
  readonly type: typeof GROUP_METADATA_RECORD_TYPE
  readonly group: string
}

/** The key of a consumer group record: the group, and the member for the per-member records (else null). */
export interface ConsumerGroupKey {
  readonly type: ConsumerGroupRecordType
  readonly groupId: string
  readonly memberId: string | null
}

export type CoordinatorRecordKey = OffsetCommitKey | GroupMetadataKey | ConsumerGroupKey

export interface OffsetCommitValue {
  readonly offset: number
  readonly leaderEpoch: number
  readonly metadata: string
  readonly commitTimestamp: number
  readonly expireTimestamp: number
}

export interface MemberMetadata {
  readonly memberId: string
  readonly groupInstanceId: string | null
  readonly clientId: string
  readonly clientHost: string
  readonly rebalanceTimeout: number
  readonly sessionTimeout: number
  readonly subscription: Uint8Array
  readonly assignment: Uint8Array
}

export interface GroupMetadataValue {
  readonly protocolType: string
  readonly generation: number
  readonly protocol: string | null
  readonly leader: string | null
  readonly currentStateTimestamp: number
  readonly members: readonly MemberMetadata[]
}

/** ApiMessageAndVersion: a value message and the version it is (to be) written at. */
export interface ApiMessageAndVersion<T> {
  readonly version: number
  readonly message: T
}

/** The value of an OffsetCommit or GroupMetadata record. */
export type ClassicRecordValue =
  ApiMessageAndVersion<OffsetCommitValue> | ApiMessageAndVersion<GroupMetadataValue>

export interface OffsetCommitRecordMessages {
  readonly key: OffsetCommitKey
  readonly value: ApiMessageAndVersion<OffsetCommitValue> | null
}

export interface GroupMetadataRecordMessages {
  readonly key: GroupMetadataKey
  readonly value: ApiMessageAndVersion<GroupMetadataValue> | null
}

export interface ConsumerGroupRecordMessages {
  readonly key: ConsumerGroupKey
  readonly value: ApiMessageAndVersion<MessageData> | null
}

/** CoordinatorRecord: a key and its value, or null for a tombstone. */
export type CoordinatorRecord =
  OffsetCommitRecordMessages | GroupMetadataRecordMessages | ConsumerGroupRecordMessages

export function isOffsetCommit(record: CoordinatorRecord): record is OffsetCommitRecordMessages {
  return record.key.type === OFFSET_COMMIT_RECORD_TYPE
}

export function isConsumerGroupRecord(record: CoordinatorRecord): record is ConsumerGroupRecordMessages {
  return isConsumerGroupRecordType(record.key.type)
}

export class UnknownRecordTypeException extends Error {
  constructor(readonly unknownType: number) {
    super(`Found an unknown record type ${unknownType}`)
  }
}

export class UnknownRecordVersionException extends Error {
  constructor(
    readonly recordType: number,
    readonly unknownVersion: number,
  ) {
    super(`Found an unknown record version ${unknownVersion} for ${recordType} type`)
  }
}

const HIGHEST_NON_FLEXIBLE_VERSION = 3

export function serializeKey(key: CoordinatorRecordKey): Uint8Array {
  const out = new ByteBufferWriter()
  out.int16(key.type)
  if (key.type !== OFFSET_COMMIT_RECORD_TYPE && key.type !== GROUP_METADATA_RECORD_TYPE) {
    out.string(key.groupId)
    if (key.memberId !== null) out.string(key.memberId)
    return out.toBytes()
  }
  out.string(key.group)
  if (key.type === OFFSET_COMMIT_RECORD_TYPE) {
    out.string(key.topic)
    out.int32(key.partition)
  }
  return out.toBytes()
}

/** A consumer group record's value: the int16 version, then the flexible message. */
export function serializeConsumerGroupValue(type: ConsumerGroupRecordType, message: MessageData): Uint8Array {
  const out = new FlexibleWriter()
  out.int16(CONSUMER_GROUP_VALUE_VERSION)
  writeMessage(out, CONSUMER_GROUP_VALUE_FIELDS[type], CONSUMER_GROUP_VALUE_VERSION, message)
  return out.toBytes()
}

export function serializeValue(value: ClassicRecordValue): Uint8Array {
  const out = new ByteBufferWriter()
  const { version, message } = value
  out.int16(version)
  if ('offset' in message) {
    out.int64(message.offset)
    if (version >= 3) out.int32(message.leaderEpoch)
    out.string(message.metadata)
    out.int64(message.commitTimestamp)
    if (version === 1) out.int64(message.expireTimestamp)
    return out.toBytes()
  }
  out.string(message.protocolType)
  out.int32(message.generation)
  out.nullableString(message.protocol)
  out.nullableString(message.leader)
  if (version >= 2) out.int64(message.currentStateTimestamp)
  out.array(message.members, (member) => {
    out.string(member.memberId)
    if (version >= 3) out.nullableString(member.groupInstanceId)
    out.string(member.clientId)
    out.string(member.clientHost)
    if (version >= 1) out.int32(member.rebalanceTimeout)
    out.int32(member.sessionTimeout)
    out.nullableBytes(member.subscription)
    out.nullableBytes(member.assignment)
  })
  return out.toBytes()
}

function readOffsetCommitValue(input: ByteBufferReader, version: number): OffsetCommitValue {
  const offset = input.int64()
  const leaderEpoch = version >= 3 ? input.int32() : -1
  const metadata = input.string()
  const commitTimestamp = input.int64()
  const expireTimestamp = version === 1 ? input.int64() : -1
  return { offset, leaderEpoch, metadata, commitTimestamp, expireTimestamp }
}

function readMember(input: ByteBufferReader, version: number): MemberMetadata {
  const memberId = input.string()
  const groupInstanceId = version >= 3 ? input.nullableString() : null
  const clientId = input.string()
  const clientHost = input.string()
  const rebalanceTimeout = version >= 1 ? input.int32() : 0
  const sessionTimeout = input.int32()
  const subscription = input.bytesField()
  const assignment = input.bytesField()
  return {
    memberId,
    groupInstanceId,
    clientId,
    clientHost,
    rebalanceTimeout,
    sessionTimeout,
    subscription,
    assignment,
  }
}

function readGroupMetadataValue(input: ByteBufferReader, version: number): GroupMetadataValue {
  const protocolType = input.string()
  const generation = input.int32()
  const protocol = input.nullableString()
  const leader = input.nullableString()
  const currentStateTimestamp = version >= 2 ? input.int64() : -1
  const members = input.array(() => readMember(input, version))
  return { protocolType, generation, protocol, leader, currentStateTimestamp, members }
}

/** Wraps a reader's failure as CoordinatorRecordSerde.readMessage does. */
function readMessage<T>(read: () => T, version: number, word: string): T {
  try {
    return read()
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new Error(`Could not read record with version ${version} from ${word}'s buffer due to: ${reason}.`)
  }
}

function readValue<T>(
  bytes: Uint8Array | null,
  recordType: number,
  read: (input: ByteBufferReader, version: number) => T,
): ApiMessageAndVersion<T> | null {
  if (bytes === null) return null
  const input = new ByteBufferReader(bytes)
  const version = input.int16()
  if (version < 0 || version > HIGHEST_NON_FLEXIBLE_VERSION) {
    throw new UnknownRecordVersionException(recordType, version)
  }
  return { version, message: readMessage(() => read(input, version), version, 'value') }
}

/** The record in these bytes; throws UnknownRecordTypeException, UnknownRecordVersionException or Error. */
export function deserialize(keyBytes: Uint8Array, valueBytes: Uint8Array | null): CoordinatorRecord {
  const input = new ByteBufferReader(keyBytes)
  const type = input.int16()
  if (type === OFFSET_COMMIT_RECORD_TYPE) {
    const key: OffsetCommitKey = readMessage(
      () => ({ type, group: input.string(), topic: input.string(), partition: input.int32() }),
      0,
      'key',
    )
    return { key, value: readValue(valueBytes, type, readOffsetCommitValue) }
  }
  if (type === GROUP_METADATA_RECORD_TYPE) {
    const key: GroupMetadataKey = readMessage(() => ({ type, group: input.string() }), 0, 'key')
    return { key, value: readValue(valueBytes, type, readGroupMetadataValue) }
  }
  if (isConsumerGroupRecordType(type)) {
    const key: ConsumerGroupKey = readMessage(
      () => ({ type, groupId: input.string(), memberId: hasMemberKey(type) ? input.string() : null }),
      0,
      'key',
    )
    return { key, value: readConsumerGroupValue(valueBytes, type) }
  }
  throw new UnknownRecordTypeException(type)
}

function readConsumerGroupValue(
  bytes: Uint8Array | null,
  type: ConsumerGroupRecordType,
): ApiMessageAndVersion<MessageData> | null {
  if (bytes === null) return null
  const input = new FlexibleReader(bytes)
  const version = input.int16()
  if (version !== CONSUMER_GROUP_VALUE_VERSION) throw new UnknownRecordVersionException(type, version)
  const message = readMessage(
    () => readFlexibleMessage(input, CONSUMER_GROUP_VALUE_FIELDS[type], version),
    version,
    'value',
  )
  return { version, message }
}
