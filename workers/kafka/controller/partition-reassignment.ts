/**
 * Partition reassignment as KRaft's controller runs it (ReplicationControlManager.alterPartitionReassignments,
 * PartitionReassignmentReplicas, PartitionReassignmentRevert; KIP-455):
 * - starting: the replicas become the target followed by the current replicas not in the target, with
 *   addingReplicas = target − current and removingReplicas = current − target (`current` being the replicas
 *   as they stand, the adding ones of an earlier reassignment included);
 * - completing (in every partition change, see partition-change.ts): once the ISR without the removing
 *   replicas is non-empty and holds every target replica, the replicas become the target, the removing
 *   replicas leave the ISR and both lists empty; a leader outside the target is replaced by the first target
 *   replica in the ISR. A reassignment that only removes replicas completes at once;
 * - cancelling: the adding replicas leave the replicas and the ISR (the order left is the in-progress one);
 *   an ISR left empty would need an unclean election, refused unless the topic allows one.
 * Target lists are checked as validateManualPartitionAssignment does: not empty, every broker registered
 * (checked in ascending order), none twice.
 */
import type {
  OngoingReassignment,
  ReassignablePartition,
  ReassignablePartitionResult,
} from '../../protocol/kafka.ts'
import type { KafkaErrorName } from '../../protocol/kafka-errors.ts'
import type { ClusterMetadata, PartitionRegistration } from '../metadata/cluster-metadata.ts'
import type { MetadataRecord } from '../metadata/metadata-records.ts'
import { buildPartitionChange } from './partition-change.ts'

/** A partition's replica lists while (or without) a reassignment runs. */
export interface ReassignmentReplicas {
  replicas: number[]
  adding: number[]
  removing: number[]
}

export type ReassignmentOutcome =
  | { ok: true; record: Extract<MetadataRecord, { type: 'PartitionChangeRecord' }> | null }
  | { ok: false; error: KafkaErrorName; message: string }

/** PartitionReassignmentReplicas(current, target). */
export function reassignmentReplicas(
  current: readonly number[],
  target: readonly number[],
): ReassignmentReplicas {
  const removing = current.filter((id) => !target.includes(id))
  return {
    replicas: [...target, ...removing],
    adding: target.filter((id) => !current.includes(id)),
    removing,
  }
}

export function isReassigning(partition: { addingReplicas: number[]; removingReplicas: number[] }): boolean {
  return partition.addingReplicas.length > 0 || partition.removingReplicas.length > 0
}

/** PartitionReassignmentReplicas.maybeCompleteReassignment: the final replicas and ISR, or null. */
export function completeReassignment(
  assignment: ReassignmentReplicas,
  isr: readonly number[],
): { assignment: ReassignmentReplicas; isr: number[] } | null {
  if (assignment.adding.length === 0 && assignment.removing.length === 0) return null
  const finalIsr = isr.filter((id) => !assignment.removing.includes(id))
  if (finalIsr.length === 0) return null
  const target = assignment.replicas.filter((id) => !assignment.removing.includes(id))
  if (!target.every((id) => finalIsr.includes(id))) return null
  return { assignment: { replicas: target, adding: [], removing: [] }, isr: finalIsr }
}

/**
 * validateManualPartitionAssignment: the InvalidReplicaAssignmentException message, or null. With
 * `replicationFactor` (the replica count of the partitions before it), a different count is refused too.
 */
export function invalidAssignment(
  isRegistered: (brokerId: number) => boolean,
  replicas: readonly number[],
  replicationFactor?: number,
): string | null {
  if (replicas.length === 0) return 'The manual partition assignment includes an empty replica list.'
  const sorted = [...replicas].sort((a, b) => a - b)
  for (let i = 0; i < sorted.length; i++) {
    const id = sorted[i]!
    if (!isRegistered(id)) {
      return `The manual partition assignment includes broker ${id}, but no such broker is registered.`
    }
    if (i > 0 && sorted[i - 1] === id) {
      return `The manual partition assignment includes the broker ${id} more than once.`
    }
  }
  if (replicationFactor !== undefined && sorted.length !== replicationFactor) {
    return (
      `The manual partition assignment includes a partition with ${sorted.length} replica(s), but this is not ` +
      `consistent with previous partitions, which have ${replicationFactor} replica(s).`
    )
  }
  return null
}

/** ReplicationControlManager.alterPartitionReassignment for one partition. */
export function alterPartitionReassignment(
  metadata: ClusterMetadata,
  target: ReassignablePartition,
  uncleanAllowed: boolean,
): ReassignmentOutcome {
  const topic = metadata.topic(target.topic)
  if (!topic) {
    return {
      ok: false,
      error: 'UNKNOWN_TOPIC_OR_PARTITION',
      message: `Unable to find a topic named ${target.topic}.`,
    }
  }
  const current = topic.partitions.get(target.partition)
  if (!current) {
    return {
      ok: false,
      error: 'UNKNOWN_TOPIC_OR_PARTITION',
      message: `Unable to find partition ${target.topic}:${target.partition}.`,
    }
  }
  const isUsable = (id: number): boolean => metadata.isUnfenced(id)
  const base = { topicId: topic.topicId, partitionId: target.partition, current, isUsable }
  if (target.replicas === null) {
    if (!isReassigning(current)) {
      return {
        ok: false,
        error: 'NO_REASSIGNMENT_IN_PROGRESS',
        message: 'No partition reassignment is in progress.',
      }
    }
    const revert = revertReassignment(current)
    if (revert.isr.length === 0 && !uncleanAllowed) {
      return {
        ok: false,
        error: 'INVALID_REPLICA_ASSIGNMENT',
        message: `Unable to revert partition assignment for ${target.topic}:${target.partition} because it would require an unclean leader election.`,
      }
    }
    const election = revert.isr.length === 0 ? 'unclean' : 'none'
    return {
      ok: true,
      record: buildPartitionChange({
        ...base,
        targetIsr: revert.isr,
        election,
        targetReplicas: revert.assignment,
      }),
    }
  }
  const invalid = invalidAssignment((id) => metadata.brokers.has(id), target.replicas)
  if (invalid !== null) return { ok: false, error: 'INVALID_REPLICA_ASSIGNMENT', message: invalid }
  const targetReplicas = reassignmentReplicas(current.replicas, target.replicas)
  return {
    ok: true,
    record: buildPartitionChange({ ...base, targetIsr: current.isr, election: 'none', targetReplicas }),
  }
}

/** PartitionReassignmentRevert: the replicas and ISR without the adding replicas. */
function revertReassignment(current: PartitionRegistration): {
  assignment: ReassignmentReplicas
  isr: number[]
} {
  const kept = (id: number): boolean => !current.addingReplicas.includes(id)
  return {
    assignment: { replicas: current.replicas.filter(kept), adding: [], removing: [] },
    isr: current.isr.filter(kept),
  }
}

/** ListPartitionReassignments: the ongoing reassignments of the partitions asked (all when null). */
export function listPartitionReassignments(
  metadata: ClusterMetadata,
  partitions: ReadonlyArray<{ topic: string; partition: number }> | null,
): OngoingReassignment[] {
  const asked =
    partitions ??
    [...metadata.topicsById.values()].flatMap((topic) =>
      [...topic.partitions.keys()].map((partition) => ({ topic: topic.name, partition })),
    )
  return asked.flatMap(({ topic, partition }) => {
    const current = metadata.topic(topic)?.partitions.get(partition)
    if (!current || !isReassigning(current)) return []
    return [
      {
        topic,
        partition,
        replicas: [...current.replicas],
        addingReplicas: [...current.addingReplicas],
        removingReplicas: [...current.removingReplicas],
      },
    ]
  })
}

/** AlterPartitionReassignments: one result per partition, in order, and the records of the accepted ones. */
export function alterPartitionReassignmentsRecords(
  metadata: ClusterMetadata,
  partitions: readonly ReassignablePartition[],
  uncleanAllowed: (topic: string) => boolean,
): { records: MetadataRecord[]; results: ReassignablePartitionResult[] } {
  const records: MetadataRecord[] = []
  const results = partitions.map(({ topic, partition, replicas }): ReassignablePartitionResult => {
    const outcome = alterPartitionReassignment(
      metadata,
      { topic, partition, replicas },
      uncleanAllowed(topic),
    )
    if (!outcome.ok) return { topic, partition, error: outcome.error, message: outcome.message }
    if (outcome.record) records.push(outcome.record)
    return { topic, partition, error: null, message: null }
  })
  return { records, results }
}
