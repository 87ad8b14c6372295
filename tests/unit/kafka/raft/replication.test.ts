import { describe, expect, it } from 'vitest'
import { NotLeaderError } from '../../../../workers/kafka/raft/errors.ts'
import { RaftCluster } from './raft-cluster.ts'

describe('KafkaRaftClient replication', () => {
  it('a minority side elects no leader and commits nothing; its appends fail; healing converges', async () => {
    const cluster = new RaftCluster(21, [1, 2, 3, 4, 5])
    await cluster.startAll()
    const leader = await cluster.awaitLeader()
    const minority = [leader.id, leader.id === 1 ? 2 : 1]
    cluster.net.partition(minority)
    const stranded = leader.client.append([{ k: 'lost?' }])
    stranded.catch(() => undefined)
    await cluster.run(10_000)
    await expect(stranded).rejects.toBeInstanceOf(NotLeaderError)
    for (const id of minority) {
      expect(cluster.node(id).client.role()).not.toBe('leader')
      expect(cluster.node(id).client.highWatermark()).toBe(1)
    }
    const [majorityLeader] = cluster.leaders()
    expect(minority).not.toContain(majorityLeader!.id)
    expect(await cluster.settle(majorityLeader!.client.append([{ k: 'kept' }]))).toBeGreaterThan(1)
    cluster.net.heal()
    await cluster.run(8000)
    const final = cluster.leaders()[0]!
    for (const node of cluster.nodes.values()) {
      expect(node.client.leaderAndEpoch()).toEqual(final.client.leaderAndEpoch())
      expect(node.client.logEndOffset()).toBe(final.client.logEndOffset())
      expect(node.delivered.flatMap((b) => b.records)).toEqual([{ k: 'kept' }])
    }
  })

  it('restarts from storage: the log and the vote survive, committed batches replay once in order', async () => {
    const cluster = new RaftCluster(31, [1, 2, 3])
    await cluster.startAll()
    const leader = await cluster.awaitLeader()
    for (const k of ['a', 'b', 'c']) await cluster.settle(leader.client.append([{ k }, { k: `${k}2` }]))
    await cluster.run(1000)
    const follower = [...cluster.nodes.values()].find((n) => n.id !== leader.id)!
    const end = follower.client.logEndOffset()
    expect(end).toBe(7)
    cluster.stop(follower.id)
    // Persisted in chunks: one quorum-state record and one log chunk per fetch or append, never per record.
    const logKeys = await follower.storage.keys('kafka', '__cluster_metadata-0/log/')
    expect(logKeys.length).toBeLessThan(5)
    expect(await follower.storage.get('kafka', '__cluster_metadata-0/quorum-state')).toBeDefined()
    await cluster.start(follower.id)
    expect(follower.client.logEndOffset()).toBe(7)
    expect(follower.client.leaderAndEpoch()).toEqual(leader.client.leaderAndEpoch())
    await cluster.run(2000)
    expect(follower.delivered.map((b) => b.records.map((r) => r.k).join())).toEqual(['a,a2', 'b,b2', 'c,c2'])
    expect(follower.delivered.map((b) => b.baseOffset)).toEqual([1, 3, 5])
  })

  it('recovers the longest valid prefix of a log whose last chunk is torn', async () => {
    const cluster = new RaftCluster(41, [1])
    await cluster.startAll()
    const leader = await cluster.awaitLeader()
    for (const k of ['a', 'b', 'c']) await cluster.settle(leader.client.append([{ k }]))
    cluster.stop(1)
    const keys = await leader.storage.keys('kafka', '__cluster_metadata-0/log/')
    const last = keys.at(-1)!
    const bytes = (await leader.storage.get('kafka', last))!
    await leader.storage.write([{ store: 'kafka', key: last, value: bytes.subarray(0, bytes.length - 3) }])
    await cluster.start(1)
    expect(leader.client.logEndOffset()).toBe(3)
    expect(await leader.storage.keys('kafka', '__cluster_metadata-0/log/')).toEqual(keys.slice(0, -1))
  })

  it('observers fetch the log and catch up, and describeQuorum reports them', async () => {
    const cluster = new RaftCluster(51, [1, 2, 3], [4, 5])
    await cluster.startAll()
    const leader = await cluster.awaitLeader()
    cluster.stop(5)
    for (const k of ['a', 'b']) await cluster.settle(leader.client.append([{ k }]))
    await cluster.start(5)
    await cluster.run(3000)
    for (const id of [4, 5]) {
      const observer = cluster.node(id)
      expect(observer.client.role()).toBe('follower')
      expect(observer.client.logEndOffset()).toBe(3)
      expect(observer.client.highWatermark()).toBe(3)
      expect(observer.delivered.flatMap((b) => b.records)).toEqual([{ k: 'a' }, { k: 'b' }])
    }
    const now = cluster.queue.now()
    const info = await cluster.settle(cluster.node(4).client.describeQuorum())
    expect(info.leaderId).toBe(leader.id)
    expect(info.leaderEpoch).toBe(leader.client.leaderAndEpoch().epoch)
    expect(info.highWatermark).toBe(3)
    expect(info.currentVoters.map((v) => v.replicaId)).toEqual([1, 2, 3])
    expect(info.observers.map((v) => v.replicaId)).toEqual([4, 5])
    for (const row of [...info.currentVoters, ...info.observers]) {
      expect(row.logEndOffset).toBe(3)
      expect(row.lastCaughtUpTimestamp).toBeLessThanOrEqual(row.lastFetchTimestamp)
      // Followers long-poll for at most fetch.max.wait.ms (500 ms), so every row is that fresh.
      expect(row.lastFetchTimestamp).toBeGreaterThan(now - 600)
    }
    const own = info.currentVoters.find((v) => v.replicaId === leader.id)!
    expect(own.lastFetchTimestamp).toBe(own.lastCaughtUpTimestamp)
  })
})
