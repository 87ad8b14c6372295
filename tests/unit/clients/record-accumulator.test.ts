// RecordAccumulator and ProducerBatch against MemoryRecordsBuilder's rules: a batch takes records while its
// header plus their exact v2 sizes stay within max(batch.size, the first record's upper bound); the first
// record always goes in; a record that does not fit closes the batch; compressed batches count 1.05x.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { RecordAccumulator } from '../../../workers/clients/kafka/producer/record-accumulator.ts'
import {
  keyValueHeadersSize,
  recordSizeInBytes,
  recordSizeUpperBound,
} from '../../../workers/clients/kafka/producer/record-size.ts'
import type { RecordInput } from '../../../engine-wasm/src/log/index.ts'
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

describe('RecordAccumulator', () => {
  it('fills a batch to batch.size with exact sizes, then opens the next', () => {
    const accumulator = new RecordAccumulator({ batchSize: 1000, compressed: false })
    // 61 + 8 * 109 = 933 fits, 61 + 9 * 109 = 1042 does not: the ninth record opens a new batch.
    const results = Array.from({ length: 9 }, () => accumulator.append('t', 0, record(100), HUNDRED))
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
    const [first, second] = [accumulator.drain(), accumulator.drain()]
    expect([first.map((b) => b.recordCount), second.map((b) => b.recordCount)]).toEqual([[8], [1]])
    expect(first[0]!.isFull).toBe(true)
    expect(second[0]!.isFull).toBe(false)
  })

  it('always takes a first record larger than batch.size, in a batch of its own', () => {
    const accumulator = new RecordAccumulator({ batchSize: 100, compressed: false })
    const big = accumulator.append('t', 0, record(500), keyValueHeadersSize(record(500)))
    expect(big.appendedBytes).toBe(61 + recordSizeInBytes(0, 0, keyValueHeadersSize(record(500))))
    expect(big.batchIsFull).toBe(false)
    // Its write limit is its own upper bound (586), so 16 bytes of room are left: a 100-byte record goes next.
    expect(accumulator.append('t', 0, record(100), HUNDRED).batchIsFull).toBe(true)
    expect(accumulator.drain()[0]!.recordCount).toBe(1)
  })

  it('counts compressed batches at 1.05 times their uncompressed bytes', () => {
    const plain = new RecordAccumulator({ batchSize: 2000, compressed: false })
    const compressed = new RecordAccumulator({ batchSize: 2000, compressed: true })
    const fill = (accumulator: RecordAccumulator): number => {
      for (let i = 0; i < 40; i++) accumulator.append('t', 0, record(100), HUNDRED)
      return accumulator.drain()[0]!.recordCount
    }
    // Plain: 61 + 17 * 109 = 1914 fits, 18 do not. Compressed: 61 + floor(17 * 109 * 1.05) = 2006 does not fit.
    expect(fill(plain)).toBe(17)
    expect(fill(compressed)).toBe(16)
  })

  it('hands out the oldest batch of each partition per drain, partitions in first-use order', () => {
    const accumulator = new RecordAccumulator({ batchSize: 200, compressed: false })
    for (const partition of [2, 0, 2, 2, 0]) accumulator.append('t', partition, record(100), HUNDRED)
    const rounds = [accumulator.drain(), accumulator.drain(), accumulator.drain()]
    expect(rounds.map((r) => r.map((b) => `${b.partition}:${b.recordCount}`))).toEqual([
      ['2:1', '0:1'],
      ['2:1', '0:1'],
      ['2:1'],
    ])
    expect(accumulator.isEmpty).toBe(true)
  })
})
