// GeoEncodingUtils' quantisation (TestGeoEncodingUtils-style round trips and the values ES's reference pages print),
// SloppyMath against Math within Lucene's TestSloppyMath deltas, distanceQuerySortKey, the geohash and geotile keys.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  decodeLatitude,
  decodeLongitude,
  encodeLatitude,
  encodeLatitudeCeil,
  encodeLongitude,
  encodeLongitudeCeil,
  geohash,
  geotile,
  quantize,
} from '../../../../workers/es/common/geo/geo-encoding.ts'
import {
  distanceQuerySortKey,
  haversinMeters,
  haversinMetersOfKey,
  sloppyAsin,
  sloppyCos,
} from '../../../../workers/es/common/geo/sloppy-math.ts'
import { geohashPoint, parseGeoPoint } from '../../../../workers/es/common/geo/geo-point-parser.ts'
import {
  convertDistance,
  distanceUnit,
  METERS,
  parseDistance,
} from '../../../../workers/es/common/geo/distance-unit.ts'

const LAT_DECODE = 180 / 2 ** 32
const LON_DECODE = 360 / 2 ** 32
const int32 = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 })

describe('GeoEncodingUtils', () => {
  it('the ends: 90 and 180 encode below themselves, the minimum decodes to -90 and -180', () => {
    expect(encodeLatitude(90)).toBe(2 ** 31 - 1)
    expect(encodeLatitude(-90)).toBe(-(2 ** 31))
    expect(encodeLongitude(180)).toBe(2 ** 31 - 1)
    expect(encodeLongitude(-180)).toBe(-(2 ** 31))
    expect(decodeLatitude(-(2 ** 31))).toBe(-90)
    expect(decodeLongitude(-(2 ** 31))).toBe(-180)
    expect(decodeLatitude(2 ** 31 - 1)).toBeLessThan(90)
  })

  it('decoding then encoding gives the int back; encoding rounds down, the ceil variant up', () => {
    fc.assert(
      fc.property(int32, (e) => {
        expect(encodeLatitude(decodeLatitude(e))).toBe(e)
        expect(encodeLongitude(decodeLongitude(e))).toBe(e)
      }),
    )
    fc.assert(
      fc.property(fc.double({ min: -90, max: 90, noNaN: true }), (lat) => {
        const down = decodeLatitude(encodeLatitude(lat))
        expect(down).toBeLessThanOrEqual(lat)
        expect(lat - down).toBeLessThanOrEqual(LAT_DECODE)
        // Above the largest encodable latitude the ceiling saturates, as Java's (int) cast does.
        if (lat <= decodeLatitude(2 ** 31 - 1))
          expect(decodeLatitude(encodeLatitudeCeil(lat))).toBeGreaterThanOrEqual(lat)
      }),
    )
    fc.assert(
      fc.property(fc.double({ min: -180, max: 180, noNaN: true }), (lon) => {
        const down = decodeLongitude(encodeLongitude(lon))
        expect(down).toBeLessThanOrEqual(lon)
        expect(lon - down).toBeLessThanOrEqual(LON_DECODE)
        if (lon <= decodeLongitude(2 ** 31 - 1))
          expect(decodeLongitude(encodeLongitudeCeil(lon))).toBeGreaterThanOrEqual(lon)
      }),
    )
  })

  it('the quantised points of the geo_bounds reference page', () => {
    expect(quantize({ lat: 48.861111, lon: 2.336389 })).toEqual({
      lat: 48.86111099738628,
      lon: 2.3363889567553997,
    })
    expect(quantize({ lat: 48.86, lon: 2.327 })).toEqual({ lat: 48.85999997612089, lon: 2.3269999679178 })
  })
})

describe('SloppyMath', () => {
  it('cos within 1e-15 and asin within 1e-7 of Math (TestSloppyMath)', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e4, max: 1e4, noNaN: true }), (a) => {
        expect(Math.abs(sloppyCos(a) - Math.cos(a))).toBeLessThanOrEqual(1e-14)
      }),
    )
    fc.assert(
      fc.property(fc.double({ min: -1, max: 1, noNaN: true }), (a) => {
        expect(Math.abs(sloppyAsin(a) - Math.asin(a))).toBeLessThanOrEqual(1e-7)
      }),
    )
    expect(sloppyAsin(1)).toBe(Math.PI / 2)
    expect(Number.isNaN(sloppyAsin(1.5))).toBe(true)
  })

  it('haversinMeters: zero, half the equator exactly, and within 40 cm of the true haversine', () => {
    expect(haversinMeters(0, 0, 0, 0)).toBe(0)
    expect(haversinMeters(0, -180, 0, 180)).toBe(0)
    expect(haversinMeters(90, 0, 90, 0)).toBe(0)
    expect(haversinMeters(0, 0, 0, 180)).toBe(6_371_008.7714 * Math.PI)
    const trueHaversin = (lat1: number, lon1: number, lat2: number, lon2: number): number => {
      const r = Math.PI / 180
      const h =
        Math.sin(((lat2 - lat1) * r) / 2) ** 2 +
        Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lon2 - lon1) * r) / 2) ** 2
      return 2 * 6_371_008.7714 * Math.asin(Math.min(1, Math.sqrt(h)))
    }
    const lat = fc.double({ min: -90, max: 90, noNaN: true })
    const lon = fc.double({ min: -180, max: 180, noNaN: true })
    fc.assert(
      fc.property(lat, lon, lat, lon, (a, b, c, d) => {
        expect(Math.abs(haversinMeters(a, b, c, d) - trueHaversin(a, b, c, d))).toBeLessThan(0.4)
      }),
    )
  })

  it('distanceQuerySortKey: a key whose distance is the radius, else the first one beyond it', () => {
    const view = new DataView(new ArrayBuffer(8))
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 2e7, noNaN: true }), (radius) => {
        const key = distanceQuerySortKey(radius)
        expect(haversinMetersOfKey(key)).toBeGreaterThanOrEqual(radius)
        view.setFloat64(0, key)
        view.setBigUint64(0, view.getBigUint64(0) - 1n)
        expect(haversinMetersOfKey(view.getFloat64(0))).toBeLessThanOrEqual(radius)
      }),
    )
  })
})

describe('geo points, distances and cells', () => {
  it('every point form ES accepts', () => {
    const expected = { lat: 41.12, lon: -71.34 }
    expect(parseGeoPoint('41.12,-71.34')).toEqual(expected)
    expect(parseGeoPoint('POINT (-71.34 41.12)')).toEqual(expected)
    expect(parseGeoPoint(' 41.12 , -71.34 ')).toEqual(expected)
    const corner = geohashPoint('ezs42')
    expect(corner.lat).toBeCloseTo(42.5830078125, 8)
    expect(corner.lon).toBeCloseTo(-5.625, 8)
    expect(() => geohashPoint('ezs4a')).toThrow('unsupported symbol [a] in geohash [ezs4a]')
  })

  it('geohash and geotile keys', () => {
    expect(geohash(-5.6, 42.6, 5)).toBe('ezs42')
    expect(geohash(-71.34, 41.12, 12)).toBe('drm3btev3e86')
    expect(geotile(0, 0, 0)).toEqual({ x: 0, y: 0 })
    expect(geotile(-180, 85.0511287798066, 3)).toEqual({ x: 0, y: 0 })
    expect(geotile(179.999, -85.0511287798066, 3)).toEqual({ x: 7, y: 7 })
  })

  it('distance texts in DistanceUnit order ("km" is not meters) and conversions', () => {
    expect(parseDistance('12km', METERS, METERS)).toBe(12000)
    expect(parseDistance('1.5mi', METERS, METERS)).toBe(1.5 * 1609.344)
    expect(parseDistance('200', distanceUnit('km')!, METERS)).toBe(200000)
    expect(parseDistance('10nmi', METERS, METERS)).toBe(18520)
    expect(parseDistance('abc', METERS, METERS)).toBeNull()
    expect(convertDistance(1000, METERS, distanceUnit('kilometers')!)).toBe(1)
  })
})
