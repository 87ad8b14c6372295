// Admin.deleteRecords against a simulated 3-broker KRaft cluster, as Kafka 4.1's admin client drives it: one
// request per leader broker, the low watermark per partition once the followers moved too; a broker's refusal
// as the partition's exception (OFFSET_OUT_OF_RANGE, INVALID_TOPIC_EXCEPTION for an internal topic, with the
// error's default message); an unknown topic or partition looked up until default.api.timeout.ms; and the
// consumer's next reads and ListOffsets earliest starting at the new log start offset.
import { beforeAll, describe, expect, it } from 'vitest'
import type { LogEngine } from '../../../engine-wasm/src/log/index.ts'
import { ClusterKafkaClients } from '../../../workers/clients/kafka/kafka-clients.ts'
import type { DeletedRecords } from '../../../workers/clients/kafka/api.ts'
import { clusterWithTopic, loadLogEngine, text, utf8 } from './client-fixtures.ts'

let engine: LogEngine
beforeAll(async () => {
  engine = await loadLogEngine()
})

const BOOTSTRAP = 'localhost:9092'

const summary = (results: readonly DeletedRecords[]) =>
  results.map((r) => ({
    tp: `${r.topic}-${r.partition}`,
    lowWatermark: r.lowWatermark,
    error: r.error === null ? null : `${r.error.exceptionClass}: ${r.error.message}`,
  }))

async function setUp() {
  const cluster = await clusterWithTopic('t', 2, 3)
  const clients = new ClusterKafkaClients(cluster, engine, cluster.queue, 3)
  const producer = clients.producer(BOOTSTRAP, { acks: 'all', 'linger.ms': '0' })
  for (let i = 0; i < 6; i++) {
    await cluster.run(producer.send({ topic: 't', partition: i % 2, key: null, value: utf8(`v${i}`) }))
  }
  await cluster.run(producer.close())
  return { cluster, clients, admin: clients.admin(BOOTSTRAP) }
}

describe('Admin.deleteRecords', () => {
  it('answers each partition low watermark, one request per leader broker', async () => {
    const { cluster, clients, admin } = await setUp()
    const results = await cluster.run(
      admin.deleteRecords([
        { topic: 't', partition: 0, beforeOffset: 2 },
        { topic: 't', partition: 1, beforeOffset: -1 },
      ]),
    )
    expect(summary(results)).toEqual([
      { tp: 't-0', lowWatermark: 2, error: null },
      { tp: 't-1', lowWatermark: 3, error: null },
    ])
    const earliest = await cluster.run(
      admin.listOffsets(
        [0, 1].map((partition) => ({ topic: 't', partition, spec: { spec: 'earliest' as const } })),
      ),
    )
    expect(earliest.map((o) => o.offset)).toEqual([2, 3])
    // A consumer starting from the earliest offset reads only what is left.
    const consumer = clients.consumer(BOOTSTRAP, { 'auto.offset.reset': 'earliest' })
    await cluster.run(consumer.assign([{ topic: 't', partition: 0 }]))
    const records = await cluster.run(consumer.poll(1_000))
    expect(records.map((r) => [r.offset, text(r.value)])).toEqual([[2, 'v4']])
    await cluster.run(consumer.close())
  })

  it('fails a partition the broker refuses, with the error default message', async () => {
    const { cluster, admin } = await setUp()
    const results = await cluster.run(
      admin.deleteRecords([
        { topic: 't', partition: 0, beforeOffset: 10 },
        { topic: 't', partition: 1, beforeOffset: 1 },
      ]),
    )
    expect(summary(results)).toEqual([
      {
        tp: 't-0',
        lowWatermark: -1,
        error:
          'org.apache.kafka.common.errors.OffsetOutOfRangeException: The requested offset is not within the range of offsets maintained by the server.',
      },
      { tp: 't-1', lowWatermark: 1, error: null },
    ])
  })

  it('refuses an internal topic and times out on an unknown partition after default.api.timeout.ms', async () => {
    const { cluster, admin } = await setUp()
    const groups = new ClusterKafkaClients(cluster, engine, cluster.queue, 3)
    // A consumer group makes the broker create __consumer_offsets.
    const consumer = groups.consumer(BOOTSTRAP, { 'group.id': 'g', 'auto.offset.reset': 'earliest' })
    await cluster.run(consumer.subscribe(['t']))
    await cluster.run(consumer.poll(5_000))
    await cluster.run(consumer.close())
    const start = cluster.queue.now()
    const results = await cluster.run(
      admin.deleteRecords([
        { topic: '__consumer_offsets', partition: 0, beforeOffset: 0 },
        { topic: 't', partition: 42, beforeOffset: 1 },
      ]),
    )
    expect(summary(results)).toEqual([
      {
        tp: '__consumer_offsets-0',
        lowWatermark: -1,
        error:
          'org.apache.kafka.common.errors.InvalidTopicException: The request attempted to perform an operation on an invalid topic.',
      },
      {
        tp: 't-42',
        lowWatermark: -1,
        error:
          'org.apache.kafka.common.errors.TimeoutException: Timed out waiting for a node assignment. Call: deleteRecords(api=METADATA)',
      },
    ])
    expect(cluster.queue.now() - start).toBeGreaterThanOrEqual(59_900)
  })
})
