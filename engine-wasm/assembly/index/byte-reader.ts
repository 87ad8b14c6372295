// ByteReader: a cursor over a little-endian input buffer the TypeScript wrapper wrote into linear memory.
// Strings are a u32 byte length followed by that many UTF-8 bytes; no alignment or padding except where a format
// says (align: a document batch's tokens, segment.ts). A vInt is an unsigned LEB128 varint (segment images:
// segment-codec.ts).

export class ByteReader {
  constructor(private pos: usize) {}

  /** Where the next read starts: a caller that reads a part again (a bool's second pass) comes back with seek. */
  get position(): usize {
    return this.pos
  }

  seek(position: usize): void {
    this.pos = position
  }

  u32(): u32 {
    const value = load<u32>(this.pos)
    this.pos += 4
    return value
  }

  i32(): i32 {
    const value = load<i32>(this.pos)
    this.pos += 4
    return value
  }

  i64(): i64 {
    const value = load<i64>(this.pos)
    this.pos += 8
    return value
  }

  /** An unsigned LEB128 varint of at most 32 bits (Lucene's vInt: 7 bits per byte, low bits first). */
  @inline vint(): u32 {
    const first = <u32>load<u8>(this.pos++)
    return first < 0x80 ? first : this.vintTail(first)
  }

  /** The rest of a varint whose first byte (`first`, continuation bit set) was read. */
  private vintTail(first: u32): u32 {
    let value = first & 0x7f
    let shift: u32 = 7
    let byte: u32
    do {
      byte = load<u8>(this.pos++)
      value |= (byte & 0x7f) << shift
      shift += 7
    } while (byte & 0x80)
    return value
  }

  /** Skips `length` bytes; answers where they start (bytes read in place, e.g. by memory.copy). */
  skip(length: usize): usize {
    const at = this.pos
    this.pos += length
    return at
  }

  /** Skips the zero to three bytes up to the next address that is a multiple of 4. */
  align4(): void {
    this.pos = (this.pos + 3) & ~(<usize>3)
  }

  /** `count` i32 read into a new array of exactly that size. */
  words(count: i32): StaticArray<i32> {
    const array = new StaticArray<i32>(count)
    memory.copy(changetype<usize>(array), this.skip((<usize>count) << 2), (<usize>count) << 2)
    return array
  }

  f32(): f32 {
    const value = load<f32>(this.pos)
    this.pos += 4
    return value
  }

  f64(): f64 {
    const value = load<f64>(this.pos)
    this.pos += 8
    return value
  }

  string(): string {
    const length = <usize>this.u32()
    const value = String.UTF8.decodeUnsafe(this.pos, length)
    this.pos += length
    return value
  }
}
