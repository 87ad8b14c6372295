/**
 * ES|QL's ST_CENTROID_AGG (ES 8.17's SpatialCentroid: geo_point and cartesian_point only, the result of the field's
 * type): the mean of every point of the group, x and y Kahan-summed and divided by the count (CentroidPointAggregator),
 * printed as WKT `POINT (x y)`; null without points. The points are the values as read: from _source, unquantised,
 * unless SpatialDocValuesExtraction had the field loaded from doc values (`docValues`: the argument is a field of the
 * FROM's indices that the aggregation on the data node alone consumes), then quantised as the index stores them
 * (geo_point: GeoEncodingUtils' 32-bit latitude and longitude; cartesian_point: XYEncodingUtils' floats).
 */
import { quantize } from '../common/geo/geo-encoding.ts'
import { toWkt } from '../common/geo/well-known-text.ts'
import { CompensatedSum } from '../search/aggregations/metrics/compensated-sum.ts'
import { javaDoubleToString } from '../xcontent/index.ts'
import { pointOf } from './esql-spatial.ts'
import type { EsqlScalar, EsqlValue } from './esql-values.ts'

/** A point as the field's doc values hold it. */
function docValuePoint(type: string, { x, y }: { x: number; y: number }): { x: number; y: number } {
  if (type === 'cartesian_point') return { x: Math.fround(x), y: Math.fround(y) }
  const { lat, lon } = quantize({ lat: y, lon: x })
  return { x: lon, y: lat }
}

export function spatialCentroid(values: readonly EsqlScalar[], type: string, docValues: boolean): EsqlValue {
  if (values.length === 0) return null
  const x = new CompensatedSum()
  const y = new CompensatedSum()
  for (const value of values) {
    const point = docValues ? docValuePoint(type, pointOf(value)) : pointOf(value)
    x.add(point.x)
    y.add(point.y)
  }
  const centroid = { x: x.value / values.length, y: y.value / values.length, z: NaN }
  return toWkt({ type: 'Point', point: centroid }, javaDoubleToString)
}
