/**
 * Kafka's Uuid as the tools print it: 16 random bytes in URL-safe base64 without padding (22 chars).
 * Like Uuid.randomUuid, it never returns an id that starts with '-' (Kafka re-draws those, since such an
 * id would read as a command-line flag).
 */
import type { Random } from '../../net/random.ts'
import { base64UrlNoPadding } from '../../net/base64url.ts'

export function randomUuid(random: Random): string {
  for (;;) {
    const id = base64UrlNoPadding(random.bytes(16))
    if (!id.startsWith('-')) return id
  }
}
