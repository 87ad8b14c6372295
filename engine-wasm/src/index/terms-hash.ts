/**
 * TermsHash: one field's terms in a flush, numbered 0, 1, 2, ... in the order they are first added, as Lucene's
 * BytesRefHash numbers a field's terms while it indexes (one per field, as TermsHashPerField): a term comes in as
 * UTF-16 code units in a caller's buffer (an analyzer's scratch), so indexing makes no string and no object per
 * token.
 * Layout: an open-addressing table (linear probing) whose slots are the terms' records, `recordWords` ints each in
 * `records`: its ordinal + 1 (0: an empty slot), hash, length, start in `chars`, then `payloadWords` ints that are
 * the caller's (zero when the term is added: FlushDictionary keeps its per-term counts there), then the rest of the
 * record as code units: a term that fits is kept there (its start unused), a longer one in `chars`, the long terms'
 * code units one after another. So a token's probe, its comparison and its counts touch one record (one cache line
 * for most terms), not a table and then a record. `slots` maps an ordinal to its slot. A power-of-two number of
 * slots, kept at most half full.
 * Invariant: ordinals are dense and never change; a term has exactly one ordinal.
 * IntList is the growable int column it and FlushDictionary (document-batch.ts) keep their numbers in.
 */

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

  /** Two values at once (one capacity check). */
  push2(first: number, second: number): void {
    if (this.length + 2 > this.data.length) this.grow(this.length + 2)
    this.data[this.length] = first
    this.data[this.length + 1] = second
    this.length += 2
  }

  private grow(needed: number): void {
    const grown = new Int32Array(Math.max(this.data.length * 2, needed))
    grown.set(this.data)
    this.data = grown
  }
}

// A record's own words: ordinal + 1 (0: empty slot), hash, length, start in `chars`; the caller's payload follows.
const ORDINAL = 0
const HASH = 1
const LENGTH = 2
const START = 3
const OWN_WORDS = 4
/** The fewest ints a record keeps for its inline code units (more where rounding the record up leaves more). */
const MIN_INLINE_WORDS = 4
const INITIAL_SLOTS = 1 << 6

export class TermsHash {
  /**
   * Ints per record: the term's own four, the caller's payload and at least MIN_INLINE_WORDS of inline code units,
   * rounded up to a power of two.
   */
  readonly recordWords: number
  /** The table: per slot `recordWords` ints (see the header); replaced as it grows, so read it again after an add. */
  records: Int32Array
  /** `records` as code units, where the inline terms are. */
  private recordUnits: Uint16Array
  /** Where a record's inline code units start, in code units from the record's start, and how many fit. */
  private readonly inlineStart: number
  private readonly inlineUnits: number
  /** Slots minus one. */
  private mask = INITIAL_SLOTS - 1
  /** Per ordinal, its slot. */
  private readonly slots = new IntList(INITIAL_SLOTS)
  private chars = new Uint16Array(1 << 6)
  private charsUsed = 0

  /** `payloadWords`: the caller's ints per term. */
  constructor(payloadWords = 0) {
    let words = 1
    while (words < OWN_WORDS + payloadWords + MIN_INLINE_WORDS) words *= 2
    this.recordWords = words
    this.records = new Int32Array(INITIAL_SLOTS * words)
    this.recordUnits = new Uint16Array(this.records.buffer)
    this.inlineStart = 2 * (OWN_WORDS + payloadWords)
    this.inlineUnits = 2 * words - this.inlineStart
  }

  get size(): number {
    return this.slots.length
  }

  /** Where term `ordinal`'s payload starts in `records` (until the next add). */
  payloadAt(ordinal: number): number {
    return this.slots.data[ordinal]! * this.recordWords + OWN_WORDS
  }

  /** The ordinal of the term whose payload starts at `payload` in `records`. */
  ordinalAt(payload: number): number {
    return this.records[payload - OWN_WORDS + ORDINAL]! - 1
  }

  /**
   * Adds the term `chars[0, length)` unless it is here (a new one gets the next ordinal, its code units copied);
   * answers where its payload starts in `records` (until the next add).
   */
  add(chars: Uint16Array, length: number): number {
    let hash = 0x811c9dc5 | 0
    for (let i = 0; i < length; i++) hash = Math.imul(hash ^ chars[i]!, 0x01000193)
    const records = this.records
    const words = this.recordWords
    const mask = this.mask
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const at = slot * words
      if (records[at + ORDINAL] === 0) return this.append(slot, hash, chars, length)
      if (records[at + HASH] === hash && records[at + LENGTH] === length && this.sameChars(at, chars, length))
        return at + OWN_WORDS
    }
  }

  /** Term `ordinal`'s code units (a view, valid until the next add). */
  codeUnits(ordinal: number): Uint16Array {
    const at = this.slots.data[ordinal]! * this.recordWords
    const length = this.records[at + LENGTH]!
    if (length <= this.inlineUnits) {
      const start = 2 * at + this.inlineStart
      return this.recordUnits.subarray(start, start + length)
    }
    const start = this.records[at + START]!
    return this.chars.subarray(start, start + length)
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

  /** Writes a new term's record into the empty `slot`; answers where its payload starts (after any doubling). */
  private append(slot: number, hash: number, chars: Uint16Array, length: number): number {
    const ordinal = this.slots.length
    const at = slot * this.recordWords
    const records = this.records
    records[at + ORDINAL] = ordinal + 1
    records[at + HASH] = hash
    records[at + LENGTH] = length
    if (length <= this.inlineUnits) {
      const start = 2 * at + this.inlineStart
      for (let i = 0; i < length; i++) this.recordUnits[start + i] = chars[i]!
    } else {
      records[at + START] = this.appendChars(chars, length)
    }
    this.slots.push(slot)
    if (2 * this.slots.length > this.mask + 1) this.rehash()
    return this.payloadAt(ordinal)
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

  /**
   * Doubles the table: the records moved in slot order (a sweep of both tables: a record's slot either stays or
   * moves up by the old size), each to the first free slot from the one its hash names.
   */
  private rehash(): void {
    const words = this.recordWords
    const old = this.records
    const records = new Int32Array(old.length * 2)
    const mask = 2 * this.mask + 1
    const slots = this.slots.data
    for (let from = 0; from < old.length; from += words) {
      const ordinal = old[from + ORDINAL]! - 1
      if (ordinal < 0) continue
      let slot = old[from + HASH]! & mask
      while (records[slot * words + ORDINAL] !== 0) slot = (slot + 1) & mask
      for (let w = 0, to = slot * words; w < words; w++) records[to + w] = old[from + w]!
      slots[ordinal] = slot
    }
    this.records = records
    this.recordUnits = new Uint16Array(records.buffer)
    this.mask = mask
  }
}
