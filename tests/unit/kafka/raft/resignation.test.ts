/**
 * A voter that restarts as the leader of its stored epoch starts resigned and sends EndQuorumEpoch to the
 * other voters (QuorumState.initialize, KafkaRaftClient.pollResigned); a follower of that leader then
 * campaigns after endEpochElectionBackoff (at once when no successor is preferred) instead of waiting
 * for its fetch timeout, so a whole quorum restarted together elects its next leader within a few
 * network latencies rather than after controller.quorum.fetch.timeout.ms.
 */
import { describe, expect, it } from 'vitest'
import { endEpochElectionBackoffMs, QUORUM_DEFAULTS } from '../../../../workers/kafka/raft/quorum-config.ts'
import { RaftCluster } from './raft-cluster.ts'

describe('endEpochElectionBackoffMs (strictExponentialElectionBackoffMs, election.backoff.max.ms 1000)', () => {
  const max = QUORUM_DEFAULTS.electionBackoffMaxMs
  it.each([
    [[], 0],
    [[1, 2], 0],
    [[2, 1], 500],
    [[2, 1, 3, 4], 125],
    [[2, 3, 1, 4], 250],
    [[2, 3, 4, 1], 500],
    [[2, 3], 1000],
  ])('successors %j: node 1 waits %i ms', (successors, expected) => {
    expect(endEpochElectionBackoffMs(max, 1, successors)).toBe(expected)
  })
})

describe('KafkaRaftClient restarting as the stored leader', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`a quorum restarted together elects a new leader in the next epoch within 100 ms (seed ${seed})`, async () => {
      const cluster = new RaftCluster(seed, [1, 2, 3])
      await cluster.startAll()
      const first = await cluster.awaitLeader()
      const { epoch } = first.client.leaderAndEpoch()
      expect(await cluster.settle(first.client.append([{ k: 'a' }]))).toBe(1)
      await cluster.run(100)
      for (const id of [1, 2, 3]) cluster.stop(id)
      await cluster.run(10)
      const restartedAt = cluster.queue.now()
      await cluster.startAll()
      const second = await cluster.awaitLeader()
      expect(cluster.queue.now() - restartedAt).toBeLessThan(100)
      expect(second.id).not.toBe(first.id)
      expect(second.client.leaderAndEpoch().epoch).toBe(epoch + 1)
      await cluster.run(100)
      for (const node of cluster.nodes.values()) {
        expect(node.client.leaderAndEpoch()).toEqual({ leaderId: second.id, epoch: epoch + 1 })
        expect(node.delivered.flatMap((b) => b.records)).toEqual([{ k: 'a' }])
      }
    })
  }

  it('the voters that moved on fence its EndQuorumEpoch, and it follows their leader', async () => {
    const cluster = new RaftCluster(8, [1, 2, 3])
    await cluster.startAll()
    const first = await cluster.awaitLeader()
    cluster.stop(first.id)
    const second = await cluster.awaitLeader()
    await cluster.run(100)
    await cluster.start(first.id)
    await cluster.run(100)
    expect(first.client.leaderAndEpoch()).toEqual(second.client.leaderAndEpoch())
    expect(first.client.role()).toBe('follower')
    expect(second.client.role()).toBe('leader')
  })

  it('a follower whose leader did not restart keeps it: no election without EndQuorumEpoch', async () => {
    const cluster = new RaftCluster(9, [1, 2, 3])
    await cluster.startAll()
    const leader = await cluster.awaitLeader()
    const { epoch } = leader.client.leaderAndEpoch()
    const follower = [...cluster.nodes.values()].find((n) => n.id !== leader.id)!
    cluster.stop(follower.id)
    await cluster.start(follower.id)
    await cluster.run(3000)
    expect(follower.client.leaderAndEpoch()).toEqual({ leaderId: leader.id, epoch })
  })
})
