/**
 * The RecordBatch v2 header fields UnifiedLog reads and writes in place, at their byte positions (Kafka's
 * DefaultRecordBatch): baseOffset int64 at 0, batchLength int32 at 8 (the bytes after the 12-byte log overhead),
 * partitionLeaderEpoch int32 at 12 (outside the CRC), lastOffsetDelta int32 at 23, maxTimestamp int64 at 35,
 * recordsCount int32 at 57; a header is 27 bytes up to lastOffsetDelta. Input is whole batches back to back.
 */
const BATCH_LENGTH_AT = 8
export const LEADER_EPOCH_AT = 12
const LAST_OFFSET_DELTA_AT = 23
const HEADER_SIZE = 27
export const MAX_TIMESTAMP_AT = 35
export const RECORDS_COUNT_AT = 57
const LOG_OVERHEAD = 12

export interface BatchHeader {
  view: DataView
  at: number
  baseOffset: number
  lastOffset: number
  epoch: number
  /** Where the next batch starts. */
  end: number
}

/** The RecordBatch v2 headers of back-to-back whole batches (baseOffset, batchLength, partitionLeaderEpoch). */
export function batchHeaders(batches: Uint8Array): BatchHeader[] {
  const view = new DataView(batches.buffer, batches.byteOffset, batches.byteLength)
  const headers: BatchHeader[] = []
  for (let at = 0; at + HEADER_SIZE <= batches.length;) {
    const baseOffset = Number(view.getBigInt64(at))
    const end = at + LOG_OVERHEAD + view.getInt32(at + BATCH_LENGTH_AT)
    const lastOffset = baseOffset + view.getInt32(at + LAST_OFFSET_DELTA_AT)
    headers.push({ view, at, baseOffset, lastOffset, epoch: view.getInt32(at + LEADER_EPOCH_AT), end })
    at = end
  }
  return headers
}

/** The size in bytes of each batch, as its header states it (RecordBatch.sizeInBytes). */
export function batchSizes(batches: Uint8Array): number[] {
  return batchHeaders(batches).map((header) => header.end - header.at)
}

/** The offset after the last of back-to-back batches, or `otherwise` when there is none. */
export function nextOffsetAfter(batches: Uint8Array, otherwise: number): number {
  const headers = batchHeaders(batches)
  const last = headers[headers.length - 1]
  return last === undefined ? otherwise : last.lastOffset + 1
}

/** The length of the leading whole batches whose last offset lies below `upTo`. */
export function lengthBelow(batches: Uint8Array, upTo: number): number {
  let length = 0
  for (const header of batchHeaders(batches)) {
    if (header.lastOffset >= upTo) break
    length = Math.min(header.end, batches.length)
  }
  return length
}
