/**
 * x-pack spatial's `cartesian_bounds` (CartesianBoundsAggregationBuilder, CartesianBoundsAggregator on a `point`
 * field, CartesianShapeBoundsAggregator on a `shape` field) and InternalCartesianBounds: the box around a field's
 * values, their top and bottom y and their left and right x (no wrapping: the plane does not wrap). Values are the
 * doc values' float-quantised coordinates as decoded (cartesian-values.ts). Rendered as `{"bounds": {"top_left":
 * {"x", "y"}, "bottom_right": {"x", "y"}}}`, or `{}` without values. `field` and `missing` are its keys (no script:
 * declareFields(PARSER, false, ...)); `missing` is not available. Wire form: the four sides, ±Infinity when unset.
 */
import { JavaDouble, type JsonOut, type XContentObject } from '../../../xcontent/index.ts'
import { rejectSubAggregations, type AggregationParser } from '../aggregation-builder.ts'
import { AggregationParams } from '../aggregation-params.ts'
import { cartesianExtentValues } from '../cartesian-values.ts'
import { InternalAggregation, readMeta, type AggregationWireHeader } from '../internal-aggregation.ts'
import { cartesianField } from './cartesian-centroid.ts'

export interface CartesianBoundsState {
  top: number
  bottom: number
  left: number
  right: number
}

export interface CartesianBoundsWire extends AggregationWireHeader<'cartesian_bounds'> {
  readonly state: CartesianBoundsState
}

const EMPTY: CartesianBoundsState = { top: -Infinity, bottom: Infinity, left: Infinity, right: -Infinity }

/** CartesianBoundsAggregatorBase.addBounds. */
function addBounds(state: CartesianBoundsState, { top, bottom, left, right }: CartesianBoundsState): void {
  state.top = Math.max(state.top, top)
  state.bottom = Math.min(state.bottom, bottom)
  state.left = Math.min(state.left, left)
  state.right = Math.max(state.right, right)
}

export class InternalCartesianBounds extends InternalAggregation {
  constructor(
    name: string,
    meta: XContentObject | null,
    readonly state: CartesianBoundsState,
  ) {
    super(name, meta)
  }

  static readFrom(wire: CartesianBoundsWire): InternalCartesianBounds {
    return new InternalCartesianBounds(wire.name, readMeta(wire.meta), { ...wire.state })
  }

  writeTo(): CartesianBoundsWire {
    return { type: 'cartesian_bounds', name: this.name, meta: this.wireMeta(), state: { ...this.state } }
  }

  reduce(all: readonly InternalAggregation[]): InternalAggregation {
    const state = { ...EMPTY }
    for (const part of all as readonly InternalCartesianBounds[]) addBounds(state, part.state)
    return new InternalCartesianBounds(this.name, this.meta, state)
  }

  getType(): string {
    return 'cartesian_bounds'
  }

  /** InternalCartesianBounds.resolveBoundingBox: nothing while the top is infinite. */
  protected body(out: Map<string, JsonOut>): void {
    const { top, bottom, left, right } = this.state
    if (!Number.isFinite(top)) return
    const point = (x: number, y: number): Map<string, JsonOut> =>
      new Map<string, JsonOut>([
        ['x', new JavaDouble(x)],
        ['y', new JavaDouble(y)],
      ])
    out.set(
      'bounds',
      new Map<string, JsonOut>([
        ['top_left', point(left, top)],
        ['bottom_right', point(right, bottom)],
      ]),
    )
  }
}

export const cartesianBoundsParser: AggregationParser = (name, body, meta, subs) => {
  rejectSubAggregations(name, 'cartesian_bounds', subs)
  const field = cartesianField(new AggregationParams('cartesian_bounds', body, ['field', 'missing']))
  return {
    name,
    type: 'cartesian_bounds',
    meta,
    subs,
    collect(shard, docs) {
      const boxes = cartesianExtentValues(shard, 'cartesian_bounds', field)
      const state = { ...EMPTY }
      for (const doc of docs) {
        for (const { minX, maxX, minY, maxY } of boxes(doc))
          addBounds(state, { top: maxY, bottom: minY, left: minX, right: maxX })
      }
      return new InternalCartesianBounds(name, meta, state)
    },
  }
}
