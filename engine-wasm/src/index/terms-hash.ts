/**
 * TermsHash: one field's terms in a flush, numbered 0, 1, 2, ... in the order they are first added, as Lucene's
 * BytesRefHash numbers a field's terms while it indexes (one per field, as TermsHashPerField): a term comes in as
 * UTF-16 code units in a caller's buffer (an analyzer's scratch), so indexing makes no string and no object per
 * token.
 * Layout: the records are the slots of an open-addressing table (linear probing), `recordWords` ints each in
 * `records` (a power of two: 8 with FlushDictionary's payload, 32 bytes), so a token's lookup and its counts touch one
 * slot, not a table slot and then a record elsewhere (a field's rarer terms cost a cache miss each). A slot holds the term's ordinal + 1 (0: an empty slot), its length, then `payloadWords` ints that
 * are the caller's (zero when the term is added: FlushDictionary keeps its per-term counts there), then the rest of
 * the slot as code units: a term that fits is kept there, a longer one in `chars` (the long terms' code units one
 * after another) and the slot's first inline int is where it starts. No hash is kept: a probe past another term
 * compares its length and code units, in the same slot, and a doubling of the table hashes each term again.
 * `slotOf` maps an ordinal to its slot (for writeTerm and payloadAt); a doubling moves the slots and updates it. A
 * power-of-two number of slots, kept at most half full.
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

// A slot's own words: the term's ordinal + 1 (0: an empty slot) and its length; the caller's payload follows, then the
// term's code units when they fit, else where they start in `chars`.
const ENTRY = 0
const LENGTH = 1
const OWN_WORDS = 2
/** The fewest ints a slot keeps for its inline code units. */
const MIN_INLINE_WORDS = 3
const INITIAL_SLOTS = 1 << 6

export class TermsHash {
  /** Ints per slot: a power of two, at least the slot's own two, the caller's payload and MIN_INLINE_WORDS. */
  readonly recordWords: number
  /** The slots (see the header); replaced as it grows, so read it again after an add. */
  records: Int32Array
  /** The ordinal of the term the last add answered for. */
  ordinal = -1
  /** `records` as code units, where the inline terms are. */
  private recordUnits: Uint16Array
  /** Where a slot's inline part starts, in ints from the slot's start, and how many code units fit there. */
  private readonly inlineAt: number
  private readonly inlineUnits: number
  /** Slots minus one. */
  private mask = INITIAL_SLOTS - 1
  /** Per ordinal: where its slot starts in `records`. */
  private slotOf = new Int32Array(INITIAL_SLOTS)
  private count = 0
  private chars = new Uint16Array(1 << 6)
  private charsUsed = 0

  /** `payloadWords`: the caller's ints per term. */
  constructor(payloadWords = 0) {
    let words = 8
    while (words < OWN_WORDS + payloadWords + MIN_INLINE_WORDS) words *= 2
    this.recordWords = words
    this.records = new Int32Array(INITIAL_SLOTS * words)
    this.recordUnits = new Uint16Array(this.records.buffer)
    this.inlineAt = OWN_WORDS + payloadWords
    this.inlineUnits = 2 * (words - this.inlineAt)
  }

  get size(): number {
    return this.count
  }

  /** Where term `ordinal`'s payload starts in `records` (until the next add). */
  payloadAt(ordinal: number): number {
    return this.slotOf[ordinal]! + OWN_WORDS
  }

  /**
   * Adds the term `chars[0, length)` unless it is here (a new one gets the next ordinal, its code units copied);
   * answers where its payload starts in `records` (until the next add) and sets `ordinal`.
   */
  add(chars: Uint16Array, length: number): number {
    return this.addHashed(chars, 0, length, TermsHash.hashOf(chars, 0, length))
  }

  /** add() of the term `chars[start, start + length)`, whose hashOf is `hash`. */
  addHashed(chars: Uint16Array, start: number, length: number, hash: number): number {
    const records = this.records
    const mask = this.mask
    const words = this.recordWords
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const at = slot * words
      const entry = records[at + ENTRY]!
      if (entry === 0) return this.append(at, chars, start, length)
      if (records[at + LENGTH] === length && this.sameChars(at, chars, start, length)) {
        this.ordinal = entry - 1
        return at + OWN_WORDS
      }
    }
  }

  /**
   * Reads the first and the last int of the slot where a term with this hash is looked for first (a slot may straddle
   * two cache lines), answering their sum: reads that bring the slot into the cache ahead of addHashed
   * (FlushDictionary.drain reads a field's slots before adding its tokens).
   */
  touchSlot(hash: number): number {
    const at = (hash & this.mask) * this.recordWords
    return this.records[at]! + this.records[at + this.recordWords - 1]!
  }

  /** FNV-1a over the code units `units[start, start + length)`: where a term is looked for. */
  static hashOf(units: Uint16Array, start: number, length: number): number {
    let hash = 0x811c9dc5 | 0
    for (let i = start, end = start + length; i < end; i++) hash = Math.imul(hash ^ units[i]!, 0x01000193)
    return hash
  }

  /** Writes term `ordinal` into `writer` as ByteWriter.utf16 does its code units (no view made). */
  writeTerm(ordinal: number, writer: ByteWriter): void {
    const at = this.slotOf[ordinal]!
    const length = this.records[at + LENGTH]!
    if (length <= this.inlineUnits) writer.utf16(this.recordUnits, 2 * (at + this.inlineAt), length)
    else writer.utf16(this.chars, this.records[at + this.inlineAt], length)
  }

  /** Whether the term of the slot at `at`, `length` code units long, is `chars[from, from + length)`. */
  private sameChars(at: number, chars: Uint16Array, from: number, length: number): boolean {
    let units = this.recordUnits
    let start = 2 * (at + this.inlineAt)
    if (length > this.inlineUnits) {
      units = this.chars
      start = this.records[at + this.inlineAt]!
    }
    for (let i = 0; i < length; i++) if (units[start + i] !== chars[from + i]) return false
    return true
  }

  /** Writes a new term into the empty slot at `at`; answers where its payload starts (after a doubling, if any). */
  private append(at: number, chars: Uint16Array, from: number, length: number): number {
    const ordinal = this.count++
    if (ordinal === this.slotOf.length) {
      const grown = new Int32Array(2 * ordinal)
      grown.set(this.slotOf)
      this.slotOf = grown
    }
    const records = this.records
    records[at + ENTRY] = ordinal + 1
    records[at + LENGTH] = length
    if (length <= this.inlineUnits) {
      const units = this.recordUnits
      const start = 2 * (at + this.inlineAt)
      for (let i = 0; i < length; i++) units[start + i] = chars[from + i]!
    } else {
      records[at + this.inlineAt] = this.appendChars(chars, from, length)
    }
    this.slotOf[ordinal] = at
    this.ordinal = ordinal
    if (2 * this.count > this.mask + 1) {
      this.rehash()
      return this.slotOf[ordinal] + OWN_WORDS
    }
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

  /** Doubles the table: each slot moved whole to the first free slot from the one its term's hash names. */
  private rehash(): void {
    const old = this.records
    const oldUnits = this.recordUnits
    const words = this.recordWords
    const mask = 2 * this.mask + 1
    const records = new Int32Array((mask + 1) * words)
    for (let from = 0; from < old.length; from += words) {
      const entry = old[from + ENTRY]!
      if (entry === 0) continue
      const length = old[from + LENGTH]!
      const hash =
        length <= this.inlineUnits
          ? TermsHash.hashOf(oldUnits, 2 * (from + this.inlineAt), length)
          : TermsHash.hashOf(this.chars, old[from + this.inlineAt]!, length)
      let slot = hash & mask
      while (records[slot * words + ENTRY] !== 0) slot = (slot + 1) & mask
      const to = slot * words
      // int by int: a slot is a few words, and a subarray per slot would be an object per term moved
      for (let w = 0; w < words; w++) records[to + w] = old[from + w]!
      this.slotOf[entry - 1] = to
    }
    this.records = records
    this.recordUnits = new Uint16Array(records.buffer)
    this.mask = mask
  }
}
