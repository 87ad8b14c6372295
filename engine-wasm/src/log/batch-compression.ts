/**
 * Moves a RecordBatch v2 between its uncompressed and compressed forms (DefaultRecordBatch: the records
 * after the 61-byte header are one compressed stream; MemoryRecordsBuilder writes them so).
 *
 * Invariants: only the records section, batchLength (bytes 8-11), the compression bits of the attributes
 * (bits 0-2 of bytes 21-22) and the CRC-32C (bytes 17-20, over bytes 21..end) change; every other header
 * field, the record count and the records themselves are the same in both forms.
 */
import { compress, compressionName, decompress, type Compression } from './compression/index.ts'
import { CompressionType } from './compression/compression-type.ts'
import { CorruptRecordError } from './types.ts'

const LENGTH_AT = 8
const CRC_AT = 17
const ATTRIBUTES_AT = 21
const RECORDS_AT = 61
const LOG_OVERHEAD = 12
const COMPRESSION_MASK = 0x07

export type Crc32c = (bytes: Uint8Array) => number

/** The whole batches of `bytes` (back to back, sizes from batchLength), as views. */
export function batchSlices(bytes: Uint8Array): Uint8Array[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const batches: Uint8Array[] = []
  for (let position = 0; position + LOG_OVERHEAD <= bytes.length;) {
    const end = position + view.getInt32(position + LENGTH_AT) + LOG_OVERHEAD
    batches.push(bytes.subarray(position, end))
    position = end
  }
  return batches
}

/** The compression id of the batch (attributes bits 0-2). */
export function compressionOfBatch(batch: Uint8Array): CompressionType {
  return ((batch[ATTRIBUTES_AT + 1] ?? 0) & COMPRESSION_MASK) as CompressionType
}

/** A copy of `batch` with `records` as its records section and the compression bits set to `type`. */
function withRecords(
  batch: Uint8Array,
  records: Uint8Array,
  type: CompressionType,
  crc32c: Crc32c,
): Uint8Array {
  const out = new Uint8Array(RECORDS_AT + records.length)
  out.set(batch.subarray(0, RECORDS_AT))
  out.set(records, RECORDS_AT)
  const view = new DataView(out.buffer)
  view.setInt32(LENGTH_AT, out.length - LOG_OVERHEAD)
  view.setInt16(ATTRIBUTES_AT, (view.getInt16(ATTRIBUTES_AT) & ~COMPRESSION_MASK) | type)
  view.setUint32(CRC_AT, crc32c(out.subarray(ATTRIBUTES_AT)) >>> 0)
  return out
}

/** The uncompressed form of one whole batch; an uncompressed batch comes back as is. */
export function inflateBatch(batch: Uint8Array, crc32c: Crc32c, position = 0): Uint8Array {
  const type = compressionOfBatch(batch)
  if (type === CompressionType.NONE) return batch
  let records: Uint8Array
  try {
    records = decompress(batch.subarray(RECORDS_AT), type)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new CorruptRecordError(
      `Record batch at position ${position} could not be decompressed with ${compressionName(type)}: ${reason}`,
    )
  }
  return withRecords(batch, records, CompressionType.NONE, crc32c)
}

/** `batch` (whole, any compression) with its records compressed as `compression` asks. */
export function compressBatch(batch: Uint8Array, compression: Compression, crc32c: Crc32c): Uint8Array {
  if (compressionOfBatch(batch) === compression.type) return batch
  const plain = inflateBatch(batch, crc32c)
  if (compression.type === CompressionType.NONE) return plain
  return withRecords(plain, compress(plain.subarray(RECORDS_AT), compression), compression.type, crc32c)
}
