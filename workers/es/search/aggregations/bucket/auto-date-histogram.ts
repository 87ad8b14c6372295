/**
 * `auto_date_histogram` as ES 8's AutoDateHistogramAggregationBuilder, AutoDateHistogramAggregator and
 * InternalAutoDateHistogram parse, collect, reduce and print it: `buckets` (the target, default 10),
 * `minimum_interval`, `format`, `time_zone`, `missing` (a date), over a date (or numeric) field or a script.
 *
 * Shard: auto-date-collector.ts picks the rung of the ladder (auto-date-rounding.ts) and buckets the values at it.
 * Reduce (final): every shard's buckets re-rounded with the highest rung any shard reached (a merged bucket keeps
 * its first key), then climbing while there are more than buckets × the rung's largest inner interval; then
 * getAppropriateRounding over the first and last keys (a rough estimate, then an exact count of rounding steps),
 * the empty buckets between them added (with the sub-aggregations of an empty bucket), the climb again, and
 * finally, when more than `buckets` remain, runs of n consecutive buckets merged for the smallest inner interval n
 * that brings the count to `buckets` or fewer (each keyed by its first bucket, so a "7d" bucket starts on the first
 * day with data). The response's `interval` is n followed by the rung's unit ("7d", "1M", "3h").
 * Output: `{"buckets": [{"key_as_string", "key", "doc_count", ...}], "interval": "1d"}`.
 * Wire form: the settings (target, zone id, minimum_interval, format), the rung and inner interval, the buckets
 * (key, doc count, sub-aggregations) and the sub-aggregations of an empty bucket.
 */
import { illegalArgumentException, type EsException } from '../../../errors/index.ts'
import { XNumber, type JsonOut, type XContentObject } from '../../../xcontent/index.ts'
import { ZoneId } from '../../../common/time/index.ts'
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
  reduceAggregations,
  type AggregationWireHeader,
  type InternalAggregations,
  type ReduceContext,
  type ToXContentParams,
} from '../internal-aggregation.ts'
import { fieldFormatOf, numericValues } from '../values-source.ts'
import { collectFromMany, collectFromSingle } from './auto-date-collector.ts'
import {
  buildRoundings,
  checkBucketCeiling,
  checkMinimumInterval,
  maximumInnerInterval,
  type RoundingInfo,
} from './auto-date-rounding.ts'
import { dateFormatOf } from './date-histogram.ts'
import type { HistogramBucket } from './histogram.ts'
import {
  bucketToXContent,
  readBucket,
  reduceBucket,
  shardBucket,
  writeBucket,
  type BucketWire,
} from './internal-bucket.ts'

const TYPE = 'auto_date_histogram'

export interface AutoDateHistogramSettings {
  readonly targetBuckets: number
  /** The roundings' time zone id. */
  readonly zone: string
  readonly minimumInterval: string | null
  readonly format: ValueFormat | null
}

export interface AutoDateHistogramWire extends AggregationWireHeader<'auto_date_histogram'> {
  readonly settings: Omit<AutoDateHistogramSettings, 'format'> & { readonly format: ValueFormatWire | null }
  readonly roundingIdx: number
  readonly innerInterval: number
  readonly buckets: ReadonlyArray<BucketWire & { readonly key: number }>
  readonly emptySubs: AggregationsWire
}

/** BucketReduceResult: buckets at a rung, merged by `innerInterval` consecutive buckets. */
interface Stage {
  readonly buckets: HistogramBucket[]
  readonly idx: number
  readonly innerInterval: number
}

export class InternalAutoDateHistogram extends InternalAggregation {
  private ladder: RoundingInfo[] | null = null

  constructor(
    name: string,
    meta: XContentObject | null,
    readonly settings: AutoDateHistogramSettings,
    readonly roundingIdx: number,
    readonly innerInterval: number,
    readonly buckets: readonly HistogramBucket[],
    /** The sub-aggregations of an empty bucket (BucketInfo.emptySubAggregations). */
    readonly emptySubs: InternalAggregations,
  ) {
    super(name, meta)
  }

  static readFrom(wire: AutoDateHistogramWire, read: ReadAggregations): InternalAutoDateHistogram {
    return new InternalAutoDateHistogram(
      wire.name,
      readMeta(wire.meta),
      { ...wire.settings, format: readValueFormat(wire.settings.format) },
      wire.roundingIdx,
      wire.innerInterval,
      wire.buckets.map((b) => ({ ...readBucket(b, read), key: b.key })),
      read(wire.emptySubs),
    )
  }

  writeTo(): AutoDateHistogramWire {
    return {
      ...this.header('auto_date_histogram'),
      settings: { ...this.settings, format: writeValueFormat(this.settings.format) },
      roundingIdx: this.roundingIdx,
      innerInterval: this.innerInterval,
      buckets: this.buckets.map((b) => ({ ...writeBucket(b), key: b.key })),
      emptySubs: this.emptySubs.map((agg) => agg.writeTo()),
    }
  }

  /** BucketInfo.roundingInfos, rebuilt from the zone and minimum interval. */
  private get roundings(): RoundingInfo[] {
    this.ladder ??= buildRoundings(ZoneId.of(this.settings.zone), this.settings.minimumInterval)
    return this.ladder
  }

  reduce(all: readonly InternalAggregation[], context: ReduceContext): InternalAggregation {
    const parts = all as readonly InternalAutoDateHistogram[]
    const idx = Math.max(...parts.map((p) => p.roundingIdx))
    const round = (key: number): number => this.roundings[idx]!.rounding.round(key)
    // reduceBuckets: the shards' buckets in key order, grouped by their key at the reduce rung
    const sorted = parts.flatMap((p) => p.buckets).sort((a, b) => a.key - b.key)
    const reduced: HistogramBucket[] = []
    for (let i = 0; i < sorted.length;) {
      const key = round(sorted[i]!.key)
      let j = i
      while (j < sorted.length && round(sorted[j]!.key) === key) j++
      const group = sorted.slice(i, j)
      reduced.push({ key: group[0]!.key, ...reduceBucket(group, context) })
      i = j
    }
    let stage = this.mergeBucketsIfNeeded({ buckets: reduced, idx, innerInterval: 1 }, context)
    stage = this.addEmptyBuckets(stage, context)
    stage = this.mergeBucketsIfNeeded(stage, context)
    stage = this.maybeMergeConsecutiveBuckets(stage, context)
    context.buckets.accept(stage.buckets.length)
    const { settings, emptySubs } = this
    return new InternalAutoDateHistogram(
      this.name,
      this.meta,
      settings,
      stage.idx,
      stage.innerInterval,
      stage.buckets,
      emptySubs,
    )
  }

  /** Climbs while there are more buckets than the rung allows. */
  private mergeBucketsIfNeeded(stage: Stage, context: ReduceContext): Stage {
    const { targetBuckets } = this.settings
    let { idx, buckets } = stage
    while (
      buckets.length > targetBuckets * maximumInnerInterval(this.roundings[idx]!) &&
      idx < this.roundings.length - 1
    ) {
      idx++
      buckets = this.mergeBuckets(buckets, idx, context)
    }
    return { buckets, idx, innerInterval: 1 }
  }

  /** Consecutive buckets with one key at rung `idx` merged, keyed by that key. */
  private mergeBuckets(
    buckets: readonly HistogramBucket[],
    idx: number,
    context: ReduceContext,
  ): HistogramBucket[] {
    const rounding = this.roundings[idx]!.rounding
    const merged: HistogramBucket[] = []
    let group: HistogramBucket[] = []
    let key = NaN
    for (const bucket of buckets) {
      const rounded = rounding.round(bucket.key)
      if (group.length > 0 && rounded !== key) {
        merged.push({ key, ...reduceBucket(group, context) })
        group = []
      }
      key = rounded
      group.push(bucket)
    }
    if (group.length > 0) merged.push({ key, ...reduceBucket(group, context) })
    return merged
  }

  private addEmptyBuckets(stage: Stage, context: ReduceContext): Stage {
    const first = stage.buckets[0]
    const last = stage.buckets[stage.buckets.length - 1]
    if (first === undefined || last === undefined) return stage
    const idx = getAppropriateRounding(
      first.key,
      last.key,
      stage.idx,
      this.roundings,
      this.settings.targetBuckets,
    )
    const rounding = this.roundings[idx]!.rounding
    const merged = this.mergeBuckets(stage.buckets, idx, context)
    const emptyAggs = reduceAggregations([this.emptySubs], context)
    const buckets: HistogramBucket[] = []
    for (const bucket of merged) {
      const previous = buckets[buckets.length - 1]
      if (previous !== undefined) {
        for (
          let key = rounding.nextRoundingValue(previous.key);
          key < bucket.key;
          key = rounding.nextRoundingValue(key)
        )
          buckets.push({ key, docCount: 0, aggs: emptyAggs })
      }
      buckets.push(bucket)
    }
    return { buckets, idx, innerInterval: 1 }
  }

  /** Runs of n consecutive buckets merged for the smallest inner interval n that leaves `buckets` or fewer. */
  private maybeMergeConsecutiveBuckets(stage: Stage, context: ReduceContext): Stage {
    const { buckets, idx } = stage
    const { targetBuckets } = this.settings
    if (buckets.length <= targetBuckets) return stage
    const interval = this.roundings[idx]!.innerIntervals.find(
      (n) => Math.ceil(buckets.length / n) <= targetBuckets,
    )
    if (interval === undefined) return stage
    const rounding = this.roundings[idx]!.rounding
    const merged: HistogramBucket[] = []
    for (let i = 0; i < buckets.length; i += interval) {
      const group = buckets.slice(i, i + interval)
      merged.push({ key: rounding.round(group[0]!.key), ...reduceBucket(group, context) })
    }
    return { buckets: merged, idx, innerInterval: interval }
  }

  override pipelineBuckets(): Array<{ bucket: HistogramBucket; key: number; keyAsString: string }> {
    const { format } = this.settings
    return this.buckets.map((bucket) => ({
      bucket,
      key: bucket.key,
      keyAsString: format === null ? String(bucket.key) : format.format(bucket.key),
    }))
  }

  override withBuckets(buckets: readonly HistogramBucket[]): InternalAutoDateHistogram {
    const { settings, roundingIdx, innerInterval, emptySubs } = this
    return new InternalAutoDateHistogram(
      this.name,
      this.meta,
      settings,
      roundingIdx,
      innerInterval,
      buckets,
      emptySubs,
    )
  }

  getType(): string {
    return 'auto_date_histogram'
  }

  protected body(out: Map<string, JsonOut>, params: ToXContentParams): void {
    const { format } = this.settings
    out.set(
      'buckets',
      this.buckets.map((bucket) => {
        const key: Array<[string, JsonOut]> =
          format === null ? [] : [['key_as_string', format.format(bucket.key)]]
        key.push(['key', bucket.key])
        return bucketToXContent(key, bucket, params)
      }),
    )
    out.set('interval', `${this.innerInterval}${this.roundings[this.roundingIdx]!.unitAbbreviation}`)
  }
}

/**
 * InternalAutoDateHistogram.getAppropriateRounding: from rung `idx`, the rung just below the first whose rough
 * bucket estimate fits, then upwards while the exact number of rounding steps from `minKey` to `maxKey` does not.
 */
export function getAppropriateRounding(
  minKey: number,
  maxKey: number,
  idx: number,
  roundings: readonly RoundingInfo[],
  targetBuckets: number,
): number {
  if (idx === roundings.length - 1) return idx
  let current = idx
  for (let i = idx + 1; i < roundings.length; i++) {
    const rough = Math.trunc((maxKey - minKey) / roundings[i]!.roughEstimateDurationMillis)
    if (rough < targetBuckets * maximumInnerInterval(roundings[i]!)) {
      current = i - 1
      break
    }
  }
  let required: number
  let limit: number
  do {
    const rounding = roundings[current]!.rounding
    limit = targetBuckets * maximumInnerInterval(roundings[current]!)
    required = 0
    // counting past the limit cannot change the decision, so the count stops there
    for (let key = minKey; key < maxKey && required <= limit; key = rounding.nextRoundingValue(key))
      required++
    current++
  } while (required > limit && current < roundings.length)
  return current - 1
}

const AUTO_DATE_HISTOGRAM_KEYS = [
  'field',
  'missing',
  'script',
  'value_type',
  'format',
  'time_zone',
  'buckets',
  'minimum_interval',
]

export const autoDateHistogramParser: AggregationParser = (name, body, meta, subs): AggregationBuilder => {
  const params = new AggregationParams(TYPE, body, AUTO_DATE_HISTOGRAM_KEYS)
  const field = params.valuesSource('date')
  const targetBuckets = params.int('buckets') ?? 10
  if (targetBuckets <= 0)
    throw params.fieldFailure(
      'buckets',
      illegalArgumentException(`buckets must be greater than 0 for [${name}]`),
    )
  const minimumInterval = params.string('minimum_interval')
  try {
    checkMinimumInterval(minimumInterval)
  } catch (cause) {
    throw params.fieldFailure('minimum_interval', cause as EsException)
  }
  const zone = params.timeZone()
  const pattern = params.string('format')
  const roundings = buildRoundings(zone ?? ZoneId.UTC, minimumInterval)
  return {
    name,
    type: TYPE,
    meta,
    subs,
    checkLimits: () => checkBucketCeiling(targetBuckets, roundings),
    collect(shard, docs, parent) {
      const format = dateFormatOf(fieldFormatOf(shard, field), pattern, zone)
      const missingMillis = format.value(params.raw('missing'), shard.now, NaN)
      const missing = Number.isNaN(missingMillis) ? undefined : new XNumber(String(missingMillis))
      const source = numericValues(shard, TYPE, field, missing)
      const collect = parent === 'many' ? collectFromMany : collectFromSingle
      const collected = collect(docs, source.values, roundings, targetBuckets)
      const settings: AutoDateHistogramSettings = {
        targetBuckets,
        zone: (zone ?? ZoneId.UTC).id,
        minimumInterval,
        format,
      }
      const buckets = collected.buckets.map(({ key, docs: bucketDocs }) => ({
        key,
        ...shardBucket(subs, shard, bucketDocs),
      }))
      const emptySubs = collectAggregations(subs, shard, [], 'many')
      return new InternalAutoDateHistogram(name, meta, settings, collected.roundingIdx, 1, buckets, emptySubs)
    },
  }
}
