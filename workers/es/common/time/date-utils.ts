/**
 * DateUtils (Elasticsearch 8.17, common/time) for nanosecond resolution: an instant as a date_nanos field stores it,
 * a long of nanoseconds since the epoch, here a bigint in [0, MAX_NANOSECOND].
 *
 * Instants are (epoch millis, nanoOfMilli) pairs, nanoOfMilli in 0 – 999,999, as the parsers give them
 * (temporal-resolver.ts): the millis are exact JavaScript integers, the nanoseconds past 2^53 are not.
 * - toLong: an instant before 1970-01-01T00:00:00Z fails with `date[<instant>] is before the epoch in 1970 and cannot
 *   be stored in nanosecond resolution`, one after 2262-04-11T23:47:16.854775807Z with `date[<instant>] is after
 *   2262-04-11T23:47:16.854775807 and cannot be stored in nanosecond resolution` (illegal_argument_exception), the
 *   instant printed as Instant.toString prints it (instantText);
 * - toInstant: nanoseconds back to the pair; a negative value fails with `nanoseconds are [<n>] are before the epoch
 *   in 1970 and cannot be processed in nanosecond resolution`.
 */

import { fromLocalMillis } from './calendar.ts'
import { NANOS_PER_MILLI } from './temporal-resolver.ts'
import { illegalArgumentException } from './time-errors.ts'

/** Long.MAX_VALUE nanoseconds: 2262-04-11T23:47:16.854775807Z. */
export const MAX_NANOSECOND = 9_223_372_036_854_775_807n

const NANOS_PER_MILLI_BIG = BigInt(NANOS_PER_MILLI)

export interface NanoInstant {
  millis: number
  nanoOfMilli: number
}

export function toLong(instant: NanoInstant): bigint {
  const { millis, nanoOfMilli } = instant
  if (millis < 0) {
    throw illegalArgumentException(
      `date[${instantText(instant)}] is before the epoch in 1970 and cannot be stored in nanosecond resolution`,
    )
  }
  const nanos = BigInt(millis) * NANOS_PER_MILLI_BIG + BigInt(nanoOfMilli)
  if (nanos > MAX_NANOSECOND) {
    throw illegalArgumentException(
      `date[${instantText(instant)}] is after 2262-04-11T23:47:16.854775807 and cannot be stored in nanosecond resolution`,
    )
  }
  return nanos
}

export function toInstant(nanos: bigint): NanoInstant {
  if (nanos < 0n) {
    throw illegalArgumentException(
      `nanoseconds are [${nanos}] are before the epoch in 1970 and cannot be processed in nanosecond resolution`,
    )
  }
  return { millis: Number(nanos / NANOS_PER_MILLI_BIG), nanoOfMilli: Number(nanos % NANOS_PER_MILLI_BIG) }
}

/**
 * Instant.toString (DateTimeFormatter.ISO_INSTANT): `yyyy-MM-ddTHH:mm:ssZ`, the year with a `+` beyond 9999, the
 * seconds always printed, and a fraction only when not zero, in 3, 6 or 9 digits, whichever holds it.
 */
export function instantText(instant: NanoInstant): string {
  const { millis, nanoOfMilli } = instant
  const t = fromLocalMillis(millis)
  const year = t.year
  const pad = (n: number, width: number): string => String(n).padStart(width, '0')
  const yearText = year > 9999 ? '+' + year : year < 0 ? '-' + pad(-year, 4) : pad(year, 4)
  const nano = t.millis * NANOS_PER_MILLI + nanoOfMilli
  const fraction =
    nano === 0
      ? ''
      : nano % NANOS_PER_MILLI === 0
        ? '.' + pad(nano / NANOS_PER_MILLI, 3)
        : nano % 1000 === 0
          ? '.' + pad(nano / 1000, 6)
          : '.' + pad(nano, 9)
  return `${yearText}-${pad(t.month, 2)}-${pad(t.day, 2)}T${pad(t.hour, 2)}:${pad(t.minute, 2)}:${pad(t.second, 2)}${fraction}Z`
}
