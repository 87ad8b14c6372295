/**
 * TermsHash: a flush's (field ordinal, term) pairs numbered 0, 1, 2, ... in the order they are first added, as
 * Lucene's BytesRefHash numbers a segment's terms while it indexes: a term comes in as UTF-16 code units in a
 * caller's buffer (an analyzer's scratch), so indexing makes no string and no object per token.
 * Layout: per term one record of `recordWords` ints in `records`: its hash, start in `chars`, length, then
 * `payloadWords` ints that are the caller's (zero when the term is added: FlushDictionary keeps its per-term
 * counts there), then the rest of the record as code units: a term that fits is kept there (its start
 * unused), a longer one in `chars`, the long terms' code units one after another. So a token's lookup, its
 * comparison and its counts touch one record (one or two cache lines), not three arrays; per field, as Lucene
 * keeps one hash per field (TermsHashPerField), an open-addressing table (linear probing) of ordinal + 1, 0 for an empty slot, a power-of-two number of slots
 * kept at most half full. A field's table holds only its own terms, so a field's lookups stay in a table its own
 * size (a bulk's `_id` terms, each seen once, do not spread the body's).
 * Invariant: ordinals are dense and never change; a (field, term) pair has exactly one ordinal.
 * IntList is the growable int column it and FlushDictionary (document-batch.ts) keep their numbers in.
 */

/** A growable Int32Array. */
export class IntList {
  data = new Int32Array(1024)
  length = 0

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.length * 2)
      grown.set(this.data)
      this.data = grown
    }
    this.data[this.length++] = value
  }

  /** Two values at once (one capacity check). */
  push2(first: number, second: number): void {
    if (this.length + 2 > this.data.length) {
      const grown = new Int32Array(Math.max(this.length * 2, this.length + 2))
      grown.set(this.data)
      this.data = grown
    }
    this.data[this.length] = first
    this.data[this.length + 1] = second
    this.length += 2
  }
}

// A record's own words: hash, start in `chars`, length; the caller's payload follows.
const HASH = 0
const START = 1
const LENGTH = 2
const OWN_WORDS = 3
/** The fewest ints a record keeps for its inline code units (more where rounding the record up leaves more). */
const MIN_INLINE_WORDS = 4
const INITIAL_SLOTS = 1 << 10

export class TermsHash {
  /**
   * Ints per term in `records`: the term's own three, the caller's payload and at least MIN_INLINE_WORDS of
   * inline code units, rounded up to a power of two.
   */
  readonly recordWords: number
  /** Per term `recordWords` ints (see the header); grows, so read it again after an add. */
  records: Int32Array
  /** `records` as code units, where the inline terms are. */
  private recordUnits: Uint16Array
  /** Where a record's inline code units start, in code units from the record's start, and how many fit. */
  private readonly inlineStart: number
  private readonly inlineUnits: number
  private count = 0
  private chars = new Uint16Array(1 << 10)
  private charsUsed = 0
  /** Per field ordinal: its table of ordinal + 1 (0: empty), and how many terms it holds. */
  private readonly tables: Int32Array[] = []
  private readonly fieldSizes: number[] = []

  /** `payloadWords`: the caller's ints per term. */
  constructor(payloadWords = 0) {
    let words = 1
    while (words < OWN_WORDS + payloadWords + MIN_INLINE_WORDS) words *= 2
    this.recordWords = words
    this.records = new Int32Array(1024 * words)
    this.recordUnits = new Uint16Array(this.records.buffer)
    this.inlineStart = 2 * (OWN_WORDS + payloadWords)
    this.inlineUnits = 2 * words - this.inlineStart
  }

  get size(): number {
    return this.count
  }

  /** Where term `ordinal`'s payload starts in `records`. */
  payloadAt(ordinal: number): number {
    return ordinal * this.recordWords + OWN_WORDS
  }

  /** The ordinal of `field`'s term `chars[0, length)`, numbering a new one next (copying its code units). */
  add(field: number, chars: Uint16Array, length: number): number {
    let hash = 0x811c9dc5 | 0
    for (let i = 0; i < length; i++) hash = Math.imul(hash ^ chars[i]!, 0x01000193)
    const table = this.tables[field] ?? this.newTable(field)
    const records = this.records
    const words = this.recordWords
    const mask = table.length - 1
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = table[slot]!
      if (entry === 0) {
        const added = this.append(hash, chars, length)
        table[slot] = added + 1
        if (2 * ++this.fieldSizes[field]! > table.length) this.rehash(field)
        return added
      }
      const at = (entry - 1) * words
      if (records[at + HASH] === hash && records[at + LENGTH] === length && this.sameChars(at, chars, length))
        return entry - 1
    }
  }

  /** Term `ordinal`'s code units (a view, valid until the next add). */
  codeUnits(ordinal: number): Uint16Array {
    const at = ordinal * this.recordWords
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

  private newTable(field: number): Int32Array {
    if (!Number.isInteger(field) || field < 0) throw new RangeError(`field ordinal ${field}`)
    while (this.tables.length <= field) {
      this.tables.push(new Int32Array(INITIAL_SLOTS))
      this.fieldSizes.push(0)
    }
    return this.tables[field]!
  }

  /** Appends a new term; answers its ordinal. */
  private append(hash: number, chars: Uint16Array, length: number): number {
    const words = this.recordWords
    if ((this.count + 1) * words > this.records.length) {
      const grown = new Int32Array(this.records.length * 2)
      grown.set(this.records)
      this.records = grown
      this.recordUnits = new Uint16Array(grown.buffer)
    }
    const at = this.count * words
    this.records[at + HASH] = hash
    this.records[at + LENGTH] = length
    if (length <= this.inlineUnits) {
      const start = 2 * at + this.inlineStart
      for (let i = 0; i < length; i++) this.recordUnits[start + i] = chars[i]!
    } else {
      this.records[at + START] = this.appendChars(chars, length)
    }
    return this.count++
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

  /** Doubles a field's table, each entry moved to its slot by its record's hash. */
  private rehash(field: number): void {
    const old = this.tables[field]!
    const table = new Int32Array(old.length * 2)
    const mask = table.length - 1
    for (const entry of old) {
      if (entry === 0) continue
      let slot = this.records[(entry - 1) * this.recordWords + HASH]! & mask
      while (table[slot] !== 0) slot = (slot + 1) & mask
      table[slot] = entry
    }
    this.tables[field] = table
  }
}
