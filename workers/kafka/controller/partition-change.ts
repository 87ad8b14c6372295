/**
 * How the controller changes a partition's leader, ISR and replicas, as KRaft's PartitionChangeBuilder does
 * (eligible leader replicas disabled, as in a default Kafka 4.1 cluster):
 * - the replicas are the current ones, or the target of a reassignment being started, changed or cancelled;
 *   an ongoing reassignment completes as soon as the target ISR allows it (completeReassignment in
 *   partition-reassignment.ts): the replicas become the target and the removing replicas leave the ISR;
 * - the current leader stays while it is in the target ISR and usable, unless a preferred election
 *   asks for the first replica;
 * - otherwise the first replica, in replica order, that is in the target ISR and usable leads;
 * - with none, an unclean election (unclean.leader.election.enable) picks the first usable replica and
 *   the ISR becomes just that replica; without it the partition has no leader;
 * - the ISR never becomes empty: when the last ISR member goes away it stays in the ISR (the partition
 *   shows `Leader: none` and that replica in its ISR until it returns).
 * Returns the PartitionChangeRecord to write (only the fields that change), or null when nothing changes.
 */
import type { PartitionRegistration } from '../metadata/cluster-metadata.ts'
import { NO_LEADER, type MetadataRecord } from '../metadata/metadata-records.ts'
import { completeReassignment, type ReassignmentReplicas } from './partition-reassignment.ts'

export type ElectionType = 'none' | 'preferred' | 'unclean'

export interface PartitionChange {
  topicId: string
  partitionId: number
  current: PartitionRegistration
  targetIsr: readonly number[]
  isUsable: (brokerId: number) => boolean
  election: ElectionType
  /** New replica lists (a reassignment started, changed or cancelled); the current ones when absent. */
  targetReplicas?: ReassignmentReplicas
}

const sameList = (a: readonly number[], b: readonly number[]): boolean =>
  a.length === b.length && a.every((id, i) => id === b[i])

export function buildPartitionChange(
  change: PartitionChange,
): Extract<MetadataRecord, { type: 'PartitionChangeRecord' }> | null {
  const { current, isUsable } = change
  let assignment = change.targetReplicas ?? {
    replicas: current.replicas,
    adding: current.addingReplicas,
    removing: current.removingReplicas,
  }
  let isr = change.targetIsr.filter((id) => assignment.replicas.includes(id))
  if (isr.length === 0) {
    const kept = current.isr.filter((id) => assignment.replicas.includes(id))
    isr = kept.length > 0 ? [kept[kept.length - 1]!] : []
  }
  const completed = completeReassignment(assignment, isr)
  if (completed) ({ assignment, isr } = completed)
  const { replicas } = assignment
  const inIsr = (id: number): boolean => isr.includes(id) && isUsable(id)
  let leader = current.leader
  const preferred = replicas[0]
  if (change.election === 'preferred' && preferred !== undefined && inIsr(preferred)) {
    leader = preferred
  } else if (leader === NO_LEADER || !inIsr(leader)) {
    leader = replicas.find(inIsr) ?? NO_LEADER
    if (leader === NO_LEADER && change.election === 'unclean') {
      const alive = replicas.find(isUsable)
      if (alive !== undefined) {
        leader = alive
        isr = [alive]
      }
    }
  }
  const isrChanged = !sameList(isr, current.isr)
  const replicasChanged = !sameList(replicas, current.replicas)
  const addingChanged = !sameList(assignment.adding, current.addingReplicas)
  const removingChanged = !sameList(assignment.removing, current.removingReplicas)
  if (leader === current.leader && !isrChanged && !replicasChanged && !addingChanged && !removingChanged) {
    return null
  }
  return {
    type: 'PartitionChangeRecord',
    topicId: change.topicId,
    partitionId: change.partitionId,
    ...(isrChanged ? { isr } : {}),
    ...(leader !== current.leader ? { leader } : {}),
    ...(replicasChanged ? { replicas } : {}),
    ...(removingChanged ? { removingReplicas: assignment.removing } : {}),
    ...(addingChanged ? { addingReplicas: assignment.adding } : {}),
  }
}

/**
 * The record for an AlterPartition the controller accepted: the leader's new ISR, which also completes a
 * reassignment it makes complete. Written even when nothing else changes, so the partition epoch moves.
 */
export function isrChangeRecord(
  change: Omit<PartitionChange, 'election' | 'targetReplicas'>,
): Extract<MetadataRecord, { type: 'PartitionChangeRecord' }> {
  return (
    buildPartitionChange({ ...change, election: 'none' }) ?? {
      type: 'PartitionChangeRecord',
      topicId: change.topicId,
      partitionId: change.partitionId,
      isr: [...change.targetIsr],
    }
  )
}
