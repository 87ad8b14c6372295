// A consumer's committed-offset lookup under its poll timer (ConsumerCoordinator.fetchCommittedOffsets): an
// OffsetFetch still in flight when a poll's timeout passes stays pending and the next polls wait for the same one
// (PendingCommittedOffsetRequest) instead of sending another; and while the coordinator cannot be found, poll
// returns at its timeout and committed() fails at default.api.timeout.ms (ensureCoordinatorReady(timer)).
import { beforeAll, describe, expect, it } from 'vitest'
import type { LogEngine } from '../../../engine-wasm/src/log/index.ts'
import { KafkaError } from '../../../workers/clients/kafka/api.ts'
import type { BrokerDirectory } from '../../../workers/clients/kafka/bootstrap.ts'
import { KafkaConsumer } from '../../../workers/clients/kafka/consumer/kafka-consumer.ts'
import { KafkaProducer } from '../../../workers/clients/kafka/producer/kafka-producer.ts'
import { Random } from '../../../workers/net/random.ts'
import type { BrokerApi } from '../../../workers/protocol/kafka.ts'
import type { SimKafkaCluster } from '../kafka/server/sim-kafka-cluster.ts'
import { clusterWithTopic, connectionTo, loadLogEngine, text, utf8 } from './client-fixtures.ts'

let engine: LogEngine
beforeAll(async () => {
  engine = await loadLogEngine()
})

/** Topic `t` with one record. */
async function clusterWithRecord(): Promise<SimKafkaCluster> {
  const cluster = await clusterWithTopic('t', 1)
  const producer = new KafkaProducer(connectionTo(cluster), engine, cluster.queue, new Random(3), {
    'linger.ms': '0',
  })
  await cluster.run(producer.send({ topic: 't', partition: 0, key: null, value: utf8('v') }))
  await cluster.run(producer.close())
  return cluster
}

/** The cluster as the consumer reaches it, with some of its group requests replaced. */
function withGroupRequests(cluster: SimKafkaCluster, overrides: (broker: BrokerApi) => Partial<BrokerApi>) {
  const directory: BrokerDirectory = {
    brokerAtPort(port) {
      const broker = cluster.brokerAtPort(port)
      if (broker === null) return null
      const replaced = overrides(broker)
      return new Proxy(broker, {
        get: (target, name): unknown =>
          name in replaced ? replaced[name as keyof BrokerApi] : Reflect.get(target, name),
      })
    },
  }
  return new KafkaConsumer(connectionTo(directory), engine, cluster.queue, {
    'group.id': 'g',
    'auto.offset.reset': 'earliest',
  })
}

describe('committed offsets under the poll timer', () => {
  it('keeps one OffsetFetch pending across the polls that time out waiting for it', async () => {
    const cluster = await clusterWithRecord()
    let offsetFetches = 0
    const consumer = withGroupRequests(cluster, (broker) => ({
      offsetFetch: async (request) => {
        offsetFetches++
        await cluster.queue.sleep(1500)
        return broker.offsetFetch(request)
      },
    }))
    await consumer.assign([{ topic: 't', partition: 0 }])
    for (let i = 0; i < 5; i++) {
      const start = cluster.queue.now()
      expect(await cluster.run(consumer.poll(200))).toEqual([])
      expect(cluster.queue.now()).toBe(start + 200)
    }
    const records = await cluster.run(consumer.poll(2000))
    expect(records.map((r) => text(r.value))).toEqual(['v'])
    expect(offsetFetches).toBe(1)
    // The answer was taken: the next lookup of committed offsets sends a new request.
    await cluster.run(consumer.committed([{ topic: 't', partition: 0 }]))
    expect(offsetFetches).toBe(2)
  })

  it('drops the pending OffsetFetch when the next lookup is for other partitions', async () => {
    const cluster = await clusterWithRecord()
    const asked: string[] = []
    const consumer = withGroupRequests(cluster, (broker) => ({
      offsetFetch: async (request) => {
        asked.push(
          (request.topics ?? []).flatMap((t) => t.partitionIndexes.map((p) => `${t.name}-${p}`)).join(','),
        )
        await cluster.queue.sleep(1500)
        return broker.offsetFetch(request)
      },
    }))
    await consumer.assign([{ topic: 't', partition: 0 }])
    expect(await cluster.run(consumer.poll(200))).toEqual([])
    await cluster.run(consumer.committed([{ topic: 't', partition: 1 }]))
    expect(asked).toEqual(['t-0', 't-1'])
  })

  it('returns from poll at its timeout while the coordinator cannot be found; committed() times out', async () => {
    const cluster = await clusterWithRecord()
    let lookups = 0
    const consumer = withGroupRequests(cluster, (broker) => ({
      findCoordinator: async (key, keyType) => {
        lookups++
        return { ...(await broker.findCoordinator(key, keyType)), error: 'COORDINATOR_NOT_AVAILABLE' }
      },
    }))
    await consumer.assign([{ topic: 't', partition: 0 }])
    const start = cluster.queue.now()
    expect(await cluster.run(consumer.poll(300))).toEqual([])
    expect(cluster.queue.now()).toBe(start + 300)
    expect(lookups).toBeGreaterThan(1)
    let thrown: unknown = null
    await cluster.run(consumer.committed([{ topic: 't', partition: 0 }])).catch((error: unknown) => {
      thrown = error
    })
    expect(thrown).toBeInstanceOf(KafkaError)
    expect(`${(thrown as KafkaError).exceptionClass}: ${(thrown as KafkaError).message}`).toBe(
      'org.apache.kafka.common.errors.TimeoutException: Timeout of 60000ms expired before the last committed ' +
        'offset for partitions [t-0] could be determined. Try tuning default.api.timeout.ms larger to relax ' +
        'the threshold.',
    )
    expect(cluster.queue.now()).toBe(start + 300 + 60_000)
  })
})
