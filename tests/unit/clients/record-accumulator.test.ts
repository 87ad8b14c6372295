// RecordAccumulator and ProducerBatch against MemoryRecordsBuilder's rules: a batch takes records while its
// header plus their exact v2 sizes stay within max(batch.size, the first record's upper bound); the first
// record always goes in; a record that does not fit closes the batch; compressed batches count 1.05x. Then
// Kafka's ready and drain: linger.ms, full batches, unknown leaders, one batch per partition per node from a
// rotating start, max.request.size, retry backoff, delivery.timeout.ms, muting, and the idempotent rules
// (no drain before a producer id, sequences at first drain, retries in sequence order and only as the first
// in flight, new batches held while the epoch must be bumped). An uncompressed batch is sent in its own
// buffer (no copy) and its records move on into a pool buffer, so it builds them again for a retry whatever
// became of the bytes sent (transferred, detached); a compressed one is sent as new bytes.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  RecordAccumulator,
  type AccumulatorConfig,
  type MetadataSnapshot,
} from '../../../workers/clients/kafka/producer/record-accumulator.ts'
import type { ProducerBatch } from '../../../workers/clients/kafka/producer/producer-batch.ts'
import { TransactionManager } from '../../../workers/clients/kafka/producer/transaction-manager.ts'
import { VirtualClock } from '../../../workers/net/clock.ts'
import {
  keyValueHeadersSize,
  recordSizeInBytes,
  recordSizeUpperBound,
} from '../../../workers/clients/kafka/producer/record-size.ts'
import { CompressionType, type RecordInput } from '../../../engine-wasm/src/log/index.ts'
import { loadLogEngine } from '../engine-wasm/log/log-fixtures.ts'

const record = (size: number, timestamp = 1_700_000_000_000): RecordInput => ({
  key: null,
  value: new Uint8Array(size),
  timestamp,
  headers: [],
})

describe('record sizes', () => {
  it('are the bytes the record takes in an encoded batch', async () => {
    const engine = await loadLogEngine()
    const inputs = fc.array(
      fc.record({
        key: fc.option(fc.uint8Array({ maxLength: 200 }), { nil: null }),
        value: fc.option(fc.uint8Array({ maxLength: 300 }), { nil: null }),
        timestamp: fc.integer({ min: 0, max: 2 ** 42 }),
        headers: fc.array(
          fc.record({
            key: fc.string({ maxLength: 8 }),
            value: fc.option(fc.uint8Array({ maxLength: 9 }), { nil: null }),
          }),
          { maxLength: 2 },
        ),
      }),
      { minLength: 1, maxLength: 20 },
    )
    fc.assert(
      fc.property(inputs, (records) => {
        const base = records[0]!.timestamp
        const sizes = records.map((r, i) => recordSizeInBytes(i, r.timestamp - base, keyValueHeadersSize(r)))
        expect(engine.encodeBatch(records).length).toBe(61 + sizes.reduce((a, b) => a + b, 0))
        for (const [i, r] of records.entries())
          expect(recordSizeUpperBound(keyValueHeadersSize(r))).toBeGreaterThanOrEqual(61 + sizes[i]!)
      }),
      { numRuns: 200 },
    )
  })

  it('of a 100-byte value without key: 109 bytes each, after the 61-byte header', () => {
    // attributes, timestamp delta, offset delta, null key: 1 byte each; value length 100 (zigzag 200): 2;
    // the value; header count: 1. Body 107, its length (zigzag 214) 2 more.
    expect(recordSizeInBytes(0, 0, keyValueHeadersSize(record(100)))).toBe(109)
    expect(recordSizeInBytes(200, 5, keyValueHeadersSize(record(100)))).toBe(110)
    expect(recordSizeUpperBound(keyValueHeadersSize(record(100)))).toBe(61 + 21 + 1 + 2 + 100 + 1)
  })
})

/** keyValueHeadersSize of a 100-byte value without key or headers: null key 1, length 2, value, count 1. */
const HUNDRED = 104
const T0 = 1_700_000_000_000

const config = (batchSize: number, compressed = false): AccumulatorConfig => ({
  batchSize,
  compressed,
  lingerMs: 5,
  retryBackoffMs: 100,
  deliveryTimeoutMs: 120_000,
})

/** Metadata where `leaders[p]` leads partition p of topic t (-1: unknown), partitions listed in order. */
function metadata(leaders: readonly number[]): MetadataSnapshot {
  return {
    leaderFor: (topic, partition) => (topic === 't' ? (leaders[partition] ?? -1) : -1),
    partitionsForNode: (node) =>
      leaders.flatMap((leader, partition) => (leader === node ? [{ topic: 't', partition }] : [])),
  }
}

const ONE_NODE = metadata([1, 1, 1])
const drainNode1 = (accumulator: RecordAccumulator, maxSize = 1 << 20, now = T0): ProducerBatch[] =>
  accumulator.drain(ONE_NODE, [1], maxSize, now).get(1) ?? []
const described = (batches: readonly ProducerBatch[]) => batches.map((b) => `${b.partition}:${b.recordCount}`)

describe('RecordAccumulator', () => {
  it('fills a batch to batch.size with exact sizes, then opens the next', () => {
    const accumulator = new RecordAccumulator(config(1000), null)
    // 61 + 8 * 109 = 933 fits, 61 + 9 * 109 = 1042 does not: the ninth record opens a new batch.
    const results = Array.from({ length: 9 }, () => accumulator.append('t', 0, record(100), HUNDRED, T0))
    expect(results.map((r) => r.appendedBytes)).toEqual([170, 109, 109, 109, 109, 109, 109, 109, 170])
    expect(results.map((r) => r.batchIsFull)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      true,
    ])
    expect(results.map((r) => r.newBatchCreated)).toEqual([
      true,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      true,
    ])
    const [first, second] = [drainNode1(accumulator), drainNode1(accumulator)]
    expect([first.map((b) => b.recordCount), second.map((b) => b.recordCount)]).toEqual([[8], [1]])
    expect(first[0]!.isFull).toBe(true)
    // Drained, the second batch takes no more records: the next append opens a third.
    expect(second[0]!.isFull).toBe(true)
    expect(accumulator.append('t', 0, record(100), HUNDRED, T0).newBatchCreated).toBe(true)
  })

  it('always takes a first record larger than batch.size, in a batch of its own', () => {
    const accumulator = new RecordAccumulator(config(100), null)
    const big = accumulator.append('t', 0, record(500), keyValueHeadersSize(record(500)), T0)
    expect(big.appendedBytes).toBe(61 + recordSizeInBytes(0, 0, keyValueHeadersSize(record(500))))
    expect(big.batchIsFull).toBe(false)
    // Its write limit is its own upper bound (586), so 16 bytes of room are left: a 100-byte record goes next.
    expect(accumulator.append('t', 0, record(100), HUNDRED, T0).batchIsFull).toBe(true)
    expect(drainNode1(accumulator)[0]!.recordCount).toBe(1)
  })

  it('counts compressed batches at 1.05 times their uncompressed bytes', () => {
    const fill = (accumulator: RecordAccumulator): number => {
      for (let i = 0; i < 40; i++) accumulator.append('t', 0, record(100), HUNDRED, T0)
      return drainNode1(accumulator)[0]!.recordCount
    }
    // Plain: 61 + 17 * 109 = 1914 fits, 18 do not. Compressed: 61 + floor(17 * 109 * 1.05) = 2006 does not fit.
    expect(fill(new RecordAccumulator(config(2000), null))).toBe(17)
    expect(fill(new RecordAccumulator(config(2000, true), null))).toBe(16)
  })

  it('is ready for a leader once a batch is full, not alone, or lingered linger.ms', () => {
    const accumulator = new RecordAccumulator(config(1000), null)
    const meta = metadata([1, 2, 3])
    accumulator.append('t', 0, record(100), HUNDRED, T0)
    accumulator.append('t', 1, record(100), HUNDRED, T0 + 2)
    expect(accumulator.ready(meta, T0 + 1)).toEqual({
      readyNodes: new Set(),
      nextReadyCheckDelayMs: 4,
      unknownLeaderTopics: new Set(),
    })
    expect(accumulator.ready(meta, T0 + 5)).toMatchObject({
      readyNodes: new Set([1]),
      nextReadyCheckDelayMs: 2,
    })
    for (let i = 0; i < 9; i++) accumulator.append('t', 2, record(100), HUNDRED, T0 + 5)
    expect(accumulator.ready(meta, T0 + 5).readyNodes).toEqual(new Set([1, 3]))
    accumulator.beginFlush()
    expect(accumulator.ready(meta, T0 + 5).readyNodes).toEqual(new Set([1, 2, 3]))
  })

  it('names the topics of partitions without a known leader, and drains nothing for them', () => {
    const accumulator = new RecordAccumulator(config(1000), null)
    accumulator.append('t', 1, record(100), HUNDRED, T0)
    const meta = metadata([1, -1])
    expect(accumulator.ready(meta, T0 + 10)).toEqual({
      readyNodes: new Set(),
      nextReadyCheckDelayMs: Infinity,
      unknownLeaderTopics: new Set(['t']),
    })
    expect(accumulator.drain(meta, [1], 1 << 20, T0 + 10).size).toBe(0)
  })

  it('drains one batch per partition of the node, starting where its last drain stopped', () => {
    const accumulator = new RecordAccumulator(config(200), null)
    for (const partition of [2, 0, 2, 2, 0, 1]) accumulator.append('t', partition, record(100), HUNDRED, T0)
    // drainBatchesForOneNode keeps the index it visited last: a full pass over [0, 1, 2] leaves it at 2.
    expect(described(drainNode1(accumulator))).toEqual(['0:1', '1:1', '2:1'])
    expect(described(drainNode1(accumulator))).toEqual(['2:1', '0:1'])
    expect(described(drainNode1(accumulator))).toEqual(['2:1'])
    expect(accumulator.hasUndrained).toBe(false)
  })

  it('stops a request before max.request.size, and the next drain starts at the partition left out', () => {
    const accumulator = new RecordAccumulator(config(1000), null)
    for (const partition of [0, 1, 2]) {
      for (let i = 0; i < 3; i++) accumulator.append('t', partition, record(100), HUNDRED, T0)
    }
    // Each batch is 61 + 3 * 109 = 388 bytes: two fit in 800, the third waits; one always goes.
    expect(described(drainNode1(accumulator, 800))).toEqual(['0:3', '1:3'])
    expect(described(drainNode1(accumulator, 100))).toEqual(['2:3'])
  })

  it('backs a reenqueued batch off retry.backoff.ms, then sends it before newer batches', () => {
    const accumulator = new RecordAccumulator(config(200), null)
    accumulator.append('t', 0, record(100), HUNDRED, T0)
    const [sent] = drainNode1(accumulator)
    accumulator.append('t', 0, record(100), HUNDRED, T0 + 10)
    accumulator.reenqueue(sent!, T0 + 20)
    expect(sent!.attempts).toBe(1)
    expect(accumulator.ready(ONE_NODE, T0 + 50)).toMatchObject({
      readyNodes: new Set(),
      nextReadyCheckDelayMs: 70,
    })
    expect(drainNode1(accumulator, 1 << 20, T0 + 50)).toEqual([])
    expect(accumulator.ready(ONE_NODE, T0 + 120).readyNodes).toEqual(new Set([1]))
    expect(drainNode1(accumulator, 1 << 20, T0 + 120)).toEqual([sent])
  })

  it('expires the batches that waited delivery.timeout.ms since creation', () => {
    const accumulator = new RecordAccumulator(config(200), null)
    accumulator.append('t', 0, record(100), HUNDRED, T0)
    accumulator.append('t', 0, record(100), HUNDRED, T0 + 1000)
    expect(accumulator.nextExpiryTimeMs()).toBe(T0 + 120_000)
    expect(accumulator.expiredBatches(T0 + 119_999)).toEqual([])
    expect(accumulator.expiredBatches(T0 + 120_000).map((b) => b.createdMs)).toEqual([T0])
    expect(accumulator.nextExpiryTimeMs()).toBe(T0 + 121_000)
  })

  it('sends an uncompressed batch as a copy of its own length and keeps its buffer to build it again', async () => {
    const engine = await loadLogEngine()
    const accumulator = new RecordAccumulator(config(1000), null)
    accumulator.append('t', 0, record(100), HUNDRED, T0)
    const [batch] = drainNode1(accumulator)
    const first = batch!.build(engine, { type: CompressionType.NONE })
    expect(first).toEqual(engine.encodeBatch([record(100)]))
    // The bytes sent are an array of their own, exactly the batch: transferring it moves nothing else.
    expect(first.byteOffset).toBe(0)
    expect(first.buffer.byteLength).toBe(first.length)
    const kept = first.slice()
    structuredClone(first, { transfer: [first.buffer] })
    expect(first.length).toBe(0)
    expect(batch!.sizeInBytes).toBe(kept.length)
    const again = batch!.build(engine, { type: CompressionType.NONE })
    expect(again).toEqual(kept)
    expect(batch!.releaseBuffer()?.length).toBe(1000)
  })

  it('sends a compressed batch as new bytes and keeps its records where they are', async () => {
    const engine = await loadLogEngine()
    const accumulator = new RecordAccumulator({ ...config(1000), compressed: true }, null)
    accumulator.append('t', 0, record(100), HUNDRED, T0)
    const [batch] = drainNode1(accumulator)
    const gzip = { type: CompressionType.GZIP }
    const built = batch!.build(engine, gzip)
    expect(built).toEqual(engine.encodeBatch([record(100)], { compression: gzip }))
    expect(batch!.sizeInBytes).toBe(built.length)
    expect(batch!.releaseBuffer()?.length).toBe(1000)
  })

  it('keeps a muted partition out of ready and drain until it is unmuted', () => {
    const accumulator = new RecordAccumulator(config(200), null)
    for (const partition of [0, 0, 1]) accumulator.append('t', partition, record(100), HUNDRED, T0)
    const first = drainNode1(accumulator)
    expect(described(first)).toEqual(['0:1', '1:1'])
    accumulator.mutePartition(first[0]!)
    expect(accumulator.ready(ONE_NODE, T0 + 10).readyNodes).toEqual(new Set())
    expect(drainNode1(accumulator)).toEqual([])
    accumulator.unmutePartition(first[0]!)
    expect(accumulator.ready(ONE_NODE, T0 + 10).readyNodes).toEqual(new Set([1]))
    expect(described(drainNode1(accumulator))).toEqual(['0:1'])
  })
})

describe('RecordAccumulator with an idempotent producer', () => {
  async function idempotent(): Promise<{ accumulator: RecordAccumulator; manager: TransactionManager }> {
    const manager = new TransactionManager(
      async () => ({ producerId: 7, producerEpoch: 0, error: null }),
      new VirtualClock(),
      100,
    )
    return { accumulator: new RecordAccumulator(config(200), manager), manager }
  }

  it('drains nothing before the producer has an id, then stamps each first drain with the next sequence', async () => {
    const { accumulator, manager } = await idempotent()
    for (const partition of [0, 0, 1]) accumulator.append('t', partition, record(100), HUNDRED, T0)
    expect(drainNode1(accumulator)).toEqual([])
    await manager.ready(Infinity)
    const first = drainNode1(accumulator)
    const second = drainNode1(accumulator)
    expect(
      [...first, ...second].map((b) => [b.partition, b.producerId, b.producerEpoch, b.baseSequence]),
    ).toEqual([
      [0, 7, 0, 0],
      [1, 7, 0, 0],
      [0, 7, 0, 1],
    ])
  })

  it('puts retries back in sequence order, and sends one only as the first of its partition in flight', async () => {
    const { accumulator, manager } = await idempotent()
    await manager.ready(Infinity)
    const sent = []
    for (let i = 0; i < 3; i++) {
      accumulator.append('t', 0, record(100), HUNDRED, T0)
      sent.push(...drainNode1(accumulator))
    }
    accumulator.append('t', 0, record(100), HUNDRED, T0)
    const [s0, s1, s2] = sent
    accumulator.reenqueue(s2!, T0)
    accumulator.reenqueue(s1!, T0)
    // Sequence 1 goes before 2, both before the new batch; sequence 0 is still in flight, so nothing goes.
    expect(drainNode1(accumulator, 1 << 20, T0 + 100)).toEqual([])
    manager.handleCompletedBatch(s0!)
    expect(drainNode1(accumulator, 1 << 20, T0 + 100)).toEqual([s1])
    manager.handleCompletedBatch(s1!)
    expect(drainNode1(accumulator, 1 << 20, T0 + 100)).toEqual([s2])
    expect(drainNode1(accumulator, 1 << 20, T0 + 100).map((b) => b.baseSequence)).toEqual([3])
  })

  it('holds new batches while the epoch must be bumped, and gives back only the undrained ones to abort', async () => {
    const { accumulator, manager } = await idempotent()
    await manager.ready(Infinity)
    accumulator.append('t', 0, record(100), HUNDRED, T0)
    const [lost] = drainNode1(accumulator)
    accumulator.append('t', 1, record(100), HUNDRED, T0)
    manager.handleFailedBatch(lost!, null, new Error('lost'))
    expect(manager.needsReady).toBe(true)
    expect(drainNode1(accumulator)).toEqual([])
    expect(accumulator.abortUndrainedBatches().map((b) => b.partition)).toEqual([1])
    expect(accumulator.hasUndrained).toBe(false)
  })
})
