/**
 * How the controller changes a partition's leader and ISR, as KRaft's PartitionChangeBuilder does
 * (eligible leader replicas disabled, as in a default Kafka 4.1 cluster):
 * - the current leader stays while it is in the target ISR and usable, unless a preferred election
 *   asks for the first replica;
 * - otherwise the first replica, in replica order, that is in the target ISR and usable leads;
 * - with none, an unclean election (unclean.leader.election.enable) picks the first usable replica and
 *   the ISR becomes just that replica; without it the partition has no leader;
 * - the ISR never becomes empty: when the last ISR member goes away it stays in the ISR (the partition
 *   shows `Leader: none` and that replica in its ISR until it returns).
 * Returns the PartitionChangeRecord to write, or null when nothing changes.
 */
import type { PartitionRegistration } from '../metadata/cluster-metadata.ts'
import { NO_LEADER, type MetadataRecord } from '../metadata/metadata-records.ts'

export type ElectionType = 'none' | 'preferred' | 'unclean'

export interface PartitionChange {
  topicId: string
  partitionId: number
  current: PartitionRegistration
  targetIsr: readonly number[]
  isUsable: (brokerId: number) => boolean
  election: ElectionType
}

export function buildPartitionChange(
  change: PartitionChange,
): Extract<MetadataRecord, { type: 'PartitionChangeRecord' }> | null {
  const { current, isUsable } = change
  let isr = change.targetIsr.filter((id) => current.replicas.includes(id))
  if (isr.length === 0) isr = current.isr.length > 0 ? [current.isr[current.isr.length - 1]!] : []
  const inIsr = (id: number): boolean => isr.includes(id) && isUsable(id)
  let leader = current.leader
  const preferred = current.replicas[0]
  if (change.election === 'preferred' && preferred !== undefined && inIsr(preferred)) {
    leader = preferred
  } else if (leader === NO_LEADER || !inIsr(leader)) {
    leader = current.replicas.find(inIsr) ?? NO_LEADER
    if (leader === NO_LEADER && change.election === 'unclean') {
      const alive = current.replicas.find(isUsable)
      if (alive !== undefined) {
        leader = alive
        isr = [alive]
      }
    }
  }
  const isrChanged = isr.length !== current.isr.length || isr.some((id, i) => id !== current.isr[i])
  if (leader === current.leader && !isrChanged) return null
  return {
    type: 'PartitionChangeRecord',
    topicId: change.topicId,
    partitionId: change.partitionId,
    ...(isrChanged ? { isr } : {}),
    ...(leader !== current.leader ? { leader } : {}),
  }
}
