// RecordBatch v2, laid out as Kafka's DefaultRecordBatch (all fixed fields big-endian):
//
//   offset  size  field
//        0     8  baseOffset            (outside the CRC: the broker rewrites it when assigning offsets)
//        8     4  batchLength           (bytes after this field: batch size - 12)
//       12     4  partitionLeaderEpoch  (outside the CRC)
//       16     1  magic = 2
//       17     4  crc                   (CRC-32C of bytes 21 .. end of batch)
//       21     2  attributes            (bits 0-2 compression, 3 timestamp type, 4 transactional, 5 control)
//       23     4  lastOffsetDelta
//       27     8  baseTimestamp         (the first record's timestamp)
//       35     8  maxTimestamp
//       43     8  producerId
//       51     2  producerEpoch
//       53     4  baseSequence
//       57     4  records count
//       61        records (see records.ts)
//
// validateBatch() checks one batch in the order Kafka does (size, magic, CRC, compression id, count), then
// the records themselves as LogValidator does for an uncompressed batch. The records of a compressed batch
// (compression 1-4) are one compressed stream that only JavaScript can inflate: the module checks the
// header and trusts its maxTimestamp; engine-wasm/src/log decompresses and checks the records.

import { loadI16BE, loadI32BE, loadI64BE } from './bytes.ts'
import { crc32c } from './crc32c.ts'
import {
  BAD_CRC,
  BAD_MAGIC,
  BAD_RECORD,
  BAD_RECORD_COUNT,
  SIZE_TOO_SMALL,
  TRUNCATED,
  UNKNOWN_COMPRESSION,
  fail,
} from './errors.ts'
import { ByteBuffer } from './byte-buffer.ts'
import { noteBatchMaxTimestamp, putF64, walkRecords } from './records.ts'

export const BASE_OFFSET_OFFSET: usize = 0
export const LENGTH_OFFSET: usize = 8
export const PARTITION_LEADER_EPOCH_OFFSET: usize = 12
export const MAGIC_OFFSET: usize = 16
export const CRC_OFFSET: usize = 17
export const ATTRIBUTES_OFFSET: usize = 21
export const LAST_OFFSET_DELTA_OFFSET: usize = 23
export const BASE_TIMESTAMP_OFFSET: usize = 27
export const MAX_TIMESTAMP_OFFSET: usize = 35
export const PRODUCER_ID_OFFSET: usize = 43
export const PRODUCER_EPOCH_OFFSET: usize = 51
export const BASE_SEQUENCE_OFFSET: usize = 53
export const RECORDS_COUNT_OFFSET: usize = 57
export const RECORDS_OFFSET: usize = 61
export const RECORD_BATCH_OVERHEAD: i32 = 61
export const LOG_OVERHEAD: i32 = 12
export const MAGIC_V2: i32 = 2
const COMPRESSION_MASK: i32 = 0x07
/** zstd, the highest compression id Kafka knows (CompressionType.forId). */
const MAX_COMPRESSION_ID: i32 = 4

/** Size of the batch validated last, in bytes. */
export let batchSize: i32 = 0

export function lastOffsetDelta(batch: usize): i32 {
  return loadI32BE(batch + LAST_OFFSET_DELTA_OFFSET)
}

export function maxTimestampOf(batch: usize): i64 {
  return loadI64BE(batch + MAX_TIMESTAMP_OFFSET)
}

/** The compression id of the batch (attributes bits 0-2): 0 none, 1 gzip, 2 snappy, 3 lz4, 4 zstd. */
export function compressionOf(batch: usize): i32 {
  return (<i32>loadI16BE(batch + ATTRIBUTES_OFFSET)) & COMPRESSION_MASK
}

export function checksumOf(batch: usize, size: i32): u32 {
  return crc32c(batch + ATTRIBUTES_OFFSET, <usize>(size - <i32>ATTRIBUTES_OFFSET))
}

/**
 * Checks the batch at `batch` with `available` bytes readable; `position` is where it sits in the caller's
 * buffer (for error details and emitted positions). On success sets batchSize and returns 0; with `emitTo`
 * it also appends the header fields and every record (see records.ts) as f64 values; a compressed batch
 * emits its header with a record count of 0, as its records are emitted after decompression.
 * `checkRecords` false checks the header and CRC only and trusts the header's maxTimestamp, as Kafka's
 * follower does with a leader's batches (UnifiedLog.analyzeAndValidateRecords; LogValidator is the leader's);
 * it is for appends, which emit nothing.
 */
export function validateBatch(
  batch: usize,
  available: i32,
  position: i32,
  emitTo: ByteBuffer | null,
  checkRecords: bool = true,
): i32 {
  if (available < LOG_OVERHEAD) return fail(TRUNCATED, position, -1, <f64>available)
  const batchLength = loadI32BE(batch + LENGTH_OFFSET)
  if (batchLength < RECORD_BATCH_OVERHEAD - LOG_OVERHEAD) {
    return fail(SIZE_TOO_SMALL, position, <f64>batchLength + <f64>LOG_OVERHEAD, 0)
  }
  if (batchLength > available - LOG_OVERHEAD) {
    return fail(TRUNCATED, position, <f64>batchLength + <f64>LOG_OVERHEAD, <f64>available)
  }
  const size = batchLength + LOG_OVERHEAD
  const magic = <i32>load<i8>(batch + MAGIC_OFFSET)
  if (magic != MAGIC_V2) return fail(BAD_MAGIC, position, <f64>magic, 0)
  const stored = <u32>loadI32BE(batch + CRC_OFFSET)
  const computed = checksumOf(batch, size)
  if (stored != computed) return fail(BAD_CRC, position, <f64>stored, <f64>computed)
  const compression = compressionOf(batch)
  if (compression > MAX_COMPRESSION_ID) return fail(UNKNOWN_COMPRESSION, position, <f64>compression, 0)
  const count = loadI32BE(batch + RECORDS_COUNT_OFFSET)
  const delta = lastOffsetDelta(batch)
  if (count <= 0 || <i64>count != <i64>delta + 1) {
    return fail(
      BAD_RECORD_COUNT,
      position,
      <f64>count,
      <f64>delta,
      <f64>loadI64BE(batch + BASE_OFFSET_OFFSET),
    )
  }
  if (compression != 0 || !checkRecords) {
    if (emitTo) emitHeader(emitTo, batch, position, 0)
    noteBatchMaxTimestamp(maxTimestampOf(batch), delta)
    batchSize = size
    return 0
  }
  if (emitTo) emitHeader(emitTo, batch, position, count)
  const baseTimestamp = loadI64BE(batch + BASE_TIMESTAMP_OFFSET)
  const origin = batch - <usize>position
  const bad = walkRecords(batch + RECORDS_OFFSET, batch + <usize>size, count, baseTimestamp, origin, emitTo)
  if (bad >= 0) return fail(BAD_RECORD, position, <f64>bad, 0)
  batchSize = size
  return 0
}

function emitHeader(out: ByteBuffer, batch: usize, position: i32, count: i32): void {
  putF64(out, <f64>position)
  putF64(out, <f64>loadI64BE(batch + BASE_OFFSET_OFFSET))
  putF64(out, <f64>loadI32BE(batch + LENGTH_OFFSET))
  putF64(out, <f64>loadI32BE(batch + PARTITION_LEADER_EPOCH_OFFSET))
  putF64(out, <f64>load<i8>(batch + MAGIC_OFFSET))
  putF64(out, <f64>(<u32>loadI32BE(batch + CRC_OFFSET)))
  putF64(out, <f64>loadI16BE(batch + ATTRIBUTES_OFFSET))
  putF64(out, <f64>lastOffsetDelta(batch))
  putF64(out, <f64>loadI64BE(batch + BASE_TIMESTAMP_OFFSET))
  putF64(out, <f64>maxTimestampOf(batch))
  putF64(out, <f64>loadI64BE(batch + PRODUCER_ID_OFFSET))
  putF64(out, <f64>loadI16BE(batch + PRODUCER_EPOCH_OFFSET))
  putF64(out, <f64>loadI32BE(batch + BASE_SEQUENCE_OFFSET))
  putF64(out, <f64>count)
}
