/**
 * Elasticsearch's random ids (UUIDs.randomBase64UUID): 16 random bytes with the version-4 and variant
 * bits set, in URL-safe base64 without padding: 22 characters, as index uuids and cluster uuids look.
 * Auto-generated document ids use the 20-character time-based form (TimeBasedUUIDGenerator).
 */
import type { Random } from '../../net/random.ts'
import { base64UrlNoPadding } from '../../net/base64url.ts'

export function randomBase64Id(random: Random): string {
  const bytes = random.bytes(16)
  bytes[6] = (bytes[6]! & 0x0f) | 0x40
  bytes[8] = (bytes[8]! & 0x3f) | 0x80
  return base64UrlNoPadding(bytes)
}

/**
 * A time-based id: 6 bytes of milliseconds, 3 bytes of sequence and 6 bytes of node identity, laid out
 * in TimeBasedUUIDGenerator's order (sequence low byte first, then the timestamp high bytes...), 15
 * bytes → 20 characters.
 */
export function timeBasedId(timestamp: number, sequence: number, node: Uint8Array): string {
  const bytes = new Uint8Array(15)
  let i = 0
  bytes[i++] = sequence & 0xff
  bytes[i++] = (sequence >>> 16) & 0xff
  bytes[i++] = Math.floor(timestamp / 2 ** 40) & 0xff
  bytes[i++] = Math.floor(timestamp / 2 ** 32) & 0xff
  bytes[i++] = (timestamp >>> 24) & 0xff
  bytes[i++] = (timestamp >>> 16) & 0xff
  bytes[i++] = (timestamp >>> 8) & 0xff
  for (let j = 0; j < 6; j++) bytes[i++] = node[j] ?? 0
  bytes[i++] = timestamp & 0xff
  bytes[i++] = (sequence >>> 8) & 0xff
  return base64UrlNoPadding(bytes)
}
