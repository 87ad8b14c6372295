// Compression through the clients and a simulated cluster: the producer's compression configs refused with
// ProducerConfig's ConfigException text, a producer's batches compressed with compression.type (attributes
// bits, CRC), a consumer reading one partition written with every codec, and a topic whose
// compression.type makes the broker recompress what producers send.
import { beforeAll, describe, expect, it } from 'vitest'
import { CompressionType, type LogEngine } from '../../../engine-wasm/src/log/index.ts'
import { KafkaError } from '../../../workers/clients/kafka/api.ts'
import { KafkaConsumer } from '../../../workers/clients/kafka/consumer/kafka-consumer.ts'
import { KafkaProducer } from '../../../workers/clients/kafka/producer/kafka-producer.ts'
import { producerCompression } from '../../../workers/clients/kafka/producer/producer-compression.ts'
import { Random } from '../../../workers/net/random.ts'
import type { SimKafkaCluster } from '../kafka/server/sim-kafka-cluster.ts'
import { naiveCrc32c } from '../engine-wasm/log/log-fixtures.ts'
import {
  clusterWithTopic,
  connectionTo,
  loadLogEngine,
  recording,
  startCluster,
  text,
  utf8,
} from './client-fixtures.ts'

let engine: LogEngine
beforeAll(async () => {
  engine = await loadLogEngine()
})

const configError = (config: Record<string, string>): string => {
  try {
    producerCompression(config)
  } catch (error) {
    if (error instanceof KafkaError) return `${error.exceptionClass}: ${error.message}`
    throw error
  }
  return 'no error'
}

async function sendAll(
  cluster: SimKafkaCluster,
  config: Record<string, string>,
  values: string[],
): Promise<void> {
  const producer = new KafkaProducer(connectionTo(cluster), engine, cluster.queue, new Random(3), config)
  await cluster.run(
    Promise.all(values.map((v) => producer.send({ topic: 't', partition: 0, key: null, value: utf8(v) }))),
  )
  await cluster.run(producer.close())
}

async function consumeAll(cluster: SimKafkaCluster): Promise<string[]> {
  const consumer = new KafkaConsumer(connectionTo(cluster), engine, cluster.queue, {
    'auto.offset.reset': 'earliest',
  })
  await cluster.run(consumer.subscribe(['t']))
  const records = await cluster.run(consumer.poll(1000))
  return records.map((r) => `${r.offset}:${text(r.value)}`)
}

describe('producer compression configs', () => {
  it('parses compression.type and the level configs with their defaults', () => {
    expect(producerCompression({})).toEqual({ type: 0 })
    expect(producerCompression({ 'compression.type': ' gzip ' })).toEqual({ type: 1, level: -1 })
    expect(producerCompression({ 'compression.type': 'lz4' })).toEqual({ type: 3, level: 9 })
    expect(producerCompression({ 'compression.type': 'zstd', 'compression.zstd.level': '-5' })).toEqual({
      type: 4,
      level: -5,
    })
    expect(producerCompression({ 'compression.type': 'snappy' })).toEqual({ type: 2 })
  })

  it('refuses bad values with the ConfigException text of ProducerConfig', () => {
    const prefix = 'org.apache.kafka.common.config.ConfigException: Invalid value'
    expect(configError({ 'compression.type': 'gzipp' })).toBe(
      `${prefix} gzipp for configuration compression.type: String must be one of: none, gzip, snappy, lz4, zstd`,
    )
    expect(configError({ 'compression.type': 'uncompressed' })).toBe(
      `${prefix} uncompressed for configuration compression.type: String must be one of: none, gzip, snappy, lz4, zstd`,
    )
    expect(configError({ 'compression.gzip.level': '10' })).toBe(
      `${prefix} 10 for configuration compression.gzip.level: Value must be between 1 and 9 or equal to -1`,
    )
    expect(configError({ 'compression.gzip.level': '0' })).toBe(
      `${prefix} 0 for configuration compression.gzip.level: Value must be between 1 and 9 or equal to -1`,
    )
    expect(configError({ 'compression.lz4.level': '18' })).toBe(
      `${prefix} 18 for configuration compression.lz4.level: Value must be no more than 17`,
    )
    expect(configError({ 'compression.zstd.level': 'high' })).toBe(
      `${prefix} high for configuration compression.zstd.level: Not a number of type INT`,
    )
  })

  it('throws the ConfigException from the producer constructor', async () => {
    const cluster = await startCluster(1)
    expect(
      () =>
        new KafkaProducer(connectionTo(cluster), engine, cluster.queue, new Random(1), {
          'compression.type': 'brotli',
        }),
    ).toThrow('Invalid value brotli for configuration compression.type')
  })
})

describe('compressed batches end to end', () => {
  it('the producer sends batches compressed as compression.type says, with a valid CRC', async () => {
    const cluster = await clusterWithTopic('t', 1)
    const broker = recording(cluster)
    const producer = new KafkaProducer(connectionTo(broker), engine, cluster.queue, new Random(3), {
      'compression.type': 'snappy',
    })
    await cluster.run(
      Promise.all(['a', 'b', 'c'].map((v) => producer.send({ topic: 't', key: null, value: utf8(v) }))),
    )
    const bytes = broker.produceRequests[0]?.data[0]?.records ?? new Uint8Array(0)
    const view = new DataView(bytes.buffer, bytes.byteOffset)
    expect(view.getInt16(21) & 0x07).toBe(CompressionType.SNAPPY)
    expect(view.getUint32(17)).toBe(naiveCrc32c(bytes.subarray(21)))
    expect(engine.decodeBatches(bytes)[0]?.records.map((r) => text(r.value))).toEqual(['a', 'b', 'c'])
  })

  it('a consumer reads one partition written with every codec, in offset order', async () => {
    const cluster = await clusterWithTopic('t', 1)
    for (const codec of ['none', 'gzip', 'snappy', 'lz4', 'zstd']) {
      await sendAll(cluster, { 'compression.type': codec }, [`${codec}-1`, `${codec}-2`])
    }
    expect(await consumeAll(cluster)).toEqual([
      '0:none-1',
      '1:none-2',
      '2:gzip-1',
      '3:gzip-2',
      '4:snappy-1',
      '5:snappy-2',
      '6:lz4-1',
      '7:lz4-2',
      '8:zstd-1',
      '9:zstd-2',
    ])
  })

  it('a topic with compression.type=lz4 stores lz4 whatever the producer used', async () => {
    const cluster = await startCluster(1)
    const [created] = await cluster.run(
      cluster
        .server(1)
        .api.createTopics(
          [{ name: 't', numPartitions: 1, replicationFactor: 1, configs: { 'compression.type': 'lz4' } }],
          false,
        ),
    )
    expect(created?.error ?? null).toBeNull()
    await cluster.advance(2000)
    await sendAll(cluster, { 'compression.type': 'gzip' }, ['g'])
    await sendAll(cluster, {}, ['n'])
    const {
      responses: [fetched],
    } = await cluster.run(
      cluster.server(1).api.fetch([{ topic: 't', partition: 0, fetchOffset: 0, maxBytes: 1 << 20 }]),
    )
    const batches = engine.decodeBatches(fetched?.records ?? new Uint8Array(0))
    expect(batches.map((b) => [b.compressionType, text(b.records[0]?.value ?? null)])).toEqual([
      [3, 'g'],
      [3, 'n'],
    ])
  })
})
