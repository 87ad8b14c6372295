/**
 * The distance_feature query's Lucene side as ES shows it: its class (profile), its toString (_validate) and its
 * Weight.explain, from the trace's distance record (whether the document has a value, the weight w and the value
 * scored: a date's column word, a geo_point's decoded lat/lon and haversine distance):
 *   LongDistanceFeatureQuery          "Distance score, computed as weight * pivotDistance / (pivotDistance +
 *                                     abs(value - origin)) from:" over weight (float), pivotDistance, origin and
 *                                     current value (longs)
 *   LatLonPointDistanceFeatureQuery   "... abs(distance)) from:" over weight (float), pivotDistance, originLat,
 *                                     originLon, current lat, current lon and distance (doubles)
 *   no value                          "Document <doc> doesn't have a value for field <field>"
 * Lucene's toString(field) prints its argument as the field (the query's own field is never printed), so a
 * top-level query, printed with the empty default field, shows `field=`.
 */
import type { ExplainedQuery, IndexQuery } from '../../../../engine-wasm/src/index/index.ts'
import { nanosOfSortableDouble } from '../../index/mapper/date-nanos-field.ts'
import { javaDoubleToString } from '../../xcontent/index.ts'
import { match, matchDouble, matchLong, noMatch, type Explanation } from './explanation.ts'

type DistanceFeature = Extract<IndexQuery, { type: 'distanceFeature' }>
type DistanceFeatureNode = ExplainedQuery & { query: DistanceFeature }

export function distanceFeatureClass(query: DistanceFeature): string {
  return query.origin.kind === 'geo' ? 'LatLonPointDistanceFeatureQuery' : 'LongDistanceFeatureQuery'
}

export function describeDistanceFeature(query: DistanceFeature): string {
  const { origin } = query
  if (origin.kind === 'geo') {
    const lat = javaDoubleToString(origin.lat)
    const lon = javaDoubleToString(origin.lon)
    const pivot = javaDoubleToString(origin.pivot)
    return `LatLonPointDistanceFeatureQuery(field=,originLat=${lat},originLon=${lon},pivotDistance=${pivot})`
  }
  return `LongDistanceFeatureQuery(field=,origin=${origin.value},pivotDistance=${origin.pivot})`
}

export function distanceFeatureExplanation(node: DistanceFeatureNode, docId: number): Explanation {
  const record = node.weights[0]
  const { field, origin } = node.query
  if (record?.status !== 'distance' || !record.hasValue)
    return noMatch(`Document ${docId} doesn't have a value for field ${field}`)
  const weight = match(record.weight, 'weight')
  if (origin.kind === 'geo') {
    return match(
      node.score,
      'Distance score, computed as weight * pivotDistance / (pivotDistance + abs(distance)) from:',
      [
        weight,
        matchDouble(origin.pivot, 'pivotDistance', []),
        matchDouble(origin.lat, 'originLat', []),
        matchDouble(origin.lon, 'originLon', []),
        matchDouble(record.lat, 'current lat', []),
        matchDouble(record.lon, 'current lon', []),
        matchDouble(record.distance, 'distance', []),
      ],
    )
  }
  const value = origin.kind === 'dateNanos' ? nanosOfSortableDouble(record.word) : BigInt(record.word)
  return match(
    node.score,
    'Distance score, computed as weight * pivotDistance / (pivotDistance + abs(value - origin)) from:',
    [
      weight,
      matchLong(Number(origin.pivot), 'pivotDistance'),
      matchLong(Number(origin.value), 'origin'),
      matchLong(Number(value), 'current value'),
    ],
  )
}
