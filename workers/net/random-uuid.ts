/**
 * Uuid.randomUuid as Kafka's Uuid prints it: 16 random bytes in URL-safe base64 without padding (22 chars),
 * never starting with '-' (Kafka re-draws those, since such an id would read as a command-line flag).
 * Shared by the brokers (topic and directory ids) and the clients (a consumer's member id).
 */
import type { Random } from './random.ts'
import { base64UrlNoPadding } from './base64url.ts'

export function randomUuid(random: Random): string {
  for (;;) {
    const id = base64UrlNoPadding(random.bytes(16))
    if (!id.startsWith('-')) return id
  }
}
