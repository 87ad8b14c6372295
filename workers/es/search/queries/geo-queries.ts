/**
 * The geo_point queries as ES 8's GeoDistanceQueryBuilder and GeoBoundingBoxQueryBuilder build them: both become
 * constant-score queries the engine evaluates over the field's doc values (engine-wasm/assembly/index/
 * geo-queries.ts), scoring the boost, so they combine with bool, filter and constant_score like any query.
 *
 * geo_distance: `{"distance": "12km", "<field>": point, "distance_type", "unit", "validation_method",
 * "ignore_unmapped"}`; the distance in meters (a bare number in `unit`, meters by default) becomes
 * GeoUtils.distanceQuerySortKey, and a point matches when its haversinSortKey to the centre is at most it.
 * geo_bounding_box: `{"<field>": {"top_left": p, "bottom_right": p}}` or top_right/bottom_left, or top/left/bottom/
 * right, or `{"wkt": "BBOX (minLon, maxLon, maxLat, minLat)"}`; a left above the right crosses the dateline. The
 * bounds are encoded as LatLonDocValuesField.newSlowBoxQuery encodes them (lower ones rounded up).
 * validation_method STRICT (the default) refuses out-of-range coordinates, COERCE normalises them, IGNORE_MALFORMED
 * takes them as they are. A field that is not mapped is query_shard_exception "failed to find geo field [f]" unless
 * ignore_unmapped; a field of another type is "Field [f] is of unsupported type [t] for [q] query". On a geo_shape field
 * geo_bounding_box is the shapes intersecting the box (shape-queries.ts), and geo_distance the shapes intersecting the
 * circle (GeoDistanceQueryBuilder: a Circle of the distance in meters, common/geo/circle-2d.ts).
 */
import type { IndexQuery } from '../../../../engine-wasm/src/index/index.ts'
import { EsException, illegalArgumentException } from '../../errors/index.ts'
import { javaDoubleToString, type XContentObject, type XContentValue } from '../../xcontent/index.ts'
import { parseBoolean } from '../../common/booleans.ts'
import {
  encodeLatitude,
  encodeLatitudeCeil,
  encodeLongitude,
  encodeLongitudeCeil,
  type GeoPoint,
} from '../../common/geo/geo-encoding.ts'
import { distanceQuerySortKey } from '../../common/geo/sloppy-math.ts'
import { geoCircle } from '../../common/geo/circle-2d.ts'
import { distanceUnit, METERS, parseDistance, type DistanceUnit } from '../../common/geo/distance-unit.ts'
import { parseGeoPoint } from '../../common/geo/geo-point-parser.ts'
import { normalizePoint } from '../../index/mapper/geo-point-field.ts'
import { queryShardException } from '../query-string/query-parser-errors.ts'
import type { Geometry } from '../../common/geo/geometry.ts'
import { componentsOf } from '../../common/geo/shape-components.ts'
import { matchingShapes } from './shape-queries.ts'
import { boostOf, parsingError, scalarText, type QueryContext } from './query-parsing.ts'

type ValidationMethod = 'STRICT' | 'COERCE' | 'IGNORE_MALFORMED'

const VALIDATION_METHODS: readonly ValidationMethod[] = ['STRICT', 'COERCE', 'IGNORE_MALFORMED']

function validationMethod(name: string, value: XContentValue | undefined): ValidationMethod {
  if (value === undefined) return 'STRICT'
  const text = (scalarText(value) ?? '').toUpperCase()
  const method = VALIDATION_METHODS.find((m) => m === text)
  if (method === undefined) throw parsingError(`[${name}] failed to parse field [validation_method]`)
  return method
}

function ignoreUnmapped(value: XContentValue | undefined): boolean {
  if (value === undefined) return false
  return typeof value === 'boolean' ? value : parseBoolean(scalarText(value) ?? '')
}

/** A point option, its parse failure a parsing_exception of the query. */
function pointOf(name: string, value: XContentValue): GeoPoint {
  try {
    return parseGeoPoint(value)
  } catch (error) {
    if (!(error instanceof EsException)) throw error
    throw parsingError(`[${name}] failed to parse point`, error)
  }
}

/** The field's check: false when it is unmapped and ignore_unmapped is set (the query matches nothing). */
function geoField(name: string, field: string, ignore: boolean, context: QueryContext): boolean {
  const mapping = context.fields.get(field)
  if (mapping === undefined) {
    // Without an index the query is only parsed (the coordinating node's check): no mapping to find the field in.
    if (ignore || context.index === undefined) return false
    throw queryShardException(`failed to find geo field [${field}]`, context.index)
  }
  if (mapping.type !== 'geo_point' && mapping.type !== 'geo_shape') {
    throw queryShardException(
      `Field [${field}] is of unsupported type [${mapping.type}] for [${name}] query`,
      context.index,
    )
  }
  return true
}

export function geoDistanceQuery(body: XContentObject, context: QueryContext): IndexQuery {
  let field: string | null = null
  let center: GeoPoint | null = null
  let distanceText: string | null = null
  let unit: DistanceUnit = METERS
  for (const [key, value] of body) {
    if (key === 'distance') distanceText = scalarText(value)
    else if (key === 'unit') {
      const parsed = distanceUnit(scalarText(value) ?? '')
      if (parsed === null) throw illegalArgumentException(`No distance unit match [${scalarText(value)}]`)
      unit = parsed
    } else if (['distance_type', 'validation_method', 'ignore_unmapped', 'boost', '_name'].includes(key))
      continue
    else {
      if (field !== null) {
        throw parsingError(
          `[geo_distance] query doesn't support multiple fields, found [${field}] and [${key}]`,
        )
      }
      field = key
      center = pointOf('geo_distance', value)
    }
  }
  if (distanceText === null) throw parsingError("geo_distance requires 'distance' to be specified")
  if (field === null || center === null) throw parsingError('geo_distance requires a field and a point')
  const meters = parseDistance(distanceText, unit, METERS)
  if (meters === null) throw illegalArgumentException(`failed to parse distance [${distanceText}]`)
  if (!(meters > 0)) throw illegalArgumentException('distance must be greater than zero')
  const method = validationMethod('geo_distance', body.get('validation_method'))
  if (!geoField('geo_distance', field, ignoreUnmapped(body.get('ignore_unmapped')), context)) {
    return { type: 'matchNone' }
  }
  if (method !== 'IGNORE_MALFORMED') {
    if (!(center.lat >= -90 && center.lat <= 90) && method === 'STRICT') {
      throw queryShardException(
        `illegal latitude value [${javaDoubleToString(center.lat)}] for [geo_distance]`,
        context.index,
      )
    }
    if (!(center.lon >= -180 && center.lon <= 180) && method === 'STRICT') {
      throw queryShardException(
        `illegal longitude value [${javaDoubleToString(center.lon)}] for [geo_distance]`,
        context.index,
      )
    }
  }
  if (method === 'COERCE') center = normalizePoint(center)
  const mapping = context.fields.get(field)
  if (mapping?.type === 'geo_shape') {
    // GeoShapeQueryable.geoShapeQuery with the circle, relation intersects
    const circle = geoCircle(center.lon, center.lat, meters)
    return matchingShapes(field, mapping, [circle], 'intersects', boostOf(body), context)
  }
  return {
    type: 'geoDistance',
    field,
    lat: center.lat,
    lon: center.lon,
    radiusMeters: meters,
    sortKey: distanceQuerySortKey(meters),
    boost: boostOf(body),
  }
}

interface Box {
  top: number
  bottom: number
  left: number
  right: number
}

const BBOX_WKT = /^\s*BBOX\s*\(\s*([^,\s]+)\s*,\s*([^,\s]+)\s*,\s*([^,\s]+)\s*,\s*([^,\s]+)\s*\)\s*$/i

/** GeoBoundingBox.parseBoundingBox: the box's four sides from any of its forms. */
function parseBox(options: XContentObject): Box {
  let top = NaN
  let bottom = NaN
  let left = NaN
  let right = NaN
  const side = (value: XContentValue): number => {
    const text = scalarText(value)
    const n = text === null ? NaN : Number(text)
    if (text === null || text.trim() === '' || Number.isNaN(n)) {
      throw parsingError('failed to parse bounding box. expected a number')
    }
    return n
  }
  for (const [key, value] of options) {
    switch (key) {
      case 'top':
        top = side(value)
        break
      case 'bottom':
        bottom = side(value)
        break
      case 'left':
        left = side(value)
        break
      case 'right':
        right = side(value)
        break
      case 'top_left':
      case 'topLeft': {
        const p = pointOf('geo_bounding_box', value)
        top = p.lat
        left = p.lon
        break
      }
      case 'bottom_right':
      case 'bottomRight': {
        const p = pointOf('geo_bounding_box', value)
        bottom = p.lat
        right = p.lon
        break
      }
      case 'top_right':
      case 'topRight': {
        const p = pointOf('geo_bounding_box', value)
        top = p.lat
        right = p.lon
        break
      }
      case 'bottom_left':
      case 'bottomLeft': {
        const p = pointOf('geo_bounding_box', value)
        bottom = p.lat
        left = p.lon
        break
      }
      case 'wkt': {
        const match = BBOX_WKT.exec(scalarText(value) ?? '')
        if (match === null) throw parsingError('failed to parse WKT bounding box')
        ;[left, right, top, bottom] = match.slice(1, 5).map(Number) as [number, number, number, number]
        break
      }
      default:
        throw parsingError(`failed to parse bounding box. unexpected field [${key}]`)
    }
  }
  if ([top, bottom, left, right].some(Number.isNaN)) {
    throw parsingError('failed to parse bounding box. missing corners')
  }
  return { top, bottom, left, right }
}

/** GeoBoundingBoxQueryBuilder.checkLatLon under STRICT: the QueryValidationException's messages. */
function boxErrors(box: Box): string[] {
  const errors: string[] = []
  const d = javaDoubleToString
  if (!(box.top >= -90 && box.top <= 90)) errors.push(`top latitude is invalid: ${d(box.top)}`)
  if (!(box.left >= -180 && box.left <= 180)) errors.push(`left longitude is invalid: ${d(box.left)}`)
  if (!(box.bottom >= -90 && box.bottom <= 90)) errors.push(`bottom latitude is invalid: ${d(box.bottom)}`)
  if (!(box.right >= -180 && box.right <= 180)) errors.push(`right longitude is invalid: ${d(box.right)}`)
  if (box.top < box.bottom) errors.push(`top is below bottom corner: ${d(box.top)} vs. ${d(box.bottom)}`)
  return errors
}

/** COERCE: each corner normalised, a box spanning a whole multiple of 360° taken as every longitude. */
function coerced(box: Box): Box {
  const complete = (box.right - box.left) % 360 === 0 && box.right > box.left
  const topLeft = normalizePoint({ lat: box.top, lon: box.left })
  const bottomRight = normalizePoint({ lat: box.bottom, lon: box.right })
  return complete
    ? { top: topLeft.lat, bottom: bottomRight.lat, left: -180, right: 180 }
    : { top: topLeft.lat, bottom: bottomRight.lat, left: topLeft.lon, right: bottomRight.lon }
}

export function geoBoundingBoxQuery(body: XContentObject, context: QueryContext): IndexQuery {
  let field: string | null = null
  let box: Box | null = null
  for (const [key, value] of body) {
    if (['validation_method', 'ignore_unmapped', 'type', 'boost', '_name'].includes(key)) continue
    if (field !== null) {
      throw parsingError(
        `[geo_bounding_box] query doesn't support multiple fields, found [${field}] and [${key}]`,
      )
    }
    if (!(value instanceof Map))
      throw parsingError(`failed to parse [geo_bounding_box] query. unexpected field [${key}]`)
    field = key
    box = parseBox(value)
  }
  if (field === null || box === null)
    throw parsingError('failed to parse [geo_bounding_box] query. missing field')
  const method = validationMethod('geo_bounding_box', body.get('validation_method'))
  if (!geoField('geo_bounding_box', field, ignoreUnmapped(body.get('ignore_unmapped')), context)) {
    return { type: 'matchNone' }
  }
  if (method === 'STRICT') {
    const errors = boxErrors(box)
    if (errors.length > 0) {
      const reason = 'Validation Failed: ' + errors.map((e, i) => `${i + 1}: ${e};`).join('')
      throw queryShardException(
        "couldn't validate latitude/ longitude values",
        context.index,
        new EsException({ type: 'query_validation_exception', reason, status: 400, rootCause: false }),
      )
    }
  }
  if (method === 'COERCE') box = coerced(box)
  const mapping = context.fields.get(field)!
  if (mapping.type === 'geo_shape') {
    // GeoShapeQueryable.geoShapeQuery with the box as a Rectangle, INTERSECTS
    const envelope: Geometry = {
      type: 'Envelope',
      bounds: { minX: box.left, maxX: box.right, maxY: box.top, minY: box.bottom },
    }
    return matchingShapes(
      field,
      mapping,
      componentsOf(envelope, (x, y) => [x, y], true),
      'intersects',
      boostOf(body),
      context,
    )
  }
  return boxQuery(field, box, boostOf(body))
}

/** LatLonDocValuesField.newSlowBoxQuery: 90 and 180 cannot be stored, so a box starting there matches little. */
function boxQuery(field: string, box: Box, boost: number): IndexQuery {
  let { left } = box
  const { top, bottom, right } = box
  if (bottom === 90) return { type: 'matchNone' }
  if (left === 180) {
    if (right === 180) return { type: 'matchNone' }
    if (right < left) left = -180
  }
  const clampLat = (v: number): number => Math.max(-90, Math.min(90, v))
  const clampLon = (v: number): number => Math.max(-180, Math.min(180, v))
  return {
    type: 'geoBoundingBox',
    field,
    minLat: encodeLatitudeCeil(clampLat(bottom)),
    maxLat: encodeLatitude(clampLat(top)),
    minLon: encodeLongitudeCeil(clampLon(left)),
    maxLon: encodeLongitude(clampLon(right)),
    crossesDateline: left > right,
    boost,
  }
}
