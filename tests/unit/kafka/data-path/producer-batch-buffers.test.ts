// The producer's batch buffers (BufferPool, as Kafka's: batch.size buffers reused once their batch is done)
// and MemoryRecordsBuilder over a used buffer: a batch built in a buffer full of an earlier batch's bytes (or
// of random bytes) is byte for byte the batch LogEngine.encodeBatch builds in a fresh one; a builder hands its
// buffer back once and then refuses appends and builds; the pool keeps only batch.size buffers, each once,
// up to buffer.memory; the accumulator's next batch reuses a done batch's buffer, and a batch deallocated
// twice gives its buffer back once.
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  CompressionType,
  MemoryRecordsBuilder,
  type LogEngine,
  type RecordInput,
} from '../../../../engine-wasm/src/log/index.ts'
import { BufferPool } from '../../../../workers/clients/kafka/producer/buffer-pool.ts'
import type { ProducerBatch } from '../../../../workers/clients/kafka/producer/producer-batch.ts'
import { RecordAccumulator } from '../../../../workers/clients/kafka/producer/record-accumulator.ts'
import { keyValueHeadersSize } from '../../../../workers/clients/kafka/producer/record-size.ts'
import { loadLogEngine, recordArbitrary } from '../../engine-wasm/log/log-fixtures.ts'

let engine: LogEngine
beforeAll(async () => {
  engine = await loadLogEngine()
})

const PRODUCER = { producerId: 4_000, producerEpoch: 3, baseSequence: 17 }

function buildIn(buffer: Uint8Array, records: readonly RecordInput[]): Uint8Array {
  const builder = new MemoryRecordsBuilder(buffer)
  for (const r of records) builder.append(r.timestamp, r.key, r.value, r.headers)
  return engine.buildBatch(builder, PRODUCER)
}

describe('MemoryRecordsBuilder over a used buffer', () => {
  it('builds the bytes encodeBatch builds in a fresh buffer, whatever the buffer held', () => {
    fc.assert(
      fc.property(
        fc.array(recordArbitrary, { minLength: 1, maxLength: 20 }),
        fc.uint8Array({ minLength: 0, maxLength: 9_000 }),
        fc.nat(255),
        (records, junk, fill) => {
          const buffer = new Uint8Array(Math.max(junk.length, 61)).fill(fill)
          buffer.set(junk)
          expect(buildIn(buffer, records)).toEqual(engine.encodeBatch(records, PRODUCER))
        },
      ),
      { numRuns: 150 },
    )
  })

  it('builds the same batch again in the buffer an earlier batch released', () => {
    fc.assert(
      fc.property(
        fc.array(recordArbitrary, { minLength: 1, maxLength: 15 }),
        fc.array(recordArbitrary, { minLength: 1, maxLength: 15 }),
        (first, second) => {
          const buffer = new Uint8Array(16_384)
          const earlier = new MemoryRecordsBuilder(buffer)
          for (const r of first) earlier.append(r.timestamp, r.key, r.value, r.headers)
          engine.buildBatch(earlier, PRODUCER)
          const reused = earlier.release()
          expect(reused).toBe(buffer)
          expect(buildIn(reused ?? new Uint8Array(0), second)).toEqual(engine.encodeBatch(second, PRODUCER))
        },
      ),
      { numRuns: 100 },
    )
  })

  it('hands its buffer back once, then refuses appends and builds', () => {
    const buffer = new Uint8Array(1_024)
    const builder = new MemoryRecordsBuilder(buffer)
    builder.append(1_000, null, Uint8Array.of(1), [])
    expect(builder.release()).toBe(buffer)
    expect(builder.release()).toBeNull()
    expect(() => builder.append(1_000, null, null, [])).toThrow(
      'This MemoryRecordsBuilder released its buffer',
    )
    expect(() => engine.buildBatch(builder)).toThrow('This MemoryRecordsBuilder released its buffer')
  })

  it('starts on a buffer of its own when the one given cannot hold a batch header', () => {
    const small = new Uint8Array(60)
    const builder = new MemoryRecordsBuilder(small)
    builder.append(5, null, Uint8Array.of(7), [])
    expect(builder.release()).not.toBe(small)
  })
})

describe('BufferPool', () => {
  it('reuses batch.size buffers, last freed first, and allocates other sizes anew', () => {
    const pool = new BufferPool(1_000, 10_000)
    const a = pool.allocate(1_000)
    const b = pool.allocate(1_000)
    expect(a).not.toBe(b)
    expect(a.length).toBe(1_000)
    pool.deallocate(a)
    pool.deallocate(b)
    expect(pool.freeCount).toBe(2)
    expect(pool.allocate(1_000)).toBe(b)
    expect(pool.allocate(1_000)).toBe(a)
    expect(pool.allocate(1_000)).not.toBe(a)
    const big = pool.allocate(5_000)
    expect(big.length).toBe(5_000)
    pool.deallocate(big)
    expect(pool.freeCount).toBe(0)
  })

  it('keeps at most buffer.memory bytes of free buffers', () => {
    const pool = new BufferPool(4_000, 10_000)
    const buffers = [1, 2, 3].map(() => pool.allocate(4_000))
    for (const buffer of buffers) pool.deallocate(buffer)
    expect(pool.freeCount).toBe(2)
  })
})

describe('RecordAccumulator batch buffers', () => {
  const config = {
    batchSize: 2_000,
    compressed: false,
    lingerMs: 0,
    retryBackoffMs: 100,
    deliveryTimeoutMs: 120_000,
  }
  const NONE = { type: CompressionType.NONE }
  const input: RecordInput = { key: null, value: new Uint8Array(50).fill(9), timestamp: 1_000, headers: [] }

  function firstBatch(accumulator: RecordAccumulator, partition: number): ProducerBatch {
    accumulator.append('t', partition, input, keyValueHeadersSize(input), 1_000)
    const batch = accumulator
      .drain(
        { leaderFor: () => 1, partitionsForNode: () => [{ topic: 't', partition }] },
        [1],
        1_048_576,
        1_000,
      )
      .get(1)?.[0]
    if (batch === undefined) throw new Error('nothing drained')
    return batch
  }

  it('gives a done batch buffer to the next batch, once however often the batch is deallocated', () => {
    const accumulator = new RecordAccumulator(config, null)
    const done = firstBatch(accumulator, 0)
    const built = done.build(engine, NONE)
    const expected = built.slice()
    done.complete(0)
    const release = done.releaseBuffer.bind(done)
    const handedBack: Array<Uint8Array | null> = []
    done.releaseBuffer = () => {
      const buffer = release()
      handedBack.push(buffer)
      return buffer
    }
    accumulator.deallocate(done)
    accumulator.deallocate(done)
    const next = firstBatch(accumulator, 1)
    const other = firstBatch(accumulator, 2)
    // The done batch's buffer went to exactly one of them; the bytes each batch sent are a copy in an array of
    // their own, which no later batch writes, so they stay as they were.
    const nextBuilt = next.build(engine, NONE)
    const otherBuilt = other.build(engine, NONE)
    expect(nextBuilt).toEqual(engine.encodeBatch([input]))
    expect(otherBuilt).toEqual(engine.encodeBatch([input]))
    expect(built).toEqual(expected)
    for (const bytes of [built, nextBuilt, otherBuilt]) expect(bytes.buffer.byteLength).toBe(bytes.length)
    const [buffer, again] = handedBack
    expect(again).toBeNull()
    expect([next.releaseBuffer(), other.releaseBuffer()].filter((b) => b === buffer)).toHaveLength(1)
  })
})
