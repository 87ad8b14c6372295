/**
 * The document side of the shape fields: `geo_shape` (GeoShapeWithDocValuesFieldMapper, longitude/latitude) and
 * `shape` (x-pack spatial's ShapeFieldMapper, cartesian x/y). A value is one geometry (a GeoJSON object or a WKT
 * string) or an array of them; `null` is no value. Each geometry is read as GeometryParser reads it (GeoJSON with the
 * field's `orientation`, default right, and `coerce`, default false; WKT with `coerce`), checked by the field's
 * validator (geometry-validator.ts: the globe's ranges for geo_shape, `ignore_z_value`, default true), then by what
 * indexing it asks of it: a circle is refused ("invalid shape type found [Circle] while indexing shape" for
 * geo_shape, "invalid shape type found [ CIRCLE ] while indexing shape" for shape) and so is a polygon ring of fewer
 * than four points (Lucene's Polygon: "at least 4 polygon points required").
 *
 * A geometry that fails fails the document with document_parsing_exception "failed to parse field [f] of type [t]"
 * at the end of its token (an object's `}`, a string itself; an array's element), caused by the failure; with
 * `ignore_malformed` (or where the document is read again after its primary took it) the geometry is dropped.
 * Each accepted geometry travels on to the doc values (shape-doc-values.ts encodes it) and to `fields`
 * (search/fetch/shape-format.ts) as its WKT text with JavaScript's round-trip numbers.
 */
import { documentParsingException, EsException, illegalArgumentException } from '../../errors/index.ts'
import type { XContentValue } from '../../xcontent/index.ts'
import { parseGeoJson } from '../../common/geo/geo-json.ts'
import { elasticsearchParseException } from '../../errors/index.ts'
import type { Geometry } from '../../common/geo/geometry.ts'
import { validateGeometry, type CoordinateSystem } from '../../common/geo/geometry-validator.ts'
import { parseWkt, toWkt } from '../../common/geo/well-known-text.ts'
import type { FieldMapping } from './mapping.ts'
import { ignoresMalformed } from './field-parameters.ts'
import { pointFieldValues } from './point-field.ts'
import { documentFailure, failedIn } from './document-failure.ts'

/** The shape field types (see the header), and `point` (point-field.ts), whose points are stored as shapes. */
export const SHAPE_FIELD_TYPES: ReadonlySet<string> = new Set(['geo_shape', 'shape', 'point'])

/** The coordinate system of a shape field type. */
export function coordinateSystem(type: string): CoordinateSystem {
  return type === 'geo_shape' ? 'geo' : 'cartesian'
}

function flag(value: unknown, byDefault: boolean): boolean {
  if (value === undefined) return byDefault
  return value === true || value === 'true'
}

/** Orientation.fromString of a field's `orientation`: true for right (ccw, the default). */
function rightOrientation(field: FieldMapping): boolean {
  const name = String(field.orientation ?? 'right').toLowerCase()
  return !['left', 'clockwise', 'cw'].includes(name)
}

/** The reading options a shape field (or a query on it) parses geometries with. */
export interface GeometryOptions {
  system: CoordinateSystem
  right: boolean
  coerce: boolean
  ignoreZValue: boolean
}

function geometryOptions(field: FieldMapping): GeometryOptions {
  return {
    system: coordinateSystem(field.type),
    right: rightOrientation(field),
    coerce: flag(field.coerce, false),
    ignoreZValue: flag(field.ignore_z_value, true),
  }
}

/** GeometryParser.parse of one value (GeoJSON object or WKT string), validated; null for JSON null. */
export function parseGeometry(value: XContentValue, options: GeometryOptions): Geometry | null {
  if (value === null) return null
  let geometry: Geometry
  if (value instanceof Map) geometry = parseGeoJson(value, options.right, options.coerce)
  else if (typeof value === 'string') geometry = parseWkt(value, options.coerce)
  else throw elasticsearchParseException('shape must be an object consisting of type and coordinates')
  validateGeometry(geometry, options.system, options.ignoreZValue)
  return geometry
}

/** What indexing refuses of a parsed geometry (see the header). */
function checkIndexable(geometry: Geometry, system: CoordinateSystem): void {
  if (geometry.type === 'Circle') {
    const name = system === 'geo' ? 'Circle' : ' CIRCLE '
    throw illegalArgumentException(`invalid shape type found [${name}] while indexing shape`)
  }
  if (geometry.type === 'GeometryCollection') {
    for (const member of geometry.geometries) checkIndexable(member, system)
    return
  }
  const polygons =
    geometry.type === 'Polygon' ? [geometry.rings] : geometry.type === 'MultiPolygon' ? geometry.polygons : []
  for (const ring of polygons.flat()) {
    if (ring.length < 4) throw illegalArgumentException('at least 4 polygon points required')
  }
}

/** The WKT text of one value's geometry, none for null; throws what refuses it. */
function indexedWkt(value: XContentValue, options: GeometryOptions): string[] {
  const geometry = parseGeometry(value, options)
  if (geometry === null) return []
  checkIndexable(geometry, options.system)
  return [toWkt(geometry, String)]
}

/** The WKT texts of a shape field's value (see the header). */
export function shapeFieldValues(
  path: string,
  field: FieldMapping,
  value: XContentValue,
  ignoreMalformedByDefault: boolean,
): string[] {
  if (field.type === 'point') return pointFieldValues(path, field, value, ignoreMalformedByDefault)
  const ignoreMalformed = ignoresMalformed(field, ignoreMalformedByDefault)
  const options = geometryOptions(field)
  if (!Array.isArray(value)) return shapeTexts(path, field, value, options, ignoreMalformed)
  const out: string[] = []
  value.forEach((element, i) => {
    try {
      out.push(...shapeFieldValues(path, field, element, ignoreMalformed))
    } catch (error) {
      throw failedIn(error, i)
    }
  })
  return out
}

function shapeTexts(
  path: string,
  field: FieldMapping,
  value: XContentValue,
  options: GeometryOptions,
  ignoreMalformed: boolean,
): string[] {
  try {
    return indexedWkt(value, options)
  } catch (error) {
    if (!(error instanceof EsException)) throw error
    if (ignoreMalformed) return []
    // AbstractGeometryFieldMapper's onMalformedValue, once the parser has read the geometry's token; the cause is
    // read again from the located value, so that its own locations (GeoJSON's parser's) are the document's
    throw documentFailure('end', (at, _token, located) => {
      let cause = error
      try {
        if (located !== undefined) indexedWkt(located(), options)
      } catch (again) {
        if (again instanceof EsException) cause = again
      }
      return documentParsingException(
        at.line,
        at.col,
        `failed to parse field [${path}] of type [${field.type}]`,
        cause,
      )
    })
  }
}
