/**
 * Exactly-once read-process-write under a broker failure: 3 KRaft brokers in the simulation, an input topic of
 * 2 partitions holding 60 records, and a copier (a read_committed consumer in group `copier` and a
 * transactional producer) that copies them to an output topic in transactions whose consumed offsets go
 * through the transaction (sendOffsetsToTransaction). Some transactions abort at a seeded random (a new consumer
 * of the group then starts from its committed offsets, which the abort left unchanged); in the middle of one
 * transaction, after its offsets were sent, the broker coordinating the group is killed (restarted later).
 * A copier whose commit fails is replaced by a new consumer and producer with the same group and
 * transactional id, which start from the committed offsets. Afterwards a read_committed consumer of the output
 * must return every input record exactly once, and the group's committed offsets must be the input's end.
 */
import { describe, expect, it } from 'vitest'
import { Random } from '../../workers/net/random.ts'
import type { Consumer, Producer } from '../../workers/clients/kafka/api.ts'
import { ClusterKafkaClients } from '../../workers/clients/kafka/kafka-clients.ts'
import { coordinatorPartition } from '../../workers/net/java-hash.ts'
import { simKafkaCluster, type SimKafkaCluster } from '../unit/kafka/server/sim-kafka-cluster.ts'

const INPUT_RECORDS = 60
const PARTITIONS = [0, 1].map((partition) => ({ topic: 'in', partition }))
const BOOTSTRAP = 'localhost:9092,localhost:9093,localhost:9094'

/** The broker leading the group's __consumer_offsets partition now. */
async function groupCoordinator(cluster: SimKafkaCluster, clients: ClusterKafkaClients): Promise<number> {
  const topics = await cluster.run(clients.admin(BOOTSTRAP).describeTopics(['__consumer_offsets']))
  const partition = coordinatorPartition('copier', 50)
  return topics[0]?.partitions.find((p) => p.partition === partition)?.leader ?? -1
}

async function run(seed: number): Promise<{ violations: string[]; commits: number; aborts: number }> {
  const cluster = await simKafkaCluster(3, seed)
  const random = new Random(seed * 31 + 7)
  const directory = { brokerAtPort: (port: number) => cluster.servers.get(port - 9091)?.api ?? null }
  const clients = new ClusterKafkaClients(directory, cluster.engine, cluster.queue, seed)
  await cluster.advance(10_000)
  const admin = clients.admin(BOOTSTRAP)
  await cluster.run(
    admin.createTopics([
      { name: 'in', numPartitions: 2, replicationFactor: 3, configs: {} },
      { name: 'out', numPartitions: 2, replicationFactor: 3, configs: {} },
    ]),
  )
  await cluster.advance(2_000)
  const input = clients.producer(BOOTSTRAP, { 'linger.ms': '0' })
  await cluster.run(
    Promise.all(
      Array.from({ length: INPUT_RECORDS }, (_, i) =>
        input.send({ topic: 'in', partition: i % 2, key: null, value: new TextEncoder().encode(`r${i}`) }),
      ),
    ),
  )
  await cluster.run(input.close())

  const start = async (): Promise<{ consumer: Consumer; producer: Producer }> => {
    for (;;) {
      const producer = clients.producer(BOOTSTRAP, {
        'transactional.id': 'copier-tx',
        'linger.ms': '0',
        'max.block.ms': '20000',
        'transaction.timeout.ms': '10000',
      })
      const ok = await cluster.run(
        producer.initTransactions().then(
          () => true,
          () => false,
        ),
      )
      if (!ok) {
        await cluster.advance(1000)
        continue
      }
      return { consumer: await newConsumer(clients, cluster), producer }
    }
  }
  const positions = (consumer: Consumer) =>
    Promise.all(
      consumer
        .assignment()
        .map(async (tp) => ({ ...tp, offset: await consumer.position(tp), leaderEpoch: -1, metadata: '' })),
    )

  let { consumer, producer } = await start()
  const violations: string[] = []
  let commits = 0
  let aborts = 0
  let killed = -1
  let idle = 0
  let transactions = 0
  for (let n = 0; n < 200 && idle < 20; n++) {
    if (transactions === 10 && killed >= 0 && !cluster.servers.has(killed))
      await cluster.run(cluster.start(killed))
    const records = await cluster.run(consumer.poll(300))
    if (records.length === 0) {
      idle++
      continue
    }
    idle = 0
    transactions++
    const abort = random.nextInt(4) === 0
    try {
      producer.beginTransaction()
      for (const r of records) {
        producer
          .send({ topic: 'out', partition: r.partition, key: null, value: r.value })
          .catch(() => undefined)
      }
      const offsets = await cluster.run(positions(consumer))
      await cluster.run(producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata()))
      if (transactions === 4) {
        // The group coordinator dies while the transaction holds pending offsets.
        killed = await groupCoordinator(cluster, clients)
        cluster.kill(killed)
      }
      if (abort) {
        await cluster.run(producer.abortTransaction())
        aborts++
        // Back to what the group committed, as TransactionalMessageCopier.resetToLastCommittedPositions does.
        await cluster.run(consumer.close())
        consumer = await newConsumer(clients, cluster)
      } else {
        await cluster.run(producer.commitTransaction())
        commits++
      }
    } catch {
      // A failed commit's outcome is unknown: a new copier starts from the committed offsets.
      await cluster.run(Promise.allSettled([producer.close(), consumer.close()]))
      ;({ consumer, producer } = await start())
    }
  }
  await cluster.run(Promise.allSettled([producer.close(), consumer.close()]))
  if (killed >= 0 && !cluster.servers.has(killed)) await cluster.run(cluster.start(killed))
  await cluster.advance(20_000)

  const reader = clients.consumer('localhost:9092', {
    'auto.offset.reset': 'earliest',
    'isolation.level': 'read_committed',
  })
  await cluster.run(
    reader.assign([
      { topic: 'out', partition: 0 },
      { topic: 'out', partition: 1 },
    ]),
  )
  const seen = new Map<string, number>()
  for (let round = 0; round < 10; round++) {
    for (const r of await cluster.run(reader.poll(500))) {
      const value = new TextDecoder().decode(r.value!)
      seen.set(value, (seen.get(value) ?? 0) + 1)
    }
  }
  for (let i = 0; i < INPUT_RECORDS; i++) {
    const count = seen.get(`r${i}`) ?? 0
    if (count !== 1) violations.push(`r${i} read ${count} times`)
  }
  const committed = await cluster.run(clients.admin(BOOTSTRAP).listConsumerGroupOffsets('copier'))
  for (const tp of PARTITIONS) {
    const offset = committed.find((c) => c.topic === tp.topic && c.partition === tp.partition)?.offset
    if (offset !== INPUT_RECORDS / 2) violations.push(`${tp.topic}-${tp.partition} committed at ${offset}`)
  }
  if (killed < 1) violations.push(`no broker was killed (${killed})`)
  return { violations, commits, aborts }
}

/** A new consumer of the group: it starts from the group's committed offsets. */
async function newConsumer(clients: ClusterKafkaClients, cluster: SimKafkaCluster): Promise<Consumer> {
  const consumer = clients.consumer(BOOTSTRAP, {
    'group.id': 'copier',
    'isolation.level': 'read_committed',
    'enable.auto.commit': 'false',
    'auto.offset.reset': 'earliest',
    'max.poll.records': '4',
  })
  await cluster.run(consumer.subscribe(['in']))
  return consumer
}

describe('exactly-once read-process-write under a broker failure', () => {
  it('copies every input record exactly once with the offsets in the transactions, over 3 seeds', async () => {
    for (let seed = 1; seed <= 3; seed++) {
      const { violations, commits, aborts } = await run(seed)
      expect(violations, `seed ${seed}`).toEqual([])
      expect(commits, `seed ${seed}`).toBeGreaterThan(5)
      expect(aborts, `seed ${seed}`).toBeGreaterThan(1)
    }
  }, 300_000)
})
