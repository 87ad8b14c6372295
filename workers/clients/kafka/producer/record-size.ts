/**
 * Record sizes in bytes as the Java producer computes them for RecordBatch magic v2: the upper bound it
 * checks against max.request.size before a record is queued (AbstractRecords.estimateSizeInBytesUpperBound:
 * the 61-byte batch header plus DefaultRecord.recordSizeUpperBound), and the exact size a record takes in
 * a batch (DefaultRecord.sizeInBytes: its body, with its offset and timestamp deltas as varints, plus the
 * varint length in front), which is what fills a batch up to batch.size.
 */
import { sizeOfVarlong, type RecordInput } from '../../../../engine-wasm/src/log/index.ts'

/** DefaultRecordBatch.RECORD_BATCH_OVERHEAD: the batch header before the first record. */
export const RECORD_BATCH_OVERHEAD = 61

/** DefaultRecord.MAX_RECORD_OVERHEAD: a record's fields around key, value and headers, at their widest. */
const MAX_RECORD_OVERHEAD = 21

const UTF8 = new TextEncoder()

/** The upper bound, from the record's keyValueHeadersSize. */
export function recordSizeUpperBound(keyValueHeaders: number): number {
  return RECORD_BATCH_OVERHEAD + MAX_RECORD_OVERHEAD + keyValueHeaders
}

/**
 * The record's bytes in a batch, `offsetDelta` and `timestampDelta` from the batch's first record, from its
 * keyValueHeadersSize.
 */
export function recordSizeInBytes(
  offsetDelta: number,
  timestampDelta: number,
  keyValueHeaders: number,
): number {
  const body = 1 + sizeOfVarlong(timestampDelta) + sizeOfVarlong(offsetDelta) + keyValueHeaders
  return sizeOfVarlong(body) + body
}

/**
 * DefaultRecord.sizeOf: key and value with their varint lengths (-1 for null), then the headers; the part
 * of both sizes above that depends on the record alone, computed once per send.
 */
export function keyValueHeadersSize(record: RecordInput): number {
  let size = sizedBytes(record.key) + sizedBytes(record.value) + sizeOfVarlong(record.headers.length)
  for (const header of record.headers) {
    const keyLength = UTF8.encode(header.key).length
    size += sizeOfVarlong(keyLength) + keyLength + sizedBytes(header.value)
  }
  return size
}

function sizedBytes(bytes: Uint8Array | null): number {
  return bytes === null ? 1 : sizeOfVarlong(bytes.length) + bytes.length
}
