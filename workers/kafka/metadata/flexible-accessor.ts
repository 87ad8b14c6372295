/**
 * The Writable and Readable of Kafka's generated messages at flexible versions
 * (org.apache.kafka.common.protocol.ByteBufferAccessor with the compact encodings): big-endian int8, int16,
 * uint16, int32 and int64 (a JS number, exact up to 2^53), float64 (8 bytes IEEE 754), a boolean as one byte
 * (0 false, anything else true), an unsigned varint (base-128, low group first), raw bytes (a uuid is its 16 bytes, most
 * significant long first: uuid.ts), and the compact forms: a string as unsigned varint (UTF-8 length + 1, 0 for null) and the bytes,
 * an array length as unsigned varint (count + 1, 0 for null).
 * Reading past the end throws `Error reading N byte(s): only M byte(s) available`, as Kafka's readers do.
 */
import { ByteBufferReader, ByteBufferWriter } from '../../protocol/byte-buffer-accessor.ts'

const utf8 = new TextEncoder()
const text = new TextDecoder()

/** The non-flexible writer's fixed-width fields and growth, with the flexible encodings added. */
export class FlexibleWriter extends ByteBufferWriter {
  int8(value: number): void {
    this.ensure(1).setInt8(this.length, value)
    this.length += 1
  }

  uint16(value: number): void {
    this.ensure(2).setUint16(this.length, value)
    this.length += 2
  }

  bool(value: boolean): void {
    this.int8(value ? 1 : 0)
  }

  float64(value: number): void {
    this.ensure(8).setFloat64(this.length, value)
    this.length += 8
  }

  unsignedVarint(value: number): void {
    let rest = value >>> 0
    while (rest >= 0x80) {
      this.int8((rest & 0x7f) | 0x80)
      rest >>>= 7
    }
    this.int8(rest)
  }

  /** A compact nullable string. */
  compactString(value: string | null): void {
    if (value === null) return this.unsignedVarint(0)
    const bytes = utf8.encode(value)
    this.unsignedVarint(bytes.length + 1)
    this.raw(bytes)
  }

  /** A compact array's length: the count + 1, 0 for a null array. */
  compactLength(count: number | null): void {
    this.unsignedVarint(count === null ? 0 : count + 1)
  }
}

/** The non-flexible reader's fixed-width fields, strings and bounds, with the flexible encodings added. */
export class FlexibleReader extends ByteBufferReader {
  int8(): number {
    return this.view.getInt8(this.advance(1))
  }

  uint16(): number {
    return this.view.getUint16(this.advance(2))
  }

  bool(): boolean {
    return this.int8() !== 0
  }

  float64(): number {
    return this.view.getFloat64(this.advance(8))
  }

  /** ByteUtils.readUnsignedVarint: at most 5 bytes. */
  unsignedVarint(): number {
    let value = 0
    for (let shift = 0; shift <= 28; shift += 7) {
      const byte = this.view.getUint8(this.advance(1))
      value |= (byte & 0x7f) << shift
      if ((byte & 0x80) === 0) return value >>> 0
    }
    throw new Error('Varint is too long, the most significant bit in the 5th byte is set')
  }

  compactString(): string | null {
    const length = this.unsignedVarint() - 1
    return length < 0 ? null : text.decode(this.bytesOf(length))
  }

  /** A compact array's count, null for a null array. */
  compactLength(): number | null {
    const length = this.unsignedVarint() - 1
    return length < 0 ? null : length
  }
}
