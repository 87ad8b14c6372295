/**
 * The highwatermark-checkpoint task of a broker in a 3-node cluster, against Kafka 4.1's ReplicaManager: a
 * follower's high watermark, learned from the leader's fetch responses, is stored at the task's next run
 * (every replica.high.watermark.checkpoint.interval.ms = 5000, never with the log flush) and once more by a
 * controlled shutdown, after its final flush; a follower killed between two runs keeps the older checkpoint
 * beside its newer log bytes, and once restarted replication raises its high watermark again.
 */
import { describe, expect, it } from 'vitest'
import { checkpointKey, decodeCheckpoint } from '../../../../workers/kafka/log/offset-checkpoint.ts'
import type { StorageOp } from '../../../../workers/storage/storage.ts'
import { record } from '../kafka-fixtures.ts'
import { simKafkaCluster, type SimKafkaCluster } from './sim-kafka-cluster.ts'

const INTERVAL_MS = 5_000
const FILE = 'replication-offset-checkpoint'

interface Write {
  at: number
  keys: string[]
}

/** Topic `t` (one partition on all 3 brokers) with 2 committed records; its follower's storage writes from now on. */
async function setUp(): Promise<{
  cluster: SimKafkaCluster
  leader: number
  follower: number
  topicId: string
  writes: Write[]
}> {
  const cluster = await simKafkaCluster(3, 5)
  await cluster.advance(10_000)
  const create = { name: 't', numPartitions: 1, replicationFactor: 3, configs: {} }
  await cluster.run(cluster.server(1).api.createTopics([create], false))
  await cluster.advance(2_000)
  const topic = (await cluster.run(cluster.server(1).api.metadata(['t']))).topics[0]!
  const leader = topic.partitions[0]!.leader
  const follower = [1, 2, 3].find((id) => id !== leader)!
  const storage = cluster.storage(follower)
  const write = storage.write.bind(storage)
  const writes: Write[] = []
  storage.write = (ops: StorageOp[]): Promise<void> => {
    writes.push({ at: cluster.queue.now(), keys: ops.map((op) => op.key) })
    return write(ops)
  }
  await produce(cluster, leader, ['a', 'b'])
  await cluster.advance(INTERVAL_MS)
  return { cluster, leader, follower, topicId: topic.topicId, writes }
}

async function produce(cluster: SimKafkaCluster, leader: number, values: string[]): Promise<void> {
  const records = cluster.engine.encodeBatch(values.map((value) => record(value)))
  const {
    responses: [response],
  } = await cluster.run(
    cluster.server(leader).api.produce(-1, 30_000, [{ topic: 't', partition: 0, records }]),
  )
  expect(response).toMatchObject({ error: null })
}

async function storedHighWatermark(cluster: SimKafkaCluster, id: number, topicId: string): Promise<number> {
  const bytes = await cluster.storage(id).get('kafka', checkpointKey(FILE, topicId, 0))
  return bytes ? decodeCheckpoint(FILE, bytes) : -1
}

function followerHighWatermark(cluster: SimKafkaCluster, follower: number): number {
  return cluster.server(follower).replicaManager.allPartitions()[0]!.log.highWatermark
}

/** Advances the clock to 1 ms past the follower's next checkpoint run; returns the time of that run. */
async function pastNextRun(cluster: SimKafkaCluster, writes: Write[], topicId: string): Promise<number> {
  const key = checkpointKey(FILE, topicId, 0)
  const runAt = writes.filter((w) => w.keys.includes(key)).at(-1)!.at
  const now = cluster.queue.now()
  const next = runAt + Math.ceil((now + 1 - runAt) / INTERVAL_MS) * INTERVAL_MS
  await cluster.advance(next + 1 - now)
  return next
}

describe('the highwatermark-checkpoint task', () => {
  it('stores the follower high watermark at its next run, not with the flush, and at a clean stop', async () => {
    const { cluster, leader, follower, topicId, writes } = await setUp()
    expect(await storedHighWatermark(cluster, follower, topicId)).toBe(2)
    const lastRun = await pastNextRun(cluster, writes, topicId)
    // The second produce is appended by the follower after it learned the HW of the first one (3).
    await produce(cluster, leader, ['c'])
    await produce(cluster, leader, ['d'])
    await cluster.advance(1_000)
    expect(followerHighWatermark(cluster, follower)).toBe(4)
    const flushes = writes.filter((w) => w.at > lastRun && w.keys.some((key) => key.startsWith('log/')))
    expect(flushes.length).toBeGreaterThan(1) // the follower's flushes stored the records, without the HW
    expect(await storedHighWatermark(cluster, follower, topicId)).toBe(2)

    await cluster.advance(lastRun + INTERVAL_MS - 1 - cluster.queue.now())
    expect(await storedHighWatermark(cluster, follower, topicId)).toBe(2)
    await cluster.advance(1)
    expect(await storedHighWatermark(cluster, follower, topicId)).toBe(4)

    const stopRun = await pastNextRun(cluster, writes, topicId)
    await produce(cluster, leader, ['e'])
    await cluster.advance(1_000)
    await cluster.run(cluster.server(follower).shutdown())
    expect(cluster.queue.now()).toBeLessThan(stopRun + INTERVAL_MS)
    expect(await storedHighWatermark(cluster, follower, topicId)).toBe(5)
    const key = checkpointKey(FILE, topicId, 0)
    expect(writes[writes.length - 1]!.keys).toEqual([key]) // the last write, after the final flush
  })

  it('restarts a killed follower from its last checkpoint, and replication raises it', async () => {
    const { cluster, leader, follower, topicId, writes } = await setUp()
    await pastNextRun(cluster, writes, topicId)
    await produce(cluster, leader, ['c', 'd'])
    await produce(cluster, leader, ['e'])
    await cluster.advance(1_000)
    expect(followerHighWatermark(cluster, follower)).toBe(5)
    cluster.kill(follower)
    expect(await storedHighWatermark(cluster, follower, topicId)).toBe(2)
    const chunks = await cluster.storage(follower).keys('kafka', `log/${topicId}/0/`)
    expect(chunks.length).toBeGreaterThan(0)

    const server = await cluster.start(follower)
    // The log is loaded once the broker replays the topic's metadata: from the checkpoint, not its log end (5).
    while (server.replicaManager.allPartitions().length === 0) await cluster.advance(1)
    const { log } = server.replicaManager.allPartitions()[0]!
    expect([log.highWatermark, log.logEndOffset]).toEqual([2, 5])
    await cluster.advance(10_000)
    expect(followerHighWatermark(cluster, follower)).toBe(5)
    expect(await storedHighWatermark(cluster, follower, topicId)).toBe(5)
  })
})
