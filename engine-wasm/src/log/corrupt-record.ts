/**
 * Turns a failure code of log.wasm (engine-wasm/assembly/log/errors.ts holds the same numbers) and its
 * detail slots into the error Kafka would raise. Messages quote Kafka where Kafka has one
 * (DefaultRecordBatch.ensureValid, DefaultRecord.readFrom, LogValidator, LogSegment.ensureOffsetInRange,
 * CompressionType.forId).
 */
import { CorruptRecordError } from './types.ts'

/** details: [position, first, second, third] as errors.ts fail() left them. */
export function logError(code: number, details: readonly number[]): Error {
  const [position = 0, first = 0, second = 0, third = 0] = details
  switch (code) {
    case 1:
      return new CorruptRecordError(
        first < 0
          ? `Record batch at position ${position} is truncated: ${second} bytes remain, fewer than the 12-byte log overhead`
          : `Record batch at position ${position} is truncated: its size is ${first} but only ${second} bytes remain`,
      )
    case 2:
      return new CorruptRecordError(
        `Record batch is corrupt (the size ${first} is smaller than the minimum allowed overhead 61)`,
      )
    case 3:
      return new CorruptRecordError(
        `Record batch at position ${position} has magic ${first}; only magic 2 (RecordBatch v2) is supported`,
      )
    case 4:
      return new CorruptRecordError(`Record is corrupt (stored crc = ${first}, computed crc = ${second})`)
    case 5:
      return new CorruptRecordError(`Unknown compression type id: ${first}`)
    case 6:
      return new CorruptRecordError(recordCountMessage(first, second, third))
    case 7:
      return new CorruptRecordError(
        `Found invalid record structure (record ${first} of the batch at position ${position})`,
      )
    case 8:
      return new RangeError(
        `Detected offset overflow at offset ${first} in segment with base offset ${second}`,
      )
    default:
      return new Error(`log.wasm failed with unknown code ${code}`)
  }
}

function recordCountMessage(count: number, lastOffsetDelta: number, baseOffset: number): string {
  const lastOffset = baseOffset + lastOffsetDelta
  if (lastOffsetDelta < 0) return `Batch has an invalid offset range: [${baseOffset}, ${lastOffset}]`
  if (count <= 0) return `Invalid reported count for record batch: ${count}`
  return `Inconsistent batch offset range [${baseOffset}, ${lastOffset}] and count of records ${count}`
}
