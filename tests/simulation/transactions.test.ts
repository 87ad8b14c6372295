/**
 * Transactions under a broker failure: 3 KRaft brokers in the simulation, a topic with 2 partitions and
 * replication factor 3, and a transactional producer running 30 transactions of 2 to 5 records over both
 * partitions, each committed or aborted at a seeded random, while a seeded broker (maybe the transaction
 * coordinator, maybe a partition leader) is killed midway and restarted later. A failed commit leaves its
 * outcome unknown; a failed producer is replaced by a new one with the same transactional.id, whose
 * initTransactions aborts what the old one left open; at transaction 15 a new producer fences the current
 * one mid-transaction (a zombie), whose commit must then fail. Afterwards a read_committed consumer must return:
 * no record of an aborted transaction, every record of a committed one exactly once, and of an unknown one
 * all or nothing; and every transactional id must end in a completed state on its coordinator. Every
 * transaction marker must carry the epoch of its transaction's batches + 1: transactions V2 bumps the epoch
 * once per transaction, also when the coordinator itself aborts one (the zombie's, or a timed-out one).
 */
import { describe, expect, it } from 'vitest'
import { Random } from '../../workers/net/random.ts'
import type { Producer } from '../../workers/clients/kafka/api.ts'
import { ClusterKafkaClients } from '../../workers/clients/kafka/kafka-clients.ts'
import { simKafkaCluster } from '../unit/kafka/server/sim-kafka-cluster.ts'

type Outcome = 'committed' | 'aborted' | 'unknown'

async function run(seed: number): Promise<{ violations: string[]; committed: number; aborted: number }> {
  const cluster = await simKafkaCluster(3, seed)
  const random = new Random(seed * 17 + 3)
  const directory = { brokerAtPort: (port: number) => cluster.servers.get(port - 9091)?.api ?? null }
  const clients = new ClusterKafkaClients(directory, cluster.engine, cluster.queue, seed)
  await cluster.advance(10_000)
  const bootstrap = 'localhost:9092,localhost:9093,localhost:9094'
  await cluster.run(
    clients
      .admin(bootstrap)
      .createTopics([{ name: 't', numPartitions: 2, replicationFactor: 3, configs: {} }]),
  )
  await cluster.advance(2_000)
  const config = {
    'transactional.id': 'sim-tx',
    'linger.ms': '0',
    'max.block.ms': '20000',
    'transaction.timeout.ms': '10000',
  }
  const newProducer = async (): Promise<Producer> => {
    for (;;) {
      const producer = clients.producer(bootstrap, config)
      const ok = await cluster.run(
        producer.initTransactions().then(
          () => true,
          () => false,
        ),
      )
      if (ok) return producer
      await cluster.advance(1000)
    }
  }
  let producer = await newProducer()
  const violations: string[] = []
  const outcomes: Outcome[] = []
  const sizes: number[] = []
  const victim = 1 + random.nextInt(3)
  for (let n = 0; n < 30; n++) {
    if (n === 10) cluster.kill(victim)
    if (n === 20) await cluster.run(cluster.start(victim))
    const size = 2 + random.nextInt(4)
    sizes.push(size)
    const commit = random.nextInt(3) !== 0
    let outcome: Outcome = 'unknown'
    try {
      producer.beginTransaction()
      const sends = Array.from({ length: size }, (_, i) =>
        producer.send({
          topic: 't',
          partition: i % 2,
          key: null,
          value: new TextEncoder().encode(`${n}:${i}`),
        }),
      )
      for (const send of sends) send.catch(() => undefined)
      await cluster.advance(50)
      if (n === 15) {
        // A zombie: a new producer with the same transactional.id fences this one, whose open transaction
        // the coordinator aborts; the zombie's commit then fails.
        const zombie = producer
        producer = await newProducer()
        const fenced = await cluster.run(
          zombie.commitTransaction().then(
            () => false,
            () => true,
          ),
        )
        if (!fenced) violations.push('the fenced producer committed')
        outcomes.push('aborted')
        continue
      }
      if (commit) {
        await cluster.run(producer.commitTransaction())
        outcome = 'committed'
      } else {
        await cluster.run(producer.abortTransaction())
        outcome = 'aborted'
      }
    } catch {
      // Unknown for a failed commit; a failed abort cannot have committed (it never sent a COMMIT).
      outcome = commit ? 'unknown' : 'aborted'
      await cluster.run(producer.close())
      producer = await newProducer()
    }
    outcomes.push(outcome)
    await cluster.advance(100)
  }
  await cluster.run(producer.close())
  await cluster.advance(30_000)

  const consumer = clients.consumer('localhost:9092', {
    'auto.offset.reset': 'earliest',
    'isolation.level': 'read_committed',
  })
  await cluster.run(
    consumer.assign([
      { topic: 't', partition: 0 },
      { topic: 't', partition: 1 },
    ]),
  )
  const seen = new Map<string, number>()
  for (let round = 0; round < 10; round++) {
    for (const r of await cluster.run(consumer.poll(500))) {
      const value = new TextDecoder().decode(r.value!)
      seen.set(value, (seen.get(value) ?? 0) + 1)
    }
  }
  outcomes.forEach((outcome, n) => {
    const counts = Array.from({ length: sizes[n]! }, (_, i) => seen.get(`${n}:${i}`) ?? 0)
    if (counts.some((c) => c > 1)) violations.push(`transaction ${n}: a record read twice`)
    const read = counts.filter((c) => c > 0).length
    if (outcome === 'aborted' && read > 0)
      violations.push(`transaction ${n} aborted but ${read} records read`)
    if (outcome === 'committed' && read !== counts.length)
      violations.push(`transaction ${n} committed, ${read} of ${counts.length} read`)
    if (outcome === 'unknown' && read !== 0 && read !== counts.length)
      violations.push(`transaction ${n} unknown, ${read} of ${counts.length} read`)
  })
  for (const partition of [0, 1]) {
    const leader = cluster.server(1).metadata.topic('t')!.partitions.get(partition)!.leader
    const {
      responses: [fetched],
    } = await cluster.run(
      cluster.server(leader).api.fetch([{ topic: 't', partition, fetchOffset: 0, maxBytes: 1 << 20 }]),
    )
    // Per producer id, the epoch of its batches since its last marker on this partition.
    const open = new Map<number, number>()
    for (const batch of cluster.engine.decodeBatches(fetched!.records)) {
      const dataEpoch = open.get(batch.producerId)
      if (!batch.isControlBatch) open.set(batch.producerId, batch.producerEpoch)
      else if (dataEpoch !== undefined) {
        open.delete(batch.producerId)
        if (batch.producerEpoch !== dataEpoch + 1)
          violations.push(
            `t-${partition} marker at ${batch.baseOffset}: epoch ${batch.producerEpoch} after ${dataEpoch}`,
          )
      }
    }
  }
  const states = [...cluster.servers.values()].map((server) => server.api.describeTransactions(['sim-tx']))
  for (const state of (await cluster.run(Promise.all(states))).flat()) {
    if (
      state.error === null &&
      !['CompleteCommit', 'CompleteAbort', 'Empty'].includes(state.transactionState)
    )
      violations.push(`sim-tx ends ${state.transactionState}`)
  }
  return {
    violations,
    committed: outcomes.filter((o) => o === 'committed').length,
    aborted: outcomes.filter((o) => o === 'aborted').length,
  }
}

describe('transactions under a broker failure', () => {
  it('keeps committed transactions whole and aborted ones invisible to read_committed, over 3 seeds', async () => {
    for (let seed = 1; seed <= 3; seed++) {
      const { violations, committed, aborted } = await run(seed)
      expect(violations, `seed ${seed}`).toEqual([])
      expect(committed, `seed ${seed}`).toBeGreaterThan(5)
      expect(aborted, `seed ${seed}`).toBeGreaterThan(2)
    }
  }, 300_000)
})
