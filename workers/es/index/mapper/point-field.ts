/**
 * x-pack spatial's `point` field (PointFieldMapper): cartesian points read as CartesianPoint.parsePoint reads them
 * (GenericPointParser "point", "x", "y"):
 * - an object `{"x": 1, "y": 2}` (numbers or numeric strings, an optional `z`) or GeoJSON `{"type": "Point",
 *   "coordinates": [1, 2]}`; another key is "field [k] not supported - must be one of: x, y, z, type, coordinates";
 * - an array `[x, y]` or `[x, y, z]` of numbers ("numeric value expected", "[point] field type does not accept > 3
 *   dimensions");
 * - a string: WKT when it contains "point" in any case ("Invalid WKT format" caused by the WKT failure; "[point]
 *   supports only POINT among WKT primitives, but found T"), else "x, y[, z]" ("failed to parse [[a, b, c, d]],
 *   expected 2 or 3 coordinates but found: [4]", "[x] must be a number", "invalid [x] value [Infinity]; must be between
 *   -3.4028234663852886E38 and 3.4028234663852886E38"), else "unsupported symbol [c] in point [s]".
 * A third value is refused unless ignore_z_value ("Exception parsing coordinates: found Z value [3.0] but
 * [ignore_z_value] parameter is [false]"). Failures are parse_exception; the field's value, its
 * `null_value`, `ignore_malformed` and the document failure go as a geo_point's do (geo-point-field.ts), the failure
 * "failed to parse field [f] of type [point]". Each point travels on as WKT `POINT (x y)`, stored as a shape field's
 * (shape-doc-values.ts), so the `shape` query reads it.
 */
import { parseJavaDouble } from '../../../net/java-double.ts'
import { documentParsingException, EsException } from '../../errors/index.ts'
import { javaDoubleToString, XNumber, type XContentValue } from '../../xcontent/index.ts'
import { elasticsearchParseException } from '../../errors/index.ts'
import { parseWkt } from '../../common/geo/well-known-text.ts'
import { validateGeometry } from '../../common/geo/geometry-validator.ts'
import type { Geometry } from '../../common/geo/geometry.ts'
import type { FieldMapping } from './mapping.ts'
import { ignoresMalformed } from './field-parameters.ts'
import { documentFailure } from './document-failure.ts'
import { eachPoint } from './geo-point-field.ts'

interface CartesianPoint {
  x: number
  y: number
}

const RANGE = 'must be between -3.4028234663852886E38 and 3.4028234663852886E38'

function assertZValue(ignoreZValue: boolean, z: number): void {
  if (!ignoreZValue) {
    throw elasticsearchParseException(
      `Exception parsing coordinates: found Z value [${javaDoubleToString(z)}] but [ignore_z_value] parameter is [false]`,
    )
  }
  if (!Number.isFinite(z))
    throw elasticsearchParseException(`invalid [z] value [${javaDoubleToString(z)}]; ${RANGE}`)
}

function validDouble(value: XContentValue, name: string): number {
  if (value instanceof XNumber) return value.value
  if (typeof value !== 'string') throw elasticsearchParseException(`${name} must be a number`)
  const parsed = parseJavaDouble(value)
  if (parsed === null) throw elasticsearchParseException(`[${name}] must be a valid double value`)
  return parsed
}

function fromObject(object: ReadonlyMap<string, XContentValue>, ignoreZValue: boolean): CartesianPoint {
  let x = NaN
  let y = NaN
  let type: string | null = null
  let coordinates: number[] | null = null
  for (const [key, value] of object) {
    if (key === 'x') x = validDouble(value, 'x')
    else if (key === 'y') y = validDouble(value, 'y')
    else if (key === 'z') assertZValue(ignoreZValue, validDouble(value, 'z'))
    else if (key === 'type') {
      if (typeof value !== 'string') throw elasticsearchParseException('[type] must be a string')
      type = value
    } else if (key === 'coordinates') {
      if (!Array.isArray(value)) throw elasticsearchParseException('[coordinates] must be an array')
      coordinates = value.map((v) => validDouble(v, 'coordinates'))
    } else {
      throw elasticsearchParseException(
        `field [${key}] not supported - must be one of: x, y, z, type, coordinates`,
      )
    }
  }
  const xy = !Number.isNaN(x) && !Number.isNaN(y)
  const geojson = coordinates !== null && type !== null
  if (xy && geojson) throw elasticsearchParseException('fields matching more than one point format')
  if (!xy && !geojson) {
    if (!Number.isNaN(x)) throw elasticsearchParseException('Required [y]')
    if (!Number.isNaN(y)) throw elasticsearchParseException('Required [x]')
    if (coordinates !== null) throw elasticsearchParseException('Required [type]')
    if (type !== null) throw elasticsearchParseException('Required [coordinates]')
    throw elasticsearchParseException('field must be either lat/lon or type/coordinates')
  }
  if (coordinates === null) return { x, y }
  if (type!.toLowerCase() !== 'point')
    throw elasticsearchParseException("[type] for point can only be 'Point'")
  if (coordinates.length < 2)
    throw elasticsearchParseException('[coordinates] must contain at least two values')
  if (coordinates.length === 3) assertZValue(ignoreZValue, coordinates[2]!)
  if (coordinates.length > 3)
    throw elasticsearchParseException('[point] field type does not accept > 3 dimensions')
  return { x: coordinates[0]!, y: coordinates[1]! }
}

function fromArray(values: readonly XContentValue[], ignoreZValue: boolean): CartesianPoint {
  let x = NaN
  let y = NaN
  values.forEach((value, i) => {
    if (!(value instanceof XNumber)) throw elasticsearchParseException('numeric value expected')
    if (i === 0) x = value.value
    else if (i === 1) y = value.value
    else if (i === 2) assertZValue(ignoreZValue, value.value)
    else throw elasticsearchParseException('[point] field type does not accept > 3 dimensions')
  })
  return { x, y }
}

function coordinate(text: string, name: string): number {
  const value = parseJavaDouble(text.trim())
  if (value === null) throw elasticsearchParseException(`[${name}] must be a number`)
  if (!Number.isFinite(value)) {
    throw elasticsearchParseException(`invalid [${name}] value [${javaDoubleToString(value)}]; ${RANGE}`)
  }
  return value
}

/** CartesianPoint.resetFromString. */
function fromString(text: string, ignoreZValue: boolean): CartesianPoint {
  if (text.toLowerCase().includes('point')) {
    let geometry: Geometry
    try {
      geometry = parseWkt(text, false)
      validateGeometry(geometry, 'cartesian', ignoreZValue)
    } catch (error) {
      if (!(error instanceof EsException)) throw error
      throw elasticsearchParseException('Invalid WKT format', error)
    }
    if (geometry.type !== 'Point') {
      const name = geometry.type.toUpperCase()
      throw elasticsearchParseException(`[point] supports only POINT among WKT primitives, but found ${name}`)
    }
    return geometry.point === null ? { x: NaN, y: NaN } : { x: geometry.point.x, y: geometry.point.y }
  }
  if (text.includes(',')) {
    const parts = text.split(',')
    if (parts.length > 3 || parts.length < 2) {
      throw elasticsearchParseException(
        `failed to parse [[${parts.join(', ')}]], expected 2 or 3 coordinates but found: [${parts.length}]`,
      )
    }
    const x = coordinate(parts[0]!, 'x')
    const y = coordinate(parts[1]!, 'y')
    if (parts.length > 2) {
      const z = parseJavaDouble(parts[2]!.trim())
      if (z === null) throw elasticsearchParseException('[y] must be a number')
      assertZValue(ignoreZValue, z)
    }
    return { x, y }
  }
  if (text.includes('.')) {
    throw elasticsearchParseException(`failed to parse [${text}], expected 2 or 3 coordinates but found: [1]`)
  }
  throw elasticsearchParseException(`unsupported symbol [${text.charAt(0)}] in point [${text}]`)
}

/** CartesianPoint.parsePoint of one value (see the header). */
function parseCartesianPoint(value: XContentValue, ignoreZValue: boolean): CartesianPoint {
  if (value instanceof Map) return fromObject(value, ignoreZValue)
  if (Array.isArray(value)) return fromArray(value, ignoreZValue)
  if (typeof value === 'string') return fromString(value, ignoreZValue)
  throw elasticsearchParseException('point expected')
}

/** The WKT texts of a point field's value (see the header). */
export function pointFieldValues(
  path: string,
  field: FieldMapping,
  value: XContentValue,
  ignoreMalformedByDefault: boolean,
): string[] {
  const ignoreMalformed = ignoresMalformed(field, ignoreMalformedByDefault)
  if (value === null) {
    const nullValue = field.null_value
    // the mapping keeps a null_value as parsed: a point's text, array or object
    return nullValue === undefined ? [] : pointText(path, field, nullValue as XContentValue, ignoreMalformed)
  }
  return eachPoint(value, (point) => pointText(path, field, point, ignoreMalformed))
}

function pointText(
  path: string,
  field: FieldMapping,
  value: XContentValue,
  ignoreMalformed: boolean,
): string[] {
  try {
    const { x, y } = parseCartesianPoint(
      value,
      field.ignore_z_value !== false && field.ignore_z_value !== 'false',
    )
    return Number.isFinite(x) && Number.isFinite(y) ? [`POINT (${x} ${y})`] : []
  } catch (error) {
    if (!(error instanceof EsException)) throw error
    if (ignoreMalformed) return []
    throw documentFailure('end', (at) =>
      documentParsingException(at.line, at.col, `failed to parse field [${path}] of type [point]`, error),
    )
  }
}
