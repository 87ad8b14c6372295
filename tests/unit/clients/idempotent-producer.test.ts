// The idempotent KafkaProducer (Kafka 4.x default) against a simulated cluster: ProducerConfig's idempotence
// checks with the Java texts, InitProducerId before the first request, a sequence per partition stamped at
// drain, a retry after a lost response that keeps its sequence and resolves with the original offset, and the
// duplicate the same lost response leaves behind when idempotence is off.
import { beforeAll, describe, expect, it } from 'vitest'
import type { LogEngine } from '../../../engine-wasm/src/log/index.ts'
import { KafkaError } from '../../../workers/clients/kafka/api.ts'
import type { BrokerDirectory } from '../../../workers/clients/kafka/bootstrap.ts'
import { KafkaProducer } from '../../../workers/clients/kafka/producer/kafka-producer.ts'
import { NetworkError } from '../../../workers/net/transport.ts'
import { Random } from '../../../workers/net/random.ts'
import type { BrokerApi, ProducePartitionData } from '../../../workers/protocol/kafka.ts'
import type { SimKafkaCluster } from '../kafka/server/sim-kafka-cluster.ts'
import { clusterWithTopic, connectionTo, loadLogEngine, recording, text, utf8 } from './client-fixtures.ts'

let engine: LogEngine
beforeAll(async () => {
  engine = await loadLogEngine()
})

const producer = (cluster: SimKafkaCluster, config: Record<string, string>, directory: BrokerDirectory) =>
  new KafkaProducer(connectionTo(directory), engine, cluster.queue, new Random(11), config)
const send = (p: KafkaProducer, partition: number, value: string) =>
  p.send({ topic: 't', partition, key: null, value: utf8(value) })

function configError(config: Record<string, string>): string {
  try {
    new KafkaProducer(
      connectionTo({ brokerAtPort: () => null }),
      engine,
      { now: () => 0 } as never,
      new Random(1),
      config,
    )
  } catch (error) {
    expect(error).toBeInstanceOf(KafkaError)
    expect((error as KafkaError).exceptionClass).toBe('org.apache.kafka.common.config.ConfigException')
    return (error as KafkaError).message
  }
  throw new Error('expected a ConfigException')
}

/** [producerId, producerEpoch, baseSequence] of each batch of a produce request, by partition. */
const stamps = (data: readonly ProducePartitionData[]) =>
  data.map((d) => {
    const [batch] = engine.decodeBatches(d.records)
    return [d.partition, batch?.producerId, batch?.producerEpoch, batch?.baseSequence]
  })

/** The cluster, except that the first `lose` produce responses are lost after the broker appended. */
function losingResponses(directory: BrokerDirectory, lose: number) {
  const sent: ProducePartitionData[][] = []
  let lost = 0
  const wrap = (broker: BrokerApi): BrokerApi =>
    new Proxy(broker, {
      get: (target, name): unknown =>
        name !== 'produce'
          ? Reflect.get(target, name)
          : async (...args: Parameters<BrokerApi['produce']>) => {
              sent.push(args[2])
              const responses = await target.produce(...args)
              if (lost++ < lose) throw new NetworkError('timeout', 1)
              return responses
            },
    })
  return {
    sent,
    brokerAtPort: (port: number) => directory.brokerAtPort(port) && wrap(directory.brokerAtPort(port)!),
  }
}

async function values(cluster: SimKafkaCluster): Promise<Array<string | null>> {
  const {
    responses: [fetched],
  } = await cluster.run(
    cluster.server(1).api.fetch([{ topic: 't', partition: 0, fetchOffset: 0, maxBytes: 1 << 20 }]),
  )
  return engine.decodeBatches(fetched!.records).flatMap((b) => b.records.map((r) => text(r.value)))
}

describe('idempotence settings (ProducerConfig.postProcessAndValidateIdempotenceConfigs)', () => {
  it('refuses acks other than all, or retries=0, when enable.idempotence was set explicitly', () => {
    expect(configError({ 'enable.idempotence': 'true', acks: '1' })).toBe(
      'Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence.',
    )
    expect(configError({ 'enable.idempotence': 'true', retries: '0' })).toBe(
      'Must set retries to non-zero when using the idempotent producer.',
    )
    expect(configError({ 'enable.idempotence': 'yes' })).toBe(
      'Invalid value yes for configuration enable.idempotence: Expected value to be either true or false',
    )
    expect(configError({ acks: '2' })).toBe(
      'Invalid value 2 for configuration acks: String must be one of: all, -1, 0, 1',
    )
  })

  it('refuses more than 5 requests in flight while enable.idempotence is true, even where acks turns it off', () => {
    const message =
      'To use the idempotent producer, max.in.flight.requests.per.connection must be set to at most 5. Current value is 6.'
    expect(configError({ 'max.in.flight.requests.per.connection': '6' })).toBe(message)
    expect(configError({ acks: '1', 'max.in.flight.requests.per.connection': '6' })).toBe(message)
  })

  it('silently turns idempotence off for acks=1 when it was not set: batches carry no producer id', async () => {
    const cluster = await clusterWithTopic('t', 1)
    const broker = recording(cluster)
    const p = producer(cluster, { acks: '1' }, broker)
    await cluster.run(send(p, 0, 'a'))
    expect(stamps(broker.produceRequests[0]!.data)).toEqual([[0, -1, -1, -1]])
  })
})

describe('the idempotent producer', () => {
  it('gets a producer id first and stamps each partition with its own sequence at drain', async () => {
    const cluster = await clusterWithTopic('t', 2)
    const broker = recording(cluster)
    const p = producer(cluster, {}, broker)
    await cluster.run(Promise.all([send(p, 0, 'a'), send(p, 0, 'b'), send(p, 0, 'c'), send(p, 1, 'd')]))
    await cluster.run(Promise.all([send(p, 1, 'e'), send(p, 0, 'f')]))
    expect(broker.produceRequests.map((r) => stamps(r.data))).toEqual([
      [
        [0, 0, 0, 0],
        [1, 0, 0, 0],
      ],
      [
        [1, 0, 0, 1],
        [0, 0, 0, 3],
      ],
    ])
  })

  it('retries a batch whose response was lost with the same sequence, and gets its first offset back', async () => {
    const cluster = await clusterWithTopic('t', 1)
    const broker = losingResponses(cluster, 1)
    const p = producer(cluster, {}, broker)
    const sent = await cluster.run(Promise.all([send(p, 0, 'a'), send(p, 0, 'b')]))
    expect(sent.map((m) => m.offset)).toEqual([0, 1])
    expect(broker.sent.map(stamps)).toEqual([[[0, 0, 0, 0]], [[0, 0, 0, 0]]])
    expect(await values(cluster)).toEqual(['a', 'b'])
  })

  it('without idempotence, the same lost response leaves a duplicate', async () => {
    const cluster = await clusterWithTopic('t', 1)
    const p = producer(cluster, { 'enable.idempotence': 'false' }, losingResponses(cluster, 1))
    const sent = await cluster.run(Promise.all([send(p, 0, 'a'), send(p, 0, 'b')]))
    expect(sent.map((m) => m.offset)).toEqual([2, 3])
    expect(await values(cluster)).toEqual(['a', 'b', 'a', 'b'])
  })
})
