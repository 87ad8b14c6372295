/**
 * Elasticsearch's Uid.encodeId: the bytes an `_id` is indexed as (IdFieldType's terms), and Lucene's
 * Term.toString(BytesRef), which prints them in query descriptions.
 *
 * - A positive decimal id (digits only) is 0xfe followed by its digits packed two per byte (high nibble first),
 *   an odd count ending in the nibble 0x0f: `1` → fe 1f.
 * - An id that is URL-safe base64 without padding (length mod 4 is not 1, the last symbol carries no stray bits)
 *   is its decoded bytes, with an 0xfd escape in front when the first decoded byte is 0xfd or more.
 * - Any other id is 0xff followed by its UTF-8 bytes.
 * Term.toString decodes the bytes as strict UTF-8 and, when they are not valid UTF-8 (which the 0xfe / 0xff / 0xfd
 * markers never are), prints BytesRef.toString: `[` + each byte in lower-case hex without padding + `]`.
 */

const UTF8 = 0xff
const NUMERIC = 0xfe
const BASE64_ESCAPE = 0xfd

const BASE64_URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/** Uid.isURLBase64WithoutPadding. */
function isUrlBase64WithoutPadding(id: string): boolean {
  const last = id[id.length - 1] ?? ''
  switch (id.length & 3) {
    case 1:
      return false
    case 2:
      if (!'AQgw'.includes(last)) return false
      break
    case 3:
      if (!'AEIMQUYcgkosw048'.includes(last)) return false
      break
  }
  return /^[0-9A-Za-z_-]*$/.test(id)
}

function encodeNumericId(id: string): Uint8Array {
  const bytes = new Uint8Array(1 + Math.ceil(id.length / 2))
  bytes[0] = NUMERIC
  for (let i = 0; i < id.length; i += 2) {
    const high = id.charCodeAt(i) - 48
    const low = i + 1 === id.length ? 0x0f : id.charCodeAt(i + 1) - 48
    bytes[1 + i / 2] = (high << 4) | low
  }
  return bytes
}

function encodeBase64Id(id: string): Uint8Array {
  const decoded: number[] = []
  let bits = 0
  let buffer = 0
  for (const c of id) {
    buffer = (buffer << 6) | BASE64_URL.indexOf(c)
    bits += 6
    if (bits >= 8) {
      bits -= 8
      decoded.push((buffer >> bits) & 0xff)
    }
  }
  if ((decoded[0] ?? 0) >= BASE64_ESCAPE) decoded.unshift(BASE64_ESCAPE)
  return Uint8Array.from(decoded)
}

/** Uid.encodeId of a non-empty id. */
export function encodeId(id: string): Uint8Array {
  if (/^[0-9]+$/.test(id)) return encodeNumericId(id)
  if (isUrlBase64WithoutPadding(id)) return encodeBase64Id(id)
  const utf8 = new TextEncoder().encode(id)
  const bytes = new Uint8Array(1 + utf8.length)
  bytes[0] = UTF8
  bytes.set(utf8, 1)
  return bytes
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/** Term.toString(BytesRef): the bytes as UTF-8 text when they are valid UTF-8, else BytesRef.toString. */
export function termBytesToString(bytes: Uint8Array): string {
  try {
    return STRICT_UTF8.decode(bytes)
  } catch {
    return `[${[...bytes].map((b) => b.toString(16)).join(' ')}]`
  }
}

/** BytesRef.compareTo: unsigned bytes, then length. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!
  return a.length - b.length
}
