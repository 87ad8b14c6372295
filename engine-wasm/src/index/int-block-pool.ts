/**
 * IntBlockPool: a growable column of fixed-width int records kept in fixed-size blocks, as Lucene's IntBlockPool
 * keeps a segment's in-memory postings: past the first block, growing allocates one more block and copies nothing,
 * so a column of millions of ints (a flush's tokens, its field records) costs its own size, not the doublings that
 * led to it (which, as ArrayBuffers, count towards V8's external memory and so bring on full GCs).
 * Layout: record r is `recordWords` ints at offsetOf(r) in blockOf(r); a block holds a power of two of records, as
 * many as fit in BLOCK_INTS ints (at least one), so a record never straddles two blocks. Only the first block may be
 * shorter than a whole one: it starts at `firstRecords` and doubles (copied) up to a whole block, so a small column
 * stays small.
 * Invariant: a record is zeros until its caller writes it; records are never moved once their block is whole (a
 * caller that keeps a block across an append must take it again, as the first block may be replaced).
 */

/** The most ints a block takes (128 KiB). */
const BLOCK_INTS = 1 << 15

export class IntBlockPool {
  readonly blocks: Int32Array[] = []
  /** The last block, where the last record appended is. */
  tail = new Int32Array(0)
  /** Records appended. */
  length = 0
  /** Records per block: 2^shift. */
  private readonly shift: number
  private readonly mask: number
  /** The first block's records at first (a power of two, at most a block's). */
  private readonly firstRecords: number

  /** `recordWords`: ints per record; `firstRecords`: the first block's records at first (a power of two). */
  constructor(
    readonly recordWords: number,
    firstRecords = 256,
  ) {
    this.shift = Math.max(0, 31 - Math.clz32(Math.floor(BLOCK_INTS / recordWords)))
    this.mask = (1 << this.shift) - 1
    this.firstRecords = Math.min(firstRecords, 1 << this.shift)
  }

  /** Appends a record (zeros); answers where it starts in `tail`. */
  append(): number {
    const record = this.length++
    const at = (record & this.mask) * this.recordWords
    if (at === 0) {
      const records = this.blocks.length === 0 ? this.firstRecords : this.mask + 1
      this.tail = new Int32Array(records * this.recordWords)
      this.blocks.push(this.tail)
    } else if (at === this.tail.length) {
      const grown = new Int32Array(2 * at)
      grown.set(this.tail)
      this.tail = grown
      this.blocks[this.blocks.length - 1] = grown
    }
    return at
  }

  /** The block record `record` is in. */
  blockOf(record: number): Int32Array {
    return this.blocks[record >>> this.shift]!
  }

  /** The number of the block record `record` is in (its index in `blocks`). */
  blockNumber(record: number): number {
    return record >>> this.shift
  }

  /** Where record `record` starts in its block. */
  offsetOf(record: number): number {
    return (record & this.mask) * this.recordWords
  }

  /** The first int of record `record`. */
  first(record: number): number {
    return this.blocks[record >>> this.shift]![(record & this.mask) * this.recordWords]!
  }
}
