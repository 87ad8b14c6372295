/**
 * A geo circle as Lucene's Circle2D relates it (its HaversinDistance calculator), the circle of a `geo_shape` query
 * and of `geo_distance` on a geo_shape field: a point is inside when it lies in the circle's bounding rectangle
 * (Rectangle.fromPointDistance: the radius plus 7 cm, a pole within it widening the box to every longitude; a box
 * crossing the dateline is taken as its two sides) and its SloppyMath.haversinSortKey to the centre is at most
 * GeoUtils.distanceQuerySortKey(radius). A segment meets the circle when an end point is inside, or when the point
 * of the segment closest to the centre in the plane of longitude and latitude lies inside (again from the centre
 * moved by 360° when the box crosses the dateline). The centre and the radius are used as given (not quantised);
 * the box is computed with SloppyMath's cosine and arcsine, as Rectangle computes it.
 */
import { distanceQuerySortKey, haversinSortKey, sloppyAsin, sloppyCos, toRadians } from './sloppy-math.ts'

export interface GeoCircle {
  readonly kind: 'circle'
  readonly lon: number
  readonly lat: number
  readonly sortKey: number
  readonly minLat: number
  readonly maxLat: number
  readonly minLon: number
  readonly maxLon: number
  readonly crossesDateline: boolean
}

const EARTH_MEAN_RADIUS_METERS = 6_371_008.7714
const TO_DEGREES = 57.29577951308232
const MIN_LAT_RADIANS = toRadians(-90)
const MAX_LAT_RADIANS = toRadians(90)
const MIN_LON_RADIANS = toRadians(-180)
const MAX_LON_RADIANS = toRadians(180)

/** The circle of `radiusMeters` around (lon, lat). */
export function geoCircle(lon: number, lat: number, radiusMeters: number): GeoCircle {
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
  const box = {
    minLat: minLat * TO_DEGREES,
    maxLat: maxLat * TO_DEGREES,
    minLon: minLon * TO_DEGREES,
    maxLon: maxLon * TO_DEGREES,
  }
  const sortKey = distanceQuerySortKey(radiusMeters)
  return { kind: 'circle', lon, lat, sortKey, ...box, crossesDateline: box.minLon > box.maxLon }
}

function inBox(x: number, y: number, minX: number, maxX: number, minY: number, maxY: number): boolean {
  return x >= minX && x <= maxX && y >= minY && y <= maxY
}

/** The point (x the longitude) lies in the circle, its boundary included. */
export function circleContains(circle: GeoCircle, x: number, y: number): boolean {
  const { minLat, maxLat, minLon, maxLon } = circle
  const boxed = circle.crossesDateline
    ? inBox(x, y, minLon, 180, minLat, maxLat) || inBox(x, y, -180, maxLon, minLat, maxLat)
    : inBox(x, y, minLon, maxLon, minLat, maxLat)
  return boxed && haversinSortKey(y, x, circle.lat, circle.lon) <= circle.sortKey
}

/** Circle2D.intersectsLine: the planar closest point to (centerX, centerY) on the segment, inside the circle. */
function closestPointInside(
  circle: GeoCircle,
  centerX: number,
  ax: number,
  ay: number,
  bx: number,
  by: number,
): boolean {
  const apX = centerX - ax
  const apY = circle.lat - ay
  const abX = bx - ax
  const abY = by - ay
  const t = (apX * abX + apY * abY) / (abX * abX + abY * abY)
  if (t < 0 || t > 1) return false
  const px = ax + abX * t
  const py = ay + abY * t
  const within =
    px >= Math.min(ax, bx) && px <= Math.max(ax, bx) && py >= Math.min(ay, by) && py <= Math.max(ay, by)
  return within && circleContains(circle, px, py)
}

/** The segment a-b meets the circle (see the header). */
export function circleMeetsSegment(
  circle: GeoCircle,
  ax: number,
  ay: number,
  bx: number,
  by: number,
): boolean {
  if (circleContains(circle, ax, ay) || circleContains(circle, bx, by)) return true
  if (closestPointInside(circle, circle.lon, ax, ay, bx, by)) return true
  if (!circle.crossesDateline) return false
  return closestPointInside(circle, circle.lon > 0 ? circle.lon - 360 : circle.lon + 360, ax, ay, bx, by)
}
