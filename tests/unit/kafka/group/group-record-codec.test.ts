// The __consumer_offsets record formats against bytes worked out by hand from Kafka 4.1's schemas
// (group-coordinator/src/main/resources/common/message/OffsetCommitKey.json, OffsetCommitValue.json,
// GroupMetadataKey.json, GroupMetadataValue.json; clients' ConsumerProtocolSubscription.json and
// ConsumerProtocolAssignment.json): big-endian, int16-length strings, int32-length bytes and arrays.
import { describe, expect, it } from 'vitest'
import { decodeGroupRecord, encodeGroupRecord } from '../../../../workers/kafka/group/group-record-codec.ts'
import type {
  GroupCoordinatorRecord,
  GroupMetadataRecord,
} from '../../../../workers/kafka/group/group-records.ts'
import {
  UnknownRecordTypeException,
  UnknownRecordVersionException,
  deserialize,
} from '../../../../workers/kafka/group/group-coordinator-record-serde.ts'

const bytes = (...parts: number[][]): Uint8Array => Uint8Array.from(parts.flat())
const int16 = (n: number) => [(n >> 8) & 0xff, n & 0xff]
const int32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]
const int64 = (n: number) => [...int32(Math.floor(n / 2 ** 32)), ...int32(n >>> 0)]
const str = (s: string) => [...int16(s.length), ...[...s].map((c) => c.charCodeAt(0))]
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text)

const commit: GroupCoordinatorRecord = {
  type: 'OffsetCommit',
  groupId: 'g',
  topic: 'orders',
  partition: 2,
  offset: 42,
  leaderEpoch: 3,
  metadata: 'm',
  commitTimestamp: 1_700_000_000_000,
}

const group: GroupMetadataRecord = {
  type: 'GroupMetadata',
  groupId: 'g',
  protocolType: 'consumer',
  generation: 1,
  protocol: 'range',
  leader: 'm1',
  currentStateTimestamp: 1_700_000_000_000,
  members: [
    {
      memberId: 'm1',
      groupInstanceId: null,
      clientId: 'c',
      clientHost: '/h',
      rebalanceTimeoutMs: 300_000,
      sessionTimeoutMs: 45_000,
      subscription: {
        topics: ['t'],
        ownedPartitions: [{ topic: 't', partition: 0 }],
        generationId: -1,
        rackId: null,
      },
      assignment: {
        partitions: [
          { topic: 't', partition: 0 },
          { topic: 't', partition: 1 },
        ],
      },
    },
  ],
}

/** ConsumerProtocolSubscription v3: topics, userData, ownedPartitions, generationId, rackId. */
const SUBSCRIPTION = bytes(
  int16(3),
  int32(1),
  str('t'),
  int32(-1),
  int32(1),
  str('t'),
  int32(1),
  int32(0),
  int32(-1),
  int16(-1),
)
/** ConsumerProtocolAssignment v3: assignedPartitions, userData. */
const ASSIGNMENT = bytes(int16(3), int32(1), str('t'), int32(2), int32(0), int32(1), int32(-1))

describe('group record codec (Kafka 4.1 binary formats)', () => {
  it('writes an OffsetCommit as key type 1 (group, topic, partition) and OffsetCommitValue v3', () => {
    const { key, value } = encodeGroupRecord(commit)
    expect(key).toEqual(bytes(int16(1), str('g'), str('orders'), int32(2)))
    expect(value).toEqual(bytes(int16(3), int64(42), int32(3), str('m'), int64(1_700_000_000_000)))
  })

  it('writes a GroupMetadata as key type 2 (group) and GroupMetadataValue v3 with ConsumerProtocol bytes', () => {
    const { key, value } = encodeGroupRecord(group)
    expect(key).toEqual(bytes(int16(2), str('g')))
    expect(value).toEqual(
      bytes(
        int16(3),
        str('consumer'),
        int32(1),
        str('range'),
        str('m1'),
        int64(1_700_000_000_000),
        int32(1),
        str('m1'),
        int16(-1),
        str('c'),
        str('/h'),
        int32(300_000),
        int32(45_000),
        int32(SUBSCRIPTION.length),
        [...SUBSCRIPTION],
        int32(ASSIGNMENT.length),
        [...ASSIGNMENT],
      ),
    )
  })

  it('writes tombstones as the key with a null value, and null protocol and leader as length -1', () => {
    expect(encodeGroupRecord({ type: 'GroupMetadataTombstone', groupId: 'g' })).toEqual({
      key: bytes(int16(2), str('g')),
      value: null,
    })
    expect(
      encodeGroupRecord({ type: 'OffsetCommitTombstone', groupId: 'g', topic: 't', partition: 0 }),
    ).toEqual({ key: bytes(int16(1), str('g'), str('t'), int32(0)), value: null })
    const empty = encodeGroupRecord({ ...group, protocol: null, leader: null, members: [] }).value
    expect(empty).toEqual(
      bytes(int16(3), str('consumer'), int32(1), int16(-1), int16(-1), int64(1_700_000_000_000), int32(0)),
    )
  })

  it('reads back every record it writes (the invariant)', () => {
    const records: GroupCoordinatorRecord[] = [
      commit,
      { ...commit, leaderEpoch: -1, metadata: '' },
      group,
      { ...group, protocol: null, leader: null, members: [] },
      {
        ...group,
        members: [
          {
            ...group.members[0]!,
            groupInstanceId: 'static-1',
            subscription: { ...group.members[0]!.subscription, rackId: 'r1', generationId: 4 },
          },
        ],
      },
      { type: 'GroupMetadataTombstone', groupId: 'g' },
      { type: 'OffsetCommitTombstone', groupId: 'g', topic: 'orders', partition: 2 },
    ]
    for (const record of records) {
      const { key, value } = encodeGroupRecord(record)
      expect(decodeGroupRecord(key, value)).toEqual(record)
    }
  })

  it('reads the older versions Kafka wrote: OffsetCommitValue v1 with its expire timestamp, GroupMetadataValue v0', () => {
    const key = bytes(int16(1), str('g'), str('t'), int32(0))
    const v1 = bytes(int16(1), int64(7), str(''), int64(100), int64(200))
    expect(deserialize(key, v1).value).toEqual({
      version: 1,
      message: { offset: 7, leaderEpoch: -1, metadata: '', commitTimestamp: 100, expireTimestamp: 200 },
    })
    const v0 = bytes(int16(0), str(''), int32(0), int16(-1), int16(-1), int32(0))
    expect(deserialize(bytes(int16(2), str('g')), v0).value).toEqual({
      version: 0,
      message: {
        protocolType: '',
        generation: 0,
        protocol: null,
        leader: null,
        currentStateTimestamp: -1,
        members: [],
      },
    })
  })

  it('rejects record types and value versions it does not know, as GroupCoordinatorRecordSerde does', () => {
    expect(() => deserialize(bytes(int16(9), str('g')), null)).toThrow(UnknownRecordTypeException)
    expect(() => deserialize(bytes(int16(3), str('g')), bytes(int16(1)))).toThrow(
      UnknownRecordVersionException,
    )
    expect(() => deserialize(bytes(int16(1), str('g'), str('t'), int32(0)), bytes(int16(9)))).toThrow(
      UnknownRecordVersionException,
    )
    expect(() => deserialize(bytes(int16(2), str('g')), bytes(int16(3), int16(5)))).toThrow(
      "Could not read record with version 3 from value's buffer due to: Error reading 5 byte(s): only 0 byte(s) available.",
    )
  })

  it('still loads records that older playground stores wrote as JSON', () => {
    const key = utf8(JSON.stringify({ type: 'OffsetCommit', groupId: 'g', topic: 'orders', partition: 2 }))
    expect(decodeGroupRecord(key, utf8(JSON.stringify(commit)))).toEqual(commit)
    expect(decodeGroupRecord(key, null)).toEqual({
      type: 'OffsetCommitTombstone',
      groupId: 'g',
      topic: 'orders',
      partition: 2,
    })
    const groupKey = utf8(JSON.stringify({ type: 'GroupMetadata', groupId: 'g' }))
    expect(decodeGroupRecord(groupKey, utf8(JSON.stringify(group)))).toEqual(group)
    expect(decodeGroupRecord(groupKey, null)).toEqual({ type: 'GroupMetadataTombstone', groupId: 'g' })
  })
})
