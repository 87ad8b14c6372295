/**
 * A KIP-848 consumer group (group.protocol=consumer) on the whole Kafka cluster under the seeded faults of
 * fault-schedule.ts: 3 KRaft brokers, a 4-partition topic with replication factor 3 and
 * min.insync.replicas=2, an acks=all producer and two consumer-protocol members polling throughout, while
 * brokers are killed and restarted, paused, cut off and messages dropped. After every simulated task, on
 * every broker that coordinates the group: no partition is assigned to two members, and no member's epoch
 * passes the target assignment's, nor that the group's; and a broker that has just become the group's
 * coordinator (the group's __consumer_offsets partition moved) shows the group at an epoch no lower than any
 * coordinator showed before, as it loaded the group's records. At the end (faults healed, sessions of lost members
 * expired): no consumer failed, every acknowledged record was consumed at least once (a member that was
 * fenced reads again from the committed offsets), the group is Stable with both members and the 4
 * partitions split 2 / 2, and a failing seed replays exactly. A controlled coordinator failover (the
 * coordinator's broker killed) keeps the group epoch, the members and their epochs: no rebalance.
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
  moves: number
  consumed: number
  fatal: string[]
  finalAssignment: number[][]
}

/** What the checks saw so far: the highest group epoch, and the brokers coordinating the group last time. */
interface Seen {
  groupEpoch: number
  coordinators: Set<number>
  moves: number
}

/** The coordinator-side invariants of group g on every running broker that coordinates it. */
async function checkCoordinators(cluster: SimKafkaCluster, seen: Seen): Promise<void> {
  const coordinators = new Set<number>()
  for (const [id, server] of cluster.servers) {
    const [group] = (await server.api.consumerGroupDescribe(['g'])).groups
    if (group === undefined || group.error !== 'NONE') continue
    coordinators.add(id)
    if (!seen.coordinators.has(id) && seen.groupEpoch > 0) {
      seen.moves++
      expect(
        group.groupEpoch,
        `broker ${id} took the group over below epoch ${seen.groupEpoch}`,
      ).toBeGreaterThanOrEqual(seen.groupEpoch)
    }
    seen.groupEpoch = Math.max(seen.groupEpoch, group.groupEpoch)
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
  seen.coordinators = coordinators
}

/** A 3-broker cluster with topic t (4 partitions, replication factor 3, min.insync.replicas 2) and its clients. */
async function clusterWithTopic(seed: number) {
  const cluster = await simKafkaCluster(3, seed)
  const clients = new ClusterKafkaClients(
    { brokerAtPort: (port: number) => cluster.brokerAtPort(port) },
    cluster.engine,
    cluster.queue,
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
  return { cluster, clients }
}

/** Consumers of group g (consumer protocol) polling t until stopped, recording what they read. */
function startPolling(clients: ClusterKafkaClients, clientIds: readonly string[]) {
  const seen = new Set<string>()
  const fatal: string[] = []
  let consumed = 0
  const stopped = new Set<Consumer>()
  const consumers: Consumer[] = clientIds.map((clientId) =>
    clients.consumer(BOOTSTRAP, {
      'group.id': 'g',
      'group.protocol': 'consumer',
      'client.id': clientId,
      'auto.offset.reset': 'earliest',
    }),
  )
  const pollLoop = async (consumer: Consumer): Promise<void> => {
    await consumer.subscribe(['t'])
    while (!stopped.has(consumer)) {
      const records = await consumer.poll(500).catch((error: unknown) => {
        fatal.push(String(error))
        for (const c of consumers) stopped.add(c)
        return []
      })
      for (const r of records) {
        seen.add(new TextDecoder().decode(r.value ?? new Uint8Array()))
        consumed++
      }
    }
  }
  const loops = new Map(consumers.map((c) => [c, pollLoop(c)]))
  return {
    consumers,
    seen,
    fatal,
    consumed: () => consumed,
    /** Stops a consumer's loop and closes it (leaving the group). */
    async stop(cluster: SimKafkaCluster, consumer: Consumer): Promise<void> {
      stopped.add(consumer)
      await cluster.run(loops.get(consumer) ?? Promise.resolve())
      await cluster.run(consumer.close())
    },
  }
}

async function runSchedule(seed: number): Promise<Report> {
  const { cluster, clients } = await clusterWithTopic(seed)
  const random = new Random(seed * 13 + 5)
  const producer = clients.producer(BOOTSTRAP, { acks: 'all', 'linger.ms': '0' })
  const polling = startPolling(clients, ['c1', 'c2'])
  const seen: Seen = { groupEpoch: 0, coordinators: new Set(), moves: 0 }
  const { acked, faults } = await produceUnderFaults({
    cluster,
    random,
    producer,
    durationMs: 30_000,
    keys: 7,
    afterTask: () => checkCoordinators(cluster, seen),
  })
  // Long enough for a lost member's session (45 s) to expire and the survivors to reconcile.
  for (let second = 0; second < 90; second++) {
    await cluster.advance(1_000)
    await checkCoordinators(cluster, seen)
  }
  const admin = clients.admin(BOOTSTRAP)
  const [group] = await cluster.run(admin.describeConsumerGroups(['g']))
  for (const consumer of polling.consumers) await polling.stop(cluster, consumer)
  return {
    acked: acked.length,
    lost: acked.filter((value) => !polling.seen.has(value)).length,
    faults,
    moves: seen.moves,
    consumed: polling.consumed(),
    fatal: polling.fatal,
    finalAssignment: (group?.state === 'Stable' ? group.members : []).map((m) =>
      m.assignment.map((tp) => tp.partition).sort(),
    ),
  }
}

/** The broker coordinating group g (the leader of its __consumer_offsets partition that loaded it). */
async function coordinatorOf(cluster: SimKafkaCluster): Promise<number | undefined> {
  for (const [id, server] of cluster.servers) {
    const [group] = (await cluster.run(server.api.consumerGroupDescribe(['g']))).groups
    if (group?.error === 'NONE') return id
  }
  return undefined
}

describe('a consumer-protocol group under seeded faults', () => {
  it(`consumes every acknowledged record over ${SEEDS} fault schedules, never assigning a partition twice`, async () => {
    let acked = 0
    let faults = 0
    let moves = 0
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
      moves += report.moves
    }
    console.log(`consumer group protocol schedules: ${JSON.stringify({ acked, faults, moves })}`)
    expect(acked).toBeGreaterThan(0)
    expect(moves).toBeGreaterThan(0)
  }, 900_000)

  it('replays a seed exactly', async () => {
    expect(await runSchedule(7)).toEqual(await runSchedule(7))
  }, 120_000)

  it('keeps the group epoch, the members and their epochs when the coordinator broker is killed', async () => {
    const { cluster, clients } = await clusterWithTopic(3)
    const polling = startPolling(clients, ['c1', 'c2', 'c3'])
    await cluster.advance(20_000)
    const [, , third] = polling.consumers
    if (third !== undefined) await polling.stop(cluster, third)
    await cluster.advance(20_000)
    const admin = clients.admin(BOOTSTRAP)
    const describe = async () => {
      const [group] = await cluster.run(admin.describeConsumerGroups(['g']))
      return {
        state: group?.state,
        groupEpoch: group?.groupEpoch,
        members: (group?.members ?? [])
          .map((m) => ({ memberId: m.memberId, memberEpoch: m.memberEpoch, assignment: m.assignment.length }))
          .sort((a, b) => a.memberId.localeCompare(b.memberId)),
      }
    }
    const before = await describe()
    // Three joins and a leave: epoch 4, which members that rejoined from scratch would not reach again.
    expect(before).toMatchObject({ state: 'Stable', groupEpoch: 4 })
    const coordinator = await coordinatorOf(cluster)
    if (coordinator === undefined) throw new Error('no broker coordinates g')
    cluster.kill(coordinator)
    await cluster.advance(30_000)
    const moved = await coordinatorOf(cluster)
    expect(moved).toBeDefined()
    expect(moved).not.toBe(coordinator)
    expect(await describe()).toEqual(before)
    expect(polling.fatal).toEqual([])
    for (const consumer of polling.consumers.slice(0, 2)) await polling.stop(cluster, consumer)
  }, 120_000)
})
