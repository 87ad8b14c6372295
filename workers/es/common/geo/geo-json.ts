/**
 * GeoJson.fromXContent (ES's server common/geo) for the shape fields and queries: an object with `type` (any case:
 * Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon, GeometryCollection, Envelope or bbox, Circle),
 * `coordinates` (nested arrays of [x, y] or [x, y, z] numbers), `geometries` (a collection's members), `orientation`
 * (a polygon's: right/ccw/counterclockwise or left/cw/clockwise) and `radius` (a circle's distance); other keys are
 * ignored (the parser is lenient). Without `orientation` a polygon takes the field's; with `coerce` an unclosed ring
 * is closed with its first point. A left (clockwise) ring is stored reversed, as asLineComponents fills it.
 *
 * Failures, as ConstructingObjectParser and CoordinateNode raise them (the reasons are ES's):
 * - no `type`: illegal_argument_exception "Required [type]"; `type` or `orientation` not a string, `coordinates` not
 *   an array: x_content_parse_exception "[geojson] <key> doesn't support values of type: VALUE_NUMBER" (the token);
 * - a bad coordinate: x_content_parse_exception "[l:c] [geojson] failed to parse field [coordinates]" caused by
 *   parse_exception "geo coordinates must be numbers", "geo coordinates greater than 3 dimensions are
 *   not supported", "Exception parsing coordinates: number of dimensions do not match" or illegal_argument_exception
 *   "coordinates cannot contain NULL values)" (located at the `coordinates` array: docs/DEVIATIONS.md);
 * - a shape that cannot be built: x_content_parse_exception "Failed to build [geojson] after last required field
 *   arrived" caused by "No enum constant org.elasticsearch.geometry.ShapeType.X", "coordinates not included",
 *   "geometries not included", "parameter coordinates is not supported for type t", "parameter geometries /
 *   orientation / radius is not supported for type t", "radius is not specified", "Unknown orientation [o]",
 *   "expected a single points but got a list", "expected a list of points but got a point", "not enough points to
 *   build a line", "invalid number of points [n] provided for geo_shape [ENVELOPE] when expecting an array of 2
 *   coordinates" and geometry.ts's constructor checks; a collection member's failure is wrapped once more in
 *   "[l:c] [geojson] failed to parse field [geometries]".
 */
import {
  EsException,
  illegalArgumentException,
  numberFormatException,
  xContentParseException,
} from '../../errors/index.ts'
import { tokenLocation, XNumber, type XContentObject, type XContentValue } from '../../xcontent/index.ts'
import { METERS, parseDistance } from './distance-unit.ts'
import { elasticsearchParseException } from '../../errors/index.ts'
import { checkedEnvelope, checkedLine, checkedRing, type Coordinate, type Geometry } from './geometry.ts'

/** A CoordinateNode: a coordinate, or a list of nodes. */
type CoordinateNode = Coordinate | CoordinateNode[]

/** ElasticsearchException itself (CoordinateNode's shape errors): ES names its type `exception`. */
function plainException(reason: string): EsException {
  return new EsException({ type: 'exception', reason, status: 500 })
}

function tokenName(value: XContentValue): string {
  if (value === null) return 'VALUE_NULL'
  if (value instanceof XNumber) return 'VALUE_NUMBER'
  if (typeof value === 'boolean') return 'VALUE_BOOLEAN'
  if (typeof value === 'string') return 'VALUE_STRING'
  return value instanceof Map ? 'START_OBJECT' : 'START_ARRAY'
}

function wrongValue(object: XContentObject, key: string, value: XContentValue): EsException {
  const [line, col] = tokenLocation(object, key, 'value')
  return xContentParseException(
    line,
    col,
    `[geojson] ${key} doesn't support values of type: ${tokenName(value)}`,
  )
}

function dimensions(node: CoordinateNode): number {
  if (!Array.isArray(node)) return Number.isNaN(node.z) ? 2 : 3
  return node.length === 0 ? 0 : dimensions(node[0]!)
}

/** GeoJson.parseCoordinates / parseCoordinate over an already parsed array. */
function coordinateNode(values: readonly XContentValue[]): CoordinateNode {
  if (values.length > 0 && !Array.isArray(values[0]) && values[0] !== null) return coordinate(values)
  const nodes: CoordinateNode[] = []
  for (const value of values) {
    if (value === null) throw illegalArgumentException('coordinates cannot contain NULL values)')
    const node = Array.isArray(value) ? coordinateNode(value) : coordinate([value])
    if (nodes.length > 0 && dimensions(nodes[0]!) !== dimensions(node)) {
      throw elasticsearchParseException('Exception parsing coordinates: number of dimensions do not match')
    }
    nodes.push(node)
  }
  return nodes
}

function coordinate(values: readonly XContentValue[]): Coordinate {
  const numbers = values.map((v) => (v instanceof XNumber ? v.value : null))
  if (numbers[0] === null || numbers[1] === null || numbers[1] === undefined)
    throw elasticsearchParseException('geo coordinates must be numbers')
  if (values.length > 2 && numbers[2] === null)
    throw elasticsearchParseException('geo coordinates must be numbers')
  if (values.length > 3)
    throw elasticsearchParseException('geo coordinates greater than 3 dimensions are not supported')
  return { x: numbers[0]!, y: numbers[1], z: numbers[2] ?? NaN }
}

function asPoint(node: CoordinateNode): Coordinate {
  if (Array.isArray(node)) throw plainException('expected a single points but got a list')
  return node
}

function asList(node: CoordinateNode): CoordinateNode[] {
  if (!Array.isArray(node)) throw plainException('expected a list of points but got a point')
  return node
}

/** asLineComponents: a left-oriented ring is filled back to front; with coerce an unclosed ring is closed. */
function lineComponents(node: CoordinateNode, right: boolean, coerce: boolean, close: boolean): Coordinate[] {
  const points = asList(node).map(asPoint)
  if (points.length < 2) throw plainException('not enough points to build a line')
  const first = points[0]!
  const last = points[points.length - 1]!
  const needsClosing =
    close &&
    coerce &&
    !(Object.is(first.x, last.x) && Object.is(first.y, last.y) && Object.is(first.z, last.z))
  const ordered = right ? points : [...points].reverse()
  if (needsClosing) ordered.push(ordered[0]!)
  return ordered
}

function polygonRings(node: CoordinateNode, right: boolean, coerce: boolean): Coordinate[][] {
  return asList(node).map((ring) => checkedRing(lineComponents(ring, right, coerce, true)) as Coordinate[])
}

/** GeoJson.orientationFromString: true for right. */
function orientationOf(text: string): boolean {
  const name = text.toLowerCase()
  if (name === 'right' || name === 'counterclockwise' || name === 'ccw') return true
  if (name === 'left' || name === 'clockwise' || name === 'cw') return false
  throw illegalArgumentException(`Unknown orientation [${name}]`)
}

const SHAPE_TYPES = [
  'POINT',
  'MULTIPOINT',
  'LINESTRING',
  'MULTILINESTRING',
  'POLYGON',
  'MULTIPOLYGON',
  'GEOMETRYCOLLECTION',
  'LINEARRING',
  'ENVELOPE',
  'CIRCLE',
]

interface Fields {
  type: string
  coordinates: CoordinateNode | null
  geometries: Geometry[] | null
  orientation: string | null
  radius: number | null
}

function verifyNulls(type: string, fields: Fields, orientation: boolean, radius: boolean): void {
  if (fields.geometries !== null)
    throw elasticsearchParseException(`parameter geometries is not supported for type ${type}`)
  if (orientation && fields.orientation !== null)
    throw elasticsearchParseException(`parameter orientation is not supported for type ${type}`)
  if (radius && fields.radius !== null)
    throw elasticsearchParseException(`parameter radius is not supported for type ${type}`)
}

/** GeoJson.createGeometry. */
function createGeometry(fields: Fields, defaultRight: boolean, coerce: boolean): Geometry {
  const { type } = fields
  const shapeType = type.toLowerCase() === 'bbox' ? 'ENVELOPE' : type.toUpperCase()
  if (!SHAPE_TYPES.includes(shapeType))
    throw illegalArgumentException(`No enum constant org.elasticsearch.geometry.ShapeType.${shapeType}`)
  const right = fields.orientation === null ? defaultRight : orientationOf(fields.orientation)
  if (shapeType === 'GEOMETRYCOLLECTION') {
    if (fields.geometries === null) throw elasticsearchParseException('geometries not included')
    if (fields.coordinates !== null)
      throw elasticsearchParseException(`parameter coordinates is not supported for type ${type}`)
    verifyNulls(type, { ...fields, geometries: null }, true, true)
    return { type: 'GeometryCollection', geometries: fields.geometries }
  }
  const coordinates = fields.coordinates
  if (coordinates === null) throw elasticsearchParseException('coordinates not included')
  switch (shapeType) {
    case 'CIRCLE': {
      if (fields.radius === null) throw elasticsearchParseException('radius is not specified')
      verifyNulls(type, fields, true, false)
      return { type: 'Circle', center: asPoint(coordinates), radiusMeters: fields.radius }
    }
    case 'POINT':
      verifyNulls(type, fields, true, true)
      return { type: 'Point', point: asPoint(coordinates) }
    case 'MULTIPOINT':
      verifyNulls(type, fields, true, true)
      return { type: 'MultiPoint', points: asList(coordinates).map(asPoint) }
    case 'LINESTRING':
      verifyNulls(type, fields, true, true)
      return { type: 'LineString', line: checkedLine(lineComponents(coordinates, true, coerce, false)) }
    case 'MULTILINESTRING':
      verifyNulls(type, fields, true, true)
      return {
        type: 'MultiLineString',
        lines: asList(coordinates).map((l) => checkedLine(lineComponents(l, true, coerce, false))),
      }
    case 'POLYGON':
      verifyNulls(type, fields, false, true)
      return { type: 'Polygon', rings: polygonRings(coordinates, right, coerce) }
    case 'MULTIPOLYGON':
      verifyNulls(type, fields, false, true)
      return {
        type: 'MultiPolygon',
        polygons: asList(coordinates).map((p) => polygonRings(p, right, coerce)),
      }
    case 'ENVELOPE': {
      verifyNulls(type, fields, true, true)
      const corners = asList(coordinates)
      if (corners.length !== 2) {
        throw elasticsearchParseException(
          `invalid number of points [${corners.length}] provided for geo_shape [ENVELOPE] when expecting an array of 2 coordinates`,
        )
      }
      const upperLeft = asPoint(corners[0]!)
      const lowerRight = asPoint(corners[1]!)
      return checkedEnvelope(upperLeft.x, lowerRight.x, upperLeft.y, lowerRight.y)
    }
    default:
      throw elasticsearchParseException(`unsupported shape type ${type}`)
  }
}

function located(object: XContentObject, key: string, message: string, cause: EsException): EsException {
  const [line, col] = tokenLocation(object, key, 'value')
  return xContentParseException(line, col, message, cause)
}

/** GeoJson's PARSER over one object (see the header); `defaultRight`: the field's orientation is right. */
export function parseGeoJson(object: XContentObject, defaultRight: boolean, coerce: boolean): Geometry {
  const fields: Fields = { type: '', coordinates: null, geometries: null, orientation: null, radius: null }
  let hasType = false
  for (const [key, value] of object) {
    if (key === 'type' || key === 'orientation' || key === 'radius') {
      if (typeof value !== 'string' && !(key === 'radius' && value instanceof XNumber))
        throw wrongValue(object, key, value)
      const text = value instanceof XNumber ? value.text : value
      if (key === 'type') {
        fields.type = text
        hasType = true
      } else if (key === 'orientation') fields.orientation = text
      else {
        const meters = parseDistance(text, METERS, METERS)
        if (meters === null)
          throw located(object, key, '[geojson] failed to parse field [radius]', numberFormatException(text))
        fields.radius = meters
      }
    } else if (key === 'coordinates') {
      if (!Array.isArray(value)) throw wrongValue(object, key, value)
      try {
        fields.coordinates = coordinateNode(value)
      } catch (error) {
        if (!(error instanceof EsException)) throw error
        throw located(object, key, '[geojson] failed to parse field [coordinates]', error)
      }
    } else if (key === 'geometries') {
      if (!Array.isArray(value)) throw wrongValue(object, key, value)
      fields.geometries = value.map((member) => {
        if (!(member instanceof Map)) throw wrongValue(object, key, member)
        try {
          return parseGeoJson(member, defaultRight, coerce)
        } catch (error) {
          if (!(error instanceof EsException)) throw error
          throw located(object, key, '[geojson] failed to parse field [geometries]', error)
        }
      })
    }
  }
  if (!hasType) throw illegalArgumentException('Required [type]')
  try {
    return createGeometry(fields, defaultRight, coerce)
  } catch (error) {
    if (!(error instanceof EsException)) throw error
    throw new EsException({
      type: 'x_content_parse_exception',
      reason: 'Failed to build [geojson] after last required field arrived',
      status: 400,
      causedBy: error,
      rootCause: false,
    })
  }
}
