// TimeIndex: a sparse map from timestamps to offsets in a segment, as Kafka's TimeIndex.
// Byte format (the .timeindex file), 12 bytes per entry, big-endian:
//   timestamp int64, relativeOffset int32 (offset - segment baseOffset)
// Invariants: timestamps strictly increase (maybeAppend drops an entry that does not raise the last
// timestamp) and offsets never decrease. An entry (t, o) means no record before the batch ending at offset o
// has a timestamp above t, so a search for the first record with timestamp >= t may start at that batch.

import { loadI32BE, loadI64BE, storeI32BE, storeI64BE } from './bytes.ts'
import { ByteBuffer } from './byte-buffer.ts'
import { lastEntryAtOrBelow } from './index-search.ts'

export const TIME_ENTRY_SIZE: i32 = 12

export class TimeIndex {
  readonly entries: ByteBuffer = new ByteBuffer()

  constructor(readonly baseOffset: i64) {}

  get entryCount(): i32 {
    return this.entries.length / TIME_ENTRY_SIZE
  }

  timestampAt(n: i32): i64 {
    return loadI64BE(this.entries.data + <usize>(n * TIME_ENTRY_SIZE))
  }

  offsetAt(n: i32): i64 {
    return this.baseOffset + <i64>loadI32BE(this.entries.data + <usize>(n * TIME_ENTRY_SIZE + 8))
  }

  /** The last timestamp indexed, -1 (Kafka's NO_TIMESTAMP) when empty. */
  get lastTimestamp(): i64 {
    const count = this.entryCount
    return count == 0 ? -1 : this.timestampAt(count - 1)
  }

  /** Adds (timestamp, offset) only when it raises the last indexed timestamp. */
  maybeAppend(timestamp: i64, offset: i64): void {
    if (timestamp <= this.lastTimestamp) return
    const at = this.entries.reserve(TIME_ENTRY_SIZE)
    storeI64BE(at, timestamp)
    storeI32BE(at + 8, <i32>(offset - this.baseOffset))
    this.entries.length += TIME_ENTRY_SIZE
  }

  /** The offset of the last entry whose timestamp is <= `timestamp`, or baseOffset when there is none. */
  lookup(timestamp: i64): i64 {
    const n = lastEntryAtOrBelow(this.entries.data, this.entryCount, TIME_ENTRY_SIZE, true, timestamp)
    return n < 0 ? this.baseOffset : this.offsetAt(n)
  }

  free(): void {
    this.entries.free()
  }
}
