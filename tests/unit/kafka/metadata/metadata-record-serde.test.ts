// MetadataRecordSerde and the LeaderChange control record against hand-checked bytes (the layouts of
// Kafka 4.1's metadata/*.json and LeaderChangeMessage.json at the versions a 4.1 controller writes), and the
// JSON DumpLogSegments' ClusterMetadataLogMessageParser prints for them.
import { describe, expect, it } from 'vitest'
import {
  metadataRecordJson,
  readMetadataRecord,
  serializeMetadataRecord,
} from '../../../../workers/kafka/metadata/metadata-record-serde.ts'
import type { MetadataRecord } from '../../../../workers/kafka/metadata/metadata-records.ts'
import { uuidBytes } from '../../../../workers/kafka/metadata/uuid.ts'
import {
  controlRecordKey,
  controlRecordType,
  leaderChangeJson,
  leaderChangeValue,
  parseControlTypeId,
} from '../../../../workers/kafka/raft/control-records.ts'
import { toJson } from '../../../../workers/es/xcontent/json-writer.ts'

/** Bytes 0x00..0x0f as Kafka's Uuid text. */
const TOPIC_ID = 'AAECAwQFBgcICQoLDA0ODw'
const TOPIC_ID_BYTES = Array.from({ length: 16 }, (_, i) => i)

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')
const bytesOf = (...parts: (number | number[])[]) => Buffer.from(parts.flat()).toString('hex')
const int32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]
const ascii = (text: string) => [...Buffer.from(text)]

function dumped(record: MetadataRecord): string {
  return toJson(metadataRecordJson(readMetadataRecord(serializeMetadataRecord(record))))
}

describe('MetadataRecordSerde', () => {
  it('frames a TopicRecord v0: frame version 1, api key 2, version 0, compact name, uuid, no tagged fields', () => {
    const bytes = serializeMetadataRecord({ type: 'TopicRecord', name: 'foo', topicId: TOPIC_ID })
    expect(hex(bytes)).toBe(bytesOf(1, 2, 0, 4, ascii('foo'), TOPIC_ID_BYTES, 0))
    expect(dumped({ type: 'TopicRecord', name: 'foo', topicId: TOPIC_ID })).toBe(
      `{"type":"TOPIC_RECORD","version":0,"data":{"name":"foo","topicId":"${TOPIC_ID}"}}`,
    )
  })

  it('writes only the changed fields of a PartitionChangeRecord v2, as tagged fields in tag order', () => {
    const record: MetadataRecord = {
      type: 'PartitionChangeRecord',
      topicId: TOPIC_ID,
      partitionId: 1,
      leader: 3,
      isr: [1, 2],
    }
    expect(hex(serializeMetadataRecord(record))).toBe(
      bytesOf(1, 5, 2, int32(1), TOPIC_ID_BYTES, 2, 0, 9, 3, int32(1), int32(2), 1, 4, int32(3)),
    )
    expect(dumped(record)).toBe(
      `{"type":"PARTITION_CHANGE_RECORD","version":2,"data":{"partitionId":1,"topicId":"${TOPIC_ID}","isr":[1,2],"leader":3}}`,
    )
    expect(dumped({ type: 'PartitionChangeRecord', topicId: TOPIC_ID, partitionId: 0 })).toBe(
      `{"type":"PARTITION_CHANGE_RECORD","version":2,"data":{"partitionId":0,"topicId":"${TOPIC_ID}"}}`,
    )
  })

  it('writes a RegisterBrokerRecord v3 with a PLAINTEXT endpoint, no features, a null rack, no log dirs', () => {
    const record: MetadataRecord = {
      type: 'RegisterBrokerRecord',
      brokerId: 1,
      brokerEpoch: 7,
      incarnationId: TOPIC_ID,
      endpoints: [{ host: 'localhost', port: 9092 }],
      rack: null,
      fenced: true,
    }
    expect(hex(serializeMetadataRecord(record))).toBe(
      bytesOf(
        [1, 0, 3],
        int32(1),
        0,
        TOPIC_ID_BYTES,
        [0, 0, 0, 0, 0, 0, 0, 7],
        [2, 10, ...ascii('PLAINTEXT'), 10, ...ascii('localhost'), 0x23, 0x84, 0, 0, 0],
        [1, 0, 1, 0, 0],
      ),
    )
    expect(dumped(record)).toBe(
      '{"type":"REGISTER_BROKER_RECORD","version":3,"data":{"brokerId":1,"isMigratingZkBroker":false,' +
        `"incarnationId":"${TOPIC_ID}","brokerEpoch":7,"endPoints":[{"name":"PLAINTEXT","host":"localhost",` +
        '"port":9092,"securityProtocol":0}],"features":[],"rack":null,"fenced":true,"inControlledShutdown":false}}',
    )
  })

  it('writes a PartitionRecord v2 with its reassignment lists and no directories or ELR', () => {
    const record: MetadataRecord = {
      type: 'PartitionRecord',
      topicId: TOPIC_ID,
      partitionId: 0,
      replicas: [2, 3],
      isr: [2],
      leader: 2,
      leaderEpoch: 0,
      partitionEpoch: 0,
    }
    expect(hex(serializeMetadataRecord(record))).toBe(
      bytesOf(
        1,
        3,
        2,
        int32(0),
        TOPIC_ID_BYTES,
        3,
        int32(2),
        int32(3),
        2,
        int32(2),
        1,
        1,
        int32(2),
        int32(0),
        int32(0),
        1,
        0,
      ),
    )
    expect(dumped(record)).toBe(
      `{"type":"PARTITION_RECORD","version":2,"data":{"partitionId":0,"topicId":"${TOPIC_ID}","replicas":[2,3],` +
        '"isr":[2],"removingReplicas":[],"addingReplicas":[],"leader":2,"leaderEpoch":0,"partitionEpoch":0,"directories":[]}}',
    )
  })

  it('writes fencing as BrokerRegistrationChangeRecord v0 (1 fence, -1 unfence), configs with their resource type ids', () => {
    const unfence: MetadataRecord = {
      type: 'BrokerRegistrationChangeRecord',
      brokerId: 2,
      brokerEpoch: 5,
      fenced: false,
    }
    expect(hex(serializeMetadataRecord(unfence))).toBe(
      bytesOf(1, 17, 0, int32(2), [0, 0, 0, 0, 0, 0, 0, 5], 1, 0, 1, 0xff),
    )
    expect(dumped(unfence)).toBe(
      '{"type":"BROKER_REGISTRATION_CHANGE_RECORD","version":0,"data":{"brokerId":2,"brokerEpoch":5,"fenced":-1}}',
    )
    const config: MetadataRecord = {
      type: 'ConfigRecord',
      resourceType: 'topic',
      resourceName: 'demo',
      name: 'retention.ms',
      value: null,
    }
    expect(hex(serializeMetadataRecord(config))).toBe(
      bytesOf(1, 4, 0, 2, 5, ascii('demo'), 13, ascii('retention.ms'), 0, 0),
    )
    expect(dumped(config)).toBe(
      '{"type":"CONFIG_RECORD","version":0,"data":{"resourceType":2,"resourceName":"demo","name":"retention.ms","value":null}}',
    )
    expect(dumped({ type: 'FeatureLevelRecord', name: 'metadata.version', featureLevel: 27 })).toBe(
      '{"type":"FEATURE_LEVEL_RECORD","version":0,"data":{"name":"metadata.version","featureLevel":27}}',
    )
    expect(dumped({ type: 'ProducerIdsRecord', brokerId: 1, brokerEpoch: 3, nextProducerId: 2000 })).toBe(
      '{"type":"PRODUCER_IDS_RECORD","version":0,"data":{"brokerId":1,"brokerEpoch":3,"nextProducerId":2000}}',
    )
  })

  it('writes AccessControlEntryRecord v0 (api key 18) with the enums as their Kafka codes, and its removal (19)', () => {
    const record: MetadataRecord = {
      type: 'AccessControlEntryRecord',
      id: TOPIC_ID,
      resourceType: 'TOPIC',
      resourceName: 'orders',
      patternType: 'PREFIXED',
      principal: 'User:alice',
      host: '*',
      operation: 'READ',
      permissionType: 'ALLOW',
    }
    expect(hex(serializeMetadataRecord(record))).toBe(
      bytesOf(
        1,
        18,
        0,
        TOPIC_ID_BYTES,
        2,
        7,
        ascii('orders'),
        4,
        11,
        ascii('User:alice'),
        2,
        ascii('*'),
        3,
        3,
        0,
      ),
    )
    expect(dumped(record)).toBe(
      `{"type":"ACCESS_CONTROL_ENTRY_RECORD","version":0,"data":{"id":"${TOPIC_ID}","resourceType":2,"resourceName":"orders","patternType":4,"principal":"User:alice","host":"*","operation":3,"permissionType":3}}`,
    )
    const removal: MetadataRecord = { type: 'RemoveAccessControlEntryRecord', id: TOPIC_ID }
    expect(hex(serializeMetadataRecord(removal))).toBe(bytesOf(1, 19, 0, TOPIC_ID_BYTES, 0))
    expect(dumped(removal)).toBe(
      `{"type":"REMOVE_ACCESS_CONTROL_ENTRY_RECORD","version":0,"data":{"id":"${TOPIC_ID}"}}`,
    )
  })

  it('writes ClientQuotaRecord v0 (api key 14): the entity pairs, a null name for a default, a float64 value', () => {
    const record: MetadataRecord = {
      type: 'ClientQuotaRecord',
      entity: [{ entityType: 'user', entityName: null }],
      key: 'producer_byte_rate',
      value: 1024,
      remove: false,
    }
    const float64 = [0x40, 0x90, 0, 0, 0, 0, 0, 0]
    expect(hex(serializeMetadataRecord(record))).toBe(
      bytesOf(1, 14, 0, 2, 5, ascii('user'), 0, 0, 19, ascii('producer_byte_rate'), float64, 0, 0),
    )
    expect(readMetadataRecord(serializeMetadataRecord(record)).data).toEqual({
      entity: [{ entityType: 'user', entityName: null }],
      key: 'producer_byte_rate',
      value: 1024,
      remove: false,
    })
  })

  it('answers bytes it cannot read with MetadataParseException messages', () => {
    expect(() => readMetadataRecord(Uint8Array.of(2, 2, 0))).toThrow(
      'Could not deserialize metadata record due to unknown frame version 2(only frame version 1 is supported)',
    )
    expect(() => readMetadataRecord(Uint8Array.of(1, 99, 0))).toThrow('Unknown metadata id 99')
    expect(() => readMetadataRecord(Uint8Array.of(1, 2, 0, 4))).toThrow(
      'Failed to deserialize record with type 2',
    )
    const topic = serializeMetadataRecord({ type: 'TopicRecord', name: 'foo', topicId: TOPIC_ID })
    expect(() => readMetadataRecord(Uint8Array.from([...topic, 0]))).toThrow(
      'Found 1 byte(s) of garbage after 2',
    )
  })

  it('gives an id kept in another form (an incarnation id) a stable Uuid', () => {
    expect(hex(uuidBytes(TOPIC_ID))).toBe(bytesOf(TOPIC_ID_BYTES))
    const incarnation = uuidBytes('MkU3OEVBNTcwNTJENDM2Qk-1-0')
    expect(incarnation).toHaveLength(16)
    expect(hex(uuidBytes('MkU3OEVBNTcwNTJENDM2Qk-1-0'))).toBe(hex(incarnation))
    expect(hex(uuidBytes('MkU3OEVBNTcwNTJENDM2Qk-2-0'))).not.toBe(hex(incarnation))
  })
})

describe('the LeaderChange control record', () => {
  it('keys LEADER_CHANGE as version 0, type 2 and writes LeaderChangeMessage v0 with no version prefix', () => {
    expect(hex(controlRecordKey('LEADER_CHANGE'))).toBe('00000002')
    expect(controlRecordType(parseControlTypeId(controlRecordKey('LEADER_CHANGE')))).toBe('LEADER_CHANGE')
    expect(controlRecordType(9)).toBe('UNKNOWN')
    expect(() => parseControlTypeId(Uint8Array.of(0, 0))).toThrow(
      'Invalid value size found for end control record key. Must have at least 4 bytes, but found only 2',
    )
    const value = leaderChangeValue({ leaderId: 1, voters: [1, 2, 3], grantingVoters: [1, 2] })
    expect(hex(value)).toBe(
      bytesOf([0, 0], int32(1), 4, int32(1), 0, int32(2), 0, int32(3), 0, 3, int32(1), 0, int32(2), 0, 0),
    )
    expect(leaderChangeJson(value)).toEqual({
      version: 0,
      leaderId: 1,
      voters: [{ voterId: 1 }, { voterId: 2 }, { voterId: 3 }],
      grantingVoters: [{ voterId: 1 }, { voterId: 2 }],
    })
    // KAFKA-19069's dump of a single-controller 4.1 log: one voter, a 19-byte value.
    expect(leaderChangeValue({ leaderId: 1, voters: [1], grantingVoters: [1] })).toHaveLength(19)
  })
})
