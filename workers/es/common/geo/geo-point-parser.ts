/**
 * GeoUtils.parseGeoPoint: a geo point in any of the forms ES accepts, into degrees (not validated nor quantised):
 * - an object `{"lat": 41.12, "lon": -71.34}` (numbers or numeric strings), `{"geohash": "drm3btev3e86"}` or GeoJSON
 *   `{"type": "Point", "coordinates": [-71.34, 41.12]}`;
 * - a string "41.12,-71.34" (latitude first), a geohash "drm3btev3e86" (its cell's south-west corner, as
 *   Geohash.mortonEncode decodes it), or WKT "POINT (-71.34 41.12)" (longitude first);
 * - an array `[-71.34, 41.12]` (longitude first, GeoJSON's order).
 * A third coordinate (z) is accepted only with ignore_z_value (the default) and dropped. Failures are ES's
 * ElasticsearchParseException texts.
 */
import { parseJavaDouble } from '../../../net/java-double.ts'
import { elasticsearchParseException, EsException } from '../../errors/index.ts'
import { XNumber, type XContentValue } from '../../xcontent/index.ts'
import type { GeoPoint } from './geo-encoding.ts'

function zValueRefused(z: number | string): EsException {
  return elasticsearchParseException(
    `Exception parsing coordinates: found Z value [${String(z)}] but [ignore_z_value] parameter is [false]`,
  )
}

function numberOf(value: XContentValue | undefined, field: string): number {
  if (value instanceof XNumber) return value.value
  if (typeof value === 'string') {
    const parsed = parseJavaDouble(value)
    if (parsed !== null) return parsed
  }
  throw elasticsearchParseException(`[${field}] must be a valid double value`)
}

/** A point from any accepted form (see the header). */
export function parseGeoPoint(value: XContentValue, ignoreZValue = true): GeoPoint {
  if (value instanceof Map) return parseObject(value, ignoreZValue)
  if (Array.isArray(value)) return parseCoordinates(value, ignoreZValue)
  if (typeof value === 'string') return parseGeoPointString(value, ignoreZValue)
  throw elasticsearchParseException('geo_point expected')
}

function parseObject(value: ReadonlyMap<string, XContentValue>, ignoreZValue: boolean): GeoPoint {
  let lat: number | null = null
  let lon: number | null = null
  let hash: string | null = null
  let type: string | null = null
  let coordinates: GeoPoint | null = null
  for (const [field, entry] of value) {
    if (field === 'lat') lat = numberOf(entry, 'lat')
    else if (field === 'lon') lon = numberOf(entry, 'lon')
    else if (field === 'z') {
      const z = numberOf(entry, 'z')
      if (!ignoreZValue) throw zValueRefused(z)
    } else if (field === 'geohash') {
      if (typeof entry !== 'string') throw elasticsearchParseException('[geohash] must be a string')
      hash = entry
    } else if (field === 'type') {
      if (typeof entry !== 'string') throw elasticsearchParseException('[type] must be a string')
      type = entry
    } else if (field === 'coordinates') {
      if (!Array.isArray(entry)) throw elasticsearchParseException('[coordinates] must be an array')
      coordinates = parseCoordinates(entry, ignoreZValue)
    } else {
      throw elasticsearchParseException(
        `field [${field}] not supported - must be one of: lon, lat, z, type, coordinates, geohash`,
      )
    }
  }
  if (hash !== null) {
    if (lat !== null || lon !== null || type !== null || coordinates !== null) {
      throw elasticsearchParseException('field must be either lat/lon, geohash string or type/coordinates')
    }
    return geohashPoint(hash)
  }
  if (type !== null || coordinates !== null) {
    if (lat !== null || lon !== null) {
      throw elasticsearchParseException('field must be either lat/lon, geohash string or type/coordinates')
    }
    if (type === null) throw elasticsearchParseException('field [type] missing')
    if (type.toLowerCase() !== 'point') {
      throw elasticsearchParseException(`[type] for geo_point can only be 'Point'`)
    }
    if (coordinates === null) throw elasticsearchParseException('field [coordinates] missing')
    return coordinates
  }
  if (lat === null) throw elasticsearchParseException('field [lat] missing')
  if (lon === null) throw elasticsearchParseException('field [lon] missing')
  return { lat, lon }
}

/** `[lon, lat]` or `[lon, lat, z]`. */
function parseCoordinates(values: readonly XContentValue[], ignoreZValue: boolean): GeoPoint {
  const numbers = values.map((v) => {
    if (!(v instanceof XNumber)) throw elasticsearchParseException('numeric value expected')
    return v.value
  })
  if (numbers.length < 2) throw elasticsearchParseException(`geo_point expected`)
  if (numbers.length > 3) {
    throw elasticsearchParseException('Exception parsing coordinates: number of dimensions do not match')
  }
  if (numbers.length === 3 && !ignoreZValue) throw zValueRefused(numbers[2]!)
  return { lat: numbers[1]!, lon: numbers[0]! }
}

const WKT_POINT = /^\s*POINT\s*\(\s*(\S+)\s+(\S+)(?:\s+(\S+))?\s*\)\s*$/i

/** GeoUtils.parseGeoPoint(String): "lat,lon[,z]", WKT POINT, or a geohash. */
export function parseGeoPointString(text: string, ignoreZValue = true): GeoPoint {
  if (text.includes(',')) {
    const parts = text.split(',')
    if (parts.length > 3) {
      throw elasticsearchParseException(
        `failed to parse [${text}], expected 2 or 3 coordinates but found: [${parts.length}]`,
      )
    }
    const lat = parseJavaDouble(parts[0]!)
    if (lat === null) throw elasticsearchParseException('latitude must be a number')
    const lon = parseJavaDouble(parts[1]!)
    if (lon === null) throw elasticsearchParseException('longitude must be a number')
    if (parts.length === 3) {
      const z = parseJavaDouble(parts[2]!)
      if (z === null) throw elasticsearchParseException('altitude must be a number')
      if (!ignoreZValue) throw zValueRefused(z)
    }
    return { lat, lon }
  }
  if (/^\s*POINT\b/i.test(text)) {
    const match = WKT_POINT.exec(text)
    const lon = match ? parseJavaDouble(match[1]!) : null
    const lat = match ? parseJavaDouble(match[2]!) : null
    if (match === null || lon === null || lat === null) {
      throw elasticsearchParseException(`failed to parse [${text}], expected a point in WKT`)
    }
    if (match[3] !== undefined && !ignoreZValue) throw zValueRefused(match[3])
    return { lat, lon }
  }
  return geohashPoint(text)
}

const BASE_32 = '0123456789bcdefghjkmnpqrstuvwxyz'
const LAT_SCALE = 2 ** 31 / 180
const LON_SCALE = 2 ** 31 / 360

/** GeoPoint.resetFromGeoHash: the south-west corner of the hash's cell, 31 bits a coordinate (12 characters read). */
export function geohashPoint(hash: string): GeoPoint {
  if (hash.length === 0) throw illegalGeohash('empty geohash')
  let lonBits = 0
  let latBits = 0
  let lonCount = 0
  let latCount = 0
  let bit = 0
  for (const c of hash.slice(0, 12)) {
    const code = BASE_32.indexOf(c)
    if (code < 0) throw illegalGeohash(`unsupported symbol [${c}] in geohash [${hash}]`)
    for (let i = 4; i >= 0; i--, bit++) {
      const b = (code >> i) & 1
      if (bit % 2 === 0) {
        lonBits = lonBits * 2 + b
        lonCount++
      } else {
        latBits = latBits * 2 + b
        latCount++
      }
    }
  }
  const lon31 = lonBits * 2 ** (31 - lonCount)
  const lat31 = latBits * 2 ** (31 - latCount)
  return { lat: lat31 / LAT_SCALE - 90, lon: lon31 / LON_SCALE - 180 }
}

function illegalGeohash(reason: string): EsException {
  return new EsException({ type: 'illegal_argument_exception', reason, status: 400, rootCause: false })
}
