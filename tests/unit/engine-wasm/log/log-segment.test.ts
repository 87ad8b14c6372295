// LogSegment append, read and timestamp lookup against a naive list of the batches appended, with the
// behaviour of Kafka's LogSegment (offset assignment, minOneMessage reads, findOffsetByTimestamp).
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { CorruptRecordError, type LogEngine } from '../../../../engine-wasm/src/log/index.ts'
import {
  SARAMA_BATCH,
  batchExtents,
  concat,
  expectSameBytes,
  loadLogEngine,
  sizedRecord,
  utf8,
  withBaseOffset,
} from './log-fixtures.ts'
import { appendAll, appendsArbitrary } from './segment-model.ts'

let engine: LogEngine
beforeAll(async () => {
  engine = await loadLogEngine()
})

describe('LogSegment.append', () => {
  it('assigns offsets contiguously across appends and reports each append', () => {
    const segment = engine.newSegment(100)
    expect([segment.nextOffset, segment.sizeInBytes, segment.maxTimestamp]).toEqual([100, 0, -1])
    const first = engine.encodeBatch([sizedRecord(10, 5), sizedRecord(30, 5), sizedRecord(20, 5)])
    const second = engine.encodeBatch([sizedRecord(30, 5)])
    const third = engine.encodeBatch([sizedRecord(40, 5), sizedRecord(40, 5)])
    expect(segment.append(first)).toEqual({
      firstOffset: 100,
      lastOffset: 102,
      maxTimestamp: 30,
      offsetOfMaxTimestamp: 101,
      batchCount: 1,
      recordCount: 3,
      bytes: first.length,
    })
    expect(segment.append(concat([second, third]))).toEqual({
      firstOffset: 103,
      lastOffset: 105,
      maxTimestamp: 40,
      offsetOfMaxTimestamp: 104,
      batchCount: 2,
      recordCount: 3,
      bytes: second.length + third.length,
    })
    expect(segment.nextOffset).toBe(106)
    expect(segment.maxTimestamp).toBe(40)
    expect(segment.logBytes()).toEqual(
      concat([withBaseOffset(first, 100), withBaseOffset(second, 103), withBaseOffset(third, 104)]),
    )
    const decoded = engine.decodeBatches(segment.logBytes())
    expect(decoded.flatMap((batch) => batch.records.map((record) => record.offset))).toEqual([
      100, 101, 102, 103, 104, 105,
    ])
    segment.free()
  })

  it('refuses a batch with a flipped byte and changes nothing', () => {
    const segment = engine.newSegment(0)
    segment.append(engine.encodeBatch([sizedRecord(1, 5000)]))
    segment.append(engine.encodeBatch([sizedRecord(2, 10)]))
    const before = [segment.logBytes(), segment.offsetIndexBytes(), segment.timeIndexBytes()]
    const [a, b, c] = [1, 2, 3].map((t) =>
      engine.encodeBatch([sizedRecord(t + 10, 50), sizedRecord(t + 20, 50)]),
    )
    const corrupt = concat([a ?? new Uint8Array(0), b ?? new Uint8Array(0), c ?? new Uint8Array(0)])
    const position = a?.length ?? 0
    corrupt[position + 70] = (corrupt[position + 70] ?? 0) ^ 0x40
    expect(() => segment.append(corrupt)).toThrow(CorruptRecordError)
    expect(() => segment.append(corrupt)).toThrow(
      /^Record is corrupt \(stored crc = \d+, computed crc = \d+\)$/,
    )
    expect([segment.nextOffset, segment.sizeInBytes, segment.maxTimestamp]).toEqual([2, before[0]?.length, 2])
    expect([segment.logBytes(), segment.offsetIndexBytes(), segment.timeIndexBytes()]).toEqual(before)
    const good = engine.encodeBatch([sizedRecord(3, 10)])
    expect(segment.append(good).firstOffset).toBe(2)
    expect(segment.logBytes()).toEqual(concat([before[0] ?? new Uint8Array(0), withBaseOffset(good, 2)]))
    segment.free()
  })

  it('sets maxTimestamp from the records and re-checksums the batch, as LogValidator does', () => {
    const segment = engine.newSegment(0)
    expect(segment.append(SARAMA_BATCH).maxTimestamp).toBe(1479847795005)
    const [stored] = engine.decodeBatches(segment.logBytes())
    expect(stored?.maxTimestamp).toBe(1479847795005)
    expect(stored?.crc).not.toBe(0x547961fd)
    segment.free()
  })

  it('refuses offsets that overflow the segment relative offsets', () => {
    const batch = withBaseOffset(engine.encodeBatch([sizedRecord(1, 1)]), 2 ** 31 - 2)
    const { segment, truncatedBytes } = engine.recoverSegment(0, batch)
    expect([truncatedBytes, segment.nextOffset]).toEqual([0, 2 ** 31 - 1])
    const two = engine.encodeBatch([sizedRecord(2, 1), sizedRecord(3, 1)])
    expect(() => segment.append(two)).toThrow(
      new RangeError('Detected offset overflow at offset 2147483648 in segment with base offset 0'),
    )
    expect(segment.nextOffset).toBe(2 ** 31 - 1)
    segment.free()
  })

  it('throws on use after free', () => {
    const segment = engine.newSegment(0)
    segment.free()
    expect(() => segment.nextOffset).toThrow('LogSegment 0 was freed')
  })
})

describe('LogSegment.read', () => {
  it('returns the batch holding the offset, then whole batches that fit in maxBytes', () => {
    const segment = engine.newSegment(0)
    const sizes = [100, 300, 200, 50].map((size, i) =>
      engine.encodeBatch([sizedRecord(i, size), sizedRecord(i, size)]),
    )
    sizes.forEach((batch) => segment.append(batch))
    const stored = sizes.map((batch, i) => withBaseOffset(batch, 2 * i))
    const [, s1, s2] = stored.map((batch) => batch.length)
    expect(segment.read(3, 0)).toEqual(stored[1])
    expect(segment.read(2, (s1 ?? 0) + (s2 ?? 0) - 1)).toEqual(stored[1])
    expect(segment.read(2, (s1 ?? 0) + (s2 ?? 0))).toEqual(concat(stored.slice(1, 3)))
    expect(segment.read(0, 1 << 20)).toEqual(concat(stored))
    expect(segment.read(7, 1 << 20)).toEqual(stored[3])
    expect(segment.read(8, 1 << 20)).toEqual(new Uint8Array(0))
    expect(() => segment.read(0, -1)).toThrow(RangeError)
    segment.free()
  })

  it('for every offset and maxBytes, equals the naive batch list', () => {
    fc.assert(
      fc.property(
        appendsArbitrary,
        fc.integer({ min: 0, max: 12_000 }),
        fc.nat(500),
        (appends, maxBytes, base) => {
          const segment = engine.newSegment(base)
          const batches = appendAll(engine, segment, appends).flat()
          expectSameBytes(segment.logBytes(), concat(batches.map((batch) => batch.bytes)))
          for (let offset = base - 1; offset <= segment.nextOffset; offset++) {
            const k = batches.findIndex((batch) => batch.lastOffset >= offset)
            const expected = []
            let total = 0
            for (const batch of k < 0 ? [] : batches.slice(k)) {
              if (expected.length > 0 && total + batch.size > maxBytes) break
              expected.push(batch.bytes)
              total += batch.size
            }
            expectSameBytes(segment.read(offset, maxBytes), concat(expected))
          }
          segment.free()
        },
      ),
      { numRuns: 60 },
    )
  })
})

describe('LogSegment.offsetForTimestamp', () => {
  it('finds the first offset whose timestamp is at or after the target, as a full scan does', () => {
    fc.assert(
      fc.property(appendsArbitrary, (appends) => {
        const segment = engine.newSegment(0)
        const records = appendAll(engine, segment, appends)
          .flat()
          .flatMap((batch) =>
            batch.records.map((record, i) => ({ offset: batch.firstOffset + i, ...record })),
          )
        for (let target = -1; target <= 62; target++) {
          const expected = records.find((record) => record.timestamp >= target)?.offset ?? null
          expect(segment.offsetForTimestamp(target)).toBe(expected)
        }
        segment.free()
      }),
      { numRuns: 60 },
    )
  })

  it('looks inside a batch for the record', () => {
    const segment = engine.newSegment(10)
    segment.append(engine.encodeBatch([1, 5, 3, 9].map((t) => ({ ...sizedRecord(t, 1), key: utf8('k') }))))
    expect([0, 2, 5, 6, 9, 10].map((t) => segment.offsetForTimestamp(t))).toEqual([10, 11, 11, 13, 13, null])
    segment.free()
  })
})

describe('LogSegment bytes', () => {
  it('exports .log bytes that split into the stored batches', () => {
    const segment = engine.newSegment(0)
    segment.append(engine.encodeBatch([sizedRecord(1, 10)]))
    segment.append(engine.encodeBatch([sizedRecord(2, 20), sizedRecord(3, 30)]))
    // A record with a null key and an n-byte value (n < 64) takes 7 + n bytes.
    expect(batchExtents(segment.logBytes())).toEqual([
      [0, 61 + 17],
      [78, 61 + 27 + 37],
    ])
    segment.free()
  })
})
