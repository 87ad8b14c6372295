/**
 * MetadataRecordSerde (Kafka 4.1): a metadata record's bytes in the `__cluster_metadata` log, the value of a
 * record whose key is null. Frame (AbstractApiMessageSerde): unsigned varint frame version (1), unsigned
 * varint api key, unsigned varint record version, then the record at that version
 * (metadata/src/main/resources/common/metadata/*.json; all flexible: message-schema.ts).
 *
 * The versions are those a 4.1 controller writes at metadata.version 4.1-IV1: RegisterBrokerRecord v3,
 * PartitionRecord and PartitionChangeRecord v2 (MetadataVersion.partitionRecordVersion with ELR), the
 * others v0 (BrokerRegistrationChangeRecord for fencing and unfencing included). Fields the playground does
 * not keep get Kafka's defaults: no broker features or log dirs, PLAINTEXT endpoints (security protocol 0),
 * no partition directories, leader recovery state 0 (unchanged, -1, in a PartitionChangeRecord).
 * ConfigRecord's resource types are ConfigResource.Type's ids (TOPIC 2, BROKER 4); a
 * BrokerRegistrationChangeRecord's Fenced is BrokerRegistrationFencingChange (1 fence, -1 unfence).
 * AccessControlEntryRecord's enums are their Kafka codes (protocol/kafka-acls.ts: the index in declaration order).
 * ClientQuotaRecord's value is a float64; a removal carries value 0.
 */
import { FlexibleReader, FlexibleWriter } from './flexible-accessor.ts'
import {
  messageJson,
  readMessage,
  writeMessage,
  type FieldSpec,
  type JsonObject,
  type MessageData,
} from './message-schema.ts'
import type { ConfigResourceType, MetadataRecord } from './metadata-records.ts'
import {
  ACL_OPERATIONS,
  ACL_PERMISSION_TYPES,
  PATTERN_TYPES,
  RESOURCE_TYPES,
} from '../../protocol/kafka-acls.ts'

const FRAME_VERSION = 1
const ZERO_UUID = 'AAAAAAAAAAAAAAAAAAAAAA'
const PLAINTEXT_NAME = 'PLAINTEXT'
const PLAINTEXT_PROTOCOL = 0
const CONFIG_RESOURCE_TYPE_IDS: Record<ConfigResourceType, number> = { topic: 2, broker: 4 }
const FENCE = 1
const UNFENCE = -1
const NO_LEADER_CHANGE = -2

interface MetadataRecordType {
  /** MetadataRecordType's enum name, as the dump prints it. */
  readonly name: string
  readonly apiKey: number
  /** The version a Kafka 4.1 controller writes. */
  readonly version: number
  /** The highest of the record's validVersions. */
  readonly maxVersion: number
  readonly fields: readonly FieldSpec[]
}

const int32 = (name: string, value = 0): FieldSpec => ({ name, type: 'int32', default: value })
const int64 = (name: string, value = 0): FieldSpec => ({ name, type: 'int64', default: value })
const int8 = (name: string): FieldSpec => ({ name, type: 'int8', default: 0 })
const string = (name: string): FieldSpec => ({ name, type: 'string', default: '' })
const uuid = (name: string): FieldSpec => ({ name, type: 'uuid', default: ZERO_UUID })
const replicas = (name: string): FieldSpec => ({ name, type: '[]int32', default: [] })
const taggedReplicas = (name: string, tag: number, since = 0): FieldSpec => ({
  name,
  type: '[]int32',
  since,
  nullable: true,
  tag,
  default: null,
})

const RECORD_TYPES = {
  RegisterBrokerRecord: {
    name: 'REGISTER_BROKER_RECORD',
    apiKey: 0,
    version: 3,
    maxVersion: 3,
    fields: [
      int32('brokerId'),
      { name: 'isMigratingZkBroker', type: 'bool', since: 2, default: false },
      uuid('incarnationId'),
      int64('brokerEpoch'),
      {
        name: 'endPoints',
        type: {
          struct: [
            string('name'),
            string('host'),
            { name: 'port', type: 'uint16', default: 0 },
            { name: 'securityProtocol', type: 'int16', default: 0 },
          ],
        },
        default: [],
      },
      {
        name: 'features',
        type: {
          struct: [
            string('name'),
            { name: 'minSupportedVersion', type: 'int16', default: 0 },
            { name: 'maxSupportedVersion', type: 'int16', default: 0 },
          ],
        },
        default: [],
      },
      { name: 'rack', type: 'string', nullable: true, default: '' },
      { name: 'fenced', type: 'bool', default: true },
      { name: 'inControlledShutdown', type: 'bool', since: 1, default: false },
      { name: 'logDirs', type: '[]uuid', since: 3, tag: 0, default: [] },
    ],
  },
  TopicRecord: {
    name: 'TOPIC_RECORD',
    apiKey: 2,
    version: 0,
    maxVersion: 0,
    fields: [string('name'), uuid('topicId')],
  },
  PartitionRecord: {
    name: 'PARTITION_RECORD',
    apiKey: 3,
    version: 2,
    maxVersion: 2,
    fields: [
      int32('partitionId', -1),
      uuid('topicId'),
      replicas('replicas'),
      replicas('isr'),
      replicas('removingReplicas'),
      replicas('addingReplicas'),
      int32('leader', -1),
      { name: 'leaderRecoveryState', type: 'int8', tag: 0, default: 0 },
      int32('leaderEpoch', -1),
      int32('partitionEpoch', -1),
      { name: 'directories', type: '[]uuid', since: 1, default: [] },
      taggedReplicas('eligibleLeaderReplicas', 1, 2),
      taggedReplicas('lastKnownElr', 2, 2),
    ],
  },
  ConfigRecord: {
    name: 'CONFIG_RECORD',
    apiKey: 4,
    version: 0,
    maxVersion: 0,
    fields: [
      { name: 'resourceType', type: 'int8', default: 0 },
      string('resourceName'),
      string('name'),
      { name: 'value', type: 'string', nullable: true, default: '' },
    ],
  },
  PartitionChangeRecord: {
    name: 'PARTITION_CHANGE_RECORD',
    apiKey: 5,
    version: 2,
    maxVersion: 2,
    fields: [
      int32('partitionId', -1),
      uuid('topicId'),
      taggedReplicas('isr', 0),
      { name: 'leader', type: 'int32', tag: 1, default: NO_LEADER_CHANGE },
      taggedReplicas('replicas', 2),
      taggedReplicas('removingReplicas', 3),
      taggedReplicas('addingReplicas', 4),
      { name: 'leaderRecoveryState', type: 'int8', tag: 5, default: -1 },
      { name: 'directories', type: '[]uuid', since: 1, nullable: true, tag: 8, default: null },
      taggedReplicas('eligibleLeaderReplicas', 6, 2),
      taggedReplicas('lastKnownElr', 7, 2),
    ],
  },
  RemoveTopicRecord: {
    name: 'REMOVE_TOPIC_RECORD',
    apiKey: 9,
    version: 0,
    maxVersion: 0,
    fields: [uuid('topicId')],
  },
  FeatureLevelRecord: {
    name: 'FEATURE_LEVEL_RECORD',
    apiKey: 12,
    version: 0,
    maxVersion: 0,
    fields: [string('name'), { name: 'featureLevel', type: 'int16', default: 0 }],
  },
  ProducerIdsRecord: {
    name: 'PRODUCER_IDS_RECORD',
    apiKey: 15,
    version: 0,
    maxVersion: 0,
    fields: [int32('brokerId'), int64('brokerEpoch', -1), int64('nextProducerId')],
  },
  BrokerRegistrationChangeRecord: {
    name: 'BROKER_REGISTRATION_CHANGE_RECORD',
    apiKey: 17,
    version: 0,
    maxVersion: 2,
    fields: [
      int32('brokerId'),
      int64('brokerEpoch'),
      { name: 'fenced', type: 'int8', tag: 0, default: 0 },
      { name: 'inControlledShutdown', type: 'int8', since: 1, tag: 1, default: 0 },
      { name: 'logDirs', type: '[]uuid', since: 2, tag: 2, default: [] },
    ],
  },
  AccessControlEntryRecord: {
    name: 'ACCESS_CONTROL_ENTRY_RECORD',
    apiKey: 18,
    version: 0,
    maxVersion: 0,
    fields: [
      uuid('id'),
      int8('resourceType'),
      string('resourceName'),
      int8('patternType'),
      string('principal'),
      string('host'),
      int8('operation'),
      int8('permissionType'),
    ],
  },
  RemoveAccessControlEntryRecord: {
    name: 'REMOVE_ACCESS_CONTROL_ENTRY_RECORD',
    apiKey: 19,
    version: 0,
    maxVersion: 0,
    fields: [uuid('id')],
  },
  ClientQuotaRecord: {
    name: 'CLIENT_QUOTA_RECORD',
    apiKey: 14,
    version: 0,
    maxVersion: 0,
    fields: [
      {
        name: 'entity',
        type: {
          struct: [string('entityType'), { name: 'entityName', type: 'string', nullable: true, default: '' }],
        },
        default: [],
      },
      string('key'),
      { name: 'value', type: 'float64', default: 0 },
      { name: 'remove', type: 'bool', default: false },
    ],
  },
} as const satisfies Record<MetadataRecord['type'], MetadataRecordType>

const TYPES_BY_API_KEY = new Map<number, MetadataRecordType>(
  Object.values(RECORD_TYPES).map((type) => [type.apiKey, type]),
)

/** ApiMessageAndVersion: a record's api key, version and field values. */
export interface ApiMessageAndVersion {
  readonly apiKey: number
  readonly version: number
  readonly data: MessageData
}

/** The record's fields as Kafka's message holds them (defaults for what the playground does not keep). */
function messageData(record: MetadataRecord): MessageData {
  switch (record.type) {
    case 'RegisterBrokerRecord':
      return {
        brokerId: record.brokerId,
        incarnationId: record.incarnationId,
        brokerEpoch: record.brokerEpoch,
        endPoints: record.endpoints.map(({ host, port }) => ({
          name: PLAINTEXT_NAME,
          host,
          port,
          securityProtocol: PLAINTEXT_PROTOCOL,
        })),
        rack: record.rack,
        fenced: record.fenced,
      }
    case 'BrokerRegistrationChangeRecord':
      return {
        brokerId: record.brokerId,
        brokerEpoch: record.brokerEpoch,
        fenced: record.fenced ? FENCE : UNFENCE,
      }
    case 'PartitionRecord':
      return {
        partitionId: record.partitionId,
        topicId: record.topicId,
        replicas: record.replicas,
        isr: record.isr,
        removingReplicas: record.removingReplicas ?? [],
        addingReplicas: record.addingReplicas ?? [],
        leader: record.leader,
        leaderEpoch: record.leaderEpoch,
        partitionEpoch: record.partitionEpoch,
      }
    case 'PartitionChangeRecord':
      return {
        partitionId: record.partitionId,
        topicId: record.topicId,
        isr: record.isr ?? null,
        leader: record.leader ?? NO_LEADER_CHANGE,
        replicas: record.replicas ?? null,
        removingReplicas: record.removingReplicas ?? null,
        addingReplicas: record.addingReplicas ?? null,
      }
    case 'ConfigRecord':
      return {
        resourceType: CONFIG_RESOURCE_TYPE_IDS[record.resourceType],
        resourceName: record.resourceName,
        name: record.name,
        value: record.value,
      }
    case 'TopicRecord':
      return { name: record.name, topicId: record.topicId }
    case 'RemoveTopicRecord':
      return { topicId: record.topicId }
    case 'FeatureLevelRecord':
      return { name: record.name, featureLevel: record.featureLevel }
    case 'ProducerIdsRecord':
      return {
        brokerId: record.brokerId,
        brokerEpoch: record.brokerEpoch,
        nextProducerId: record.nextProducerId,
      }
    case 'AccessControlEntryRecord':
      return {
        id: record.id,
        resourceType: RESOURCE_TYPES.indexOf(record.resourceType),
        resourceName: record.resourceName,
        patternType: PATTERN_TYPES.indexOf(record.patternType),
        principal: record.principal,
        host: record.host,
        operation: ACL_OPERATIONS.indexOf(record.operation),
        permissionType: ACL_PERMISSION_TYPES.indexOf(record.permissionType),
      }
    case 'RemoveAccessControlEntryRecord':
      return { id: record.id }
    case 'ClientQuotaRecord':
      return {
        entity: record.entity.map(({ entityType, entityName }) => ({ entityType, entityName })),
        key: record.key,
        value: record.value,
        remove: record.remove,
      }
  }
}

/** MetadataRecordSerde.serialize of the record at the version Kafka 4.1 writes. */
export function serializeMetadataRecord(record: MetadataRecord): Uint8Array {
  const type: MetadataRecordType = RECORD_TYPES[record.type]
  const writer = new FlexibleWriter()
  writer.unsignedVarint(FRAME_VERSION)
  writer.unsignedVarint(type.apiKey)
  writer.unsignedVarint(type.version)
  writeMessage(writer, type.fields, type.version, messageData(record))
  return writer.toBytes()
}

function recordType(apiKey: number): MetadataRecordType {
  const type = TYPES_BY_API_KEY.get(apiKey)
  if (type === undefined) {
    throw new Error(
      `org.apache.kafka.common.errors.UnsupportedVersionException: Unknown metadata id ${apiKey}`,
    )
  }
  return type
}

/**
 * MetadataRecordSerde.read, throwing MetadataParseException's messages: a frame version other than 1, an
 * unknown api key, a record that does not read at its version, or bytes left after it.
 */
export function readMetadataRecord(bytes: Uint8Array): ApiMessageAndVersion {
  const reader = new FlexibleReader(bytes)
  const frameVersion = reader.unsignedVarint()
  if (frameVersion === 0) {
    throw new Error(
      'Could not deserialize metadata record with frame version 0. Note that upgrades from the preview release of KRaft in 2.8 to newer versions are not supported.',
    )
  }
  if (frameVersion !== FRAME_VERSION) {
    throw new Error(
      `Could not deserialize metadata record due to unknown frame version ${frameVersion}(only frame version ${FRAME_VERSION} is supported)`,
    )
  }
  const apiKey = reader.unsignedVarint()
  const version = reader.unsignedVarint()
  const type = recordType(apiKey)
  let data: MessageData
  try {
    if (version > type.maxVersion) throw new RangeError(`Can't read version ${version}`)
    data = readMessage(reader, type.fields, version)
  } catch {
    throw new Error(`Failed to deserialize record with type ${apiKey}`)
  }
  if (reader.remaining > 0) throw new Error(`Found ${reader.remaining} byte(s) of garbage after ${apiKey}`)
  return { apiKey, version, data }
}

/** What ClusterMetadataLogMessageParser prints: the record's type name, version and JSON data. */
export function metadataRecordJson({ apiKey, version, data }: ApiMessageAndVersion): JsonObject {
  const type = recordType(apiKey)
  return { type: type.name, version, data: messageJson(type.fields, version, data) }
}
