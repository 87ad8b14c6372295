// The clients' ConfigDefs (ProducerConfig, ConsumerConfig of Kafka 4.1): a bad value fails the client's
// construction with ConfigDef's exact ConfigException text, the first bad config in definition order;
// partitioner.class (RoundRobinPartitioner, the one class a 4.x jar ships), partitioner.ignore.keys, and
// auto.offset.reset's by_duration strategy (KIP-1106).
import { beforeAll, describe, expect, it } from 'vitest'
import type { LogEngine } from '../../../engine-wasm/src/log/index.ts'
import { KafkaError } from '../../../workers/clients/kafka/api.ts'
import { KafkaConsumer } from '../../../workers/clients/kafka/consumer/kafka-consumer.ts'
import { autoOffsetResetStrategy } from '../../../workers/clients/kafka/consumer/auto-offset-reset-strategy.ts'
import { KafkaProducer } from '../../../workers/clients/kafka/producer/kafka-producer.ts'
import { RoundRobinPartitioner } from '../../../workers/clients/kafka/producer/round-robin-partitioner.ts'
import { Random } from '../../../workers/net/random.ts'
import { clusterWithTopic, connectionTo, loadLogEngine, text, utf8 } from './client-fixtures.ts'

let engine: LogEngine
beforeAll(async () => {
  engine = await loadLogEngine()
})

const CONFIG_EXCEPTION = 'org.apache.kafka.common.config.ConfigException'
const ROUND_ROBIN = 'org.apache.kafka.clients.producer.RoundRobinPartitioner'

function constructionError(build: () => unknown): KafkaError {
  try {
    build()
  } catch (error) {
    if (error instanceof KafkaError) return error
    throw error
  }
  throw new Error('the client was built')
}

describe('ProducerConfig', () => {
  const build = (config: Record<string, string>) => async () => {
    const cluster = await clusterWithTopic('t', 1)
    return constructionError(
      () => new KafkaProducer(connectionTo(cluster), engine, cluster.queue, new Random(1), config),
    )
  }

  it.each([
    [{ 'linger.ms': 'soon' }, 'Invalid value soon for configuration linger.ms: Not a number of type LONG'],
    [
      { 'batch.size': '99999999999' },
      'Invalid value 99999999999 for configuration batch.size: Not a number of type INT',
    ],
    [{ retries: '-1' }, 'Invalid value -1 for configuration retries: Value must be at least 0'],
    [
      { 'metadata.max.idle.ms': '10' },
      'Invalid value 10 for configuration metadata.max.idle.ms: Value must be at least 5000',
    ],
    [{ acks: ' 2 ' }, 'Invalid value 2 for configuration acks: String must be one of: all, -1, 0, 1'],
    [
      { 'enable.idempotence': 'yes' },
      'Invalid value yes for configuration enable.idempotence: Expected value to be either true or false',
    ],
    [
      { 'transactional.id': '' },
      'Invalid value  for configuration transactional.id: String must be non-empty',
    ],
    [
      { 'partitioner.class': 'org.apache.kafka.clients.producer.internals.DefaultPartitioner' },
      'Invalid value org.apache.kafka.clients.producer.internals.DefaultPartitioner for configuration partitioner.class: Class org.apache.kafka.clients.producer.internals.DefaultPartitioner could not be found.',
    ],
    // Two bad values: the first in ProducerConfig's definition order (retries before linger.ms) is named.
    [
      { 'linger.ms': 'x', retries: 'y' },
      'Invalid value y for configuration retries: Not a number of type INT',
    ],
  ])('refuses %o', async (config, message) => {
    const error = await build(config)()
    expect(error.exceptionClass).toBe(CONFIG_EXCEPTION)
    expect(error.message).toBe(message)
  })

  it('accepts a config Kafka does not define, and the round-robin partitioner by its class name', async () => {
    const cluster = await clusterWithTopic('t', 1)
    const config = { 'no.such.config': 'x', 'partitioner.class': ` ${ROUND_ROBIN} ` }
    expect(
      () => new KafkaProducer(connectionTo(cluster), engine, cluster.queue, new Random(1), config),
    ).not.toThrow()
  })

  it('RoundRobinPartitioner sends keyed and unkeyed records to each partition in turn', async () => {
    const cluster = await clusterWithTopic('t', 3)
    const p = new KafkaProducer(connectionTo(cluster), engine, cluster.queue, new Random(1), {
      'partitioner.class': ROUND_ROBIN,
    })
    const sent = await cluster.run(
      Promise.all(
        ['k', 'k', null, 'k', 'other'].map((key, i) =>
          p.send({ topic: 't', key: key === null ? null : utf8(key), value: utf8(`v${i}`) }),
        ),
      ),
    )
    expect(sent.map((m) => m.partition)).toEqual([0, 1, 2, 0, 1])
  })

  it('partitioner.ignore.keys spreads keyed records as unkeyed ones: one sticky partition', async () => {
    const cluster = await clusterWithTopic('t', 3)
    const sendAll = async (config: Record<string, string>) => {
      const p = new KafkaProducer(connectionTo(cluster), engine, cluster.queue, new Random(1), config)
      const keys = ['a', 'b', 'c', 'd', 'e', 'f']
      const sent = await cluster.run(
        Promise.all(keys.map((k) => p.send({ topic: 't', key: utf8(k), value: utf8(k) }))),
      )
      return new Set(sent.map((m) => m.partition)).size
    }
    expect(await sendAll({})).toBeGreaterThan(1)
    expect(await sendAll({ 'partitioner.ignore.keys': 'true' })).toBe(1)
  })
})

describe('RoundRobinPartitioner', () => {
  it('counts per topic over the partitions with a leader, and over all of them when none has', () => {
    const partitioner = new RoundRobinPartitioner()
    expect([0, 1, 2, 3].map(() => partitioner.partition('a', [0, 2], 3))).toEqual([0, 2, 0, 2])
    expect(partitioner.partition('b', [], 3)).toBe(0)
    expect(partitioner.partition('b', [], 3)).toBe(1)
  })
})

describe('ConsumerConfig', () => {
  const error = async (config: Record<string, string>) => {
    const cluster = await clusterWithTopic('t', 1)
    return constructionError(() => new KafkaConsumer(connectionTo(cluster), engine, cluster.queue, config))
  }

  it.each([
    [
      { 'fetch.min.bytes': 'abc' },
      'Invalid value abc for configuration fetch.min.bytes: Not a number of type INT',
    ],
    [
      { 'max.poll.records': '0' },
      'Invalid value 0 for configuration max.poll.records: Value must be at least 1',
    ],
    [
      { 'group.instance.id': '' },
      'Invalid value  for configuration group.instance.id: String must be non-empty',
    ],
    [
      { 'auto.offset.reset': 'begin' },
      "Invalid value begin for configuration auto.offset.reset: Invalid value `begin` for configuration auto.offset.reset. The value must be either 'earliest', 'latest', 'none' or of the format 'by_duration:<PnDTnHnMn.nS.>'.",
    ],
  ])('refuses %o', async (config, message) => {
    const refused = await error(config)
    expect(refused.exceptionClass).toBe(CONFIG_EXCEPTION)
    expect(refused.message).toBe(message)
  })

  it('reads auto.offset.reset as AutoOffsetResetStrategy.fromString does', () => {
    expect(autoOffsetResetStrategy('earliest')).toEqual({ type: 'earliest' })
    expect(autoOffsetResetStrategy('by_duration:PT1H')).toEqual({
      type: 'by_duration',
      durationMs: 3_600_000,
    })
    expect(autoOffsetResetStrategy('by_duration:P1DT0.5S')).toEqual({
      type: 'by_duration',
      durationMs: 86_400_500,
    })
    for (const refused of ['Earliest', 'by_duration', 'by_duration:', 'by_duration:-PT1H', 'by_duration:1H'])
      expect(autoOffsetResetStrategy(refused)).toBeNull()
  })

  it('by_duration starts at the first record that new, and at the log end where none is', async () => {
    const cluster = await clusterWithTopic('t', 1)
    const p = new KafkaProducer(connectionTo(cluster), engine, cluster.queue, new Random(1), {})
    await cluster.run(p.send({ topic: 't', key: null, value: utf8('old') }))
    await cluster.run(cluster.queue.sleep(60_000))
    await cluster.run(p.send({ topic: 't', key: null, value: utf8('new') }))
    const read = async (reset: string) => {
      const c = new KafkaConsumer(connectionTo(cluster), engine, cluster.queue, {
        'auto.offset.reset': reset,
      })
      await cluster.run(c.assign([{ topic: 't', partition: 0 }]))
      return (await cluster.run(c.poll(100))).map((r) => text(r.value))
    }
    expect(await read('by_duration:PT2M')).toEqual(['old', 'new'])
    expect(await read('by_duration:PT30S')).toEqual(['new'])
    expect(await read('by_duration:PT0S')).toEqual([])
  })
})
