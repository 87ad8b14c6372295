// Why bytes were refused, as a code the JavaScript wrapper turns into a CorruptRecordError message
// (engine-wasm/src/log/corrupt-record.ts holds the same numbers). A failing function returns -code and
// leaves the byte position of the bad batch and up to three code-specific numbers in the result slots.

import { setResult } from './scratch.ts'

export const TRUNCATED = 1 // detail: batch size, bytes remaining
export const SIZE_TOO_SMALL = 2 // detail: batch size
export const BAD_MAGIC = 3 // detail: magic
export const BAD_CRC = 4 // detail: stored crc, computed crc
export const UNKNOWN_COMPRESSION = 5 // detail: compression id (5-7)
export const BAD_RECORD_COUNT = 6 // detail: record count, lastOffsetDelta, baseOffset
export const BAD_RECORD = 7 // detail: index of the record inside its batch
export const OFFSET_OVERFLOW = 8 // detail: offset, segment base offset

/** Records the failure and returns the negative code to hand back to JavaScript. */
export function fail(code: i32, position: i32, first: f64, second: f64, third: f64 = 0): i32 {
  setResult(0, <f64>position)
  setResult(1, first)
  setResult(2, second)
  setResult(3, third)
  return -code
}
