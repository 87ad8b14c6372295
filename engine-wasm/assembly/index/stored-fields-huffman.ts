// The coding side of the stored fields' Huffman stage (the format, the codes' construction and the decoder:
// workers/es/index/shard/stored-fields-huffman.ts): each LZ4 record's bytes written again with the code of the part
// of its sequence each byte is, read from the record as the decompressor reads it: a sequence is its token, its
// literal length's extra bytes, its literals, then, unless its literals end the record (the last sequence), its
// offset's two bytes and its match length's extra bytes.
// Codes come as SEQUENCE_PARTS << 8 u32 values, at (part << 8) | byte: the code, least significant bit first,
// shifted left 4, or its length (at most 12 bits). Bits leave least significant first, two whole bytes at a time
// (under 16 bits wait, and a code adds at most 12: under 32 in all); a record ends on a whole byte, zero bits after
// its last code.
// Invariant: a coded record takes at most ceil(12 * its LZ4 bytes / 8) + 1 bytes, and bytes up to that bound after
// it may be written (the two bytes are always stored; the position moves past them only once they are whole).

const TOKEN_PART: u32 = 0
const LITERAL_PART: u32 = 1
const EXTRA_PART: u32 = 2
const OFFSET_LOW_PART: u32 = 3
const OFFSET_HIGH_PART: u32 = 4
const LAST_TOKEN_PART: u32 = 5

/**
 * Codes `count` LZ4 records lying one after another at `lz4`, record i ending `ends[i]` bytes after it (i32,
 * ascending; an empty record stays empty), with the codes at `codes`, into `out` (room for the sum of each record's
 * bound); rewrites ends[i] to the coded record's end, counted from `out`; answers the bytes written.
 */
export function storedFieldsHuffman(codes: usize, lz4: usize, ends: usize, count: i32, out: usize): i32 {
  let o = out
  let from: usize = lz4
  for (let i = 0; i < count; i++) {
    const slot = ends + 4 * <usize>i
    const end = lz4 + <usize>load<i32>(slot)
    if (end > from) o = encodeRecord(codes, from, end, o)
    store<i32>(slot, <i32>(o - out))
    from = end
  }
  return <i32>(o - out)
}

/** The bit writer's state: where the next two bytes go, the bits waiting (least significant first), how many. */
let o: usize = 0
let bits: u32 = 0
let count: u32 = 0

/** Writes a code (`code << 4 | its length`): two bytes stored, the position moved past them once they are whole. */
function put(code: u32): void {
  bits |= (code >> 4) << count
  count += code & 15
  store<u16>(o, <u16>bits)
  const whole = count >> 4
  o += whole << 1
  bits >>= whole << 4
  count &= 15
}

/** The code of `byte` as the given part of a sequence. */
function codeOf(codes: usize, part: u32, byte: u32): u32 {
  return load<u32>(codes + 4 * <usize>((part << 8) | byte))
}

/** Codes the LZ4 record [from, to) at `out`; answers the position after it. */
function encodeRecord(codes: usize, from: usize, to: usize, out: usize): usize {
  o = out
  bits = 0
  count = 0
  // The sequence's parts are read in turn, each in a loop of its own.
  for (let at = from; at < to;) {
    const token = <u32>load<u8>(at)
    let i = at + 1
    let literals = <usize>(token >> 4)
    if (literals == 15) {
      let extra: u32
      do literals += extra = load<u8>(i++)
      while (extra == 255)
    }
    const literalsEnd = i + literals
    const last = literalsEnd >= to
    put(codeOf(codes, last ? LAST_TOKEN_PART : TOKEN_PART, token))
    for (let e = at + 1; e < i; e++) put(codeOf(codes, EXTRA_PART, load<u8>(e)))
    for (; i < literalsEnd; i++) put(codeOf(codes, LITERAL_PART, load<u8>(i)))
    if (last) break
    put(codeOf(codes, OFFSET_LOW_PART, load<u8>(i++)))
    put(codeOf(codes, OFFSET_HIGH_PART, load<u8>(i++)))
    if ((token & 15) == 15) {
      let extra: u32
      do put(codeOf(codes, EXTRA_PART, (extra = load<u8>(i++))))
      while (extra == 255)
    }
    at = i
  }
  // the last bits, zeros after them up to a whole byte
  for (; count > 0; count = count > 8 ? count - 8 : 0, bits >>= 8) store<u8>(o++, bits)
  return o
}
