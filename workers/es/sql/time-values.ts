/**
 * ES SQL's TIME values (OffsetTime, millisecond precision) as DateUtils and the converters make them:
 * - asTimeOnly: a datetime's wall clock and offset (ZonedDateTime.toOffsetDateTime().toOffsetTime());
 * - timeAtZone: a time on 1970-01-01 seen in the request's zone (DateUtils.asTimeAtZone), as the datetime
 *   functions and formatters read it;
 * - addIntervalToTime: IntervalArithmetics on an OffsetTime: a year-month interval leaves it as it is, a
 *   day-time one adds its length modulo a day, wrapping around midnight;
 * - toTime: CAST(x AS TIME) (SqlDataTypeConverter.conversionToTime): a datetime or date through asTimeOnly, a
 *   string read as ISO_TIME (DateUtils.asTimeOnly: `HH:mm[:ss[.fraction]]` and an optional offset, UTC
 *   otherwise), a number or boolean as epoch millis modulo a day at UTC; and the epoch millis a time converts
 *   to (TIME_TO_LONG and the other numeric conversions: its instant on 1970-01-01).
 */
import { MILLIS_PER_DAY, floorMod } from '../common/time/calendar.ts'
import { parseOffset, type ZoneId } from '../common/time/zone-id.ts'
import { sqlIllegalArgumentException } from './sql-exceptions.ts'
import { DateTimeValue, TimeValue, type IntervalValue, type SqlValue } from './sql-values.ts'

export function asTimeOnly(v: DateTimeValue): TimeValue {
  const offset = v.offset
  return new TimeValue(floorMod(v.millis + offset, MILLIS_PER_DAY), offset)
}

export function timeAtZone(t: TimeValue, zone: ZoneId): DateTimeValue {
  return new DateTimeValue(t.millis, zone)
}

/** A time plus (sign 1) or minus (sign -1) an INTERVAL. */
export function addIntervalToTime(t: TimeValue, interval: IntervalValue, sign: number): TimeValue {
  if (interval.unit === 'YEAR' || interval.unit === 'MONTH') return t
  const shift = sign * (interval.millis % MILLIS_PER_DAY)
  return new TimeValue(floorMod(t.millisOfDay + shift, MILLIS_PER_DAY), t.offset)
}

const ISO_TIME = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-].+)?$/

/** DateUtils.asTimeOnly(String); DataTypeConverter's failure when it cannot be read. */
function parseTime(text: string): TimeValue {
  const m = ISO_TIME.exec(text)
  const failure = () =>
    sqlIllegalArgumentException(`cannot cast [${text}] to [time]: Text '${text}' could not be parsed`)
  if (m === null) throw failure()
  const [hours, minutes, seconds] = [m[1], m[2], m[3] ?? '0'].map(Number) as [number, number, number]
  if (hours > 23 || minutes > 59 || seconds > 59) throw failure()
  const millis = Number((m[4] ?? '').padEnd(3, '0').slice(0, 3))
  let offset = 0
  try {
    offset = m[5] === undefined ? 0 : parseOffset(m[5])
  } catch {
    throw failure()
  }
  const millisOfDay = ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis
  return new TimeValue(millisOfDay, offset)
}

/** CAST(v AS TIME). */
export function toTime(v: SqlValue): SqlValue {
  if (v === null || v instanceof TimeValue) return v
  if (v instanceof DateTimeValue) return asTimeOnly(v)
  if (typeof v === 'string') return parseTime(v)
  if (typeof v === 'number' || typeof v === 'boolean') {
    const millis = Math.trunc(Number(v)) % MILLIS_PER_DAY
    return new TimeValue(floorMod(millis, MILLIS_PER_DAY), 0)
  }
  return null
}
