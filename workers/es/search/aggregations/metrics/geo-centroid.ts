/**
 * `geo_centroid` as ES 8's GeoCentroidAggregator: the mean of a field's points (every point of every document,
 * decoded from its quantised doc values), latitudes and longitudes summed with Kahan summation and divided by the
 * count on the shard; on a geo_shape field, as x-pack spatial's GeoShapeCentroidAggregator, the weighted centroid
 * the documents' doc values record. The result, its reduce and its rendering are InternalCentroid's
 * (internal-centroid.ts).
 */
import { rejectSubAggregations, type AggregationParser } from '../aggregation-builder.ts'
import { AggregationParams } from '../aggregation-params.ts'
import { geoPointValues } from '../geo-values.ts'
import { InternalCentroid, pointsCentroid, shapesCentroid } from './internal-centroid.ts'

export const geoCentroidParser: AggregationParser = (name, body, meta, subs) => {
  rejectSubAggregations(name, 'geo_centroid', subs)
  const params = new AggregationParams('geo_centroid', body, ['field', 'missing', 'script'])
  const field = params.requiredField()
  return {
    name,
    type: 'geo_centroid',
    meta,
    subs,
    collect(shard, docs) {
      if (shard.source.field(field)?.type === 'geo_shape') {
        return new InternalCentroid('geo_centroid', name, meta, ...shapesCentroid('geo', shard, field, docs))
      }
      const points = geoPointValues(shard, 'geo_centroid', field)
      const xy = (doc: number) => points(doc).map(({ lat, lon }) => ({ x: lon, y: lat }))
      return new InternalCentroid('geo_centroid', name, meta, ...pointsCentroid(xy, docs))
    },
  }
}
