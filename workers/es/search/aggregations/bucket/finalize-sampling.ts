/**
 * InternalAggregation.finalizeSampling for the results random_sampler can hold here, run on its reduced
 * sub-aggregations: counts are scaled up by SamplingContext.scaleUp (a long: Math.round(value · (1 / p)); a double:
 * value / p), recursively through bucket sub-aggregations.
 * - terms: each bucket's doc_count (and its doc_count_error_upper_bound when shown, else 0), the aggregation's
 *   doc_count_error_upper_bound and sum_other_doc_count (AbstractInternalTerms)
 * - histogram, date_histogram: each bucket's doc_count
 * - sum: the sum (a double); value_count: the count; stats: count and sum (min and max kept)
 * - avg, min, max, percentiles: unchanged
 * SAMPLED_TYPES lists the request types whose results these are; random-sampler.ts refuses the others.
 */
import type { InternalAggregation, InternalAggregations } from '../internal-aggregation.ts'
import { InternalNumericMetric } from '../metrics/numeric-metrics.ts'
import { InternalStats } from '../metrics/stats.ts'
import { InternalHistogram } from './histogram.ts'
import { InternalTerms } from './terms.ts'

export const SAMPLED_TYPES: ReadonlySet<string> = new Set([
  'terms',
  'histogram',
  'date_histogram',
  'avg',
  'sum',
  'min',
  'max',
  'value_count',
  'stats',
  'percentiles',
])

/** SamplingContext.scaleUp(long). */
export function scaleUp(value: number, probability: number): number {
  return probability < 1.0 ? Math.round(value * (1.0 / probability)) : value
}

export function finalizeAllSampling(aggs: InternalAggregations, probability: number): InternalAggregations {
  return aggs.map((agg) => finalizeSampling(agg, probability))
}

function finalizeSampling(agg: InternalAggregation, p: number): InternalAggregation {
  if (p >= 1.0) return agg
  if (agg instanceof InternalTerms) {
    const { settings } = agg
    const buckets = agg.buckets.map((b) => ({
      ...b,
      docCount: scaleUp(b.docCount, p),
      docCountError: settings.showTermDocCountError ? scaleUp(b.docCountError, p) : 0,
      aggs: finalizeAllSampling(b.aggs, p),
    }))
    const error = agg.docCountError === null ? null : scaleUp(agg.docCountError, p)
    return new InternalTerms(agg.name, agg.meta, settings, buckets, scaleUp(agg.otherDocCount, p), error)
  }
  if (agg instanceof InternalHistogram) {
    return agg.withBuckets(
      agg.buckets.map((b) => ({
        ...b,
        docCount: scaleUp(b.docCount, p),
        aggs: finalizeAllSampling(b.aggs, p),
      })),
    )
  }
  if (agg instanceof InternalNumericMetric) {
    const { kind } = agg
    if (kind !== 'sum' && kind !== 'value_count') return agg
    const state = kind === 'sum' ? agg.state / p : scaleUp(agg.state, p)
    return new InternalNumericMetric(agg.name, agg.meta, kind, state, agg.count, agg.format)
  }
  if (agg instanceof InternalStats) {
    const state = { ...agg.state, count: scaleUp(agg.state.count, p), sum: agg.state.sum / p }
    return new InternalStats(agg.name, agg.meta, state, agg.format, agg.sigma, agg.bucketPipeline)
  }
  // avg, min, max and percentiles keep their values
  return agg
}
