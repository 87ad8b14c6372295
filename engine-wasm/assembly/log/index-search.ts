// Binary search shared by OffsetIndex and TimeIndex: both files are arrays of fixed-size big-endian entries
// sorted by a key at the start of each entry (an int32 relative offset or an int64 timestamp).

import { loadI32BE, loadI64BE } from './bytes.ts'

/** Index of the last entry whose key is <= `target`, or -1 when every key is larger. */
export function lastEntryAtOrBelow(data: usize, count: i32, entrySize: i32, wideKey: bool, target: i64): i32 {
  let low = 0
  let high = count - 1
  let found = -1
  while (low <= high) {
    const middle = (low + high) >>> 1
    const at = data + <usize>(middle * entrySize)
    const key = wideKey ? loadI64BE(at) : <i64>loadI32BE(at)
    if (key <= target) {
      found = middle
      low = middle + 1
    } else high = middle - 1
  }
  return found
}
