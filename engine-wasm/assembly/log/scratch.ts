// The areas shared with the JavaScript wrapper: one input buffer it writes request bytes into, one output
// buffer results are copied out of, and 16 f64 result slots for small answers (append info, error details).
// Addresses are only valid until the next call: any allocation may move the buffers or grow memory.

import { ByteBuffer } from './byte-buffer.ts'

export const input = new ByteBuffer()
export const output = new ByteBuffer()
export const RESULTS: usize = memory.data(16 * 8, 8)

export function setResult(slot: i32, value: f64): void {
  store<f64>(RESULTS + ((<usize>slot) << 3), value)
}

/** Address where JavaScript writes `length` input bytes. */
export function reserveInput(length: i32): usize {
  input.length = 0
  return input.reserve(length)
}
