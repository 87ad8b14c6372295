// PagedLog: a segment's .log bytes kept in fixed-size pages outside the garbage-collected heap, as the
// operating system's page cache holds a segment file. Growing the log never moves the bytes already in it:
// a single growable buffer copies the whole segment each time it grows (milliseconds for a segment of
// megabytes, on every replica at once, as they grow in step), a page log copies at most one page.
// Layout: byte i lives in page i >> LOG_PAGE_SHIFT at i & LOG_PAGE_MASK.
// Invariants:
// - pages.length == ceil(length / LOG_PAGE_SIZE): no page is kept past the one holding the last byte;
// - every page but the last has LOG_PAGE_SIZE bytes of room; the last has lastCapacity (<= LOG_PAGE_SIZE),
//   smaller only for page 0, which starts small and grows (a small partition holds no whole page);
// - an address from at() or contiguous() is valid until the next append, truncate or contiguous call.

export const LOG_PAGE_SHIFT: i32 = 18
/** 256 KiB: a page copy when page 0 grows takes microseconds; batches straddling a page are rare. */
export const LOG_PAGE_SIZE: i32 = 1 << LOG_PAGE_SHIFT
const LOG_PAGE_MASK: i32 = LOG_PAGE_SIZE - 1
const FIRST_PAGE_MIN: i32 = 256

// Bytes of a range that straddles pages, copied into one run for the caller (contiguous()).
let straddle: usize = 0
let straddleCapacity: i32 = 0

export class PagedLog {
  length: i32 = 0
  private readonly pages: Array<usize> = []
  private lastCapacity: i32 = 0

  /** Address of byte `position` (< length); the bytes after it in the same page follow it. */
  at(position: i32): usize {
    return unchecked(this.pages[position >> LOG_PAGE_SHIFT]) + <usize>(position & LOG_PAGE_MASK)
  }

  /** Copies `count` bytes from `source` to the end of the log. */
  append(source: usize, count: i32): void {
    let copied = 0
    while (copied < count) {
      const offset = this.length & LOG_PAGE_MASK
      const chunk = min(count - copied, LOG_PAGE_SIZE - offset)
      this.makeRoom(offset + chunk)
      memory.copy(this.at(this.length), source + <usize>copied, <usize>chunk)
      this.length += chunk
      copied += chunk
    }
  }

  /** Gives the page that byte `length` falls in room for `needed` bytes (<= LOG_PAGE_SIZE). */
  private makeRoom(needed: i32): void {
    const page = this.length >> LOG_PAGE_SHIFT
    if (page == this.pages.length) {
      const capacity = page == 0 ? max(needed, FIRST_PAGE_MIN) : LOG_PAGE_SIZE
      this.pages.push(heap.alloc(<usize>capacity))
      this.lastCapacity = capacity
    } else if (needed > this.lastCapacity) {
      const capacity = min(LOG_PAGE_SIZE, max(needed, this.lastCapacity + (this.lastCapacity >> 1)))
      unchecked((this.pages[page] = heap.realloc(unchecked(this.pages[page]), <usize>capacity)))
      this.lastCapacity = capacity
    }
  }

  /**
   * Address of the `count` bytes at `position` (position + count <= length) in one run: in place when they
   * lie in one page, else copied into a scratch area that the next contiguous() call reuses.
   */
  contiguous(position: i32, count: i32): usize {
    const offset = position & LOG_PAGE_MASK
    if (offset + count <= LOG_PAGE_SIZE) return this.at(position)
    if (count > straddleCapacity) {
      straddle = straddle == 0 ? heap.alloc(<usize>count) : heap.realloc(straddle, <usize>count)
      straddleCapacity = count
    }
    let copied = 0
    while (copied < count) {
      const chunk = min(count - copied, LOG_PAGE_SIZE - ((position + copied) & LOG_PAGE_MASK))
      memory.copy(straddle + <usize>copied, this.at(position + copied), <usize>chunk)
      copied += chunk
    }
    return straddle
  }

  /** Keeps the first `length` bytes (<= this.length) and frees the pages past them. */
  truncate(length: i32): void {
    const keep = (length + LOG_PAGE_MASK) >> LOG_PAGE_SHIFT
    if (keep < this.pages.length) {
      for (let page = keep; page < this.pages.length; page++) heap.free(unchecked(this.pages[page]))
      this.pages.length = keep
      // The new last page was not the last one, so it was filled: it has a whole page of room.
      this.lastCapacity = keep == 0 ? 0 : LOG_PAGE_SIZE
    }
    this.length = length
  }

  free(): void {
    this.truncate(0)
  }
}
