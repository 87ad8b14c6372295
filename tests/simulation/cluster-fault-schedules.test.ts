/**
 * The whole Kafka cluster under seeded faults: 3 KRaft brokers in the simulation, a topic with
 * replication factor 3 and min.insync.replicas=2, an acks=all producer and a consumer, while brokers are
 * killed and restarted, paused and resumed, the network is cut and healed, and up to a tenth of all
 * messages are dropped, at random. After every simulated task: leader ∈ ISR ⊆ replicas with a non-empty ISR in the controller's
 * metadata, leader epochs only grow, at most one node is the active controller in any quorum epoch, and no
 * replica's high watermark passes its log end; after every simulated second, every in-sync replica holds the
 * leader's bytes below the leader's high watermark. At the end, every acknowledged record is there, exactly once (the producer is idempotent, as
 * Kafka 4.x producers are by default: a retry the broker already appended is not appended again), in
 * per-partition order, and a failing seed replays exactly.
 */
import { describe, expect, it } from 'vitest'
import { Random } from '../../workers/net/random.ts'
import { ClusterKafkaClients } from '../../workers/clients/kafka/kafka-clients.ts'
import type { KafkaServer } from '../../workers/kafka/server/kafka-server.ts'
import type { Partition } from '../../workers/kafka/replication/partition.ts'
import type { LogEngine } from '../../engine-wasm/src/log/index.ts'

const DECODER = new TextDecoder()
import { simKafkaCluster } from '../unit/kafka/server/sim-kafka-cluster.ts'
import { produceUnderFaults } from './fault-schedule.ts'

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
  const directory = { brokerAtPort: (port: number) => cluster.brokerAtPort(port) }
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
    // A paused controller still believes it is active, on metadata as old as its pause: judge the live ones.
    const controller = [...cluster.servers]
      .filter(([id]) => !cluster.isPaused(id))
      .map(([, server]) => server)
      .find((s) => s.describeState().activeController)
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
  let nextAgreement = queue.now()
  const { acked, faults } = await produceUnderFaults({
    cluster,
    random,
    producer,
    durationMs: 60_000,
    keys: 5,
    afterTask: () => {
      check()
      if (queue.now() >= nextAgreement) {
        checkInSyncReplicasAgree(cluster.servers, cluster.engine)
        nextAgreement = queue.now() + 1_000
      }
    },
  })
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

/**
 * Below its high watermark, a leader's log is committed: every replica in its ISR holds the same bytes there
 * (up to its own log end). A replica outside the ISR may still hold a divergent tail it will truncate.
 */
function checkInSyncReplicasAgree(servers: ReadonlyMap<number, KafkaServer>, engine: LogEngine): void {
  const replicas = new Map<string, Map<number, Partition>>()
  for (const [id, server] of servers) {
    for (const partition of server.replicaManager.allPartitions()) {
      const key = `${partition.topicId}/${partition.partition}`
      if (!replicas.has(key)) replicas.set(key, new Map())
      replicas.get(key)!.set(id, partition)
    }
  }
  for (const [key, byBroker] of replicas) {
    const leader = [...byBroker.values()].find((p) => p.isLeader)
    if (!leader) continue
    const hw = leader.log.highWatermark
    for (const member of leader.isr) {
      const replica = byBroker.get(member)
      if (!replica || replica === leader) continue
      const upTo = Math.min(hw, replica.log.logEndOffset)
      const start = Math.max(leader.log.logStartOffset, replica.log.logStartOffset)
      expect(recordsBelow(replica, engine, start, upTo), `${key} on broker ${member} below HW ${hw}`).toEqual(
        recordsBelow(leader, engine, start, upTo),
      )
    }
  }
}

/** The records (offset and value) of a replica's log in [from, upTo). */
function recordsBelow(partition: Partition, engine: LogEngine, from: number, upTo: number): string[] {
  const records: string[] = []
  for (let offset = from; offset < upTo;) {
    const batches = engine.decodeBatches(partition.log.read(offset, 1 << 20, upTo))
    if (batches.length === 0) break
    for (const batch of batches)
      for (const r of batch.records)
        if (r.offset >= from && r.offset < upTo)
          records.push(`${r.offset}:${DECODER.decode(r.value ?? new Uint8Array())}`)
    offset = batches[batches.length - 1]!.lastOffset + 1
  }
  return records
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
  }, 900_000)

  it('replays a seed exactly', async () => {
    expect(await runSchedule(42)).toEqual(await runSchedule(42))
  }, 60_000)
})
