/**
 * The idempotent producer under lost responses: 3 KRaft brokers in the simulation, a topic with 2 partitions
 * and replication factor 3, and a directory that loses a seeded fifth of the produce responses after the
 * leader appended (the producer sees a timeout and retries), while a leader is killed and restarted midway.
 * With idempotence (the 4.x default) every acknowledged record is in the log exactly once and in send order
 * per partition; with enable.idempotence=false the same schedule leaves duplicates, which is what the
 * broker's producer state prevents.
 */
import { describe, expect, it } from 'vitest'
import { Random } from '../../workers/net/random.ts'
import { NetworkError } from '../../workers/net/transport.ts'
import { ClusterKafkaClients } from '../../workers/clients/kafka/kafka-clients.ts'
import type { BrokerApi } from '../../workers/protocol/kafka.ts'
import { simKafkaCluster } from '../unit/kafka/server/sim-kafka-cluster.ts'

interface Outcome {
  acked: number
  lost: number
  duplicated: number
  reordered: number
}

async function run(seed: number, idempotence: boolean): Promise<Outcome> {
  const cluster = await simKafkaCluster(3, seed)
  const random = new Random(seed * 31 + 5)
  const losing = (broker: BrokerApi): BrokerApi =>
    new Proxy(broker, {
      get: (target, name): unknown =>
        name !== 'produce'
          ? Reflect.get(target, name)
          : async (...args: Parameters<BrokerApi['produce']>) => {
              const responses = await target.produce(...args)
              if (random.nextInt(5) === 0) throw new NetworkError('timeout', 1)
              return responses
            },
    })
  const directory = {
    brokerAtPort: (port: number) => {
      const api = cluster.servers.get(port - 9091)?.api
      return api ? losing(api) : null
    },
  }
  const clients = new ClusterKafkaClients(directory, cluster.engine, cluster.queue, seed)
  await cluster.advance(10_000)
  const bootstrap = 'localhost:9092,localhost:9093,localhost:9094'
  await cluster.run(
    clients
      .admin(bootstrap)
      .createTopics([{ name: 't', numPartitions: 2, replicationFactor: 3, configs: {} }]),
  )
  await cluster.advance(2_000)
  const producer = clients.producer(bootstrap, {
    'linger.ms': '0',
    'enable.idempotence': String(idempotence),
  })
  const acked: string[] = []
  const sends: Array<Promise<unknown>> = []
  for (let i = 0; i < 150; i++) {
    const value = `v${i}`
    sends.push(
      producer
        .send({
          topic: 't',
          key: new TextEncoder().encode(`k${i % 4}`),
          value: new TextEncoder().encode(value),
        })
        .then(
          () => acked.push(value),
          () => undefined,
        ),
    )
    await cluster.advance(20)
    if (i === 60) cluster.kill(1 + random.nextInt(3))
    if (i === 100)
      for (const id of [1, 2, 3]) if (!cluster.servers.has(id)) await cluster.run(cluster.start(id))
  }
  await cluster.run(Promise.allSettled(sends))
  await cluster.advance(20_000)

  const consumer = clients.consumer('localhost:9092', { 'auto.offset.reset': 'earliest' })
  await cluster.run(consumer.subscribe(['t']))
  const seen: Array<{ partition: number; index: number }> = []
  for (let round = 0; round < 10; round++) {
    for (const r of await cluster.run(consumer.poll(500))) {
      seen.push({ partition: r.partition, index: Number(new TextDecoder().decode(r.value!).slice(1)) })
    }
  }
  const counts = new Map<number, number>()
  for (const { index } of seen) counts.set(index, (counts.get(index) ?? 0) + 1)
  let reordered = 0
  for (const p of [0, 1]) {
    const order = seen.filter((s) => s.partition === p).map((s) => s.index)
    reordered += order.filter((index, i) => i > 0 && index <= order[i - 1]!).length
  }
  return {
    acked: acked.length,
    lost: acked.filter((value) => !counts.has(Number(value.slice(1)))).length,
    duplicated: [...counts.values()].filter((n) => n > 1).length,
    reordered,
  }
}

describe('the idempotent producer under lost produce responses', () => {
  it('appends every acknowledged record exactly once and in order, over 10 seeds', async () => {
    for (let seed = 1; seed <= 10; seed++) {
      const outcome = await run(seed, true)
      expect(outcome.acked, `seed ${seed}`).toBeGreaterThan(100)
      expect({ ...outcome, acked: 0 }, `seed ${seed}`).toEqual({
        acked: 0,
        lost: 0,
        duplicated: 0,
        reordered: 0,
      })
    }
  }, 300_000)

  it('leaves duplicates on the same schedule when idempotence is off', async () => {
    const outcome = await run(1, false)
    expect(outcome.lost).toBe(0)
    expect(outcome.duplicated).toBeGreaterThan(0)
  }, 60_000)
})
