/**
 * What the cartesian aggregations (`cartesian_bounds`, `cartesian_centroid`) read of a document: on a `point` field
 * its points (CartesianPointValuesSource: XYDocValuesField's float-quantised x and y, decoded from the stored words,
 * index/mapper/shape-doc-values.ts), on a `shape` field the boxes of its components (CartesianShapeValues'
 * bounding box: their union is the doc value's extent). A field of another type is refused as ES's
 * ValuesSourceRegistry refuses it ("Field [f] of type [t] is not supported for aggregation [a]"); an unmapped field
 * has no values.
 */
import { illegalArgumentException } from '../../errors/index.ts'
import { boxOf, type ComponentBox } from '../../common/geo/shape-components.ts'
import { shapeComponentsOf } from '../../index/mapper/shape-doc-values.ts'
import type { ShardContext } from './aggregation-context.ts'

export interface CartesianPoint {
  readonly x: number
  readonly y: number
}

function refuseOtherTypes(
  shard: ShardContext,
  type: string,
  field: string,
  accepted: readonly string[],
): boolean {
  const info = shard.source.field(field)
  if (info === null) return false
  if (!accepted.includes(info.type)) {
    throw illegalArgumentException(
      `Field [${field}] of type [${info.type}] is not supported for aggregation [${type}]`,
    )
  }
  return true
}

/** A `point` field's points per document. */
export function cartesianPointValues(
  shard: ShardContext,
  type: string,
  field: string,
): (doc: number) => CartesianPoint[] {
  if (!refuseOtherTypes(shard, type, field, ['point'])) return () => []
  return (doc) =>
    shapeComponentsOf('cartesian', shard.source.values(field, doc) as readonly number[]).flatMap((c) =>
      c.kind === 'point' ? [{ x: c.x, y: c.y }] : [],
    )
}

/** The boxes a `point` (each point its own box) or `shape` field's value spans, per document. */
export function cartesianExtentValues(
  shard: ShardContext,
  type: string,
  field: string,
): (doc: number) => ComponentBox[] {
  if (!refuseOtherTypes(shard, type, field, ['point', 'shape'])) return () => []
  return (doc) =>
    shapeComponentsOf('cartesian', shard.source.values(field, doc) as readonly number[]).map(boxOf)
}
