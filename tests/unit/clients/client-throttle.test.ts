// KIP-219 on the client side (NetworkClient.maybeThrottle): a Produce or Fetch answer with a throttle time mutes
// the client's connection to that broker until the time has passed, and the client id travels in each request.
import { beforeAll, describe, expect, it } from 'vitest'
import type { LogEngine } from '../../../engine-wasm/src/log/index.ts'
import type { BrokerDirectory } from '../../../workers/clients/kafka/bootstrap.ts'
import { KafkaConsumer } from '../../../workers/clients/kafka/consumer/kafka-consumer.ts'
import { KafkaProducer } from '../../../workers/clients/kafka/producer/kafka-producer.ts'
import { Random } from '../../../workers/net/random.ts'
import type { BrokerApi } from '../../../workers/protocol/kafka.ts'
import type { SimKafkaCluster } from '../kafka/server/sim-kafka-cluster.ts'
import { clusterWithTopic, connectionTo, loadLogEngine, utf8 } from './client-fixtures.ts'

let engine: LogEngine
beforeAll(async () => {
  engine = await loadLogEngine()
})

const THROTTLE_MS = 700

interface Call {
  api: 'produce' | 'fetch'
  clientId: string | undefined
  atMs: number
}

/** The cluster, answering each produce and fetch with THROTTLE_MS, and noting when each call arrived. */
function throttling(cluster: SimKafkaCluster) {
  const calls: Call[] = []
  const wrap = (broker: BrokerApi): BrokerApi => {
    const produce: BrokerApi['produce'] = async (acks, timeoutMs, data, transactionalId, clientId) => {
      calls.push({ api: 'produce', clientId, atMs: cluster.queue.now() })
      const answer = await broker.produce(acks, timeoutMs, data, transactionalId, clientId)
      return { ...answer, throttleTimeMs: THROTTLE_MS }
    }
    const fetch: BrokerApi['fetch'] = async (partitions, isolationLevel, wait, clientId) => {
      calls.push({ api: 'fetch', clientId, atMs: cluster.queue.now() })
      const answer = await broker.fetch(partitions, isolationLevel, wait, clientId)
      return { ...answer, throttleTimeMs: THROTTLE_MS }
    }
    const overrides: Partial<BrokerApi> = { produce, fetch }
    return new Proxy(broker, {
      get: (target, name): unknown =>
        name in overrides ? overrides[name as keyof BrokerApi] : Reflect.get(target, name),
    })
  }
  const directory: BrokerDirectory = {
    brokerAtPort: (port) => {
      const broker = cluster.brokerAtPort(port)
      return broker && wrap(broker)
    },
  }
  return { directory, calls }
}

describe('a throttled client', () => {
  it('sends its next produce to the broker once the throttle time has passed', async () => {
    const cluster = await clusterWithTopic('t', 1)
    const { directory, calls } = throttling(cluster)
    const p = new KafkaProducer(connectionTo(directory), engine, cluster.queue, new Random(3), {
      'client.id': 'perf-producer',
      'linger.ms': '0',
    })
    await cluster.run(p.send({ topic: 't', partition: 0, key: null, value: utf8('a') }))
    const answeredAt = cluster.queue.now()
    await cluster.run(p.send({ topic: 't', partition: 0, key: null, value: utf8('b') }))
    const produces = calls.filter((c) => c.api === 'produce')
    expect(produces.map((c) => c.clientId)).toEqual(['perf-producer', 'perf-producer'])
    expect(produces[1]!.atMs - answeredAt).toBeGreaterThanOrEqual(THROTTLE_MS - 1)
  })

  it('fetches from the broker again once the throttle time has passed', async () => {
    const cluster = await clusterWithTopic('t', 1)
    const { directory, calls } = throttling(cluster)
    const consumer = new KafkaConsumer(connectionTo(directory), engine, cluster.queue, {}, new Random(5))
    await cluster.run(consumer.assign([{ topic: 't', partition: 0 }]))
    await cluster.run(consumer.poll(100))
    await cluster.run(consumer.poll(2000))
    const fetches = calls.filter((c) => c.api === 'fetch')
    // Polls of 100 ms and 2000 ms over an empty partition: the broker holds each fetch fetch.max.wait.ms (500 ms)
    // and answers it with the throttle time, for which the consumer mutes itself: the next fetch goes 1200 ms after.
    expect(fetches.map((c) => c.atMs - fetches[0]!.atMs)).toEqual([0, 500 + THROTTLE_MS])
    expect(new Set(fetches.map((c) => c.clientId))).toEqual(new Set(['consumer-1']))
  })
})
