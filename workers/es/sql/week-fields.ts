/**
 * java.time's WeekFields(firstDayOfWeek, minimalDaysInFirstWeek) over a local date: the localized day of week
 * (1 on the first day of the week), the week of the year (0 before the first full-enough week), the week of
 * the week-based year and the week-based year. `firstDay` is ISO (Monday = 1 … Sunday = 7). Locale.ROOT's
 * weeks (the `w`, `Y` and `e` pattern letters) start on Monday with one minimal day (CLDR's world region).
 */
import {
  dayOfWeek,
  dayOfYear,
  epochDay,
  floorMod,
  isLeapYear,
  type LocalDateTime,
} from '../common/time/calendar.ts'

export interface WeekDefinition {
  readonly firstDay: number
  readonly minimalDays: number
}

export const ISO_WEEKS: WeekDefinition = { firstDay: 1, minimalDays: 4 }
export const SUNDAY_SEVEN_WEEKS: WeekDefinition = { firstDay: 7, minimalDays: 7 }
export const ROOT_LOCALE_WEEKS: WeekDefinition = { firstDay: 1, minimalDays: 1 }

type LocalDate = Pick<LocalDateTime, 'year' | 'month' | 'day'>

export function localizedDayOfWeek(w: WeekDefinition, t: LocalDate): number {
  return floorMod(dayOfWeek(epochDay(t.year, t.month, t.day)) - w.firstDay, 7) + 1
}

function startOfWeekOffset(w: WeekDefinition, day: number, dow: number): number {
  const weekStart = floorMod(day - dow, 7)
  return weekStart + 1 > w.minimalDays ? 7 - weekStart : -weekStart
}

function computeWeek(offset: number, day: number): number {
  return Math.floor((7 + offset + (day - 1)) / 7)
}

function weekAndOffset(w: WeekDefinition, t: LocalDate): { week: number; offset: number; doy: number } {
  const doy = dayOfYear(t.year, t.month, t.day)
  const offset = startOfWeekOffset(w, doy, localizedDayOfWeek(w, t))
  return { week: computeWeek(offset, doy), offset, doy }
}

/** WeekFields.weekOfYear(). */
export function weekOfYear(w: WeekDefinition, t: LocalDate): number {
  return weekAndOffset(w, t).week
}

/** The week that starts the next week-based year, counted in this year's weeks. */
function newYearWeek(w: WeekDefinition, year: number, offset: number): number {
  return computeWeek(offset, (isLeapYear(year) ? 366 : 365) + w.minimalDays)
}

/** WeekFields.weekOfWeekBasedYear(). */
export function weekOfWeekBasedYear(w: WeekDefinition, t: LocalDate): number {
  const { week, offset } = weekAndOffset(w, t)
  if (week === 0) return weekOfWeekBasedYear(w, { year: t.year - 1, month: 12, day: 31 })
  const next = newYearWeek(w, t.year, offset)
  return week > 50 && week >= next ? week - next + 1 : week
}

/** WeekFields.weekBasedYear(). */
export function weekBasedYear(w: WeekDefinition, t: LocalDate): number {
  const { week, offset } = weekAndOffset(w, t)
  if (week === 0) return t.year - 1
  return week >= newYearWeek(w, t.year, offset) ? t.year + 1 : t.year
}
