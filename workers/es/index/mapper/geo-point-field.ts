/**
 * GeoPointFieldMapper's side of a document: every point a `geo_point` field's value holds, validated as ES validates
 * it, and the doc values it stores.
 *
 * A value is one point (object, string, or an array of numbers `[lon, lat]`) or an array of points; `null` is the
 * field's `null_value` (a point string) or nothing. Without `ignore_malformed` a point that does not parse, or whose
 * latitude is outside [-90, 90] or longitude outside [-180, 180], fails the document with document_parsing_exception
 * "failed to parse field [f] of type [geo_point]" caused by the parse error or "illegal latitude value [100.0] for f";
 * with it, such a point is normalised onto the globe (GeoUtils.normalizePoint) when finite and otherwise dropped.
 * The failure is located (document-failure.ts) at the end of the refused point's token, an array of points' element.
 *
 * A parsed point travels to the doc values as the text "lat,lon" (JavaScript's shortest round-trip numbers). The doc
 * values are the index's numeric column: each point as two words, its encoded latitude and longitude
 * (GeoEncodingUtils) each offset to unsigned and tagged with its position, word 2k + i = (2k + i)·2^32 + (encoded +
 * 2^31), k the point's rank and i 0 for the latitude and 1 for the longitude. Every word is an integer below 2^53, so
 * the float64 column holds it exactly, and the column's ascending order keeps each point's two words together in
 * rank order; points are ranked as Lucene orders LatLonDocValuesField's longs (latitude, then longitude unsigned).
 */
import { documentParsingException, EsException, illegalArgumentException } from '../../errors/index.ts'
import { javaDoubleToString, XNumber, type XContentValue } from '../../xcontent/index.ts'
import {
  decodeLatitude,
  decodeLongitude,
  encodeLatitude,
  encodeLongitude,
  type GeoPoint,
} from '../../common/geo/geo-encoding.ts'
import { parseGeoPoint, parseGeoPointString } from '../../common/geo/geo-point-parser.ts'
import type { FieldMapping } from './mapping.ts'
import type { LeafValue } from './document-parser.ts'
import { ignoresMalformed } from './field-parameters.ts'
import { documentFailure, failedIn } from './document-failure.ts'

/** The "lat,lon" texts of a geo_point field's value (see the header). */
export function geoPointValues(
  path: string,
  field: FieldMapping,
  value: XContentValue,
  ignoreMalformedByDefault: boolean,
): string[] {
  const ignoreMalformed = ignoresMalformed(field, ignoreMalformedByDefault)
  if (value === null) {
    const nullValue = field.null_value
    return typeof nullValue === 'string' ? pointTexts(path, field, [nullValue], ignoreMalformed) : []
  }
  return eachPoint(value, (point) => pointTexts(path, field, [point], ignoreMalformed))
}

/**
 * A point field's non-null value as points, each read by `read`: one point (an object, a string, or an array that
 * starts with a number, `[x, y]`), or an array of points, nulls skipped and a failure located at its element.
 */
export function eachPoint(value: XContentValue, read: (point: XContentValue) => string[]): string[] {
  const single = Array.isArray(value) && value.length > 0 && value[0] instanceof XNumber
  if (!Array.isArray(value) || single) return read(value)
  const out: string[] = []
  value.forEach((point, i) => {
    if (point === null) return
    try {
      out.push(...read(point))
    } catch (error) {
      throw failedIn(error, i)
    }
  })
  return out
}

function pointTexts(
  path: string,
  field: FieldMapping,
  values: readonly XContentValue[],
  ignoreMalformed: boolean,
): string[] {
  const out: string[] = []
  for (const value of values) {
    const point = checkedPoint(path, field, value, ignoreMalformed)
    if (point !== null) out.push(`${point.lat},${point.lon}`)
  }
  return out
}

function checkedPoint(
  path: string,
  field: FieldMapping,
  value: XContentValue,
  ignoreMalformed: boolean,
): GeoPoint | null {
  let point: GeoPoint
  try {
    point = parseGeoPoint(value, field.ignore_z_value !== false && field.ignore_z_value !== 'false')
    if (!ignoreMalformed) {
      if (!(point.lat >= -90 && point.lat <= 90)) {
        throw illegalArgumentException(
          `illegal latitude value [${javaDoubleToString(point.lat)}] for ${path}`,
        )
      }
      if (!(point.lon >= -180 && point.lon <= 180)) {
        throw illegalArgumentException(
          `illegal longitude value [${javaDoubleToString(point.lon)}] for ${path}`,
        )
      }
    }
  } catch (error) {
    if (!(error instanceof EsException)) throw error
    if (ignoreMalformed) return null
    // AbstractGeometryFieldMapper's onMalformed, at the token the point parser stands on once it has read the
    // point: an object's `}`, an array's `]`, a string itself
    throw documentFailure('end', (at) =>
      documentParsingException(at.line, at.col, `failed to parse field [${path}] of type [geo_point]`, error),
    )
  }
  if (!Number.isFinite(point.lat) || !Number.isFinite(point.lon)) return null
  return normalizePoint(point)
}

/** Java's `%` on doubles, then into (-divisor/2, divisor/2] (GeoUtils.centeredModulus). */
function centeredModulus(dividend: number, divisor: number): number {
  let rtn = dividend % divisor
  if (rtn <= 0) rtn += divisor
  if (rtn > divisor / 2) rtn -= divisor
  return rtn
}

/** GeoUtils.normalizePoint: a latitude past a pole folds back and moves the longitude half way round. */
export function normalizePoint(point: GeoPoint): GeoPoint {
  let { lat, lon } = point
  const normLat = lat > 90 || lat < -90
  const normLon = lon > 180 || lon < -180 || normLat
  if (normLat) {
    lat = centeredModulus(lat, 360)
    let shift = true
    if (lat < -90) lat = -180 - lat
    else if (lat > 90) lat = 180 - lat
    else shift = false
    if (shift) lon += 180
  }
  if (normLon) lon = centeredModulus(lon, 360)
  return { lat, lon }
}

const WORD = 2 ** 32
const OFFSET = 2 ** 31

/** The packed doc-value words of a field's "lat,lon" texts (see the header). */
export function geoPointDocValues(values: readonly LeafValue[]): number[] {
  const encoded = values.map((value) => {
    const point = parseGeoPointString(String(value))
    return { lat: encodeLatitude(point.lat), lon: encodeLongitude(point.lon) }
  })
  encoded.sort((a, b) => a.lat - b.lat || (a.lon >>> 0) - (b.lon >>> 0))
  const words: number[] = []
  encoded.forEach((point, k) => {
    words.push(2 * k * WORD + point.lat + OFFSET, (2 * k + 1) * WORD + point.lon + OFFSET)
  })
  return words
}

/** The points of a document's packed doc-value words, decoded from their quantised coordinates. */
export function geoPointsOf(words: readonly number[]): GeoPoint[] {
  const points: GeoPoint[] = []
  for (let i = 0; i + 1 < words.length; i += 2) {
    points.push({
      lat: decodeLatitude((words[i]! % WORD) - OFFSET),
      lon: decodeLongitude((words[i + 1]! % WORD) - OFFSET),
    })
  }
  return points
}
