// KafkaAdminClient errors as the Java Admin raises them, bootstrap.servers resolution, and
// ClusterKafkaClients wiring clients to the broker at the address (or failing like the Java client), against
// a simulated KRaft cluster.
import { beforeAll, describe, expect, it } from 'vitest'
import type { LogEngine } from '../../../engine-wasm/src/log/index.ts'
import { KafkaAdminClient } from '../../../workers/clients/kafka/admin-client.ts'
import { KafkaError } from '../../../workers/clients/kafka/api.ts'
import { parseBootstrapServers } from '../../../workers/clients/kafka/bootstrap.ts'
import { ClusterConnection } from '../../../workers/clients/kafka/cluster-connection.ts'
import { ClusterKafkaClients } from '../../../workers/clients/kafka/kafka-clients.ts'
import { LogContext } from '../../../workers/clients/kafka/log-context.ts'
import { VirtualClock } from '../../../workers/net/clock.ts'
import type { BrokerApi } from '../../../workers/protocol/kafka.ts'
import { connectionTo, loadLogEngine, startCluster, utf8 } from './client-fixtures.ts'

let engine: LogEngine
beforeAll(async () => {
  engine = await loadLogEngine()
})

const failure = async (promise: Promise<unknown>): Promise<KafkaError> => {
  const error = await promise.catch((e: unknown) => e)
  if (!(error instanceof KafkaError)) throw new Error(`expected a KafkaError, got ${String(error)}`)
  return error
}

describe('KafkaAdminClient', () => {
  it('creates, lists, describes and deletes topics; errors carry the Java class and Kafka text', async () => {
    const cluster = await startCluster(1)
    const { run } = cluster
    const admin = new KafkaAdminClient(connectionTo(cluster))
    await run(admin.createTopics([{ name: 'orders', numPartitions: 2, configs: {} }]))
    const exists = await failure(run(admin.createTopics([{ name: 'orders', configs: {} }])))
    expect([exists.exceptionClass, exists.message]).toEqual([
      'org.apache.kafka.common.errors.TopicExistsException',
      "Topic 'orders' already exists.",
    ])
    const rf = await failure(run(admin.createTopics([{ name: 'r', replicationFactor: 3, configs: {} }])))
    expect(rf.simpleName).toBe('InvalidReplicationFactorException')
    await run(admin.createTopics([{ name: 'v', configs: {} }], { validateOnly: true }))
    expect(await run(admin.listTopics())).toEqual(['orders'])
    const [orders] = await run(admin.describeTopics(['orders']))
    expect(orders?.partitions.map((p) => p.partition)).toEqual([0, 1])
    const unknown = await failure(run(admin.describeTopics(['nope'])))
    expect([unknown.simpleName, unknown.message]).toEqual([
      'UnknownTopicOrPartitionException',
      'This server does not host this topic-partition.',
    ])
    const described = await run(admin.describeCluster())
    expect(described.nodes).toEqual([{ id: 1, host: 'localhost', port: 9092, rack: null }])
    await run(admin.deleteTopics(['orders']))
    expect(await run(admin.listTopics())).toEqual([])
    expect((await failure(run(admin.deleteTopics(['orders'])))).simpleName).toBe(
      'UnknownTopicOrPartitionException',
    )
  })

  it('on three brokers, describes every node and places replicas on all of them', async () => {
    const cluster = await startCluster(3)
    const { run } = cluster
    const admin = new KafkaAdminClient(connectionTo(cluster))
    expect((await run(admin.describeCluster())).nodes.map((n) => [n.id, n.port])).toEqual([
      [1, 9092],
      [2, 9093],
      [3, 9094],
    ])
    await run(admin.createTopics([{ name: 'r', numPartitions: 3, replicationFactor: 3, configs: {} }]))
    const [r] = await run(admin.describeTopics(['r']))
    for (const p of r!.partitions) expect([...p.replicas].sort()).toEqual([1, 2, 3])
    const rf = await failure(run(admin.createTopics([{ name: 'x', replicationFactor: 4, configs: {} }])))
    expect([rf.simpleName, rf.message]).toEqual([
      'InvalidReplicationFactorException',
      'Unable to replicate the partition 4 time(s): The target replication factor of 4 cannot be reached because only 3 broker(s) are registered.',
    ])
  })
})

describe('bootstrap', () => {
  it('parses host:port lists', () => {
    expect(parseBootstrapServers(' localhost:9092, broker-2:9093 ,,[::1]:9094')).toEqual([
      { host: 'localhost', port: 9092 },
      { host: 'broker-2', port: 9093 },
      { host: '[::1]', port: 9094 },
    ])
  })

  it('reaches the first local address where a broker listens, and times out when there is none', async () => {
    const cluster = await startCluster(1)
    const broker = cluster.server(1).api
    const directory = { brokerAtPort: (port: number): BrokerApi | null => (port === 9093 ? broker : null) }
    const reached = (servers: string) =>
      new ClusterConnection(directory, servers).any((b) => Promise.resolve(b))
    expect(await reached('localhost:9092,127.0.0.1:9093')).toBe(broker)
    expect(await reached('kafka:9093')).toBe(broker)
    expect(await reached('LOCALHOST:9093')).toBe(broker)
    await expect(reached('example.com:9093')).rejects.toThrow('Timed out waiting for a node assignment.')
    await expect(reached('localhost:abc,localhost')).rejects.toThrow(
      'Timed out waiting for a node assignment.',
    )
  })
})

describe('ClusterConnection with a clock: a starting broker refuses connections', () => {
  const refusing = (refusals: number) => {
    let calls = 0
    const broker = {} as BrokerApi
    const call = (b: BrokerApi) =>
      ++calls <= refusals
        ? Promise.reject(Object.assign(new Error('connection refused'), { name: 'NetworkError' }))
        : Promise.resolve(b)
    return { broker, call, calls: () => calls }
  }

  it('logs each refusal and reconnects after reconnect.backoff.ms, doubling up to 1 s with jitter, until the broker serves', async () => {
    const clock = new VirtualClock()
    const started = clock.now()
    const { broker, call, calls } = refusing(6)
    const log: string[] = []
    const logContext = new LogContext('[Producer clientId=p] ', (level, logger, message) =>
      log.push(`${clock.now() - started} ${level} ${message} (${logger})`),
    )
    const connection = new ClusterConnection(
      { brokerAtPort: () => broker },
      'localhost:9092',
      clock,
      logContext,
    )
    expect(await connection.any(call)).toBe(broker)
    expect(calls()).toBe(7)
    expect(log.map((line) => line.slice(line.indexOf(' ') + 1))).toEqual(
      Array<string>(6).fill(
        'WARN [Producer clientId=p] Connection to node -1 (localhost/127.0.0.1:9092) could not be established. Node may not be available. (org.apache.kafka.clients.NetworkClient)',
      ),
    )
    const at = log.map((line) => Number(line.slice(0, line.indexOf(' '))))
    const waits = [...at.slice(1), clock.now() - started].map((ms, n) => ms - (at[n] ?? 0))
    waits.forEach((wait, n) => {
      const term = Math.min(50 * 2 ** n, 1000)
      expect(wait).toBeGreaterThanOrEqual(Math.trunc(term * 0.8))
      expect(wait).toBeLessThanOrEqual(Math.min(term * 1.2, 1000))
    })
  })

  it('gives up after default.api.timeout.ms, and fails at once without a clock', async () => {
    const clock = new VirtualClock()
    const started = clock.now()
    const { broker, call } = refusing(Infinity)
    const withClock = new ClusterConnection({ brokerAtPort: () => broker }, 'localhost:9092', clock)
    await expect(withClock.any(call, { callName: 'listTopics' })).rejects.toThrow(
      'Timed out waiting for a node assignment. Call: listTopics',
    )
    expect(clock.now() - started).toBeGreaterThan(59_000)
    expect(clock.now() - started).toBeLessThanOrEqual(60_000)
    const withoutClock = new ClusterConnection({ brokerAtPort: () => broker }, 'localhost:9092')
    await expect(withoutClock.any(refusing(1).call)).rejects.toThrow(
      'Timed out waiting for a node assignment.',
    )
  })
})

describe('ClusterKafkaClients', () => {
  it('wires producer, consumer and admin to the broker at the bootstrap address', async () => {
    const cluster = await startCluster(1)
    const { run } = cluster
    const clients = new ClusterKafkaClients(cluster, engine, cluster.queue, 1)
    await run(clients.admin('localhost:9092').createTopics([{ name: 't', configs: {} }]))
    await run(clients.producer('localhost:9092', {}).send({ topic: 't', key: null, value: utf8('hello') }))
    const consumer = clients.consumer('localhost:9092', { 'auto.offset.reset': 'earliest' })
    await run(consumer.subscribe(['t']))
    expect((await run(consumer.poll(100))).map((r) => new TextDecoder().decode(r.value!))).toEqual(['hello'])
  })

  it('fails every call with TimeoutException when nothing listens at the address', async () => {
    const clients = new ClusterKafkaClients({ brokerAtPort: () => null }, engine, new VirtualClock(), 1)
    const error = await failure(clients.admin('localhost:9999').listTopics())
    expect([error.exceptionClass, error.message]).toEqual([
      'org.apache.kafka.common.errors.TimeoutException',
      'Timed out waiting for a node assignment. Call: listTopics',
    ])
    const send = await failure(
      clients.producer('localhost:9999', {}).send({ topic: 't', key: null, value: null }),
    )
    expect([send.simpleName, send.message]).toEqual([
      'TimeoutException',
      'Topic t not present in metadata after 60000 ms.',
    ])
  })

  it('logs through the admin and producer prefixes, and a closed client stops trying', async () => {
    const { queue, run } = await startCluster(1)
    const lines: string[] = []
    const log = (_level: string, _logger: string, message: string): void => {
      lines.push(message)
    }
    const clients = new ClusterKafkaClients({ brokerAtPort: () => null }, engine, queue, 1)
    const admin = clients.admin('localhost:29092', log)
    const creating = failure(admin.createTopics([{ name: 't', configs: {} }]))
    await run(queue.sleep(2000))
    await admin.close()
    expect((await run(creating)).message).toBe('Timed out waiting for a node assignment. Call: createTopics')
    const logged = lines.length
    expect(logged).toBeGreaterThan(4)
    expect(lines[0]).toBe(
      '[AdminClient clientId=adminclient-1] Connection to node -1 (localhost/127.0.0.1:29092) could not be established. Node may not be available.',
    )
    await run(queue.sleep(10_000))
    expect(lines.length).toBe(logged)
  })
})
