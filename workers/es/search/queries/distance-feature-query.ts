/**
 * ES's DistanceFeatureQueryBuilder (`distance_feature`): `{"field", "origin", "pivot", "boost", "_name"}`, scoring
 * each document with a value by boost * pivot / (pivot + distance) (distance-feature-query.ts in assembly):
 *   date / date_nanos  DateFieldType.distanceFeatureQuery: the origin (a string with date math, or a number) parsed
 *                      with the field's format, rounding up, `now` the request's; the pivot a TimeValue
 *                      (`distance_feature.pivot`), both in the field's resolution (LongDistanceFeatureQuery)
 *   geo_point          GeoPointFieldType.distanceFeatureQuery: the origin a point (object or array, parsed with the
 *                      query; or a string, "lat,lon", WKT or geohash, parsed when the query is built), the pivot a
 *                      distance in meters by default (LatLonPointDistanceFeatureQuery)
 * Parse errors are its ConstructingObjectParser's: `[distance_feature] unknown field [k]`, a field or pivot that is
 * no string and an origin that is no object, array, string or number `[distance_feature] k doesn't support values of
 * type: T`, a point that does not parse `[distance_feature] failed to parse field [origin]`, and the missing
 * ones `Required [field, origin, pivot]`. doToQuery's refusals come as query_shard_exception `failed to create query:
 * ...` caused by the failure: a field of another type (`Illegal data type of [t]![distance_feature] query can only be
 * run on a date, date_nanos or geo_point field type!`), an origin or pivot that does not parse, a number origin on a
 * geo_point, a pivot not above 0 (`pivotDistance must be > 0, got p`) and an origin outside the coordinates' ranges.
 * An unmapped field matches nothing; a parse-only context (no index) raises none of doToQuery's errors.
 */
import type { IndexQuery } from '../../../../engine-wasm/src/index/index.ts'
import { EsException, illegalArgumentException, xContentParseException } from '../../errors/index.ts'
import { valueToken } from '../../action/value-token.ts'
import { distanceNumberText, METERS, parseDistance } from '../../common/geo/distance-unit.ts'
import type { GeoPoint } from '../../common/geo/geo-encoding.ts'
import { parseGeoPoint, parseGeoPointString } from '../../common/geo/geo-point-parser.ts'
import { DateFormatter, parseDateMath, parseTimeValue, toLong } from '../../common/time/index.ts'
import { parseDateMathInstant } from '../../common/time/date-math-parser.ts'
import { javaException } from '../../common/time/time-errors.ts'
import { dateNanosFormat } from '../../index/mapper/date-nanos-field.ts'
import { DEFAULT_DATE_FORMAT } from '../../index/mapper/doc-values.ts'
import type { FieldMapping } from '../../index/mapper/mapping.ts'
import {
  endLocationOf,
  javaDoubleToString,
  tokenLocation,
  XNumber,
  type XContentObject,
  type XContentValue,
} from '../../xcontent/index.ts'
import { queryShardException } from '../query-string/query-parser-errors.ts'
import { boostOf, checkDeclaredFields, type QueryContext } from './query-parsing.ts'

const NAME = 'distance_feature'
const REQUIRED = ['field', 'origin', 'pivot'] as const

/** The origin as the parser keeps it: a long, a string, or a point parsed from an object or array. */
type Origin = { long: bigint } | { text: string } | { point: GeoPoint }

type DistanceOrigin = Extract<IndexQuery, { type: 'distanceFeature' }>['origin']

export function distanceFeatureQuery(body: XContentObject, context: QueryContext): IndexQuery {
  checkDeclaredFields(NAME, body, REQUIRED)
  for (const key of ['field', 'pivot']) {
    const value = body.get(key)
    if (value !== undefined && typeof value !== 'string') throw unsupportedValue(body, key)
  }
  const origin = body.has('origin') ? originOf(body) : null
  const missing = REQUIRED.filter((key) => !body.has(key))
  if (missing.length > 0) throw illegalArgumentException(`Required [${missing.join(', ')}]`)
  const field = body.get('field') as string
  const pivot = body.get('pivot') as string
  const boost = boostOf(body)
  const mapping = context.fields.get(field)
  if (mapping === undefined || context.index === undefined) return { type: 'matchNone' }
  try {
    return { type: 'distanceFeature', field, origin: distanceOrigin(mapping, origin!, pivot, context), boost }
  } catch (error) {
    if (!(error instanceof EsException)) throw error
    throw queryShardException(`failed to create query: ${error.reason}`, context.index, error)
  }
}

/** MappedFieldType.distanceFeatureQuery of the field's type. */
function distanceOrigin(
  mapping: FieldMapping,
  origin: Origin,
  pivot: string,
  context: QueryContext,
): DistanceOrigin {
  if (mapping.type === 'geo_point') return geoOrigin(origin, pivot)
  if (mapping.type !== 'date' && mapping.type !== 'date_nanos') {
    throw illegalArgumentException(
      `Illegal data type of [${mapping.type}]![${NAME}] query can only be run on a date, date_nanos or geo_point field type!`,
    )
  }
  // DateFieldType.parseToLong: BytesRefs.toString of the origin, parsed with the field's format, rounding up
  const text =
    'long' in origin ? String(origin.long) : 'text' in origin ? origin.text : pointText(origin.point)
  const now = context.nowMillis ?? 0
  const time = parseTimeValue(pivot, 'distance_feature.pivot')
  const pivotNanos = BigInt(time.duration) * BigInt(time.nanosPerUnit)
  if (mapping.type === 'date') {
    const formatter = DateFormatter.forPattern(mapping.format ?? DEFAULT_DATE_FORMAT)
    const value = BigInt(parseDateMath(text, now, true, null, formatter))
    return { kind: 'date', value, pivot: checkedPivot(pivotNanos / 1_000_000n) }
  }
  const formatter = DateFormatter.forPattern(dateNanosFormat(mapping))
  const value = toLong(parseDateMathInstant(text, now, true, null, formatter))
  return { kind: 'dateNanos', value, pivot: checkedPivot(pivotNanos) }
}

/** LongDistanceFeatureQuery's check of the pivot. */
function checkedPivot(pivot: bigint): bigint {
  if (pivot <= 0n) throw illegalArgumentException(`pivotDistance must be > 0, got ${pivot}`)
  return pivot
}

function geoOrigin(origin: Origin, pivotText: string): DistanceOrigin {
  let point: GeoPoint
  if ('point' in origin) point = origin.point
  else if ('text' in origin) point = parseGeoPointString(origin.text)
  else {
    throw illegalArgumentException(
      'Illegal type [class java.lang.Long] for [origin]! Must be of type [geo_point] or [string] for geo_point fields!',
    )
  }
  const pivot = parseDistance(pivotText, METERS, METERS)
  if (pivot === null) {
    const number = distanceNumberText(pivotText)
    const message = number.trim() === '' ? 'empty String' : `For input string: "${number}"`
    throw javaException('NumberFormatException', message)
  }
  // LatLonPointDistanceFeatureQuery's checks (GeoUtils.checkLatitude / checkLongitude, then the pivot)
  if (!(point.lat >= -90 && point.lat <= 90))
    throw illegalArgumentException(
      `invalid latitude ${javaDoubleToString(point.lat)}; must be between -90.0 and 90.0`,
    )
  if (!(point.lon >= -180 && point.lon <= 180)) {
    throw illegalArgumentException(
      `invalid longitude ${javaDoubleToString(point.lon)}; must be between -180.0 and 180.0`,
    )
  }
  if (!(pivot > 0))
    throw illegalArgumentException(`pivotDistance must be > 0, got ${javaDoubleToString(pivot)}`)
  return { kind: 'geo', lat: point.lat, lon: point.lon, pivot }
}

/** GeoPoint.toString, which a date field parses when the origin was given as a point. */
function pointText(point: GeoPoint): string {
  return `${javaDoubleToString(point.lat)}, ${javaDoubleToString(point.lon)}`
}

/** Origin.originFromXContent: a number's long, a string, or a point from an object or array. */
function originOf(body: XContentObject): Origin {
  const value = body.get('origin')!
  if (value instanceof XNumber) return { long: longValue(value) }
  if (typeof value === 'string') return { text: value }
  if (!(value instanceof Map) && !Array.isArray(value)) throw unsupportedValue(body, 'origin')
  try {
    return { point: parseGeoPoint(value) }
  } catch (error) {
    if (!(error instanceof EsException)) throw error
    const end = value instanceof Map ? endLocationOf(value) : null
    const [line, col] = end === null ? tokenLocation(body, 'origin', 'value') : [end.line, end.col]
    throw xContentParseException(line, col, `[${NAME}] failed to parse field [origin]`, error)
  }
}

/** XContentParser.longValue: an integer as written, a decimal truncated toward zero. */
function longValue(value: XNumber): bigint {
  return /^-?\d+$/.test(value.text) ? BigInt(value.text) : BigInt(Math.trunc(value.value))
}

/** ObjectParser's refusal of a value whose token the field does not take, at the value. */
function unsupportedValue(body: XContentObject, key: string): EsException {
  const [line, col] = tokenLocation(body, key, 'value')
  const value: XContentValue = body.get(key)!
  return xContentParseException(
    line,
    col,
    `[${NAME}] ${key} doesn't support values of type: ${valueToken(value)}`,
  )
}
