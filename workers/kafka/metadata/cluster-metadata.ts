/**
 * ClusterMetadata: the cluster's metadata as replaying the metadata log builds it (KRaft's
 * MetadataImage): registered brokers with their epochs and fencing, topics by id and name with each
 * partition's registration, dynamic configs per resource, the next producer id block, the finalized feature
 * levels (FeaturesImage: metadata.version always, other features only above 0), and the ACLs by id in the
 * order they were added (AclsImage), and the client quotas (ClientQuotasImage). The active controller and
 * every broker hold one; they differ only in how far they have replayed.
 *
 * The feature levels start as `kafka-storage.sh format` left them in bootstrap.checkpoint (features.ts:
 * bootstrapFeatureLevels); FeatureLevelRecords replayed from the log change them.
 *
 * Invariants: topic names and ids are unique; a partition's leader is NO_LEADER or one of its ISR; the
 * ISR is a non-empty subset of the replicas; leader epochs and partition epochs only grow.
 */
import type { BrokerEndpoint, ConfigResourceType, MetadataRecord } from './metadata-records.ts'
import { bootstrapFeatureLevels } from './features.ts'
import type { AclBinding } from '../../protocol/kafka-acls.ts'
import { METADATA_VERSION_FEATURE } from './metadata-version.ts'
import type { ClientQuotaEntity } from '../../protocol/kafka-quotas.ts'
import { entityKey } from '../../protocol/kafka-quotas.ts'

/** One client quota entity's quotas, in the order their keys were first set. */
export interface ClientQuotaImage {
  entity: ClientQuotaEntity
  quotas: Map<string, number>
}

export interface BrokerRegistration {
  brokerId: number
  brokerEpoch: number
  /** Which start of the broker's process registered (a restart registers a new one). */
  incarnationId: string
  endpoints: BrokerEndpoint[]
  rack: string | null
  fenced: boolean
}

export interface PartitionRegistration {
  replicas: number[]
  isr: number[]
  leader: number
  leaderEpoch: number
  partitionEpoch: number
  /** An ongoing reassignment's new replicas (part of `replicas`); empty when none runs. */
  addingReplicas: number[]
  /** An ongoing reassignment's replicas to drop (part of `replicas`); empty when none runs. */
  removingReplicas: number[]
}

export interface TopicRegistration {
  name: string
  topicId: string
  partitions: Map<number, PartitionRegistration>
}

export class ClusterMetadata {
  readonly brokers = new Map<number, BrokerRegistration>()
  readonly topicsById = new Map<string, TopicRegistration>()
  readonly topicIdsByName = new Map<string, string>()
  private readonly configs = new Map<string, Map<string, string>>()
  /** Offset of the last record replayed, -1 before any. */
  lastOffset = -1
  /** The first producer id of the next block the controller hands out (ProducerIdControlManager). */
  nextProducerId = 0
  /** Finalized feature levels by name; metadata.version is always present, a feature at 0 is absent. */
  readonly finalizedFeatures: Map<string, number> = bootstrapFeatureLevels()
  /** The ACLs by their Uuid, in the order their AccessControlEntryRecords were replayed. */
  readonly acls = new Map<string, AclBinding>()
  /** The client quota entities with at least one quota, by entityKey, in the order they were first set. */
  readonly clientQuotas = new Map<string, ClientQuotaImage>()

  topic(name: string): TopicRegistration | undefined {
    const id = this.topicIdsByName.get(name)
    return id === undefined ? undefined : this.topicsById.get(id)
  }

  /** A resource's dynamic configs, in the order they were first set. */
  configsOf(type: ConfigResourceType, name: string): ReadonlyMap<string, string> {
    return this.configs.get(`${type}:${name}`) ?? new Map()
  }

  /** Whether broker `id` is registered and unfenced: one that can lead, join an ISR and be placed on. */
  isUnfenced(id: number): boolean {
    return this.brokers.get(id)?.fenced === false
  }

  /** Unfenced brokers, ascending: the ones that can lead and be placed on. */
  usableBrokers(): number[] {
    return [...this.brokers.values()]
      .filter((b) => !b.fenced)
      .map((b) => b.brokerId)
      .sort((a, b) => a - b)
  }

  replay(record: MetadataRecord, offset: number): void {
    this.lastOffset = offset
    switch (record.type) {
      case 'FeatureLevelRecord':
        // FeatureControlManager.replay: level 0 removes a feature; metadata.version is always finalized.
        if (record.featureLevel === 0 && record.name !== METADATA_VERSION_FEATURE)
          this.finalizedFeatures.delete(record.name)
        else this.finalizedFeatures.set(record.name, record.featureLevel)
        return
      case 'RegisterBrokerRecord':
        this.brokers.set(record.brokerId, {
          brokerId: record.brokerId,
          brokerEpoch: record.brokerEpoch,
          incarnationId: record.incarnationId,
          endpoints: record.endpoints,
          rack: record.rack,
          fenced: record.fenced,
        })
        return
      case 'BrokerRegistrationChangeRecord': {
        const broker = this.brokers.get(record.brokerId)
        if (broker && broker.brokerEpoch === record.brokerEpoch) broker.fenced = record.fenced
        return
      }
      case 'TopicRecord':
        this.topicsById.set(record.topicId, {
          name: record.name,
          topicId: record.topicId,
          partitions: new Map(),
        })
        this.topicIdsByName.set(record.name, record.topicId)
        return
      case 'PartitionRecord':
        this.topicsById.get(record.topicId)?.partitions.set(record.partitionId, {
          replicas: [...record.replicas],
          isr: [...record.isr],
          leader: record.leader,
          leaderEpoch: record.leaderEpoch,
          partitionEpoch: record.partitionEpoch,
          addingReplicas: [...(record.addingReplicas ?? [])],
          removingReplicas: [...(record.removingReplicas ?? [])],
        })
        return
      case 'PartitionChangeRecord': {
        const partition = this.topicsById.get(record.topicId)?.partitions.get(record.partitionId)
        if (!partition) return
        if (record.leader !== undefined && record.leader !== partition.leader) {
          partition.leader = record.leader
          partition.leaderEpoch++
        }
        if (record.isr) partition.isr = [...record.isr]
        if (record.replicas) partition.replicas = [...record.replicas]
        if (record.addingReplicas) partition.addingReplicas = [...record.addingReplicas]
        if (record.removingReplicas) partition.removingReplicas = [...record.removingReplicas]
        partition.partitionEpoch++
        return
      }
      case 'ConfigRecord': {
        const key = `${record.resourceType}:${record.resourceName}`
        const configs = this.configs.get(key) ?? new Map<string, string>()
        if (record.value === null) configs.delete(record.name)
        else configs.set(record.name, record.value)
        this.configs.set(key, configs)
        return
      }
      case 'ProducerIdsRecord':
        this.nextProducerId = Math.max(this.nextProducerId, record.nextProducerId)
        return
      case 'AccessControlEntryRecord': {
        const {
          resourceType,
          resourceName: name,
          patternType,
          principal,
          host,
          operation,
          permissionType,
        } = record
        this.acls.set(record.id, {
          pattern: { resourceType, name, patternType },
          entry: { principal, host, operation, permissionType },
        })
        return
      }
      case 'RemoveAccessControlEntryRecord':
        this.acls.delete(record.id)
        return
      case 'ClientQuotaRecord': {
        const key = entityKey(record.entity)
        const image = this.clientQuotas.get(key) ?? { entity: record.entity, quotas: new Map() }
        if (record.remove) image.quotas.delete(record.key)
        else image.quotas.set(record.key, record.value)
        if (image.quotas.size === 0) this.clientQuotas.delete(key)
        else this.clientQuotas.set(key, image)
        return
      }
      case 'RemoveTopicRecord': {
        const topic = this.topicsById.get(record.topicId)
        if (!topic) return
        this.topicsById.delete(record.topicId)
        this.topicIdsByName.delete(topic.name)
        this.configs.delete(`topic:${topic.name}`)
        return
      }
    }
  }
}
