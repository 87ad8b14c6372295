// MemoryRecordsBuilder against a naive RecordBatch v2 encoder written from Kafka's DefaultRecordBatch and
// DefaultRecord layout (number arrays, BigInt header fields, bit-by-bit CRC-32C): the same bytes for any
// records and header, a delete-horizon base timestamp with negative deltas, a LogAppendTime maxTimestamp,
// and rebuilding with another header (an idempotent retry) changing the header and CRC only.
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  MemoryRecordsBuilder,
  sizeOfVarlong,
  type BatchHeader,
  type LogEngine,
  type RecordInput,
} from '../../../../engine-wasm/src/log/index.ts'
import { loadLogEngine, naiveCrc32c, recordArbitrary, utf8 } from './log-fixtures.ts'

let engine: LogEngine
beforeAll(async () => {
  engine = await loadLogEngine()
})

/** ByteUtils.writeVarlong of a zigzag value, with BigInt so that no float arithmetic is involved. */
function varlong(value: number): number[] {
  let zigzag = (BigInt(value) << 1n) ^ (BigInt(value) >> 63n)
  zigzag = BigInt.asUintN(64, zigzag)
  const out: number[] = []
  while (zigzag >= 0x80n) {
    out.push(Number(zigzag & 0x7fn) | 0x80)
    zigzag >>= 7n
  }
  out.push(Number(zigzag))
  return out
}

function bigEndian(value: bigint, bytes: number): number[] {
  const unsigned = BigInt.asUintN(bytes * 8, value)
  return Array.from({ length: bytes }, (_, i) => Number((unsigned >> BigInt(8 * (bytes - 1 - i))) & 0xffn))
}

function naiveBatch(records: readonly RecordInput[], header: BatchHeader, baseTimestamp: number): number[] {
  const field = (bytes: Uint8Array | null): number[] =>
    bytes === null ? varlong(-1) : [...varlong(bytes.length), ...bytes]
  const body = records.flatMap((record, i) => {
    const inner = [
      0,
      ...varlong(record.timestamp - baseTimestamp),
      ...varlong(i),
      ...field(record.key),
      ...field(record.value),
      ...varlong(record.headers.length),
      ...record.headers.flatMap((h) => [...field(utf8(h.key)), ...field(h.value)]),
    ]
    return [...varlong(inner.length), ...inner]
  })
  const maxTimestamp = header.maxTimestamp ?? Math.max(...records.map((r) => r.timestamp))
  const afterCrc = [
    ...bigEndian(BigInt(header.attributes), 2),
    ...bigEndian(BigInt(records.length - 1), 4),
    ...bigEndian(BigInt(baseTimestamp), 8),
    ...bigEndian(BigInt(maxTimestamp), 8),
    ...bigEndian(BigInt(header.producerId), 8),
    ...bigEndian(BigInt(header.producerEpoch), 2),
    ...bigEndian(BigInt(header.baseSequence), 4),
    ...bigEndian(BigInt(records.length), 4),
    ...body,
  ]
  return [
    ...bigEndian(BigInt(header.baseOffset), 8),
    ...bigEndian(BigInt(afterCrc.length + 9), 4),
    ...bigEndian(BigInt(header.partitionLeaderEpoch), 4),
    2,
    ...bigEndian(BigInt(naiveCrc32c(Uint8Array.from(afterCrc))), 4),
    ...afterCrc,
  ]
}

const headerArbitrary: fc.Arbitrary<BatchHeader> = fc.record({
  baseOffset: fc.integer({ min: 0, max: 2 ** 40 }),
  partitionLeaderEpoch: fc.integer({ min: -1, max: 2 ** 31 - 1 }),
  attributes: fc.constantFrom(0, 0x08, 0x10),
  producerId: fc.integer({ min: -1, max: 2 ** 50 }),
  producerEpoch: fc.integer({ min: -1, max: 32767 }),
  baseSequence: fc.integer({ min: -1, max: 2 ** 31 - 1 }),
})

function built(records: readonly RecordInput[], baseTimestamp: number | null = null): MemoryRecordsBuilder {
  const builder = new MemoryRecordsBuilder(64, baseTimestamp)
  for (const r of records) builder.append(r.timestamp, r.key, r.value, r.headers)
  return builder
}

const crc32c = (bytes: Uint8Array): number => engine.crc32c(bytes)

describe('MemoryRecordsBuilder', () => {
  it('writes the bytes of the naive encoder for any records and header', () => {
    fc.assert(
      fc.property(
        fc.array(recordArbitrary, { minLength: 1, maxLength: 30 }),
        headerArbitrary,
        (records, header) => {
          const builder = built(records)
          const bytes = builder.build(header, crc32c)
          expect([...bytes]).toEqual(naiveBatch(records, header, records[0]!.timestamp))
          expect(builder.sizeInBytes).toBe(bytes.length)
          expect(builder.recordCount).toBe(records.length)
        },
      ),
      { numRuns: 150 },
    )
  })

  it('takes a delete horizon as base timestamp (negative deltas) and a LogAppendTime maxTimestamp', () => {
    fc.assert(
      fc.property(
        fc.array(recordArbitrary, { minLength: 1, maxLength: 10 }),
        headerArbitrary,
        fc.integer({ min: 0, max: 2 ** 46 }),
        fc.integer({ min: 0, max: 2 ** 46 }),
        (records, header, horizon, maxTimestamp) => {
          const stamped = { ...header, maxTimestamp }
          expect([...built(records, horizon).build(stamped, crc32c)]).toEqual(
            naiveBatch(records, stamped, horizon),
          )
        },
      ),
      { numRuns: 100 },
    )
  })

  it('builds again with a new header: same records, new header fields and CRC, and log.wasm accepts both', () => {
    const records: RecordInput[] = [
      { key: null, value: utf8('a'), timestamp: 1000, headers: [] },
      { key: utf8('k'), value: null, timestamp: 990, headers: [{ key: 'h', value: null }] },
    ]
    const builder = built(records)
    const first = builder.build(
      {
        baseOffset: 0,
        partitionLeaderEpoch: -1,
        attributes: 0,
        producerId: 7,
        producerEpoch: 0,
        baseSequence: 0,
      },
      crc32c,
    )
    const retry = builder.build(
      {
        baseOffset: 0,
        partitionLeaderEpoch: -1,
        attributes: 0,
        producerId: 7,
        producerEpoch: 1,
        baseSequence: 5,
      },
      crc32c,
    )
    expect([...retry.subarray(61)]).toEqual([...first.subarray(61)])
    expect(retry.subarray(17, 21)).not.toEqual(first.subarray(17, 21))
    const [decoded] = engine.decodeBatches(retry)
    expect(decoded).toMatchObject({ producerId: 7, producerEpoch: 1, baseSequence: 5, maxTimestamp: 1000 })
    expect(decoded?.records.map((r) => [r.offset, r.timestamp, r.headers.length])).toEqual([
      [0, 1000, 0],
      [1, 990, 1],
    ])
    expect(engine.decodeBatches(first)[0]?.baseSequence).toBe(0)
  })

  it('grows from a tiny buffer past batch.size-sized batches', () => {
    const value = new Uint8Array(100).fill(120)
    const records = Array.from({ length: 600 }, (_, i): RecordInput => ({
      key: null,
      value,
      timestamp: 5 + i,
      headers: [],
    }))
    const builder = built(records)
    // 61 + per record: length 2, attributes 1, deltas 1-2 bytes each, null key 1, value 2 + 100, no headers 1.
    const expected =
      61 +
      records.reduce((sum, _, i) => {
        const body = 1 + sizeOfVarlong(i) * 2 + 1 + 102 + 1
        return sum + sizeOfVarlong(body) + body
      }, 0)
    expect(builder.sizeInBytes).toBe(expected)
    expect(
      engine.decodeBatches(
        builder.build(
          {
            baseOffset: 0,
            partitionLeaderEpoch: -1,
            attributes: 0,
            producerId: -1,
            producerEpoch: -1,
            baseSequence: -1,
          },
          crc32c,
        ),
      )[0]?.records,
    ).toHaveLength(600)
  })

  it('refuses a batch without records and a timestamp that is not a whole number of milliseconds', () => {
    const header = {
      baseOffset: 0,
      partitionLeaderEpoch: -1,
      attributes: 0,
      producerId: -1,
      producerEpoch: -1,
      baseSequence: -1,
    }
    expect(() => new MemoryRecordsBuilder().build(header, crc32c)).toThrow(
      'A record batch needs at least one record',
    )
    expect(() => new MemoryRecordsBuilder().append(1.5, null, null, [])).toThrow(
      'Record timestamp 1.5 is not an integer number of milliseconds',
    )
  })

  it('sizes varlongs as ByteUtils.sizeOfVarlong', () => {
    expect([0, -1, 63, -64, 64, -65, 8191, 8192, 2 ** 31, -(2 ** 31), 2 ** 52].map(sizeOfVarlong)).toEqual([
      1, 1, 1, 1, 2, 2, 2, 3, 5, 5, 8,
    ])
  })
})
