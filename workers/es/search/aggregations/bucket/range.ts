/**
 * `range` as ES 8's RangeAggregator and InternalRange: each range is [from, to) (either end open), ranges
 * are sorted by from then to, and a document counts once in every range one of its values falls in.
 * A range without a `key` is named "<from>-<to>" with "*" for an open end and the field's format
 * (Double.toString for plain numbers: "*-100.0", "100.0-200.0"). Buckets render key (unless keyed, where
 * the key names the object), from, from_as_string, to, to_as_string (the *_as_string only for formatted
 * fields, the ends only when finite), doc_count and the sub-aggregations. Over a histogram field a range's doc_count is
 * the sum of the counts of the values in it (histogram-values.ts; no sub-aggregations).
 * Wire form: keyed, the format, and the buckets with their keys and ends (open ends are ±Infinity, which
 * a structured clone keeps).
 */
import { illegalArgumentException, parsingException, type EsException } from '../../../errors/index.ts'
import { DateValueFormat } from '../date-value-format.ts'
import {
  JavaDouble,
  XNumber,
  javaDoubleToString,
  type JsonOut,
  type XContentObject,
  type XContentValue,
} from '../../../xcontent/index.ts'
import type { ShardContext, ValueFormat } from '../aggregation-context.ts'
import { type AggregationBuilder, type AggregationParser, subBuckets } from '../aggregation-builder.ts'
import { AggregationParams } from '../aggregation-params.ts'
import type { ReadAggregations } from '../aggregation-wire.ts'
import { readValueFormat, writeValueFormat, type ValueFormatWire } from '../doc-value-format.ts'
import {
  InternalAggregation,
  readMeta,
  type AggregationWireHeader,
  type ReduceContext,
  aggregationsToXContent,
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
import { histogramRangeCount, histogramSubAggregations, histogramValuesSource } from '../histogram-values.ts'
import { HISTOGRAM } from '../../../index/mapper/histogram-field.ts'
import {
  readBucket,
  reduceFixedBuckets,
  shardBucket,
  writeBucket,
  type Bucket,
  type BucketWire,
} from './internal-bucket.ts'

export interface RangeSpec {
  key: string | null
  from: number
  to: number
}

export interface RangeBucket extends Bucket {
  key: string
  from: number
  to: number
}

/** InternalRange, InternalDateRange and InternalGeoDistance, by their getType. */
export type RangeType = 'range' | 'date_range' | 'geo_distance'

export interface RangeWire extends AggregationWireHeader<'range'> {
  readonly rangeType: RangeType
  readonly buckets: ReadonlyArray<
    BucketWire & { readonly key: string; readonly from: number; readonly to: number }
  >
  readonly keyed: boolean
  readonly format: ValueFormatWire | null
}

export class InternalRange extends InternalAggregation {
  constructor(
    name: string,
    meta: XContentObject | null,
    readonly type: RangeType,
    readonly buckets: readonly RangeBucket[],
    readonly keyed: boolean,
    readonly format: ValueFormat | null,
  ) {
    super(name, meta)
  }

  static readFrom(wire: RangeWire, read: ReadAggregations): InternalRange {
    const buckets = wire.buckets.map((b) => ({ ...readBucket(b, read), key: b.key, from: b.from, to: b.to }))
    return new InternalRange(
      wire.name,
      readMeta(wire.meta),
      wire.rangeType,
      buckets,
      wire.keyed,
      readValueFormat(wire.format),
    )
  }

  writeTo(): RangeWire {
    return {
      ...this.header('range'),
      rangeType: this.type,
      buckets: this.buckets.map((b) => ({ ...writeBucket(b), key: b.key, from: b.from, to: b.to })),
      keyed: this.keyed,
      format: writeValueFormat(this.format),
    }
  }

  reduce(all: readonly InternalAggregation[], context: ReduceContext): InternalAggregation {
    const buckets = reduceFixedBuckets(this.buckets, all as readonly InternalRange[], context)
    return new InternalRange(this.name, this.meta, this.type, buckets, this.keyed, this.format)
  }

  getType(): string {
    return this.type
  }

  protected body(out: Map<string, JsonOut>, params: ToXContentParams): void {
    const rendered = this.buckets.map((bucket): [string, Map<string, JsonOut>] => {
      const fields = new Map<string, JsonOut>()
      if (!this.keyed) fields.set('key', bucket.key)
      for (const [name, value] of [
        ['from', bucket.from],
        ['to', bucket.to],
      ] as const) {
        if (!Number.isFinite(value)) continue
        fields.set(name, new JavaDouble(value))
        if (this.format !== null) fields.set(`${name}_as_string`, this.format.format(value))
      }
      fields.set('doc_count', bucket.docCount)
      aggregationsToXContent(bucket.aggs, fields, params)
      return [bucket.key, fields]
    })
    out.set('buckets', this.keyed ? new Map(rendered) : rendered.map(([, b]) => b))
  }
}

export function rangeKey(range: RangeSpec, format: ValueFormat | null): string {
  if (range.key !== null) return range.key
  const end = (v: number): string =>
    !Number.isFinite(v) ? '*' : format !== null ? format.format(v) : javaDoubleToString(v)
  return `${end(range.from)}-${end(range.to)}`
}

/** A range end given as a number (or numeric text); `open` when absent. */
export function numericBound(value: XContentValue | undefined, open: number): number {
  if (value === undefined || value === null) return open
  if (value instanceof XNumber) return value.value
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value)
  throw rangeBoundException(value)
}

function rangeBoundException(value: XContentValue): EsException {
  return parsingException(
    1,
    1,
    `[range] failed to parse field [${typeof value === 'string' ? value : 'range'}]`,
  )
}

/**
 * Range.PARSER's from/to: a number, text or null; the text is parsed later by the values source's format
 * (RangeAggregationBuilder.innerBuild: DocValueFormat.parseDouble, a date field's dates and date math).
 */
function checkBound(value: XContentValue | undefined): void {
  if (value !== undefined && value !== null && !(value instanceof XNumber) && typeof value !== 'string')
    throw rangeBoundException(value)
}

/** The request's `ranges` entries, checked for presence and shape at parse time. */
export function rangeEntries(name: string, raw: XContentValue | undefined): XContentObject[] {
  const list = Array.isArray(raw) ? raw : []
  if (list.length === 0) throw illegalArgumentException(`No [ranges] specified for the [${name}] aggregation`)
  return list.map((entry) => {
    if (!(entry instanceof Map)) throw parsingException(1, 1, '[ranges] must contain objects')
    return entry
  })
}

/** Ranges with their ends resolved by `bound`, sorted by from then to as RangeAggregator sorts them. */
export function resolveRanges(
  entries: readonly XContentObject[],
  bound: (value: XContentValue | undefined, open: number) => number,
): RangeSpec[] {
  return entries
    .map((entry): RangeSpec => {
      const key = entry.get('key')
      return {
        key: typeof key === 'string' ? key : null,
        from: bound(entry.get('from'), -Infinity),
        to: bound(entry.get('to'), Infinity),
      }
    })
    .sort((a, b) => a.from - b.from || a.to - b.to)
}

export interface RangeSpecSource {
  type: RangeType
  field: ValuesSourceSpec
  keyed: boolean
  /** Per shard: the ranges, the format keys and *_as_string use, and the `missing` value. */
  resolve(
    fieldFormat: ValueFormat | null,
    now: number,
  ): { ranges: RangeSpec[]; format: ValueFormat | null; missing: XContentValue | undefined }
  /** The values a document is bucketed by, when not the field's own numbers (geo_distance: its distances). */
  values?(shard: ShardContext): (doc: number) => readonly number[]
}

export function rangeBuilder(
  name: string,
  meta: XContentObject | null,
  subs: readonly AggregationBuilder[],
  spec: RangeSpecSource,
): AggregationBuilder {
  return {
    name,
    type: spec.type,
    meta,
    subs,
    collect(shard, docs, parent) {
      const fieldFormat = fieldFormatOf(shard, spec.field)
      const { ranges, format, missing } = spec.resolve(fieldFormat, shard.now)
      const histogram = spec.values ? null : histogramValuesSource(shard, sourceField(spec.field), missing)
      if (histogram !== null) {
        if (spec.type !== 'range') throw unsupportedValuesSourceType(spec.field, HISTOGRAM, spec.type)
        if (subs.length > 0) throw histogramSubAggregations('Range')
        const buckets = ranges.map((range): RangeBucket => ({
          key: rangeKey(range, format),
          from: range.from,
          to: range.to,
          ...shardBucket(subs, shard, []),
          docCount: histogramRangeCount(histogram, docs, range.from, range.to),
        }))
        return new InternalRange(name, meta, spec.type, buckets, spec.keyed, format)
      }
      const source = spec.values
        ? { values: spec.values(shard) }
        : numericValues(shard, spec.type, spec.field, missing)
      const field = sourceField(spec.field)
      const fix = (field === null ? null : shard.source.field(field)?.reduceToStoredPrecision) ?? null
      const buckets = ranges.map((range): RangeBucket => {
        // the ends match at the field's precision, the response keeps them as sent (Range's originalFrom/To)
        const from = fix === null ? range.from : fix(range.from)
        const to = fix === null ? range.to : fix(range.to)
        const inRange = docs.filter((doc) => source.values(doc).some((v) => v >= from && v < to))
        return {
          key: rangeKey(range, format),
          from: range.from,
          to: range.to,
          ...shardBucket(subs, shard, inRange, subBuckets(parent, ranges.length)),
        }
      })
      return new InternalRange(name, meta, spec.type, buckets, spec.keyed, format)
    },
  }
}

export const rangeParser: AggregationParser = (name, body, meta, subs): AggregationBuilder => {
  const params = new AggregationParams('range', body, [
    'field',
    'ranges',
    'keyed',
    'missing',
    'format',
    'script',
    'value_type',
  ])
  const field = params.valuesSource('double')
  const entries = rangeEntries(name, params.raw('ranges'))
  for (const entry of entries) for (const end of ['from', 'to']) checkBound(entry.get(end))
  const pattern = params.string('format')
  return rangeBuilder(name, meta, subs, {
    type: 'range',
    field,
    keyed: params.boolean('keyed') ?? false,
    resolve(fieldFormat, now) {
      const format = patternFormat(fieldFormat, pattern)
      const bound =
        format instanceof DateValueFormat
          ? (value: XContentValue | undefined, open: number) =>
              typeof value === 'string' ? format.value(value, now, open) : numericBound(value, open)
          : numericBound
      return { ranges: resolveRanges(entries, bound), format, missing: params.raw('missing') }
    },
  })
}
