/**
 * The values a row holds while a statement runs: strings, numbers, booleans, null, datetimes (a ZonedDateTime:
 * UTC epoch milliseconds and the zone they are seen in, the request's time_zone), times (ES SQL's TIME, a
 * java.time OffsetTime: the wall-clock millisecond of the day and its offset) and INTERVAL literals. A datetime
 * prints as ES SQL's StringUtils does: `yyyy-MM-ddTHH:mm:ss.SSS` then the id of its offset at that instant (`Z`
 * for UTC, else `+01:00`); a time as `HH:mm:ss.SSS` then the offset id (StringUtils.toString, and XContent's
 * OFFSET_TIME_FORMATTER `HH:mm:ss.SSSZZZZZ` in JSON). Offsets are milliseconds east of UTC.
 */
import { Rounding, type DateTimeUnit } from '../common/time/rounding.ts'
import { offsetId, type ZoneId } from '../common/time/zone-id.ts'

export class DateTimeValue {
  constructor(
    readonly millis: number,
    /** The zone the value is seen in (the request's time_zone). */
    readonly zone: ZoneId,
  ) {}

  /** The zone's offset at this instant. */
  get offset(): number {
    return this.zone.offsetAt(this.millis)
  }

  /** The value's calendar fields in its zone. */
  fields(): Date {
    return new Date(this.millis + this.offset)
  }

  toString(): string {
    const local = this.fields().toISOString()
    return local.slice(0, 23) + offsetId(this.offset)
  }
}

/** A TIME value: OffsetTime at millisecond precision. */
export class TimeValue {
  constructor(
    /** The wall-clock millisecond of the day, 0 – 86,399,999. */
    readonly millisOfDay: number,
    /** Its offset, milliseconds east of UTC. */
    readonly offset: number,
  ) {}

  /** The instant of the time on 1970-01-01, epoch millis (OffsetTime.atDate(EPOCH).toInstant()). */
  get millis(): number {
    return this.millisOfDay - this.offset
  }

  toString(): string {
    return new Date(this.millisOfDay).toISOString().slice(11, 23) + offsetId(this.offset)
  }
}

export type IntervalUnit = 'YEAR' | 'MONTH' | 'DAY' | 'HOUR' | 'MINUTE' | 'SECOND'

/** The date_histogram calendar unit of a one-unit interval. */
const CALENDAR_UNITS: Readonly<Record<IntervalUnit, DateTimeUnit>> = {
  YEAR: 'YEAR_OF_CENTURY',
  MONTH: 'MONTH_OF_YEAR',
  DAY: 'DAY_OF_MONTH',
  HOUR: 'HOUR_OF_DAY',
  MINUTE: 'MINUTE_OF_HOUR',
  SECOND: 'SECOND_OF_MINUTE',
}

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

  /**
   * The start of the bucket `value` falls in, in the value's zone, as the date_histogram the HISTOGRAM becomes
   * rounds it (a calendar unit for one unit, else a fixed interval).
   */
  bucket(value: DateTimeValue): DateTimeValue {
    const rounding =
      this.calendar !== null
        ? Rounding.calendar(CALENDAR_UNITS[this.unit], value.zone)
        : Rounding.fixed(this.millis, value.zone)
    return new DateTimeValue(rounding.round(value.millis), value.zone)
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
