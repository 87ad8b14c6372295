/**
 * CreatePartitions as KRaft's ReplicationControlManager.createPartitions decides it: the new total must be
 * larger than the current count (`Topic already has 3 partition(s).` when equal, `The topic orders
 * currently has 3 partition(s); 2 would not be an increase.` when smaller, INVALID_PARTITIONS); the new
 * partitions take the topic's replication factor (that of partition 0), are placed over the usable
 * brokers like a new topic's, and start with every replica in the ISR and the first as leader.
 */
import type { CreatePartitionsTopic } from '../../protocol/kafka.ts'
import type { Random } from '../../net/random.ts'
import type { ClusterMetadata } from '../metadata/cluster-metadata.ts'
import type { MetadataRecord } from '../metadata/metadata-records.ts'
import { placeReplicas } from './replica-placer.ts'
import type { ControlResult } from './replication-control.ts'

export function createPartitionsRecords(
  metadata: ClusterMetadata,
  request: CreatePartitionsTopic,
  random: Random,
): ControlResult {
  const topic = metadata.topic(request.name)
  if (!topic) {
    return {
      ok: false,
      error: 'UNKNOWN_TOPIC_OR_PARTITION',
      message: 'This server does not host this topic-partition.',
    }
  }
  const existing = topic.partitions.size
  if (request.count === existing) {
    return { ok: false, error: 'INVALID_PARTITIONS', message: `Topic already has ${existing} partition(s).` }
  }
  if (request.count < existing) {
    return {
      ok: false,
      error: 'INVALID_PARTITIONS',
      message:
        `The topic ${request.name} currently has ${existing} partition(s); ` +
        `${request.count} would not be an increase.`,
    }
  }
  const replicationFactor = topic.partitions.get(0)?.replicas.length ?? 1
  const usable = metadata.usableBrokers()
  if (replicationFactor > usable.length) {
    return {
      ok: false,
      error: 'INVALID_REPLICATION_FACTOR',
      message:
        `Unable to replicate the partition ${replicationFactor} time(s): The target replication factor of ` +
        `${replicationFactor} cannot be reached because only ${usable.length} broker(s) are registered.`,
    }
  }
  const assignment = placeReplicas(usable, request.count - existing, replicationFactor, random)
  const records = assignment.map((replicas, i): MetadataRecord => ({
    type: 'PartitionRecord',
    topicId: topic.topicId,
    partitionId: existing + i,
    replicas,
    isr: [...replicas],
    leader: replicas[0] ?? -1,
    leaderEpoch: 0,
    partitionEpoch: 0,
  }))
  return { ok: true, records }
}
