// The log module's WebAssembly exports, called only by engine-wasm/src/log/. Protocol:
// - JavaScript writes request bytes at reserveInput(n) (bytes bound for a segment too), then calls; results
//   come back as a return value, in the 16 f64 slots at resultsPointer(), or as bytes at outputPointer().
//   Every address is stale after the next call.
// - A segment's .log bytes lie in pages of logPageSize() bytes (paged-log.ts): segmentLogAt(h, p) is the
//   address of byte p, followed by the rest of its page; JavaScript copies a range out page by page.
// - Offsets and timestamps cross as f64 (exact below 2^53); a negative i32 return is -(error code) from
//   errors.ts with its details in the result slots.
// - Segments are addressed by i32 handles; segmentFree() releases a handle for reuse.

import { crc32c } from './crc32c.ts'
import { LogSegment } from './log-segment.ts'
import { LOG_PAGE_SIZE } from './paged-log.ts'
import { batchSize, validateBatch } from './record-batch.ts'
import { RESULTS, input, output, reserveInput } from './scratch.ts'

const segments: Array<LogSegment | null> = []
const freeHandles: Array<i32> = []

function segment(handle: i32): LogSegment {
  return changetype<LogSegment>(unchecked(segments[handle]))
}

export { reserveInput }

export function outputPointer(): usize {
  return output.data
}

export function resultsPointer(): usize {
  return RESULTS
}

/** CRC-32C of the `length` input bytes. */
export function inputCrc32c(length: i32): u32 {
  return crc32c(input.data, <usize>length)
}

/**
 * Validates the `length` input bytes as batches back to back and writes them at outputPointer() as f64
 * values (record-batch.ts emitHeader, then records.ts per record). Returns the number of f64 values.
 */
export function decodeBatches(length: i32): i32 {
  output.length = 0
  for (let position = 0; position < length; position += batchSize) {
    const code = validateBatch(input.data + <usize>position, length - position, position, output)
    if (code < 0) return code
  }
  return output.length >> 3
}

export function segmentNew(baseOffset: f64): i32 {
  const created = new LogSegment(<i64>baseOffset)
  if (freeHandles.length > 0) {
    const handle = freeHandles.pop()
    unchecked((segments[handle] = created))
    return handle
  }
  segments.push(created)
  return segments.length - 1
}

export function segmentFree(handle: i32): void {
  segment(handle).free()
  unchecked((segments[handle] = null))
  freeHandles.push(handle)
}

/** Appends the `length` input bytes; `checkRecords` 0 checks batch headers and CRCs only. */
export function segmentAppend(handle: i32, length: i32, checkRecords: i32): i32 {
  return segment(handle).append(input.data, length, checkRecords != 0)
}

/** Appends the `length` input bytes (a part of a stored .log) to the log of a segment being loaded, unchecked. */
export function segmentLoad(handle: i32, length: i32): void {
  segment(handle).log.append(input.data, length)
}

/** Recovers a loaded segment (segmentLoad): keeps its longest valid prefix; returns the bytes dropped. */
export function segmentRecover(handle: i32): i32 {
  const loaded = segment(handle)
  return loaded.recover(loaded.log.length)
}

/** Drops the batches at and after the one holding `offset`; returns the bytes dropped. */
export function segmentTruncateTo(handle: i32, offset: f64): i32 {
  return segment(handle).truncateTo(<i64>offset)
}

export function segmentRead(handle: i32, startOffset: f64, maxBytes: i32): i32 {
  return segment(handle).read(<i64>startOffset, maxBytes)
}

export function segmentOffsetForTimestamp(handle: i32, timestamp: f64): f64 {
  return <f64>segment(handle).offsetForTimestamp(<i64>timestamp)
}

export function segmentNextOffset(handle: i32): f64 {
  return <f64>segment(handle).nextOffset
}

export function segmentMaxTimestamp(handle: i32): f64 {
  return <f64>segment(handle).maxTimestampSoFar
}

export function logPageSize(): i32 {
  return LOG_PAGE_SIZE
}

/** Address of byte `position` of the segment's .log; the rest of its page follows it. */
export function segmentLogAt(handle: i32, position: i32): usize {
  return segment(handle).log.at(position)
}

export function segmentLogSize(handle: i32): i32 {
  return segment(handle).log.length
}

export function segmentOffsetIndexPointer(handle: i32): usize {
  return segment(handle).offsetIndex.entries.data
}

export function segmentOffsetIndexSize(handle: i32): i32 {
  return segment(handle).offsetIndex.entries.length
}

export function segmentTimeIndexPointer(handle: i32): usize {
  return segment(handle).timeIndex.entries.data
}

export function segmentTimeIndexSize(handle: i32): i32 {
  return segment(handle).timeIndex.entries.length
}
