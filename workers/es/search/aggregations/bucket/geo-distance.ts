/**
 * The `geo_distance` aggregation as ES 8's GeoDistanceAggregationBuilder builds it: a `range` aggregation
 * (range.ts: [from, to) ranges, keys "*-100.0", "100.0-300.0", sub-aggregations) over each document's distances from
 * `origin` (any geo point form) to its points, decoded from their quantised doc values, in `unit` (default m) by
 * `distance_type` (arc, the default, or plane). A range without `from` starts at 0.0, which it prints, under its
 * "*-to" key.
 */
import { illegalArgumentException } from '../../../errors/index.ts'
import { distanceUnit, geoDistance, METERS } from '../../../common/geo/distance-unit.ts'
import { parseGeoPoint } from '../../../common/geo/geo-point-parser.ts'
import type { AggregationBuilder, AggregationParser } from '../aggregation-builder.ts'
import { AggregationParams } from '../aggregation-params.ts'
import { geoPointValues } from '../geo-values.ts'
import { numericBound, rangeBuilder, rangeEntries, rangeKey, resolveRanges } from './range.ts'

export const geoDistanceParser: AggregationParser = (name, body, meta, subs): AggregationBuilder => {
  const params = new AggregationParams('geo_distance', body, [
    'field',
    'origin',
    'point',
    'center',
    'unit',
    'distance_type',
    'ranges',
    'keyed',
  ])
  const field = params.requiredField()
  const originValue = params.raw('origin') ?? params.raw('point') ?? params.raw('center')
  if (originValue === undefined || originValue === null) {
    throw illegalArgumentException(`[origin] must not be null: [${name}]`)
  }
  const origin = parseGeoPoint(originValue)
  const unitText = params.string('unit')
  const unit = unitText === null ? METERS : distanceUnit(unitText)
  if (unit === null) throw illegalArgumentException(`No distance unit match [${unitText}]`)
  const typeText = (params.string('distance_type') ?? 'arc').toLowerCase()
  if (typeText !== 'arc' && typeText !== 'plane')
    throw illegalArgumentException(`No geo distance for [${typeText}]`)
  // A range without `from` starts at 0 (GeoDistanceAggregationBuilder.Range) but keeps its "*-to" key.
  const ranges = resolveRanges(rangeEntries(name, params.raw('ranges')), numericBound).map((range) =>
    range.from === -Infinity ? { key: rangeKey(range, null), from: 0, to: range.to } : range,
  )
  return rangeBuilder(name, meta, subs, {
    type: 'geo_distance',
    field,
    keyed: params.boolean('keyed') ?? false,
    resolve: () => ({ ranges, format: null, missing: undefined }),
    values(shard) {
      const points = geoPointValues(shard, 'geo_distance', field)
      return (doc) =>
        points(doc).map((p) => geoDistance(typeText, origin.lat, origin.lon, p.lat, p.lon, unit))
    },
  })
}
