/**
 * x-pack spatial's `cartesian_centroid` (CartesianCentroidAggregationBuilder): on a `point` field, as
 * CartesianCentroidAggregator, the mean of every point of the matching documents (the doc values' float-quantised x
 * and y, Kahan-summed, divided by the count); on a `shape` field, as CartesianShapeCentroidAggregator, the weighted
 * centroid the documents' doc values record (the geo_shape case's CentroidCalculator). The result, its reduce and
 * its rendering (`{"location": {"x", "y"}, "count": n}`, `{"count": 0}` without values) are InternalCentroid's
 * (internal-centroid.ts). `field`, `missing` and `script` are its keys; `missing` and `script` are not available.
 */
import { illegalArgumentException } from '../../../errors/index.ts'
import { rejectSubAggregations, type AggregationParser } from '../aggregation-builder.ts'
import { AggregationParams } from '../aggregation-params.ts'
import { cartesianPointValues } from '../cartesian-values.ts'
import { InternalCentroid, pointsCentroid, shapesCentroid } from './internal-centroid.ts'

/** The `field` of a cartesian aggregation, its `missing` refused as not available. */
export function cartesianField(params: AggregationParams): string {
  if (params.has('missing'))
    throw illegalArgumentException(`[${params.type}] a [missing] value is not available in the playground`)
  return params.requiredField()
}

export const cartesianCentroidParser: AggregationParser = (name, body, meta, subs) => {
  rejectSubAggregations(name, 'cartesian_centroid', subs)
  const field = cartesianField(
    new AggregationParams('cartesian_centroid', body, ['field', 'missing', 'script']),
  )
  return {
    name,
    type: 'cartesian_centroid',
    meta,
    subs,
    collect(shard, docs) {
      const [centroid, count] =
        shard.source.field(field)?.type === 'shape'
          ? shapesCentroid('cartesian', shard, field, docs)
          : pointsCentroid(cartesianPointValues(shard, 'cartesian_centroid', field), docs)
      return new InternalCentroid('cartesian_centroid', name, meta, centroid, count)
    },
  }
}
