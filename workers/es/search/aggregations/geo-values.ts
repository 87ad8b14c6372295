/**
 * ValuesSource.GeoPoint for the geo aggregations: a geo_point field's points per document, decoded from the packed
 * quantised doc values (index/mapper/geo-point-field.ts), as MultiGeoPointValues gives them. A field of another type
 * is refused as ES refuses it ("Field [f] of type [t] is not supported for aggregation [a]"); an unmapped field
 * has no points.
 */
import { illegalArgumentException } from '../../errors/index.ts'
import type { GeoPoint } from '../../common/geo/geo-encoding.ts'
import { geoPointsOf } from '../../index/mapper/geo-point-field.ts'
import type { ShardContext } from './aggregation-context.ts'

export function geoPointValues(
  shard: ShardContext,
  type: string,
  field: string,
): (doc: number) => GeoPoint[] {
  const info = shard.source.field(field)
  if (info === null) return () => []
  if (info.type === 'geo_shape')
    throw illegalArgumentException(
      `[${type}] aggregations on geo_shape fields are not available in the playground`,
    )
  if (info.type !== 'geo_point') {
    throw illegalArgumentException(
      `Field [${field}] of type [${info.type}] is not supported for aggregation [${type}]`,
    )
  }
  return (doc) => geoPointsOf(shard.source.values(field, doc) as readonly number[])
}
