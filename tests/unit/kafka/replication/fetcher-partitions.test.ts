// A follower broker's fetcher takes every partition of one leadership change at once, as Kafka's
// ReplicaFetcherManager.addFetcherForPartitions hands a fetcher thread all of its new partitions: the first
// request names all of them. (A partition left out of a request the leader holds waits for the next one,
// up to replica.fetch.wait.max.ms later, and so does every acks=all produce to it.)
import { beforeAll, describe, expect, it } from 'vitest'
import type { LogEngine } from '../../../../engine-wasm/src/log/index.ts'
import { LogManager } from '../../../../workers/kafka/log/log-manager.ts'
import type { ReplicaFetchRequest } from '../../../../workers/kafka/replication/replica-messages.ts'
import {
  ReplicaManager,
  type LeadershipChange,
} from '../../../../workers/kafka/replication/replica-manager.ts'
import { REPLICATION_DEFAULTS } from '../../../../workers/kafka/replication/replication-config.ts'
import { DeterministicTaskQueue } from '../../../../workers/net/deterministic-task-queue.ts'
import { MemoryStorage } from '../../../../workers/storage/memory-storage.ts'
import { loadLogEngine } from '../kafka-fixtures.ts'

const TOPIC_ID = 'AAAAAAAAAAAAAAAAAAAAAQ'

let engine: LogEngine
beforeAll(async () => {
  engine = await loadLogEngine()
})

function follows(partition: number, leader: number): LeadershipChange {
  return {
    leader,
    leaderEpoch: 0,
    partitionEpoch: 0,
    replicas: [leader, 1],
    isr: [leader, 1],
    topicId: TOPIC_ID,
    topicName: 'orders',
    partition,
    logConfig: { segmentBytes: 1 << 20 },
    minInsyncReplicas: 1,
    maxMessageBytes: 1 << 20,
  }
}

describe('ReplicaManager.applyLeadership', () => {
  it('starts one fetcher per leader whose first request names every partition it follows there', () => {
    const storage = new MemoryStorage()
    const sent: Array<{ to: number; request: ReplicaFetchRequest }> = []
    const manager = new ReplicaManager({
      brokerId: 1,
      scheduler: new DeterministicTaskQueue(),
      config: REPLICATION_DEFAULTS,
      logManager: new LogManager(engine, storage),
      storage,
      isReplicaIsrEligible: () => true,
      alterPartition: () => new Promise(() => undefined),
      // The leaders hold every fetch (nothing to read yet).
      sendReplicaFetch: (to, request) => {
        sent.push({ to, request })
        return new Promise(() => undefined)
      },
    })
    manager.applyLeadership([follows(0, 2), follows(1, 3), follows(2, 2), follows(3, 3), follows(4, 2)])
    expect(sent.map(({ to, request }) => [to, request.partitions.map((p) => p.partition)])).toEqual([
      [2, [0, 2, 4]],
      [3, [1, 3]],
    ])
  })
})
