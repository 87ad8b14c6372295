/**
 * ReplicationControl: the controller's decisions about topics and partitions, as records to append to
 * the metadata log (KRaft's ReplicationControlManager). Each function reads ClusterMetadata and returns
 * the records that carry out the change, or the error Kafka answers with; applying the records (by
 * replaying them once committed) is what changes the metadata.
 */
import type { CreatableTopic } from '../../protocol/kafka.ts'
import type { KafkaErrorName } from '../../protocol/kafka-errors.ts'
import type { Random } from '../../net/random.ts'
import type { ClusterMetadata, PartitionRegistration } from '../metadata/cluster-metadata.ts'
import type { MetadataRecord } from '../metadata/metadata-records.ts'
import { createTopic, type CreationDefaults } from './topic-creation.ts'
import { buildPartitionChange, type ElectionType } from './partition-change.ts'
import { topicConfig } from '../config/topic-configs.ts'

export type ControlResult =
  { ok: true; records: MetadataRecord[] } | { ok: false; error: KafkaErrorName; message: string }

export function createTopicRecords(
  metadata: ClusterMetadata,
  request: CreatableTopic,
  defaults: CreationDefaults,
  random: Random,
): ControlResult {
  const outcome = createTopic(
    {
      hasTopic: (name) => metadata.topicIdsByName.has(name),
      usableBrokers: metadata.usableBrokers(),
      isRegistered: (id) => metadata.brokers.has(id),
    },
    request,
    defaults,
    random,
  )
  if (!outcome.ok) return outcome
  const { topic } = outcome
  const records: MetadataRecord[] = [{ type: 'TopicRecord', name: topic.name, topicId: topic.topicId }]
  for (const [name, value] of Object.entries(topic.configs)) {
    records.push({ type: 'ConfigRecord', resourceType: 'topic', resourceName: topic.name, name, value })
  }
  for (const p of topic.partitions) {
    records.push({
      type: 'PartitionRecord',
      topicId: topic.topicId,
      partitionId: p.partition,
      replicas: p.replicas,
      isr: p.isr,
      leader: p.leader,
      leaderEpoch: 0,
      partitionEpoch: 0,
    })
  }
  return { ok: true, records }
}

export function deleteTopicRecords(metadata: ClusterMetadata, name: string): ControlResult {
  const topicId = metadata.topicIdsByName.get(name)
  if (topicId === undefined) {
    return {
      ok: false,
      error: 'UNKNOWN_TOPIC_OR_PARTITION',
      message: 'This server does not host this topic-partition.',
    }
  }
  return { ok: true, records: [{ type: 'RemoveTopicRecord', topicId }] }
}

/**
 * A broker's session expired or it shut down: it is fenced, leaves every ISR it is in (never emptying
 * one), and partitions it led get a new leader from their ISR, or none.
 */
export function fenceBrokerRecords(metadata: ClusterMetadata, brokerId: number): MetadataRecord[] {
  const broker = metadata.brokers.get(brokerId)
  if (!broker || broker.fenced) return []
  const records: MetadataRecord[] = [
    { type: 'BrokerRegistrationChangeRecord', brokerId, brokerEpoch: broker.brokerEpoch, fenced: true },
  ]
  const isUsable = (id: number): boolean => id !== brokerId && metadata.isUnfenced(id)
  forEachPartition(metadata, (topicId, partitionId, current, topicName) => {
    if (!current.isr.includes(brokerId) && current.leader !== brokerId) return
    const change = buildPartitionChange({
      topicId,
      partitionId,
      current,
      targetIsr: current.isr.filter((id) => id !== brokerId),
      isUsable,
      election: uncleanAllowed(metadata, topicName) ? 'unclean' : 'none',
    })
    if (change) records.push(change)
  })
  return records
}

/** A fenced broker caught up with the metadata log again: unfenced, and leaderless partitions it can lead get it. */
export function unfenceBrokerRecords(metadata: ClusterMetadata, brokerId: number): MetadataRecord[] {
  const broker = metadata.brokers.get(brokerId)
  if (!broker || !broker.fenced) return []
  const records: MetadataRecord[] = [
    { type: 'BrokerRegistrationChangeRecord', brokerId, brokerEpoch: broker.brokerEpoch, fenced: false },
  ]
  const isUsable = (id: number): boolean => id === brokerId || metadata.isUnfenced(id)
  forEachPartition(metadata, (topicId, partitionId, current, topicName) => {
    if (current.leader !== -1 || !current.replicas.includes(brokerId)) return
    const change = buildPartitionChange({
      topicId,
      partitionId,
      current,
      targetIsr: current.isr,
      isUsable,
      election: uncleanAllowed(metadata, topicName) ? 'unclean' : 'none',
    })
    if (change) records.push(change)
  })
  return records
}

/** Preferred (or unclean) leader election for the given partitions, as ElectLeaders asks. */
export function electLeadersRecords(
  metadata: ClusterMetadata,
  election: Exclude<ElectionType, 'none'>,
  partitions: ReadonlyArray<{ topic: string; partition: number }>,
): MetadataRecord[] {
  const records: MetadataRecord[] = []
  const isUsable = (id: number): boolean => metadata.isUnfenced(id)
  for (const { topic, partition } of partitions) {
    const registration = metadata.topic(topic)
    const current = registration?.partitions.get(partition)
    if (!registration || !current) continue
    const change = buildPartitionChange({
      topicId: registration.topicId,
      partitionId: partition,
      current,
      targetIsr: current.isr,
      isUsable,
      election,
    })
    if (change) records.push(change)
  }
  return records
}

/** The topic's unclean.leader.election.enable. */
export function uncleanAllowed(metadata: ClusterMetadata, topicName: string): boolean {
  return (
    topicConfig(
      Object.fromEntries(metadata.configsOf('topic', topicName)),
      'unclean.leader.election.enable',
    ) === 'true'
  )
}

function forEachPartition(
  metadata: ClusterMetadata,
  visit: (topicId: string, partitionId: number, current: PartitionRegistration, topicName: string) => void,
): void {
  for (const topic of metadata.topicsById.values()) {
    for (const [partitionId, current] of topic.partitions)
      visit(topic.topicId, partitionId, current, topic.name)
  }
}
