/**
 * Lucene's GeoEncodingUtils (the 32-bit quantised latitude and longitude LatLonPoint and LatLonDocValuesField store)
 * and the cell keys ES's grid aggregations derive from a stored point: Geohash.stringEncode (ES's Geohash, with its
 * own decode constant 180/2^32: the top 5·level bits of the longitude/latitude interleave, longitude first) and
 * GeoTileUtils (zoom/x/y of the web-mercator tile, y through SloppyMath.cos). Encoding floors (the *Ceil variants
 * round up, for a box's lower corner); 90 and 180 encode as the value just below them, so every encoded int decodes
 * into [-90, 90) and [-180, 180).
 */
import { sloppyCos, toRadians } from './sloppy-math.ts'

const LAT_DECODE = 1 / (2 ** 32 / 180)
const LON_DECODE = 1 / (2 ** 32 / 360)

/** A point as doc values hold it: its quantised latitude and longitude (signed 32-bit). */
export interface EncodedPoint {
  lat: number
  lon: number
}

/** A point in degrees. */
export interface GeoPoint {
  lat: number
  lon: number
}

function toInt32(value: number): number {
  return value >= 2147483647 ? 2147483647 : value <= -2147483648 ? -2147483648 : value
}

function nextDown(value: number): number {
  const view = new DataView(new ArrayBuffer(8))
  view.setFloat64(0, value)
  view.setBigInt64(0, view.getBigInt64(0) - 1n)
  return view.getFloat64(0)
}

const BELOW_90 = nextDown(90)
const BELOW_180 = nextDown(180)

export function encodeLatitude(latitude: number): number {
  return toInt32(Math.floor((latitude === 90 ? BELOW_90 : latitude) / LAT_DECODE))
}

export function encodeLatitudeCeil(latitude: number): number {
  return toInt32(Math.ceil((latitude === 90 ? BELOW_90 : latitude) / LAT_DECODE))
}

export function encodeLongitude(longitude: number): number {
  return toInt32(Math.floor((longitude === 180 ? BELOW_180 : longitude) / LON_DECODE))
}

export function encodeLongitudeCeil(longitude: number): number {
  return toInt32(Math.ceil((longitude === 180 ? BELOW_180 : longitude) / LON_DECODE))
}

export function decodeLatitude(encoded: number): number {
  return encoded * LAT_DECODE
}

export function decodeLongitude(encoded: number): number {
  return encoded * LON_DECODE
}

/** A point as a search sees it once indexed: both coordinates quantised and decoded. */
export function quantize(point: GeoPoint): GeoPoint {
  return { lat: decodeLatitude(encodeLatitude(point.lat)), lon: decodeLongitude(encodeLongitude(point.lon)) }
}

const BASE_32 = '0123456789bcdefghjkmnpqrstuvwxyz'
const GEOHASH_LAT_DECODE = 180 / 2 ** 32
const GEOHASH_LON_DECODE = 360 / 2 ** 32

/** Geohash.stringEncode(lon, lat, level), level 1..12. */
export function geohash(lon: number, lat: number, level: number): string {
  // The sign bit flipped, so the bits run from south/west to north/east.
  const latBits = (toInt32(Math.floor((lat === 90 ? BELOW_90 : lat) / GEOHASH_LAT_DECODE)) ^ 0x80000000) >>> 0
  const lonBits =
    (toInt32(Math.floor((lon === 180 ? BELOW_180 : lon) / GEOHASH_LON_DECODE)) ^ 0x80000000) >>> 0
  let out = ''
  let bit = 0
  for (let c = 0; c < level; c++) {
    let code = 0
    for (let i = 0; i < 5; i++, bit++) {
      const source = bit % 2 === 0 ? lonBits : latBits
      code = (code << 1) | ((source >>> (31 - (bit >> 1))) & 1)
    }
    out += BASE_32[code]
  }
  return out
}

/** The long a geohash key sorts by among equal doc counts (Geohash.longEncode: the bits, then the level). */
export function geohashLong(hash: string): bigint {
  let bits = 0n
  for (const c of hash) bits = (bits << 5n) | BigInt(BASE_32.indexOf(c))
  return (bits << 4n) | BigInt(hash.length)
}

/** The largest geotile zoom. */
export const MAX_ZOOM = 29

/** GeoTileUtils.longEncode's parts as the key "zoom/x/y". */
export function geotile(lon: number, lat: number, zoom: number): { x: number; y: number } {
  const tiles = 2 ** zoom
  // normalizeLon reads -180 as 180, so -180 is special-cased to the first column, as GeoTileUtils.getXTile does.
  let x = lon === -180 ? 0 : Math.floor(((lon + 180) / 360) * tiles)
  if (x < 0) x = 0
  if (x >= tiles) x = tiles - 1
  const latSin = sloppyCos(Math.PI / 2 - toRadians(lat))
  let y = Math.floor((0.5 - Math.log((1 + latSin) / (1 - latSin)) / (4 * Math.PI)) * tiles)
  if (y < 0) y = 0
  if (y >= tiles) y = tiles - 1
  return { x, y }
}

/** The long a geotile key sorts by (GeoTileUtils.longEncodeTiles: zoom, then x, then y). */
export function geotileLong(zoom: number, x: number, y: number): bigint {
  return (BigInt(zoom) << 58n) | (BigInt(x) << 29n) | BigInt(y)
}
