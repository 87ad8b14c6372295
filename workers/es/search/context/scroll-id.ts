/**
 * The scroll id, in the bytes TransportSearchHelper.buildScrollId writes (ES 8), as URL-safe base64 with padding
 * (java.util.Base64.getUrlEncoder):
 *   string "include_context_uuid", string type ("queryAndFetch" for one shard, else "queryThenFetch"),
 *   vint n, then n times: string session id, long (8 bytes, big-endian) context id, string node id.
 * A string is StreamOutput.writeString's: vint of its UTF-16 length, then its UTF-8 bytes. parseScrollId refuses
 * anything else (bad base64, a short read, bytes left over) as IllegalArgumentException `Cannot parse scroll id`.
 */
import { EsException, illegalArgumentException } from '../../errors/index.ts'

/** One shard's reader context: the node holding it, that node's search session, and its id there. */
export interface ReaderIdForNode {
  node: string
  sessionId: string
  id: number
}

const INCLUDE_CONTEXT_UUID = 'include_context_uuid'
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

export function buildScrollId(contexts: readonly ReaderIdForNode[]): string {
  const out: number[] = []
  writeString(out, INCLUDE_CONTEXT_UUID)
  writeString(out, contexts.length === 1 ? 'queryAndFetch' : 'queryThenFetch')
  writeVInt(out, contexts.length)
  for (const { sessionId, id, node } of contexts) {
    writeString(out, sessionId)
    for (let shift = 56; shift >= 0; shift -= 8) out.push(Math.floor(id / 2 ** shift) & 0xff)
    writeString(out, node)
  }
  return base64Url(Uint8Array.from(out))
}

export function parseScrollId(scrollId: string): ReaderIdForNode[] {
  try {
    const input = new ByteInput(fromBase64Url(scrollId))
    const first = input.string()
    const withUuid = first === INCLUDE_CONTEXT_UUID
    if (withUuid) input.string()
    const contexts: ReaderIdForNode[] = []
    for (let i = 0, n = input.vint(); i < n; i++) {
      const sessionId = withUuid ? input.string() : ''
      const id = input.long()
      contexts.push({ sessionId, id, node: input.string() })
    }
    if (!input.atEnd) throw new Error('Not all bytes were read')
    return contexts
  } catch (error) {
    if (error instanceof EsException) throw error
    throw illegalArgumentException('Cannot parse scroll id')
  }
}

function writeVInt(out: number[], value: number): void {
  let v = value >>> 0
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80)
    v >>>= 7
  }
  out.push(v)
}

function writeString(out: number[], text: string): void {
  writeVInt(out, text.length)
  out.push(...new TextEncoder().encode(text))
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
    if (digit < 0) throw new Error(`Illegal base64 character ${char}`)
    value = (value << 6) | digit
    bits += 6
    if (bits >= 8) {
      bits -= 8
      out.push((value >> bits) & 0xff)
    }
  }
  return Uint8Array.from(out)
}

class ByteInput {
  private at = 0

  constructor(private readonly bytes: Uint8Array) {}

  get atEnd(): boolean {
    return this.at === this.bytes.length
  }

  byte(): number {
    if (this.at >= this.bytes.length) throw new Error('EOF')
    return this.bytes[this.at++]!
  }

  vint(): number {
    let value = 0
    for (let shift = 0; shift < 35; shift += 7) {
      const b = this.byte()
      value += (b & 0x7f) * 2 ** shift
      if ((b & 0x80) === 0) return value
    }
    throw new Error('malformed vint')
  }

  long(): number {
    let value = 0
    for (let i = 0; i < 8; i++) value = value * 256 + this.byte()
    return value
  }

  string(): string {
    const length = this.vint()
    let text = ''
    while (text.length < length) {
      const start = this.at
      const lead = this.byte()
      const extra = lead < 0x80 ? 0 : lead < 0xe0 ? 1 : lead < 0xf0 ? 2 : 3
      for (let i = 0; i < extra; i++) this.byte()
      text += new TextDecoder().decode(this.bytes.subarray(start, this.at))
    }
    return text
  }
}
