/**
 * The control records of the replicated log (Kafka 4.1, org.apache.kafka.common.record.ControlRecordType and
 * ControlRecordUtils): a control record's key is the ControlRecordType key v0 (version int16 = 0, type
 * int16), its value the record's message as MessageUtil.toByteBufferAccessor writes it, with no version in
 * front (LeaderChangeMessage carries its own Version field: one voter makes a 19-byte value, as KAFKA-19069's
 * dump of a 4.1 log shows). The raft layer writes one with a static
 * quorum (kraft.version 0): a LeaderChangeMessage v0 as the only record of each epoch's first batch
 * (LeaderState.appendStartOfEpochControlRecords writes KRaftVersion and Voters records only when the
 * kraft.version supports reconfiguration). LeaderChangeMessage v0 (flexible): Version int16, LeaderId int32,
 * Voters and GrantingVoters as arrays of Voter (VoterId int32).
 */
import { FlexibleReader, FlexibleWriter } from '../metadata/flexible-accessor.ts'
import {
  messageJson,
  readMessage,
  writeMessage,
  type FieldSpec,
  type JsonObject,
} from '../metadata/message-schema.ts'
import type { LeaderChangeMessage } from './raft-messages.ts'

/** ControlRecordType's ids, by enum name (UNKNOWN is -1). */
export const CONTROL_RECORD_TYPES = [
  'ABORT',
  'COMMIT',
  'LEADER_CHANGE',
  'SNAPSHOT_HEADER',
  'SNAPSHOT_FOOTER',
  'KRAFT_VERSION',
  'KRAFT_VOTERS',
] as const

export type ControlRecordType = (typeof CONTROL_RECORD_TYPES)[number] | 'UNKNOWN'

const KEY_SIZE = 4
const KEY_VERSION = 0
const LEADER_CHANGE_VERSION = 0
const VOTER: readonly FieldSpec[] = [{ name: 'voterId', type: 'int32', default: 0 }]
const LEADER_CHANGE_FIELDS: readonly FieldSpec[] = [
  { name: 'version', type: 'int16', default: 0 },
  { name: 'leaderId', type: 'int32', default: 0 },
  { name: 'voters', type: { struct: VOTER }, default: [] },
  { name: 'grantingVoters', type: { struct: VOTER }, default: [] },
]

/** ControlRecordType.recordKey: the key of a control record of `type`. */
export function controlRecordKey(type: ControlRecordType): Uint8Array {
  const key = new DataView(new ArrayBuffer(KEY_SIZE))
  key.setInt16(0, KEY_VERSION)
  key.setInt16(2, CONTROL_RECORD_TYPES.indexOf(type as (typeof CONTROL_RECORD_TYPES)[number]))
  return new Uint8Array(key.buffer)
}

/** ControlRecordType.parseTypeId: the type id in a control record's key; throws for a short or bad key. */
export function parseControlTypeId(key: Uint8Array | null): number {
  const size = key?.length ?? 0
  if (key === null || size < KEY_SIZE) {
    throw new Error(
      `Invalid value size found for end control record key. Must have at least ${KEY_SIZE} bytes, but found only ${size}`,
    )
  }
  const view = new DataView(key.buffer, key.byteOffset, key.byteLength)
  const version = view.getInt16(0)
  if (version < 0) {
    throw new Error(`Invalid version found for control record: ${version}. May indicate data corruption`)
  }
  return view.getInt16(2)
}

/** ControlRecordType.fromTypeId. */
export function controlRecordType(typeId: number): ControlRecordType {
  return CONTROL_RECORD_TYPES[typeId] ?? 'UNKNOWN'
}

/** MessageUtil.toByteBufferAccessor(LeaderChangeMessage, 0): the value of a LEADER_CHANGE control record. */
export function leaderChangeValue(message: LeaderChangeMessage): Uint8Array {
  const writer = new FlexibleWriter()
  writeMessage(writer, LEADER_CHANGE_FIELDS, LEADER_CHANGE_VERSION, {
    version: LEADER_CHANGE_VERSION,
    leaderId: message.leaderId,
    voters: message.voters.map((voterId) => ({ voterId })),
    grantingVoters: message.grantingVoters.map((voterId) => ({ voterId })),
  })
  return writer.toBytes()
}

/**
 * LeaderChangeMessageJsonConverter.write of a LEADER_CHANGE value read as ControlRecordUtils reads it (v0):
 * `{"version":0,"leaderId":1,"voters":[{"voterId":1},...],"grantingVoters":[...]}`.
 */
export function leaderChangeJson(value: Uint8Array): JsonObject {
  const data = readMessage(new FlexibleReader(value), LEADER_CHANGE_FIELDS, LEADER_CHANGE_VERSION)
  return messageJson(LEADER_CHANGE_FIELDS, LEADER_CHANGE_VERSION, data)
}
