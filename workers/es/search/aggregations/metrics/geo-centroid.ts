/**
 * `geo_centroid` as ES 8's GeoCentroidAggregator and InternalGeoCentroid: the mean of a field's points (every point
 * of every document, decoded from its quantised doc values), latitudes and longitudes summed with Kahan summation and
 * divided by the count on the shard; the reduce weighs each shard's centroid by its count (count · centroid summed,
 * divided by the total), so even one shard's result goes through it. Rendered as `{"location": {"lat", "lon"},
 * "count": n}`, `location` left out without points. Wire form: the centroid (null without points) and the count.
 *
 * On a geo_shape field, as x-pack spatial's GeoShapeCentroidAggregator: each document's centroid as its doc value
 * records it (index/mapper/shape-doc-values.ts: quantised, with its weight and dimensional shape type) weighted by
 * its weight, only documents of the highest dimension seen contributing (a higher one restarts the Kahan sums); the
 * count is every document with a value; no centroid when the weights sum to 0. The reduce is the same. A document
 * indexed before its doc value recorded a centroid is counted but weighs nothing.
 */
import { JavaDouble, type JsonOut, type XContentObject } from '../../../xcontent/index.ts'
import { rejectSubAggregations, type AggregationParser } from '../aggregation-builder.ts'
import { AggregationParams } from '../aggregation-params.ts'
import { geoPointValues } from '../geo-values.ts'
import { InternalAggregation, readMeta, type AggregationWireHeader } from '../internal-aggregation.ts'
import { CompensatedSum } from './compensated-sum.ts'
import type { GeoPoint } from '../../../common/geo/geo-encoding.ts'
import { shapeCentroidOf } from '../../../index/mapper/shape-doc-values.ts'
import type { ShardContext } from '../aggregation-context.ts'

export interface GeoCentroidWire extends AggregationWireHeader<'geo_centroid'> {
  readonly centroid: GeoPoint | null
  readonly count: number
}

export class InternalGeoCentroid extends InternalAggregation {
  constructor(
    name: string,
    meta: XContentObject | null,
    readonly centroid: GeoPoint | null,
    readonly count: number,
  ) {
    super(name, meta)
  }

  static readFrom(wire: GeoCentroidWire): InternalGeoCentroid {
    const centroid = wire.centroid === null ? null : { ...wire.centroid }
    return new InternalGeoCentroid(wire.name, readMeta(wire.meta), centroid, wire.count)
  }

  writeTo(): GeoCentroidWire {
    const centroid = this.centroid === null ? null : { ...this.centroid }
    return { ...this.header('geo_centroid'), centroid, count: this.count }
  }

  reduce(all: readonly InternalAggregation[]): InternalAggregation {
    let lonSum = NaN
    let latSum = NaN
    let count = 0
    for (const part of all as readonly InternalGeoCentroid[]) {
      if (part.count === 0 || part.centroid === null) continue
      count += part.count
      if (Number.isNaN(lonSum)) {
        lonSum = part.count * part.centroid.lon
        latSum = part.count * part.centroid.lat
      } else {
        lonSum += part.count * part.centroid.lon
        latSum += part.count * part.centroid.lat
      }
    }
    const centroid = Number.isNaN(lonSum) ? null : { lat: latSum / count, lon: lonSum / count }
    return new InternalGeoCentroid(this.name, this.meta, centroid, count)
  }

  getType(): string {
    return 'geo_centroid'
  }

  protected body(out: Map<string, JsonOut>): void {
    if (this.centroid !== null) {
      out.set(
        'location',
        new Map<string, JsonOut>([
          ['lat', new JavaDouble(this.centroid.lat)],
          ['lon', new JavaDouble(this.centroid.lon)],
        ]),
      )
    }
    out.set('count', this.count)
  }
}

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
        return new InternalGeoCentroid(name, meta, ...shapeCentroidSums(shard, field, docs))
      }
      const points = geoPointValues(shard, 'geo_centroid', field)
      const lat = new CompensatedSum()
      const lon = new CompensatedSum()
      let count = 0
      for (const doc of docs) {
        for (const point of points(doc)) {
          lat.add(point.lat)
          lon.add(point.lon)
          count++
        }
      }
      const centroid = count > 0 ? { lat: lat.value / count, lon: lon.value / count } : null
      return new InternalGeoCentroid(name, meta, centroid, count)
    },
  }
}

/** GeoShapeCentroidAggregator over `docs` (see the header): the centroid and the count. */
function shapeCentroidSums(
  shard: ShardContext,
  field: string,
  docs: Iterable<number>,
): [GeoPoint | null, number] {
  let lat = new CompensatedSum()
  let lon = new CompensatedSum()
  let weight = new CompensatedSum()
  let dimension = 0
  let count = 0
  for (const doc of docs) {
    const words = shard.source.values(field, doc) as readonly number[]
    if (words.length === 0) continue
    count++
    const value = shapeCentroidOf('geo', words)
    if (value === null || value.dimension < dimension) continue
    if (value.dimension > dimension) {
      lat = new CompensatedSum()
      lon = new CompensatedSum()
      weight = new CompensatedSum()
      dimension = value.dimension
    }
    lat.add(value.weight * value.y)
    lon.add(value.weight * value.x)
    weight.add(value.weight)
  }
  const centroid = weight.value > 0 ? { lat: lat.value / weight.value, lon: lon.value / weight.value } : null
  return [centroid, count]
}
