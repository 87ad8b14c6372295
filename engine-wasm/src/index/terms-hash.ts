/**
 * TermsHash: one field's terms in a flush, numbered 0, 1, 2, ... in the order they are first added, as Lucene's
 * BytesRefHash numbers a field's terms while it indexes (one per field, as TermsHashPerField): a term comes in as
 * UTF-16 code units in a caller's buffer (an analyzer's scratch), so indexing makes no string and no object per
 * token.
 * Layout, as BytesRefHash's: the terms' records in ordinal order, `recordWords` ints each in `records` (the record of
 * ordinal n at n * recordWords): the term's length, its start in `chars`, then `payloadWords` ints that are the
 * caller's (zero when the term is added: FlushDictionary keeps its per-term counts there), then the rest of the
 * record as code units: a term that fits is kept there (its start unused), a longer one in `chars`, the long terms'
 * code units one after another. An open-addressing table (linear probing) finds them: two ints a slot, the term's
 * ordinal + 1 (0: an empty slot) and its hash, so a probe past another term reads no record. A field's frequent
 * terms come first, so their records sit together; a new term's record is written at the end; a doubling of the
 * table moves slots only (records stay where they are). A power-of-two number of slots, kept at most half full.
 * Invariant: ordinals are dense and never change; a term has exactly one ordinal.
 * IntList is the growable int column it and FlushDictionary (document-batch.ts) keep their numbers in; IntPairs
 * the chunked column of pairs FlushDictionary keeps its tokens in.
 */
import type { ByteWriter } from './byte-writer.ts'

/** A growable Int32Array. */
export class IntList {
  data: Int32Array
  length = 0

  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity)
  }

  push(value: number): void {
    if (this.length === this.data.length) this.grow(this.length + 1)
    this.data[this.length++] = value
  }

  private grow(needed: number): void {
    const grown = new Int32Array(Math.max(this.data.length * 2, needed))
    grown.set(this.data)
    this.data = grown
  }
}

/** IntPairs' chunk size, in ints (a power of two, even, so that a pair never straddles two chunks). */
const PAIR_CHUNK_SHIFT = 16
const PAIR_CHUNK_MASK = (1 << PAIR_CHUNK_SHIFT) - 1
/** The first chunk's room at first, in ints (it doubles up to a whole chunk: a small flush stays small). */
const FIRST_PAIR_CHUNK = 1024

/**
 * A growable column of int pairs in chunks of PAIR_CHUNK_MASK + 1 ints: past the first chunk, growing allocates one
 * more chunk and copies nothing, so a column of millions of ints (a flush's tokens) costs its own size, not the
 * doublings that led to it. Int i is chunks[i >>> PAIR_CHUNK_SHIFT][i & PAIR_CHUNK_MASK] (see chunkOf and
 * offsetOf); only the first chunk is ever shorter than a whole one.
 */
export class IntPairs {
  readonly chunks: Int32Array[] = []
  /** Ints written (twice the pairs). */
  length = 0
  private last = new Int32Array(0)

  push2(first: number, second: number): void {
    const at = this.length & PAIR_CHUNK_MASK
    let chunk = this.last
    if (at === 0) {
      chunk = new Int32Array(this.chunks.length === 0 ? FIRST_PAIR_CHUNK : PAIR_CHUNK_MASK + 1)
      this.chunks.push(chunk)
      this.last = chunk
    } else if (at === chunk.length) {
      chunk = new Int32Array(2 * at)
      chunk.set(this.last)
      this.chunks[this.chunks.length - 1] = chunk
      this.last = chunk
    }
    chunk[at] = first
    chunk[at + 1] = second
    this.length += 2
  }

  /** The chunk int `index` is in. */
  chunkOf(index: number): Int32Array {
    return this.chunks[index >>> PAIR_CHUNK_SHIFT]!
  }
}

/** Where int `index` of an IntPairs is in its chunk. */
export function offsetOf(index: number): number {
  return index & PAIR_CHUNK_MASK
}

// A record's own words: the term's length and its start in `chars`; the caller's payload follows.
const LENGTH = 0
const START = 1
const OWN_WORDS = 2
/** The ints a record keeps for its inline code units. */
const INLINE_WORDS = 6
const INITIAL_SLOTS = 1 << 6

export class TermsHash {
  /** Ints per record: the term's own two, the caller's payload and INLINE_WORDS of inline code units. */
  readonly recordWords: number
  /** The records, by ordinal (see the header); replaced as it grows, so read it again after an add. */
  records: Int32Array
  /** The ordinal of the term the last add answered for. */
  ordinal = -1
  /** `records` as code units, where the inline terms are. */
  private recordUnits: Uint16Array
  /** Where a record's inline code units start, in code units from the record's start, and how many fit. */
  private readonly inlineStart: number
  private readonly inlineUnits: number
  /** Slots minus one. */
  private mask = INITIAL_SLOTS - 1
  /** Per slot: the ordinal + 1 of its term (0: empty), the term's hash. */
  private table = new Int32Array(2 * INITIAL_SLOTS)
  private count = 0
  private chars = new Uint16Array(1 << 6)
  private charsUsed = 0

  /** `payloadWords`: the caller's ints per term. */
  constructor(payloadWords = 0) {
    this.recordWords = OWN_WORDS + payloadWords + INLINE_WORDS
    this.records = new Int32Array(INITIAL_SLOTS * this.recordWords)
    this.recordUnits = new Uint16Array(this.records.buffer)
    this.inlineStart = 2 * (OWN_WORDS + payloadWords)
    this.inlineUnits = 2 * INLINE_WORDS
  }

  get size(): number {
    return this.count
  }

  /** Where term `ordinal`'s payload starts in `records` (until the next add). */
  payloadAt(ordinal: number): number {
    return ordinal * this.recordWords + OWN_WORDS
  }

  /**
   * Adds the term `chars[0, length)` unless it is here (a new one gets the next ordinal, its code units copied);
   * answers where its payload starts in `records` (until the next add) and sets `ordinal`.
   */
  add(chars: Uint16Array, length: number): number {
    let hash = 0x811c9dc5 | 0
    for (let i = 0; i < length; i++) hash = Math.imul(hash ^ chars[i]!, 0x01000193)
    const table = this.table
    const mask = this.mask
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = table[2 * slot]!
      if (entry === 0) return this.append(slot, hash, chars, length)
      if (table[2 * slot + 1] === hash) {
        const ordinal = entry - 1
        const at = ordinal * this.recordWords
        if (this.records[at + LENGTH] === length && this.sameChars(at, chars, length)) {
          this.ordinal = ordinal
          return at + OWN_WORDS
        }
      }
    }
  }

  /** Writes term `ordinal` into `writer` as ByteWriter.utf16 does its code units (no view made). */
  writeTerm(ordinal: number, writer: ByteWriter): void {
    const at = ordinal * this.recordWords
    const length = this.records[at + LENGTH]!
    if (length <= this.inlineUnits) writer.utf16(this.recordUnits, 2 * at + this.inlineStart, length)
    else writer.utf16(this.chars, this.records[at + START], length)
  }

  /** Whether the term of the record at `at`, `length` code units long, is `chars[0, length)`. */
  private sameChars(at: number, chars: Uint16Array, length: number): boolean {
    let units = this.recordUnits
    let start = 2 * at + this.inlineStart
    if (length > this.inlineUnits) {
      units = this.chars
      start = this.records[at + START]!
    }
    for (let i = 0; i < length; i++) if (units[start + i] !== chars[i]) return false
    return true
  }

  /** Writes a new term's record after the last and its slot; answers where its payload starts. */
  private append(slot: number, hash: number, chars: Uint16Array, length: number): number {
    const ordinal = this.count++
    const words = this.recordWords
    if ((ordinal + 1) * words > this.records.length) {
      const grown = new Int32Array(2 * this.records.length)
      grown.set(this.records)
      this.records = grown
      this.recordUnits = new Uint16Array(grown.buffer)
    }
    const at = ordinal * words
    this.records[at + LENGTH] = length
    if (length <= this.inlineUnits) {
      const units = this.recordUnits
      const start = 2 * at + this.inlineStart
      for (let i = 0; i < length; i++) units[start + i] = chars[i]!
    } else {
      this.records[at + START] = this.appendChars(chars, length)
    }
    this.table[2 * slot] = ordinal + 1
    this.table[2 * slot + 1] = hash
    if (2 * this.count > this.mask + 1) this.rehash()
    this.ordinal = ordinal
    return at + OWN_WORDS
  }

  /** Appends a long term's code units to `chars`; answers where they start. */
  private appendChars(chars: Uint16Array, length: number): number {
    const start = this.charsUsed
    if (start + length > this.chars.length) {
      let size = this.chars.length * 2
      while (size < start + length) size *= 2
      const grown = new Uint16Array(size)
      grown.set(this.chars.subarray(0, start))
      this.chars = grown
    }
    for (let i = 0; i < length; i++) this.chars[start + i] = chars[i]!
    this.charsUsed = start + length
    return start
  }

  /** Doubles the table: each slot's entry moved to the first free slot from the one its hash names. */
  private rehash(): void {
    const old = this.table
    const mask = 2 * this.mask + 1
    const table = new Int32Array(2 * (mask + 1))
    for (let from = 0; from < old.length; from += 2) {
      const entry = old[from]!
      if (entry === 0) continue
      const hash = old[from + 1]!
      let slot = hash & mask
      while (table[2 * slot] !== 0) slot = (slot + 1) & mask
      table[2 * slot] = entry
      table[2 * slot + 1] = hash
    }
    this.table = table
    this.mask = mask
  }
}
