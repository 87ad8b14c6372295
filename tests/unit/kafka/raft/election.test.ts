import { describe, expect, it } from 'vitest'
import { NotLeaderError } from '../../../../workers/kafka/raft/errors.ts'
import { RaftCluster } from './raft-cluster.ts'

describe('KafkaRaftClient elections', () => {
  for (const voters of [
    [1, 2, 3],
    [1, 2, 3, 4, 5],
  ]) {
    it(`elects exactly one leader among ${voters.length} voters, whom every member follows`, async () => {
      const cluster = new RaftCluster(7, voters)
      await cluster.startAll()
      const leader = await cluster.awaitLeader()
      await cluster.run(3000)
      expect(cluster.leaders().map((n) => n.id)).toEqual([leader.id])
      const { epoch } = leader.client.leaderAndEpoch()
      expect(epoch).toBe(1)
      for (const node of cluster.nodes.values()) {
        expect(node.client.leaderAndEpoch()).toEqual({ leaderId: leader.id, epoch })
        expect(node.client.role()).toBe(node.id === leader.id ? 'leader' : 'follower')
        // The LeaderChange control record at offset 0 is committed everywhere.
        expect(node.client.highWatermark()).toBe(1)
        expect(node.client.batchAt(0)).toMatchObject({
          kind: 'control',
          epoch: 1,
          leaderChange: { leaderId: leader.id },
        })
      }
    })
  }

  it('re-elects after the leader stops, in a higher epoch, and the old leader rejoins as follower', async () => {
    const cluster = new RaftCluster(11, [1, 2, 3])
    await cluster.startAll()
    const first = await cluster.awaitLeader()
    const firstEpoch = first.client.leaderAndEpoch().epoch
    expect(await cluster.settle(first.client.append([{ k: 'a' }]))).toBe(1)
    cluster.stop(first.id)
    const second = await cluster.awaitLeader()
    expect(second.id).not.toBe(first.id)
    expect(second.client.leaderAndEpoch().epoch).toBeGreaterThan(firstEpoch)
    await cluster.start(first.id)
    await cluster.run(5000)
    expect(first.client.leaderAndEpoch()).toEqual(second.client.leaderAndEpoch())
    expect(first.client.role()).toBe('follower')
    expect(first.delivered.flatMap((b) => b.records)).toEqual([{ k: 'a' }])
  })

  it('rejects an append on a follower with NotLeaderError naming the leader', async () => {
    const cluster = new RaftCluster(3, [1, 2, 3])
    await cluster.startAll()
    const leader = await cluster.awaitLeader()
    await cluster.run(1000)
    const follower = [...cluster.nodes.values()].find((n) => n.id !== leader.id)!
    const error = await follower.client.append([{ k: 'x' }]).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(NotLeaderError)
    expect(error).toMatchObject({ name: 'NotLeaderError', leaderId: leader.id, epoch: 1 })
  })

  it('a single voter elects itself', async () => {
    const cluster = new RaftCluster(5, [1])
    await cluster.startAll()
    const leader = await cluster.awaitLeader()
    expect(leader.id).toBe(1)
    expect(await cluster.settle(leader.client.append([{ k: 'solo' }]))).toBe(1)
  })
})
