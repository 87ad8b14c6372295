/**
 * The bucket keys of a range field's document in a `histogram` or `date_histogram` (ES 8.17 RangeHistogramAggregator
 * and DateRangeHistogramAggregator): every key from the rounded lower bound to the rounded upper bound of each of its
 * ranges (each clamped to `hard_bounds` first), a key once however many of its ranges overlap it. The ranges come
 * sorted by lower bound (range-values.ts), so a key at or below the highest key already taken is skipped. Clamping and
 * rounding are monotone, so a document's keys are those of its ranges' union, whichever way its bounds pair up.
 *
 * A document whose ranges would walk more than search.max_buckets keys (an open-ended range, Long.MIN_VALUE to
 * Long.MAX_VALUE, walks ~2^64 keys in ES, or forever from an infinite double) fails the shard with
 * too_many_buckets_exception instead (docs/DEVIATIONS.md).
 */
import type { XContentValue } from '../../../xcontent/index.ts'
import type { ShardContext } from '../aggregation-context.ts'
import { DEFAULT_MAX_BUCKETS, tooManyBucketsException } from '../multi-bucket-consumer.ts'
import { checkHistogramRange, rangeValuesSource } from '../range-values.ts'
import { sourceField, type ValuesSourceSpec } from '../values-source.ts'
import type { HistogramRounding } from './histogram-rounding.ts'

export interface KeyBounds {
  readonly min: number | null
  readonly max: number | null
}

/** A document's bucket keys over range field `source` on this shard; null when it is not a mapped range field. */
export function rangeHistogramKeys(
  shard: ShardContext,
  aggregation: 'histogram' | 'date_histogram',
  source: ValuesSourceSpec,
  missing: XContentValue | undefined,
  rounding: HistogramRounding,
  hardBounds: KeyBounds | null,
): ((doc: number) => readonly number[]) | null {
  const range = rangeValuesSource(shard, sourceField(source), missing)
  if (range === null) return null
  checkHistogramRange(range.info.type, aggregation)
  return (doc) => {
    const keys: number[] = []
    let previous = -Infinity
    let steps = 0
    for (const [from, to] of range.ranges(doc)) {
      const start = rounding.round(Math.max(from, hardBounds?.min ?? -Infinity))
      const end = rounding.round(Math.min(to, hardBounds?.max ?? Infinity))
      for (let key = Math.max(start, previous); key <= end; key = rounding.next(key)) {
        if (++steps > DEFAULT_MAX_BUCKETS) throw tooManyBucketsException(DEFAULT_MAX_BUCKETS)
        if (key !== previous) keys.push(key)
      }
      if (end > previous) previous = end
    }
    return keys
  }
}
