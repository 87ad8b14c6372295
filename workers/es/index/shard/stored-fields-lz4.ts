/**
 * LZ4 with a preset dictionary, one document at a time: how stored fields (stored-fields.ts) compress each
 * document's record, as Lucene 9's BEST_SPEED stored fields mode (LZ4WithPresetDictCompressionMode) compresses
 * each sub-block after a dictionary of the chunk's first bytes, so that reading one document decompresses only
 * that document: a fetch of the top 10 hits decodes 10 records of a few hundred bytes.
 *
 * Format: the LZ4 block format (sequences of a token, literal length, literals, a 2-byte little-endian offset and
 * match length; 4 bytes at least per match; the last sequence has literals only). A match's offset counts back from
 * the current output position into the dictionary followed by the output, as if the dictionary had been
 * decompressed just before the document; offsets are at most 65,535. Unlike LZ4 proper, a block may end with a
 * match reaching its last byte (nothing reads past the record).
 * Invariant: decompressing compress(record) against the same dictionary gives the record; an empty record compresses to one byte.
 */

const MIN_MATCH = 4
const MAX_OFFSET = 0xffff
const HASH_BITS = 16
const DOC_HASH_BITS = 12
const HASH_MULTIPLIER = 0x9e3779b1
const MAX_INT = 0x7fffffff

/**
 * The parts of a sequence a byte of the LZ4 format can be, as Lz4DictCompressor marks and counts them: the token
 * (the last sequence's apart: it has literals only), a literal, a byte continuing a literal or match length past 15,
 * the offset's low and high bytes.
 */
export const TOKEN_PART = 0
export const LITERAL_PART = 1
export const LENGTH_PART = 2
export const OFFSET_LOW_PART = 3
export const OFFSET_HIGH_PART = 4
export const LAST_TOKEN_PART = 5
export const SEQUENCE_PARTS = 6

/** The 4 bytes at `at`, little-endian. */
function word(bytes: Uint8Array, at: number): number {
  return bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)
}

/**
 * Compresses records one by one against a dictionary (greedy matching, the last occurrence of a 4-byte sequence
 * in the dictionary and in the record so far). As it writes, it counts for the Huffman stage
 * (stored-fields-huffman.ts) how often each byte occurs in each part of a sequence (the coder finds each byte's part
 * as it reads the sequences).
 */
export class Lz4DictCompressor {
  /**
   * How often each byte value was written in each part of a sequence, over every record compressed: at
   * (part << 8) | byte (the parts: TOKEN_PART and the others).
   */
  readonly counts = new Uint32Array(SEQUENCE_PARTS << 8)
  /**
   * By hash, the last dictionary position a match can reach (at most MAX_OFFSET before its end), as its distance
   * from the dictionary's end; 0: none. Two bytes an entry, so that the table takes half the cache.
   */
  private readonly dictTable = new Uint16Array(1 << HASH_BITS)
  /**
   * By hash, the last position in a record, numbered on across records (from 1: 0 is none), so that an entry below
   * the number of the current record's first byte is one of an earlier record: none.
   */
  private readonly docTable = new Int32Array(1 << DOC_HASH_BITS)
  /** The number the next record's first byte gets. */
  private nextBase = 1
  /** The dictionary, then the record being compressed. */
  private window: Uint8Array
  /** `window`, read 4 bytes at a time (little-endian). */
  private words: DataView

  constructor(private readonly dictionary: Uint8Array) {
    this.window = new Uint8Array(dictionary.length + 1024)
    this.window.set(dictionary)
    this.words = new DataView(this.window.buffer)
    const length = dictionary.length
    for (let at = Math.max(0, length - MAX_OFFSET); at + MIN_MATCH <= length; at++)
      this.dictTable[Math.imul(word(dictionary, at), HASH_MULTIPLIER) >>> (32 - HASH_BITS)] = length - at
  }

  /** The worst-case compressed size of a record of `length` bytes. */
  static bound(length: number): number {
    return length + Math.ceil(length / 255) + 16
  }

  /** Compresses `record` into `out` at `outAt` (room for bound(record.length) bytes); answers the bytes written. */
  compress(record: Uint8Array, out: Uint8Array, outAt: number): number {
    const start = this.dictionary.length
    if (start + record.length > this.window.length) {
      const grown = new Uint8Array(Math.max(2 * this.window.length, start + record.length))
      grown.set(this.dictionary)
      this.window = grown
      this.words = new DataView(grown.buffer)
    }
    const { window, words, dictTable, docTable } = this
    window.set(record, start)
    const end = start + record.length
    // the last position a match can start at (it needs MIN_MATCH bytes)
    const last = end - MIN_MATCH
    if (this.nextBase > MAX_INT - record.length) {
      docTable.fill(0)
      this.nextBase = 1
    }
    const base = this.nextBase
    this.nextBase += record.length + 1
    // a position's number is `at + numbering`
    const numbering = base - start
    let o = outAt
    let anchor = start
    let at = start
    // the 4 bytes at `at`, hashed once for both tables (a table's hash is the product's top bits)
    let current = at <= last ? words.getInt32(at, true) : 0
    while (at <= last) {
      const mixed = Math.imul(current, HASH_MULTIPLIER)
      const back = dictTable[mixed >>> (32 - HASH_BITS)]!
      const h = mixed >>> (32 - DOC_HASH_BITS)
      const numbered = docTable[h]!
      const inDoc = numbered >= base ? numbered - numbering : -1
      docTable[h] = at + numbering
      // A candidate counts when it is within reach and its first 4 bytes are the current ones.
      const inDict = start - back
      const fromDict =
        back !== 0 && at - inDict <= MAX_OFFSET && words.getInt32(inDict, true) === current
          ? this.matchLength(inDict, at, end)
          : 0
      const fromDoc =
        inDoc >= 0 && at - inDoc <= MAX_OFFSET && words.getInt32(inDoc, true) === current
          ? this.matchLength(inDoc, at, end)
          : 0
      if (fromDict === 0 && fromDoc === 0) {
        at++
        if (at <= last) current = (current >>> 8) | (window[at + 3]! << 24)
        continue
      }
      const from = fromDoc >= fromDict ? inDoc : inDict
      const length = Math.max(fromDict, fromDoc)
      o = this.sequence(out, o, anchor, at - anchor, at - from, length)
      at += length
      anchor = at
      if (at <= last) current = words.getInt32(at, true)
    }
    return this.sequence(out, o, anchor, end - anchor, 0, 0) - outAt
  }

  /** How many bytes from `from` repeat those at `at`, up to `end`, given that the first MIN_MATCH do. */
  private matchLength(from: number, at: number, end: number): number {
    const { window, words } = this
    let length = MIN_MATCH
    for (; at + length + 4 <= end; length += 4) {
      // The first 4 bytes that differ: the equal ones before it are the difference's trailing zero bytes.
      const difference = words.getInt32(from + length, true) ^ words.getInt32(at + length, true)
      if (difference !== 0) return length + ((31 - Math.clz32(difference & -difference)) >>> 3)
    }
    while (at + length < end && window[from + length] === window[at + length]) length++
    return length
  }

  /** Writes one sequence: `literals` bytes from `anchor`, then (when matchLength > 0) the match. */
  private sequence(
    out: Uint8Array,
    at: number,
    anchor: number,
    literals: number,
    offset: number,
    matchLength: number,
  ): number {
    const extra = matchLength - MIN_MATCH
    this.put(
      out,
      at++,
      matchLength > 0 ? TOKEN_PART : LAST_TOKEN_PART,
      (Math.min(literals, 15) << 4) | (matchLength > 0 ? Math.min(extra, 15) : 0),
    )
    if (literals >= 15) at = this.writeLength(out, at, literals - 15)
    const { window, counts } = this
    for (let i = anchor, stop = anchor + literals; i < stop; i++, at++) {
      const byte = window[i]!
      out[at] = byte
      counts[(LITERAL_PART << 8) | byte]!++
    }
    if (matchLength === 0) return at
    this.put(out, at++, OFFSET_LOW_PART, offset & 0xff)
    this.put(out, at++, OFFSET_HIGH_PART, offset >>> 8)
    return extra >= 15 ? this.writeLength(out, at, extra - 15) : at
  }

  /** Writes `byte` at `at` as the given part of a sequence. */
  private put(out: Uint8Array, at: number, part: number, byte: number): void {
    out[at] = byte
    this.counts[(part << 8) | byte]!++
  }

  /** Writes the bytes continuing a length past 15 (255 while 255 or more is left, then the rest). */
  private writeLength(out: Uint8Array, at: number, length: number): number {
    let rest = length
    for (; rest >= 255; rest -= 255) this.put(out, at++, LENGTH_PART, 255)
    this.put(out, at++, LENGTH_PART, rest)
    return at
  }
}

/** Decompresses records one at a time into one output buffer, grown as needed. */
export class RecordDecompressor {
  /** The last record decompressed, from 0 to the length decompress answered. */
  out: Uint8Array = new Uint8Array(1 << 12)

  /**
   * Decompresses one record (`src`) compressed against `dictionary` into `out`; answers its length. Throws
   * RangeError on bytes that are not such a record.
   */
  decompress(dictionary: Uint8Array, src: Uint8Array): number {
    const end = src.length
    let out = this.out
    let o = 0
    let at = 0
    while (at < end) {
      const token = src[at++]!
      let literals = token >>> 4
      if (literals === 15) {
        let next: number
        do literals += next = src[at++] ?? -1
        while (next === 255)
        if (next < 0) throw new RangeError('stored fields: a record ends inside a length')
      }
      if (at + literals > end) throw new RangeError('stored fields: a record ends inside its literals')
      if (o + literals > out.length) out = this.reserve(o, o + literals)
      for (const stop = at + literals; at < stop;) out[o++] = src[at++]!
      if (at === end) break
      if (at + 2 > end) throw new RangeError('stored fields: a record ends inside an offset')
      const offset = src[at]! | (src[at + 1]! << 8)
      at += 2
      let length = token & 15
      if (length === 15) {
        let next: number
        do length += next = src[at++] ?? -1
        while (next === 255)
        if (next < 0) throw new RangeError('stored fields: a record ends inside a length')
      }
      o = this.copyMatch(dictionary, o, offset, length + MIN_MATCH)
      out = this.out
    }
    return o
  }

  /**
   * Appends a match of `length` bytes at output position `o`, `offset` back into the dictionary followed by the
   * output; answers the position after it. Throws RangeError when the offset reaches before the dictionary.
   */
  copyMatch(dictionary: Uint8Array, o: number, offset: number, length: number): number {
    const dictLength = dictionary.length
    if (offset === 0 || offset > o + dictLength)
      throw new RangeError('stored fields: a match before the dictionary')
    const out = o + length > this.out.length ? this.reserve(o, o + length) : this.out
    let at = o
    let from = o - offset
    let rest = length
    for (; from < 0 && rest > 0; rest--) out[at++] = dictionary[dictLength + from++]!
    for (; rest > 0; rest--) out[at++] = out[from++]!
    return at
  }

  /** Room for `needed` bytes of output, the first `length` kept; answers the (maybe new) output buffer. */
  reserve(length: number, needed: number): Uint8Array {
    const grown = new Uint8Array(Math.max(2 * this.out.length, needed))
    grown.set(this.out.subarray(0, length))
    this.out = grown
    return grown
  }
}
