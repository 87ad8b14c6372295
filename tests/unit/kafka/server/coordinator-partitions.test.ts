// CoordinatorPartitions after a metadata change: newly led partitions load, partitions no longer led unload,
// and a partition led again at a newer epoch (lost and regained within one change) is loaded again at that epoch
// for the transaction coordinator (TransactionStateManager) or keeps its state with the new epoch for the group
// coordinator (CoordinatorRuntime.scheduleLoadOperation on an active coordinator).
import { describe, expect, it } from 'vitest'
import type { LogEngine } from '../../../../engine-wasm/src/log/index.ts'
import type { Scheduler } from '../../../../workers/net/scheduler.ts'
import type { ClusterMetadata } from '../../../../workers/kafka/metadata/cluster-metadata.ts'
import type { ReplicaManager } from '../../../../workers/kafka/replication/replica-manager.ts'
import { CoordinatorPartitions } from '../../../../workers/kafka/server/coordinator-partitions.ts'

const TOPIC_ID = 'txn-topic-id'

interface Led {
  partition: number
  leaderEpoch: number
}

function partitionsWith(newerEpoch: 'reload' | 'keep') {
  let led: Led[] = []
  const calls: string[] = []
  const replicaManager = {
    allPartitions: () => led.map((p) => ({ ...p, topicId: TOPIC_ID, isLeader: true })),
    getPartition: () => undefined,
  } as unknown as ReplicaManager
  const metadata = {
    topicIdsByName: new Map([['__transaction_state', TOPIC_ID]]),
  } as unknown as ClusterMetadata
  const partitions: CoordinatorPartitions = new CoordinatorPartitions({
    topic: '__transaction_state',
    metadata,
    replicaManager,
    engine: {} as LogEngine,
    scheduler: {} as Scheduler,
    load: (partition) => calls.push(`load ${partition}@${partitions.epochOf(partition)}`),
    unload: () => calls.push('unload'),
    newerEpoch,
  })
  return {
    partitions,
    calls,
    lead(next: Led[]) {
      led = next
      partitions.onLeadershipChange()
    },
  }
}

describe('CoordinatorPartitions.onLeadershipChange', () => {
  it('loads newly led partitions and unloads the ones no longer led', () => {
    const { partitions, calls, lead } = partitionsWith('reload')
    lead([{ partition: 3, leaderEpoch: 5 }])
    lead([{ partition: 3, leaderEpoch: 5 }])
    lead([])
    expect(calls).toEqual(['load 3@5', 'unload'])
    expect(partitions.epochOf(3)).toBeNull()
  })

  it('loads a partition led again at a newer epoch once more, at that epoch (transactions)', () => {
    const { partitions, calls, lead } = partitionsWith('reload')
    lead([
      { partition: 3, leaderEpoch: 5 },
      { partition: 4, leaderEpoch: 1 },
    ])
    lead([
      { partition: 3, leaderEpoch: 7 },
      { partition: 4, leaderEpoch: 1 },
    ])
    expect(calls).toEqual(['load 3@5', 'load 4@1', 'unload', 'load 3@7'])
    expect([partitions.epochOf(3), partitions.epochOf(4)]).toEqual([7, 1])
  })

  it('keeps the state of a partition led again at a newer epoch and takes the epoch (groups)', () => {
    const { partitions, calls, lead } = partitionsWith('keep')
    lead([{ partition: 3, leaderEpoch: 5 }])
    lead([{ partition: 3, leaderEpoch: 7 }])
    expect(calls).toEqual(['load 3@5'])
    expect(partitions.epochOf(3)).toBe(7)
  })
})
