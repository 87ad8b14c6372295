/**
 * ByteBufferAccessor: the Readable and Writable that Kafka's generated messages are read from and written to
 * (org.apache.kafka.common.protocol.ByteBufferAccessor), for the non-flexible versions: big-endian int16,
 * int32 and int64 (a JS number, exact up to 2^53), a string as an int16 UTF-8 byte length and the bytes (-1
 * for a null one), bytes as an int32 length and the bytes (-1 for null), an array as an int32 count (-1 for
 * null) then its elements.
 * Reading past the end throws `Error reading N byte(s): only M byte(s) available`, as Kafka's readers do.
 */
const utf8 = new TextEncoder()
const text = new TextDecoder()

export class ByteBufferWriter {
  private buffer = new Uint8Array(64)
  private view = new DataView(this.buffer.buffer)
  protected length = 0

  int16(value: number): void {
    this.ensure(2).setInt16(this.length, value)
    this.length += 2
  }

  int32(value: number): void {
    this.ensure(4).setInt32(this.length, value)
    this.length += 4
  }

  int64(value: number): void {
    this.ensure(8).setBigInt64(this.length, BigInt(value))
    this.length += 8
  }

  nullableString(value: string | null): void {
    if (value === null) return this.int16(-1)
    const bytes = utf8.encode(value)
    this.int16(bytes.length)
    this.raw(bytes)
  }

  string(value: string): void {
    this.nullableString(value)
  }

  nullableBytes(value: Uint8Array | null): void {
    if (value === null) return this.int32(-1)
    this.int32(value.length)
    this.raw(value)
  }

  /** An array: its count, then each element written by `write`. */
  array<T>(items: readonly T[], write: (item: T) => void): void {
    this.int32(items.length)
    for (const item of items) write(item)
  }

  raw(bytes: Uint8Array): void {
    this.ensure(bytes.length)
    this.buffer.set(bytes, this.length)
    this.length += bytes.length
  }

  /** A copy of the bytes written. */
  toBytes(): Uint8Array {
    return this.buffer.slice(0, this.length)
  }

  /** The view to write `extra` more bytes at `length` through, grown (doubling) when they do not fit. */
  protected ensure(extra: number): DataView {
    if (this.length + extra > this.buffer.length) {
      const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.length + extra))
      grown.set(this.buffer.subarray(0, this.length))
      this.buffer = grown
      this.view = new DataView(grown.buffer)
    }
    return this.view
  }
}

export class ByteBufferReader {
  protected readonly view: DataView
  private position = 0

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  }

  get remaining(): number {
    return this.bytes.length - this.position
  }

  int16(): number {
    return this.view.getInt16(this.advance(2))
  }

  int32(): number {
    return this.view.getInt32(this.advance(4))
  }

  int64(): number {
    return Number(this.view.getBigInt64(this.advance(8)))
  }

  nullableString(): string | null {
    const length = this.int16()
    if (length < 0) return null
    return text.decode(this.bytesOf(length))
  }

  /** A non-nullable string; a null one is an error, as the generated readers throw. */
  string(): string {
    const value = this.nullableString()
    if (value === null) throw new Error('non-nullable field was serialized as null')
    return value
  }

  nullableBytes(): Uint8Array | null {
    const length = this.int32()
    return length < 0 ? null : this.bytesOf(length).slice()
  }

  bytesField(): Uint8Array {
    const value = this.nullableBytes()
    if (value === null) throw new Error('non-nullable field was serialized as null')
    return value
  }

  /** A non-nullable array of elements read by `read`. */
  array<T>(read: () => T): T[] {
    const count = this.int32()
    if (count < 0) throw new Error('non-nullable field was serialized as null')
    const items: T[] = []
    for (let i = 0; i < count; i++) items.push(read())
    return items
  }

  /** The next `length` bytes, as a view of the read buffer. */
  bytesOf(length: number): Uint8Array {
    const at = this.advance(length)
    return this.bytes.subarray(at, at + length)
  }

  /** Moves past `length` bytes and returns where they start; throws past the end, as Kafka's readers do. */
  protected advance(length: number): number {
    if (length > this.remaining) {
      throw new RangeError(`Error reading ${length} byte(s): only ${this.remaining} byte(s) available`)
    }
    const at = this.position
    this.position += length
    return at
  }
}
