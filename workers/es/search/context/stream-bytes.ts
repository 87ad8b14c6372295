/**
 * The bytes of ES's StreamOutput / StreamInput that search context ids are written in, and the URL-safe base64
 * (java.util.Base64.getUrlEncoder, with `=` padding; the decoder takes it with or without) they travel as:
 * - vint: 7 bits a byte, low first, the high bit set on every byte but the last;
 * - long: 8 bytes big-endian (ids here stay below 2^53);
 * - string: vint of its UTF-16 length, then its UTF-8 bytes (writeString);
 * - optional string / writeable: a boolean byte (1 present, 0 absent) before the value;
 * - byte array: vint length, then the bytes; float: the 4 big-endian bytes of Float.floatToIntBits.
 * StreamInput throws a plain Error on a short read or a malformed value: the callers turn it into ES's error.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

export class StreamOutput {
  private readonly out: number[] = []

  writeByte(value: number): this {
    this.out.push(value & 0xff)
    return this
  }

  writeBoolean(value: boolean): this {
    return this.writeByte(value ? 1 : 0)
  }

  writeVInt(value: number): this {
    let v = value >>> 0
    while (v >= 0x80) {
      this.out.push((v & 0x7f) | 0x80)
      v >>>= 7
    }
    this.out.push(v)
    return this
  }

  writeLong(value: number): this {
    for (let shift = 56; shift >= 0; shift -= 8) this.out.push(Math.floor(value / 2 ** shift) & 0xff)
    return this
  }

  writeFloat(value: number): this {
    const view = new DataView(new ArrayBuffer(4))
    view.setFloat32(0, value)
    for (let i = 0; i < 4; i++) this.out.push(view.getUint8(i))
    return this
  }

  writeByteArray(bytes: Uint8Array): this {
    this.writeVInt(bytes.length)
    this.out.push(...bytes)
    return this
  }

  writeString(text: string): this {
    this.writeVInt(text.length)
    this.out.push(...new TextEncoder().encode(text))
    return this
  }

  writeOptionalString(text: string | null): this {
    this.writeBoolean(text !== null)
    return text === null ? this : this.writeString(text)
  }

  bytes(): Uint8Array {
    return Uint8Array.from(this.out)
  }
}

export class StreamInput {
  private at = 0

  constructor(private readonly bytes: Uint8Array) {}

  get atEnd(): boolean {
    return this.at === this.bytes.length
  }

  /** The bytes left to read. */
  get remaining(): number {
    return this.bytes.length - this.at
  }

  readByte(): number {
    if (this.at >= this.bytes.length) throw new Error('EOF')
    return this.bytes[this.at++]!
  }

  readBoolean(): boolean {
    const b = this.readByte()
    if (b > 1) throw new Error(`unexpected byte [${b}]`)
    return b === 1
  }

  readVInt(): number {
    let value = 0
    for (let shift = 0; shift < 35; shift += 7) {
      const b = this.readByte()
      value += (b & 0x7f) * 2 ** shift
      if ((b & 0x80) === 0) return value
    }
    throw new Error('malformed vint')
  }

  readLong(): number {
    let value = 0
    for (let i = 0; i < 8; i++) value = value * 256 + this.readByte()
    return value
  }

  readFloat(): number {
    const view = new DataView(new ArrayBuffer(4))
    for (let i = 0; i < 4; i++) view.setUint8(i, this.readByte())
    return view.getFloat32(0)
  }

  readByteArray(): Uint8Array {
    const length = this.readVInt()
    if (this.at + length > this.bytes.length) throw new Error('EOF')
    this.at += length
    return this.bytes.slice(this.at - length, this.at)
  }

  readString(): string {
    return this.readChars(this.readVInt())
  }

  /** The UTF-8 bytes of `length` UTF-16 chars (a string after its length). */
  readChars(length: number): string {
    let text = ''
    while (text.length < length) {
      const start = this.at
      const lead = this.readByte()
      const extra = lead < 0x80 ? 0 : lead < 0xe0 ? 1 : lead < 0xf0 ? 2 : 3
      for (let i = 0; i < extra; i++) this.readByte()
      text += new TextDecoder().decode(this.bytes.subarray(start, this.at))
    }
    return text
  }

  readOptionalString(): string | null {
    return this.readBoolean() ? this.readString() : null
  }
}

/** URL-safe base64 with `=` padding. */
export function base64Url(bytes: Uint8Array): string {
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0)
    const chars = Math.ceil((Math.min(3, bytes.length - i) * 8) / 6)
    for (let c = 0; c < 4; c++) out += c < chars ? ALPHABET[(n >> (18 - 6 * c)) & 63] : '='
  }
  return out
}

/** Base64.getUrlDecoder: the URL-safe alphabet, padding optional. */
export function fromBase64Url(text: string): Uint8Array {
  const body = text.replace(/={1,2}$/, '')
  if (body.length % 4 === 1) throw new Error('Last unit does not have enough valid bits')
  const out: number[] = []
  let bits = 0
  let value = 0
  for (const char of body) {
    const digit = ALPHABET.indexOf(char)
    if (digit < 0) throw new Error(`Illegal base64 character ${char.charCodeAt(0).toString(16)}`)
    value = (value << 6) | digit
    bits += 6
    if (bits >= 8) {
      bits -= 8
      out.push((value >> bits) & 0xff)
    }
  }
  return Uint8Array.from(out)
}
