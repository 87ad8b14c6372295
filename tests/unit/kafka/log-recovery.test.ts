// Restart of a one-node KRaft cluster over the same storage: topics, topic ids, the cluster id and every
// acknowledged record survive; a torn or corrupt tail chunk is recovered to its longest valid prefix
// (LogSegment.recover), and what comes after stays gone; an unknown meta.properties version fails closed.
import { beforeAll, describe, expect, it } from 'vitest'
import type { LogEngine } from '../../../engine-wasm/src/log/index.ts'
import { LOG_FLUSH_MIN_GAP_MS } from '../../../workers/kafka/log/log-flusher.ts'
import { LATEST_TIMESTAMP } from '../../../workers/protocol/kafka.ts'
import { sealEnvelope } from '../../../workers/storage/envelope.ts'
import type { MemoryStorage } from '../../../workers/storage/memory-storage.ts'
import { concat, decodeValues, loadLogEngine, record, restart, startCluster } from './kafka-fixtures.ts'
import type { SimKafkaCluster } from './server/sim-kafka-cluster.ts'

let engine: LogEngine
beforeAll(async () => {
  engine = await loadLogEngine()
})

const api = (cluster: SimKafkaCluster) => cluster.server(1).api

async function produceBatches(
  cluster: SimKafkaCluster,
  topic: string,
  ...batches: string[][]
): Promise<number> {
  const records = concat(batches.map((values) => engine.encodeBatch(values.map((v) => record(v)))))
  const {
    responses: [response],
  } = await cluster.run(api(cluster).produce(-1, 30_000, [{ topic, partition: 0, records }]))
  if (response?.error) throw new Error(response.error)
  // The LogFlusher stores the acknowledged bytes in a later task, at most LOG_FLUSH_MIN_GAP_MS after its last
  // write: these restarts crash the broker once that write landed.
  await cluster.advance(LOG_FLUSH_MIN_GAP_MS)
  return response!.baseOffset
}

async function values(
  cluster: SimKafkaCluster,
  topic: string,
  partition = 0,
): Promise<Array<[number, string | null]>> {
  const out: Array<[number, string | null]> = []
  for (let offset = 0; ;) {
    const {
      responses: [response],
    } = await cluster.run(api(cluster).fetch([{ topic, partition, fetchOffset: offset, maxBytes: 1 << 20 }]))
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

async function setUp(segmentBytes?: number): Promise<{ cluster: SimKafkaCluster; storage: MemoryStorage }> {
  const cluster = await startCluster(1)
  const configs: Record<string, string> =
    segmentBytes === undefined ? {} : { 'segment.bytes': String(segmentBytes) }
  await cluster.run(
    api(cluster).createTopics([{ name: 't', numPartitions: 1, replicationFactor: 1, configs }], false),
  )
  return { cluster, storage: cluster.storage(1) }
}

describe('restart over the same storage', () => {
  it('keeps the cluster id, topics, topic ids, configs and every acknowledged record', async () => {
    const { cluster } = await setUp()
    await cluster.run(
      api(cluster).createTopics(
        [{ name: 'u', numPartitions: 3, replicationFactor: 1, configs: { 'retention.ms': '5' } }],
        false,
      ),
    )
    await produceBatches(cluster, 't', ['a', 'b'])
    await produceBatches(cluster, 't', ['c'])
    const before = await cluster.run(api(cluster).metadata(null))
    await restart(cluster, 1)
    // Registering again before its session expired fences the broker (no leader, epoch + 1), and unfencing
    // elects it again (epoch + 2), as Kafka's controller handles an unclean re-registration.
    const bumped = before.topics.map((t) => ({
      ...t,
      partitions: t.partitions.map((p) => ({ ...p, leaderEpoch: p.leaderEpoch + 2 })),
    }))
    expect(await cluster.run(api(cluster).metadata(null))).toEqual({ ...before, topics: bumped })
    expect(await values(cluster, 't')).toEqual([
      [0, 'a'],
      [1, 'b'],
      [2, 'c'],
    ])
    const { configs } = await cluster.run(api(cluster).describeTopicConfigs('u'))
    expect(configs.find((e) => e.name === 'retention.ms')?.value).toBe('5')
    expect(await produceBatches(cluster, 't', ['d'])).toBe(3)
  })

  it('keeps several segments and continues appending in the active one', async () => {
    const { cluster, storage } = await setUp(200)
    const written: string[] = []
    for (let i = 0; i < 12; i++) {
      written.push(`value-${i}-${'x'.repeat(40)}`)
      await produceBatches(cluster, 't', [written[i]!])
    }
    const segmentBases = new Set((await logKeys(storage)).map((key) => key.split('/')[3]))
    expect(segmentBases.size).toBeGreaterThan(2)
    await restart(cluster, 1)
    expect(await values(cluster, 't')).toEqual(written.map((v, i) => [i, v]))
    expect(await produceBatches(cluster, 't', ['last'])).toBe(12)
    await restart(cluster, 1)
    expect((await values(cluster, 't')).map(([o]) => o)).toEqual([...Array(13).keys()])
  })

  it('refuses to start on a meta.properties of an unknown format version', async () => {
    const { cluster, storage } = await setUp()
    cluster.kill(1)
    await storage.write([
      { store: 'kafka', key: 'meta.properties', value: sealEnvelope(2, { clusterId: 'x' }) },
    ])
    await expect(cluster.start(1)).rejects.toThrow(
      'meta.properties: stored format version 2 is not the supported version 1',
    )
  })
})

describe('recovery after a torn write', () => {
  it.each<[string, (bytes: Uint8Array) => Uint8Array]>([
    ['cut in the middle', (b) => b.subarray(0, b.length >> 1)],
    ['cut to 5 bytes', (b) => b.subarray(0, 5)],
    ['with a flipped byte', (b) => b.map((x, i) => (i === b.length - 3 ? x ^ 0x40 : x))],
  ])('drops a last chunk %s, keeps the prefix, and keeps later acknowledged writes', async (_, change) => {
    const { cluster, storage } = await setUp()
    await produceBatches(cluster, 't', ['a', 'b'])
    await produceBatches(cluster, 't', ['c'])
    await restart(cluster, 1, async () => {
      const keys = await logKeys(storage)
      await damage(storage, keys[keys.length - 1]!, change)
    })
    expect(await values(cluster, 't')).toEqual([
      [0, 'a'],
      [1, 'b'],
    ])
    expect(await produceBatches(cluster, 't', ['d', 'e', 'f'])).toBe(2)
    await restart(cluster, 1)
    expect(await values(cluster, 't')).toEqual([
      [0, 'a'],
      [1, 'b'],
      [2, 'd'],
      [3, 'e'],
      [4, 'f'],
    ])
  })

  it('keeps acknowledged writes after recovering a torn chunk that held two batches', async () => {
    const { cluster, storage } = await setUp()
    await produceBatches(cluster, 't', ['a'])
    await produceBatches(cluster, 't', ['b'], ['c-long-value'])
    await restart(cluster, 1, async () => {
      const keys = await logKeys(storage)
      await damage(storage, keys[keys.length - 1]!, (b) => b.subarray(0, b.length - 4))
    })
    expect((await values(cluster, 't')).map(([, v]) => v)).toEqual(['a', 'b'])
    expect(await produceBatches(cluster, 't', ['d'])).toBe(2)
    await restart(cluster, 1)
    expect((await values(cluster, 't')).map(([, v]) => v)).toEqual(['a', 'b', 'd'])
  })

  it('does not bring back records after a corrupt chunk once the log has grown past them again', async () => {
    const { cluster, storage } = await setUp()
    for (const v of ['a', 'b', 'c']) await produceBatches(cluster, 't', [v])
    await restart(cluster, 1, async () => {
      const keys = await logKeys(storage)
      await damage(storage, keys[1]!, (b) => b.map((x, i) => (i === b.length - 1 ? x ^ 1 : x)))
    })
    expect((await values(cluster, 't')).map(([, v]) => v)).toEqual(['a'])
    await produceBatches(cluster, 't', ['B'])
    await restart(cluster, 1)
    expect((await values(cluster, 't')).map(([, v]) => v)).toEqual(['a', 'B'])
  })

  it('drops every segment after a truncated one', async () => {
    const { cluster, storage } = await setUp(150)
    for (let i = 0; i < 6; i++) await produceBatches(cluster, 't', [`v${i}-${'y'.repeat(60)}`])
    const keys = await logKeys(storage)
    const bases = [...new Set(keys.map((k) => k.split('/')[3]!))]
    expect(bases.length).toBeGreaterThanOrEqual(3)
    const firstOfSecond = keys.find((k) => k.split('/')[3] === bases[1])!
    await restart(cluster, 1, () => damage(storage, firstOfSecond, (b) => b.subarray(0, 20)))
    const kept = await values(cluster, 't')
    expect(kept.map(([o]) => o)).toEqual([...Array(Number(bases[1])).keys()])
    const [latest] = await cluster.run(
      api(cluster).listOffsets([{ topic: 't', partition: 0, timestamp: LATEST_TIMESTAMP }]),
    )
    expect(latest?.offset).toBe(Number(bases[1]))
  })
})
