/**
 * ES 8's InternalCentroid, the result of `geo_centroid` (InternalGeoCentroid) and `cartesian_centroid`
 * (InternalCartesianCentroid): a centroid (null without values) and a count. The reduce weighs each shard's centroid
 * by its count (count · centroid summed per coordinate, divided by the total; a part with count 0 is skipped), so even
 * one shard's result goes through it. Rendered as `{"location": {<first>, <second>}, "count": n}`, `location` left
 * out without a centroid: `lat` then `lon` for geo_centroid, `x` then `y` for cartesian_centroid, each a double.
 * Wire form: the type, the centroid as {x, y} (x the longitude; null without one) and the count.
 *
 * Also the shape half of both aggregators (GeoShapeCentroidAggregator, CartesianShapeCentroidAggregator): each
 * document's centroid as its shape doc value records it (index/mapper/shape-doc-values.ts: quantised, with its weight
 * and dimensional shape type) weighted by its weight, only documents of the highest dimension seen contributing (a
 * higher one restarts the Kahan sums); the count is every document with a value; no centroid when the weights sum to
 * 0. A document indexed before its doc value recorded a centroid is counted but weighs nothing.
 */
import { JavaDouble, type JsonOut, type XContentObject } from '../../../xcontent/index.ts'
import type { CoordinateSystem } from '../../../common/geo/geometry-validator.ts'
import { shapeCentroidOf } from '../../../index/mapper/shape-doc-values.ts'
import type { ShardContext } from '../aggregation-context.ts'
import { InternalAggregation, readMeta, type AggregationWireHeader } from '../internal-aggregation.ts'
import { CompensatedSum } from './compensated-sum.ts'

export type CentroidType = 'geo_centroid' | 'cartesian_centroid'

export interface Centroid {
  readonly x: number
  readonly y: number
}

export interface CentroidWire extends AggregationWireHeader<CentroidType> {
  readonly centroid: Centroid | null
  readonly count: number
}

export class InternalCentroid extends InternalAggregation {
  constructor(
    readonly type: CentroidType,
    name: string,
    meta: XContentObject | null,
    readonly centroid: Centroid | null,
    readonly count: number,
  ) {
    super(name, meta)
  }

  static readFrom(wire: CentroidWire): InternalCentroid {
    const centroid = wire.centroid === null ? null : { ...wire.centroid }
    return new InternalCentroid(wire.type, wire.name, readMeta(wire.meta), centroid, wire.count)
  }

  writeTo(): CentroidWire {
    const centroid = this.centroid === null ? null : { ...this.centroid }
    return { type: this.type, name: this.name, meta: this.wireMeta(), centroid, count: this.count }
  }

  reduce(all: readonly InternalAggregation[]): InternalAggregation {
    let xSum = NaN
    let ySum = NaN
    let count = 0
    for (const part of all as readonly InternalCentroid[]) {
      if (part.count === 0 || part.centroid === null) continue
      count += part.count
      if (Number.isNaN(xSum)) {
        xSum = part.count * part.centroid.x
        ySum = part.count * part.centroid.y
      } else {
        xSum += part.count * part.centroid.x
        ySum += part.count * part.centroid.y
      }
    }
    const centroid = Number.isNaN(xSum) ? null : { x: xSum / count, y: ySum / count }
    return new InternalCentroid(this.type, this.name, this.meta, centroid, count)
  }

  getType(): string {
    return this.type
  }

  protected body(out: Map<string, JsonOut>): void {
    if (this.centroid !== null) {
      const { x, y } = this.centroid
      const fields: [string, JsonOut][] =
        this.type === 'geo_centroid'
          ? [
              ['lat', new JavaDouble(y)],
              ['lon', new JavaDouble(x)],
            ]
          : [
              ['x', new JavaDouble(x)],
              ['y', new JavaDouble(y)],
            ]
      out.set('location', new Map<string, JsonOut>(fields))
    }
    out.set('count', this.count)
  }
}

/** The points' centroid: Kahan sums of each coordinate divided by the count (GeoCentroidAggregator's collect). */
export function pointsCentroid(
  points: (doc: number) => readonly Centroid[],
  docs: Iterable<number>,
): [Centroid | null, number] {
  const x = new CompensatedSum()
  const y = new CompensatedSum()
  let count = 0
  for (const doc of docs) {
    for (const point of points(doc)) {
      x.add(point.x)
      y.add(point.y)
      count++
    }
  }
  return [count > 0 ? { x: x.value / count, y: y.value / count } : null, count]
}

/** The shape aggregators over `docs` of a shape field (see the header): the centroid and the count. */
export function shapesCentroid(
  system: CoordinateSystem,
  shard: ShardContext,
  field: string,
  docs: Iterable<number>,
): [Centroid | null, number] {
  let x = new CompensatedSum()
  let y = new CompensatedSum()
  let weight = new CompensatedSum()
  let dimension = 0
  let count = 0
  for (const doc of docs) {
    const words = shard.source.values(field, doc) as readonly number[]
    if (words.length === 0) continue
    count++
    const value = shapeCentroidOf(system, words)
    if (value === null || value.dimension < dimension) continue
    if (value.dimension > dimension) {
      x = new CompensatedSum()
      y = new CompensatedSum()
      weight = new CompensatedSum()
      dimension = value.dimension
    }
    x.add(value.weight * value.x)
    y.add(value.weight * value.y)
    weight.add(value.weight)
  }
  const centroid = weight.value > 0 ? { x: x.value / weight.value, y: y.value / weight.value } : null
  return [centroid, count]
}
