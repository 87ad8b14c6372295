/**
 * GeoDistanceSortBuilder (`_geo_distance`): hits ordered by the distance of their geo_point values to one or more
 * origins, as ES 8 sorts them.
 *
 * Request: `{"_geo_distance": {"<field>": origin(s), "order", "unit", "mode", "distance_type", "ignore_unmapped",
 * "validation_method"}}`; an origin is any geo point form, an array of numbers being one `[lon, lat]` point and any
 * other array a list of origins. unit defaults to m, distance_type to arc, mode to min (max when descending);
 * sum is refused. Shard: a document's distances are GeoDistance.calculate from each origin to each of its points
 * (decoded from their quantised doc values), in the unit, sorted; the mode picks one; a document without a point
 * sorts as +Infinity in both orders (MultiValueMode.select's missing value). The hit's `sort` value is that double.
 */
import { illegalArgumentException, parsingException } from '../../errors/index.ts'
import type { XContentObject, XContentValue } from '../../xcontent/index.ts'
import { XNumber } from '../../xcontent/index.ts'
import { parseBoolean } from '../../common/booleans.ts'
import {
  distanceUnit,
  geoDistance,
  METERS,
  type DistanceUnit,
  type GeoDistanceType,
} from '../../common/geo/distance-unit.ts'
import type { GeoPoint } from '../../common/geo/geo-encoding.ts'
import { parseGeoPoint } from '../../common/geo/geo-point-parser.ts'
import { geoPointsOf } from '../../index/mapper/geo-point-field.ts'
import type { FieldValue } from '../aggregations/index.ts'
import type { SortBuilder, SortMode, SortOrder } from './sort-builder.ts'

export interface GeoDistanceSpec {
  origins: readonly GeoPoint[]
  unit: DistanceUnit
  distanceType: GeoDistanceType
}

export type GeoDistanceSortBuilder = Extract<SortBuilder, { kind: 'geoDistance' }>

const OPTIONS = ['order', 'unit', 'mode', 'distance_type', 'ignore_unmapped', 'validation_method', 'nested']

function text(value: XContentValue | undefined): string | null {
  if (value instanceof XNumber) return value.text
  if (typeof value === 'string') return value
  return typeof value === 'boolean' ? String(value) : null
}

function origins(value: XContentValue): GeoPoint[] {
  if (Array.isArray(value) && !(value[0] instanceof XNumber)) return value.map((v) => parseGeoPoint(v))
  return [parseGeoPoint(value)]
}

export function parseGeoDistanceSort(body: XContentObject): GeoDistanceSortBuilder {
  let field: string | null = null
  let points: GeoPoint[] = []
  for (const [key, value] of body) {
    if (OPTIONS.includes(key)) continue
    if (field !== null) {
      throw parsingException(1, 1, `Trying to reset fieldName to [${key}], already set to [${field}].`)
    }
    field = key
    points = origins(value)
  }
  if (body.has('nested')) throw illegalArgumentException('[sort] [nested] is not available in the playground')
  if (field === null) throw illegalArgumentException('No geo points provided for _geo_distance sort.')
  const orderText = text(body.get('order'))
  const order: SortOrder | null =
    orderText === null ? null : orderText.toLowerCase() === 'desc' ? 'desc' : 'asc'
  const unitText = text(body.get('unit'))
  const unit = unitText === null ? METERS : distanceUnit(unitText)
  if (unit === null) throw illegalArgumentException(`No distance unit match [${unitText}]`)
  const typeText = (text(body.get('distance_type')) ?? 'arc').toLowerCase()
  if (typeText !== 'arc' && typeText !== 'plane') {
    throw illegalArgumentException(`No geo distance for [${typeText}]`)
  }
  const modeText = text(body.get('mode'))
  let mode: SortMode | null = null
  if (modeText !== null) {
    const lower = modeText.toLowerCase()
    if (lower === 'sum')
      throw illegalArgumentException("sort_mode [sum] isn't supported for sorting by geo distance")
    if (lower !== 'min' && lower !== 'max' && lower !== 'avg' && lower !== 'median') {
      throw illegalArgumentException(`Unknown MultiValueMode [${modeText}]`)
    }
    mode = lower
  }
  const ignore = text(body.get('ignore_unmapped'))
  return {
    kind: 'geoDistance',
    field,
    spec: { origins: points, unit, distanceType: typeText },
    order: order ?? 'asc',
    mode,
    ignoreUnmapped: ignore === null ? false : parseBoolean(ignore),
  }
}

/** A document's distances to the origins, ascending (what the mode picks from). */
export function geoDistanceValues(spec: GeoDistanceSpec, words: readonly FieldValue[]): number[] {
  const distances: number[] = []
  for (const point of geoPointsOf(words as readonly number[])) {
    for (const origin of spec.origins) {
      distances.push(geoDistance(spec.distanceType, origin.lat, origin.lon, point.lat, point.lon, spec.unit))
    }
  }
  return distances.sort((a, b) => a - b)
}
