/**
 * A 3-node KRaft cluster end to end in the simulation: a controller is elected and every broker is
 * unfenced; a topic created through any broker has its replicas on all three, with leaders and a full
 * ISR; an acks=all write is replicated; when a leader's broker dies the controller fences it after the
 * session timeout and a new leader is elected from the ISR, with every acknowledged record still there; a
 * leader's broker restarted before its session expired leaves the ISR and its leadership when it registers
 * again (its log may have lost an unflushed tail), keeping every acknowledged record, and rejoins the ISR.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { LogEngine } from '../../../../engine-wasm/src/log/index.ts'
import { simKafkaCluster } from './sim-kafka-cluster.ts'

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text)
const survivorOf = (dead: number): number => [1, 2, 3].find((id) => id !== dead)!

/** 3 brokers with topic `t` (one partition, replication factor 3) created and settled; its partition as created. */
async function clusterWithTopic() {
  const cluster = await simKafkaCluster(3, 5)
  await cluster.advance(10_000)
  await cluster.run(
    cluster
      .server(1)
      .api.createTopics([{ name: 't', numPartitions: 1, replicationFactor: 3, configs: {} }], false),
  )
  await cluster.advance(2000)
  const before = (await cluster.run(cluster.server(1).api.metadata(['t']))).topics[0]!.partitions[0]!
  return { cluster, before }
}

describe('a 3-node KRaft cluster', () => {
  let engine: LogEngine
  beforeAll(async () => {
    engine = (await simKafkaCluster(1)).engine
  })

  it('elects a controller, unfences every broker, and places a replicated topic', async () => {
    const cluster = await simKafkaCluster(3)
    await cluster.advance(10_000)
    const metadata = await cluster.run(cluster.server(2).api.metadata(null))
    expect(metadata.brokers.map((b) => b.id)).toEqual([1, 2, 3])
    expect([1, 2, 3]).toContain(metadata.controllerId)
    const created = await cluster.run(
      cluster
        .server(2)
        .api.createTopics([{ name: 'orders', numPartitions: 3, replicationFactor: 3, configs: {} }], false),
    )
    expect(created).toEqual([{ name: 'orders', error: null, message: null }])
    await cluster.advance(2000)
    for (const id of [1, 2, 3]) {
      const topic = (await cluster.run(cluster.server(id).api.metadata(['orders']))).topics[0]!
      expect(topic.partitions).toHaveLength(3)
      for (const p of topic.partitions) {
        expect([...p.replicas].sort()).toEqual([1, 2, 3])
        expect(p.leader).toBe(p.replicas[0])
        expect([...p.isr].sort()).toEqual([1, 2, 3])
      }
    }
  })

  it('replicates acks=all writes and keeps them through a leader failure', async () => {
    const { cluster, before } = await clusterWithTopic()
    const leader = before.leader
    const values = ['a', 'b', 'c']
    for (const value of values) {
      const {
        responses: [response],
      } = await cluster.run(
        cluster.server(leader).api.produce(-1, 30_000, [
          {
            topic: 't',
            partition: 0,
            records: engine.encodeBatch([
              { key: null, value: utf8(value), timestamp: cluster.queue.now(), headers: [] },
            ]),
          },
        ]),
      )
      expect(response).toMatchObject({ error: null })
    }
    cluster.kill(leader)
    await cluster.advance(15_000)
    const survivor = survivorOf(leader)
    const after = (await cluster.run(cluster.server(survivor).api.metadata(['t']))).topics[0]!.partitions[0]!
    expect(after.leader).not.toBe(leader)
    expect(after.leader).not.toBe(-1)
    expect(after.isr).not.toContain(leader)
    expect(after.leaderEpoch).toBeGreaterThan(before.leaderEpoch)
    const {
      responses: [fetched],
    } = await cluster.run(
      cluster
        .server(after.leader)
        .api.fetch([{ topic: 't', partition: 0, fetchOffset: 0, maxBytes: 1 << 20 }]),
    )
    const got = engine
      .decodeBatches(fetched!.records)
      .flatMap((b) => b.records.map((r) => new TextDecoder().decode(r.value!)))
    expect(got).toEqual(values)
  })

  it('moves leadership away from a leader restarted before its session expired, keeping acked records', async () => {
    const { cluster, before } = await clusterWithTopic()
    const leader = before.leader
    const records = engine.encodeBatch([{ key: null, value: utf8('a'), timestamp: 0, headers: [] }])
    const {
      responses: [response],
    } = await cluster.run(
      cluster.server(leader).api.produce(-1, 30_000, [{ topic: 't', partition: 0, records }]),
    )
    expect(response).toMatchObject({ error: null, baseOffset: 0 })
    // Killed before the LogFlusher's write of the record committed (a host crash): the restarted leader's
    // log is empty.
    cluster.kill(leader)
    const storage = cluster.storage(leader)
    const { topicId } = (await cluster.run(cluster.server(survivorOf(leader)).api.metadata(['t']))).topics[0]!
    const chunks = await storage.keys('kafka', `log/${topicId}/0/`)
    expect(chunks).not.toEqual([])
    await storage.write(chunks.map((key) => ({ store: 'kafka', key, value: null })))
    await cluster.run(cluster.start(leader))
    await cluster.advance(1000)
    const survivor = survivorOf(leader)
    const moved = (await cluster.run(cluster.server(survivor).api.metadata(['t']))).topics[0]!.partitions[0]!
    expect(moved.leader).not.toBe(leader)
    expect(moved.leaderEpoch).toBeGreaterThan(before.leaderEpoch)
    await cluster.advance(10_000)
    const after = (await cluster.run(cluster.server(survivor).api.metadata(['t']))).topics[0]!.partitions[0]!
    expect([...after.isr].sort()).toEqual([1, 2, 3])
    const {
      responses: [fetched],
    } = await cluster.run(
      cluster
        .server(after.leader)
        .api.fetch([{ topic: 't', partition: 0, fetchOffset: 0, maxBytes: 1 << 20 }]),
    )
    const got = engine.decodeBatches(fetched!.records).flatMap((b) => b.records.map((r) => r.offset))
    expect(got).toEqual([0])
  })
})
