/**
 * Builds DecodedBatch objects from what log.wasm's decodeBatches() emits: per batch 14 f64 values
 * (position, baseOffset, batchLength, partitionLeaderEpoch, magic, crc, attributes, lastOffsetDelta,
 * baseTimestamp, maxTimestamp, producerId, producerEpoch, baseSequence, recordCount; 0 for a compressed
 * batch, whose records LogEngine reads after inflating them), then per record
 * 8 values (sizeInBytes, timestampDelta, offsetDelta, keyPosition, keyLength, valuePosition, valueLength,
 * headerCount) and 4 per header (keyPosition, keyLength, valuePosition, valueLength). Positions index the
 * decoded bytes; a length of -1 is null. Keys and values are views of those bytes, as a Java record's key
 * and value are slices of its fetch buffer: one allocation per record less, and the caller must not modify
 * the bytes it decoded while it keeps the records. Each record is made by a RecordFactory straight from
 * these values (a consumer makes its ConsumerRecords so), and records without headers share one empty,
 * frozen header list.
 */
import type { CompressionType } from './compression/compression-type.ts'
import type { DecodedBatch, DecodedRecord, RecordFactory, RecordHeader } from './types.ts'

const BATCH_FIELDS = 14
const TIMESTAMP_TYPE_MASK = 0x08
const TRANSACTIONAL_MASK = 0x10
const CONTROL_MASK = 0x20
const COMPRESSION_MASK = 0x07

const utf8 = new TextDecoder()
const NO_HEADERS: readonly RecordHeader[] = Object.freeze([])

/** The factory of DecodedRecords, LogEngine.decodeBatches' default. */
export const decodedRecord: RecordFactory<DecodedRecord> = (
  offset,
  timestamp,
  key,
  value,
  headers,
  sizeInBytes,
) => ({
  offset,
  timestamp,
  key,
  value,
  headers,
  sizeInBytes,
})

export function readDecodedBatches<R>(
  values: Float64Array,
  bytes: Uint8Array,
  makeRecord: RecordFactory<R>,
): DecodedBatch<R>[] {
  let at = 0
  const next = (): number => values[at++] ?? Number.NaN
  const slice = (): Uint8Array | null => {
    const position = next()
    const length = next()
    return length < 0 ? null : bytes.subarray(position, position + length)
  }
  const batches: DecodedBatch<R>[] = []
  while (at + BATCH_FIELDS <= values.length) {
    const position = next()
    const baseOffset = next()
    const batchLength = next()
    const partitionLeaderEpoch = next()
    const magic = next()
    const crc = next()
    const attributes = next()
    const lastOffsetDelta = next()
    const baseTimestamp = next()
    const maxTimestamp = next()
    const producerId = next()
    const producerEpoch = next()
    const baseSequence = next()
    const count = next()
    const logAppendTime = (attributes & TIMESTAMP_TYPE_MASK) !== 0
    const records: R[] = []
    for (let i = 0; i < count; i++) {
      const sizeInBytes = next()
      const timestampDelta = next()
      const offsetDelta = next()
      const key = slice()
      const value = slice()
      const headerCount = next()
      let headers = NO_HEADERS
      if (headerCount > 0) {
        const list: RecordHeader[] = []
        for (let h = 0; h < headerCount; h++) {
          const headerKey = slice() ?? new Uint8Array(0)
          list.push({ key: utf8.decode(headerKey), value: slice() })
        }
        headers = list
      }
      const timestamp = logAppendTime ? maxTimestamp : baseTimestamp + timestampDelta
      records.push(
        makeRecord(baseOffset + offsetDelta, timestamp, key, value, headers, sizeInBytes, logAppendTime),
      )
    }
    batches.push({
      baseOffset,
      lastOffset: baseOffset + lastOffsetDelta,
      batchLength,
      partitionLeaderEpoch,
      magic,
      crc,
      attributes,
      lastOffsetDelta,
      baseTimestamp,
      maxTimestamp,
      producerId,
      producerEpoch,
      baseSequence,
      isTransactional: (attributes & TRANSACTIONAL_MASK) !== 0,
      isControlBatch: (attributes & CONTROL_MASK) !== 0,
      compressionType: (attributes & COMPRESSION_MASK) as CompressionType,
      position,
      records,
    })
  }
  return batches
}
