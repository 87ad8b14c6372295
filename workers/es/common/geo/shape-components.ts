/**
 * The flat components the shape relations compare (shape-relations.ts), as Lucene's LatLonShape / XYShape see a
 * geometry: points, lines and polygons (shell then holes), every multi-geometry and collection flattened, an envelope
 * a four-sided polygon (a geo envelope whose min x is above its max x, crossing the dateline, two: one each side),
 * empty geometries nothing. A circle has no component here: callers refuse it first.
 *
 * Coordinates are [x, y] pairs in flat arrays (x the longitude), passed through `quantize` as they are read: the
 * index quantises every stored coordinate (GeoEncodingUtils' 32-bit latitude and longitude, XYEncodingUtils' float),
 * so a stored shape's components hold the decoded values. Every ring is closed (its last pair equals its first).
 */
import type { Coordinate, Geometry } from './geometry.ts'

export type Component =
  | { readonly kind: 'point'; readonly x: number; readonly y: number }
  /** [x0, y0, x1, y1, ...], at least two points. */
  | { readonly kind: 'line'; readonly coords: readonly number[] }
  /** rings[0] the shell, the rest holes; each ring closed. */
  | { readonly kind: 'polygon'; readonly rings: ReadonlyArray<readonly number[]> }

export type Quantize = (x: number, y: number) => readonly [number, number]

function flat(coordinates: readonly Coordinate[], quantize: Quantize): number[] {
  const out: number[] = []
  for (const c of coordinates) out.push(...quantize(c.x, c.y))
  return out
}

function box(minX: number, maxX: number, minY: number, maxY: number, quantize: Quantize): Component {
  const corners: Coordinate[] = [
    { x: minX, y: minY, z: NaN },
    { x: maxX, y: minY, z: NaN },
    { x: maxX, y: maxY, z: NaN },
    { x: minX, y: maxY, z: NaN },
    { x: minX, y: minY, z: NaN },
  ]
  return { kind: 'polygon', rings: [flat(corners, quantize)] }
}

/** A geometry's components (see the header); `geo`: an envelope may cross the dateline. */
export function componentsOf(geometry: Geometry, quantize: Quantize, geo: boolean): Component[] {
  switch (geometry.type) {
    case 'Point': {
      if (geometry.point === null) return []
      const [x, y] = quantize(geometry.point.x, geometry.point.y)
      return [{ kind: 'point', x, y }]
    }
    case 'MultiPoint':
      return geometry.points.flatMap((point) => componentsOf({ type: 'Point', point }, quantize, geo))
    case 'LineString':
      return geometry.line.length === 0 ? [] : [{ kind: 'line', coords: flat(geometry.line, quantize) }]
    case 'MultiLineString':
      return geometry.lines.flatMap((line) => componentsOf({ type: 'LineString', line }, quantize, geo))
    case 'Polygon':
      return geometry.rings.length === 0
        ? []
        : [{ kind: 'polygon', rings: geometry.rings.map((ring) => flat(ring, quantize)) }]
    case 'MultiPolygon':
      return geometry.polygons.flatMap((rings) => componentsOf({ type: 'Polygon', rings }, quantize, geo))
    case 'GeometryCollection':
      return geometry.geometries.flatMap((member) => componentsOf(member, quantize, geo))
    case 'Envelope': {
      const b = geometry.bounds
      if (b === null) return []
      if (geo && b.minX > b.maxX) {
        return [box(b.minX, 180, b.minY, b.maxY, quantize), box(-180, b.maxX, b.minY, b.maxY, quantize)]
      }
      return [box(b.minX, b.maxX, b.minY, b.maxY, quantize)]
    }
    case 'Circle':
      return []
  }
}

/** Every [x, y] pair of a component (a polygon's rings one after another). */
export function verticesOf(component: Component): readonly number[] {
  if (component.kind === 'point') return [component.x, component.y]
  return component.kind === 'line' ? component.coords : component.rings.flat()
}

/** A component's bounding box, over its vertices. */
export interface ComponentBox {
  minX: number
  maxX: number
  minY: number
  maxY: number
}

export function boxOf(component: Component): ComponentBox {
  const vertices = verticesOf(component)
  const box = { minX: Infinity, maxX: -Infinity, minY: Infinity, maxY: -Infinity }
  for (let i = 0; i < vertices.length; i += 2) {
    box.minX = Math.min(box.minX, vertices[i]!)
    box.maxX = Math.max(box.maxX, vertices[i]!)
    box.minY = Math.min(box.minY, vertices[i + 1]!)
    box.maxY = Math.max(box.maxY, vertices[i + 1]!)
  }
  return box
}
