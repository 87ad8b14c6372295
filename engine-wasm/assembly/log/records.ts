// The records inside an uncompressed RecordBatch v2, as Kafka's DefaultRecord lays them out:
//
//   length varint          (bytes of the record after this varint)
//   attributes int8        (unused, 0)
//   timestampDelta varlong (timestamp - batch baseTimestamp)
//   offsetDelta varint     (offset - batch baseOffset; record i has offsetDelta i)
//   keyLength varint       (-1 for a null key), key bytes
//   valueLength varint     (-1 for a null value), value bytes
//   headers count varint, then per header: keyLength varint (>= 0), UTF-8 key, valueLength varint (-1 null), value
//
// walkRecords() checks every record's structure (DefaultRecord.readFrom's checks, plus contiguous offset
// deltas) and can emit each record as f64 values for the decoder:
//   sizeInBytes, timestampDelta, offsetDelta, keyPosition, keyLength, valuePosition, valueLength,
//   headerCount, then per header keyPosition, keyLength, valuePosition, valueLength
// where positions are byte positions from `origin` and a length of -1 means null.

import { ByteBuffer } from './byte-buffer.ts'
import {
  cursor,
  failReading,
  readByte,
  readFailed,
  readVarint,
  readVarlong,
  seek,
  skip,
  startReading,
} from './varint.ts'

/** The largest record timestamp of the batch walked last, and the offsetDelta of its first record. */
export let maxRecordTimestamp: i64 = 0
export let offsetDeltaOfMaxTimestamp: i32 = 0

/** Sets maxRecordTimestamp for a batch whose records are not walked (a compressed one). */
export function noteBatchMaxTimestamp(timestamp: i64, offsetDelta: i32): void {
  maxRecordTimestamp = timestamp
  offsetDeltaOfMaxTimestamp = offsetDelta
}

export function putF64(out: ByteBuffer, value: f64): void {
  store<f64>(out.reserve(8), value)
  out.length += 8
}

/** Reads a length-prefixed field (-1 = null) and moves past it; emits position and length. */
function field(origin: usize, out: ByteBuffer | null, nullable: bool): void {
  const length = readVarint()
  const minimum = nullable ? -1 : 0
  if (length < minimum) {
    failReading()
    return
  }
  if (out) {
    putF64(out, <f64>(cursor - origin))
    putF64(out, <f64>length)
  }
  if (length > 0) skip(length)
}

/** Returns -1 when all `count` records fill [start, end) exactly, else the index of the first bad record. */
export function walkRecords(
  start: usize,
  end: usize,
  count: i32,
  baseTimestamp: i64,
  origin: usize,
  out: ByteBuffer | null,
): i32 {
  startReading(start, end)
  maxRecordTimestamp = i64.MIN_VALUE
  offsetDeltaOfMaxTimestamp = -1
  for (let i = 0; i < count; i++) {
    const recordStart = cursor
    const length = readVarint()
    const bodyStart = cursor
    if (readFailed || length < 0 || <usize>length > end - bodyStart) return i
    readByte()
    const timestampDelta = readVarlong()
    const offsetDelta = readVarint()
    if (offsetDelta != i) return i
    if (out) {
      putF64(out, <f64>(bodyStart - recordStart + <usize>length))
      putF64(out, <f64>timestampDelta)
      putF64(out, <f64>offsetDelta)
    }
    field(origin, out, true)
    field(origin, out, true)
    const headerCount = readVarint()
    if (headerCount < 0 || <usize>headerCount > end - cursor) return i
    if (out) putF64(out, <f64>headerCount)
    for (let h = 0; h < headerCount && !readFailed; h++) {
      field(origin, out, false)
      field(origin, out, true)
    }
    if (readFailed || cursor - bodyStart != <usize>length) return i
    const timestamp = baseTimestamp + timestampDelta
    if (timestamp > maxRecordTimestamp) {
      maxRecordTimestamp = timestamp
      offsetDeltaOfMaxTimestamp = offsetDelta
    }
  }
  return cursor == end ? -1 : count - 1
}

/**
 * The offsetDelta of the first record with timestamp >= target in a batch that passed walkRecords, or -1.
 * Skips each record by its length after reading its timestamp.
 */
export function firstOffsetDeltaAtOrAfter(
  start: usize,
  end: usize,
  count: i32,
  baseTimestamp: i64,
  target: i64,
): i32 {
  startReading(start, end)
  for (let i = 0; i < count; i++) {
    const length = readVarint()
    const next = cursor + <usize>length
    readByte()
    const timestamp = baseTimestamp + readVarlong()
    if (timestamp >= target) return readVarint()
    seek(next)
  }
  return -1
}
