/**
 * The whole Kafka cluster under seeded faults: 3 KRaft brokers in the simulation, a topic with
 * replication factor 3 and min.insync.replicas=2, an acks=all producer and a consumer, while brokers are
 * killed and restarted and the network is cut and healed at random. After every simulated task:
 * leader ∈ ISR ⊆ replicas with a non-empty ISR in the controller's metadata, leader epochs only grow,
 * at most one node is the active controller in any quorum epoch, and no replica's high watermark passes
 * its log end. At the end, every acknowledged record is there, exactly once (the producer is idempotent, as
 * Kafka 4.x producers are by default: a retry the broker already appended is not appended again), in
 * per-partition order, and a failing seed replays exactly.
 */
import { describe, expect, it } from 'vitest'
import { Random } from '../../workers/net/random.ts'
import { ClusterKafkaClients } from '../../workers/clients/kafka/kafka-clients.ts'
import type { KafkaServer } from '../../workers/kafka/server/kafka-server.ts'
import { drain, simKafkaCluster } from '../unit/kafka/server/sim-kafka-cluster.ts'

interface Report {
  acked: number
  lost: number
  duplicated: number
  reordered: number
  faults: number
}

async function runSchedule(seed: number): Promise<Report> {
  const cluster = await simKafkaCluster(3, seed)
  const { queue } = cluster
  const random = new Random(seed * 7 + 1)
  const directory = { brokerAtPort: (port: number) => cluster.servers.get(port - 9091)?.api ?? null }
  const clients = new ClusterKafkaClients(directory, cluster.engine, queue, seed)
  await cluster.advance(10_000)
  const admin = clients.admin('localhost:9092,localhost:9093,localhost:9094')
  await cluster.run(
    admin.createTopics([
      { name: 't', numPartitions: 2, replicationFactor: 3, configs: { 'min.insync.replicas': '2' } },
    ]),
  )

  const epochs = new Map<string, number>()
  const controllers = new Map<number, number>()
  const check = (): void => {
    for (const server of cluster.servers.values()) checkNode(server, controllers)
    const controller = [...cluster.servers.values()].find((s) => s.describeState().activeController)
    if (!controller) return
    for (const topic of controller.metadata.topicsById.values()) {
      for (const [p, state] of topic.partitions) {
        expect(state.isr.length).toBeGreaterThan(0)
        expect(state.isr.every((id) => state.replicas.includes(id))).toBe(true)
        if (state.leader !== -1) expect(state.isr).toContain(state.leader)
        const key = `${topic.topicId}/${p}`
        expect(state.leaderEpoch).toBeGreaterThanOrEqual(epochs.get(key) ?? 0)
        epochs.set(key, state.leaderEpoch)
      }
    }
  }

  const producer = clients.producer('localhost:9092,localhost:9093,localhost:9094', {
    acks: 'all',
    'linger.ms': '0',
  })
  const acked: string[] = []
  const sends: Array<Promise<unknown>> = []
  let faults = 0
  const end = queue.now() + 60_000
  let nextSend = queue.now()
  let nextFault = queue.now() + 2_000
  while (queue.now() < end) {
    if (queue.now() >= nextSend) {
      const value = `v${sends.length}`
      sends.push(
        producer
          .send({
            topic: 't',
            key: new TextEncoder().encode(`k${sends.length % 5}`),
            value: new TextEncoder().encode(value),
          })
          .then(
            () => acked.push(value),
            () => undefined,
          ),
      )
      nextSend = queue.now() + 200
    }
    if (queue.now() >= nextFault) {
      faults++
      const id = 1 + random.nextInt(3)
      const roll = random.nextInt(4)
      if (roll === 0 && cluster.servers.has(id) && cluster.servers.size === 3) {
        cluster.kill(id)
      } else if (roll === 1) {
        for (const down of [1, 2, 3]) {
          if (!cluster.servers.has(down)) await cluster.run(cluster.start(down))
        }
      } else if (roll === 2) {
        cluster.network.partition([id])
      } else {
        cluster.network.heal()
      }
      nextFault = queue.now() + 3_000 + random.nextInt(5_000)
    }
    if (!queue.runNextTask()) break
    await drain()
    check()
  }
  cluster.network.heal()
  for (const id of [1, 2, 3]) if (!cluster.servers.has(id)) await cluster.run(cluster.start(id))
  await cluster.run(Promise.allSettled(sends))
  await cluster.advance(40_000)

  const consumer = clients.consumer('localhost:9092', { 'auto.offset.reset': 'earliest' })
  await cluster.run(consumer.subscribe(['t']))
  const seen: Array<{ partition: number; offset: number; value: string }> = []
  for (let round = 0; round < 20; round++) {
    const records = await cluster.run(consumer.poll(500))
    for (const r of records)
      seen.push({ partition: r.partition, offset: r.offset, value: new TextDecoder().decode(r.value!) })
  }
  const counts = new Map<string, number>()
  for (const { value } of seen) counts.set(value, (counts.get(value) ?? 0) + 1)
  let reordered = 0
  for (const p of [0, 1]) {
    const offsets = seen.filter((s) => s.partition === p).map((s) => s.offset)
    reordered += offsets.filter((o, i) => i > 0 && o <= offsets[i - 1]!).length
  }
  return {
    acked: acked.length,
    lost: acked.filter((value) => !counts.has(value)).length,
    duplicated: [...counts.values()].filter((n) => n > 1).length,
    reordered,
    faults,
  }
}

function checkNode(server: KafkaServer, controllers: Map<number, number>): void {
  const state = server.describeState()
  if (state.activeController) {
    const holder = controllers.get(state.quorumEpoch)
    expect(holder === undefined || holder === state.nodeId).toBe(true)
    controllers.set(state.quorumEpoch, state.nodeId)
  }
  for (const p of state.partitions) expect(p.highWatermark).toBeLessThanOrEqual(p.logEndOffset)
}

describe('the Kafka cluster under seeded faults', () => {
  it('loses no acks=all record over 100 fault schedules, keeping every invariant after every task', async () => {
    const total: Report = { acked: 0, lost: 0, duplicated: 0, reordered: 0, faults: 0 }
    for (let seed = 1; seed <= 100; seed++) {
      const report = await runSchedule(seed)
      expect(report.lost, `seed ${seed}`).toBe(0)
      expect(report.reordered, `seed ${seed}`).toBe(0)
      expect(report.duplicated, `seed ${seed}`).toBe(0)
      for (const key of Object.keys(total) as Array<keyof Report>) total[key] += report[key]
    }
    console.log(`cluster fault schedules: ${JSON.stringify(total)}`)
    expect(total.acked).toBeGreaterThan(0)
  }, 300_000)

  it('replays a seed exactly', async () => {
    expect(await runSchedule(42)).toEqual(await runSchedule(42))
  }, 60_000)
})
