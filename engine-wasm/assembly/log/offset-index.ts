// OffsetIndex: a sparse map from offsets to byte positions in a segment's .log, as Kafka's OffsetIndex.
// Byte format (the .index file), 8 bytes per entry, big-endian:
//   relativeOffset int32 (offset - segment baseOffset), position int32
// Invariants: entries are strictly increasing in both fields; an entry (o, p) means the batch starting at
// byte p holds offsets up to o (LogSegment appends (largest offset of an append, its start position)), so
// a search for offset t may start at the position of the last entry with offset <= t.

import { loadI32BE, storeI32BE } from './bytes.ts'
import { ByteBuffer } from './byte-buffer.ts'
import { lastEntryAtOrBelow } from './index-search.ts'

export const OFFSET_ENTRY_SIZE: i32 = 8

export class OffsetIndex {
  readonly entries: ByteBuffer = new ByteBuffer()

  constructor(readonly baseOffset: i64) {}

  get entryCount(): i32 {
    return this.entries.length / OFFSET_ENTRY_SIZE
  }

  positionAt(n: i32): i32 {
    return loadI32BE(this.entries.data + <usize>(n * OFFSET_ENTRY_SIZE + 4))
  }

  /** Adds (offset, position); the caller guarantees both grow (Kafka throws InvalidOffsetException). */
  append(offset: i64, position: i32): void {
    const at = this.entries.reserve(OFFSET_ENTRY_SIZE)
    storeI32BE(at, <i32>(offset - this.baseOffset))
    storeI32BE(at + 4, position)
    this.entries.length += OFFSET_ENTRY_SIZE
  }

  /** The position of the last entry whose offset is <= `offset`, or 0 when there is none. */
  lookup(offset: i64): i32 {
    const n = lastEntryAtOrBelow(
      this.entries.data,
      this.entryCount,
      OFFSET_ENTRY_SIZE,
      false,
      offset - this.baseOffset,
    )
    return n < 0 ? 0 : this.positionAt(n)
  }

  free(): void {
    this.entries.free()
  }
}
