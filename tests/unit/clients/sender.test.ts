// The producer's Sender against a simulated 3-broker cluster whose brokers answer produce requests late:
// max.in.flight.requests.per.connection limits the requests unanswered PER BROKER (NetworkClient's
// InFlightRequests), so a slow broker holds back only its own partitions; a property over random latencies,
// limits, lost responses and idempotence checks the limit, exactly-once and per-partition order against
// the send order; and the Java client's texts for a lost connection, a timed-out request and an expired batch.
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import type { LogEngine } from '../../../engine-wasm/src/log/index.ts'
import type { KafkaError, RecordMetadata } from '../../../workers/clients/kafka/api.ts'
import type { BrokerDirectory } from '../../../workers/clients/kafka/bootstrap.ts'
import { KafkaProducer } from '../../../workers/clients/kafka/producer/kafka-producer.ts'
import { NetworkError } from '../../../workers/net/transport.ts'
import { Random } from '../../../workers/net/random.ts'
import type { BrokerApi } from '../../../workers/protocol/kafka.ts'
import type { SimKafkaCluster } from '../kafka/server/sim-kafka-cluster.ts'
import { clusterWithTopic, connectionTo, loadLogEngine, text, utf8 } from './client-fixtures.ts'

let engine: LogEngine
beforeAll(async () => {
  engine = await loadLogEngine()
})

interface Behaviour {
  /** Milliseconds the broker at `port` takes before it appends a request. */
  delayMs: (port: number) => number
  /** Whether this request's response is lost after the broker appended it. */
  lose: () => boolean
}

/**
 * The cluster with produce requests delayed and responses lost as told, counting requests in flight. A broker
 * handles one request of a connection at a time, in the order they arrived (Kafka's SocketServer mutes a
 * channel until its response is sent), so each request waits for the one before it, then its delay.
 */
function slowed(cluster: SimKafkaCluster, behaviour: Behaviour) {
  const inFlight = new Map<number, number>()
  const maxInFlight = new Map<number, number>()
  const previous = new Map<number, Promise<unknown>>()
  const wrap = (broker: BrokerApi, port: number): BrokerApi =>
    new Proxy(broker, {
      get: (target, name): unknown =>
        name !== 'produce'
          ? Reflect.get(target, name)
          : (...args: Parameters<BrokerApi['produce']>) => {
              const count = (inFlight.get(port) ?? 0) + 1
              inFlight.set(port, count)
              maxInFlight.set(port, Math.max(count, maxInFlight.get(port) ?? 0))
              const answer = (previous.get(port) ?? Promise.resolve())
                .then(() => cluster.queue.sleep(behaviour.delayMs(port)))
                .then(() => target.produce(...args))
                .finally(() => inFlight.set(port, inFlight.get(port)! - 1))
              previous.set(
                port,
                answer.catch(() => undefined),
              )
              return answer.then((responses) => {
                if (behaviour.lose()) throw new NetworkError('timeout', port - 9091)
                return responses
              })
            },
    })
  const directory: BrokerDirectory = {
    brokerAtPort: (port) => {
      const broker = cluster.brokerAtPort(port)
      return broker && wrap(broker, port)
    },
  }
  return { directory, maxInFlight }
}

const producer = (cluster: SimKafkaCluster, directory: BrokerDirectory, config: Record<string, string>) =>
  new KafkaProducer(connectionTo(directory), engine, cluster.queue, new Random(3), config)

async function leaderPorts(cluster: SimKafkaCluster): Promise<Map<number, number>> {
  const { topics } = await cluster.run(cluster.server(1).api.metadata(['t']))
  return new Map(topics[0]!.partitions.map((p) => [p.partition, 9091 + p.leader]))
}

/** Every value of partition p, in log order. */
async function logOf(
  cluster: SimKafkaCluster,
  leaderPort: number,
  partition: number,
): Promise<Array<string | null>> {
  await cluster.advance(1000) // the followers catch up and the high watermark moves to the log end
  const {
    responses: [fetched],
  } = await cluster.run(
    cluster
      .server(leaderPort - 9091)
      .api.fetch([{ topic: 't', partition, fetchOffset: 0, maxBytes: 1 << 24 }]),
  )
  return engine.decodeBatches(fetched!.records).flatMap((b) => b.records.map((r) => text(r.value)))
}

describe('Sender: max.in.flight.requests.per.connection per broker', () => {
  it('keeps sending to fast brokers while a slow one has its 5 requests in flight', async () => {
    const cluster = await clusterWithTopic('t', 6, 3)
    const leaders = await leaderPorts(cluster)
    const { directory, maxInFlight } = slowed(cluster, {
      delayMs: (port) => (port === 9092 ? 1000 : 1),
      lose: () => false,
    })
    const p = producer(cluster, directory, { 'linger.ms': '0', 'batch.size': '100' })
    // The first send waits for metadata and a producer id; after it, every send leaves at once.
    await cluster.run(p.send({ topic: 't', partition: 0, key: null, value: null }))
    const start = cluster.queue.now()
    const acked = new Map<number, number[]>()
    const sends: Array<Promise<RecordMetadata>> = []
    // 8 rounds of one 40-byte record per partition, 1 ms apart: with batch.size 100 each is a batch of its own.
    for (let round = 0; round < 8; round++) {
      for (let partition = 0; partition < 6; partition++) {
        const send = p.send({
          topic: 't',
          partition,
          key: null,
          value: utf8(`${partition}-${round}`.padEnd(40)),
        })
        void send.then(() =>
          acked.set(partition, [...(acked.get(partition) ?? []), cluster.queue.now() - start]),
        )
        sends.push(send)
      }
      await cluster.advance(1)
    }
    await cluster.run(Promise.all(sends))
    expect(maxInFlight.get(9092)).toBe(5)
    for (const [partition, port] of leaders) {
      const times = acked.get(partition)!
      expect(times).toHaveLength(8)
      // The fast brokers' partitions are all acknowledged before the slow broker answers anything: in rounds
      // (one limit for the whole producer) they would wait for its answers.
      if (port !== 9092) expect(Math.max(...times)).toBeLessThan(1000)
      else expect(Math.min(...times)).toBeGreaterThanOrEqual(1000)
    }
    for (const [partition, port] of leaders) {
      const warmUp = partition === 0 ? [null] : []
      const sent = Array.from({ length: 8 }, (_, r) => `${partition}-${r}`.padEnd(40))
      expect(await logOf(cluster, port, partition)).toEqual([...warmUp, ...sent])
    }
  })

  it('never exceeds the limit per broker, and keeps every acknowledged record once and in send order', async () => {
    const input = fc.record({
      seed: fc.integer({ min: 1, max: 1_000_000 }),
      limit: fc.integer({ min: 1, max: 5 }),
      idempotent: fc.boolean(),
      lossPercent: fc.constantFrom(0, 20),
      sends: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 80 }),
    })
    await fc.assert(
      fc.asyncProperty(input, async ({ seed, limit, idempotent, lossPercent, sends }) => {
        // Without idempotence a lost response is sent again and appended twice: only exactly-once with it.
        const loss = idempotent ? lossPercent : 0
        const cluster = await clusterWithTopic('t', 6, 3)
        const leaders = await leaderPorts(cluster)
        const random = new Random(seed)
        const { directory, maxInFlight } = slowed(cluster, {
          delayMs: () => random.nextInt(50),
          lose: () => random.nextInt(100) < loss,
        })
        const p = producer(cluster, directory, {
          'linger.ms': String(random.nextInt(3)),
          'batch.size': '200',
          'max.in.flight.requests.per.connection': String(limit),
          ...(idempotent ? {} : { acks: '1' }),
        })
        const results: Array<Promise<RecordMetadata>> = []
        for (const [i, partition] of sends.entries()) {
          results.push(p.send({ topic: 't', partition, key: null, value: utf8(`${partition}-${i}`) }))
          if (random.nextInt(4) === 0) await cluster.advance(random.nextInt(20))
        }
        const acked = await cluster.run(Promise.all(results))
        for (const count of maxInFlight.values()) expect(count).toBeLessThanOrEqual(limit)
        for (const [partition, port] of leaders) {
          const sent = sends.flatMap((p, i) => (p === partition ? [`${p}-${i}`] : []))
          expect(await logOf(cluster, port, partition)).toEqual(sent)
          const offsets = acked.filter((m) => m.partition === partition).map((m) => m.offset)
          expect(offsets).toEqual(sent.map((_, i) => i))
        }
      }),
      { numRuns: 12 },
    )
  }, 120_000)
})

describe('Sender: failed requests', () => {
  const failing = (cluster: SimKafkaCluster, failure: 'timeout' | 'disconnected'): BrokerDirectory => ({
    brokerAtPort: (port) => {
      const broker = cluster.brokerAtPort(port)
      return (
        broker &&
        new Proxy(broker, {
          get: (target, name): unknown =>
            name === 'produce'
              ? () => Promise.reject(new NetworkError(failure, 1))
              : Reflect.get(target, name),
        })
      )
    },
  })
  const error = async (
    cluster: SimKafkaCluster,
    config: Record<string, string>,
    directory: BrokerDirectory,
  ) =>
    (await cluster
      .run(
        producer(cluster, directory, config).send({ topic: 't', partition: 0, key: null, value: utf8('v') }),
      )
      .catch((e: unknown) => e)) as KafkaError

  it('fails without retries as the Java client does on a lost connection or a timed-out request', async () => {
    const cluster = await clusterWithTopic('t', 1)
    const config = { acks: '1', retries: '0', 'linger.ms': '0' }
    const lost = await error(cluster, config, failing(cluster, 'disconnected'))
    expect([lost.exceptionClass, lost.message]).toEqual([
      'org.apache.kafka.common.errors.NetworkException',
      'Disconnected from node 1',
    ])
    const timedOut = await error(cluster, config, failing(cluster, 'timeout'))
    expect([timedOut.exceptionClass, timedOut.message]).toEqual([
      'org.apache.kafka.common.errors.TimeoutException',
      'Disconnected from node 1 due to timeout',
    ])
  })

  it('retries every retry.backoff.ms until delivery.timeout.ms has passed since the batch was created', async () => {
    const cluster = await clusterWithTopic('t', 1)
    const expired = await error(
      cluster,
      { 'linger.ms': '0', 'delivery.timeout.ms': '1000', 'request.timeout.ms': '500' },
      failing(cluster, 'disconnected'),
    )
    expect([expired.exceptionClass, expired.message]).toEqual([
      'org.apache.kafka.common.errors.TimeoutException',
      'Expiring 1 record(s) for t-0:1000 ms has passed since batch creation',
    ])
  })
})
