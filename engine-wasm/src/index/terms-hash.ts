/**
 * TermsHash: a flush's (field ordinal, term) pairs numbered 0, 1, 2, ... in the order they are first added, as
 * Lucene's BytesRefHash numbers a segment's terms while it indexes: a term comes in as UTF-16 code units in a
 * caller's buffer (an analyzer's scratch), so indexing makes no string and no object per token.
 * Layout: the terms' code units one after another in `chars`; per term three ints in `terms` (start in chars,
 * length, field ordinal); an open-addressing table (linear probing) of (hash, ordinal + 1) pairs, 0 for an empty
 * slot, a power-of-two number of slots kept at most half full.
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

// Words per term in TermsHash.terms: start in `chars`, length, field ordinal.
const TERM_WORDS = 3

export class TermsHash {
  private chars = new Uint16Array(1 << 14)
  private charsUsed = 0
  /** Slot pairs (hash, ordinal + 1; 0 when empty): a probe compares hashes without leaving the table. */
  private table = new Int32Array(2 << 12)
  private readonly terms = new IntList()

  get size(): number {
    return this.terms.length / TERM_WORDS
  }

  /** The ordinal of `field`'s term `chars[0, length)`, numbering a new one next (copying its code units). */
  add(field: number, chars: Uint16Array, length: number): number {
    let hash = Math.imul(field + 1, 0x9e3779b1)
    for (let i = 0; i < length; i++) hash = Math.imul(hash ^ chars[i]!, 0x01000193)
    const table = this.table
    const mask = (table.length >> 1) - 1
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = table[2 * slot + 1]!
      if (entry === 0) {
        const added = this.append(field, chars, length)
        table[2 * slot] = hash
        table[2 * slot + 1] = added + 1
        if (4 * this.size > table.length) this.rehash()
        return added
      }
      if (table[2 * slot] === hash && this.equals(entry - 1, field, chars, length)) return entry - 1
    }
  }

  /** The field ordinal of term `ordinal`. */
  field(ordinal: number): number {
    return this.terms.data[TERM_WORDS * ordinal + 2]!
  }

  /** Term `ordinal`'s code units (a view, valid until the next add). */
  codeUnits(ordinal: number): Uint16Array {
    const start = this.terms.data[TERM_WORDS * ordinal]!
    return this.chars.subarray(start, start + this.terms.data[TERM_WORDS * ordinal + 1]!)
  }

  private equals(ordinal: number, field: number, chars: Uint16Array, length: number): boolean {
    const terms = this.terms.data
    const at = TERM_WORDS * ordinal
    if (terms[at + 1] !== length || terms[at + 2] !== field) return false
    const start = terms[at]!
    const pool = this.chars
    for (let i = 0; i < length; i++) if (pool[start + i] !== chars[i]) return false
    return true
  }

  /** Appends a new term; answers its ordinal. */
  private append(field: number, chars: Uint16Array, length: number): number {
    if (this.charsUsed + length > this.chars.length) {
      let size = this.chars.length * 2
      while (size < this.charsUsed + length) size *= 2
      const grown = new Uint16Array(size)
      grown.set(this.chars.subarray(0, this.charsUsed))
      this.chars = grown
    }
    for (let i = 0; i < length; i++) this.chars[this.charsUsed + i] = chars[i]!
    this.terms.push(this.charsUsed)
    this.terms.push(length)
    this.terms.push(field)
    this.charsUsed += length
    return this.size - 1
  }

  /** Doubles the table, each entry moved to its slot by its kept hash. */
  private rehash(): void {
    const old = this.table
    const table = new Int32Array(old.length * 2)
    const mask = (table.length >> 1) - 1
    for (let from = 0; from < old.length; from += 2) {
      if (old[from + 1] === 0) continue
      let slot = old[from]! & mask
      while (table[2 * slot + 1] !== 0) slot = (slot + 1) & mask
      table[2 * slot] = old[from]!
      table[2 * slot + 1] = old[from + 1]!
    }
    this.table = table
  }
}
