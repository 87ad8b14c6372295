/**
 * org.elasticsearch.common.geo.GeoPoint as a script sees it (a geo_point's doc value): `lat` / `getLat()`, `lon` /
 * `getLon()`, the decoded (quantised) coordinates doc values hold; toString ES's `lat, lon`; written to XContent as
 * XContentBuilder.latlon's `{"lat": .., "lon": ..}`; equal to another GeoPoint of the same coordinates.
 */
import { XNumber, type XContentValue } from '../xcontent/index.ts'
import { HostObject, Num, javaString, type Value } from './painless-values.ts'

export class ScriptGeoPoint extends HostObject {
  readonly className = 'org.elasticsearch.common.geo.GeoPoint'

  constructor(
    readonly lat: number,
    readonly lon: number,
  ) {
    super()
  }

  override field(name: string): Value | undefined {
    if (name === 'lat') return Num.double(this.lat)
    if (name === 'lon') return Num.double(this.lon)
    return undefined
  }

  override call(name: string, args: readonly Value[]): Value | undefined {
    if (name === 'getLat' && args.length === 0) return Num.double(this.lat)
    if (name === 'getLon' && args.length === 0) return Num.double(this.lon)
    if (name === 'equals' && args.length === 1) {
      const other = args[0]
      return other instanceof ScriptGeoPoint && other.lat === this.lat && other.lon === this.lon
    }
    return undefined
  }

  override toString(): string {
    return `${javaString(Num.double(this.lat))}, ${javaString(Num.double(this.lon))}`
  }

  override toXContent(): XContentValue {
    return new Map([
      ['lat', new XNumber(javaString(Num.double(this.lat)))],
      ['lon', new XNumber(javaString(Num.double(this.lon)))],
    ])
  }
}
