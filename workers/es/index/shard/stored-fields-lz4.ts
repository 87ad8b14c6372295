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

function hash(bytes: Uint8Array, at: number, bits: number): number {
  const word = bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)
  return Math.imul(word, 0x9e3779b1) >>> (32 - bits)
}

/**
 * Compresses records one by one against a dictionary (greedy matching, the last occurrence of a 4-byte sequence
 * in the dictionary and in the record so far).
 */
export class Lz4DictCompressor {
  private readonly dictTable = new Int32Array(1 << HASH_BITS).fill(-1)
  /** Positions in the record being compressed, valid where docStamp holds its stamp. */
  private readonly docTable = new Int32Array(1 << DOC_HASH_BITS)
  private readonly docStamp = new Int32Array(1 << DOC_HASH_BITS)
  private stamp = 0
  /** The dictionary, then the record being compressed. */
  private window: Uint8Array

  constructor(private readonly dictionary: Uint8Array) {
    this.window = new Uint8Array(dictionary.length + 1024)
    this.window.set(dictionary)
    for (let at = 0; at + MIN_MATCH <= dictionary.length; at++)
      this.dictTable[hash(dictionary, at, HASH_BITS)] = at
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
    }
    const window = this.window
    window.set(record, start)
    const end = start + record.length
    const stamp = ++this.stamp
    let o = outAt
    let anchor = start
    let at = start
    while (at + MIN_MATCH <= end) {
      const inDict = this.dictTable[hash(window, at, HASH_BITS)]!
      const h = hash(window, at, DOC_HASH_BITS)
      const inDoc = this.docStamp[h] === stamp ? this.docTable[h]! : -1
      this.docTable[h] = at
      this.docStamp[h] = stamp
      const fromDict = this.matchLength(inDict, at, end)
      const fromDoc = this.matchLength(inDoc, at, end)
      const length = Math.max(fromDict, fromDoc)
      if (length < MIN_MATCH) {
        at++
        continue
      }
      const from = fromDoc >= fromDict ? inDoc : inDict
      o = this.sequence(out, o, anchor, at - anchor, at - from, length)
      at += length
      anchor = at
    }
    return this.sequence(out, o, anchor, end - anchor, 0, 0) - outAt
  }

  private matchLength(from: number, at: number, end: number): number {
    if (from < 0 || at - from > MAX_OFFSET) return 0
    const window = this.window
    let length = 0
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
    const token = at++
    out[token] = (Math.min(literals, 15) << 4) | (matchLength > 0 ? Math.min(extra, 15) : 0)
    if (literals >= 15) at = writeLength(out, at, literals - 15)
    const window = this.window
    for (let i = 0; i < literals; i++) out[at++] = window[anchor + i]!
    if (matchLength === 0) return at
    out[at++] = offset & 0xff
    out[at++] = offset >>> 8
    return extra >= 15 ? writeLength(out, at, extra - 15) : at
  }
}

function writeLength(out: Uint8Array, at: number, length: number): number {
  let rest = length
  while (rest >= 255) {
    out[at++] = 255
    rest -= 255
  }
  out[at++] = rest
  return at
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
