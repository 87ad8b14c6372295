// A one-node KRaft cluster's KafkaApis against Kafka 4.x behaviour: CreateTopics results, Metadata, Produce
// with contiguous offsets, auto-creation, CORRUPT_MESSAGE and MESSAGE_TOO_LARGE, Fetch range checks,
// ListOffsets -2/-1 and by timestamp, DeleteTopics removing stored bytes, DescribeConfigs.
import { beforeAll, describe, expect, it } from 'vitest'
import type { LogEngine } from '../../../../engine-wasm/src/log/index.ts'
import { LOG_FLUSH_MIN_GAP_MS } from '../../../../workers/kafka/log/log-flusher.ts'
import { EARLIEST_TIMESTAMP, LATEST_TIMESTAMP } from '../../../../workers/protocol/kafka.ts'
import type { MemoryStorage } from '../../../../workers/storage/memory-storage.ts'
import { decodeValues, loadLogEngine, record, startCluster } from '../kafka-fixtures.ts'
import type { SimKafkaCluster } from './sim-kafka-cluster.ts'

let engine: LogEngine
/** The simulated cluster's start time (sim-kafka-cluster.ts). */
const T = Date.UTC(2026, 0, 1)
beforeAll(async () => {
  engine = await loadLogEngine()
})

const topic = (name: string, numPartitions = 1, configs: Record<string, string> = {}) => ({
  name,
  numPartitions,
  replicationFactor: 1,
  configs,
})

/** Node 1 of a fresh one-node cluster, and a way to run its calls in the simulation. */
async function oneNode() {
  const cluster = await startCluster(1)
  const api = cluster.server(1).api
  return { cluster, api, run: <T>(call: Promise<T>): Promise<T> => cluster.run(call) }
}

async function produce(cluster: SimKafkaCluster, name: string, partition: number, ...values: string[]) {
  // Record timestamps near the cluster's clock: older ones would roll a segment per batch (segment.ms).
  const records = engine.encodeBatch(values.map((v, i) => record(v, null, T + 1_000 + i)))
  const {
    responses: [response],
  } = await cluster.run(cluster.server(1).api.produce(-1, 30_000, [{ topic: name, partition, records }]))
  return response!
}

/** Every stored chunk of the partition logs, key and bytes. */
async function storedLogs(storage: MemoryStorage): Promise<Array<[string, Uint8Array | undefined]>> {
  const keys = await storage.keys('kafka', 'log/')
  return Promise.all(
    keys.map(async (key): Promise<[string, Uint8Array | undefined]> => [
      key,
      await storage.get('kafka', key),
    ]),
  )
}

describe('KafkaApis topics', () => {
  it('creates topics, answers per topic, and serves them in Metadata', async () => {
    const { api, run } = await oneNode()
    const results = await run(
      api.createTopics([topic('orders', 3), topic('orders', 1), topic('x y'), topic('bad', 1, {})], false),
    )
    expect(results).toEqual([
      { name: 'orders', error: null, message: null },
      { name: 'orders', error: 'TOPIC_ALREADY_EXISTS', message: "Topic 'orders' already exists." },
      {
        name: 'x y',
        error: 'INVALID_TOPIC_EXCEPTION',
        message:
          "Topic name is invalid: 'x y' contains one or more characters other than ASCII alphanumerics, '.', '_' and '-'",
      },
      { name: 'bad', error: null, message: null },
    ])
    const metadata = await run(api.metadata(['orders', 'missing']))
    expect(metadata.brokers).toEqual([{ id: 1, host: 'localhost', port: 9092, rack: null }])
    expect(metadata.controllerId).toBe(1)
    expect(metadata.clusterId).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/)
    const [orders, missing] = metadata.topics
    expect(orders?.partitions.map((p) => [p.partition, p.leader, p.replicas, p.isr])).toEqual([
      [0, 1, [1], [1]],
      [1, 1, [1], [1]],
      [2, 1, [1], [1]],
    ])
    expect(missing).toEqual({
      name: 'missing',
      topicId: 'AAAAAAAAAAAAAAAAAAAAAA',
      isInternal: false,
      error: 'UNKNOWN_TOPIC_OR_PARTITION',
      partitions: [],
    })
    expect((await run(api.metadata(null))).topics.map((t) => t.name)).toEqual(['orders', 'bad'])
  })

  it('refuses a replication factor above the registered brokers with Kafka text', async () => {
    const { api, run } = await oneNode()
    const [result] = await run(api.createTopics([{ ...topic('t', 1), replicationFactor: 3 }], false))
    expect(result?.message).toBe(
      'Unable to replicate the partition 3 time(s): The target replication factor of 3 cannot be reached because only 1 broker(s) are registered.',
    )
  })

  it('validates without creating when validateOnly is set, and writes nothing', async () => {
    const { cluster, api, run } = await oneNode()
    const storage = cluster.storage(1)
    const before = await storage.keys('kafka')
    expect(await run(api.createTopics([topic('t')], true))).toEqual([
      { name: 't', error: null, message: null },
    ])
    expect((await run(api.metadata(null))).topics).toEqual([])
    expect(await storage.keys('kafka')).toEqual(before)
  })

  it('returns a copy of the metadata, so callers cannot change the broker view', async () => {
    const { api, run } = await oneNode()
    await run(api.createTopics([topic('t')], false))
    const first = await run(api.metadata(['t']))
    first.topics[0]!.partitions[0]!.isr.push(99)
    expect((await run(api.metadata(['t']))).topics[0]?.partitions[0]?.isr).toEqual([1])
  })

  it('deletes topics and their stored bytes; an unknown topic is UNKNOWN_TOPIC_OR_PARTITION', async () => {
    const { cluster, api, run } = await oneNode()
    const storage = cluster.storage(1)
    await run(api.createTopics([topic('a', 2), topic('b')], false))
    await produce(cluster, 'a', 0, 'x')
    await produce(cluster, 'a', 1, 'y')
    await produce(cluster, 'b', 0, 'z')
    await cluster.advance(LOG_FLUSH_MIN_GAP_MS) // the LogFlusher's background write lands
    const [a] = (await run(api.metadata(['a']))).topics
    expect(await storage.keys('kafka', `log/${a!.topicId}/`)).toHaveLength(2)
    expect(await run(api.deleteTopics(['a', 'nope']))).toEqual([
      { name: 'a', error: null, message: null },
      { name: 'nope', error: 'UNKNOWN_TOPIC_OR_PARTITION', message: null },
    ])
    expect(await storage.keys('kafka', `log/${a!.topicId}/`)).toEqual([])
    expect((await run(api.metadata(null))).topics.map((t) => t.name)).toEqual(['b'])
    expect((await produce(cluster, 'b', 0, 'w')).baseOffset).toBe(1)
    // Re-created under the same name: a new topic id and an empty log.
    await run(api.createTopics([topic('a', 1)], false))
    const [again] = (await run(api.metadata(['a']))).topics
    expect(again?.topicId).not.toBe(a?.topicId)
    expect(
      (await run(api.listOffsets([{ topic: 'a', partition: 0, timestamp: LATEST_TIMESTAMP }])))[0]?.offset,
    ).toBe(0)
  })

  it('describes topic configs: overrides are not default, the rest are Kafka defaults, sorted by name', async () => {
    const { api, run } = await oneNode()
    await run(api.createTopics([topic('t', 1, { 'retention.ms': '1000' })], false))
    const { error, configs: entries } = await run(api.describeTopicConfigs('t'))
    expect(error).toBeNull()
    expect(entries.map((e) => e.name)).toEqual([...entries.map((e) => e.name)].sort())
    expect(entries.find((e) => e.name === 'retention.ms')).toMatchObject({ value: '1000', isDefault: false })
    expect(entries.find((e) => e.name === 'segment.bytes')).toMatchObject({
      value: '1073741824',
      isDefault: true,
    })
    expect(entries.find((e) => e.name === 'cleanup.policy')).toMatchObject({
      value: 'delete',
      isDefault: true,
    })
    expect(await run(api.describeTopicConfigs('nope'))).toEqual({
      error: 'UNKNOWN_TOPIC_OR_PARTITION',
      configs: [],
    })
  })
})

describe('KafkaApis produce and fetch', () => {
  it('assigns contiguous offsets per partition, independently across partitions', async () => {
    const { cluster, api, run } = await oneNode()
    await run(api.createTopics([topic('t', 2)], false))
    expect((await produce(cluster, 't', 0, 'a', 'b', 'c')).baseOffset).toBe(0)
    expect((await produce(cluster, 't', 1, 'x')).baseOffset).toBe(0)
    const next = await produce(cluster, 't', 0, 'd', 'e')
    expect(next).toEqual({
      topic: 't',
      partition: 0,
      error: null,
      errorMessage: null,
      baseOffset: 3,
      logAppendTime: -1,
      logStartOffset: 0,
    })
    const {
      responses: [fetched],
    } = await run(api.fetch([{ topic: 't', partition: 0, fetchOffset: 0, maxBytes: 1 << 20 }]))
    expect(fetched).toMatchObject({ error: null, highWatermark: 5, logStartOffset: 0 })
    expect(decodeValues(engine, fetched!.records)).toEqual([
      [0, 'a'],
      [1, 'b'],
      [2, 'c'],
      [3, 'd'],
      [4, 'e'],
    ])
  })

  it('fetches whole batches from the one holding the offset, and nothing at the log end offset', async () => {
    const { cluster, api, run } = await oneNode()
    await run(api.createTopics([topic('t')], false))
    await produce(cluster, 't', 0, 'a', 'b')
    await produce(cluster, 't', 0, 'c')
    const {
      responses: [mid],
    } = await run(api.fetch([{ topic: 't', partition: 0, fetchOffset: 1, maxBytes: 1 << 20 }]))
    expect(decodeValues(engine, mid!.records)).toEqual([
      [0, 'a'],
      [1, 'b'],
      [2, 'c'],
    ])
    const {
      responses: [end],
    } = await run(api.fetch([{ topic: 't', partition: 0, fetchOffset: 3, maxBytes: 1 << 20 }]))
    expect(end).toMatchObject({ error: null, highWatermark: 3, records: new Uint8Array(0) })
  })

  it('answers OFFSET_OUT_OF_RANGE above the log end offset and below the log start offset', async () => {
    const { cluster, api, run } = await oneNode()
    await run(api.createTopics([topic('t')], false))
    await produce(cluster, 't', 0, 'a')
    // One request per offset: a Fetch names each partition once.
    const fetchAt = async (partition: number, fetchOffset: number) =>
      (await run(api.fetch([{ topic: 't', partition, fetchOffset, maxBytes: 100 }]))).responses[0]!
    const responses = [await fetchAt(0, 2), await fetchAt(0, -1), await fetchAt(7, 0)]
    // As Kafka's ReplicaManager, a partition that fails answers the unknown offset (-1) for HW and log start.
    expect(responses.map((r) => [r.error, r.highWatermark, r.logStartOffset, r.records.length])).toEqual([
      ['OFFSET_OUT_OF_RANGE', -1, -1, 0],
      ['OFFSET_OUT_OF_RANGE', -1, -1, 0],
      ['UNKNOWN_TOPIC_OR_PARTITION', -1, -1, 0],
    ])
  })

  it('auto-creates an unknown topic on a metadata request that allows it, never on produce', async () => {
    const { cluster, api, run } = await oneNode()
    expect((await produce(cluster, 'auto', 0, 'v')).error).toBe('UNKNOWN_TOPIC_OR_PARTITION')
    expect((await run(api.metadata(['auto']))).topics[0]?.error).toBe('UNKNOWN_TOPIC_OR_PARTITION')
    // Kafka 4.1's KRaft broker sends the creation to the controller and answers at once, without the topic.
    const start = cluster.queue.now()
    const asked = await run(api.metadata(['auto', 'bad topic'], true))
    expect(cluster.queue.now()).toBe(start)
    expect(asked.topics.map((t) => [t.name, t.error, t.partitions.length])).toEqual([
      ['auto', 'UNKNOWN_TOPIC_OR_PARTITION', 0],
      ['bad topic', 'INVALID_TOPIC_EXCEPTION', 0],
    ])
    await cluster.advance(100)
    const response = await produce(cluster, 'auto', 0, 'v')
    expect(response).toMatchObject({ error: null, baseOffset: 0 })
    const [auto] = (await run(api.metadata(['auto']))).topics
    expect(auto?.error).toBeNull()
    expect(auto?.partitions.map((p) => p.replicas)).toEqual([[1]])
    expect((await produce(cluster, 'auto', 1, 'v')).error).toBe('UNKNOWN_TOPIC_OR_PARTITION')
  })

  it('refuses a corrupt batch with CORRUPT_MESSAGE and changes neither the log nor the storage', async () => {
    const { cluster, api, run } = await oneNode()
    const storage = cluster.storage(1)
    await run(api.createTopics([topic('t')], false))
    await produce(cluster, 't', 0, 'a')
    const before = await storedLogs(storage)
    const records = engine.encodeBatch([record('b')])
    records[records.length - 1]! ^= 0xff
    const {
      responses: [response],
    } = await run(api.produce(-1, 30_000, [{ topic: 't', partition: 0, records }]))
    expect(response?.error).toBe('CORRUPT_MESSAGE')
    expect(response?.errorMessage).toMatch(/^Record is corrupt \(stored crc = \d+, computed crc = \d+\)$/)
    expect(response?.baseOffset).toBe(-1)
    expect(await storedLogs(storage)).toEqual(before)
    expect((await produce(cluster, 't', 0, 'c')).baseOffset).toBe(1)
  })

  it('refuses a batch above max.message.bytes with MESSAGE_TOO_LARGE', async () => {
    const { cluster, api, run } = await oneNode()
    await run(api.createTopics([topic('t', 1, { 'max.message.bytes': '100' })], false))
    const response = await produce(cluster, 't', 0, 'x'.repeat(200))
    expect(response).toMatchObject({ error: 'MESSAGE_TOO_LARGE', baseOffset: -1 })
    expect(response.errorMessage).toMatch(
      /^The record batch size in the append to t-0 is \d+ bytes which exceeds the maximum configured value of 100\.$/,
    )
    expect((await produce(cluster, 't', 0, 'small')).baseOffset).toBe(0)
  })
})

describe('KafkaApis list offsets', () => {
  it('answers earliest (-2) with the log start offset and latest (-1) with the high watermark', async () => {
    const { cluster, api, run } = await oneNode()
    await run(api.createTopics([topic('t')], false))
    const empty = await run(
      api.listOffsets([
        { topic: 't', partition: 0, timestamp: EARLIEST_TIMESTAMP },
        { topic: 't', partition: 0, timestamp: LATEST_TIMESTAMP },
      ]),
    )
    expect(empty.map((r) => [r.error, r.offset, r.timestamp])).toEqual([
      [null, 0, -1],
      [null, 0, -1],
    ])
    await produce(cluster, 't', 0, 'a', 'b', 'c')
    const full = await run(
      api.listOffsets([
        { topic: 't', partition: 0, timestamp: EARLIEST_TIMESTAMP },
        { topic: 't', partition: 0, timestamp: LATEST_TIMESTAMP },
        { topic: 'nope', partition: 0, timestamp: LATEST_TIMESTAMP },
      ]),
    )
    expect(full.map((r) => [r.error, r.offset])).toEqual([
      [null, 0],
      [null, 3],
      ['UNKNOWN_TOPIC_OR_PARTITION', -1],
    ])
  })

  it('finds the first offset whose timestamp is at least the target, with that record timestamp', async () => {
    const { cluster, api, run } = await oneNode()
    await run(api.createTopics([topic('t')], false))
    await produce(cluster, 't', 0, 'a', 'b', 'c') // timestamps T + 1000, 1001, 1002
    const found = await run(
      api.listOffsets([
        { topic: 't', partition: 0, timestamp: T + 1_001 },
        { topic: 't', partition: 0, timestamp: 5 },
        { topic: 't', partition: 0, timestamp: T + 9_999 },
      ]),
    )
    expect(found.map((r) => [r.offset, r.timestamp])).toEqual([
      [1, T + 1_001],
      [0, T + 1_000],
      [-1, -1],
    ])
  })
})
