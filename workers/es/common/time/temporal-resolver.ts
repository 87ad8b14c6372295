/**
 * resolveParsed: turns parsed fields into a local date-time, as java.time's STRICT resolver followed by
 * Elasticsearch's DateFormatters.from do: every field is range-checked (`Invalid value for MonthOfYear (valid
 * values 1 - 12): 13`), a day must exist in its month (`Invalid date 'FEBRUARY 30'`, `Invalid date 'February 29'
 * as '2023' is not a leap year`), a parsed day of week must agree with the date, and missing parts default
 * as DateFormatters.from defaults them: no year → 1970, no month → January, no day → the 1st, no time →
 * midnight, an hour alone → hh:00. A clock hour (`h`) combines with AM/PM (AM when absent).
 *
 * `lenientDate` is ResolverStyle.LENIENT for the date (strict_date): month and day overflow into later ones.
 * Millisecond precision with the rest kept: the nanos below the millisecond are `nanoOfMilli` (0 – 999,999), which
 * a date field drops (DateUtils.toLong of a truncated instant) and a date_nanos field adds (DateUtils.toLong).
 */

import {
  MILLIS_PER_DAY,
  MILLIS_PER_HOUR,
  MILLIS_PER_MINUTE,
  MILLIS_PER_SECOND,
  MONTH_NAMES,
  civilFromEpochDay,
  dayOfWeek,
  epochDay,
  isLeapYear,
  lengthOfMonth,
  plusMonths,
} from './calendar.ts'
import type { TemporalField } from './format-elements.ts'
import type { Parsed } from './element-parser.ts'
import type { ZoneId } from './zone-id.ts'

export type ParsedTemporal =
  | { kind: 'instant'; utcMillis: number; nanoOfMilli: number }
  | { kind: 'local'; localMillis: number; nanoOfMilli: number; offset: number | null; zone: ZoneId | null }

export type ResolveOutcome = { temporal: ParsedTemporal } | { error: string }

const RANGES: Array<[TemporalField, string, number, number, string]> = [
  ['yearOfEra', 'YearOfEra', 1, 999_999_999, '1 - 999999999/1000000000'],
  ['year', 'Year', -999_999_999, 999_999_999, '-999999999 - 999999999'],
  ['month', 'MonthOfYear', 1, 12, '1 - 12'],
  ['day', 'DayOfMonth', 1, 31, '1 - 28/31'],
  ['dayOfYear', 'DayOfYear', 1, 366, '1 - 365/366'],
  ['dayOfWeek', 'DayOfWeek', 1, 7, '1 - 7'],
  ['hour', 'HourOfDay', 0, 23, '0 - 23'],
  ['clockHourOfAmPm', 'ClockHourOfAmPm', 1, 12, '1 - 12'],
  ['hourOfAmPm', 'HourOfAmPm', 0, 11, '0 - 11'],
  ['ampm', 'AmPmOfDay', 0, 1, '0 - 1'],
  ['minute', 'MinuteOfHour', 0, 59, '0 - 59'],
  ['second', 'SecondOfMinute', 0, 59, '0 - 59'],
  ['nano', 'NanoOfSecond', 0, 999_999_999, '0 - 999999999'],
]

export const NANOS_PER_MILLI = 1_000_000

const LENIENT_FIELDS = new Set<TemporalField>(['month', 'day'])

export function resolveParsed(parsed: Parsed, lenientDate: boolean): ResolveOutcome {
  const f = parsed.fields
  for (const [field, name, min, max, range] of RANGES) {
    const v = f.get(field)
    if (v === undefined || (lenientDate && LENIENT_FIELDS.has(field))) continue
    if (v < min || v > max) return { error: `Invalid value for ${name} (valid values ${range}): ${v}` }
  }
  const date = resolveDate(f, lenientDate)
  if (typeof date === 'string') return { error: date }
  const hour =
    f.get('hour') ?? (f.get('hourOfAmPm') ?? (f.get('clockHourOfAmPm') ?? 0) % 12) + 12 * (f.get('ampm') ?? 0)
  const nano = f.get('nano') ?? 0
  const time =
    hour * MILLIS_PER_HOUR +
    (f.get('minute') ?? 0) * MILLIS_PER_MINUTE +
    (f.get('second') ?? 0) * MILLIS_PER_SECOND +
    Math.floor(nano / NANOS_PER_MILLI)
  const localMillis = date * MILLIS_PER_DAY + time
  const nanoOfMilli = nano % NANOS_PER_MILLI
  return { temporal: { kind: 'local', localMillis, nanoOfMilli, offset: parsed.offset, zone: parsed.zone } }
}

/** The epoch day of the parsed date, or java.time's message when it does not exist. */
function resolveDate(f: Map<TemporalField, number>, lenient: boolean): number | string {
  const year = f.get('year') ?? f.get('yearOfEra') ?? 1970
  const month = f.get('month')
  const day = f.get('day')
  const doy = f.get('dayOfYear')
  if (month === undefined && doy !== undefined) {
    if (doy === 366 && !isLeapYear(year))
      return `Invalid date 'DayOfYear 366' as '${year}' is not a leap year`
    return epochDay(year, 1, 1) + doy - 1
  }
  if (month === undefined || day === undefined) return epochDay(year, month ?? 1, 1)
  if (lenient) {
    const firstOfMonth = plusMonths(epochDay(year, 1, 1) * MILLIS_PER_DAY, month - 1) / MILLIS_PER_DAY
    return firstOfMonth + day - 1
  }
  if (day > lengthOfMonth(year, month)) {
    if (day === 29) return `Invalid date 'February 29' as '${year}' is not a leap year`
    return `Invalid date '${(MONTH_NAMES[month - 1] ?? '').toUpperCase()} ${day}'`
  }
  const days = epochDay(year, month, day)
  const dow = f.get('dayOfWeek')
  if (dow !== undefined && dow !== dayOfWeek(days)) {
    return `Conflict found: Field DayOfWeek ${dayOfWeek(days)} differs from DayOfWeek ${dow} derived from ${isoDate(days)}`
  }
  return days
}

function isoDate(days: number): string {
  const { year, month, day } = civilFromEpochDay(days)
  const pad = (n: number, w: number): string => String(n).padStart(w, '0')
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`
}
