// A follower learns of a commit at once, not after fetch.max.wait.ms: its Fetch carries the high watermark
// it knows (FetchRequest v18's HighWatermark, KAFKA-14145) and the leader answers at once while its own is
// ahead, instead of holding the request until new records come or the wait (500 ms) ends.
import { describe, expect, it } from 'vitest'
import { QUORUM_DEFAULTS } from '../../../../workers/kafka/raft/quorum-config.ts'
import { RaftCluster } from './raft-cluster.ts'

describe('KafkaRaftClient high watermark propagation', () => {
  it.each([1, 2, 3, 4, 5])(
    'delivers a commit to every voter within a few latencies (seed %i)',
    async (seed) => {
      const cluster = new RaftCluster(seed, [1, 2, 3])
      await cluster.startAll()
      const leader = await cluster.awaitLeader()
      await cluster.run(2000)
      const appended = cluster.queue.now()
      await cluster.settle(leader.client.append([{ k: 'x' }]))
      const learned = new Map<number, number>()
      while (learned.size < 3 && cluster.queue.now() < appended + 2 * QUORUM_DEFAULTS.fetchMaxWaitMs) {
        for (const node of cluster.nodes.values()) {
          const got = node.delivered.some((batch) => batch.records.some((r) => r.k === 'x'))
          if (got && !learned.has(node.id)) learned.set(node.id, cluster.queue.now() - appended)
        }
        await cluster.run(1)
      }
      // Append, replicate and commit take one fetch round (up to 2 × 5 ms); telling a follower takes one more.
      expect([...learned.keys()].sort()).toEqual([1, 2, 3])
      for (const ms of learned.values()) expect(ms).toBeLessThanOrEqual(25)
    },
  )
})
