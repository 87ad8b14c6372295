// SmallFloat: Lucene's one-byte encoding of a field length (util/SmallFloat.intToByte4 / byte4ToInt).
// Lengths 0..23 are stored exactly; larger lengths keep 4 significant bits (a float with a 3-bit mantissa and an
// implicit leading one), so decoding rounds down: byte4ToInt(intToByte4(i)) <= i, and both are monotonic.
// LENGTH_TABLE[b] = byte4ToInt(b) as float32, the table BM25Similarity reads norms through.

function longToInt4(i: i64): i32 {
  const numBits = 64 - <i32>clz(i)
  if (numBits < 4) return <i32>i
  const shift = numBits - 4
  return ((<i32>(i >>> shift)) & 0x07) | ((shift + 1) << 3)
}

function int4ToLong(i: i32): i64 {
  const bits = <i64>(i & 0x07)
  const shift = (i >>> 3) - 1
  return shift == -1 ? bits : (bits | 0x08) << shift
}

/** 255 - longToInt4(Integer.MAX_VALUE) = 24: the byte values that encode a length exactly. */
const NUM_FREE_VALUES: i32 = 255 - longToInt4(<i64>i32.MAX_VALUE)

export function intToByte4(i: i32): u8 {
  if (i < NUM_FREE_VALUES) return <u8>i
  return <u8>(NUM_FREE_VALUES + longToInt4(<i64>(i - NUM_FREE_VALUES)))
}

export function byte4ToInt(b: u8): i32 {
  const i = <i32>b
  if (i < NUM_FREE_VALUES) return i
  return <i32>(<i64>NUM_FREE_VALUES + int4ToLong(i - NUM_FREE_VALUES))
}

function buildLengthTable(): StaticArray<f32> {
  const table = new StaticArray<f32>(256)
  for (let i = 0; i < 256; i++) table[i] = <f32>byte4ToInt(<u8>i)
  return table
}

export const LENGTH_TABLE: StaticArray<f32> = buildLengthTable()
