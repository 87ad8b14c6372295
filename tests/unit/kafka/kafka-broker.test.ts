// KafkaBroker's requests against Kafka 4.x behaviour: CreateTopics results, Metadata, Produce with
// contiguous offsets, auto-creation, CORRUPT_MESSAGE, Fetch range checks, ListOffsets -2/-1 and by
// timestamp, DeleteTopics removing stored bytes, DescribeConfigs.
import { beforeAll, describe, expect, it } from 'vitest'
import type { LogEngine } from '../../../engine-wasm/src/log/index.ts'
import type { KafkaBroker } from '../../../workers/kafka/kafka-broker.ts'
import { MemoryStorage } from '../../../workers/storage/memory-storage.ts'
import { EARLIEST_TIMESTAMP, LATEST_TIMESTAMP } from '../../../workers/protocol/kafka.ts'
import { decodeValues, loadLogEngine, record, startBroker } from './kafka-fixtures.ts'

let engine: LogEngine
beforeAll(async () => {
  engine = await loadLogEngine()
})

const topic = (name: string, numPartitions = 1, configs: Record<string, string> = {}) => ({
  name,
  numPartitions,
  replicationFactor: 1,
  configs,
})

async function produce(broker: KafkaBroker, name: string, partition: number, ...values: string[]) {
  const records = engine.encodeBatch(values.map((v, i) => record(v, null, 1_000 + i)))
  const [response] = await broker.produce(-1, 30_000, [{ topic: name, partition, records }])
  return response!
}

describe('KafkaBroker topics', () => {
  it('creates topics, answers per topic, and serves them in Metadata', async () => {
    const broker = await startBroker(engine)
    const results = await broker.createTopics(
      [topic('orders', 3), topic('orders', 1), topic('x y'), topic('bad', 1, {})],
      false,
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
    const metadata = await broker.metadata(['orders', 'missing'])
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
    expect((await broker.metadata(null)).topics.map((t) => t.name)).toEqual(['orders', 'bad'])
  })

  it('refuses a replication factor above the registered brokers with Kafka text', async () => {
    const broker = await startBroker(engine)
    const [result] = await broker.createTopics([{ ...topic('t', 1), replicationFactor: 3 }], false)
    expect(result?.message).toBe(
      'Unable to replicate the partition 3 time(s): The target replication factor of 3 cannot be reached because only 1 broker(s) are registered.',
    )
  })

  it('validates without creating when validateOnly is set, and writes nothing', async () => {
    const storage = new MemoryStorage()
    const broker = await startBroker(engine, storage)
    expect(await broker.createTopics([topic('t')], true)).toEqual([{ name: 't', error: null, message: null }])
    expect((await broker.metadata(null)).topics).toEqual([])
    expect(await storage.keys('kafka')).toEqual([])
  })

  it('returns a copy of the metadata, so callers cannot change the image', async () => {
    const broker = await startBroker(engine)
    await broker.createTopics([topic('t')], false)
    const first = await broker.metadata(['t'])
    first.topics[0]!.partitions[0]!.isr.push(99)
    expect((await broker.metadata(['t'])).topics[0]?.partitions[0]?.isr).toEqual([1])
  })

  it('deletes topics and their stored bytes; an unknown topic is UNKNOWN_TOPIC_OR_PARTITION', async () => {
    const storage = new MemoryStorage()
    const broker = await startBroker(engine, storage)
    await broker.createTopics([topic('a', 2), topic('b')], false)
    await produce(broker, 'a', 0, 'x')
    await produce(broker, 'a', 1, 'y')
    await produce(broker, 'b', 0, 'z')
    const [a] = (await broker.metadata(['a'])).topics
    expect(await storage.keys('kafka', `log/${a!.topicId}/`)).toHaveLength(2)
    expect(await broker.deleteTopics(['a', 'nope'])).toEqual([
      { name: 'a', error: null, message: null },
      { name: 'nope', error: 'UNKNOWN_TOPIC_OR_PARTITION', message: null },
    ])
    expect(await storage.keys('kafka', `log/${a!.topicId}/`)).toEqual([])
    expect((await broker.metadata(null)).topics.map((t) => t.name)).toEqual(['b'])
    expect((await produce(broker, 'b', 0, 'w')).baseOffset).toBe(1)
    // Re-created under the same name: a new topic id and an empty log.
    await broker.createTopics([topic('a', 1)], false)
    const [again] = (await broker.metadata(['a'])).topics
    expect(again?.topicId).not.toBe(a?.topicId)
    expect(
      (await broker.listOffsets([{ topic: 'a', partition: 0, timestamp: LATEST_TIMESTAMP }]))[0]?.offset,
    ).toBe(0)
  })

  it('describes topic configs: overrides are not default, the rest are Kafka defaults, sorted by name', async () => {
    const broker = await startBroker(engine)
    await broker.createTopics([topic('t', 1, { 'retention.ms': '1000' })], false)
    const { error, configs: entries } = await broker.describeTopicConfigs('t')
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
    expect(await broker.describeTopicConfigs('nope')).toEqual({
      error: 'UNKNOWN_TOPIC_OR_PARTITION',
      configs: [],
    })
  })
})

describe('KafkaBroker produce and fetch', () => {
  it('assigns contiguous offsets per partition, independently across partitions', async () => {
    const broker = await startBroker(engine)
    await broker.createTopics([topic('t', 2)], false)
    expect((await produce(broker, 't', 0, 'a', 'b', 'c')).baseOffset).toBe(0)
    expect((await produce(broker, 't', 1, 'x')).baseOffset).toBe(0)
    const next = await produce(broker, 't', 0, 'd', 'e')
    expect(next).toEqual({
      topic: 't',
      partition: 0,
      error: null,
      errorMessage: null,
      baseOffset: 3,
      logAppendTime: -1,
      logStartOffset: 0,
    })
    const [fetched] = await broker.fetch([{ topic: 't', partition: 0, fetchOffset: 0, maxBytes: 1 << 20 }])
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
    const broker = await startBroker(engine)
    await broker.createTopics([topic('t')], false)
    await produce(broker, 't', 0, 'a', 'b')
    await produce(broker, 't', 0, 'c')
    const [mid] = await broker.fetch([{ topic: 't', partition: 0, fetchOffset: 1, maxBytes: 1 << 20 }])
    expect(decodeValues(engine, mid!.records)).toEqual([
      [0, 'a'],
      [1, 'b'],
      [2, 'c'],
    ])
    const [end] = await broker.fetch([{ topic: 't', partition: 0, fetchOffset: 3, maxBytes: 1 << 20 }])
    expect(end).toMatchObject({ error: null, highWatermark: 3, records: new Uint8Array(0) })
  })

  it('answers OFFSET_OUT_OF_RANGE above the log end offset and below the log start offset', async () => {
    const broker = await startBroker(engine)
    await broker.createTopics([topic('t')], false)
    await produce(broker, 't', 0, 'a')
    const responses = await broker.fetch([
      { topic: 't', partition: 0, fetchOffset: 2, maxBytes: 100 },
      { topic: 't', partition: 0, fetchOffset: -1, maxBytes: 100 },
      { topic: 't', partition: 7, fetchOffset: 0, maxBytes: 100 },
    ])
    expect(responses.map((r) => [r.error, r.highWatermark, r.logStartOffset, r.records.length])).toEqual([
      ['OFFSET_OUT_OF_RANGE', 1, 0, 0],
      ['OFFSET_OUT_OF_RANGE', 1, 0, 0],
      ['UNKNOWN_TOPIC_OR_PARTITION', -1, -1, 0],
    ])
  })

  it('auto-creates an unknown topic on a metadata request that allows it, never on produce', async () => {
    const broker = await startBroker(engine)
    expect((await produce(broker, 'auto', 0, 'v')).error).toBe('UNKNOWN_TOPIC_OR_PARTITION')
    expect((await broker.metadata(['auto'])).topics[0]?.error).toBe('UNKNOWN_TOPIC_OR_PARTITION')
    await broker.metadata(['auto'], true)
    const response = await produce(broker, 'auto', 0, 'v')
    expect(response).toMatchObject({ error: null, baseOffset: 0 })
    const [auto] = (await broker.metadata(['auto'])).topics
    expect(auto?.error).toBeNull()
    expect(auto?.partitions.map((p) => p.replicas)).toEqual([[1]])
    expect((await produce(broker, 'auto', 1, 'v')).error).toBe('UNKNOWN_TOPIC_OR_PARTITION')
  })

  it('refuses a corrupt batch with CORRUPT_MESSAGE and changes neither the log nor the storage', async () => {
    const storage = new MemoryStorage()
    const broker = await startBroker(engine, storage)
    await broker.createTopics([topic('t')], false)
    await produce(broker, 't', 0, 'a')
    const before = await storage.keys('kafka')
    const records = engine.encodeBatch([record('b')])
    records[records.length - 1]! ^= 0xff
    const [response] = await broker.produce(-1, 30_000, [{ topic: 't', partition: 0, records }])
    expect(response?.error).toBe('CORRUPT_MESSAGE')
    expect(response?.errorMessage).toMatch(/^Record is corrupt \(stored crc = \d+, computed crc = \d+\)$/)
    expect(response?.baseOffset).toBe(-1)
    expect(await storage.keys('kafka')).toEqual(before)
    expect((await produce(broker, 't', 0, 'c')).baseOffset).toBe(1)
  })

  it('refuses a batch above max.message.bytes with MESSAGE_TOO_LARGE', async () => {
    const broker = await startBroker(engine)
    await broker.createTopics([topic('t', 1, { 'max.message.bytes': '100' })], false)
    const response = await produce(broker, 't', 0, 'x'.repeat(200))
    expect(response).toMatchObject({ error: 'MESSAGE_TOO_LARGE', baseOffset: -1 })
    expect((await produce(broker, 't', 0, 'small')).baseOffset).toBe(0)
  })
})

describe('KafkaBroker list offsets', () => {
  it('answers earliest (-2) with the log start offset and latest (-1) with the high watermark', async () => {
    const broker = await startBroker(engine)
    await broker.createTopics([topic('t')], false)
    const empty = await broker.listOffsets([
      { topic: 't', partition: 0, timestamp: EARLIEST_TIMESTAMP },
      { topic: 't', partition: 0, timestamp: LATEST_TIMESTAMP },
    ])
    expect(empty.map((r) => [r.error, r.offset, r.timestamp])).toEqual([
      [null, 0, -1],
      [null, 0, -1],
    ])
    await produce(broker, 't', 0, 'a', 'b', 'c')
    const full = await broker.listOffsets([
      { topic: 't', partition: 0, timestamp: EARLIEST_TIMESTAMP },
      { topic: 't', partition: 0, timestamp: LATEST_TIMESTAMP },
      { topic: 'nope', partition: 0, timestamp: LATEST_TIMESTAMP },
    ])
    expect(full.map((r) => [r.error, r.offset])).toEqual([
      [null, 0],
      [null, 3],
      ['UNKNOWN_TOPIC_OR_PARTITION', -1],
    ])
  })

  it('finds the first offset whose timestamp is at least the target, with that record timestamp', async () => {
    const broker = await startBroker(engine)
    await broker.createTopics([topic('t')], false)
    await produce(broker, 't', 0, 'a', 'b', 'c') // timestamps 1000, 1001, 1002
    const found = await broker.listOffsets([
      { topic: 't', partition: 0, timestamp: 1_001 },
      { topic: 't', partition: 0, timestamp: 5 },
      { topic: 't', partition: 0, timestamp: 9_999 },
    ])
    expect(found.map((r) => [r.offset, r.timestamp])).toEqual([
      [1, 1_001],
      [0, 1_000],
      [-1, -1],
    ])
  })
})
