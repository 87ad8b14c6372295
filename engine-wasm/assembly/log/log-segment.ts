// LogSegment: one segment of a partition's log, as Kafka's LogSegment: the .log bytes (RecordBatch v2
// back to back) in pages (paged-log.ts), a sparse OffsetIndex and a TimeIndex in growable raw buffers.
// A batch may straddle two pages; whoever reads one whole (header, records) asks log.contiguous().
// Invariants:
// - `log` holds only whole batches that passed validateBatch, with contiguous increasing offsets:
//   batch k+1's baseOffset is batch k's lastOffset + 1 after append (recovery accepts gaps, not regressions);
//   nextOffset is the last batch's lastOffset + 1, or baseOffset when empty.
// - Every offset in the segment fits an int32 relative to baseOffset (Kafka's ensureOffsetInRange).
// - Index entries are added as Kafka does: append() adds at most one per call, (largest offset of the call,
//   its start position), once more than INDEX_INTERVAL_BYTES were appended since the last entry; recover()
//   rebuilds per batch with the same rule and then indexes the largest timestamp, as LogSegment.recover does;
//   truncateTo() rebuilds them the same way over the batches it keeps.
// - append() is all or nothing: it validates and stamps the batches where the caller staged them, and only
//   then copies them into the log.

import { loadI32BE, loadI64BE, storeI32BE, storeI64BE } from './bytes.ts'
import { ByteBuffer } from './byte-buffer.ts'
import { OFFSET_OVERFLOW, fail } from './errors.ts'
import { OffsetIndex } from './offset-index.ts'
import { PagedLog } from './paged-log.ts'
import {
  BASE_OFFSET_OFFSET,
  BASE_TIMESTAMP_OFFSET,
  CRC_OFFSET,
  LENGTH_OFFSET,
  LOG_OVERHEAD,
  MAX_TIMESTAMP_OFFSET,
  RECORDS_COUNT_OFFSET,
  RECORDS_OFFSET,
  RECORD_BATCH_OVERHEAD,
  batchSize,
  checksumOf,
  compressionOf,
  lastOffsetDelta,
  maxTimestampOf,
  validateBatch,
} from './record-batch.ts'
import { firstOffsetDeltaAtOrAfter, maxRecordTimestamp, offsetDeltaOfMaxTimestamp } from './records.ts'
import { setResult } from './scratch.ts'
import { TimeIndex } from './time-index.ts'

/** Kafka's index.interval.bytes default. */
export const INDEX_INTERVAL_BYTES: i32 = 4096
const MAX_RELATIVE_OFFSET: i64 = 0x7fffffff

// The record maxTimestamp of each batch of the append being validated, one i64 per batch.
const batchMaxTimestamps = new ByteBuffer()

function sizeAt(batch: usize): i32 {
  return loadI32BE(batch + LENGTH_OFFSET) + LOG_OVERHEAD
}

function baseOffsetAt(batch: usize): i64 {
  return loadI64BE(batch + BASE_OFFSET_OFFSET)
}

export class LogSegment {
  readonly log: PagedLog = new PagedLog()
  readonly offsetIndex: OffsetIndex
  readonly timeIndex: TimeIndex
  nextOffset: i64
  maxTimestampSoFar: i64 = -1
  offsetOfMaxTimestampSoFar: i64 = -1
  bytesSinceLastIndexEntry: i32 = 0

  constructor(readonly baseOffset: i64) {
    this.offsetIndex = new OffsetIndex(baseOffset)
    this.timeIndex = new TimeIndex(baseOffset)
    this.nextOffset = baseOffset
  }

  /**
   * Appends the `length` bytes staged at `start` (outside the log; they are stamped there, then copied).
   * Result slots on success: firstOffset, lastOffset, maxTimestamp, offsetOfMaxTimestamp, batchCount,
   * recordCount, bytes. A leader's append checks every record (`checkRecords`); a follower's checks each
   * batch's CRC only.
   */
  append(start: usize, length: i32, checkRecords: bool): i32 {
    const physicalPosition = this.log.length
    let offset = this.nextOffset
    let maxTimestamp: i64 = -1
    let offsetOfMaxTimestamp: i64 = -1
    let batchCount = 0
    batchMaxTimestamps.length = 0
    for (let position = 0; position < length; position += batchSize) {
      const code = validateBatch(start + <usize>position, length - position, position, null, checkRecords)
      if (code < 0) return code
      if (maxRecordTimestamp > maxTimestamp) {
        maxTimestamp = maxRecordTimestamp
        offsetOfMaxTimestamp = offset + <i64>offsetDeltaOfMaxTimestamp
      }
      store<i64>(batchMaxTimestamps.reserve(8), maxRecordTimestamp)
      batchMaxTimestamps.length += 8
      offset += <i64>lastOffsetDelta(start + <usize>position) + 1
      batchCount++
    }
    if (offset - 1 - this.baseOffset > MAX_RELATIVE_OFFSET) {
      return fail(OFFSET_OVERFLOW, 0, <f64>(offset - 1), <f64>this.baseOffset)
    }
    setResult(0, <f64>this.nextOffset)
    setResult(1, <f64>(offset - 1))
    setResult(2, <f64>maxTimestamp)
    setResult(3, <f64>offsetOfMaxTimestamp)
    setResult(4, <f64>batchCount)
    setResult(5, <f64>(offset - this.nextOffset))
    setResult(6, <f64>length)
    if (length > 0) this.commit(start, length, physicalPosition)
    return 0
  }

  /** Second pass of append(): assigns offsets, fixes maxTimestamp like LogValidator, updates the indexes. */
  private commit(start: usize, length: i32, physicalPosition: i32): void {
    let largestTimestamp: i64 = -1
    let shallowOffsetOfMaxTimestamp: i64 = -1
    let n: usize = 0
    for (let position = 0; position < length; position += sizeAt(start + <usize>position)) {
      const batch = start + <usize>position
      storeI64BE(batch + BASE_OFFSET_OFFSET, this.nextOffset)
      this.nextOffset += <i64>lastOffsetDelta(batch) + 1
      const recordMax = load<i64>(batchMaxTimestamps.data + (n++ << 3))
      if (recordMax != maxTimestampOf(batch)) {
        storeI64BE(batch + MAX_TIMESTAMP_OFFSET, recordMax)
        storeI32BE(batch + CRC_OFFSET, <i32>checksumOf(batch, sizeAt(batch)))
      }
      if (recordMax > largestTimestamp) {
        largestTimestamp = recordMax
        shallowOffsetOfMaxTimestamp = this.nextOffset - 1
      }
    }
    this.log.append(start, length)
    this.noteMaxTimestamp(largestTimestamp, shallowOffsetOfMaxTimestamp)
    if (this.bytesSinceLastIndexEntry > INDEX_INTERVAL_BYTES) {
      this.indexEntry(this.nextOffset - 1, physicalPosition)
      this.bytesSinceLastIndexEntry = 0
    }
    this.bytesSinceLastIndexEntry += length
  }

  private noteMaxTimestamp(timestamp: i64, offset: i64): void {
    if (timestamp > this.maxTimestampSoFar) {
      this.maxTimestampSoFar = timestamp
      this.offsetOfMaxTimestampSoFar = offset
    }
  }

  private indexEntry(offset: i64, position: i32): void {
    this.offsetIndex.append(offset, position)
    this.timeIndex.maybeAppend(this.maxTimestampSoFar, this.offsetOfMaxTimestampSoFar)
  }

  /**
   * Keeps the longest prefix of whole valid batches among the first `length` bytes of the log (of a segment
   * with empty indexes), rebuilds both indexes and returns the number of bytes dropped.
   */
  recover(length: i32): i32 {
    let validBytes = 0
    let lastIndexEntry = 0
    while (validBytes < length) {
      const available = length - validBytes
      if (available < LOG_OVERHEAD) break
      const size = max(sizeAt(this.log.contiguous(validBytes, LOG_OVERHEAD)), LOG_OVERHEAD)
      // A batch that claims more than is left is truncated (validateBatch would say so): never copied.
      if (size > available) break
      const batch = this.log.contiguous(validBytes, size)
      if (validateBatch(batch, size, validBytes, null) < 0) break
      const baseOffset = baseOffsetAt(batch)
      const lastOffset = baseOffset + <i64>lastOffsetDelta(batch)
      if (baseOffset < this.nextOffset || lastOffset - this.baseOffset > MAX_RELATIVE_OFFSET) break
      this.noteMaxTimestamp(maxTimestampOf(batch), lastOffset)
      if (validBytes - lastIndexEntry > INDEX_INTERVAL_BYTES) {
        this.indexEntry(lastOffset, validBytes)
        lastIndexEntry = validBytes
      }
      validBytes += batchSize
      this.nextOffset = lastOffset + 1
    }
    this.log.truncate(validBytes)
    this.timeIndex.maybeAppend(this.maxTimestampSoFar, this.offsetOfMaxTimestampSoFar)
    return length - validBytes
  }

  /**
   * Drops every batch whose lastOffset >= `offset` (the batch holding `offset` and all after it), as
   * LogSegment.truncateTo does, then rebuilds both indexes and the max timestamp over the kept batches
   * as recover() would. Returns the number of bytes dropped; 0 changes nothing.
   */
  truncateTo(offset: i64): i32 {
    const position = this.translateOffset(offset)
    const dropped = this.log.length - position
    if (dropped == 0) return 0
    this.offsetIndex.entries.length = 0
    this.timeIndex.entries.length = 0
    this.nextOffset = this.baseOffset
    this.maxTimestampSoFar = -1
    this.offsetOfMaxTimestampSoFar = -1
    this.bytesSinceLastIndexEntry = 0
    this.recover(position)
    return dropped
  }

  /** Position of the first batch whose lastOffset >= `offset`, or log.length when none. */
  private translateOffset(offset: i64): i32 {
    let position = this.offsetIndex.lookup(offset)
    while (position < this.log.length) {
      const header = this.header(position)
      if (baseOffsetAt(header) + <i64>lastOffsetDelta(header) >= offset) break
      position += sizeAt(header)
    }
    return position
  }

  /** The fixed header of the batch at `position`, in one run. */
  private header(position: i32): usize {
    return this.log.contiguous(position, RECORD_BATCH_OVERHEAD)
  }

  /**
   * Whole batches from the one holding `startOffset`: at least one, then as many as fit in maxBytes.
   * Returns their byte length (0 when startOffset >= nextOffset); result slot 0 is their position.
   */
  read(startOffset: i64, maxBytes: i32): i32 {
    if (startOffset >= this.nextOffset) return 0
    const position = this.translateOffset(startOffset)
    let total = sizeAt(this.header(position))
    while (position + total < this.log.length) {
      const next = sizeAt(this.header(position + total))
      if (<i64>total + <i64>next > <i64>maxBytes) break
      total += next
    }
    setResult(0, <f64>position)
    return total
  }

  /**
   * The offset of the first record with timestamp >= `timestamp`, or -1 (LogSegment.findOffsetByTimestamp).
   * A compressed batch answers its base offset: its records cannot be read here (Kafka inflates them).
   */
  offsetForTimestamp(timestamp: i64): i64 {
    let position = this.offsetIndex.lookup(this.timeIndex.lookup(timestamp))
    while (position < this.log.length) {
      const header = this.header(position)
      const size = sizeAt(header)
      if (maxTimestampOf(header) >= timestamp) {
        if (compressionOf(header) != 0) return baseOffsetAt(header)
        const batch = this.log.contiguous(position, size)
        const records = batch + RECORDS_OFFSET
        const count = loadI32BE(batch + RECORDS_COUNT_OFFSET)
        const baseTimestamp = loadI64BE(batch + BASE_TIMESTAMP_OFFSET)
        const delta = firstOffsetDeltaAtOrAfter(records, batch + <usize>size, count, baseTimestamp, timestamp)
        if (delta >= 0) return baseOffsetAt(batch) + <i64>delta
      }
      position += size
    }
    return -1
  }

  free(): void {
    this.log.free()
    this.offsetIndex.free()
    this.timeIndex.free()
  }
}
