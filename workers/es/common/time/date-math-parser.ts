/**
 * JavaDateMathParser (Elasticsearch 8): `now` or `<date>||` followed by date math, `[+-/](\d+)?[yMwdhHms]`
 * repeated, evaluated left to right in a time zone (UTC when none is given).
 *
 * `+n`/`-n` add calendar units (y M w d keep the wall-clock time, h H m s move the instant); `/u` rounds down
 * to the start of the unit (weeks start on Monday). With `roundUp` (range gt and lte) a rounding goes to the
 * last millisecond of the unit instead, and a date without math is parsed with the formatter's round-up
 * parser (missing fields default to their maximum). The zone never changes `now`, and an offset or zone in
 * the date text wins over it.
 *
 * Errors are ElasticsearchParseException (`parse_exception`): `operator not supported for date math [m]`,
 * `truncated date math [m]`, ``rounding `/` can only be used on single unit types [m]``, `unit [u] not supported
 * for date math [m]`, `cannot parse empty datetime`, and `failed to parse date field [x] with format [f]: [why]`
 * caused by the formatter's illegal_argument_exception.
 */

import {
  MILLIS_PER_DAY,
  MILLIS_PER_HOUR,
  MILLIS_PER_MINUTE,
  MILLIS_PER_SECOND,
  dayOfWeek,
  floorDiv,
  fromLocalMillis,
  plusMonths,
  startOfDay,
  toLocalMillis,
} from './calendar.ts'
import { toEpochMillis, type DateFormatter } from './date-formatter.ts'
import { toLong, type NanoInstant } from './date-utils.ts'
import { EsException } from '../../errors/es-exception.ts'
import { parseException } from './time-errors.ts'
import { ZoneId } from './zone-id.ts'
import { localToUtc } from './zone-rules.ts'

export function parseDateMath(
  text: string,
  nowMillis: number,
  roundUp: boolean,
  zone: ZoneId | null,
  formatter: DateFormatter,
): number {
  return parseDateMathInstant(text, nowMillis, roundUp, zone, formatter).millis
}

/**
 * parseDateMath keeping the nanoseconds below the millisecond (a date_nanos field's bounds): `+`/`-` keep them,
 * a `/` rounding clears them (and its round-up then steps back one whole millisecond), `now` has none.
 */
export function parseDateMathInstant(
  text: string,
  nowMillis: number,
  roundUp: boolean,
  zone: ZoneId | null,
  formatter: DateFormatter,
): NanoInstant {
  let time: NanoInstant
  let math: string
  if (text.startsWith('now')) {
    time = { millis: nowMillis, nanoOfMilli: 0 }
    math = text.slice('now'.length)
  } else {
    const index = text.indexOf('||')
    if (index === -1) return parseDateTime(text, zone, roundUp, formatter)
    time = parseDateTime(text.slice(0, index), zone, false, formatter)
    math = text.slice(index + 2)
  }
  return applyMath(math, time, roundUp, zone ?? ZoneId.UTC)
}

/**
 * DateFieldType.rangeQuery's bounds: gt and lte parse with roundUp; gt then adds 1 ms and lt subtracts 1 ms, so
 * both bounds are inclusive. A missing bound is -Infinity / Infinity (Long.MIN_VALUE / MAX_VALUE in ES).
 */
export function rangeQueryBounds(
  bounds: { from: string | null; to: string | null; includeLower: boolean; includeUpper: boolean },
  nowMillis: number,
  zone: ZoneId | null,
  formatter: DateFormatter,
): { lower: number; upper: number } {
  let lower = -Infinity
  let upper = Infinity
  if (bounds.from !== null) {
    lower = parseDateMath(bounds.from, nowMillis, !bounds.includeLower, zone, formatter)
    if (!bounds.includeLower) lower++
  }
  if (bounds.to !== null) {
    upper = parseDateMath(bounds.to, nowMillis, bounds.includeUpper, zone, formatter)
    if (!bounds.includeUpper) upper--
  }
  return { lower, upper }
}

/**
 * rangeQueryBounds for a date_nanos field (Resolution.NANOSECONDS): each bound through DateUtils.toLong (a bound
 * before 1970 or after 2262 fails with its illegal_argument_exception), gt adding and lt subtracting one
 * nanosecond; a missing bound is null.
 */
export function rangeQueryNanosBounds(
  bounds: { from: string | null; to: string | null; includeLower: boolean; includeUpper: boolean },
  nowMillis: number,
  zone: ZoneId | null,
  formatter: DateFormatter,
): { lower: bigint | null; upper: bigint | null } {
  const parse = (text: string, roundUp: boolean): bigint =>
    toLong(parseDateMathInstant(text, nowMillis, roundUp, zone, formatter))
  const lower =
    bounds.from === null ? null : parse(bounds.from, !bounds.includeLower) + (bounds.includeLower ? 0n : 1n)
  const upper =
    bounds.to === null ? null : parse(bounds.to, bounds.includeUpper) - (bounds.includeUpper ? 0n : 1n)
  return { lower, upper }
}

function parseDateTime(
  value: string,
  zone: ZoneId | null,
  roundUp: boolean,
  formatter: DateFormatter,
): NanoInstant {
  if (value.length === 0) throw parseException('cannot parse empty datetime')
  try {
    const temporal = formatter.parse(value, roundUp)
    return { millis: toEpochMillis(temporal, zone ?? ZoneId.UTC), nanoOfMilli: temporal.nanoOfMilli }
  } catch (e) {
    if (!(e instanceof EsException)) throw e
    throw parseException(
      `failed to parse date field [${value}] with format [${formatter.pattern}]: [${e.reason}]`,
      e,
    )
  }
}

/** A ZonedDateTime as (instant, zone); wall-clock changes keep the current offset when it stays valid. */
class Zoned {
  constructor(
    readonly utc: number,
    readonly zone: ZoneId,
  ) {}

  get offset(): number {
    return this.zone.offsetAt(this.utc)
  }

  get local(): number {
    return this.utc + this.offset
  }

  withLocal(local: number): Zoned {
    return new Zoned(localToUtc(this.zone.rules, local, this.offset), this.zone)
  }

  plusMillis(millis: number): Zoned {
    return new Zoned(this.utc + millis, this.zone)
  }
}

type Unit = 'y' | 'M' | 'w' | 'd' | 'h' | 'm' | 's'

function plus(t: Zoned, unit: Unit, n: number): Zoned {
  switch (unit) {
    case 'y':
      return t.withLocal(plusMonths(t.local, 12 * n))
    case 'M':
      return t.withLocal(plusMonths(t.local, n))
    case 'w':
      return t.withLocal(t.local + 7 * n * MILLIS_PER_DAY)
    case 'd':
      return t.withLocal(t.local + n * MILLIS_PER_DAY)
    case 'h':
      return t.plusMillis(n * MILLIS_PER_HOUR)
    case 'm':
      return t.plusMillis(n * MILLIS_PER_MINUTE)
    case 's':
      return t.plusMillis(n * MILLIS_PER_SECOND)
  }
}

function roundDown(t: Zoned, unit: Unit): Zoned {
  const local = t.local
  switch (unit) {
    case 'y':
      return t.withLocal(
        toLocalMillis({
          ...fromLocalMillis(local),
          month: 1,
          day: 1,
          hour: 0,
          minute: 0,
          second: 0,
          millis: 0,
        }),
      )
    case 'M':
      return t.withLocal(
        toLocalMillis({ ...fromLocalMillis(local), day: 1, hour: 0, minute: 0, second: 0, millis: 0 }),
      )
    case 'w': {
      const midnight = startOfDay(local)
      return t.withLocal(midnight - (dayOfWeek(floorDiv(midnight, MILLIS_PER_DAY)) - 1) * MILLIS_PER_DAY)
    }
    case 'd':
      return t.withLocal(startOfDay(local))
    case 'h':
      return t.withLocal(floorDiv(local, MILLIS_PER_HOUR) * MILLIS_PER_HOUR)
    case 'm':
      return t.withLocal(floorDiv(local, MILLIS_PER_MINUTE) * MILLIS_PER_MINUTE)
    case 's':
      return t.withLocal(floorDiv(local, MILLIS_PER_SECOND) * MILLIS_PER_SECOND)
  }
}

const UNITS: Record<string, Unit> = { y: 'y', M: 'M', w: 'w', d: 'd', h: 'h', H: 'h', m: 'm', s: 's' }

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9'
}

function applyMath(math: string, time: NanoInstant, roundUp: boolean, zone: ZoneId): NanoInstant {
  let t = new Zoned(time.millis, zone)
  let nanoOfMilli = time.nanoOfMilli
  for (let i = 0; i < math.length;) {
    const c = math.charAt(i++)
    const round = c === '/'
    if (!round && c !== '+' && c !== '-')
      throw parseException(`operator not supported for date math [${math}]`)
    const sign = c === '-' ? -1 : 1
    if (i >= math.length) throw parseException(`truncated date math [${math}]`)
    let num = 1
    if (isDigit(math.charAt(i))) {
      const from = i
      while (i < math.length && isDigit(math.charAt(i))) i++
      if (i >= math.length) throw parseException(`truncated date math [${math}]`)
      num = Number(math.slice(from, i))
    }
    if (round && num !== 1) {
      throw parseException(`rounding \`/\` can only be used on single unit types [${math}]`)
    }
    const unitChar = math.charAt(i++)
    const unit = UNITS[unitChar]
    if (unit === undefined) throw parseException(`unit [${unitChar}] not supported for date math [${math}]`)
    if (round) {
      t = roundDown(t, unit)
      nanoOfMilli = 0
      if (roundUp) t = plus(t, unit, 1).plusMillis(-1)
    } else {
      t = plus(t, unit, sign * num)
    }
  }
  return { millis: t.utc, nanoOfMilli }
}
