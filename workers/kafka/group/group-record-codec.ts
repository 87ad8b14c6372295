/**
 * How the group coordinator's records are laid out in a __consumer_offsets RecordBatch: the key is the
 * record's identity as JSON (`{"type":"OffsetCommit","groupId","topic","partition"}` or
 * `{"type":"GroupMetadata","groupId"}`, as Kafka's OffsetCommitKey and GroupMetadataKey), so that log
 * compaction keeps the latest record per key; the value is the whole record as JSON, or null for a
 * tombstone. Kafka uses its generated binary schemas here; the playground keeps the same keys and
 * tombstones in a readable encoding.
 * Invariant: decodeGroupRecord(encodeGroupRecord(r)) deep-equals r.
 */
import type { GroupCoordinatorRecord } from './group-records.ts'

const utf8 = new TextEncoder()
const text = new TextDecoder()

interface RecordKey {
  readonly type: 'OffsetCommit' | 'GroupMetadata'
  readonly groupId: string
  readonly topic?: string
  readonly partition?: number
}

export function encodeGroupRecord(record: GroupCoordinatorRecord): {
  key: Uint8Array
  value: Uint8Array | null
} {
  const key: RecordKey =
    record.type === 'OffsetCommit' || record.type === 'OffsetCommitTombstone'
      ? { type: 'OffsetCommit', groupId: record.groupId, topic: record.topic, partition: record.partition }
      : { type: 'GroupMetadata', groupId: record.groupId }
  const tombstone = record.type === 'OffsetCommitTombstone' || record.type === 'GroupMetadataTombstone'
  return {
    key: utf8.encode(JSON.stringify(key)),
    value: tombstone ? null : utf8.encode(JSON.stringify(record)),
  }
}

export function decodeGroupRecord(key: Uint8Array, value: Uint8Array | null): GroupCoordinatorRecord {
  if (value !== null) return JSON.parse(text.decode(value)) as GroupCoordinatorRecord
  const parsed = JSON.parse(text.decode(key)) as RecordKey
  if (parsed.type === 'GroupMetadata') return { type: 'GroupMetadataTombstone', groupId: parsed.groupId }
  return {
    type: 'OffsetCommitTombstone',
    groupId: parsed.groupId,
    topic: parsed.topic ?? '',
    partition: parsed.partition ?? -1,
  }
}
