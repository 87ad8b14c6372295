/**
 * The requests a broker or an admin client sends to the active controller, and its answers (KRaft's
 * BrokerRegistration, BrokerHeartbeat, AlterPartition, CreateTopics, DeleteTopics, ElectLeaders,
 * IncrementalAlterConfigs, AllocateProducerIds, AlterPartitionReassignments, ListPartitionReassignments,
 * UpdateFeatures, CreateAcls, DeleteAcls and AlterClientQuotas,
 * reduced to the fields the playground uses). Errors are Kafka error names.
 */
import type {
  AlterConfigsResource,
  CreatableTopic,
  CreatePartitionsTopic,
  OngoingReassignment,
  ReassignablePartition,
  ReassignablePartitionResult,
  ResourceError,
  TopicError,
} from '../../protocol/kafka.ts'
import type { KafkaErrorName } from '../../protocol/kafka-errors.ts'
import type { FeatureUpdate, UpdateFeaturesResult } from '../../protocol/kafka-features.ts'
import type { BrokerEndpoint } from '../metadata/metadata-records.ts'
import type {
  AclBinding,
  AclBindingFilter,
  AclCreationResult,
  DeleteAclsFilterResult,
} from '../../protocol/kafka-acls.ts'
import type { AlterClientQuotasEntityResult, ClientQuotaAlteration } from '../../protocol/kafka-quotas.ts'

export type ControllerRequest =
  | {
      api: 'BrokerRegistration'
      brokerId: number
      incarnationId: string
      endpoints: BrokerEndpoint[]
      rack: string | null
    }
  | {
      api: 'BrokerHeartbeat'
      brokerId: number
      brokerEpoch: number
      /** The offset of the metadata log this broker has replayed. */
      currentMetadataOffset: number
      wantShutDown: boolean
    }
  | {
      api: 'AlterPartition'
      brokerId: number
      brokerEpoch: number
      topicId: string
      partitionId: number
      leaderEpoch: number
      partitionEpoch: number
      newIsr: number[]
    }
  | { api: 'CreateTopics'; topics: CreatableTopic[]; validateOnly: boolean }
  | { api: 'DeleteTopics'; names: string[] }
  | {
      api: 'ElectLeaders'
      election: 'preferred' | 'unclean'
      /** null: every partition (the answer then leaves out those that need no election). */
      partitions: Array<{ topic: string; partition: number }> | null
    }
  | { api: 'IncrementalAlterConfigs'; resources: AlterConfigsResource[]; validateOnly: boolean }
  | { api: 'CreatePartitions'; topics: CreatePartitionsTopic[]; validateOnly: boolean }
  | { api: 'AllocateProducerIds'; brokerId: number; brokerEpoch: number }
  | { api: 'AlterPartitionReassignments'; partitions: ReassignablePartition[] }
  | {
      api: 'ListPartitionReassignments'
      /** null: every ongoing reassignment. */
      partitions: Array<{ topic: string; partition: number }> | null
    }
  | { api: 'UpdateFeatures'; updates: FeatureUpdate[]; validateOnly: boolean }
  | { api: 'CreateAcls'; bindings: AclBinding[] }
  | { api: 'DeleteAcls'; filters: AclBindingFilter[] }
  | { api: 'AlterClientQuotas'; alterations: ClientQuotaAlteration[]; validateOnly: boolean }

export type ControllerResponse =
  | { api: 'BrokerRegistration'; error: KafkaErrorName | null; brokerEpoch: number }
  | { api: 'BrokerHeartbeat'; error: KafkaErrorName | null; isFenced: boolean; shouldShutDown: boolean }
  | {
      api: 'AlterPartition'
      error: KafkaErrorName | null
      isr: number[]
      leaderEpoch: number
      partitionEpoch: number
    }
  | { api: 'CreateTopics'; results: TopicError[] }
  | { api: 'DeleteTopics'; results: TopicError[] }
  | {
      api: 'ElectLeaders'
      results: Array<{
        topic: string
        partition: number
        error: KafkaErrorName | null
        message: string | null
      }>
    }
  | { api: 'IncrementalAlterConfigs'; results: ResourceError[] }
  | { api: 'CreatePartitions'; results: TopicError[] }
  | { api: 'AlterPartitionReassignments'; results: ReassignablePartitionResult[] }
  | { api: 'ListPartitionReassignments'; error: KafkaErrorName | null; reassignments: OngoingReassignment[] }
  | {
      api: 'AllocateProducerIds'
      error: KafkaErrorName | null
      /** The block's first producer id and its length; -1 and 0 with an error. */
      producerIdStart: number
      producerIdLen: number
    }
  | { api: 'UpdateFeatures'; results: UpdateFeaturesResult[] }
  | { api: 'CreateAcls'; results: AclCreationResult[] }
  | { api: 'DeleteAcls'; results: DeleteAclsFilterResult[] }
  | { api: 'AlterClientQuotas'; results: AlterClientQuotasEntityResult[] }
