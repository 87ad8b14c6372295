/**
 * A KIP-848 consumer group (group.protocol=consumer) on the whole Kafka cluster under the seeded faults of
 * fault-schedule.ts: 3 KRaft brokers, a 4-partition topic with replication factor 3 and
 * min.insync.replicas=2, an acks=all producer and two consumer-protocol members polling throughout, while
 * brokers are killed and restarted, paused, cut off and messages dropped. After every simulated task, on
 * every broker that coordinates the group: no partition is assigned to two members, and no member's epoch
 * passes the target assignment's, nor that the group's. At the end (faults healed, sessions of lost members
 * expired): no consumer failed, every acknowledged record was consumed at least once (a member that was
 * fenced reads again from the committed offsets), the group is Stable with both members and the 4
 * partitions split 2 / 2, and a failing seed replays exactly.
 */
import { describe, expect, it } from 'vitest'
import { Random } from '../../workers/net/random.ts'
import { ClusterKafkaClients } from '../../workers/clients/kafka/kafka-clients.ts'
import type { Consumer } from '../../workers/clients/kafka/api.ts'
import { simKafkaCluster, type SimKafkaCluster } from '../unit/kafka/server/sim-kafka-cluster.ts'
import { produceUnderFaults } from './fault-schedule.ts'

const BOOTSTRAP = 'localhost:9092,localhost:9093,localhost:9094'
const SEEDS = Number(process.env.GROUP_SEEDS ?? 10)

interface Report {
  acked: number
  lost: number
  faults: number
  consumed: number
  fatal: string[]
  finalAssignment: number[][]
}

/** The coordinator-side invariants of group g on every running broker that coordinates it. */
async function checkCoordinators(cluster: SimKafkaCluster): Promise<void> {
  for (const server of cluster.servers.values()) {
    const [group] = (await server.api.consumerGroupDescribe(['g'])).groups
    if (group === undefined || group.error !== 'NONE') continue
    const owners = new Map<string, string>()
    for (const member of group.members) {
      expect(member.memberEpoch).toBeLessThanOrEqual(group.assignmentEpoch)
      for (const tp of member.assignment) {
        const key = `${tp.topic}-${tp.partition}`
        expect(owners.get(key), `${key} owned twice at group epoch ${group.groupEpoch}`).toBeUndefined()
        owners.set(key, member.memberId)
      }
    }
    expect(group.assignmentEpoch).toBeLessThanOrEqual(group.groupEpoch)
  }
}

async function runSchedule(seed: number): Promise<Report> {
  const cluster = await simKafkaCluster(3, seed)
  const { queue } = cluster
  const random = new Random(seed * 13 + 5)
  const clients = new ClusterKafkaClients(
    { brokerAtPort: (port: number) => cluster.brokerAtPort(port) },
    cluster.engine,
    queue,
    seed,
  )
  await cluster.advance(10_000)
  await cluster.run(
    clients
      .admin(BOOTSTRAP)
      .createTopics([
        { name: 't', numPartitions: 4, replicationFactor: 3, configs: { 'min.insync.replicas': '2' } },
      ]),
  )
  const producer = clients.producer(BOOTSTRAP, { acks: 'all', 'linger.ms': '0' })
  const consumers: Consumer[] = ['c1', 'c2'].map((clientId) =>
    clients.consumer(BOOTSTRAP, {
      'group.id': 'g',
      'group.protocol': 'consumer',
      'client.id': clientId,
      'auto.offset.reset': 'earliest',
    }),
  )
  const seen = new Set<string>()
  const fatal: string[] = []
  let consumed = 0
  let stopped = false
  const pollLoop = async (consumer: Consumer): Promise<void> => {
    await consumer.subscribe(['t'])
    while (!stopped) {
      const records = await consumer.poll(500).catch((error: unknown) => {
        fatal.push(String(error))
        stopped = true
        return []
      })
      for (const r of records) {
        seen.add(new TextDecoder().decode(r.value ?? new Uint8Array()))
        consumed++
      }
    }
  }
  const loops = consumers.map((c) => pollLoop(c))

  const { acked, faults } = await produceUnderFaults({
    cluster,
    random,
    producer,
    durationMs: 30_000,
    keys: 7,
    afterTask: () => checkCoordinators(cluster),
  })
  // Long enough for a lost member's session (45 s) to expire and the survivors to reconcile.
  for (let second = 0; second < 90; second++) {
    await cluster.advance(1_000)
    await checkCoordinators(cluster)
  }
  const admin = clients.admin(BOOTSTRAP)
  const [group] = await cluster.run(admin.describeConsumerGroups(['g']))
  stopped = true
  await cluster.run(Promise.all(loops))
  await cluster.run(Promise.all(consumers.map((c) => c.close())))
  return {
    acked: acked.length,
    lost: acked.filter((value) => !seen.has(value)).length,
    faults,
    consumed,
    fatal,
    finalAssignment: (group?.state === 'Stable' ? group.members : []).map((m) =>
      m.assignment.map((tp) => tp.partition).sort(),
    ),
  }
}

describe('a consumer-protocol group under seeded faults', () => {
  it(`consumes every acknowledged record over ${SEEDS} fault schedules, never assigning a partition twice`, async () => {
    let acked = 0
    let faults = 0
    for (let seed = 1; seed <= SEEDS; seed++) {
      const report = await runSchedule(seed)
      expect(report.fatal, `seed ${seed}`).toEqual([])
      expect(report.lost, `seed ${seed}`).toBe(0)
      expect(
        report.finalAssignment.map((a) => a.length),
        `seed ${seed}`,
      ).toEqual([2, 2])
      expect(report.finalAssignment.flat().sort(), `seed ${seed}`).toEqual([0, 1, 2, 3])
      acked += report.acked
      faults += report.faults
    }
    console.log(`consumer group protocol schedules: ${JSON.stringify({ acked, faults })}`)
    expect(acked).toBeGreaterThan(0)
  }, 900_000)

  it('replays a seed exactly', async () => {
    expect(await runSchedule(7)).toEqual(await runSchedule(7))
  }, 120_000)
})
