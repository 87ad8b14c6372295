/**
 * Builds one uncompressed RecordBatch v2 from records that keep their offsets, as Kafka's
 * MemoryRecordsBuilder does when the log cleaner rewrites a batch (buildRetainedRecordsInto). The
 * original batch's compression bits are cleared; the cleaner compresses the result with that codec.
 *
 * Byte format (DefaultRecordBatch, big-endian): baseOffset i64, batchLength i32, partitionLeaderEpoch i32,
 * magic i8 = 2, crc u32 (CRC-32C of attributes .. end), attributes i16, lastOffsetDelta i32,
 * baseTimestamp i64, maxTimestamp i64, producerId i64, producerEpoch i16, baseSequence i32, count i32, then
 * per record: length varint, attributes i8 = 0, timestampDelta varlong, offsetDelta varint, key length
 * varint (-1 null) and key, value length varint (-1 null) and value, header count varint, then per header
 * key length varint, UTF-8 key, value length varint (-1 null), value. Varints are zigzag base-128.
 *
 * Invariants: the records' offsets are consecutive from `baseOffset` (the playground's log.wasm accepts only
 * batches whose record i has offsetDelta i). With a delete horizon (KIP-534) the attributes carry bit 6
 * (hasDeleteHorizonMs) and baseTimestamp is the horizon, so timestamp deltas may be negative; otherwise
 * baseTimestamp is the first record's timestamp. maxTimestamp is the largest record timestamp, or the
 * original batch's for LogAppendTime batches.
 */
import type { DecodedRecord } from '../../../engine-wasm/src/log/index.ts'

/** DefaultRecordBatch.DELETE_HORIZON_FLAG_MASK. */
export const DELETE_HORIZON_FLAG = 0x40
const TIMESTAMP_TYPE_FLAG = 0x08
const COMPRESSION_MASK = 0x07
const RECORDS_AT = 61
const ATTRIBUTES_AT = 21

export interface BatchHeaderFields {
  baseOffset: number
  partitionLeaderEpoch: number
  /** The original batch's attributes; the delete horizon bit is set from `deleteHorizonMs`, compression cleared. */
  attributes: number
  /** The original batch's maxTimestamp (used as is for LogAppendTime batches). */
  maxTimestamp: number
  producerId: number
  producerEpoch: number
  baseSequence: number
  deleteHorizonMs: number | null
}

const utf8 = new TextEncoder()

class ByteWriter {
  private bytes = new Uint8Array(256)
  length = 0

  private ensure(extra: number): void {
    if (this.length + extra <= this.bytes.length) return
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + extra))
    grown.set(this.bytes.subarray(0, this.length))
    this.bytes = grown
  }

  byte(value: number): void {
    this.ensure(1)
    this.bytes[this.length++] = value & 0xff
  }

  /** Zigzag base-128, exact for |value| < 2^52. */
  varlong(value: number): void {
    let zigzag = value >= 0 ? value * 2 : -value * 2 - 1
    while (zigzag >= 0x80) {
      this.byte((zigzag % 0x80) | 0x80)
      zigzag = Math.floor(zigzag / 0x80)
    }
    this.byte(zigzag)
  }

  field(bytes: Uint8Array | null): void {
    if (bytes === null) return this.varlong(-1)
    this.varlong(bytes.length)
    this.raw(bytes)
  }

  raw(bytes: Uint8Array): void {
    this.ensure(bytes.length)
    this.bytes.set(bytes, this.length)
    this.length += bytes.length
  }

  take(): Uint8Array {
    return this.bytes.slice(0, this.length)
  }
}

function recordBody(record: DecodedRecord, baseTimestamp: number, offsetDelta: number): Uint8Array {
  const body = new ByteWriter()
  body.byte(0)
  body.varlong(record.timestamp - baseTimestamp)
  body.varlong(offsetDelta)
  body.field(record.key)
  body.field(record.value)
  body.varlong(record.headers.length)
  for (const header of record.headers) {
    body.field(utf8.encode(header.key))
    body.field(header.value)
  }
  return body.take()
}

/** The batch bytes; `crc32c` is the engine's CRC-32C (LogEngine.crc32c). */
export function buildRecordBatch(
  header: BatchHeaderFields,
  records: readonly DecodedRecord[],
  crc32c: (bytes: Uint8Array) => number,
): Uint8Array {
  const first = records[0]
  if (!first) throw new RangeError('A record batch needs at least one record')
  const baseTimestamp = header.deleteHorizonMs ?? first.timestamp
  const logAppendTime = (header.attributes & TIMESTAMP_TYPE_FLAG) !== 0
  const maxTimestamp = logAppendTime
    ? header.maxTimestamp
    : records.reduce((max, r) => Math.max(max, r.timestamp), -1)
  const horizonBit = header.deleteHorizonMs === null ? 0 : DELETE_HORIZON_FLAG
  const attributes = (header.attributes & ~(DELETE_HORIZON_FLAG | COMPRESSION_MASK)) | horizonBit
  const body = new ByteWriter()
  records.forEach((record, i) => {
    if (record.offset !== header.baseOffset + i)
      throw new RangeError('Batch records must have consecutive offsets')
    const bytes = recordBody(record, baseTimestamp, i)
    body.varlong(bytes.length)
    body.raw(bytes)
  })
  const out = new Uint8Array(RECORDS_AT + body.length)
  const view = new DataView(out.buffer)
  view.setBigInt64(0, BigInt(header.baseOffset))
  view.setInt32(8, out.length - 12)
  view.setInt32(12, header.partitionLeaderEpoch)
  view.setInt8(16, 2)
  view.setInt16(ATTRIBUTES_AT, attributes)
  view.setInt32(23, records.length - 1)
  view.setBigInt64(27, BigInt(baseTimestamp))
  view.setBigInt64(35, BigInt(maxTimestamp))
  view.setBigInt64(43, BigInt(header.producerId))
  view.setInt16(51, header.producerEpoch)
  view.setInt32(53, header.baseSequence)
  view.setInt32(57, records.length)
  out.set(body.take(), RECORDS_AT)
  view.setUint32(17, crc32c(out.subarray(ATTRIBUTES_AT)) >>> 0)
  return out
}
