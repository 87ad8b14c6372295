// The KIP-848 consumer group's __consumer_offsets records against bytes worked out by hand from Kafka 4.1's
// schemas (group-coordinator/src/main/resources/common/message/ConsumerGroup*Key.json and *Value.json):
// the key an int16 record type then int16-length strings (not flexible); the value an int16 version 0 then
// the flexible message: compact strings and arrays (unsigned varint length + 1, 0 for null), a uuid as its
// 16 bytes, and a tagged-field section (count, then tag, size, bytes) after every struct.
import { describe, expect, it } from 'vitest'
import { decodeGroupRecord, encodeGroupRecord } from '../../../../workers/kafka/group/group-record-codec.ts'
import type { ConsumerGroupRecord } from '../../../../workers/kafka/group/group-records.ts'
import { uuidBytes, uuidText } from '../../../../workers/kafka/metadata/uuid.ts'

const bytes = (...parts: (number[] | Uint8Array)[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => [...p]))
const int16 = (n: number) => [(n >> 8) & 0xff, n & 0xff]
const int32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]
const str = (s: string) => [...int16(s.length), ...[...s].map((c) => c.charCodeAt(0))]
const compact = (s: string) => [s.length + 1, ...[...s].map((c) => c.charCodeAt(0))]
const NULL = 0
const NO_TAGS = 0
const ORDERS = uuidText(uuidBytes('orders'))

function check(record: ConsumerGroupRecord, key: Uint8Array, value: Uint8Array | null): void {
  expect(encodeGroupRecord(record)).toEqual({ key, value })
  expect(decodeGroupRecord(key, value)).toEqual(record)
}

describe('consumer group records (Kafka 4.1 schemas)', () => {
  it('ConsumerGroupMetadata: key type 3, value Epoch and the MetadataHash tagged field (left out when 0)', () => {
    const key = bytes(int16(3), str('g'))
    check(
      { type: 'ConsumerGroupMetadata', groupId: 'g', epoch: 5, metadataHash: 0x0102 },
      key,
      bytes(int16(0), int32(5), [1, 0, 8], int32(0), int32(0x0102)),
    )
    check(
      { type: 'ConsumerGroupMetadata', groupId: 'g', epoch: 1, metadataHash: 0 },
      key,
      bytes(int16(0), int32(1), [NO_TAGS]),
    )
  })

  it('ConsumerGroupMemberMetadata: key type 5 with the member id, the subscription as compact fields', () => {
    check(
      {
        type: 'ConsumerGroupMemberMetadata',
        groupId: 'g',
        memberId: 'm',
        instanceId: null,
        rackId: 'r',
        clientId: 'c',
        clientHost: '/h',
        subscribedTopicNames: ['a', 'b'],
        subscribedTopicRegex: null,
        rebalanceTimeoutMs: 300_000,
        serverAssignor: 'range',
      },
      bytes(int16(5), str('g'), str('m')),
      bytes(
        int16(0),
        [NULL],
        compact('r'),
        compact('c'),
        compact('/h'),
        [3],
        compact('a'),
        compact('b'),
        [NULL],
        int32(300_000),
        compact('range'),
        [NO_TAGS],
      ),
    )
  })

  it('ConsumerGroupTargetAssignmentMetadata (type 6) and ConsumerGroupTargetAssignmentMember (type 7)', () => {
    check(
      { type: 'ConsumerGroupTargetAssignmentMetadata', groupId: 'g', assignmentEpoch: 7 },
      bytes(int16(6), str('g')),
      bytes(int16(0), int32(7), [NO_TAGS]),
    )
    check(
      {
        type: 'ConsumerGroupTargetAssignmentMember',
        groupId: 'g',
        memberId: 'm',
        topicPartitions: [{ topicId: ORDERS, partitions: [0, 2] }],
      },
      bytes(int16(7), str('g'), str('m')),
      bytes(int16(0), [2], uuidBytes(ORDERS), [3], int32(0), int32(2), [NO_TAGS], [NO_TAGS]),
    )
  })

  it('ConsumerGroupCurrentMemberAssignment: key type 8, epochs, the MemberState byte and both partition lists', () => {
    check(
      {
        type: 'ConsumerGroupCurrentMemberAssignment',
        groupId: 'g',
        memberId: 'm',
        memberEpoch: 4,
        previousMemberEpoch: 3,
        state: 'UNREVOKED_PARTITIONS',
        assignedPartitions: [{ topicId: ORDERS, partitions: [1] }],
        partitionsPendingRevocation: [],
      },
      bytes(int16(8), str('g'), str('m')),
      bytes(
        int16(0),
        int32(4),
        int32(3),
        [1],
        [2],
        uuidBytes(ORDERS),
        [2],
        int32(1),
        [NO_TAGS],
        [1],
        [NO_TAGS],
      ),
    )
  })

  it('tombstones: the key with a null value, for the group-level and the per-member records', () => {
    check(
      { type: 'ConsumerGroupTombstone', recordType: 3, groupId: 'g', memberId: null },
      bytes(int16(3), str('g')),
      null,
    )
    check(
      { type: 'ConsumerGroupTombstone', recordType: 8, groupId: 'g', memberId: 'm' },
      bytes(int16(8), str('g'), str('m')),
      null,
    )
  })

  it('reads the ConsumerGroupPartitionMetadata record (type 4) 4.1 no longer writes', () => {
    const value = bytes(
      int16(0),
      [2],
      uuidBytes(ORDERS),
      compact('orders'),
      int32(4),
      [1],
      [NO_TAGS],
      [NO_TAGS],
    )
    expect(decodeGroupRecord(bytes(int16(4), str('g')), value)).toEqual({
      type: 'ConsumerGroupPartitionMetadata',
      groupId: 'g',
      topics: [{ topicId: ORDERS, topicName: 'orders', numPartitions: 4 }],
    })
  })
})
