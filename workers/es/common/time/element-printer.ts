/**
 * printElements: java.time's DateTimeFormatter.format of a zoned date-time (Locale.ROOT), element by element.
 * Numbers pad to their minimum width; EXCEEDS_PAD prints `+` when a non-negative value is wider than the
 * minimum; a value wider than the maximum fails (`Field Year cannot be printed as the value 123456 exceeds the
 * maximum print width of 4`). Fractions print at least `min` digits and drop trailing zeros beyond. Offsets
 * print their no-offset text for zero; optional sections always print, since every field is available.
 * The nano of second is the local time's millis and, for an instant of a date_nanos field, its nanoOfMilli.
 */

import { DAY_NAMES, MONTH_NAMES, dayOfWeek, dayOfYear, epochDay, type LocalDateTime } from './calendar.ts'
import type { FormatElement, OffsetPattern, TemporalField } from './format-elements.ts'

export interface ZonedFields {
  local: LocalDateTime
  offset: number
  zoneId: string
  /** The nanoseconds below the millisecond (0 – 999,999); 0 when absent. */
  nanoOfMilli?: number
}

const FIELD_NAMES: Partial<Record<TemporalField, string>> = {
  year: 'Year',
  yearOfEra: 'YearOfEra',
  month: 'MonthOfYear',
  day: 'DayOfMonth',
  dayOfYear: 'DayOfYear',
  hour: 'HourOfDay',
  minute: 'MinuteOfHour',
  second: 'SecondOfMinute',
}

export function printElements(elements: FormatElement[], z: ZonedFields): string {
  return elements.map((e) => printElement(e, z)).join('')
}

function fieldValue(field: TemporalField, z: ZonedFields): number {
  const t = z.local
  switch (field) {
    case 'year':
      return t.year
    case 'yearOfEra':
      return t.year >= 1 ? t.year : 1 - t.year
    case 'month':
      return t.month
    case 'day':
      return t.day
    case 'dayOfYear':
      return dayOfYear(t.year, t.month, t.day)
    case 'dayOfWeek':
      return dayOfWeek(epochDay(t.year, t.month, t.day))
    case 'hour':
      return t.hour
    case 'clockHourOfAmPm':
      return t.hour % 12 === 0 ? 12 : t.hour % 12
    case 'hourOfAmPm':
      return t.hour % 12
    case 'ampm':
      return t.hour < 12 ? 0 : 1
    case 'minute':
      return t.minute
    case 'second':
      return t.second
    case 'nano':
      return t.millis * 1_000_000 + (z.nanoOfMilli ?? 0)
  }
}

function printElement(e: FormatElement, z: ZonedFields): string {
  switch (e.kind) {
    case 'literal':
      return e.text
    case 'value':
      return printNumber(e, fieldValue(e.field, z))
    case 'reducedYear':
      return String(((fieldValue(e.field, z) % 100) + 100) % 100).padStart(2, '0')
    case 'fraction': {
      const digits = String(fieldValue('nano', z)).padStart(9, '0').slice(0, e.max)
      const kept = digits.replace(/0+$/, '').padEnd(e.min, '0')
      return kept.length === 0 ? '' : (e.decimalPoint ? '.' : '') + kept
    }
    case 'text': {
      if (e.field === 'ampm') return fieldValue('ampm', z) === 0 ? 'AM' : 'PM'
      const names: readonly string[] = e.field === 'month' ? MONTH_NAMES : DAY_NAMES
      const name = names[fieldValue(e.field, z) - 1] ?? ''
      return e.full ? name : name.slice(0, 3)
    }
    case 'offset':
      return z.offset === 0 && e.noOffsetText !== '' ? e.noOffsetText : printOffset(e.pattern, z.offset)
    case 'zoneOrOffsetId':
      return z.zoneId
    case 'optional':
      return printElements(e.elements, z)
  }
}

function printNumber(e: Extract<FormatElement, { kind: 'value' }>, v: number): string {
  const digits = String(Math.abs(v))
  if (digits.length > e.max) {
    const name = FIELD_NAMES[e.field] ?? e.field
    throw new Error(
      `Field ${name} cannot be printed as the value ${v} exceeds the maximum print width of ${e.max}`,
    )
  }
  const padded = digits.padStart(e.min, '0')
  if (v < 0) return '-' + padded
  const plus = e.sign === 'ALWAYS' || (e.sign === 'EXCEEDS_PAD' && e.min < 19 && digits.length > e.min)
  return (plus ? '+' : '') + padded
}

function printOffset(p: OffsetPattern, offsetMillis: number): string {
  const total = Math.abs(offsetMillis) / 1000
  const hh = Math.floor(total / 3600)
  const mm = Math.floor(total / 60) % 60
  const ss = total % 60
  const two = (n: number): string => String(n).padStart(2, '0')
  const sep = p.colon ? ':' : ''
  let out = (offsetMillis < 0 ? '-' : '+') + two(hh)
  const showMinutes = p.minutes === 'required' || (p.minutes === 'optional' && mm + ss > 0)
  if (showMinutes) out += sep + two(mm)
  if (showMinutes && p.seconds && ss > 0) out += sep + two(ss)
  return out
}
