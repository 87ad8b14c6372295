// Appends generated batches to a LogSegment and keeps the naive picture the tests compare against:
// every stored batch with its offsets, its bytes as the segment must hold them, and its records.
import fc from 'fast-check'
import type { LogEngine, LogSegment, RecordInput } from '../../../../engine-wasm/src/log/index.ts'
import type { StoredBatch } from './index-model.ts'
import { withBaseOffset } from './log-fixtures.ts'

export interface ModelBatch extends StoredBatch {
  firstOffset: number
  bytes: Uint8Array
  records: readonly RecordInput[]
}

/** Appends, one call per inner array of batches; returns the stored batches grouped per append call. */
export function appendAll(
  engine: LogEngine,
  segment: LogSegment,
  appends: readonly (readonly (readonly RecordInput[])[])[],
): ModelBatch[][] {
  let next = segment.nextOffset
  return appends.map((batches) => {
    const encoded = batches.map((records) => engine.encodeBatch(records))
    const joined = new Uint8Array(encoded.reduce((sum, batch) => sum + batch.length, 0))
    encoded.reduce((at, batch) => (joined.set(batch, at), at + batch.length), 0)
    segment.append(joined)
    return batches.map((records, i) => {
      const firstOffset = next
      next += records.length
      return {
        firstOffset,
        lastOffset: next - 1,
        size: encoded[i]?.length ?? 0,
        maxTimestamp: Math.max(...records.map((record) => record.timestamp)),
        bytes: withBaseOffset(encoded[i] ?? new Uint8Array(0), firstOffset),
        records,
      }
    })
  })
}

/** Records with small values and timestamps in a narrow range, so that equal timestamps occur. */
const segmentRecord: fc.Arbitrary<RecordInput> = fc.record({
  key: fc.constant(null),
  value: fc.integer({ min: 0, max: 1500 }).map((size) => new Uint8Array(size).fill(0x61)),
  timestamp: fc.integer({ min: 0, max: 60 }),
  headers: fc.constant([]),
})

/** Appends of 1-3 batches of 1-4 records each. */
export const appendsArbitrary = fc.array(
  fc.array(fc.array(segmentRecord, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 3 }),
  { minLength: 1, maxLength: 12 },
)
