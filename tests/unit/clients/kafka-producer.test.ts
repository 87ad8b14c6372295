// KafkaProducer against a simulated KRaft cluster: the murmur2 and sticky partitioners, batching (several
// sends become ONE produce request per leader with one batch per partition), contiguous offsets in
// RecordMetadata, acks=0, the size check against max.request.size with the Java client's text, broker
// errors as the Java exceptions, and send(record, callback): callbacks in send order, before the futures of
// their batch, errors found at send or later handed to the callback.
import { beforeAll, describe, expect, it } from 'vitest'
import type { LogEngine } from '../../../engine-wasm/src/log/index.ts'
import { KafkaError, type ProducerRecord, type RecordMetadata } from '../../../workers/clients/kafka/api.ts'
import type { BrokerDirectory } from '../../../workers/clients/kafka/bootstrap.ts'
import { KafkaProducer } from '../../../workers/clients/kafka/producer/kafka-producer.ts'
import { partitionForKey } from '../../../workers/clients/kafka/producer/murmur2.ts'
import { Random } from '../../../workers/net/random.ts'
import { LOOPBACK_ROUND_TRIP_MS, loopbackApi } from '../../../workers/net/loopback.ts'
import type { SimKafkaCluster } from '../kafka/server/sim-kafka-cluster.ts'
import {
  clusterWithTopic,
  connectionTo,
  loadLogEngine,
  recording,
  startCluster,
  utf8,
} from './client-fixtures.ts'

let engine: LogEngine
beforeAll(async () => {
  engine = await loadLogEngine()
})

const producer = (
  cluster: SimKafkaCluster,
  config: Record<string, string> = {},
  directory: BrokerDirectory = cluster,
) => new KafkaProducer(connectionTo(directory), engine, cluster.queue, new Random(11), config)
/** One broker with topic `t`, whose max.message.bytes (80) refuses a 100-byte record. */
async function clusterWithSmallTopic(): Promise<SimKafkaCluster> {
  const cluster = await startCluster(1)
  await cluster.run(
    cluster
      .server(1)
      .api.createTopics(
        [{ name: 't', numPartitions: 1, replicationFactor: 1, configs: { 'max.message.bytes': '80' } }],
        false,
      ),
  )
  return cluster
}

const rec = (topic: string, key: string | null, value: string, partition?: number): ProducerRecord => ({
  topic,
  key: key === null ? null : utf8(key),
  value: utf8(value),
  ...(partition === undefined ? {} : { partition }),
})

describe('KafkaProducer', () => {
  it('sends records queued together as one produce request with one batch per partition', async () => {
    const cluster = await clusterWithTopic('t', 3)
    const broker = recording(cluster)
    const p = producer(cluster, {}, broker)
    const sent = await cluster.run(
      Promise.all([0, 1, 2, 0, 1, 0].map((partition, i) => p.send(rec('t', null, `v${i}`, partition)))),
    )
    expect(broker.produceRequests).toHaveLength(1)
    const [request] = broker.produceRequests
    expect(request?.data.map((d) => [d.topic, d.partition])).toEqual([
      ['t', 0],
      ['t', 1],
      ['t', 2],
    ])
    expect(request?.data.map((d) => engine.decodeBatches(d.records).map((b) => b.records.length))).toEqual([
      [3],
      [2],
      [1],
    ])
    expect(sent.map((m) => [m.partition, m.offset])).toEqual([
      [0, 0],
      [1, 0],
      [2, 0],
      [0, 1],
      [1, 1],
      [0, 2],
    ])
  })

  it('on three brokers, sends one produce request to each partition leader, with only its partitions', async () => {
    const cluster = await clusterWithTopic('t', 6, 3)
    const broker = recording(cluster)
    const { topics } = await cluster.run(cluster.server(1).api.metadata(['t']))
    const leaderPort = new Map(topics[0]!.partitions.map((p) => [p.partition, 9091 + p.leader]))
    expect(new Set(leaderPort.values())).toEqual(new Set([9092, 9093, 9094]))
    const p = producer(cluster, {}, broker)
    const sent = await cluster.run(
      Promise.all([0, 1, 2, 3, 4, 5, 0].map((partition, i) => p.send(rec('t', null, `v${i}`, partition)))),
    )
    expect(sent.map((m) => m.offset)).toEqual([0, 0, 0, 0, 0, 0, 1])
    const requests = broker.produceRequests
    expect(requests.map((r) => r.port).sort()).toEqual([9092, 9093, 9094])
    for (const { port, data } of requests) {
      const expected = [...leaderPort].filter(([, leader]) => leader === port).map(([partition]) => partition)
      expect(data.map((d) => d.partition)).toEqual(expected)
    }
  })

  it('partitions keyed records by murmur2 and asks for metadata once per topic', async () => {
    const cluster = await clusterWithTopic('t', 5)
    const broker = recording(cluster)
    const p = producer(cluster, {}, broker)
    const first = await cluster.run(p.send(rec('t', '21', 'v')))
    expect(first.partition).toBe(partitionForKey(utf8('21'), 5))
    const keys = ['foobar', 'abc', 'a-little-bit-long-string', 'k1', 'k2', 'k3']
    const sent = await cluster.run(Promise.all(keys.map((k) => p.send(rec('t', k, 'v')))))
    expect(sent.map((m) => m.partition)).toEqual(keys.map((k) => partitionForKey(utf8(k), 5)))
    expect(broker.metadataRequests).toBe(1)
    expect(broker.produceRequests).toHaveLength(2)
  })

  it('sends null-key records to one sticky partition while they fit in batch.size', async () => {
    const cluster = await clusterWithTopic('t', 8)
    const p = producer(cluster)
    const sent = await cluster.run(Promise.all([1, 2, 3, 4, 5].map((i) => p.send(rec('t', null, `v${i}`)))))
    expect(new Set(sent.map((m) => m.partition)).size).toBe(1)
    expect(sent.map((m) => m.offset)).toEqual([0, 1, 2, 3, 4])
  })

  it('drains a partition at once when its batch reaches batch.size, and keeps requests in order', async () => {
    const cluster = await clusterWithTopic('t', 1)
    const broker = recording(cluster)
    const p = producer(cluster, { 'batch.size': '200', 'linger.ms': '1000' }, broker)
    const sent = await cluster.run(
      Promise.all([0, 1, 2, 3].map((i) => p.send(rec('t', null, `${i}`.repeat(100), 0)))),
    )
    expect(broker.produceRequests.length).toBeGreaterThan(1)
    expect(sent.map((m) => m.offset)).toEqual([0, 1, 2, 3])
  })

  it('stamps records with the clock time and resolves offset -1 under acks=0', async () => {
    const cluster = await clusterWithTopic('t', 1)
    const now = cluster.queue.now()
    const sent = await cluster.run(producer(cluster, { acks: '0' }).send(rec('t', 'k', 'v')))
    expect(sent).toEqual({ topic: 't', partition: 0, offset: -1, timestamp: now })
  })

  it('refuses a record above max.request.size with the Java client message', async () => {
    const cluster = await clusterWithTopic('t', 1)
    // 61 + 21 + key null (1) + value varint (2) + 100 + no headers (1) = 186.
    const error = await cluster
      .run(
        producer(cluster, { 'max.request.size': '185' }).send({
          topic: 't',
          key: null,
          value: new Uint8Array(100),
        }),
      )
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(KafkaError)
    expect((error as KafkaError).simpleName).toBe('RecordTooLargeException')
    expect((error as KafkaError).message).toBe(
      'The message is 186 bytes when serialized which is larger than 185, which is the value of the max.request.size configuration.',
    )
    await expect(
      cluster.run(
        producer(cluster, { 'max.request.size': '186' }).send({
          topic: 't',
          key: null,
          value: new Uint8Array(100),
        }),
      ),
    ).resolves.toMatchObject({ offset: 0 })
  })

  it('fails a send with the exception of the broker error', async () => {
    const cluster = await clusterWithSmallTopic()
    const error = (await cluster
      .run(producer(cluster).send(rec('t', null, 'x'.repeat(100))))
      .catch((e: unknown) => e)) as KafkaError
    expect(error.exceptionClass).toBe('org.apache.kafka.common.errors.RecordTooLargeException')
    const unknown = (await cluster
      .run(producer(cluster).send(rec('t', null, 'x', 4)))
      .catch((e: unknown) => e)) as KafkaError
    expect(unknown.simpleName).toBe('TimeoutException')
    expect(unknown.message).toBe(
      'Partition 4 of topic t with partition count 1 is not present in metadata after 60000 ms.',
    )
  })

  it('auto-creates the topic of its first send (num.partitions=1)', async () => {
    const cluster = await startCluster(1)
    const sent = await cluster.run(producer(cluster).send(rec('fresh', 'k', 'v')))
    expect(sent).toMatchObject({ topic: 'fresh', partition: 0, offset: 0 })
    const { topics } = await cluster.run(cluster.server(1).api.metadata(['fresh']))
    expect(topics[0]?.partitions).toHaveLength(1)
  })

  it('send with a callback calls it in send order, before the futures of the same batch settle', async () => {
    const cluster = await clusterWithTopic('t', 2)
    const p = producer(cluster)
    const order: string[] = []
    const told: Array<[RecordMetadata, Error | null]> = []
    const callback = (metadata: RecordMetadata, exception: Error | null) => {
      told.push([metadata, exception])
      order.push(`callback ${metadata.partition}:${metadata.offset}`)
    }
    const now = cluster.queue.now()
    p.send(rec('t', null, 'a', 0), callback)
    const future = p.send(rec('t', null, 'b', 0)).then((m) => order.push(`future ${m.partition}:${m.offset}`))
    p.send(rec('t', null, 'c', 0), callback)
    p.send(rec('t', null, 'd', 1), callback)
    await cluster.run(Promise.all([future, p.flush()]))
    expect(told).toEqual([
      [{ topic: 't', partition: 0, offset: 0, timestamp: now }, null],
      [{ topic: 't', partition: 0, offset: 2, timestamp: now }, null],
      [{ topic: 't', partition: 1, offset: 0, timestamp: now }, null],
    ])
    expect(order.indexOf('callback 0:2')).toBeLessThan(order.indexOf('future 0:1'))
  })

  it('send with a callback hands it the errors, found at send or from the broker, and returns nothing', async () => {
    const cluster = await clusterWithSmallTopic()
    const told: Array<[RecordMetadata, string]> = []
    const callback = (metadata: RecordMetadata, exception: Error | null) =>
      told.push([metadata, (exception as KafkaError | null)?.simpleName ?? 'none'])
    // Too large for max.request.size: told at once, before send returns.
    const small = producer(cluster, { 'max.request.size': '185' })
    expect(small.send({ topic: 't', key: null, value: new Uint8Array(100) }, callback)).toBeUndefined()
    expect(told).toEqual([
      [{ topic: 't', partition: -1, offset: -1, timestamp: -1 }, 'RecordTooLargeException'],
    ])
    // No partition 4 (after the metadata lookup), then above the topic's max.message.bytes (the broker's answer).
    const p = producer(cluster)
    p.send(rec('t', null, 'x', 4), callback)
    p.send(rec('t', null, 'x'.repeat(100)), callback)
    await cluster.run(p.flush())
    expect(told.slice(1)).toEqual([
      [{ topic: 't', partition: 4, offset: -1, timestamp: -1 }, 'TimeoutException'],
      [{ topic: 't', partition: 0, offset: -1, timestamp: -1 }, 'RecordTooLargeException'],
    ])
  })

  it('calls a throwing callback once for a record it cannot queue, and reports its error', async () => {
    const cluster = await clusterWithSmallTopic()
    let calls = 0
    const reported = new Promise((resolve) => process.once('unhandledRejection', resolve))
    producer(cluster).send(rec('t', null, 'x', 4), () => {
      calls++
      throw new Error('a broken callback')
    })
    await cluster.run(reported)
    expect(calls).toBe(1)
    await expect(reported).resolves.toMatchObject({ message: 'a broken callback' })
  })

  it('flush sends what is queued', async () => {
    const cluster = await clusterWithTopic('t', 1)
    const broker = recording(cluster)
    const p = producer(cluster, { 'linger.ms': '60000' }, broker)
    const pending = p.send(rec('t', null, 'v', 0))
    await cluster.run(p.flush())
    expect(broker.produceRequests).toHaveLength(1)
    await expect(cluster.run(pending)).resolves.toMatchObject({ offset: 0 })
  })
  it('blocks sends on the first metadata round trip, stamping records with the time it ended, as doSend does', async () => {
    const cluster = await clusterWithTopic('t', 1)
    const overLoopback: BrokerDirectory = {
      brokerAtPort: (port) => {
        const broker = cluster.brokerAtPort(port)
        return broker && loopbackApi(broker, cluster.queue)
      },
    }
    const p = producer(cluster, {}, overLoopback)
    const sentAt = cluster.queue.now()
    const sends = [
      p.send(rec('t', null, 'a')),
      p.send(rec('t', null, 'b')),
      p.send({ ...rec('t', null, 'c'), timestamp: 5 }),
    ]
    const queuedAt = p.whenQueued().then(() => cluster.queue.now())
    const [queued, ...sent] = await cluster.run(Promise.all([queuedAt, ...sends]))
    // Java's send returns after waitOnMetadata, so the records sent meanwhile are stamped no earlier than that.
    expect(queued).toBe(sentAt + LOOPBACK_ROUND_TRIP_MS)
    expect(sent.map((m) => m.timestamp)).toEqual([queued, queued, 5])
    // Once the partitions are known, a send queues at once and keeps its own clock reading.
    const later = cluster.queue.now()
    const next = p.send(rec('t', null, 'd'))
    await p.whenQueued()
    expect((await cluster.run(next)).timestamp).toBe(later)
  })
})
