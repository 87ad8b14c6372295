/**
 * ByteWriter: builds the little-endian input buffers index.wasm reads (see engine-wasm/assembly/index/byte-reader.ts),
 * and the ES translog's binary batches (workers/es/indices/translog-codec.ts): bytes (u8), 4-byte words (u32, i32,
 * f32), 8-byte f64, raw bytes and strings (given as a string or as UTF-16 code units) as a u32 UTF-8 byte length
 * followed by the bytes.
 * Grows by doubling (from a capacity the caller may give); `reset` empties it for reuse, keeping its buffer.
 */
const encoder = new TextEncoder()

export class ByteWriter {
  private buffer: Uint8Array
  private view: DataView
  private length = 0

  /** `capacity`: the bytes it has room for before it first grows (at least one, so that doubling grows it). */
  constructor(capacity = 256) {
    this.buffer = new Uint8Array(Math.max(1, capacity))
    this.view = new DataView(this.buffer.buffer)
  }

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

  i64(value: bigint): void {
    this.ensure(8)
    this.view.setBigInt64(this.length, value, true)
    this.length += 8
  }

  f64(value: number): void {
    this.ensure(8)
    this.view.setFloat64(this.length, value, true)
    this.length += 8
  }

  string(value: string): void {
    // Room for one byte a code unit (ASCII) first, and for the worst case of the rest (3 bytes a code unit) only
    // when that did not fit, so a writer sized for ASCII text is not regrown for headroom it never uses.
    this.ensure(4 + value.length)
    const start = this.length
    const { read, written } = encoder.encodeInto(value, this.buffer.subarray(start + 4))
    let bytes = written
    if (read < value.length) {
      // encodeInto stops before a code point that does not fit, never inside a surrogate pair; the bytes written
      // so far are kept through the regrowth.
      const rest = value.slice(read)
      this.length = start + 4 + bytes
      this.ensure(3 * rest.length)
      bytes += encoder.encodeInto(rest, this.buffer.subarray(this.length)).written
    }
    this.view.setUint32(start, bytes, true)
    this.length = start + 4 + bytes
  }

  /**
   * UTF-16 code units (`units[start, start + length)`, the whole array by default) written as `string` writes the
   * string they spell (a lone surrogate as U+FFFD, as TextEncoder does): ASCII byte by byte, the rest through the
   * encoder.
   */
  utf16(units: Uint16Array, start = 0, length = units.length - start): void {
    this.ensure(4 + length * 3)
    const at = this.length + 4
    const end = start + length
    let ascii = 0
    for (; ascii < length; ascii++) {
      const unit = units[start + ascii]!
      if (unit >= 0x80) break
      this.buffer[at + ascii] = unit
    }
    let rest = ''
    for (let from = start + ascii; from < end; from += 4096)
      rest += String.fromCharCode(...units.subarray(from, Math.min(from + 4096, end)))
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
