/**
 * How the `fields` option prints a geo_point (GeoPointFieldMapper's value fetcher): each point as parsed from
 * `_source` (not quantised), as GeoJSON `{"type": "Point", "coordinates": [lon, lat]}` by default or as WKT
 * `POINT (lon lat)` with `format: wkt`; coordinates print as Java doubles. Another format is refused.
 */
import { illegalArgumentException } from '../../errors/index.ts'
import { JavaDouble, javaDoubleToString, type JsonOut } from '../../xcontent/index.ts'
import { parseGeoPointString } from '../../common/geo/geo-point-parser.ts'
import type { LeafValue } from '../../index/mapper/document-parser.ts'

/** The printer of one parsed point ("lat,lon", as the document parser hands geo_point values on). */
export function geoPointPrinter(format: string | null): (value: LeafValue) => JsonOut {
  const name = (format ?? 'geojson').toLowerCase()
  if (name === 'wkt') {
    return (value) => {
      const { lat, lon } = parseGeoPointString(String(value))
      return `POINT (${javaDoubleToString(lon)} ${javaDoubleToString(lat)})`
    }
  }
  if (name !== 'geojson') throw illegalArgumentException(`Unrecognized geometry format [${format}].`)
  return (value) => {
    const { lat, lon } = parseGeoPointString(String(value))
    return new Map<string, JsonOut>([
      ['type', 'Point'],
      ['coordinates', [new JavaDouble(lon), new JavaDouble(lat)]],
    ])
  }
}
