// A growable run of raw bytes outside the garbage-collected heap (heap.alloc / heap.realloc / heap.free).
// Used for a segment's two index files and the scratch areas that cross to JavaScript (a segment's .log
// bytes are in pages instead, paged-log.ts: they grow too large to copy whenever they grow).
// Invariants: 0 <= length <= capacity; `data` may move whenever the buffer grows, so callers re-read it
// after every reserve(); free() must be called exactly once.

export class ByteBuffer {
  data: usize = 0
  length: i32 = 0
  capacity: i32 = 0

  /** Makes room for `extra` bytes past `length` and returns the address where they go. */
  reserve(extra: i32): usize {
    const needed = <i64>this.length + <i64>extra
    if (needed > <i64>this.capacity) {
      let grown = max<i64>(<i64>this.capacity + ((<i64>this.capacity) >> 1), 256)
      if (grown < needed) grown = needed
      if (grown > 0x7fffffff) grown = needed
      this.data = this.data == 0 ? heap.alloc(<usize>grown) : heap.realloc(this.data, <usize>grown)
      this.capacity = <i32>grown
    }
    return this.data + <usize>this.length
  }

  free(): void {
    if (this.data != 0) heap.free(this.data)
    this.data = 0
    this.length = 0
    this.capacity = 0
  }
}
