/**
 * TermsHash: one field's terms in a flush, numbered 0, 1, 2, ... in the order they are first added, as Lucene's
 * BytesRefHash numbers a field's terms while it indexes (one per field, as TermsHashPerField): a term comes in as
 * UTF-16 code units in a caller's buffer (an analyzer's scratch), so indexing makes no string and no object per
 * token.
 * Layout, as BytesRefHash's: an open-addressing table (linear probing, a power-of-two number of slots kept at most
 * half full) of two ints per slot, the term's ordinal + 1 (0: an empty slot) and its hash (hashOf), and the terms'
 * records by ordinal in an IntBlockPool (Lucene's ByteBlockPool), `recordWords` ints each (a power of two: 8 with
 * FlushDictionary's payload, 32 bytes): the term's length, then `payloadWords` ints that are the caller's (zero
 * when the term is added: FlushDictionary keeps its per-term counts there), then the rest of the record as code
 * units: a term that fits is kept there, a longer one in `chars` (the long terms' code units one after another)
 * and the record's first inline int is where it starts. A probe past another term compares hashes in the table and
 * reads a record only when they are equal; a doubling of the table moves its slots by their hashes and never
 * moves a record, so growing copies 8 bytes a term, not the records.
 * Invariant: ordinals are dense and never change; a term has exactly one ordinal; record r is term r's.
 */
import type { ByteWriter } from './byte-writer.ts'
import { IntBlockPool } from './int-block-pool.ts'

// A record's own word: the term's length; the caller's payload follows, then the term's code units when they fit,
// else where they start in `chars`.
const LENGTH = 0
const OWN_WORDS = 1
/** The fewest ints a record keeps for its inline code units. */
const MIN_INLINE_WORDS = 3
const INITIAL_SLOTS = 1 << 6
// A table slot's ints: the ordinal + 1, the hash.
const SLOT_WORDS = 2

export class TermsHash {
  /** Ints per record: a power of two, at least the record's own word, the caller's payload and MIN_INLINE_WORDS. */
  readonly recordWords: number
  /** The ordinal of the term the last add answered for. */
  ordinal = -1
  /** The block of the records where that term's record is (see add). */
  block: Int32Array = new Int32Array(0)
  private readonly records: IntBlockPool
  /** Per block of `records`: the block as code units, where the inline terms are. */
  private readonly blockUnits: Uint16Array[] = []
  /** Where a record's inline part starts, in ints from the record's start, and how many code units fit there. */
  private readonly inlineAt: number
  private readonly inlineUnits: number
  /** Slots minus one. */
  private mask = INITIAL_SLOTS - 1
  private table = new Int32Array(SLOT_WORDS * INITIAL_SLOTS)
  private chars = new Uint16Array(1 << 6)
  private charsUsed = 0

  /** `payloadWords`: the caller's ints per term. */
  constructor(payloadWords = 0) {
    let words = 8
    while (words < OWN_WORDS + payloadWords + MIN_INLINE_WORDS) words *= 2
    this.recordWords = words
    this.records = new IntBlockPool(words, INITIAL_SLOTS / 2)
    this.inlineAt = OWN_WORDS + payloadWords
    this.inlineUnits = 2 * (words - this.inlineAt)
  }

  get size(): number {
    return this.records.length
  }

  /** The block of the records where term `ordinal`'s payload is. */
  blockOf(ordinal: number): Int32Array {
    return this.records.blockOf(ordinal)
  }

  /** Where term `ordinal`'s payload starts in blockOf(ordinal) (until the next add). */
  payloadAt(ordinal: number): number {
    return this.records.offsetOf(ordinal) + OWN_WORDS
  }

  /**
   * Adds the term `chars[0, length)` unless it is here (a new one gets the next ordinal, its code units copied);
   * answers where its payload starts in `block` (until the next add) and sets `ordinal` and `block`.
   */
  add(chars: Uint16Array, length: number): number {
    return this.addHashed(chars, 0, length, TermsHash.hashOf(chars, 0, length))
  }

  /** add() of the term `chars[start, start + length)`, whose hashOf is `hash`. */
  addHashed(chars: Uint16Array, start: number, length: number, hash: number): number {
    const table = this.table
    const mask = this.mask
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = table[SLOT_WORDS * slot]!
      if (entry === 0) return this.append(slot, chars, start, length, hash)
      if (table[SLOT_WORDS * slot + 1] !== hash) continue
      const ordinal = entry - 1
      const block = this.records.blockOf(ordinal)
      const at = this.records.offsetOf(ordinal)
      if (block[at + LENGTH] === length && this.sameChars(ordinal, at, chars, start, length)) {
        this.ordinal = ordinal
        this.block = block
        return at + OWN_WORDS
      }
    }
  }

  /**
   * Reads the table slot where a term with this hash is looked for first and the first int of the record it names,
   * answering their sum: reads that bring both into the cache ahead of addHashed (FlushDictionary.drain reads a
   * field's slots before adding its tokens).
   */
  touchSlot(hash: number): number {
    const entry = this.table[SLOT_WORDS * (hash & this.mask)]!
    return entry === 0 ? 0 : entry + this.records.first(entry - 1)
  }

  /** FNV-1a over the code units `units[start, start + length)`: where a term is looked for. */
  static hashOf(units: Uint16Array, start: number, length: number): number {
    let hash = 0x811c9dc5 | 0
    for (let i = start, end = start + length; i < end; i++) hash = Math.imul(hash ^ units[i]!, 0x01000193)
    return hash
  }

  /** Writes term `ordinal` into `writer` as ByteWriter.utf16 does its code units (no view made). */
  writeTerm(ordinal: number, writer: ByteWriter): void {
    const block = this.records.blockOf(ordinal)
    const at = this.records.offsetOf(ordinal)
    const length = block[at + LENGTH]!
    if (length <= this.inlineUnits) writer.utf16(this.unitsOf(ordinal), 2 * (at + this.inlineAt), length)
    else writer.utf16(this.chars, block[at + this.inlineAt], length)
  }

  /** The code units of the block term `ordinal`'s record is in. */
  private unitsOf(ordinal: number): Uint16Array {
    return this.blockUnits[this.records.blockNumber(ordinal)]!
  }

  /** Whether the term of record `ordinal`, at `at` in its block and `length` code units long, is `chars[from, from + length)`. */
  private sameChars(ordinal: number, at: number, chars: Uint16Array, from: number, length: number): boolean {
    let units: Uint16Array
    let start: number
    if (length > this.inlineUnits) {
      units = this.chars
      start = this.records.blockOf(ordinal)[at + this.inlineAt]!
    } else {
      units = this.unitsOf(ordinal)
      start = 2 * (at + this.inlineAt)
    }
    for (let i = 0; i < length; i++) if (units[start + i] !== chars[from + i]) return false
    return true
  }

  /** Writes a new term into the empty slot `slot` and a new record; answers where its payload starts in `block`. */
  private append(slot: number, chars: Uint16Array, from: number, length: number, hash: number): number {
    const records = this.records
    const ordinal = records.length
    const at = records.append()
    const block = records.tail
    // a new block, or the first one doubled: its code units as a view of its own
    const last = records.blocks.length - 1
    let units: Uint16Array | undefined = this.blockUnits[last]
    if (units?.buffer !== block.buffer) {
      units = new Uint16Array(block.buffer)
      this.blockUnits[last] = units
    }
    block[at + LENGTH] = length
    if (length <= this.inlineUnits) {
      const start = 2 * (at + this.inlineAt)
      for (let i = 0; i < length; i++) units[start + i] = chars[from + i]!
    } else {
      block[at + this.inlineAt] = this.appendChars(chars, from, length)
    }
    this.table[SLOT_WORDS * slot] = ordinal + 1
    this.table[SLOT_WORDS * slot + 1] = hash
    this.ordinal = ordinal
    this.block = block
    if (2 * records.length > this.mask + 1) this.rehash()
    return at + OWN_WORDS
  }

  /** Appends a long term's code units to `chars`; answers where they start. */
  private appendChars(chars: Uint16Array, from: number, length: number): number {
    const start = this.charsUsed
    if (start + length > this.chars.length) {
      let size = this.chars.length * 2
      while (size < start + length) size *= 2
      const grown = new Uint16Array(size)
      grown.set(this.chars.subarray(0, start))
      this.chars = grown
    }
    for (let i = 0; i < length; i++) this.chars[start + i] = chars[from + i]!
    this.charsUsed = start + length
    return start
  }

  /** Doubles the table: each slot moved to the first free slot from the one its hash names (no record moves). */
  private rehash(): void {
    const old = this.table
    const mask = 2 * this.mask + 1
    const table = new Int32Array(SLOT_WORDS * (mask + 1))
    for (let from = 0; from < old.length; from += SLOT_WORDS) {
      const entry = old[from]!
      if (entry === 0) continue
      const hash = old[from + 1]!
      let slot = hash & mask
      while (table[SLOT_WORDS * slot] !== 0) slot = (slot + 1) & mask
      table[SLOT_WORDS * slot] = entry
      table[SLOT_WORDS * slot + 1] = hash
    }
    this.table = table
    this.mask = mask
  }
}
