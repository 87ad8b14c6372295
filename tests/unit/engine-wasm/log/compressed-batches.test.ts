// RecordBatch v2 with compressed records: batches from IBM/sarama's record_test.go (gzip, raw snappy, an
// LZ4 frame with 4 MiB blocks and a content checksum, each with its own CRC) and batches whose records
// real tools compressed decode to the right records; encodeBatch sets the codec bits, recomputes the CRC
// and keeps every other header field; recompression, segment appends and mixed codecs in one buffer.
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  CompressionType,
  CorruptRecordError,
  type DecodedBatch,
  type LogEngine,
} from '../../../../engine-wasm/src/log/index.ts'
import { JAVA_GZIP, LZ4_CLI, PLAIN_BATCH, ZSTD_CLI } from './compression-fixtures.ts'
import { concat, loadLogEngine, naiveCrc32c, recordArbitrary, utf8 } from './log-fixtures.ts'

let engine: LogEngine
beforeAll(async () => {
  engine = await loadLogEngine()
})

const ALL = [
  CompressionType.NONE,
  CompressionType.GZIP,
  CompressionType.SNAPPY,
  CompressionType.LZ4,
  CompressionType.ZSTD,
]
const CODECS = ALL.slice(1)

/** sarama's batch header for one record at FirstTimestamp 10, with its length, CRC and attributes. */
function saramaBatch(length: number, crc: number[], attributes: number, records: number[]): Uint8Array {
  return Uint8Array.from([
    ...[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, length, 0, 0, 0, 0, 2, ...crc, 0, attributes, 0, 0, 0, 0],
    ...[0, 0, 0, 0, 0, 0, 0, 10], // baseTimestamp
    ...new Array<number>(22).fill(0), // maxTimestamp 0, producerId 0, producerEpoch 0, baseSequence 0
    ...[0, 0, 0, 1], // one record
    ...records,
  ])
}

const SARAMA_GZIP = saramaBatch(
  94,
  [15, 156, 184, 78],
  1,
  [
    31, 139, 8, 0, 0, 0, 0, 0, 0, 255, 210, 96, 224, 98, 224, 96, 100, 98, 102, 97, 99, 101, 99, 103, 98, 227,
    224, 228, 98, 225, 230, 1, 4, 0, 0, 255, 255, 173, 201, 88, 103, 21, 0, 0, 0,
  ],
)
const SARAMA_SNAPPY = saramaBatch(
  72,
  [95, 173, 35, 17],
  2,
  [21, 80, 40, 0, 10, 0, 8, 1, 2, 3, 4, 6, 5, 6, 7, 2, 6, 8, 9, 10, 4, 11, 12],
)
const SARAMA_LZ4 = saramaBatch(
  89,
  [129, 238, 43, 82],
  3,
  [
    4, 34, 77, 24, 100, 112, 185, 21, 0, 0, 128, 40, 0, 10, 0, 8, 1, 2, 3, 4, 6, 5, 6, 7, 2, 6, 8, 9, 10, 4,
    11, 12, 0, 0, 0, 0, 12, 59, 239, 146,
  ],
)

/** PLAIN_BATCH's header around `records` compressed as `type`, with batchLength and CRC to match. */
function withStream(records: Uint8Array, type: number): Uint8Array {
  const batch = concat([PLAIN_BATCH.subarray(0, 61), records])
  const view = new DataView(batch.buffer)
  view.setInt32(8, batch.length - 12)
  view.setInt16(21, type)
  view.setUint32(17, naiveCrc32c(batch.subarray(21)))
  return batch
}

const fields = (batch: DecodedBatch | undefined) => ({ ...batch, records: undefined })

describe('decodeBatches with compressed records', () => {
  it("reads sarama's gzip, snappy and lz4 batches", () => {
    for (const [bytes, type] of [
      [SARAMA_GZIP, 1],
      [SARAMA_SNAPPY, 2],
      [SARAMA_LZ4, 3],
    ] as const) {
      const [batch] = engine.decodeBatches(bytes)
      expect(batch?.compressionType).toBe(type)
      expect(batch?.crc).toBe(new DataView(bytes.buffer).getUint32(17))
      expect(batch?.records).toEqual([
        {
          offset: 0,
          timestamp: 15,
          key: Uint8Array.from([1, 2, 3, 4]),
          value: Uint8Array.from([5, 6, 7]),
          headers: [{ key: '\b\t\n', value: Uint8Array.from([11, 12]) }],
          sizeInBytes: 21,
        },
      ])
    }
  })

  it('reads records that Java gzip, the lz4 tool and the zstd tool compressed', () => {
    const [plain] = engine.decodeBatches(PLAIN_BATCH)
    expect(plain?.records.map((r) => [r.offset, r.key && new TextDecoder().decode(r.key)])).toEqual([
      [0, 'order-1'],
      [1, 'order-2'],
      [2, null],
    ])
    for (const [stream, type] of [
      [JAVA_GZIP, 1],
      [LZ4_CLI, 3],
      [ZSTD_CLI, 4],
    ] as const) {
      const [batch] = engine.decodeBatches(withStream(stream, type))
      expect(batch?.compressionType).toBe(type)
      expect(batch?.batchLength).toBe(61 + stream.length - 12)
      expect(batch?.records).toEqual(plain?.records)
    }
  })

  it('reads batches of different codecs back to back, with their own positions', () => {
    const records = [{ key: utf8('k'), value: utf8('v'), timestamp: 7, headers: [] }]
    const parts = ALL.map((type) => engine.encodeBatch(records, { compression: { type } }))
    const decoded = engine.decodeBatches(concat(parts))
    expect(decoded.map((b) => b.compressionType)).toEqual([0, 1, 2, 3, 4])
    expect(decoded.map((b) => b.position)).toEqual(
      parts.map((_, i) => parts.slice(0, i).reduce((sum, p) => sum + p.length, 0)),
    )
    expect(decoded.every((b) => b.records[0]?.value?.[0] === 0x76)).toBe(true)
  })

  it('refuses a compressed batch whose records do not decompress or do not match the header', () => {
    const garbage = withStream(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]), 3)
    expect(() => engine.decodeBatches(garbage)).toThrow(CorruptRecordError)
    expect(() => engine.decodeBatches(garbage)).toThrow(
      'Record batch at position 0 could not be decompressed with lz4: Stream unsupported (invalid magic bytes)',
    )
    const twoOfThree = engine.encodeBatch(
      [0, 1].map((i) => ({ key: null, value: utf8(`r${i}`), timestamp: i, headers: [] })),
      { compression: { type: CompressionType.GZIP } },
    )
    const view = new DataView(twoOfThree.buffer)
    view.setInt32(23, 2) // lastOffsetDelta 2 and count 3 for two records
    view.setInt32(57, 3)
    view.setUint32(17, naiveCrc32c(twoOfThree.subarray(21)))
    expect(() => engine.decodeBatches(twoOfThree)).toThrow('Found invalid record structure')
  })
})

describe('encodeBatch with compression', () => {
  it('sets the codec bits, recomputes the CRC and keeps the header and the records', () => {
    fc.assert(
      fc.property(
        fc.array(recordArbitrary, { minLength: 1, maxLength: 8 }),
        fc.constantFrom(...CODECS),
        (records, type) => {
          const plain = engine.encodeBatch(records)
          const batch = engine.encodeBatch(records, { compression: { type } })
          const view = new DataView(batch.buffer)
          expect(view.getInt16(21) & 0x07).toBe(type)
          expect(view.getInt32(8)).toBe(batch.length - 12)
          expect(view.getUint32(17)).toBe(naiveCrc32c(batch.subarray(21)))
          expect(batch.subarray(23, 61)).toEqual(plain.subarray(23, 61))
          const [decoded] = engine.decodeBatches(batch)
          const [expected] = engine.decodeBatches(plain)
          expect(decoded?.records).toEqual(expected?.records)
          expect(fields(decoded)).toEqual({
            ...fields(expected),
            compressionType: type,
            attributes: type,
            crc: view.getUint32(17),
            batchLength: batch.length - 12,
          })
        },
      ),
      { numRuns: 150 },
    )
  })

  it('shrinks repetitive records with every codec but zstd (written as raw blocks)', () => {
    const records = Array.from({ length: 100 }, (_, i) => ({
      key: utf8(`user-${i % 10}`),
      value: utf8('{"event":"page_view","page":"/products/kafka"}'),
      timestamp: 1_700_000_000_000 + i,
      headers: [],
    }))
    const plain = engine.encodeBatch(records).length
    const sizes = CODECS.map((type) => engine.encodeBatch(records, { compression: { type } }).length)
    expect(sizes.slice(0, 3).every((size) => size < plain / 4)).toBe(true)
    expect(sizes[3]).toBe(plain + 10) // magic 4, descriptor 1, 2-byte content size, one 3-byte block header
  })
})

describe('recompressBatches and segments', () => {
  it('converts every batch to the target codec and leaves batches already in it untouched', () => {
    const records = [{ key: null, value: utf8('abcabcabcabc'), timestamp: 1, headers: [] }]
    const mixed = concat(ALL.map((type) => engine.encodeBatch(records, { compression: { type } })))
    const toLz4 = engine.recompressBatches(mixed, { type: CompressionType.LZ4 })
    const decoded = engine.decodeBatches(toLz4)
    expect(decoded.map((b) => b.compressionType)).toEqual([3, 3, 3, 3, 3])
    expect(decoded.map((b) => b.records)).toEqual(engine.decodeBatches(mixed).map((b) => b.records))
    expect(engine.recompressBatches(toLz4, { type: CompressionType.LZ4 })).toBe(toLz4)
    const plain = engine.recompressBatches(mixed, { type: CompressionType.NONE })
    expect(engine.decodeBatches(plain).map((b) => b.compressionType)).toEqual([0, 0, 0, 0, 0])
  })

  it('appends compressed batches to a segment, assigns offsets and reads them back', () => {
    const segment = engine.newSegment(5)
    const batches = CODECS.map((type, i) =>
      engine.encodeBatch(
        [0, 1].map((r) => ({ key: null, value: utf8(`${type}-${r}`), timestamp: 100 + i, headers: [] })),
        { compression: { type } },
      ),
    )
    const info = segment.append(concat(batches))
    expect([info.firstOffset, info.lastOffset, info.recordCount, info.maxTimestamp]).toEqual([5, 12, 8, 103])
    const read = engine.decodeBatches(segment.read(7, 1 << 20))
    expect(read.map((b) => [b.baseOffset, b.compressionType])).toEqual([
      [7, 2],
      [9, 3],
      [11, 4],
    ])
    expect(
      read.flatMap((b) => b.records.map((r) => [r.offset, new TextDecoder().decode(r.value ?? undefined)])),
    ).toEqual([
      [7, '2-0'],
      [8, '2-1'],
      [9, '3-0'],
      [10, '3-1'],
      [11, '4-0'],
      [12, '4-1'],
    ])
    // A compressed batch answers a timestamp lookup with its base offset (log.wasm cannot inflate it).
    expect(segment.offsetForTimestamp(102)).toBe(9)
    segment.free()
  })

  it('refuses attribute compression ids 5 to 7 as CompressionType.forId does', () => {
    const batch = engine.encodeBatch([{ key: null, value: null, timestamp: 0, headers: [] }])
    const view = new DataView(batch.buffer)
    view.setInt16(21, 7)
    view.setUint32(17, naiveCrc32c(batch.subarray(21)))
    const segment = engine.newSegment(0)
    expect(() => segment.append(batch)).toThrow('Unknown compression type id: 7')
    segment.free()
  })
})
