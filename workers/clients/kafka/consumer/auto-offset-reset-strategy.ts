/**
 * auto.offset.reset as Kafka 4.1's AutoOffsetResetStrategy reads it (KIP-1106): `earliest`, `latest`,
 * `none`, or `by_duration:<ISO-8601 duration>` (java.time.Duration.parse, not negative), matched
 * case-sensitively after ConfigDef's trim. A by_duration reset looks up the first offset at or after now
 * minus the duration, and takes the log end where no record is that new. Anything else fails the config's
 * Validator with its one message, whatever fromString objected to.
 */
import { parseJavaDuration } from '../../../net/java-duration.ts'

export type AutoOffsetResetStrategy =
  { type: 'earliest' | 'latest' | 'none' } | { type: 'by_duration'; durationMs: number }

const BY_DURATION = 'by_duration:'

/** AutoOffsetResetStrategy.fromString; null where it throws. */
export function autoOffsetResetStrategy(value: string): AutoOffsetResetStrategy | null {
  if (value === 'earliest' || value === 'latest' || value === 'none') return { type: value }
  if (!value.startsWith(BY_DURATION)) return null
  const durationMs = parseJavaDuration(value.slice(BY_DURATION.length))
  return durationMs === null || durationMs < 0 ? null : { type: 'by_duration', durationMs }
}

/** AutoOffsetResetStrategy.Validator: its ConfigException reason for a value fromString refuses, or null. */
export function autoOffsetResetReason(value: string): string | null {
  return autoOffsetResetStrategy(value) === null
    ? `Invalid value \`${value}\` for configuration auto.offset.reset. The value must be either 'earliest', 'latest', 'none' or of the format 'by_duration:<PnDTnHnMn.nS.>'.`
    : null
}
