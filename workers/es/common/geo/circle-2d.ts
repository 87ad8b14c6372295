/**
 * A circle as Lucene's Circle2D relates it, with its two DistanceCalculators:
 * - a geo circle (HaversinDistance: the circle of a `geo_shape` query and of `geo_distance` on a geo_shape field): a
 *   point is inside when it lies in the circle's bounding rectangle (Rectangle.fromPointDistance: the radius plus
 *   7 cm, a pole within it widening the box to every longitude; a box crossing the dateline is taken as its two
 *   sides) and its SloppyMath.haversinSortKey to the centre is at most GeoUtils.distanceQuerySortKey(radius); the
 *   centre and the radius are used as given (not quantised), the box computed with SloppyMath's cosine and arcsine;
 * - a cartesian circle (CartesianDistance: the circle of a `shape` query, an XYCircle of float centre and radius):
 *   a point is inside when it lies in XYRectangle.fromPointDistance's box (the centre ± Math.nextUp(radius), in
 *   float arithmetic, clamped to ±Float.MAX_VALUE) and its squared distance to the centre is at most radius².
 * A segment meets the circle when an end point is inside, or when the point of the segment closest to the centre
 * in the plane lies inside (for a geo circle whose box crosses the dateline, again from the centre moved by 360°).
 */
import { distanceQuerySortKey, haversinSortKey, sloppyAsin, sloppyCos, toRadians } from './sloppy-math.ts'

/** A circle: its centre (x the longitude for a geo circle) and its DistanceCalculator's tests. */
export interface Circle2D {
  readonly kind: 'circle'
  readonly x: number
  readonly y: number
  /** The point lies in the circle, its boundary included. */
  contains(x: number, y: number): boolean
  /** The segment a-b meets the circle (see the header). */
  meetsSegment(ax: number, ay: number, bx: number, by: number): boolean
}

const EARTH_MEAN_RADIUS_METERS = 6_371_008.7714
const TO_DEGREES = 57.29577951308232
const MIN_LAT_RADIANS = toRadians(-90)
const MAX_LAT_RADIANS = toRadians(90)
const MIN_LON_RADIANS = toRadians(-180)
const MAX_LON_RADIANS = toRadians(180)
const FLOAT_MAX = 3.4028234663852886e38

function inBox(x: number, y: number, minX: number, maxX: number, minY: number, maxY: number): boolean {
  return x >= minX && x <= maxX && y >= minY && y <= maxY
}

/** Circle2D.intersectsLine: the planar closest point to (centerX, centerY) on the segment, inside the circle. */
function closestPointInside(
  contains: (x: number, y: number) => boolean,
  centerX: number,
  centerY: number,
  ax: number,
  ay: number,
  bx: number,
  by: number,
): boolean {
  const apX = centerX - ax
  const apY = centerY - ay
  const abX = bx - ax
  const abY = by - ay
  const t = (apX * abX + apY * abY) / (abX * abX + abY * abY)
  if (t < 0 || t > 1) return false
  const px = ax + abX * t
  const py = ay + abY * t
  const within =
    px >= Math.min(ax, bx) && px <= Math.max(ax, bx) && py >= Math.min(ay, by) && py <= Math.max(ay, by)
  return within && contains(px, py)
}

/** The geo circle of `radiusMeters` around (lon, lat) (HaversinDistance). */
export function geoCircle(lon: number, lat: number, radiusMeters: number): Circle2D {
  const radLat = toRadians(lat)
  const radLon = toRadians(lon)
  const radDistance = (radiusMeters + 7e-2) / EARTH_MEAN_RADIUS_METERS
  let minLat = radLat - radDistance
  let maxLat = radLat + radDistance
  let minLon = MIN_LON_RADIANS
  let maxLon = MAX_LON_RADIANS
  if (minLat > MIN_LAT_RADIANS && maxLat < MAX_LAT_RADIANS) {
    const deltaLon = sloppyAsin(sloppyCos(radDistance - Math.PI / 2) / sloppyCos(radLat))
    minLon = radLon - deltaLon
    if (minLon < MIN_LON_RADIANS) minLon += 2 * Math.PI
    maxLon = radLon + deltaLon
    if (maxLon > MAX_LON_RADIANS) maxLon -= 2 * Math.PI
  } else {
    minLat = Math.max(minLat, MIN_LAT_RADIANS)
    maxLat = Math.min(maxLat, MAX_LAT_RADIANS)
  }
  const [south, north] = [minLat * TO_DEGREES, maxLat * TO_DEGREES]
  const [west, east] = [minLon * TO_DEGREES, maxLon * TO_DEGREES]
  const crossesDateline = west > east
  const sortKey = distanceQuerySortKey(radiusMeters)
  const contains = (x: number, y: number): boolean => {
    const boxed = crossesDateline
      ? inBox(x, y, west, 180, south, north) || inBox(x, y, -180, east, south, north)
      : inBox(x, y, west, east, south, north)
    return boxed && haversinSortKey(y, x, lat, lon) <= sortKey
  }
  return {
    kind: 'circle',
    x: lon,
    y: lat,
    contains,
    meetsSegment(ax, ay, bx, by) {
      if (contains(ax, ay) || contains(bx, by)) return true
      if (closestPointInside(contains, lon, lat, ax, ay, bx, by)) return true
      if (!crossesDateline) return false
      return closestPointInside(contains, lon > 0 ? lon - 360 : lon + 360, lat, ax, ay, bx, by)
    },
  }
}

/** Math.nextUp of a positive float. */
function floatNextUp(value: number): number {
  const bits = new DataView(new ArrayBuffer(4))
  bits.setFloat32(0, value)
  bits.setUint32(0, bits.getUint32(0) + 1)
  return bits.getFloat32(0)
}

/** The cartesian circle of `radius` around (x, y), all three floats (CartesianDistance). */
export function xyCircle(x: number, y: number, radius: number): Circle2D {
  const distanceBox = floatNextUp(radius)
  const minX = Math.max(-FLOAT_MAX, Math.fround(x - distanceBox))
  const maxX = Math.min(FLOAT_MAX, Math.fround(x + distanceBox))
  const minY = Math.max(-FLOAT_MAX, Math.fround(y - distanceBox))
  const maxY = Math.min(FLOAT_MAX, Math.fround(y + distanceBox))
  const radiusSquared = radius * radius
  const contains = (px: number, py: number): boolean => {
    if (!inBox(px, py, minX, maxX, minY, maxY)) return false
    const dx = px - x
    const dy = py - y
    return dx * dx + dy * dy <= radiusSquared
  }
  return {
    kind: 'circle',
    x,
    y,
    contains,
    meetsSegment(ax, ay, bx, by) {
      return contains(ax, ay) || contains(bx, by) || closestPointInside(contains, x, y, ax, ay, bx, by)
    },
  }
}
