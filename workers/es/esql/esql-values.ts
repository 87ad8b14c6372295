/**
 * ES|QL's data types and values (DataType, EsqlDataTypes.fromEs, PositionToXContent). A cell is null, one
 * value or a multi-value (an array of two or more). Numbers are JS numbers whatever their type (`integer`,
 * `long`, `double`); a `date` is epoch milliseconds; `keyword`, `text`, `ip` and `version` are strings. A
 * time span literal (`1 day`, `2 hours`) is a TimeSpan of type `date_period` or `time_duration`.
 * A mapped field's type: byte, short and integer read as `integer`; float, half_float, scaled_float and double
 * as `double`; keyword, constant_keyword and wildcard as `keyword`; text and match_only_text as `text`; long,
 * unsigned_long, boolean, date, ip, version, geo_point and geo_shape as themselves; point as `cartesian_point` and
 * shape as `cartesian_shape`; any other as `unsupported` (always null). A spatial value (geo_point, geo_shape,
 * cartesian_point, cartesian_shape) is its geometry's WKT as ES|QL prints it (WellKnownText.toWKT:
 * `POINT (42.97109630194 14.7552534413725)`, numbers as Java's Double.toString), and so prints as that string.
 * In JSON a date prints as `yyyy-MM-ddTHH:mm:ss.SSSZ` and a double as Java prints it; in text (txt, csv) a
 * multi-value prints as Java's List#toString (`[a, b]`).
 */
import { addressTerm, forString } from '../common/network/inet-addresses.ts'
import { JavaDouble, javaDoubleToString, type JsonOut } from '../xcontent/index.ts'

export type TimeUnit =
  'year' | 'quarter' | 'month' | 'week' | 'day' | 'hour' | 'minute' | 'second' | 'millisecond'

/** The unit names a time span literal (`2 hours`) and TO_DATEPERIOD / TO_TIMEDURATION read (EsqlParser's INTERVALS). */
export const TIME_UNIT_NAMES: ReadonlyMap<string, TimeUnit> = new Map(
  Object.entries({
    millisecond: ['millisecond', 'milliseconds', 'ms'],
    second: ['second', 'seconds', 'sec', 's'],
    minute: ['minute', 'minutes', 'min'],
    hour: ['hour', 'hours', 'h'],
    day: ['day', 'days', 'd'],
    week: ['week', 'weeks', 'w'],
    month: ['month', 'months', 'mo'],
    quarter: ['quarter', 'quarters', 'q'],
    year: ['year', 'years', 'yr', 'y'],
  }).flatMap(([unit, names]) => names.map((name) => [name, unit as TimeUnit] as const)),
)

/** A time span literal: `1 year` is a date_period (calendar), `1 hour` a time_duration (fixed). */
export class TimeSpan {
  constructor(
    readonly amount: number,
    readonly unit: TimeUnit,
  ) {}

  get type(): string {
    return ['year', 'quarter', 'month', 'week', 'day'].includes(this.unit) ? 'date_period' : 'time_duration'
  }

  /** Period#toString / Duration#toString: `P1D`, `P3M`, `PT1H`. */
  toString(): string {
    const n = this.amount
    switch (this.unit) {
      case 'year':
        return `P${n}Y`
      case 'quarter':
        return `P${n * 3}M`
      case 'month':
        return `P${n}M`
      case 'week':
        return `P${n * 7}D`
      case 'day':
        return `P${n}D`
      case 'hour':
        return `PT${n}H`
      case 'minute':
        return `PT${n}M`
      case 'second':
        return `PT${n}S`
      case 'millisecond':
        return `PT${n / 1000}S`
    }
  }

  /** `millis` moved by this span `times` times (calendar units in UTC). */
  addTo(millis: number, times = 1): number {
    const d = new Date(millis)
    const n = this.amount * times
    const fixed: Partial<Record<TimeUnit, number>> = {
      week: 604_800_000,
      day: 86_400_000,
      hour: 3_600_000,
      minute: 60_000,
      second: 1000,
      millisecond: 1,
    }
    const unit = fixed[this.unit]
    if (unit !== undefined) return millis + n * unit
    const months = this.unit === 'year' ? n * 12 : this.unit === 'quarter' ? n * 3 : n
    d.setUTCMonth(d.getUTCMonth() + months)
    return d.getTime()
  }
}

export type EsqlScalar = string | number | boolean | TimeSpan
export type EsqlValue = null | EsqlScalar | readonly EsqlScalar[]

/** The ES|QL type of a mapped field of `esType`. */
export function esqlTypeOfField(esType: string): string {
  switch (esType) {
    case 'byte':
    case 'short':
    case 'integer':
      return 'integer'
    case 'float':
    case 'half_float':
    case 'scaled_float':
    case 'double':
      return 'double'
    case 'keyword':
    case 'constant_keyword':
    case 'wildcard':
      return 'keyword'
    case 'text':
    case 'match_only_text':
      return 'text'
    case 'long':
    case 'unsigned_long':
    case 'boolean':
    case 'date':
    case 'ip':
    case 'version':
    case 'geo_point':
    case 'geo_shape':
      return esType
    case 'point':
      return 'cartesian_point'
    case 'shape':
      return 'cartesian_shape'
    default:
      return 'unsupported'
  }
}

export const NUMERIC_TYPES: ReadonlySet<string> = new Set(['integer', 'long', 'double', 'unsigned_long'])
export const STRING_TYPES: ReadonlySet<string> = new Set(['keyword', 'text'])
/** DataType.isSpatial: the types whose values are geometries. */
export const SPATIAL_TYPES: ReadonlySet<string> = new Set([
  'geo_point',
  'geo_shape',
  'cartesian_point',
  'cartesian_shape',
])

/** The values of a cell: none for null, one, or a multi-value's. */
export function valuesOf(value: EsqlValue): readonly EsqlScalar[] {
  if (value === null) return []
  return Array.isArray(value) ? (value as readonly EsqlScalar[]) : [value as EsqlScalar]
}

/** A cell from a list of values: null when empty, the value when one, else the multi-value. */
export function cellOf(values: readonly EsqlScalar[]): EsqlValue {
  if (values.length === 0) return null
  return values.length === 1 ? values[0]! : values
}

/**
 * The key values of `type` order by, as ES|QL's blocks hold them: an ip by its 16 bytes (InetAddressPoint order, the
 * BytesRef compare of MIN, MAX, TOP, MV_SORT), anything else as itself (numbers numerically, false before true,
 * strings by UTF-16 code unit, which is BytesRef order but for surrogate pairs).
 */
export function orderKey(type: string): (v: EsqlScalar) => EsqlScalar {
  return type === 'ip' ? (v) => addressTerm(forString(String(v))) : (v) => v
}

/** Compares two values of `type` in orderKey's order. */
export function comparator(type: string): (a: EsqlScalar, b: EsqlScalar) => number {
  const key = orderKey(type)
  return (a, b) => {
    const [x, y] = [key(a), key(b)]
    return x < y ? -1 : x > y ? 1 : 0
  }
}

/** DEFAULT_DATE_TIME_FORMATTER (strict_date_optional_time in UTC): `2004-03-02T00:00:00.000Z`. */
export function formatDate(millis: number): string {
  return new Date(millis).toISOString()
}

function scalarJson(value: EsqlScalar, type: string): JsonOut {
  if (typeof value === 'number') {
    if (type === 'date') return formatDate(value)
    if (type === 'double') return new JavaDouble(value)
    return value
  }
  if (value instanceof TimeSpan) return value.toString()
  return value
}

function scalarText(value: EsqlScalar, type: string): string {
  if (typeof value === 'number') {
    if (type === 'date') return formatDate(value)
    if (type === 'double') return javaDoubleToString(value)
  }
  return String(value)
}

/** A cell in a JSON response. */
export function jsonCell(value: EsqlValue, type: string): JsonOut {
  if (value === null || type === 'unsupported' || type === 'null') return null
  if (Array.isArray(value)) return value.map((v: EsqlScalar) => scalarJson(v, type))
  return scalarJson(value as EsqlScalar, type)
}

/** A cell in a text response (Objects#toString): `null` as `nullText`. */
export function textCell(value: EsqlValue, type: string, nullText: string): string {
  if (value === null || type === 'unsupported' || type === 'null') return nullText
  if (Array.isArray(value)) return `[${value.map((v: EsqlScalar) => scalarText(v, type)).join(', ')}]`
  return scalarText(value as EsqlScalar, type)
}
