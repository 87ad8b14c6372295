/**
 * `geo_bounds` as ES 8's GeoBoundsAggregator (GeoShapeBoundsAggregator on a geo_shape: geo-extent-values.ts) and
 * InternalGeoBounds: the box around a field's points, tracking the
 * top and bottom latitudes and, apart, the extremes of the non-negative and of the negative longitudes, so that with
 * `wrap_longitude` (the default) the box may cross the dateline when that makes it narrower. Rendered as
 * `{"bounds": {"top_left": {"lat", "lon"}, "bottom_right": {"lat", "lon"}}}`, or `{}` without points. Values are
 * the quantised points as decoded. Wire form: the six extremes (±Infinity when unset) and wrap_longitude.
 */
import { JavaDouble, type JsonOut, type XContentObject } from '../../../xcontent/index.ts'
import { rejectSubAggregations, type AggregationParser } from '../aggregation-builder.ts'
import { AggregationParams } from '../aggregation-params.ts'
import { geoExtentValues, type GeoBox } from '../geo-extent-values.ts'
import { InternalAggregation, readMeta, type AggregationWireHeader } from '../internal-aggregation.ts'

export interface GeoBoundsState {
  top: number
  bottom: number
  posLeft: number
  posRight: number
  negLeft: number
  negRight: number
}

export interface GeoBoundsWire extends AggregationWireHeader<'geo_bounds'> {
  readonly state: GeoBoundsState
  readonly wrapLongitude: boolean
}

const EMPTY: GeoBoundsState = {
  top: -Infinity,
  bottom: Infinity,
  posLeft: Infinity,
  posRight: -Infinity,
  negLeft: Infinity,
  negRight: -Infinity,
}

export class InternalGeoBounds extends InternalAggregation {
  constructor(
    name: string,
    meta: XContentObject | null,
    readonly state: GeoBoundsState,
    readonly wrapLongitude: boolean,
  ) {
    super(name, meta)
  }

  static readFrom(wire: GeoBoundsWire): InternalGeoBounds {
    return new InternalGeoBounds(wire.name, readMeta(wire.meta), { ...wire.state }, wire.wrapLongitude)
  }

  writeTo(): GeoBoundsWire {
    return { ...this.header('geo_bounds'), state: { ...this.state }, wrapLongitude: this.wrapLongitude }
  }

  reduce(all: readonly InternalAggregation[]): InternalAggregation {
    const states = (all as readonly InternalGeoBounds[]).map((a) => a.state)
    const max = (key: keyof GeoBoundsState): number => Math.max(...states.map((s) => s[key]))
    const min = (key: keyof GeoBoundsState): number => Math.min(...states.map((s) => s[key]))
    const state: GeoBoundsState = {
      top: max('top'),
      bottom: min('bottom'),
      posLeft: min('posLeft'),
      posRight: max('posRight'),
      negLeft: min('negLeft'),
      negRight: max('negRight'),
    }
    return new InternalGeoBounds(this.name, this.meta, state, this.wrapLongitude)
  }

  /** InternalGeoBounds.resolveBoundingBox: [top, left, bottom, right], or null without points. */
  private box(): [number, number, number, number] | null {
    const { top, bottom, posLeft, posRight, negLeft, negRight } = this.state
    if (!Number.isFinite(top)) return null
    if (!Number.isFinite(posLeft)) return [top, negLeft, bottom, negRight]
    if (!Number.isFinite(negLeft)) return [top, posLeft, bottom, posRight]
    if (this.wrapLongitude) {
      const unwrappedWidth = posRight - negLeft
      const wrappedWidth = 180 - posLeft - (-180 - negRight)
      if (unwrappedWidth > wrappedWidth) return [top, posLeft, bottom, negRight]
    }
    return [top, negLeft, bottom, posRight]
  }

  getType(): string {
    return 'geo_bounds'
  }

  protected body(out: Map<string, JsonOut>): void {
    const box = this.box()
    if (box === null) return
    const [top, left, bottom, right] = box
    const point = (lat: number, lon: number): Map<string, JsonOut> =>
      new Map<string, JsonOut>([
        ['lat', new JavaDouble(lat)],
        ['lon', new JavaDouble(lon)],
      ])
    out.set(
      'bounds',
      new Map<string, JsonOut>([
        ['top_left', point(top, left)],
        ['bottom_right', point(bottom, right)],
      ]),
    )
  }
}

/** Extent.addRectangle: a box straddling longitude 0 sets both inner extremes to 0 (it cannot wrap the dateline). */
function addBox(state: GeoBoundsState, box: GeoBox): void {
  state.top = Math.max(state.top, box.maxLat)
  state.bottom = Math.min(state.bottom, box.minLat)
  if (box.maxLon < 0) {
    state.negLeft = Math.min(state.negLeft, box.minLon)
    state.negRight = Math.max(state.negRight, box.maxLon)
  } else if (box.minLon < 0) {
    state.negLeft = Math.min(state.negLeft, box.minLon)
    state.posRight = Math.max(state.posRight, box.maxLon)
    state.negRight = 0
    state.posLeft = 0
  } else {
    state.posLeft = Math.min(state.posLeft, box.minLon)
    state.posRight = Math.max(state.posRight, box.maxLon)
  }
}

export const geoBoundsParser: AggregationParser = (name, body, meta, subs) => {
  rejectSubAggregations(name, 'geo_bounds', subs)
  const params = new AggregationParams('geo_bounds', body, ['field', 'wrap_longitude', 'missing', 'script'])
  const field = params.requiredField()
  const wrapLongitude = params.boolean('wrap_longitude') ?? true
  return {
    name,
    type: 'geo_bounds',
    meta,
    subs,
    collect(shard, docs) {
      const boxes = geoExtentValues(shard, 'geo_bounds', field)
      const state = { ...EMPTY }
      for (const doc of docs) {
        for (const box of boxes(doc)) addBox(state, box)
      }
      return new InternalGeoBounds(name, meta, state, wrapLongitude)
    },
  }
}
