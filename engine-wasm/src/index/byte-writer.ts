/**
 * ByteWriter: builds the little-endian input buffers index.wasm reads (see engine-wasm/assembly/index/byte-reader.ts),
 * and the ES translog's binary batches (workers/es/indices/translog-codec.ts): bytes (u8), 4-byte words (u32, i32,
 * f32), 8-byte f64, raw bytes and strings (given as a string or as UTF-16 code units) as a u32 UTF-8 byte length
 * followed by the bytes.
 * Grows by doubling; `reset` empties it for reuse, keeping its buffer.
 */
const encoder = new TextEncoder()

export class ByteWriter {
  private buffer = new Uint8Array(256)
  private view = new DataView(this.buffer.buffer)
  private length = 0

  /** Empties the writer, keeping its buffer (a scratch writer reused call after call). */
  reset(): void {
    this.length = 0
  }

  u8(value: number): void {
    this.ensure(1)
    this.buffer[this.length++] = value
  }

  u32(value: number): void {
    this.ensure(4)
    this.view.setUint32(this.length, value, true)
    this.length += 4
  }

  i32(value: number): void {
    this.ensure(4)
    this.view.setInt32(this.length, value, true)
    this.length += 4
  }

  f32(value: number): void {
    this.ensure(4)
    this.view.setFloat32(this.length, value, true)
    this.length += 4
  }

  f64(value: number): void {
    this.ensure(8)
    this.view.setFloat64(this.length, value, true)
    this.length += 8
  }

  string(value: string): void {
    // UTF-8 needs at most 3 bytes per UTF-16 code unit.
    this.ensure(4 + value.length * 3)
    const { written } = encoder.encodeInto(value, this.buffer.subarray(this.length + 4))
    this.view.setUint32(this.length, written, true)
    this.length += 4 + written
  }

  /**
   * UTF-16 code units written as `string` writes the string they spell (a lone surrogate as U+FFFD, as
   * TextEncoder does): ASCII byte by byte, the rest through the encoder.
   */
  utf16(units: Uint16Array): void {
    this.ensure(4 + units.length * 3)
    const at = this.length + 4
    let ascii = 0
    for (; ascii < units.length; ascii++) {
      const unit = units[ascii]!
      if (unit >= 0x80) break
      this.buffer[at + ascii] = unit
    }
    let rest = ''
    for (let from = ascii; from < units.length; from += 4096)
      rest += String.fromCharCode(...units.subarray(from, from + 4096))
    const written =
      ascii + (rest === '' ? 0 : encoder.encodeInto(rest, this.buffer.subarray(at + ascii)).written)
    this.view.setUint32(this.length, written, true)
    this.length = at + written
  }

  /** Appends raw bytes. */
  bytes(value: Uint8Array): void {
    this.ensure(value.length)
    this.buffer.set(value, this.length)
    this.length += value.length
  }

  /** The bytes written so far (a view, valid until the next write). */
  finish(): Uint8Array {
    return this.buffer.subarray(0, this.length)
  }

  private ensure(extra: number): void {
    if (this.length + extra <= this.buffer.length) return
    let size = this.buffer.length * 2
    while (size < this.length + extra) size *= 2
    const grown = new Uint8Array(size)
    grown.set(this.buffer.subarray(0, this.length))
    this.buffer = grown
    this.view = new DataView(grown.buffer)
  }
}
