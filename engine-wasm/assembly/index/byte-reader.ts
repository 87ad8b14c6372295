// ByteReader: a cursor over a little-endian input buffer the TypeScript wrapper wrote into linear memory.
// Strings are a u32 byte length followed by that many UTF-8 bytes; no alignment or padding anywhere.

export class ByteReader {
  constructor(private pos: usize) {}

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
