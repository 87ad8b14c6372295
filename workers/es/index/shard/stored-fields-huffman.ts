/**
 * Huffman coding of LZ4 records (stored fields version 4, stored-fields.ts): each record's LZ4 sequences
 * (stored-fields-lz4.ts) written again (by index.wasm: engine-wasm/assembly/index/stored-fields-huffman.ts, with the
 * codes HuffmanCodes builds here) with one canonical Huffman code per kind of byte, as zstd codes its literals
 * and DEFLATE its literals and distances with codes of their own: a segment's records are mostly short matches into
 * the dictionary, whose offsets and tokens LZ4 spends whole bytes on. The codes are the segment's: built from how
 * often each symbol occurs in its records, so a record is still read alone (a fetch decodes only its hits).
 *
 * Alphabets, in this order: TOKEN (512 symbols: the LZ4 token, plus 256 on the record's last sequence, which has
 * literals only), LITERAL (256: literal bytes), EXTRA (256: the bytes continuing a literal or match length past
 * 15), OFFSET_LOW and OFFSET_HIGH (256 each: the two bytes of a match's offset). A sequence is coded as: its token,
 * the literal length's extra bytes, the literals, then (unless last) the offset's low and high bytes and the match
 * length's extra bytes.
 * Bits are written least significant first, each code from its first bit on (DEFLATE's order); a record ends on a
 * whole byte, zero bits after its last code. Code lengths are at most MAX_BITS; the lengths of all alphabets are
 * stored as 4-bit values, two per byte, low nibble first (CODES_BYTES bytes), 0 for a symbol that does not occur.
 * Invariant: decoding the coded form of an LZ4 record against the same dictionary gives what decompressing it gives.
 */
// The alphabets are numbered as the sequence parts whose bytes they code (a last token is a TOKEN symbol from LAST on).
import {
  LAST_TOKEN_PART,
  LENGTH_PART as EXTRA,
  LITERAL_PART as LITERAL,
  OFFSET_HIGH_PART as OFFSET_HIGH,
  OFFSET_LOW_PART as OFFSET_LOW,
  SEQUENCE_PARTS,
  TOKEN_PART as TOKEN,
  type RecordDecompressor,
} from './stored-fields-lz4.ts'

const MAX_BITS = 12
const WINDOW_MASK = (1 << MAX_BITS) - 1
const SIZES = [512, 256, 256, 256, 256]
const LAST = 256
const MIN_MATCH = 4
/** The bytes the code lengths of every alphabet take. */
export const CODES_BYTES = SIZES.reduce((sum, size) => sum + size, 0) / 2

/**
 * Code lengths (at most MAX_BITS) for these symbol counts: Huffman's, from a merge of the sorted leaves and the
 * merged nodes; when a length passes MAX_BITS, again with every count halved (rare symbols rounded up to 1).
 */
function codeLengths(counts: Uint32Array): Uint8Array {
  const lengths = new Uint8Array(counts.length)
  let weights = Array.from(counts)
  for (;;) {
    const leaves = weights.flatMap((weight, symbol) => (weight > 0 ? [symbol] : []))
    if (leaves.length === 1) lengths[leaves[0]!] = 1
    if (leaves.length <= 1) return lengths
    leaves.sort((a, b) => weights[a]! - weights[b]! || a - b)
    // nodes: leaves first (0 .. n), then merged nodes; parent[node] their tree
    const n = leaves.length
    const weight = leaves.map((symbol) => weights[symbol]!)
    const parent = new Int32Array(2 * n - 1)
    let leaf = 0
    let merged = n
    const smallest = (): number =>
      leaf < n && (merged >= weight.length || weight[leaf]! <= weight[merged]!) ? leaf++ : merged++
    while (weight.length < 2 * n - 1) {
      const a = smallest()
      const b = smallest()
      parent[a] = parent[b] = weight.length
      weight.push(weight[a]! + weight[b]!)
    }
    const depth = new Uint8Array(2 * n - 1)
    for (let node = 2 * n - 3; node >= 0; node--) depth[node] = depth[parent[node]!]! + 1
    let longest = 0
    for (let i = 0; i < n; i++) longest = Math.max(longest, depth[i]!)
    if (longest <= MAX_BITS) {
      for (let i = 0; i < n; i++) lengths[leaves[i]!] = depth[i]!
      return lengths
    }
    weights = weights.map((count) => (count > 0 ? Math.max(1, count >>> 1) : 0))
  }
}

/** The canonical codes of these lengths, bit-reversed (written least significant bit first). */
function canonicalCodes(lengths: Uint8Array): Uint16Array {
  const perLength = new Uint16Array(MAX_BITS + 1)
  for (const length of lengths) if (length > 0) perLength[length]!++
  const next = new Uint16Array(MAX_BITS + 2)
  for (let length = 1; length <= MAX_BITS; length++)
    next[length + 1] = (next[length]! + perLength[length]!) << 1
  const codes = new Uint16Array(lengths.length)
  lengths.forEach((length, symbol) => {
    if (length === 0) return
    let code = next[length]!++
    let reversed = 0
    for (let bit = 0; bit < length; bit++, code >>>= 1) reversed = (reversed << 1) | (code & 1)
    codes[symbol] = reversed
  })
  return codes
}

/**
 * A segment's codes, built from its LZ4 records' byte counts: as index.wasm's coder takes them
 * (engine-wasm/assembly/index/stored-fields-huffman.ts, which writes each record with them) and as stored.
 */
export class HuffmanCodes {
  private readonly lengths: Uint8Array[]
  /** At (part << 8) | byte, for a byte of that sequence part: its code << 4 | the code's length. */
  readonly partCodes = new Uint32Array(SEQUENCE_PARTS << 8)

  /** `counts`: how often each byte occurs in each part of the records' sequences (at (part << 8) | byte). */
  constructor(counts: Uint32Array) {
    this.lengths = byAlphabet(counts).map(codeLengths)
    const codes = this.lengths.map(canonicalCodes)
    for (let part = 0; part < SEQUENCE_PARTS; part++) {
      const alphabet = part === LAST_TOKEN_PART ? TOKEN : part
      const base = part === LAST_TOKEN_PART ? LAST : 0
      for (let byte = 0; byte < 256; byte++) {
        const symbol = base + byte
        this.partCodes[(part << 8) | byte] =
          (codes[alphabet]![symbol]! << 4) | this.lengths[alphabet]![symbol]!
      }
    }
  }

  /** The code lengths as stored: CODES_BYTES bytes. */
  codeLengths(): Uint8Array {
    const out = new Uint8Array(CODES_BYTES)
    let at = 0
    for (const lengths of this.lengths)
      for (let symbol = 0; symbol < lengths.length; symbol += 2, at++)
        out[at] = lengths[symbol]! | (lengths[symbol + 1]! << 4)
    return out
  }
}

/** Symbol counts by alphabet from counts by sequence part: LAST_TOKEN_PART's are TOKEN's from LAST on. */
function byAlphabet(partCounts: Uint32Array): Uint32Array[] {
  const token = new Uint32Array(SIZES[TOKEN]!)
  token.set(partCounts.subarray(0, 256))
  token.set(partCounts.subarray(LAST_TOKEN_PART << 8, (LAST_TOKEN_PART + 1) << 8), LAST)
  return [
    token,
    ...[LITERAL, EXTRA, OFFSET_LOW, OFFSET_HIGH].map((part) => partCounts.slice(part << 8, (part + 1) << 8)),
  ]
}

/** A segment's codes as decoding tables: for every MAX_BITS-bit window, the symbol it starts with and its length. */
export class HuffmanDecoder {
  private readonly tables: Uint16Array[]

  /** `codes`: the stored code lengths (CODES_BYTES bytes). Throws RangeError when they are not a prefix code. */
  constructor(codes: Uint8Array) {
    let at = 0
    this.tables = SIZES.map((size) => {
      const lengths = new Uint8Array(size)
      for (let symbol = 0; symbol < size; symbol += 2, at++) {
        lengths[symbol] = codes[at]! & 15
        lengths[symbol + 1] = codes[at]! >>> 4
      }
      let kraft = 0
      for (const length of lengths) if (length > 0) kraft += 2 ** (MAX_BITS - length)
      if (longestCode(lengths) > MAX_BITS || kraft > 2 ** MAX_BITS)
        throw new RangeError('stored fields: code lengths that are not a prefix code')
      const table = new Uint16Array(1 << MAX_BITS)
      const reversed = canonicalCodes(lengths)
      lengths.forEach((bits, symbol) => {
        if (bits === 0) return
        for (let fill = reversed[symbol]!; fill < table.length; fill += 1 << bits)
          table[fill] = (symbol << 4) | bits
      })
      return table
    })
  }

  /**
   * Decodes one coded record (`src`) against `dictionary` into `into.out`; answers its length. Throws RangeError on
   * bytes that are not such a record. One loop reads every symbol, the alphabet chosen by where the sequence is.
   */
  decode(dictionary: Uint8Array, src: Uint8Array, into: RecordDecompressor): number {
    const tables = this.tables
    const end = src.length
    let out = into.out
    let at = 0
    let bits = 0
    let count = 0
    let o = 0
    let alphabet = TOKEN
    let token = 0
    /** Literals still to read, or (reading a match) minus its offset. */
    let rest = 0
    /** The length a run of EXTRA bytes adds to. */
    let length = 0
    for (;;) {
      while (count <= 24) {
        bits |= (src[at++] ?? 0) << count
        count += 8
      }
      const entry = tables[alphabet]![bits & WINDOW_MASK]!
      const codeLength = entry & 15
      if (codeLength === 0 || (at - end) * 8 > count - codeLength)
        throw new RangeError('stored fields: a coded record ends inside a code')
      bits >>>= codeLength
      count -= codeLength
      const symbol = entry >>> 4
      if (alphabet === TOKEN) {
        token = symbol
        rest = (token >>> 4) & 15
        alphabet = rest === 15 ? EXTRA : LITERAL
        length = rest
      } else if (alphabet === EXTRA) {
        length += symbol
        if (symbol === 255) continue
        if (rest >= 0) {
          rest = length
          alphabet = LITERAL
        } else {
          o = into.copyMatch(dictionary, o, -rest, length + MIN_MATCH)
          out = into.out
          alphabet = TOKEN
        }
      } else if (alphabet === LITERAL) {
        if (o >= out.length) out = into.reserve(o, o + 1)
        out[o++] = symbol
        rest--
      } else if (alphabet === OFFSET_LOW) {
        rest = -symbol
        alphabet = OFFSET_HIGH
      } else {
        rest -= symbol << 8
        if (rest === 0) throw new RangeError('stored fields: a match before the dictionary')
        length = token & 15
        alphabet = length === 15 ? EXTRA : TOKEN
        if (length < 15) o = into.copyMatch(dictionary, o, -rest, length + MIN_MATCH)
        out = into.out
      }
      if (alphabet === LITERAL && rest === 0) {
        if (token & LAST) break
        alphabet = OFFSET_LOW
      }
    }
    if (at - Math.floor(count / 8) !== end)
      throw new RangeError('stored fields: a coded record has bytes over')
    return o
  }
}

function longestCode(lengths: Uint8Array): number {
  return lengths.reduce((longest, bits) => Math.max(longest, bits), 0)
}
