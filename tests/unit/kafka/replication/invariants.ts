// The replication invariants, checked after every simulated task: leader ∈ ISR ⊆ replicas and the ISR
// never empty (the controller's registration and the leader's own view), leader epochs only grow on every
// broker, the leader's HW at or below every ISR member's log end offset, and ISR members holding
// byte-identical batches below the HW (from the first batch at or past the leader's log start offset). Plain checks (not expect) keep a check to microseconds.
import { Buffer } from 'node:buffer'
import { NO_LEADER } from '../../../../workers/kafka/replication/partition.ts'
import { batchHeaders } from '../../../../workers/kafka/log/batch-headers.ts'
import type { SimCluster } from './sim-cluster.ts'

function holds(condition: boolean, message: () => string): void {
  if (!condition) throw new Error(`invariant violated: ${message()}`)
}

/** The batches from the first one whose base offset is at or past `offset`. */
function fromOffset(batches: Uint8Array, offset: number): Uint8Array {
  const first = batchHeaders(batches).find((header) => header.baseOffset >= offset)
  return batches.subarray(first?.at ?? batches.length)
}

export function installInvariants(cluster: SimCluster): void {
  const epochs = new Map<number, number>()
  let controllerEpoch = -1
  let compared = ''
  cluster.check = () => {
    const reg = cluster.registration
    const at = (): string => `at ${cluster.queue.now()}: ${JSON.stringify(reg)}`
    holds(reg.isr.length > 0, () => `empty ISR ${at()}`)
    holds(
      reg.isr.every((id) => reg.replicas.includes(id)),
      () => `ISR not within replicas ${at()}`,
    )
    holds(reg.leader === NO_LEADER || reg.isr.includes(reg.leader), () => `leader outside the ISR ${at()}`)
    holds(reg.leaderEpoch >= controllerEpoch, () => `controller leader epoch went back ${at()}`)
    controllerEpoch = reg.leaderEpoch
    for (const id of cluster.liveIds) {
      const partition = cluster.partitionOn(id)
      if (!partition) continue
      const previous = epochs.get(id) ?? -1
      holds(partition.leaderEpoch >= previous, () => `broker ${id} leader epoch went back ${at()}`)
      epochs.set(id, partition.leaderEpoch)
    }
    const leader = cluster.partitionOn(reg.leader)
    if (!leader?.isLeader) return
    holds(leader.isr.includes(reg.leader), () => `leader outside its own ISR ${leader.isr.join(',')} ${at()}`)
    const hw = leader.log.highWatermark
    for (const id of leader.isr) {
      const leo = cluster.logOf(id).logEndOffset
      holds(leo >= hw, () => `ISR member ${id} has LEO ${leo} below the HW ${hw} ${at()}`)
    }
    const key = `${reg.leader}/${hw}/${leader.isr.join(',')}`
    if (key === compared) return
    compared = key
    // Below the log start offset (DeleteRecords) a follower may have started over empty.
    const start = leader.log.logStartOffset
    const bytes = Buffer.from(fromOffset(leader.log.read(start, 1 << 24, hw), start))
    for (const id of leader.isr) {
      const other = Buffer.from(fromOffset(cluster.logOf(id).read(start, 1 << 24, hw), start))
      holds(bytes.equals(other), () => `ISR member ${id} differs from the leader below the HW ${hw} ${at()}`)
    }
  }
}
