/**
 * The values a row holds while a statement runs: strings, numbers, booleans, null, datetimes (UTC epoch
 * milliseconds with the zone offset they print in), times (ES SQL's TIME, a java.time OffsetTime: the wall-clock
 * millisecond of the day and its offset) and INTERVAL literals. A datetime prints as ES SQL's StringUtils does:
 * `yyyy-MM-ddTHH:mm:ss.SSS` then the offset id (`Z` for UTC, else `+01:00`); a time as `HH:mm:ss.SSS` then the
 * offset id (StringUtils.toString, and XContent's OFFSET_TIME_FORMATTER `HH:mm:ss.SSSZZZZZ` in JSON).
 */

export class DateTimeValue {
  constructor(
    readonly millis: number,
    /** Minutes east of UTC the value is shown in (the request's time_zone). */
    readonly offsetMinutes: number,
  ) {}

  /** The value's calendar fields in its zone. */
  fields(): Date {
    return new Date(this.millis + this.offsetMinutes * 60000)
  }

  toString(): string {
    const local = this.fields().toISOString()
    return local.slice(0, 23) + offsetId(this.offsetMinutes)
  }
}

/** A TIME value: OffsetTime at millisecond precision. */
export class TimeValue {
  constructor(
    /** The wall-clock millisecond of the day, 0 – 86,399,999. */
    readonly millisOfDay: number,
    /** Minutes east of UTC of its offset. */
    readonly offsetMinutes: number,
  ) {}

  /** The instant of the time on 1970-01-01, epoch millis (OffsetTime.atDate(EPOCH).toInstant()). */
  get millis(): number {
    return this.millisOfDay - this.offsetMinutes * 60000
  }

  toString(): string {
    return new Date(this.millisOfDay).toISOString().slice(11, 23) + offsetId(this.offsetMinutes)
  }
}

export type IntervalUnit = 'YEAR' | 'MONTH' | 'DAY' | 'HOUR' | 'MINUTE' | 'SECOND'

const UNIT_MILLIS: Readonly<Record<IntervalUnit, number>> = {
  YEAR: 365 * 86_400_000,
  MONTH: 30 * 86_400_000,
  DAY: 86_400_000,
  HOUR: 3_600_000,
  MINUTE: 60_000,
  SECOND: 1000,
}

/** An INTERVAL literal (`INTERVAL 1 YEAR`, `INTERVAL '2' DAYS`): an amount of one unit. */
export class IntervalValue {
  constructor(
    readonly amount: number,
    readonly unit: IntervalUnit,
  ) {}

  /** The interval's SQL type (`interval_year`…). */
  get type(): string {
    return `interval_${this.unit.toLowerCase()}`
  }

  /** Its length in milliseconds (a year as 365 days and a month as 30, as a fixed interval counts them). */
  get millis(): number {
    return this.amount * UNIT_MILLIS[this.unit]
  }

  /** An interval of this type holding `months` months (DATE_TRUNC of a year-month interval). */
  withMonths(months: number): IntervalValue {
    return new IntervalValue(this.unit === 'YEAR' ? months / 12 : months, this.unit)
  }

  /** An interval of this type lasting `millis` (DATE_TRUNC of a day-time interval). */
  withMillis(millis: number): IntervalValue {
    return new IntervalValue(millis / UNIT_MILLIS[this.unit], this.unit)
  }

  /** The calendar interval of a date_histogram for one unit (`1y`, `1M`, `1d`…), else null (a fixed one). */
  get calendar(): string | null {
    if (this.amount !== 1) return null
    return { YEAR: '1y', MONTH: '1M', DAY: '1d', HOUR: '1h', MINUTE: '1m', SECOND: '1s' }[this.unit]
  }

  /** The start of the bucket `value` falls in, in the value's zone. */
  bucket(value: DateTimeValue): DateTimeValue {
    const offset = value.offsetMinutes * 60000
    const local = value.fields()
    let start: number
    if (this.calendar !== null && (this.unit === 'YEAR' || this.unit === 'MONTH')) {
      start = Date.UTC(local.getUTCFullYear(), this.unit === 'YEAR' ? 0 : local.getUTCMonth(), 1)
    } else {
      start = Math.floor(local.getTime() / this.millis) * this.millis
    }
    return new DateTimeValue(start - offset, value.offsetMinutes)
  }

  /** Period.toString / Duration.toString, as JSON writes it: `P1Y`, `P2M`, `PT24H`, `PT30M`. */
  iso(): string {
    const n = this.amount
    switch (this.unit) {
      case 'YEAR':
        return `P${n}Y`
      case 'MONTH':
        return `P${n}M`
      case 'DAY':
        return `PT${n * 24}H`
      case 'HOUR':
        return `PT${n}H`
      case 'MINUTE':
        return `PT${n}M`
      case 'SECOND':
        return `PT${n}S`
    }
  }

  /** StringUtils.toString for text: a Period as `+Y-M`, a Duration as `+D HH:MM:SS`. */
  toString(): string {
    const sign = this.amount < 0 ? '-' : '+'
    const n = Math.abs(this.amount)
    if (this.unit === 'YEAR') return `${sign}${n}-0`
    if (this.unit === 'MONTH') return `${sign}${Math.floor(n / 12)}-${n % 12}`
    const seconds = (Math.abs(this.millis) / 1000) | 0
    const pad = (v: number): string => String(v).padStart(2, '0')
    const days = Math.floor(seconds / 86400)
    const rest = seconds % 86400
    return `${sign}${days} ${pad(Math.floor(rest / 3600))}:${pad(Math.floor((rest % 3600) / 60))}:${pad(rest % 60)}`
  }
}

export type SqlValue = string | number | boolean | null | DateTimeValue | TimeValue | IntervalValue

/** ZoneOffset.getId: `Z`, or `±HH:MM`. */
function offsetId(minutes: number): string {
  if (minutes === 0) return 'Z'
  const sign = minutes < 0 ? '-' : '+'
  const abs = Math.abs(minutes)
  const pad = (n: number): string => String(n).padStart(2, '0')
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
}

/**
 * Orders two values as ES SQL's Comparisons do (numbers, strings by UTF-16 order, datetimes, booleans); times
 * as OffsetTime.compareTo: by their instant on one day, then by their wall clock.
 */
export function compareValues(a: SqlValue, b: SqlValue): number {
  if (a instanceof TimeValue && b instanceof TimeValue && a.millis === b.millis)
    return compareValues(a.millisOfDay, b.millisOfDay)
  const x = a instanceof DateTimeValue || a instanceof TimeValue || a instanceof IntervalValue ? a.millis : a
  const y = b instanceof DateTimeValue || b instanceof TimeValue || b instanceof IntervalValue ? b.millis : b
  if (x === y) return 0
  if (x === null) return -1
  if (y === null) return 1
  return x < y ? -1 : 1
}
