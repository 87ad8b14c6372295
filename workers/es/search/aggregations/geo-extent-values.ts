/**
 * What geo_bounds reads of a document: the boxes its value spans, as ES's GeoBoundsAggregator (geo_point: each point
 * a box of its own) and GeoShapeBoundsAggregator (geo_shape: the extent its doc values' triangle tree records, built
 * from each triangle's box; a component's box gives the same extent, since a connected component with a box
 * straddling longitude 0 has a triangle or segment that does too) read it. Coordinates are the quantised ones as
 * decoded. A field of another type is refused as geo-values.ts refuses it.
 */
import { geoPointValues } from './geo-values.ts'
import type { ShardContext } from './aggregation-context.ts'
import { shapeComponentsOf } from '../../index/mapper/shape-doc-values.ts'
import { boxOf } from '../../common/geo/shape-components.ts'

export interface GeoBox {
  minLon: number
  maxLon: number
  minLat: number
  maxLat: number
}

export function geoExtentValues(shard: ShardContext, type: string, field: string): (doc: number) => GeoBox[] {
  if (shard.source.field(field)?.type !== 'geo_shape') {
    const points = geoPointValues(shard, type, field)
    return (doc) =>
      points(doc).map(({ lat, lon }) => ({ minLon: lon, maxLon: lon, minLat: lat, maxLat: lat }))
  }
  return (doc) =>
    shapeComponentsOf('geo', shard.source.values(field, doc) as readonly number[]).map((component) => {
      const { minX, maxX, minY, maxY } = boxOf(component)
      return { minLon: minX, maxLon: maxX, minLat: minY, maxLat: maxY }
    })
}
