// A broker that shut down (fenced in the metadata) no longer counts for the partitions it followed, as
// Partition.isReplicaIsrEligible in Kafka 4.x: the leader's high watermark does not wait for it while it is
// outside the ISR, though it fetched within replica.lag.time.max.ms (maybeIncrementLeaderHW's
// shouldWaitForReplicaToJoinIsr), and it cannot join the ISR by catching up (canAddReplicaToIsr). This is
// what let acks=-1 group writes to a __consumer_offsets partition whose leader did not change hang after
// broker 3's controlled shutdown in the acks lesson.
import { beforeAll, describe, expect, it } from 'vitest'
import type { LogEngine } from '../../../../engine-wasm/src/log/index.ts'
import { LogManager } from '../../../../workers/kafka/log/log-manager.ts'
import { Partition, type PartitionRegistration } from '../../../../workers/kafka/replication/partition.ts'
import { REPLICATION_DEFAULTS } from '../../../../workers/kafka/replication/replication-config.ts'
import { DeterministicTaskQueue } from '../../../../workers/net/deterministic-task-queue.ts'
import { MemoryStorage } from '../../../../workers/storage/memory-storage.ts'
import { loadLogEngine, record } from '../kafka-fixtures.ts'

let engine: LogEngine
beforeAll(async () => {
  engine = await loadLogEngine()
})

interface Leader {
  partition: Partition
  /** Brokers the metadata has registered and unfenced (the local broker 1 aside). */
  unfenced: Set<number>
  alterCalls: number[][]
  append(value: string): void
  fetch(replicaId: number): void
}

function leaderOnBroker1(isr: number[]): Leader {
  const clock = new DeterministicTaskQueue()
  const log = new LogManager(engine, new MemoryStorage()).createLog('T', 0, { segmentBytes: 1 << 20 })
  const unfenced = new Set([2, 3])
  const alterCalls: number[][] = []
  const partition = new Partition('T', 'orders', 0, 1, log, {
    clock,
    replicaLagTimeMaxMs: REPLICATION_DEFAULTS.replicaLagTimeMaxMs,
    isReplicaIsrEligible: (id) => unfenced.has(id),
    alterPartition: (_topicId, _partition, newIsr) => {
      alterCalls.push(newIsr)
      return new Promise(() => undefined)
    },
    onIsrChange: () => undefined,
  })
  partition.makeLeader({ leader: 1, leaderEpoch: 0, partitionEpoch: 0, replicas: [1, 2, 3], isr })
  return {
    partition,
    unfenced,
    alterCalls,
    append: (value) => void partition.appendRecordsToLeader(engine.encodeBatch([record(value)]), -1),
    fetch: (replicaId) =>
      void partition.fetchRecords(
        {
          replicaId,
          fetchOffset: log.logEndOffset,
          maxBytes: 1 << 20,
          currentLeaderEpoch: 0,
          lastFetchedEpoch: -1,
          logStartOffset: 0,
        },
        true,
      ),
  }
}

const shrunk = (isr: number[]): PartitionRegistration => ({
  leader: 1,
  leaderEpoch: 0,
  partitionEpoch: 1,
  replicas: [1, 2, 3],
  isr,
})

describe('a fenced follower and the leader it followed', () => {
  it('the HW stops waiting for a follower fenced out of the ISR, though it fetched a moment ago', () => {
    const leader = leaderOnBroker1([1, 2, 3])
    leader.append('order-1')
    leader.fetch(2)
    leader.fetch(3)
    expect(leader.partition.log.highWatermark).toBe(1)
    // Broker 3's controlled shutdown: fenced, out of the ISR; the leader and its epoch stay.
    leader.unfenced.delete(3)
    leader.partition.makeLeader(shrunk([1, 2]))
    leader.append('order-2')
    leader.fetch(2)
    expect(leader.partition.log.highWatermark).toBe(2)
  })

  it('with the ISR down to the leader alone, an acks=-1 append is committed at once', () => {
    const leader = leaderOnBroker1([1, 2, 3])
    leader.append('order-1')
    leader.fetch(2)
    leader.fetch(3)
    leader.unfenced.clear()
    leader.partition.makeLeader(shrunk([1]))
    leader.append('order-2')
    expect(leader.partition.log.highWatermark).toBe(2)
    expect(leader.partition.checkEnoughReplicasReachOffset(2)).toEqual({ done: true, error: null })
  })

  it('an unfenced follower that is caught up outside the ISR still holds the HW back', () => {
    const leader = leaderOnBroker1([1, 2, 3])
    leader.append('order-1')
    leader.fetch(2)
    leader.fetch(3)
    leader.partition.makeLeader(shrunk([1, 2]))
    leader.append('order-2')
    leader.fetch(2)
    expect(leader.partition.log.highWatermark).toBe(1)
  })

  it('a fenced follower that caught up does not join the ISR until it is unfenced', () => {
    const leader = leaderOnBroker1([1, 2])
    leader.unfenced.delete(3)
    leader.append('order-1')
    leader.fetch(2)
    leader.fetch(3)
    leader.fetch(3)
    expect(leader.alterCalls).toEqual([])
    leader.unfenced.add(3)
    leader.fetch(3)
    expect(leader.alterCalls).toEqual([[1, 2, 3]])
  })
})
