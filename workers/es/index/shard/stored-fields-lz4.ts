/**
 * LZ4 with a preset dictionary, one document at a time: how stored fields (stored-fields.ts) compress each
 * document's record (compressed by index.wasm, engine-wasm/assembly/index/stored-fields-lz4.ts; decompressed here), as Lucene 9's BEST_SPEED stored fields mode (LZ4WithPresetDictCompressionMode) compresses
 * each sub-block after a dictionary of the chunk's first bytes, so that reading one document decompresses only
 * that document: a fetch of the top 10 hits decodes 10 records of a few hundred bytes.
 *
 * Format: the LZ4 block format (sequences of a token, literal length, literals, a 2-byte little-endian offset and
 * match length; 4 bytes at least per match; the last sequence has literals only). A match's offset counts back from
 * the current output position into the dictionary followed by the output, as if the dictionary had been
 * decompressed just before the document; offsets are at most 65,535. Unlike LZ4 proper, a block may end with a
 * match reaching its last byte (nothing reads past the record).
 * Invariant: decompressing a compressed record against the same dictionary gives the record; an empty record
 * compresses to one byte.
 */

const MIN_MATCH = 4

/**
 * The parts of a sequence a byte of the LZ4 format can be, as index.wasm's compressor counts them
 * (engine-wasm/assembly/index/stored-fields-lz4.ts numbers them the same): the token
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
