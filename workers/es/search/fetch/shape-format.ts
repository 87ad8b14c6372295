/**
 * How the `fields` option prints a geo_shape or shape value (the shape mappers' value fetchers over `_source`): each
 * geometry as parsed (not quantised), as GeoJSON by default (GeoJson.toXContent: `type` first, then `coordinates`
 * or a collection's `geometries`; an envelope's coordinates its top-left and bottom-right corners) or as WKT with
 * `format: wkt`; coordinates print as Java doubles. Another format is refused as for geo_point.
 */
import { illegalArgumentException } from '../../errors/index.ts'
import { JavaDouble, javaDoubleToString, type JsonOut } from '../../xcontent/index.ts'
import type { Coordinate, Geometry } from '../../common/geo/geometry.ts'
import { parseWkt, toWkt } from '../../common/geo/well-known-text.ts'
import type { LeafValue } from '../../index/mapper/document-parser.ts'

function position(c: Coordinate): JsonOut {
  const xy = [new JavaDouble(c.x), new JavaDouble(c.y)]
  return Number.isNaN(c.z) ? xy : [...xy, new JavaDouble(c.z)]
}

const NAMES: Readonly<Record<Geometry['type'], string>> = {
  Point: 'Point',
  MultiPoint: 'MultiPoint',
  LineString: 'LineString',
  MultiLineString: 'MultiLineString',
  Polygon: 'Polygon',
  MultiPolygon: 'MultiPolygon',
  GeometryCollection: 'GeometryCollection',
  Envelope: 'Envelope',
  Circle: 'Circle',
}

function coordinates(geometry: Geometry): JsonOut {
  switch (geometry.type) {
    case 'Point':
      return geometry.point === null ? [] : position(geometry.point)
    case 'MultiPoint':
      return geometry.points.map(position)
    case 'LineString':
      return geometry.line.map(position)
    case 'MultiLineString':
      return geometry.lines.map((line) => line.map(position))
    case 'Polygon':
      return geometry.rings.map((ring) => ring.map(position))
    case 'MultiPolygon':
      return geometry.polygons.map((rings) => rings.map((ring) => ring.map(position)))
    case 'Envelope': {
      const b = geometry.bounds
      return b === null
        ? []
        : [position({ x: b.minX, y: b.maxY, z: NaN }), position({ x: b.maxX, y: b.minY, z: NaN })]
    }
    default:
      return []
  }
}

/** GeoJson.toXContent of a geometry (circles are never stored, so never printed). */
function geoJson(geometry: Geometry): Map<string, JsonOut> {
  const out = new Map<string, JsonOut>([['type', NAMES[geometry.type]]])
  if (geometry.type === 'GeometryCollection') out.set('geometries', geometry.geometries.map(geoJson))
  else out.set('coordinates', coordinates(geometry))
  return out
}

/** The printer of one stored shape (its WKT text, as the document parser hands shape values on). */
export function shapePrinter(format: string | null): (value: LeafValue) => JsonOut {
  const name = (format ?? 'geojson').toLowerCase()
  if (name === 'wkt') return (value) => toWkt(parseWkt(String(value), false), javaDoubleToString)
  if (name !== 'geojson') throw illegalArgumentException(`Unrecognized geometry format [${format}].`)
  return (value) => geoJson(parseWkt(String(value), false))
}
