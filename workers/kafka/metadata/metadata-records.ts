/**
 * The records of the cluster metadata log (`__cluster_metadata`), as KRaft's controller writes them
 * (org.apache.kafka.common.metadata.*Record), reduced to the fields the playground uses. The log is
 * the only source of metadata: every broker builds its ClusterMetadata by replaying committed records.
 *
 * PartitionChangeRecord fields that are absent mean "unchanged"; replaying one raises the partition
 * epoch by one, and the leader epoch by one when the leader changes (PartitionRegistration.merge).
 * addingReplicas / removingReplicas describe an ongoing reassignment (KIP-455): while one runs, `replicas` is
 * the target replicas followed by the removing ones; absent in a PartitionRecord means none.
 * ProducerIdsRecord (AllocateProducerIds) moves the cluster's next producer id up by one block; replaying it
 * everywhere keeps producer ids unique across brokers, controller changes and restarts.
 * The log stores these objects as JSON; metadata-record-serde.ts writes them in Kafka's binary form for the
 * `__cluster_metadata-0` segment file.
 * AccessControlEntryRecord adds one ACL under its id (StandardAclWithId) and RemoveAccessControlEntryRecord
 * removes it; the ACLs live in the metadata log whether or not a node runs an authorizer (AclControlManager).
 * ClientQuotaRecord sets one quota key of one client quota entity, or removes it when `remove` is true
 * (ClientQuotaControlManager.replay: an entity whose last key goes is gone).
 */
import type { AclOperation, AclPermissionType, PatternType, ResourceType } from '../../protocol/kafka-acls.ts'
import type { ClientQuotaEntity } from '../../protocol/kafka-quotas.ts'

export interface BrokerEndpoint {
  host: string
  port: number
}

export type ConfigResourceType = 'topic' | 'broker'

export type MetadataRecord =
  | { type: 'FeatureLevelRecord'; name: string; featureLevel: number }
  | {
      type: 'RegisterBrokerRecord'
      brokerId: number
      brokerEpoch: number
      incarnationId: string
      endpoints: BrokerEndpoint[]
      rack: string | null
      fenced: boolean
    }
  | { type: 'BrokerRegistrationChangeRecord'; brokerId: number; brokerEpoch: number; fenced: boolean }
  | { type: 'TopicRecord'; name: string; topicId: string }
  | {
      type: 'PartitionRecord'
      topicId: string
      partitionId: number
      replicas: number[]
      isr: number[]
      leader: number
      leaderEpoch: number
      partitionEpoch: number
      addingReplicas?: number[]
      removingReplicas?: number[]
    }
  | {
      type: 'PartitionChangeRecord'
      topicId: string
      partitionId: number
      isr?: number[]
      leader?: number
      replicas?: number[]
      addingReplicas?: number[]
      removingReplicas?: number[]
    }
  | {
      type: 'ConfigRecord'
      resourceType: ConfigResourceType
      resourceName: string
      name: string
      value: string | null
    }
  | { type: 'RemoveTopicRecord'; topicId: string }
  /** A block of producer ids went to `brokerId`; the next block starts at `nextProducerId`. */
  | { type: 'ProducerIdsRecord'; brokerId: number; brokerEpoch: number; nextProducerId: number }
  | {
      type: 'AccessControlEntryRecord'
      /** The ACL's Uuid, base64 as Kafka prints it. */
      id: string
      resourceType: ResourceType
      resourceName: string
      patternType: PatternType
      principal: string
      host: string
      operation: AclOperation
      permissionType: AclPermissionType
    }
  | { type: 'RemoveAccessControlEntryRecord'; id: string }
  | { type: 'ClientQuotaRecord'; entity: ClientQuotaEntity; key: string; value: number; remove: boolean }

/** Kafka's NO_LEADER: a partition whose replicas in the ISR are all unavailable. */
export const NO_LEADER = -1
