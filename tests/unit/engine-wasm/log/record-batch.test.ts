// RecordBatch v2 encoding and decoding in log.wasm: exact bytes worked out by hand from Kafka's
// DefaultRecordBatch / DefaultRecord layout, a batch taken from IBM/sarama's record_test.go (an independent
// implementation whose bytes carry their own CRC), round trips, and refusal of corrupt bytes.
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  CorruptRecordError,
  type LogEngine,
  type RecordInput,
} from '../../../../engine-wasm/src/log/index.ts'
import {
  SARAMA_BATCH,
  batchExtents,
  concat,
  loadLogEngine,
  naiveCrc32c,
  recordArbitrary,
  utf8,
} from './log-fixtures.ts'

let engine: LogEngine
beforeAll(async () => {
  engine = await loadLogEngine()
})

const crcBytes = (batch: Uint8Array): number[] => {
  const crc = naiveCrc32c(batch.subarray(21))
  return [crc >>> 24, (crc >>> 16) & 0xff, (crc >>> 8) & 0xff, crc & 0xff]
}

// sarama's "empty record" case: no records, lastOffsetDelta 0, CRC 89 95 183 221.
const SARAMA_EMPTY_BATCH = Uint8Array.from([
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 49, 0, 0, 0, 0, 2, 89, 95, 183, 221, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
])

describe('encodeBatch', () => {
  it('lays out a one-record batch exactly as DefaultRecordBatch does', () => {
    const batch = engine.encodeBatch([
      { key: utf8('key'), value: utf8('value'), timestamp: 1000, headers: [] },
    ])
    const expected = [
      ...[0, 0, 0, 0, 0, 0, 0, 0], // baseOffset 0
      ...[0, 0, 0, 64], // batchLength = 76 - 12
      ...[0xff, 0xff, 0xff, 0xff], // partitionLeaderEpoch -1
      2, // magic
      ...crcBytes(batch),
      ...[0, 0], // attributes: no compression, CreateTime
      ...[0, 0, 0, 0], // lastOffsetDelta
      ...[0, 0, 0, 0, 0, 0, 0x03, 0xe8], // baseTimestamp 1000
      ...[0, 0, 0, 0, 0, 0, 0x03, 0xe8], // maxTimestamp 1000
      ...[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], // producerId -1
      ...[0xff, 0xff], // producerEpoch -1
      ...[0xff, 0xff, 0xff, 0xff], // baseSequence -1
      ...[0, 0, 0, 1], // records count
      0x1c, // record length 14, zig-zag
      0, // attributes
      0, // timestampDelta 0
      0, // offsetDelta 0
      0x06,
      0x6b,
      0x65,
      0x79, // keyLength 3, "key"
      0x0a,
      0x76,
      0x61,
      0x6c,
      0x75,
      0x65, // valueLength 5, "value"
      0, // no headers
    ]
    expect([...batch]).toEqual(expected)
    expect(crcBytes(batch)).toEqual([...batch.subarray(17, 21)])
  })

  it('writes options, null keys, header varints and negative timestamp deltas', () => {
    const records: RecordInput[] = [
      { key: null, value: utf8('v'), timestamp: 1000, headers: [{ key: 'h', value: null }] },
      { key: utf8(''), value: null, timestamp: 900, headers: [] },
      { key: null, value: new Uint8Array(0), timestamp: 1500, headers: [] },
    ]
    const options = { producerId: 7, producerEpoch: 3, baseSequence: 11, partitionLeaderEpoch: 5 }
    const batch = engine.encodeBatch(records, options)
    const view = new DataView(batch.buffer)
    expect(view.getInt32(12)).toBe(5)
    expect(view.getInt32(23)).toBe(2)
    expect(view.getBigInt64(27)).toBe(1000n)
    expect(view.getBigInt64(35)).toBe(1500n)
    expect(view.getBigInt64(43)).toBe(7n)
    expect(view.getInt16(51)).toBe(3)
    expect(view.getInt32(53)).toBe(11)
    expect(view.getInt32(57)).toBe(3)
    expect([...batch.subarray(61)]).toEqual([
      ...[0x14, 0, 0, 0, 0x01, 0x02, 0x76, 0x02, 0x02, 0x68, 0x01], // body 10: null key, "v", header h -> null
      ...[0x0e, 0, 0xc7, 0x01, 0x02, 0x00, 0x01, 0x00], // body 7: delta -100 (zig-zag 199), key "", null value
      ...[0x0e, 0, 0xe8, 0x07, 0x04, 0x01, 0x00, 0x00], // body 7: delta 500, offsetDelta 2, empty value
    ])
    expect(batch.length).toBe(61 + 11 + 8 + 8)
    expect(view.getInt32(8)).toBe(batch.length - 12)
  })

  it('refuses an empty record list', () => {
    expect(() => engine.encodeBatch([])).toThrow(RangeError)
  })
})

describe('decodeBatches', () => {
  it('decodes a batch written by another Kafka client (sarama)', () => {
    const [batch, ...rest] = engine.decodeBatches(SARAMA_BATCH)
    expect(rest).toEqual([])
    expect(batch).toEqual({
      baseOffset: 0,
      lastOffset: 0,
      batchLength: 70,
      partitionLeaderEpoch: 0,
      magic: 2,
      crc: 0x547961fd,
      attributes: 0,
      lastOffsetDelta: 0,
      baseTimestamp: 1479847795000,
      maxTimestamp: 0,
      producerId: 0,
      producerEpoch: 0,
      baseSequence: 0,
      isTransactional: false,
      isControlBatch: false,
      compressionType: 0,
      position: 0,
      records: [
        {
          offset: 0,
          timestamp: 1479847795005,
          key: Uint8Array.from([1, 2, 3, 4]),
          value: Uint8Array.from([5, 6, 7]),
          headers: [{ key: '\b\t\n', value: Uint8Array.from([11, 12]) }],
          sizeInBytes: 21,
        },
      ],
    })
  })

  it('refuses a batch without records as LogValidator does', () => {
    expect(() => engine.decodeBatches(SARAMA_EMPTY_BATCH)).toThrow(
      new CorruptRecordError('Invalid reported count for record batch: 0'),
    )
  })

  it('round-trips any records, batch after batch', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(recordArbitrary, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 4 }),
        (batches) => {
          const encoded = batches.map((records) => engine.encodeBatch(records))
          const decoded = engine.decodeBatches(concat(encoded))
          expect(decoded.map((batch) => batch.position)).toEqual(
            batchExtents(concat(encoded)).map(([position]) => position),
          )
          decoded.forEach((batch, b) => {
            const records = batches[b] ?? []
            expect(batch.baseTimestamp).toBe(records[0]?.timestamp)
            expect(batch.maxTimestamp).toBe(Math.max(...records.map((record) => record.timestamp)))
            expect(batch.batchLength).toBe((encoded[b]?.length ?? 0) - 12)
            expect(61 + batch.records.reduce((sum, record) => sum + record.sizeInBytes, 0)).toBe(
              encoded[b]?.length,
            )
            expect(
              batch.records.map(({ key, value, timestamp, headers }) => ({ key, value, timestamp, headers })),
            ).toEqual(records)
            expect(batch.records.map((record) => record.offset)).toEqual(records.map((_, i) => i))
          })
        },
      ),
      { numRuns: 150 },
    )
  })

  it('refuses every single flipped bit inside the checksummed bytes or the size and magic fields', () => {
    const batch = engine.encodeBatch([
      { key: utf8('k'), value: utf8('some value'), timestamp: 5, headers: [{ key: 'h', value: utf8('x') }] },
      { key: null, value: utf8('second'), timestamp: 6, headers: [] },
    ])
    fc.assert(
      fc.property(fc.integer({ min: 8, max: batch.length - 1 }), fc.integer({ min: 0, max: 7 }), (i, bit) => {
        fc.pre(i < 12 || i >= 16)
        const corrupt = batch.slice()
        corrupt[i] = (corrupt[i] ?? 0) ^ (1 << bit)
        expect(() => engine.decodeBatches(corrupt)).toThrow(CorruptRecordError)
      }),
      { numRuns: 300 },
    )
  })

  it('names the stored and computed CRC as DefaultRecordBatch.ensureValid does', () => {
    const corrupt = SARAMA_BATCH.slice()
    corrupt[80] = 13
    const computed = naiveCrc32c(corrupt.subarray(21))
    expect(() => engine.decodeBatches(corrupt)).toThrow(
      new CorruptRecordError(`Record is corrupt (stored crc = 1417241085, computed crc = ${computed})`),
    )
  })

  it('refuses truncated bytes, short sizes, other magics, undecompressible records and unknown codecs', () => {
    const batch = engine.encodeBatch([{ key: null, value: utf8('v'), timestamp: 1, headers: [] }])
    expect(() => engine.decodeBatches(batch.subarray(0, batch.length - 1))).toThrow(
      `Record batch at position 0 is truncated: its size is ${batch.length} but only ${batch.length - 1} bytes remain`,
    )
    const short = batch.slice()
    new DataView(short.buffer).setInt32(8, 40)
    expect(() => engine.decodeBatches(short)).toThrow(
      'Record batch is corrupt (the size 52 is smaller than the minimum allowed overhead 61)',
    )
    const magic1 = batch.slice()
    magic1[16] = 1
    expect(() => engine.decodeBatches(magic1)).toThrow('has magic 1')
    const gzip = withAttributes(batch, 1)
    expect(() => engine.decodeBatches(gzip)).toThrow(
      'Record batch at position 0 could not be decompressed with gzip: invalid gzip data',
    )
    expect(() => engine.decodeBatches(withAttributes(batch, 5))).toThrow('Unknown compression type id: 5')
  })

  it('decodes LogAppendTime, transactional and control flags from attributes', () => {
    const batch = withAttributes(
      engine.encodeBatch([{ key: null, value: null, timestamp: 3, headers: [] }]),
      0x08 | 0x10 | 0x20,
    )
    new DataView(batch.buffer).setBigInt64(35, 77n)
    rewriteCrc(batch)
    const [decoded] = engine.decodeBatches(batch)
    expect(decoded?.isTransactional).toBe(true)
    expect(decoded?.isControlBatch).toBe(true)
    expect(decoded?.records[0]?.timestamp).toBe(77)
  })
})

function rewriteCrc(batch: Uint8Array): void {
  new DataView(batch.buffer, batch.byteOffset).setUint32(17, naiveCrc32c(batch.subarray(21)))
}

function withAttributes(batch: Uint8Array, attributes: number): Uint8Array {
  const copy = batch.slice()
  new DataView(copy.buffer).setInt16(21, attributes)
  rewriteCrc(copy)
  return copy
}
