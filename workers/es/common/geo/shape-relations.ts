/**
 * The spatial relations of the geo_shape and shape queries (ShapeRelation: intersects, disjoint, within, contains)
 * between a stored shape's components and a query's (shape-components.ts), evaluated exactly in the plane of the
 * coordinates as given: longitude/latitude for geo shapes, as Lucene's LatLonShape relates its encoded triangles
 * (Component2D.relateTriangle on decoded coordinates: no great circles), and x/y for cartesian ones.
 *
 * Closed sets: a polygon holds its boundary (a hole's too), a line its end points. Then
 * - intersects: some stored component meets some query component (a shared point, a crossing or touching edge, or a
 *   vertex of one inside the other's polygon);
 * - disjoint: none does (only for documents with a value: the query's caller keeps to those);
 * - within: every stored component lies inside one query component: a point on it; a line or polygon with every
 *   vertex and every edge's midpoint inside the query polygon, no edge properly crossing its boundary, and no vertex
 *   of the query polygon (a hole's) strictly inside a stored polygon; inside a line means every vertex and midpoint
 *   on it; inside a point, equal to it;
 * - contains: every query component lies, as above, inside one stored component.
 * Orientation tests are double products on the coordinates, as Lucene's GeoUtils.orient computes them. Within and
 * contains test against one component at a time, where Lucene's tessellation would also accept a shape covered only
 * by two adjacent components together (docs/DEVIATIONS.md).
 *
 * A query component may also be a circle (circle-2d.ts: a geo or a cartesian one), related as Lucene's Circle2D
 * relates the stored triangles and segments: it meets a stored component when one of its vertices is inside, one of
 * its edges meets the circle, or (a polygon) the centre lies in it; a stored component is within it when all its
 * vertices are inside; it is within a stored polygon when no vertex of the polygon is inside, no edge of the polygon
 * (a hole's included) meets it and the centre lies in the polygon, and never within a point or a line.
 */
import { verticesOf, type Component } from './shape-components.ts'
import type { Circle2D } from './circle-2d.ts'

export type ShapeRelation = 'intersects' | 'disjoint' | 'within' | 'contains'

/** What a query's shape is made of: the stored kinds, and a circle. */
export type QueryComponent = Component | Circle2D

type Where = 'in' | 'on' | 'out'

function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  const v = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)
  return v > 0 ? 1 : v < 0 ? -1 : 0
}

function onSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): boolean {
  return (
    orient(ax, ay, bx, by, px, py) === 0 &&
    px >= Math.min(ax, bx) &&
    px <= Math.max(ax, bx) &&
    py >= Math.min(ay, by) &&
    py <= Math.max(ay, by)
  )
}

/** Closed segments ab and cd share a point (either may be a single point). */
function segmentsMeet(s: readonly number[], i: number, t: readonly number[], j: number): boolean {
  const [ax, ay, bx, by] = [s[i]!, s[i + 1]!, s[i + 2]!, s[i + 3]!]
  const [cx, cy, dx, dy] = [t[j]!, t[j + 1]!, t[j + 2]!, t[j + 3]!]
  const o1 = orient(ax, ay, bx, by, cx, cy)
  const o2 = orient(ax, ay, bx, by, dx, dy)
  const o3 = orient(cx, cy, dx, dy, ax, ay)
  const o4 = orient(cx, cy, dx, dy, bx, by)
  if (o1 * o2 < 0 && o3 * o4 < 0) return true
  return (
    onSegment(cx, cy, ax, ay, bx, by) ||
    onSegment(dx, dy, ax, ay, bx, by) ||
    onSegment(ax, ay, cx, cy, dx, dy) ||
    onSegment(bx, by, cx, cy, dx, dy)
  )
}

/** The interiors of segments ab and cd cross at a single point. */
function segmentsCross(s: readonly number[], i: number, t: readonly number[], j: number): boolean {
  const [ax, ay, bx, by] = [s[i]!, s[i + 1]!, s[i + 2]!, s[i + 3]!]
  const [cx, cy, dx, dy] = [t[j]!, t[j + 1]!, t[j + 2]!, t[j + 3]!]
  return (
    orient(ax, ay, bx, by, cx, cy) * orient(ax, ay, bx, by, dx, dy) < 0 &&
    orient(cx, cy, dx, dy, ax, ay) * orient(cx, cy, dx, dy, bx, by) < 0
  )
}

/** A component's edges as flat paths: a point a one-point path (x, y, x, y), a line itself, each ring. */
function pathsOf(component: Component): ReadonlyArray<readonly number[]> {
  if (component.kind === 'point') return [[component.x, component.y, component.x, component.y]]
  return component.kind === 'line' ? [component.coords] : component.rings
}

function whereInRing(px: number, py: number, ring: readonly number[]): Where {
  let inside = false
  for (let i = 0; i + 3 < ring.length; i += 2) {
    const [ax, ay, bx, by] = [ring[i]!, ring[i + 1]!, ring[i + 2]!, ring[i + 3]!]
    if (onSegment(px, py, ax, ay, bx, by)) return 'on'
    if (ay > py !== by > py && px < ((bx - ax) * (py - ay)) / (by - ay) + ax) inside = !inside
  }
  return inside ? 'in' : 'out'
}

function whereInPolygon(px: number, py: number, rings: ReadonlyArray<readonly number[]>): Where {
  const shell = whereInRing(px, py, rings[0]!)
  if (shell !== 'in') return shell
  for (let h = 1; h < rings.length; h++) {
    const hole = whereInRing(px, py, rings[h]!)
    if (hole === 'in') return 'out'
    if (hole === 'on') return 'on'
  }
  return 'in'
}

function anyVertexIn(vertices: readonly number[], polygon: Component): boolean {
  if (polygon.kind !== 'polygon') return false
  for (let i = 0; i < vertices.length; i += 2) {
    if (whereInPolygon(vertices[i]!, vertices[i + 1]!, polygon.rings) !== 'out') return true
  }
  return false
}

function pathsMeet(a: ReadonlyArray<readonly number[]>, b: ReadonlyArray<readonly number[]>): boolean {
  for (const s of a) {
    for (let i = 0; i + 3 < s.length; i += 2) {
      for (const t of b) {
        for (let j = 0; j + 3 < t.length; j += 2) if (segmentsMeet(s, i, t, j)) return true
      }
    }
  }
  return false
}

function allInCircle(vertices: readonly number[], circle: Circle2D): boolean {
  for (let i = 0; i < vertices.length; i += 2)
    if (!circle.contains(vertices[i]!, vertices[i + 1]!)) return false
  return true
}

function edgesMeetCircle(component: Component, circle: Circle2D): boolean {
  for (const path of pathsOf(component)) {
    for (let i = 0; i + 3 < path.length; i += 2) {
      if (circle.meetsSegment(path[i]!, path[i + 1]!, path[i + 2]!, path[i + 3]!)) return true
    }
  }
  return false
}

function centreIn(circle: Circle2D, component: Component): boolean {
  return component.kind === 'polygon' && whereInPolygon(circle.x, circle.y, component.rings) !== 'out'
}

function intersects(a: Component, b: QueryComponent): boolean {
  if (b.kind === 'circle') return edgesMeetCircle(a, b) || centreIn(b, a)
  return pathsMeet(pathsOf(a), pathsOf(b)) || anyVertexIn(verticesOf(a), b) || anyVertexIn(verticesOf(b), a)
}

/** Each edge's midpoint of a component's paths. */
function midpoints(component: Component): number[] {
  const out: number[] = []
  for (const path of pathsOf(component)) {
    for (let i = 0; i + 3 < path.length; i += 2) {
      out.push((path[i]! + path[i + 2]!) / 2, (path[i + 1]! + path[i + 3]!) / 2)
    }
  }
  return out
}

function onLine(px: number, py: number, line: readonly number[]): boolean {
  for (let i = 0; i + 3 < line.length; i += 2) {
    if (onSegment(px, py, line[i]!, line[i + 1]!, line[i + 2]!, line[i + 3]!)) return true
  }
  return false
}

function allOnLine(points: readonly number[], line: readonly number[]): boolean {
  for (let i = 0; i < points.length; i += 2) if (!onLine(points[i]!, points[i + 1]!, line)) return false
  return true
}

function allInPolygon(points: readonly number[], rings: ReadonlyArray<readonly number[]>): boolean {
  for (let i = 0; i < points.length; i += 2) {
    if (whereInPolygon(points[i]!, points[i + 1]!, rings) === 'out') return false
  }
  return true
}

function pathsCross(a: ReadonlyArray<readonly number[]>, b: ReadonlyArray<readonly number[]>): boolean {
  for (const s of a) {
    for (let i = 0; i + 3 < s.length; i += 2) {
      for (const t of b) {
        for (let j = 0; j + 3 < t.length; j += 2) if (segmentsCross(s, i, t, j)) return true
      }
    }
  }
  return false
}

/** `inner` lies inside `outer` (see the header). */
function within(inner: QueryComponent, outer: QueryComponent): boolean {
  if (outer.kind === 'circle') return inner.kind !== 'circle' && allInCircle(verticesOf(inner), outer)
  if (inner.kind === 'circle') {
    const vertices = verticesOf(outer)
    for (let i = 0; i < vertices.length; i += 2)
      if (inner.contains(vertices[i]!, vertices[i + 1]!)) return false
    return outer.kind === 'polygon' && !edgesMeetCircle(outer, inner) && centreIn(inner, outer)
  }
  const vertices = verticesOf(inner)
  if (outer.kind === 'point') return inner.kind === 'point' && inner.x === outer.x && inner.y === outer.y
  if (outer.kind === 'line') {
    if (inner.kind === 'polygon') return false
    return allOnLine(vertices, outer.coords) && allOnLine(midpoints(inner), outer.coords)
  }
  if (!allInPolygon(vertices, outer.rings)) return false
  if (inner.kind === 'point') return true
  if (pathsCross(pathsOf(inner), outer.rings) || !allInPolygon(midpoints(inner), outer.rings)) return false
  if (inner.kind === 'polygon') {
    const outerVertices = verticesOf(outer)
    for (let i = 0; i < outerVertices.length; i += 2) {
      if (whereInPolygon(outerVertices[i]!, outerVertices[i + 1]!, inner.rings) === 'in') return false
    }
  }
  return true
}

/** Whether a stored shape (its components, at least one) stands in `relation` to the query's components. */
export function relate(
  stored: readonly Component[],
  query: readonly QueryComponent[],
  relation: ShapeRelation,
): boolean {
  switch (relation) {
    case 'intersects':
      return stored.some((s) => query.some((q) => intersects(s, q)))
    case 'disjoint':
      return !stored.some((s) => query.some((q) => intersects(s, q)))
    case 'within':
      return stored.every((s) => query.some((q) => within(s, q)))
    case 'contains':
      return query.every((q) => stored.some((s) => within(q, s)))
  }
}
