/**
 * Writes records into log.wasm's input buffer in the format engine-wasm/assembly/log/batch-encoder.ts
 * reads (little-endian), per record:
 *   f64 timestamp, i32 keyLength (-1 null), key, i32 valueLength (-1 null), value,
 *   i32 headerCount, then per header: i32 keyLength, UTF-8 key, i32 valueLength (-1 null), value
 */
import type { LogWasm } from './log-wasm.ts'
import type { RecordInput } from './types.ts'

const encoder = new TextEncoder()

function fieldSize(bytes: Uint8Array | null): number {
  return 4 + (bytes?.length ?? 0)
}

export function writeRecordsInput(wasm: LogWasm, records: readonly RecordInput[]): void {
  const headerKeys = records.map((record) => record.headers.map((header) => encoder.encode(header.key)))
  let size = 0
  records.forEach((record, i) => {
    if (!Number.isSafeInteger(record.timestamp)) {
      throw new RangeError(`Record timestamp ${record.timestamp} is not an integer number of milliseconds`)
    }
    size += 8 + fieldSize(record.key) + fieldSize(record.value) + 4
    record.headers.forEach((header, h) => {
      size += fieldSize(headerKeys[i]?.[h] ?? null) + fieldSize(header.value)
    })
  })
  const pointer = wasm.exports.reserveInput(size) >>> 0
  const memory = new Uint8Array(wasm.exports.memory.buffer, pointer, size)
  const view = new DataView(memory.buffer, pointer, size)
  let at = 0
  const putField = (bytes: Uint8Array | null): void => {
    view.setInt32(at, bytes === null ? -1 : bytes.length, true)
    at += 4
    if (bytes !== null) {
      memory.set(bytes, at)
      at += bytes.length
    }
  }
  records.forEach((record, i) => {
    view.setFloat64(at, record.timestamp, true)
    at += 8
    putField(record.key)
    putField(record.value)
    view.setInt32(at, record.headers.length, true)
    at += 4
    record.headers.forEach((header, h) => {
      putField(headerKeys[i]?.[h] ?? new Uint8Array(0))
      putField(header.value)
    })
  })
}
