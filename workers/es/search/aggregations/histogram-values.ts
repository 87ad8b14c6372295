/**
 * The HISTOGRAM values source (x-pack analytics AnalyticsValuesSourceType.HISTOGRAM) of a histogram field
 * (index/mapper/histogram-field.ts): what ES 8.17 aggregates over one.
 *
 * ES registers HISTOGRAM for `sum`, `value_count`, `avg`, `min`, `max` (the HistoBacked*Aggregator: Σ value · count,
 * Σ count, their quotient, the least and greatest value), `percentiles`, `percentile_ranks` and `boxplot` (each value
 * added to the TDigestState `count` times), `histogram` and `range` (a bucket's doc_count is the sum of the counts of
 * the values in it; neither takes sub-aggregations). Every other aggregation is refused by the registry
 * ("Field [f] of type [histogram] is not supported for aggregation [terms]", values-source.ts), and a `missing` value
 * by HISTOGRAM.replaceMissing before that. The field's DocValueFormat is RAW: no `*_as_string`.
 *
 * A document's histogram is its one doc value (the pairs with a count above 0, values ascending), decoded.
 */
import { illegalArgumentException, type EsException } from '../../errors/index.ts'
import type { XContentValue } from '../../xcontent/index.ts'
import { decodeHistogram, HISTOGRAM, type Histogram } from '../../index/mapper/histogram-field.ts'
import type { ShardContext } from './aggregation-context.ts'
import { compensatedSum } from './metrics/compensated-sum.ts'

/** The aggregations whose registries take the HISTOGRAM values source type. */
export const HISTOGRAM_AGGREGATIONS: ReadonlySet<string> = new Set([
  'sum',
  'value_count',
  'avg',
  'min',
  'max',
  'percentiles',
  'percentile_ranks',
  'boxplot',
  'histogram',
  'range',
])

/**
 * How many samples a shard's TDigest takes from histograms: the playground keeps every sample (percentiles.ts), so
 * counts are expanded up to this many (docs/DEVIATIONS.md).
 */
export const MAX_HISTOGRAM_SAMPLES = 100_000

export interface HistogramValuesSource {
  /** The document's histogram, null when it has none. */
  histogram(doc: number): Histogram | null
}

/**
 * The histogram field `field` reads on this shard, null when it is not a mapped histogram field; a `missing` value
 * fails as HISTOGRAM.replaceMissing fails it.
 */
export function histogramValuesSource(
  shard: ShardContext,
  field: string | null,
  missing: XContentValue | undefined,
): HistogramValuesSource | null {
  if (field === null || shard.source.field(field)?.type !== HISTOGRAM) return null
  if (missing !== undefined && missing !== null)
    throw illegalArgumentException(
      "Can't apply missing values on a class " +
        'org.elasticsearch.xpack.analytics.aggregations.support.HistogramValuesSource$Histogram$Fielddata',
    )
  return {
    histogram(doc) {
      const values = shard.source.values(field, doc)
      return values.length === 0 ? null : decodeHistogram(String(values[0]))
    },
  }
}

/** What a single-value metric keeps: sum for avg and sum, the extreme for min and max, and the count. */
export interface MetricState {
  readonly state: number
  readonly count: number
}

/** The HistoBacked{Sum,Avg,Min,Max,ValueCount}Aggregator's state over `docs`. */
export function histogramMetric(
  source: HistogramValuesSource,
  kind: 'avg' | 'sum' | 'min' | 'max' | 'value_count',
  docs: readonly number[],
): MetricState {
  const products: number[] = []
  let count = 0
  let min = Infinity
  let max = -Infinity
  for (const doc of docs) {
    const histogram = source.histogram(doc)
    if (histogram === null) continue
    histogram.values.forEach((value, i) => {
      const n = histogram.counts[i]!
      products.push(value * n)
      count += n
      min = Math.min(min, value)
      max = Math.max(max, value)
    })
  }
  if (kind === 'min') return { state: min, count }
  if (kind === 'max') return { state: max, count }
  if (kind === 'value_count') return { state: count, count }
  return { state: compensatedSum(products), count }
}

/** Each value `count` times, sorted: the samples a TDigestState takes of `docs`' histograms. */
export function histogramSamples(source: HistogramValuesSource, docs: readonly number[]): number[] {
  const samples: number[] = []
  for (const doc of docs) {
    const histogram = source.histogram(doc)
    if (histogram === null) continue
    histogram.values.forEach((value, i) => {
      const n = histogram.counts[i]!
      if (samples.length + n > MAX_HISTOGRAM_SAMPLES)
        throw illegalArgumentException(
          `percentiles over histograms of more than ${MAX_HISTOGRAM_SAMPLES} counts on a shard are not available in the playground`,
        )
      for (let k = 0; k < n; k++) samples.push(value)
    })
  }
  return samples.sort((a, b) => a - b)
}

/**
 * HistoBackedHistogramAggregator: each value's count into the bucket of floor((value − offset) / interval), when
 * hard_bounds hold that index · interval; the doc counts by key (key = index · interval + offset).
 */
export function histogramBucketCounts(
  source: HistogramValuesSource,
  docs: readonly number[],
  { interval, offset }: { readonly interval: number; readonly offset: number },
  hardBounds: { readonly min: number | null; readonly max: number | null } | null,
): Map<number, number> {
  const counts = new Map<number, number>()
  for (const doc of docs) {
    const histogram = source.histogram(doc)
    if (histogram === null) continue
    histogram.values.forEach((value, i) => {
      const index = Math.floor((value - offset) / interval)
      const bound = index * interval
      if (hardBounds !== null && hardBounds.min !== null && bound < hardBounds.min) return
      if (hardBounds !== null && hardBounds.max !== null && bound > hardBounds.max) return
      const key = bound + offset
      counts.set(key, (counts.get(key) ?? 0) + histogram.counts[i]!)
    })
  }
  return counts
}

/** HistoBackedRangeAggregator: the sum of the counts of `docs`' values in [from, to). */
export function histogramRangeCount(
  source: HistogramValuesSource,
  docs: readonly number[],
  from: number,
  to: number,
): number {
  let count = 0
  for (const doc of docs) {
    const histogram = source.histogram(doc)
    if (histogram === null) continue
    histogram.values.forEach((value, i) => {
      if (value >= from && value < to) count += histogram.counts[i]!
    })
  }
  return count
}

/** The refusal of sub-aggregations under a histogram or range aggregation over a histogram field. */
export function histogramSubAggregations(aggregation: 'Histogram' | 'Range'): EsException {
  return illegalArgumentException(
    `${aggregation} aggregation on histogram fields does not support sub-aggregations`,
  )
}
