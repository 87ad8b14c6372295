// Restart over the same storage: topics, topic ids, the cluster id and every acknowledged record
// survive; a torn or corrupt tail chunk is recovered to its longest valid prefix (LogSegment.recover),
// and what comes after stays gone; an unknown metadata version fails closed.
import { beforeAll, describe, expect, it } from 'vitest'
import type { LogEngine } from '../../../engine-wasm/src/log/index.ts'
import type { KafkaBroker } from '../../../workers/kafka/kafka-broker.ts'
import { METADATA_IMAGE_KEY } from '../../../workers/kafka/metadata/metadata-image.ts'
import { sealEnvelope } from '../../../workers/storage/envelope.ts'
import { MemoryStorage } from '../../../workers/storage/memory-storage.ts'
import { concat, decodeValues, loadLogEngine, record, startBroker } from './kafka-fixtures.ts'

let engine: LogEngine
beforeAll(async () => {
  engine = await loadLogEngine()
})

async function produceBatches(broker: KafkaBroker, topic: string, ...batches: string[][]): Promise<number> {
  const records = concat(batches.map((values) => engine.encodeBatch(values.map((v) => record(v)))))
  const [response] = await broker.produce(-1, 30_000, [{ topic, partition: 0, records }])
  if (response?.error) throw new Error(response.error)
  return response!.baseOffset
}

async function values(
  broker: KafkaBroker,
  topic: string,
  partition = 0,
): Promise<Array<[number, string | null]>> {
  const out: Array<[number, string | null]> = []
  for (let offset = 0; ;) {
    const [response] = await broker.fetch([{ topic, partition, fetchOffset: offset, maxBytes: 1 << 20 }])
    if (response?.error) throw new Error(response.error)
    const got = decodeValues(engine, response!.records).filter(([o]) => o >= offset)
    if (got.length === 0) return out
    out.push(...got)
    offset = got[got.length - 1]![0] + 1
  }
}

async function logKeys(storage: MemoryStorage): Promise<string[]> {
  return storage.keys('kafka', 'log/')
}

/** Replaces the stored chunk under `key` with what `damage` makes of it. */
async function damage(
  storage: MemoryStorage,
  key: string,
  change: (bytes: Uint8Array) => Uint8Array,
): Promise<void> {
  const bytes = await storage.get('kafka', key)
  if (!bytes) throw new Error(`no chunk ${key}`)
  await storage.write([{ store: 'kafka', key, value: change(bytes) }])
}

async function setUp(storage: MemoryStorage, segmentBytes?: number): Promise<KafkaBroker> {
  const broker = await startBroker(engine, storage)
  const configs: Record<string, string> =
    segmentBytes === undefined ? {} : { 'segment.bytes': String(segmentBytes) }
  await broker.createTopics([{ name: 't', numPartitions: 1, replicationFactor: 1, configs }], false)
  return broker
}

describe('restart over the same storage', () => {
  it('keeps the cluster id, topics, topic ids and every acknowledged record', async () => {
    const storage = new MemoryStorage()
    const broker = await setUp(storage)
    await broker.createTopics(
      [{ name: 'u', numPartitions: 3, replicationFactor: 1, configs: { 'retention.ms': '5' } }],
      false,
    )
    await produceBatches(broker, 't', ['a', 'b'])
    await produceBatches(broker, 't', ['c'])
    const before = await broker.metadata(null)
    broker.shutdown()
    const restarted = await startBroker(engine, storage, 99)
    expect(await restarted.metadata(null)).toEqual(before)
    expect(await values(restarted, 't')).toEqual([
      [0, 'a'],
      [1, 'b'],
      [2, 'c'],
    ])
    expect(
      (await restarted.describeTopicConfigs('u')).configs.find((e) => e.name === 'retention.ms')?.value,
    ).toBe('5')
    expect(await produceBatches(restarted, 't', ['d'])).toBe(3)
  })

  it('keeps several segments and continues appending in the active one', async () => {
    const storage = new MemoryStorage()
    const broker = await setUp(storage, 200)
    const written: string[] = []
    for (let i = 0; i < 12; i++) {
      written.push(`value-${i}-${'x'.repeat(40)}`)
      await produceBatches(broker, 't', [written[i]!])
    }
    const segmentBases = new Set((await logKeys(storage)).map((key) => key.split('/')[3]))
    expect(segmentBases.size).toBeGreaterThan(2)
    broker.shutdown()
    const restarted = await startBroker(engine, storage)
    expect(await values(restarted, 't')).toEqual(written.map((v, i) => [i, v]))
    expect(await produceBatches(restarted, 't', ['last'])).toBe(12)
    const again = await startBroker(engine, storage)
    expect((await values(again, 't')).map(([o]) => o)).toEqual([...Array(13).keys()])
  })

  it('refuses to start on a metadata image of an unknown format version', async () => {
    const storage = new MemoryStorage()
    await storage.write([{ store: 'kafka', key: METADATA_IMAGE_KEY, value: sealEnvelope(2, { topics: [] }) }])
    await expect(startBroker(engine, storage)).rejects.toThrow(
      'Kafka metadata image: stored format version 2 is not the supported version 1',
    )
  })
})

describe('recovery after a torn write', () => {
  it.each<[string, (bytes: Uint8Array) => Uint8Array]>([
    ['cut in the middle', (b) => b.subarray(0, b.length >> 1)],
    ['cut to 5 bytes', (b) => b.subarray(0, 5)],
    ['with a flipped byte', (b) => b.map((x, i) => (i === b.length - 3 ? x ^ 0x40 : x))],
  ])('drops a last chunk %s, keeps the prefix, and keeps later acknowledged writes', async (_, change) => {
    const storage = new MemoryStorage()
    const broker = await setUp(storage)
    await produceBatches(broker, 't', ['a', 'b'])
    await produceBatches(broker, 't', ['c'])
    broker.shutdown()
    const keys = await logKeys(storage)
    await damage(storage, keys[keys.length - 1]!, change)
    const recovered = await startBroker(engine, storage)
    expect(await values(recovered, 't')).toEqual([
      [0, 'a'],
      [1, 'b'],
    ])
    expect(await produceBatches(recovered, 't', ['d', 'e', 'f'])).toBe(2)
    recovered.shutdown()
    const again = await startBroker(engine, storage)
    expect(await values(again, 't')).toEqual([
      [0, 'a'],
      [1, 'b'],
      [2, 'd'],
      [3, 'e'],
      [4, 'f'],
    ])
  })

  it('keeps acknowledged writes after recovering a torn chunk that held two batches', async () => {
    const storage = new MemoryStorage()
    const broker = await setUp(storage)
    await produceBatches(broker, 't', ['a'])
    await produceBatches(broker, 't', ['b'], ['c-long-value'])
    broker.shutdown()
    const keys = await logKeys(storage)
    await damage(storage, keys[keys.length - 1]!, (b) => b.subarray(0, b.length - 4))
    const recovered = await startBroker(engine, storage)
    expect((await values(recovered, 't')).map(([, v]) => v)).toEqual(['a', 'b'])
    expect(await produceBatches(recovered, 't', ['d'])).toBe(2)
    recovered.shutdown()
    const again = await startBroker(engine, storage)
    expect((await values(again, 't')).map(([, v]) => v)).toEqual(['a', 'b', 'd'])
  })

  it('does not bring back records after a corrupt chunk once the log has grown past them again', async () => {
    const storage = new MemoryStorage()
    const broker = await setUp(storage)
    for (const v of ['a', 'b', 'c']) await produceBatches(broker, 't', [v])
    broker.shutdown()
    const keys = await logKeys(storage)
    await damage(storage, keys[1]!, (b) => b.map((x, i) => (i === b.length - 1 ? x ^ 1 : x)))
    const recovered = await startBroker(engine, storage)
    expect((await values(recovered, 't')).map(([, v]) => v)).toEqual(['a'])
    await produceBatches(recovered, 't', ['B'])
    recovered.shutdown()
    const again = await startBroker(engine, storage)
    expect((await values(again, 't')).map(([, v]) => v)).toEqual(['a', 'B'])
  })

  it('drops every segment after a truncated one', async () => {
    const storage = new MemoryStorage()
    const broker = await setUp(storage, 150)
    for (let i = 0; i < 6; i++) await produceBatches(broker, 't', [`v${i}-${'y'.repeat(60)}`])
    broker.shutdown()
    const keys = await logKeys(storage)
    const bases = [...new Set(keys.map((k) => k.split('/')[3]!))]
    expect(bases.length).toBeGreaterThanOrEqual(3)
    const firstOfSecond = keys.find((k) => k.split('/')[3] === bases[1])!
    await damage(storage, firstOfSecond, (b) => b.subarray(0, 20))
    const recovered = await startBroker(engine, storage)
    const kept = await values(recovered, 't')
    expect(kept.map(([o]) => o)).toEqual([...Array(Number(bases[1])).keys()])
    const [latest] = await recovered.listOffsets([{ topic: 't', partition: 0, timestamp: -1 }])
    expect(latest?.offset).toBe(Number(bases[1]))
  })
})
