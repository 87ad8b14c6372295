/**
 * KafkaProducer.waitOnMetadata: a send to a topic the cluster does not have asks Metadata again, with the metadata
 * backoff, until the topic has partitions (auto-created) or max.block.ms passes (TimeoutException caused by the
 * topic's error); each answer with topic errors is logged as NetworkClient's WARN with its correlation id.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { LogEngine } from '../../../engine-wasm/src/log/index.ts'
import { KafkaError, type ClientLog } from '../../../workers/clients/kafka/api.ts'
import { ClusterConnection } from '../../../workers/clients/kafka/cluster-connection.ts'
import { ExponentialBackoff } from '../../../workers/clients/kafka/exponential-backoff.ts'
import { LogContext } from '../../../workers/clients/kafka/log-context.ts'
import { KafkaProducer } from '../../../workers/clients/kafka/producer/kafka-producer.ts'
import { VirtualClock, type Clock } from '../../../workers/net/clock.ts'
import { Random } from '../../../workers/net/random.ts'
import type { BrokerApi, MetadataResponse } from '../../../workers/protocol/kafka.ts'
import { asJavaException } from '../../../workers/tools/kafka/tool-errors.ts'
import type { BrokerDirectory } from '../../../workers/clients/kafka/bootstrap.ts'
import { loadLogEngine, startCluster, utf8 } from './client-fixtures.ts'

let engine: LogEngine
beforeAll(async () => {
  engine = await loadLogEngine()
})

const PREFIX = '[Producer clientId=console-producer] '
const warning = (id: number, errors: string) =>
  `${PREFIX}The metadata response from the cluster reported a recoverable issue with correlation id ${id} : {${errors}}`

function logged() {
  const lines: Array<[string, string, string]> = []
  const log: ClientLog = (level, logger, message) => lines.push([level, logger, message])
  return { lines, logContext: new LogContext(PREFIX, log) }
}

function producer(
  directory: BrokerDirectory,
  clock: Clock,
  config: Record<string, string>,
  logContext: LogContext,
) {
  const connection = new ClusterConnection(directory, 'localhost:9092', clock, logContext)
  return new KafkaProducer(connection, engine, clock, new Random(7), config)
}

/** A broker that never has the topic, as one with auto.create.topics.enable=false answers. */
function withoutAutoCreation(): BrokerDirectory {
  const metadata = (topics: string[] | null): Promise<MetadataResponse> =>
    Promise.resolve({
      clusterId: 'c',
      controllerId: 1,
      brokers: [{ id: 1, host: 'localhost', port: 9092, rack: null }],
      topics: (topics ?? []).map((name) => ({
        name,
        topicId: 'AAAAAAAAAAAAAAAAAAAAAA',
        isInternal: false,
        error: 'UNKNOWN_TOPIC_OR_PARTITION' as const,
        partitions: [],
      })),
    })
  const broker = { metadata } as unknown as BrokerApi
  return { brokerAtPort: (port) => (port === 9092 ? broker : null) }
}

describe('KafkaProducer waits for the metadata of a topic it has none for', () => {
  it('logs the WARN of the first answer, then sends once the auto-created topic appears', async () => {
    const cluster = await startCluster(1)
    const { lines, logContext } = logged()
    const p = producer(cluster, cluster.queue, { 'client.id': 'console-producer' }, logContext)
    const sent = await cluster.run(p.send({ topic: 'new_topic', key: null, value: utf8('hello world') }))
    expect(sent).toMatchObject({ topic: 'new_topic', partition: 0, offset: 0 })
    expect(lines).toEqual([
      ['WARN', 'org.apache.kafka.clients.NetworkClient', warning(1, 'new_topic=UNKNOWN_TOPIC_OR_PARTITION')],
    ])
    await cluster.run(p.close())
  })

  it('fails with InvalidTopicException at once for an illegal name, logging the WARN and the Metadata ERROR', async () => {
    const cluster = await startCluster(1)
    const { lines, logContext } = logged()
    const p = producer(cluster, cluster.queue, {}, logContext)
    const start = cluster.queue.now()
    const error: unknown = await cluster
      .run(p.send({ topic: 'bad topic', key: null, value: null }))
      .catch((e: unknown) => e)
    expect(cluster.queue.now()).toBe(start)
    expect(asJavaException(error).stackTrace()).toBe(
      'org.apache.kafka.common.errors.InvalidTopicException: Invalid topics: [bad topic]\n',
    )
    expect(lines).toEqual([
      ['WARN', 'org.apache.kafka.clients.NetworkClient', warning(1, 'bad topic=INVALID_TOPIC_EXCEPTION')],
      [
        'ERROR',
        'org.apache.kafka.clients.Metadata',
        `${PREFIX}Metadata response reported invalid topics [bad topic]`,
      ],
    ])
  })

  it('without auto-creation asks again with the exponential backoff and times out after max.block.ms', async () => {
    const clock = new VirtualClock()
    const start = clock.now()
    const { lines, logContext } = logged()
    const p = producer(withoutAutoCreation(), clock, { 'max.block.ms': '5000' }, logContext)
    const error: unknown = await p.send({ topic: 'gone', key: null, value: null }).catch((e: unknown) => e)
    expect(clock.now() - start).toBe(5000)
    expect(error).toBeInstanceOf(KafkaError)
    expect(asJavaException(error).stackTrace()).toBe(
      'org.apache.kafka.common.errors.TimeoutException: Topic gone not present in metadata after 5000 ms.\n' +
        'Caused by: org.apache.kafka.common.errors.UnknownTopicOrPartitionException: This server does not host this topic-partition.\n',
    )
    // The bootstrap connection (-1) answers first: ApiVersions 0, Metadata 1. Then node 1's: ApiVersions 2, 3, 4...
    const ids = lines.map(([, , message]) => Number(/correlation id (\d+)/.exec(message)?.[1]))
    expect(ids).toEqual([1, ...ids.slice(1).map((_, i) => i + 3)])
    // Waits of about 100, 200, 400, 800 and 1000 ms: seven answers in 5 s, give or take the jitter.
    expect(ids.length).toBeGreaterThanOrEqual(6)
    expect(ids.length).toBeLessThanOrEqual(8)
    expect(lines[0]).toEqual([
      'WARN',
      'org.apache.kafka.clients.NetworkClient',
      warning(1, 'gone=UNKNOWN_TOPIC_OR_PARTITION'),
    ])
  })
})

describe('ExponentialBackoff', () => {
  it('doubles from the initial interval with ±20 % jitter, capped at the maximum', () => {
    const backoff = new ExponentialBackoff(100, 2, 1000, 0.2, new Random(3))
    for (let i = 0; i < 50; i++) {
      const first = backoff.backoff(0)
      expect(first).toBeGreaterThanOrEqual(80)
      expect(first).toBeLessThan(120)
      const third = backoff.backoff(2)
      expect(third).toBeGreaterThanOrEqual(320)
      expect(third).toBeLessThan(480)
      const late = backoff.backoff(20)
      expect(late).toBeGreaterThanOrEqual(800)
      expect(late).toBeLessThanOrEqual(1000)
    }
    expect(new ExponentialBackoff(100, 2, 100, 0.2, new Random(3)).backoff(5)).toBe(100)
  })
})
