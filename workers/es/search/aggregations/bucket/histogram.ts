/**
 * `histogram` as ES 8's HistogramAggregator and InternalHistogram compute it: a value v falls in the bucket
 * keyed floor((v − offset) / interval) · interval + offset (a document counts once per bucket). Reduce
 * merges equal keys; with min_doc_count 0 (the default) the empty buckets between the first and last key
 * are added, and extended_bounds widen that span (their ends rounded to bucket keys); hard_bounds drop
 * the values whose floor((v − offset) / interval) · interval is outside [min, max] (NumericHistogramAggregator;
 * a date_histogram tests its rounded key against [min, max) instead), and extended_bounds outside them fail the
 * shard. Buckets are in key order unless `order` says otherwise;
 * keys are doubles ("key": 10.0, keyed by "10.0"), with key_as_string only for formatted (date) fields.
 *
 * Over a histogram field each value's count goes to its bucket (histogram-values.ts; no sub-aggregations).
 *
 * The date_histogram builds on this file: it supplies its own rounding (`HistogramRounding`) and format, and its
 * buckets' sub-aggregations see the bucket's size (sized-bucket.ts, for `rate`).
 * Wire form: the settings (rounding as its description, order, min_doc_count, keyed, extended_bounds,
 * format), the buckets, and the sub-aggregations of an empty bucket (ES's EmptyBucketInfo).
 */
import { illegalArgumentException } from '../../../errors/index.ts'
import {
  JavaDouble,
  XNumber,
  javaDoubleToString,
  type JsonOut,
  type XContentObject,
  type XContentValue,
} from '../../../xcontent/index.ts'
import type { ValueFormat } from '../aggregation-context.ts'
import {
  collectAggregations,
  type AggregationBuilder,
  type AggregationParser,
} from '../aggregation-builder.ts'
import { AggregationParams } from '../aggregation-params.ts'
import type { AggregationsWire, ReadAggregations } from '../aggregation-wire.ts'
import { readValueFormat, writeValueFormat, type ValueFormatWire } from '../doc-value-format.ts'
import {
  InternalAggregation,
  readMeta,
  type AggregationWireHeader,
  type InternalAggregations,
  type ReduceContext,
  type ToXContentParams,
} from '../internal-aggregation.ts'
import {
  fieldFormatOf,
  patternFormat,
  numericValues,
  sourceField,
  unsupportedValuesSourceType,
  type ValuesSourceSpec,
} from '../values-source.ts'
import {
  histogramBucketCounts,
  histogramSubAggregations,
  histogramValuesSource,
} from '../histogram-values.ts'
import { HISTOGRAM } from '../../../index/mapper/histogram-field.ts'
import { KEY_ASC, bucketComparator, parseOrder, type BucketOrder } from './bucket-order.ts'
import { roundingOf, type HistogramRounding, type RoundingWire } from './histogram-rounding.ts'
import { EMPTY_SIZED_BUCKET, sizedBucket } from './sized-bucket.ts'
import { rangeHistogramKeys } from './range-histogram.ts'
import {
  DocGroups,
  bucketToXContent,
  reduceBucket,
  shardBucket,
  type Bucket,
  type BucketWire,
} from './internal-bucket.ts'

export interface HistogramBucket extends Bucket {
  key: number
}

export interface HistogramSettings {
  rounding: HistogramRounding
  order: BucketOrder
  minDocCount: number
  keyed: boolean
  extendedBounds: { min: number | null; max: number | null } | null
  format: ValueFormat | null
  /** Renders a key as a double (histogram) or a long (date_histogram). */
  keyAsDouble: boolean
}

export interface HistogramWire extends AggregationWireHeader<'histogram'> {
  readonly settings: Omit<HistogramSettings, 'rounding' | 'format'> & {
    readonly rounding: RoundingWire
    readonly format: ValueFormatWire | null
  }
  readonly buckets: ReadonlyArray<BucketWire & { readonly key: number }>
  readonly emptySubs: AggregationsWire
}

export class InternalHistogram extends InternalAggregation {
  constructor(
    name: string,
    meta: XContentObject | null,
    readonly settings: HistogramSettings,
    readonly buckets: readonly HistogramBucket[],
    /** The sub-aggregations of an empty bucket, for the buckets min_doc_count 0 adds. */
    readonly emptySubs: InternalAggregations,
  ) {
    super(name, meta)
  }

  static readFrom(wire: HistogramWire, read: ReadAggregations): InternalHistogram {
    const settings: HistogramSettings = {
      ...wire.settings,
      rounding: roundingOf(wire.settings.rounding),
      format: readValueFormat(wire.settings.format),
    }
    // Buckets are whole literals, not readBucket/writeBucket spread and given a key: V8 copies a spread
    // object given keys it lacks on a slow runtime path, microseconds a bucket.
    const buckets = wire.buckets.map((b) => ({ docCount: b.docCount, aggs: read(b.aggs), key: b.key }))
    return new InternalHistogram(wire.name, readMeta(wire.meta), settings, buckets, read(wire.emptySubs))
  }

  writeTo(): HistogramWire {
    const { rounding, format } = this.settings
    return {
      type: 'histogram',
      name: this.name,
      meta: this.wireMeta(),
      settings: { ...this.settings, rounding: rounding.writeTo(), format: writeValueFormat(format) },
      buckets: this.buckets.map((b) => ({
        docCount: b.docCount,
        aggs: b.aggs.map((agg) => agg.writeTo()),
        key: b.key,
      })),
      emptySubs: this.emptySubs.map((agg) => agg.writeTo()),
    }
  }

  reduce(all: readonly InternalAggregation[], context: ReduceContext): InternalAggregation {
    const groups = new Map<number, HistogramBucket[]>()
    for (const part of all as readonly InternalHistogram[]) {
      for (const bucket of part.buckets) groups.set(bucket.key, [...(groups.get(bucket.key) ?? []), bucket])
    }
    const { minDocCount, rounding, extendedBounds, order } = this.settings
    let buckets = [...groups.entries()]
      .sort(([a], [b]) => a - b)
      .map(([key, parts]) => ({ key, ...reduceBucket(parts, context) }))
      .filter((b) => b.docCount >= minDocCount)
    context.buckets.accept(buckets.length)
    if (minDocCount === 0) buckets = this.fillGaps(buckets, rounding, extendedBounds, context)
    if (order !== KEY_ASC) buckets.sort(bucketComparator<HistogramBucket>(order))
    return new InternalHistogram(this.name, this.meta, this.settings, buckets, this.emptySubs)
  }

  private fillGaps(
    buckets: HistogramBucket[],
    rounding: HistogramRounding,
    bounds: HistogramSettings['extendedBounds'],
    context: ReduceContext,
  ): HistogramBucket[] {
    const keys = buckets.map((b) => b.key)
    const first = Math.min(...keys, bounds?.min != null ? rounding.round(bounds.min) : Infinity)
    const last = Math.max(...keys, bounds?.max != null ? rounding.round(bounds.max) : -Infinity)
    if (!Number.isFinite(first) || !Number.isFinite(last)) return buckets
    const byKey = new Map(buckets.map((b) => [b.key, b]))
    const out: HistogramBucket[] = []
    for (let key = first; key <= last;) {
      const bucket = byKey.get(key)
      if (bucket === undefined) context.buckets.accept(1)
      out.push(bucket ?? { key, docCount: 0, aggs: this.emptySubs })
      const next = rounding.next(key)
      if (!(next > key)) break
      key = next
    }
    return out
  }

  override pipelineBuckets(): Array<{ bucket: HistogramBucket; key: number; keyAsString: string }> {
    return this.buckets.map((bucket) => ({ bucket, key: bucket.key, keyAsString: this.keyText(bucket.key) }))
  }

  override withBuckets(buckets: readonly HistogramBucket[]): InternalHistogram {
    return new InternalHistogram(this.name, this.meta, this.settings, buckets, this.emptySubs)
  }

  private keyText(key: number): string {
    const { format, keyAsDouble } = this.settings
    return format !== null ? format.format(key) : keyAsDouble ? javaDoubleToString(key) : String(key)
  }

  getType(): string {
    return this.settings.keyAsDouble ? 'histogram' : 'date_histogram'
  }

  protected body(out: Map<string, JsonOut>, params: ToXContentParams): void {
    const { keyed, format, keyAsDouble } = this.settings
    const rendered = this.buckets.map((bucket): [string, Map<string, JsonOut>] => {
      const keyText = this.keyText(bucket.key)
      // InternalHistogram.Bucket.toXContent writes key_as_string before key.
      const key: Array<[string, JsonOut]> = format !== null ? [['key_as_string', keyText]] : []
      key.push(['key', keyAsDouble ? new JavaDouble(bucket.key) : bucket.key])
      return [keyText, bucketToXContent(key, bucket, params)]
    })
    out.set('buckets', keyed ? new Map(rendered) : rendered.map(([, bucket]) => bucket))
  }
}

function bounds(params: AggregationParams, key: string): { min: number | null; max: number | null } | null {
  const object = params.object(key)
  if (object === null) return null
  const read = (k: string): number | null => {
    const v = object.get(k)
    return v instanceof XNumber ? v.value : null
  }
  return { min: read('min'), max: read('max') }
}

export const histogramParser: AggregationParser = (name, body, meta, subs): AggregationBuilder => {
  const params = new AggregationParams('histogram', body, [
    'field',
    'interval',
    'offset',
    'min_doc_count',
    'extended_bounds',
    'hard_bounds',
    'keyed',
    'order',
    'missing',
    'format',
    'script',
    'value_type',
  ])
  const field = params.valuesSource('double')
  const interval = params.number('interval')
  if (interval === null) throw illegalArgumentException('Required [interval]')
  if (!(interval > 0)) {
    throw params.fieldFailure(
      'interval',
      illegalArgumentException(`[interval] must be >0 for histogram aggregation [${name}]`),
    )
  }
  const minDocCount = params.int('min_doc_count') ?? 0
  if (minDocCount < 0) {
    throw illegalArgumentException(
      `[minDocCount] must be greater than or equal to 0. Found [${minDocCount}] in [${name}]`,
    )
  }
  const extendedBounds = bounds(params, 'extended_bounds')
  const hardBounds = bounds(params, 'hard_bounds')
  if (extendedBounds?.min != null && extendedBounds.max != null && extendedBounds.min > extendedBounds.max) {
    throw illegalArgumentException(
      `[extended_bounds.min][${javaDoubleToString(extendedBounds.min)}] cannot be greater than [extended_bounds.max][${javaDoubleToString(extendedBounds.max)}] for histogram aggregation [${name}]`,
    )
  }
  const offset = params.number('offset') ?? 0
  const pattern = params.string('format')
  const rounding = roundingOf({ type: 'interval', interval, offset })
  // NumericHistogramAggregator: DoubleBounds.contain(floor((v − offset) / interval) · interval), both ends inclusive
  const inHardBounds = (value: number): boolean => {
    const bound = Math.floor((value - offset) / interval) * interval
    return (
      !(hardBounds?.min != null && bound < hardBounds.min) &&
      !(hardBounds?.max != null && bound > hardBounds.max)
    )
  }
  return histogramBuilder(name, meta, subs, {
    type: 'histogram',
    field,
    missing: params.raw('missing'),
    minDocCount,
    order: parseOrder(params.raw('order'), KEY_ASC),
    keyed: params.boolean('keyed') ?? false,
    keyAsDouble: true,
    resolve: (format) => {
      if (extendedBounds !== null && hardBounds !== null && !extendedInside(extendedBounds, hardBounds)) {
        const text = (value: number | null) => (value === null ? 'null' : javaDoubleToString(value))
        const hard = `${hardBounds.min === null ? '' : text(hardBounds.min)}--${hardBounds.max === null ? '' : text(hardBounds.max)}`
        throw illegalArgumentException(
          `Extended bounds have to be inside hard bounds, hard bounds: [${hard}], extended bounds: [${text(extendedBounds.min)}--${text(extendedBounds.max)}]`,
        )
      }
      return {
        rounding,
        format: patternFormat(format, pattern),
        extendedBounds,
        hardBounds,
        inHardBounds,
        missing: params.raw('missing'),
      }
    },
  })
}

export type Bounds = HistogramSettings['extendedBounds']

/** Whether extended_bounds lie inside hard_bounds (each side checked where both give it). */
export function extendedInside(extended: NonNullable<Bounds>, hard: NonNullable<Bounds>): boolean {
  return (
    !(hard.max !== null && extended.max !== null && extended.max > hard.max) &&
    !(hard.min !== null && extended.min !== null && extended.min < hard.min)
  )
}

/** What histogram and date_histogram share; `resolve` runs per shard, once the field's format is known. */
export interface HistogramSpec {
  type: 'histogram' | 'date_histogram'
  field: ValuesSourceSpec
  missing: XContentValue | undefined
  minDocCount: number
  order: BucketOrder
  keyed: boolean
  keyAsDouble: boolean
  resolve(
    fieldFormat: ValueFormat | null,
    now: number,
  ): {
    rounding: HistogramRounding
    format: ValueFormat | null
    extendedBounds: Bounds
    /** The bounds the range and histogram-field values sources clamp to (a date_histogram's rounded ones). */
    hardBounds: Bounds
    /** Whether hard_bounds keep a field value, as the aggregator tests it. */
    inHardBounds: (value: number) => boolean
    missing: XContentValue | undefined
  }
}

export function histogramBuilder(
  name: string,
  meta: XContentObject | null,
  subs: readonly AggregationBuilder[],
  spec: HistogramSpec,
): AggregationBuilder {
  return {
    name,
    type: spec.type,
    meta,
    subs,
    minDocCount: spec.minDocCount,
    collect(shard, docs) {
      const fieldFormat = fieldFormatOf(shard, spec.field)
      const { rounding, format, extendedBounds, hardBounds, inHardBounds, missing } = spec.resolve(
        fieldFormat,
        shard.now,
      )
      const wire = rounding.writeTo()
      const settings: HistogramSettings = {
        rounding,
        order: spec.order,
        minDocCount: spec.minDocCount,
        keyed: spec.keyed,
        extendedBounds,
        format,
        keyAsDouble: spec.keyAsDouble,
      }
      const emptySubs = collectAggregations(subs, shard.withSizedBucket(EMPTY_SIZED_BUCKET), [])
      const histogram = histogramValuesSource(shard, sourceField(spec.field), missing)
      if (histogram !== null) {
        if (wire.type !== 'interval') throw unsupportedValuesSourceType(spec.field, HISTOGRAM, spec.type)
        if (subs.length > 0) throw histogramSubAggregations('Histogram')
        const counts = histogramBucketCounts(histogram, docs, wire, hardBounds)
        const buckets = [...counts].map(([key, docCount]) => ({
          key,
          ...shardBucket(subs, shard, []),
          docCount,
        }))
        return new InternalHistogram(name, meta, settings, buckets, emptySubs)
      }
      const keys =
        rangeHistogramKeys(shard, spec.type, spec.field, missing, rounding, hardBounds) ??
        valueKeys(numericValues(shard, spec.type, spec.field, missing).values, rounding, inHardBounds)
      const groups = new DocGroups<number>()
      for (const doc of docs) for (const key of keys(doc)) groups.add(key, doc)
      // a date_histogram's buckets are sized for a `rate` below them (SizedBucketAggregator)
      const inBucket = (key: number) =>
        wire.type === 'interval' || subs.length === 0
          ? shard
          : shard.withSizedBucket(sizedBucket(wire, key, subs))
      const buckets = [...groups.groups].map(([key, bucketDocs]) => ({
        key,
        ...shardBucket(subs, inBucket(key), bucketDocs),
      }))
      return new InternalHistogram(name, meta, settings, buckets, emptySubs)
    },
  }
}

/** A document's bucket keys: its values' (a key once per value), values outside hard_bounds left out. */
function valueKeys(
  values: (doc: number) => readonly number[],
  rounding: HistogramRounding,
  inHardBounds: (value: number) => boolean,
): (doc: number) => readonly number[] {
  return (doc) =>
    values(doc)
      .filter(inHardBounds)
      .map((value) => rounding.round(value))
}
