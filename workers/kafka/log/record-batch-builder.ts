/**
 * Builds one uncompressed RecordBatch v2 from records that keep their offsets, as Kafka's
 * MemoryRecordsBuilder does when the log cleaner rewrites a batch (buildRetainedRecordsInto). The original
 * batch's compression bits are cleared; the cleaner compresses the result with that codec. The bytes (format
 * in engine-wasm/src/log/memory-records-builder.ts) are written by the engine's MemoryRecordsBuilder.
 *
 * Invariants: the records' offsets are consecutive from `baseOffset` (the playground's log.wasm accepts only
 * batches whose record i has offsetDelta i). With a delete horizon (KIP-534) the attributes carry bit 6
 * (hasDeleteHorizonMs) and baseTimestamp is the horizon, so timestamp deltas may be negative; otherwise
 * baseTimestamp is the first record's timestamp. maxTimestamp is the largest record timestamp, or the
 * original batch's for LogAppendTime batches.
 */
import { MemoryRecordsBuilder, type DecodedRecord } from '../../../engine-wasm/src/log/index.ts'

/** DefaultRecordBatch.DELETE_HORIZON_FLAG_MASK. */
export const DELETE_HORIZON_FLAG = 0x40
const TIMESTAMP_TYPE_FLAG = 0x08
const COMPRESSION_MASK = 0x07

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

/** The batch bytes; `crc32c` is the engine's CRC-32C (LogEngine.crc32c). */
export function buildRecordBatch(
  header: BatchHeaderFields,
  records: readonly DecodedRecord[],
  crc32c: (bytes: Uint8Array) => number,
): Uint8Array {
  const logAppendTime = (header.attributes & TIMESTAMP_TYPE_FLAG) !== 0
  const horizonBit = header.deleteHorizonMs === null ? 0 : DELETE_HORIZON_FLAG
  const attributes = (header.attributes & ~(DELETE_HORIZON_FLAG | COMPRESSION_MASK)) | horizonBit
  const builder = new MemoryRecordsBuilder(1024, header.deleteHorizonMs)
  records.forEach((record, i) => {
    if (record.offset !== header.baseOffset + i)
      throw new RangeError('Batch records must have consecutive offsets')
    builder.append(record.timestamp, record.key, record.value, record.headers)
  })
  const { baseOffset, partitionLeaderEpoch, producerId, producerEpoch, baseSequence } = header
  const fields = { baseOffset, partitionLeaderEpoch, attributes, producerId, producerEpoch, baseSequence }
  return builder.build(logAppendTime ? { ...fields, maxTimestamp: header.maxTimestamp } : fields, crc32c)
}
