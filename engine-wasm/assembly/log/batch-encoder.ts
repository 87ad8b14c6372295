// Builds one uncompressed RecordBatch v2 (layout in record-batch.ts, records in records.ts) the way the
// Java producer's MemoryRecordsBuilder does: baseOffset 0, attributes 0 (no compression, CreateTime),
// baseTimestamp = the first record's timestamp, maxTimestamp = the largest, offset deltas 0..n-1.
//
// Input (written by engine-wasm/src/log/record-encoding.ts; little-endian, unaligned), per record:
//   f64 timestamp, i32 keyLength (-1 null), key, i32 valueLength (-1 null), value,
//   i32 headerCount, then per header: i32 keyLength, UTF-8 key, i32 valueLength (-1 null), value
// The input is trusted: only the wrapper writes it.

import { storeI16BE, storeI32BE, storeI64BE } from './bytes.ts'
import { ByteBuffer } from './byte-buffer.ts'
import {
  ATTRIBUTES_OFFSET,
  BASE_OFFSET_OFFSET,
  BASE_SEQUENCE_OFFSET,
  BASE_TIMESTAMP_OFFSET,
  CRC_OFFSET,
  LAST_OFFSET_DELTA_OFFSET,
  LENGTH_OFFSET,
  LOG_OVERHEAD,
  MAGIC_OFFSET,
  MAGIC_V2,
  MAX_TIMESTAMP_OFFSET,
  PARTITION_LEADER_EPOCH_OFFSET,
  PRODUCER_EPOCH_OFFSET,
  PRODUCER_ID_OFFSET,
  RECORD_BATCH_OVERHEAD,
  RECORDS_COUNT_OFFSET,
  RECORDS_OFFSET,
  checksumOf,
} from './record-batch.ts'
import { sizeOfVarint, sizeOfVarlong, writeVarint, writeVarlong } from './varint.ts'

/** Size of a length-prefixed field in the batch (varint length, then the bytes). */
function fieldSize(length: i32): i32 {
  return sizeOfVarint(length) + max(length, 0)
}

// Where the input field read last ends.
let fieldEnd: usize = 0

/** Reads an input field (i32 length, bytes) and returns its batch size; `fieldEnd` is set past it. */
function inputFieldSize(p: usize): i32 {
  const length = load<i32>(p)
  fieldEnd = p + 4 + <usize>max(length, 0)
  return fieldSize(length)
}

/** Copies an input field at `p` to `dst` as varint length + bytes; returns the new `dst`. */
function copyField(dst: usize, p: usize): usize {
  const length = load<i32>(p)
  dst = writeVarint(dst, length)
  if (length > 0) memory.copy(dst, p + 4, <usize>length)
  fieldEnd = p + 4 + <usize>max(length, 0)
  return dst + <usize>max(length, 0)
}

/** Size of a record's key, value and headers in the batch; `fieldEnd` is set past the input record. */
function payloadSize(p: usize): i32 {
  let size = inputFieldSize(p)
  size += inputFieldSize(fieldEnd)
  const headerCount = load<i32>(fieldEnd)
  size += sizeOfVarint(headerCount)
  fieldEnd += 4
  for (let h = 0; h < headerCount; h++) {
    size += inputFieldSize(fieldEnd)
    size += inputFieldSize(fieldEnd)
  }
  return size
}

function bodySize(offsetDelta: i32, timestampDelta: i64, payload: i32): i32 {
  return 1 + sizeOfVarlong(timestampDelta) + sizeOfVarint(offsetDelta) + payload
}

/** Encodes `count` input records into `out` (replacing its contents); returns the batch size. */
export function encodeBatch(
  inputStart: usize,
  count: i32,
  producerId: i64,
  producerEpoch: i16,
  baseSequence: i32,
  partitionLeaderEpoch: i32,
  out: ByteBuffer,
): i32 {
  const baseTimestamp = <i64>load<f64>(inputStart)
  let maxTimestamp = baseTimestamp
  let size = RECORD_BATCH_OVERHEAD
  let p = inputStart
  for (let i = 0; i < count; i++) {
    const timestamp = <i64>load<f64>(p)
    if (timestamp > maxTimestamp) maxTimestamp = timestamp
    const body = bodySize(i, timestamp - baseTimestamp, payloadSize(p + 8))
    size += sizeOfVarint(body) + body
    p = fieldEnd
  }
  out.length = 0
  const batch = out.reserve(size)
  storeI64BE(batch + BASE_OFFSET_OFFSET, 0)
  storeI32BE(batch + LENGTH_OFFSET, size - LOG_OVERHEAD)
  storeI32BE(batch + PARTITION_LEADER_EPOCH_OFFSET, partitionLeaderEpoch)
  store<u8>(batch + MAGIC_OFFSET, <u8>MAGIC_V2)
  storeI16BE(batch + ATTRIBUTES_OFFSET, 0)
  storeI32BE(batch + LAST_OFFSET_DELTA_OFFSET, count - 1)
  storeI64BE(batch + BASE_TIMESTAMP_OFFSET, baseTimestamp)
  storeI64BE(batch + MAX_TIMESTAMP_OFFSET, maxTimestamp)
  storeI64BE(batch + PRODUCER_ID_OFFSET, producerId)
  storeI16BE(batch + PRODUCER_EPOCH_OFFSET, producerEpoch)
  storeI32BE(batch + BASE_SEQUENCE_OFFSET, baseSequence)
  storeI32BE(batch + RECORDS_COUNT_OFFSET, count)
  let dst = batch + RECORDS_OFFSET
  p = inputStart
  for (let i = 0; i < count; i++) {
    const timestampDelta = <i64>load<f64>(p) - baseTimestamp
    const payload = payloadSize(p + 8)
    dst = writeVarint(dst, bodySize(i, timestampDelta, payload))
    store<u8>(dst++, 0)
    dst = writeVarlong(dst, timestampDelta)
    dst = writeVarint(dst, i)
    dst = copyField(dst, p + 8)
    dst = copyField(dst, fieldEnd)
    const headerCount = load<i32>(fieldEnd)
    dst = writeVarint(dst, headerCount)
    fieldEnd += 4
    for (let h = 0; h < headerCount; h++) {
      dst = copyField(dst, fieldEnd)
      dst = copyField(dst, fieldEnd)
    }
    p = fieldEnd
  }
  storeI32BE(batch + CRC_OFFSET, <i32>checksumOf(batch, size))
  out.length = size
  return size
}
