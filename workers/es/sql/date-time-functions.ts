/**
 * ES SQL's date and time functions (SqlFunctionRegistry's Date group), read in the request's time_zone:
 * - the datetime fields (DateTimeProcessor's and NonIsoDateTimeProcessor's extractors, integer): YEAR,
 *   MONTH_OF_YEAR, DAY_OF_MONTH, DAY_OF_YEAR, DAY_OF_WEEK (Sunday = 1), ISO_DAY_OF_WEEK (Monday = 1),
 *   WEEK_OF_YEAR (weeks start on Sunday, week 1 holds January 1st), ISO_WEEK_OF_YEAR, QUARTER, HOUR_OF_DAY,
 *   MINUTE_OF_DAY, MINUTE_OF_HOUR, SECOND_OF_MINUTE, and DAY_NAME / MONTH_NAME (keyword), with their aliases;
 *   EXTRACT(field FROM value) names one of them;
 * - CURRENT_TIMESTAMP / NOW([precision]) (datetime: the statement's start, cut to `precision` fraction digits),
 *   CURRENT_TIME / CURTIME([precision]) (time: the same instant's wall clock at the request's offset),
 *   CURRENT_DATE / CURDATE / TODAY() (date: the start of today);
 * - HOUR_OF_DAY, MINUTE_OF_DAY, MINUTE_OF_HOUR and SECOND_OF_MINUTE (TimeFunction) also read a time, seen in
 *   the request's zone (time-values.ts);
 * - DATE_ADD(unit, n, value) (datetime; ZonedDateTime.plus), DATE_DIFF(unit, start, end) (integer; the
 *   DateDiff.Part rules: years and months by calendar fields, days/hours/minutes from whole minutes, weeks from
 *   Sunday-started days), DATE_PART(unit, value) (integer), DATE_TRUNC(unit, value) (datetime, or the interval's
 *   own type: weeks start on Monday, a millennium/century/decade on a multiple of 1000/100/10 years).
 * Datetime + or - an INTERVAL (addInterval) is a Period for YEAR and MONTH (calendar months, the day clamped) and
 * a Duration otherwise. Values are millisecond-precise, so micro- and nanosecond parts are the millisecond's.
 * A local result (a truncation, DATE_ADD of days or more) goes back to an instant as ZonedDateTime.resolveLocal
 * does: the value's own offset when still valid, else the earlier one of an overlap, a gap's time moved forward.
 */
import {
  DAY_NAMES,
  MILLIS_PER_DAY,
  MILLIS_PER_HOUR,
  MILLIS_PER_MINUTE,
  MONTH_NAMES,
  dayOfWeek,
  dayOfYear,
  epochDay,
  floorDiv,
  fromLocalMillis,
  plusMonths,
  startOfDay,
  toLocalMillis,
  type LocalDateTime,
} from '../common/time/calendar.ts'
import { localToUtc } from '../common/time/zone-rules.ts'
import {
  ADD_UNITS,
  DIFF_UNITS,
  PART_UNITS,
  TRUNC_UNITS,
  type DateUnit,
  type DateUnits,
} from './date-time-units.ts'
import { DATE_FORMAT, DATETIME_FORMAT, FORMAT, TO_CHAR } from './date-time-format.ts'
import { DATE_PARSE, DATETIME_PARSE, TIME_PARSE } from './date-time-parse.ts'
import { asTimeOnly, timeAtZone } from './time-values.ts'
import type { CallInfo, EvalEnv, ScalarFunction } from './scalar-function.ts'
import { sqlIllegalArgumentException } from './sql-exceptions.ts'
import { DateTimeValue, IntervalValue, TimeValue, type SqlValue } from './sql-values.ts'

/** The value's wall-clock millis in its zone. */
function localMillis(v: DateTimeValue): number {
  return v.millis + v.offset
}

/** The local time in `v`'s zone, preferring `v`'s offset (ZonedDateTime.resolveLocal). */
function fromLocal(local: number, v: DateTimeValue): DateTimeValue {
  return new DateTimeValue(localToUtc(v.zone.rules, local, v.offset), v.zone)
}

function fields(v: DateTimeValue): LocalDateTime {
  return fromLocalMillis(localMillis(v))
}

function isoDayOfWeek(t: LocalDateTime): number {
  return dayOfWeek(epochDay(t.year, t.month, t.day))
}

/** Day of week counted from Sunday = 1. */
function sundayDayOfWeek(t: LocalDateTime): number {
  return (isoDayOfWeek(t) % 7) + 1
}

/** WeekFields.of(SUNDAY, 1).weekOfYear(). */
function weekOfYear(t: LocalDateTime): number {
  const jan1 = sundayDayOfWeek({ ...t, month: 1, day: 1 }) - 1
  return floorDiv(dayOfYear(t.year, t.month, t.day) - 1 + jan1, 7) + 1
}

/** IsoFields.WEEK_OF_WEEK_BASED_YEAR. */
function isoWeekOfYear(t: LocalDateTime): number {
  const day = epochDay(t.year, t.month, t.day)
  const thursday = day - isoDayOfWeek(t) + 4
  const year = fromLocalMillis(thursday * MILLIS_PER_DAY).year
  return floorDiv(thursday - epochDay(year, 1, 1), 7) + 1
}

function quarter(t: LocalDateTime): number {
  return floorDiv(t.month - 1, 3) + 1
}

const EXTRACTORS: Readonly<Record<string, (t: LocalDateTime) => number | string>> = {
  YEAR: (t) => t.year,
  MONTH_OF_YEAR: (t) => t.month,
  DAY_OF_MONTH: (t) => t.day,
  DAY_OF_YEAR: (t) => dayOfYear(t.year, t.month, t.day),
  DAY_OF_WEEK: sundayDayOfWeek,
  ISO_DAY_OF_WEEK: isoDayOfWeek,
  WEEK_OF_YEAR: weekOfYear,
  ISO_WEEK_OF_YEAR: isoWeekOfYear,
  QUARTER: quarter,
  HOUR_OF_DAY: (t) => t.hour,
  MINUTE_OF_DAY: (t) => t.hour * 60 + t.minute,
  MINUTE_OF_HOUR: (t) => t.minute,
  SECOND_OF_MINUTE: (t) => t.second,
  DAY_NAME: (t) => DAY_NAMES[isoDayOfWeek(t) - 1]!,
  MONTH_NAME: (t) => MONTH_NAMES[t.month - 1]!,
}

/** A datetime read in the request's zone. */
function inZone(v: SqlValue, env: EvalEnv): DateTimeValue | null {
  return v instanceof DateTimeValue ? new DateTimeValue(v.millis, env.zone) : null
}

/** The extractors of TimeFunction, which a time may be given to. */
const TIME_EXTRACTORS = new Set(['HOUR_OF_DAY', 'MINUTE_OF_DAY', 'MINUTE_OF_HOUR', 'SECOND_OF_MINUTE'])

function extractor(name: string): ScalarFunction {
  const extract = EXTRACTORS[name]!
  const text = name === 'DAY_NAME' || name === 'MONTH_NAME'
  const time = TIME_EXTRACTORS.has(name)
  return {
    type: () => (text ? 'keyword' : 'integer'),
    arity: [1, 1],
    params: [time ? 'date, time or datetime' : 'date or datetime'],
    datetimeField: true,
    apply: ([v], env) => {
      const d = time && v instanceof TimeValue ? timeAtZone(v, env.zone) : inZone(v ?? null, env)
      return d === null ? null : extract(fields(d))
    },
  }
}

/** `datetime` plus `n` of `unit` (ChronoUnit arithmetic on a ZonedDateTime). */
function plusUnits(v: DateTimeValue, unit: DateUnit, n: number): DateTimeValue {
  const local = localMillis(v)
  const shift = (millis: number) => new DateTimeValue(v.millis + millis, v.zone)
  switch (unit) {
    case 'YEAR':
      return fromLocal(plusMonths(local, 12 * n), v)
    case 'QUARTER':
      return fromLocal(plusMonths(local, 3 * n), v)
    case 'MONTH':
      return fromLocal(plusMonths(local, n), v)
    case 'WEEK':
      return fromLocal(local + 7 * n * MILLIS_PER_DAY, v)
    case 'DAYOFYEAR':
    case 'DAY':
    case 'WEEKDAY':
      return fromLocal(local + n * MILLIS_PER_DAY, v)
    case 'HOUR':
      return shift(n * MILLIS_PER_HOUR)
    case 'MINUTE':
      return shift(n * MILLIS_PER_MINUTE)
    case 'SECOND':
      return shift(n * 1000)
    case 'MILLISECOND':
      return shift(n)
    case 'MICROSECOND':
      return shift(Math.trunc(n / 1000))
    default:
      return shift(Math.trunc(n / 1_000_000))
  }
}

/** A datetime plus (sign 1) or minus (sign -1) an INTERVAL: a Period of months, else a Duration. */
export function addInterval(v: DateTimeValue, interval: IntervalValue, sign: number): DateTimeValue {
  const n = sign * interval.amount
  if (interval.unit === 'YEAR') return plusUnits(v, 'YEAR', n)
  if (interval.unit === 'MONTH') return plusUnits(v, 'MONTH', n)
  return new DateTimeValue(v.millis + sign * interval.millis, v.zone)
}

const MAX_INT = 2147483647

/** DateDiff.Part's safeInt. */
function safeInt(diff: number): number {
  if (diff > MAX_INT || diff < -MAX_INT - 1)
    throw sqlIllegalArgumentException(
      'The DATE_DIFF function resulted in an overflow; the number of units separating two date/datetime ' +
        'instances is too large. Try to use DATE_DIFF with a less precise unit.',
    )
  return diff
}

function diff(unit: DateUnit, start: DateTimeValue, end: DateTimeValue): number {
  const a = fields(start)
  const b = fields(end)
  const seconds = (v: DateTimeValue) => floorDiv(v.millis, 1000)
  const minutes = Math.trunc(seconds(end) / 60) - Math.trunc(seconds(start) / 60)
  switch (unit) {
    case 'YEAR':
      return b.year - a.year
    case 'QUARTER':
      return quarter(b) - quarter(a) + (b.year - a.year) * 4
    case 'MONTH':
      return safeInt(b.year * 12 + b.month - (a.year * 12 + a.month))
    case 'DAYOFYEAR':
    case 'DAY':
    case 'WEEKDAY':
      return safeInt(Math.trunc(Math.trunc(minutes / 60) / 24))
    case 'WEEK': {
      const days = (v: DateTimeValue) =>
        Math.trunc(v.millis / MILLIS_PER_DAY) - sundayDayOfWeek(fromLocalMillis(v.millis))
      return safeInt(Math.trunc((days(end) - days(start)) / 7))
    }
    case 'HOUR':
      return safeInt(Math.trunc(minutes / 60))
    case 'MINUTE':
      return safeInt(minutes)
    case 'SECOND':
      return safeInt(seconds(end) - seconds(start))
    case 'MILLISECOND':
      return safeInt(end.millis - start.millis)
    case 'MICROSECOND':
      return safeInt((end.millis - start.millis) * 1000)
    default:
      return safeInt((end.millis - start.millis) * 1_000_000)
  }
}

function part(unit: DateUnit, v: DateTimeValue): number {
  const t = fields(v)
  switch (unit) {
    case 'YEAR':
      return t.year
    case 'QUARTER':
      return quarter(t)
    case 'MONTH':
      return t.month
    case 'DAYOFYEAR':
      return dayOfYear(t.year, t.month, t.day)
    case 'DAY':
      return t.day
    case 'WEEK':
      return weekOfYear(t)
    case 'WEEKDAY':
      return sundayDayOfWeek(t)
    case 'HOUR':
      return t.hour
    case 'MINUTE':
      return t.minute
    case 'SECOND':
      return t.second
    case 'MILLISECOND':
      return t.millis
    case 'MICROSECOND':
      return t.millis * 1000
    case 'NANOSECOND':
      return t.millis * 1_000_000
    default:
      return v.offset / MILLIS_PER_MINUTE
  }
}

function truncate(unit: DateUnit, v: DateTimeValue): DateTimeValue {
  const t = fields(v)
  const yearStart = (year: number) =>
    toLocalMillis({ ...t, year, month: 1, day: 1, hour: 0, minute: 0, second: 0, millis: 0 })
  const local = localMillis(v)
  let start: number
  switch (unit) {
    case 'MILLENNIUM':
      start = yearStart(t.year - (t.year % 1000))
      break
    case 'CENTURY':
      start = yearStart(t.year - (t.year % 100))
      break
    case 'DECADE':
      start = yearStart(t.year - (t.year % 10))
      break
    case 'YEAR':
      start = yearStart(t.year)
      break
    case 'QUARTER':
      start = toLocalMillis({
        ...t,
        month: (quarter(t) - 1) * 3 + 1,
        day: 1,
        hour: 0,
        minute: 0,
        second: 0,
        millis: 0,
      })
      break
    case 'MONTH':
      start = toLocalMillis({ ...t, day: 1, hour: 0, minute: 0, second: 0, millis: 0 })
      break
    case 'WEEK':
      start = startOfDay(local) - (isoDayOfWeek(t) - 1) * MILLIS_PER_DAY
      break
    case 'DAY':
      start = startOfDay(local)
      break
    case 'HOUR':
      start = floorDiv(local, MILLIS_PER_HOUR) * MILLIS_PER_HOUR
      break
    case 'MINUTE':
      start = floorDiv(local, MILLIS_PER_MINUTE) * MILLIS_PER_MINUTE
      break
    case 'SECOND':
      start = floorDiv(local, 1000) * 1000
      break
    default:
      start = local
  }
  return fromLocal(start, v)
}

/** DATE_TRUNC of an interval: the parts below `unit` dropped (years below a millennium, century, decade). */
function truncateInterval(unit: DateUnit, v: IntervalValue): IntervalValue {
  const months = v.unit === 'YEAR' ? v.amount * 12 : v.unit === 'MONTH' ? v.amount : null
  if (months !== null) {
    const years = Math.trunc(months / 12)
    const rest = months - years * 12
    const keep: Partial<Record<DateUnit, number>> = {
      MILLENNIUM: years - (years % 1000),
      CENTURY: years - (years % 100),
      DECADE: years - (years % 10),
      YEAR: years,
      QUARTER: years * 12 + Math.trunc(rest / 3) * 3,
    }
    const kept = keep[unit]
    if (kept === undefined) return v
    return unit === 'QUARTER' ? v.withMonths(kept) : v.withMonths(kept * 12)
  }
  const step: Partial<Record<DateUnit, number>> = {
    DAY: MILLIS_PER_DAY,
    HOUR: MILLIS_PER_HOUR,
    MINUTE: MILLIS_PER_MINUTE,
    SECOND: 1000,
    MILLISECOND: 1,
  }
  const size = step[unit]
  if (size === undefined) return ['MICROSECOND', 'NANOSECOND'].includes(unit) ? v : v.withMillis(0)
  return v.withMillis(Math.trunc(v.millis / size) * size)
}

/** The unit check of DATE_ADD, DATE_DIFF, DATE_PART and DATE_TRUNC: only a literal unit is checked. */
function unitCheck(units: DateUnits) {
  return (call: CallInfo): string | null => {
    const first = call.args[0]
    return first !== undefined && typeof first.literal === 'string'
      ? units.failure(first.literal, first.name, call.text)
      : null
  }
}

function unitOf(units: DateUnits, v: SqlValue): DateUnit | null {
  return typeof v === 'string' ? units.resolve(v) : null
}

const DATE_ADD: ScalarFunction = {
  type: () => 'datetime',
  arity: [3, 3],
  arityMessage: 'expects three arguments',
  params: ['string', 'integer', 'date or datetime'],
  verify: unitCheck(ADD_UNITS),
  apply: ([unit, n, v], env) => {
    const u = unitOf(ADD_UNITS, unit ?? null)
    const d = inZone(v ?? null, env)
    return u === null || d === null || typeof n !== 'number' ? null : plusUnits(d, u, n)
  },
}

const DATE_DIFF: ScalarFunction = {
  type: () => 'integer',
  arity: [3, 3],
  arityMessage: 'expects three arguments',
  params: ['string', 'date or datetime', 'date or datetime'],
  verify: unitCheck(DIFF_UNITS),
  apply: ([unit, a, b], env) => {
    const u = unitOf(DIFF_UNITS, unit ?? null)
    const start = inZone(a ?? null, env)
    const end = inZone(b ?? null, env)
    return u === null || start === null || end === null ? null : diff(u, start, end)
  },
}

const DATE_PART: ScalarFunction = {
  type: () => 'integer',
  arity: [2, 2],
  params: ['string', 'date or datetime'],
  verify: unitCheck(PART_UNITS),
  apply: ([unit, v], env) => {
    const u = unitOf(PART_UNITS, unit ?? null)
    const d = inZone(v ?? null, env)
    return u === null || d === null ? null : part(u, d)
  },
}

const DATE_TRUNC: ScalarFunction = {
  type: (args) => (args[1]?.startsWith('interval_') ? args[1] : 'datetime'),
  arity: [2, 2],
  params: ['string', 'date, datetime or an interval data type'],
  verify: unitCheck(TRUNC_UNITS),
  apply: ([unit, v], env) => {
    const u = unitOf(TRUNC_UNITS, unit ?? null)
    if (u === null) return null
    if (v instanceof IntervalValue) return truncateInterval(u, v)
    const d = inZone(v ?? null, env)
    return d === null ? null : truncate(u, d)
  },
}

const NOW: ScalarFunction = {
  type: () => 'datetime',
  arity: [0, 1],
  params: ['integer'],
  apply: ([precision], env) => {
    const digits = typeof precision === 'number' ? Math.min(precision, 3) : 3
    const unit = 10 ** (3 - digits)
    return new DateTimeValue(floorDiv(env.now, unit) * unit, env.zone)
  },
}

const CURRENT_TIME: ScalarFunction = {
  ...NOW,
  type: () => 'time',
  apply: (args, env) => asTimeOnly(NOW.apply(args, env) as DateTimeValue),
}

const TODAY: ScalarFunction = {
  type: () => 'date',
  arity: [0, 0],
  params: [],
  apply: (_args, env) => truncate('DAY', new DateTimeValue(env.now, env.zone)),
}

/** A datetime's day start in its zone (DateUtils.asDateOnly), for CAST(x AS DATE). */
export function asDateOnly(v: DateTimeValue): DateTimeValue {
  return truncate('DAY', v)
}

/** [name, primary name] of every datetime field function, in SqlFunctionRegistry's order. */
const FIELD_NAMES: readonly (readonly [string, string])[] = [
  ['DAY_NAME', 'DAY_NAME'],
  ['DAYNAME', 'DAY_NAME'],
  ['DAY_OF_MONTH', 'DAY_OF_MONTH'],
  ['DAYOFMONTH', 'DAY_OF_MONTH'],
  ['DAY', 'DAY_OF_MONTH'],
  ['DOM', 'DAY_OF_MONTH'],
  ['DAY_OF_WEEK', 'DAY_OF_WEEK'],
  ['DAYOFWEEK', 'DAY_OF_WEEK'],
  ['DOW', 'DAY_OF_WEEK'],
  ['DAY_OF_YEAR', 'DAY_OF_YEAR'],
  ['DAYOFYEAR', 'DAY_OF_YEAR'],
  ['DOY', 'DAY_OF_YEAR'],
]

const MORE_FIELD_NAMES: readonly (readonly [string, string])[] = [
  ['HOUR_OF_DAY', 'HOUR_OF_DAY'],
  ['HOUR', 'HOUR_OF_DAY'],
  ['ISO_DAY_OF_WEEK', 'ISO_DAY_OF_WEEK'],
  ['ISODAYOFWEEK', 'ISO_DAY_OF_WEEK'],
  ['ISODOW', 'ISO_DAY_OF_WEEK'],
  ['IDOW', 'ISO_DAY_OF_WEEK'],
  ['ISO_WEEK_OF_YEAR', 'ISO_WEEK_OF_YEAR'],
  ['ISOWEEKOFYEAR', 'ISO_WEEK_OF_YEAR'],
  ['ISOWEEK', 'ISO_WEEK_OF_YEAR'],
  ['IWOY', 'ISO_WEEK_OF_YEAR'],
  ['IW', 'ISO_WEEK_OF_YEAR'],
  ['MINUTE_OF_DAY', 'MINUTE_OF_DAY'],
  ['MINUTE_OF_HOUR', 'MINUTE_OF_HOUR'],
  ['MINUTE', 'MINUTE_OF_HOUR'],
  ['MONTH_NAME', 'MONTH_NAME'],
  ['MONTHNAME', 'MONTH_NAME'],
  ['MONTH_OF_YEAR', 'MONTH_OF_YEAR'],
  ['MONTH', 'MONTH_OF_YEAR'],
  ['SECOND_OF_MINUTE', 'SECOND_OF_MINUTE'],
  ['SECOND', 'SECOND_OF_MINUTE'],
]

const LAST_FIELD_NAMES: readonly (readonly [string, string])[] = [
  ['QUARTER', 'QUARTER'],
  ['YEAR', 'YEAR'],
  ['WEEK_OF_YEAR', 'WEEK_OF_YEAR'],
  ['WEEK', 'WEEK_OF_YEAR'],
]

const fieldFunctions = (names: readonly (readonly [string, string])[]) =>
  names.map(([name, primary]) => [name, extractor(primary)] as const)

/** The Date group of SqlFunctionRegistry, in its order, aliases after their function. */
export const DATE_TIME_FUNCTIONS: readonly (readonly [string, ScalarFunction])[] = [
  ['CURRENT_DATE', TODAY],
  ['CURDATE', TODAY],
  ['TODAY', TODAY],
  ['CURRENT_TIME', CURRENT_TIME],
  ['CURTIME', CURRENT_TIME],
  ['CURRENT_TIMESTAMP', NOW],
  ['NOW', NOW],
  ...fieldFunctions(FIELD_NAMES),
  ['DATEADD', DATE_ADD],
  ['DATE_ADD', DATE_ADD],
  ['TIMESTAMPADD', DATE_ADD],
  ['TIMESTAMP_ADD', DATE_ADD],
  ['DATEDIFF', DATE_DIFF],
  ['DATE_DIFF', DATE_DIFF],
  ['TIMESTAMPDIFF', DATE_DIFF],
  ['TIMESTAMP_DIFF', DATE_DIFF],
  ['DATE_FORMAT', DATE_FORMAT],
  ['DATE_PARSE', DATE_PARSE],
  ['DATEPART', DATE_PART],
  ['DATE_PART', DATE_PART],
  ['DATETIME_FORMAT', DATETIME_FORMAT],
  ['DATETIME_PARSE', DATETIME_PARSE],
  ['DATETRUNC', DATE_TRUNC],
  ['DATE_TRUNC', DATE_TRUNC],
  ['FORMAT', FORMAT],
  ...fieldFunctions(MORE_FIELD_NAMES),
  ['TIME_PARSE', TIME_PARSE],
  ['TO_CHAR', TO_CHAR],
  ...fieldFunctions(LAST_FIELD_NAMES),
]
