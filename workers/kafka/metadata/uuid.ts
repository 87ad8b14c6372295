/**
 * Kafka's Uuid as the tools print it: 16 random bytes in URL-safe base64 without padding (22 chars);
 * randomUuid (net/random-uuid.ts) never returns an id that starts with '-'.
 *
 * uuidBytes is the 16 bytes a message writes for an id (most significant long first): the id's own bytes
 * when it is a Uuid's text; for an id the playground keeps in another form (a broker's incarnation id is
 * `<cluster id>-<node id>-<start time>`), FNV-1a 128 of its UTF-8 bytes, so the same id always gives the
 * same Uuid.
 */
import { base64UrlNoPadding } from '../../net/base64url.ts'

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const UUID_TEXT = /^[A-Za-z0-9_-]{21}[AQgw]$/
const FNV_128_OFFSET = 0x6c62272e07bb014262b821756295c58dn
const FNV_128_PRIME = 0x0000000001000000000000000000013bn
const MASK_128 = (1n << 128n) - 1n

export { randomUuid } from '../../net/random-uuid.ts'

/** Uuid.toString of 16 bytes. */
export function uuidText(bytes: Uint8Array): string {
  return base64UrlNoPadding(bytes)
}

/** The 16 bytes of an id: decoded from a Uuid's text, otherwise FNV-1a 128 of the id. */
export function uuidBytes(id: string): Uint8Array {
  return UUID_TEXT.test(id) ? decodeUuidText(id) : fnv1a128(new TextEncoder().encode(id))
}

function decodeUuidText(id: string): Uint8Array {
  const bytes = new Uint8Array(16)
  let bits = 0
  let value = 0
  let at = 0
  for (const char of id) {
    value = ((value << 6) | ALPHABET.indexOf(char)) & 0xffff
    bits += 6
    if (bits >= 8) {
      bits -= 8
      bytes[at++] = (value >> bits) & 0xff
    }
  }
  return bytes
}

function fnv1a128(data: Uint8Array): Uint8Array {
  let hash = FNV_128_OFFSET
  for (const byte of data) hash = ((hash ^ BigInt(byte)) * FNV_128_PRIME) & MASK_128
  const bytes = new Uint8Array(16)
  for (let i = 15; i >= 0; i--) {
    bytes[i] = Number(hash & 0xffn)
    hash >>= 8n
  }
  return bytes
}
