/**
 * ES's libs/geo Geometry model (org.elasticsearch.geometry): the shapes a geo_shape, shape or point field and the
 * geo_shape and shape queries read, x the longitude (or cartesian x) and y the latitude (or y), z NaN when absent.
 *
 * Invariants the constructors check as libs/geo's do (IllegalArgumentException texts): a line has at least two
 * points ("at least two points in the line is required"); a linear ring also closes on itself ("first and last points
 * of the linear ring must be the same (it must close itself): x[0]=.. x[n]=.. y[0]=.. y[n]=.." plus z when it has
 * one); a rectangle's max y is not below its min y ("max y cannot be less than min y"). An empty geometry (WKT
 * `EMPTY`) is a point without coordinates or a collection of nothing. Nothing here is quantised or validated against
 * the globe: geometry-validator.ts does that.
 */
import { illegalArgumentException } from '../../errors/index.ts'
import { javaDoubleToString } from '../../xcontent/index.ts'

export interface Coordinate {
  readonly x: number
  readonly y: number
  /** NaN when the coordinate has no third value. */
  readonly z: number
}

export type Geometry =
  | { readonly type: 'Point'; readonly point: Coordinate | null }
  | { readonly type: 'MultiPoint'; readonly points: readonly Coordinate[] }
  | { readonly type: 'LineString'; readonly line: readonly Coordinate[] }
  | { readonly type: 'MultiLineString'; readonly lines: ReadonlyArray<readonly Coordinate[]> }
  /** rings[0] the shell, the rest holes; no rings: empty. */
  | { readonly type: 'Polygon'; readonly rings: ReadonlyArray<readonly Coordinate[]> }
  | { readonly type: 'MultiPolygon'; readonly polygons: ReadonlyArray<ReadonlyArray<readonly Coordinate[]>> }
  | { readonly type: 'GeometryCollection'; readonly geometries: readonly Geometry[] }
  /** null bounds: empty. */
  | {
      readonly type: 'Envelope'
      readonly bounds: { minX: number; maxX: number; maxY: number; minY: number } | null
    }
  | { readonly type: 'Circle'; readonly center: Coordinate | null; readonly radiusMeters: number }

const d = javaDoubleToString

/** Line's constructor check. */
export function checkedLine(coordinates: readonly Coordinate[]): readonly Coordinate[] {
  if (coordinates.length < 2) throw illegalArgumentException('at least two points in the line is required')
  return coordinates
}

/** LinearRing's constructor checks (see the header). */
export function checkedRing(coordinates: readonly Coordinate[]): readonly Coordinate[] {
  checkedLine(coordinates)
  const last = coordinates.length - 1
  const first = coordinates[0]!
  const end = coordinates[last]!
  const hasZ = !Number.isNaN(first.z)
  if (first.x !== end.x || first.y !== end.y || (hasZ && first.z !== end.z)) {
    const z = hasZ ? ` z[0]=${d(first.z)} z[${last}]=${d(end.z)}` : ''
    throw illegalArgumentException(
      'first and last points of the linear ring must be the same (it must close itself):' +
        ` x[0]=${d(first.x)} x[${last}]=${d(end.x)} y[0]=${d(first.y)} y[${last}]=${d(end.y)}${z}`,
    )
  }
  return coordinates
}

/** Rectangle's constructor check. */
export function checkedEnvelope(minX: number, maxX: number, maxY: number, minY: number): Geometry {
  if (maxY < minY) throw illegalArgumentException('max y cannot be less than min y')
  return { type: 'Envelope', bounds: { minX, maxX, maxY, minY } }
}

/** Every coordinate of a geometry, in order (a circle's centre; an envelope's corners are not coordinates). */
export function coordinatesOf(geometry: Geometry): Coordinate[] {
  switch (geometry.type) {
    case 'Point':
      return geometry.point === null ? [] : [geometry.point]
    case 'Circle':
      return geometry.center === null ? [] : [geometry.center]
    case 'MultiPoint':
      return [...geometry.points]
    case 'LineString':
      return [...geometry.line]
    case 'MultiLineString':
      return geometry.lines.flat()
    case 'Polygon':
      return geometry.rings.flat()
    case 'MultiPolygon':
      return geometry.polygons.flat(2)
    case 'GeometryCollection':
      return geometry.geometries.flatMap(coordinatesOf)
    case 'Envelope':
      return []
  }
}

/** Geometry.hasZ: its first coordinate has a third value. */
export function hasZ(geometry: Geometry): boolean {
  const first = coordinatesOf(geometry)[0]
  return first !== undefined && !Number.isNaN(first.z)
}
