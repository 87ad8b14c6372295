/**
 * ES's DistanceUnit and GeoDistance: a distance text ("12km", "200m", "1.5mi", a bare number in meters) and the
 * distance between two points in a unit, by the arc (SloppyMath.haversinMeters) or the plane (GeoUtils.planeDistance,
 * an equirectangular approximation). A unit's suffix is matched in DistanceUnit's declaration order, so "km" is
 * kilometers, not meters.
 */
import { parseJavaDouble } from '../../../net/java-double.ts'
import { haversinMeters, toRadians } from './sloppy-math.ts'

export interface DistanceUnit {
  /** The first of its names, as ES prints it. */
  name: string
  meters: number
}

/** DistanceUnit's values in declaration order, each with its names. */
const UNITS: ReadonlyArray<readonly [number, readonly string[]]> = [
  [0.0254, ['in', 'inch']],
  [0.9144, ['yd', 'yards']],
  [0.3048, ['ft', 'feet']],
  [1000.0, ['km', 'kilometers']],
  [1852.0, ['NM', 'nmi', 'nauticalmiles']],
  [0.001, ['mm', 'millimeters']],
  [0.01, ['cm', 'centimeters']],
  [1609.344, ['mi', 'miles']],
  [1.0, ['m', 'meters']],
]

export const METERS: DistanceUnit = { name: 'm', meters: 1 }

/** DistanceUnit.fromString: a unit by one of its names, or null. */
export function distanceUnit(name: string): DistanceUnit | null {
  for (const [meters, names] of UNITS) if (names.includes(name)) return { name: names[0]!, meters }
  return null
}

/** DistanceUnit.convert. */
export function convertDistance(distance: number, from: DistanceUnit, to: DistanceUnit): number {
  return from.meters === to.meters ? distance : (distance * from.meters) / to.meters
}

/**
 * DistanceUnit.parse(text, defaultUnit, to): the distance in `to`, a bare number read in `defaultUnit`; null when the
 * number does not parse (Java's NumberFormatException).
 */
export function parseDistance(text: string, defaultUnit: DistanceUnit, to: DistanceUnit): number | null {
  for (const [meters, names] of UNITS) {
    for (const name of names) {
      if (!text.endsWith(name)) continue
      const value = parseJavaDouble(text.slice(0, text.length - name.length))
      return value === null ? null : convertDistance(value, { name: names[0]!, meters }, to)
    }
  }
  const value = parseJavaDouble(text)
  return value === null ? null : convertDistance(value, defaultUnit, to)
}

/** The number part of a distance text, as DistanceUnit.parse hands it to Double.parseDouble (its unit cut off). */
export function distanceNumberText(text: string): string {
  for (const [, names] of UNITS) {
    for (const name of names) if (text.endsWith(name)) return text.slice(0, text.length - name.length)
  }
  return text
}

const EARTH_MEAN_RADIUS = 6371008.7714

/** GeoUtils.planeDistance, in meters. */
export function planeDistance(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const x = toRadians(lon2 - lon1) * Math.cos(toRadians(lat2 + lat1) / 2.0)
  const y = toRadians(lat2 - lat1)
  return Math.sqrt(x * x + y * y) * EARTH_MEAN_RADIUS
}

export type GeoDistanceType = 'arc' | 'plane'

/** GeoDistance.calculate: from a source point to a target point, in `unit`. */
export function geoDistance(
  type: GeoDistanceType,
  sourceLat: number,
  sourceLon: number,
  targetLat: number,
  targetLon: number,
  unit: DistanceUnit,
): number {
  const meters =
    type === 'plane'
      ? planeDistance(sourceLat, sourceLon, targetLat, targetLon)
      : haversinMeters(sourceLat, sourceLon, targetLat, targetLon)
  return convertDistance(meters, METERS, unit)
}
