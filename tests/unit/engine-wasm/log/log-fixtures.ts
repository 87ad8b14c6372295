// Shared by the log engine tests: loading log.wasm (run `node engine-wasm/build.mjs` first), naive
// oracles written from the specifications, and fast-check arbitraries for records.
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { expect } from 'vitest'
import { LogEngine, type RecordInput } from '../../../../engine-wasm/src/log/index.ts'

export function loadLogEngine(): Promise<LogEngine> {
  return LogEngine.load(readFileSync(new URL('../../../../engine-wasm/build/log.wasm', import.meta.url)))
}

/** CRC-32C bit by bit (reflected polynomial 0x82F63B78), the oracle for the table-driven one. */
export function naiveCrc32c(bytes: Uint8Array): number {
  let crc = 0xffffffff
  for (const byte of bytes) {
    crc ^= byte
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1
  }
  return (crc ^ 0xffffffff) >>> 0
}

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text)

/** Splits back-to-back batches by their batchLength field: [position, size] each. */
export function batchExtents(bytes: Uint8Array): [number, number][] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const extents: [number, number][] = []
  for (let position = 0; position < bytes.length;) {
    const size = view.getInt32(position + 8) + 12
    extents.push([position, size])
    position += size
  }
  return extents
}

export const recordArbitrary: fc.Arbitrary<RecordInput> = fc.record({
  key: fc.option(fc.uint8Array({ maxLength: 40 }), { nil: null }),
  value: fc.option(fc.uint8Array({ maxLength: 300 }), { nil: null }),
  timestamp: fc.integer({ min: 0, max: 2 ** 45 }),
  headers: fc.array(
    fc.record({
      key: fc.string({ unit: 'grapheme', maxLength: 10 }),
      value: fc.option(fc.uint8Array({ maxLength: 20 }), { nil: null }),
    }),
    { maxLength: 3 },
  ),
})

/** A record whose value is `size` bytes of `fill`, for segment tests that need predictable sizes. */
export function sizedRecord(timestamp: number, size: number, fill = 0x61): RecordInput {
  return { key: null, value: new Uint8Array(size).fill(fill), timestamp, headers: [] }
}

/** Joins byte chunks (the codecs' concatBytes). */
export { concatBytes as concat } from '../../../../engine-wasm/src/log/compression/bytes.ts'

/** The batch as a segment stores it: baseOffset rewritten, nothing else (it lies outside the CRC). */
export function withBaseOffset(batch: Uint8Array, baseOffset: number): Uint8Array {
  const copy = batch.slice()
  new DataView(copy.buffer).setBigInt64(0, BigInt(baseOffset))
  return copy
}

// IBM/sarama record_test.go, case "uncompressed record": FirstTimestamp 1479847795000, one record with
// timestampDelta 5, key [1,2,3,4], value [5,6,7], one header [8,9,10] -> [11,12]; its maxTimestamp is 0.
export const SARAMA_BATCH = Uint8Array.from([
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 70, 0, 0, 0, 0, 2, 84, 121, 97, 253, 0, 0, 0, 0, 0, 0, 0, 0, 1, 88, 141,
  205, 89, 56, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 40, 0, 10, 0, 8,
  1, 2, 3, 4, 6, 5, 6, 7, 2, 6, 8, 9, 10, 4, 11, 12,
])

/**
 * Byte-for-byte equality that costs a memcmp when it holds (loops of thousands of cases call it) and falls
 * back to toEqual's element diff when it does not.
 */
export function expectSameBytes(actual: Uint8Array, expected: Uint8Array): void {
  if (!Buffer.from(actual.buffer, actual.byteOffset, actual.byteLength).equals(expected))
    expect(actual).toEqual(expected)
}
