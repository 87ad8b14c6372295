/**
 * ISO proleptic Gregorian calendar arithmetic on "local millis": a count of milliseconds since
 * 1970-01-01T00:00 in some zone's wall-clock time, as java.time's LocalDateTime.toEpochSecond(UTC) gives it.
 * Pure integer math (Howard Hinnant's civil-from-days), valid for any year, unlike `Date.UTC` which maps
 * years 0–99 to 1900–1999.
 *
 * Invariants: months are 1–12, days 1–31, dayOfWeek is ISO (Monday = 1 … Sunday = 7), millis are integers.
 */

export const MILLIS_PER_SECOND = 1000
export const MILLIS_PER_MINUTE = 60_000
export const MILLIS_PER_HOUR = 3_600_000
export const MILLIS_PER_DAY = 86_400_000

export interface LocalDateTime {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
  millis: number
}

export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const

export const DAY_NAMES = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
] as const

export function floorDiv(a: number, b: number): number {
  return Math.floor(a / b)
}

export function floorMod(a: number, b: number): number {
  return a - Math.floor(a / b) * b
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

export function lengthOfMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}

/** Days since 1970-01-01 of a civil date. */
export function epochDay(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = floorDiv(y, 400)
  const yoe = y - era * 400
  const mp = (month + 9) % 12
  const doy = floorDiv(153 * mp + 2, 5) + day - 1
  const doe = yoe * 365 + floorDiv(yoe, 4) - floorDiv(yoe, 100) + doy
  return era * 146097 + doe - 719468
}

/** The civil date of a count of days since 1970-01-01. */
export function civilFromEpochDay(days: number): { year: number; month: number; day: number } {
  const z = days + 719468
  const era = floorDiv(z, 146097)
  const doe = z - era * 146097
  const yoe = floorDiv(doe - floorDiv(doe, 1460) + floorDiv(doe, 36524) - floorDiv(doe, 146096), 365)
  const doy = doe - (365 * yoe + floorDiv(yoe, 4) - floorDiv(yoe, 100))
  const mp = floorDiv(5 * doy + 2, 153)
  const day = doy - floorDiv(153 * mp + 2, 5) + 1
  const month = mp < 10 ? mp + 3 : mp - 9
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day }
}

export function toLocalMillis(t: LocalDateTime): number {
  return (
    epochDay(t.year, t.month, t.day) * MILLIS_PER_DAY +
    t.hour * MILLIS_PER_HOUR +
    t.minute * MILLIS_PER_MINUTE +
    t.second * MILLIS_PER_SECOND +
    t.millis
  )
}

export function fromLocalMillis(localMillis: number): LocalDateTime {
  const days = floorDiv(localMillis, MILLIS_PER_DAY)
  let rest = localMillis - days * MILLIS_PER_DAY
  const hour = floorDiv(rest, MILLIS_PER_HOUR)
  rest -= hour * MILLIS_PER_HOUR
  const minute = floorDiv(rest, MILLIS_PER_MINUTE)
  rest -= minute * MILLIS_PER_MINUTE
  const second = floorDiv(rest, MILLIS_PER_SECOND)
  return { ...civilFromEpochDay(days), hour, minute, second, millis: rest - second * MILLIS_PER_SECOND }
}

/** ISO day of week of an epoch day: Monday = 1 … Sunday = 7 (1970-01-01 was a Thursday). */
export function dayOfWeek(days: number): number {
  return floorMod(days + 3, 7) + 1
}

export function dayOfYear(year: number, month: number, day: number): number {
  return epochDay(year, month, day) - epochDay(year, 1, 1) + 1
}

/** LocalDateTime.plusMonths: the day of month is clamped to the last valid day of the resulting month. */
export function plusMonths(localMillis: number, months: number): number {
  const t = fromLocalMillis(localMillis)
  const total = t.year * 12 + (t.month - 1) + months
  const year = floorDiv(total, 12)
  const month = total - year * 12 + 1
  return toLocalMillis({ ...t, year, month, day: Math.min(t.day, lengthOfMonth(year, month)) })
}

/** The local midnight that starts the day holding `localMillis`. */
export function startOfDay(localMillis: number): number {
  return floorDiv(localMillis, MILLIS_PER_DAY) * MILLIS_PER_DAY
}
