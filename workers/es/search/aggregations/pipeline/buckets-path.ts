/**
 * `buckets_path` as ES 8's AggregationPath and BucketHelpers read it.
 *
 * Syntax: `agg>agg>metric`, the last element optionally `name.key` (a multi-value metric's value, split at
 * the last '.') or `name[key]`; `_count` is a bucket's doc_count, `_key` its key, `agg._bucket_count` the
 * number of buckets of a multi-bucket aggregation. As a string list
 * (getPathElementsAsStringList) `a>b.c` is [a, b, c].
 *
 * resolveBucketValue (BucketHelpers.resolveBucketValue) reads a bucket's value at a path:
 * - null when the path names no aggregation in the bucket (InvalidAggregationPathException, caught);
 * - a single-value metric's value, a multi-value metric's named value, doc_count or a numeric key;
 * - anything else is aggregation_execution_exception "buckets_path must reference either a number value or a
 *   single value numeric metric aggregation, got: [<Java class>] at aggregation [<name>]" (a multi-value
 *   metric without a key: "..., but [<name>] contains multiple values. Please specify which to use.");
 * - a NaN or infinite value, or any value but `_count` of an empty bucket, is a gap: 0 with insert_zeros,
 *   NaN with skip, the value itself (NaN if not finite) with keep_values.
 */
import { EsException } from '../../../errors/index.ts'
import type { Bucket } from '../bucket/internal-bucket.ts'
import { InternalHistogram } from '../bucket/histogram.ts'
import { InternalSingleBucket } from '../bucket/single-bucket.ts'
import { InternalTerms } from '../bucket/terms.ts'
import type { BucketKey, InternalAggregation } from '../internal-aggregation.ts'
import { InternalCardinality } from '../metrics/cardinality.ts'
import { InternalNumericMetric } from '../metrics/numeric-metrics.ts'
import { InternalPercentiles } from '../metrics/percentiles.ts'
import { InternalWeightedAvg } from '../metrics/weighted-avg.ts'
import { InternalStringStats } from '../metrics/string-stats.ts'
import { InternalTopMetrics } from '../metrics/top-metrics.ts'
import { InternalBoxplot, InternalMedianAbsoluteDeviation } from '../metrics/digest-metrics.ts'
import { InternalStats } from '../metrics/stats.ts'
import { InternalPercentilesBucket, InternalSimpleValue } from './simple-value.ts'

export type GapPolicy = 'skip' | 'insert_zeros' | 'keep_values'

export const GAP_POLICIES: readonly GapPolicy[] = ['insert_zeros', 'skip', 'keep_values']

export interface PathElement {
  readonly name: string
  readonly key: string | null
}

/** AggregationPath.parse(path).getPathElements(). */
export function parsePath(path: string): PathElement[] {
  const elements = path.split('>')
  return elements.map((element, i) => {
    const bracket = /^(.+)\[(.*)\]$/.exec(element)
    if (bracket !== null) return { name: bracket[1]!, key: bracket[2]! }
    const dot = element.lastIndexOf('.')
    if (i === elements.length - 1 && dot > 0)
      return { name: element.slice(0, dot), key: element.slice(dot + 1) }
    return { name: element, key: null }
  })
}

/** getPathElementsAsStringList: each element's name, then its key if it has one. */
export function pathElements(path: string): string[] {
  return parsePath(path).flatMap((e) => (e.key === null ? [e.name] : [e.name, e.key]))
}

/** What a path leads to: a number, or something that is not one (its Java class for the error). */
type Property =
  | { kind: 'number'; value: number }
  | { kind: 'multi_value'; name: string }
  | { kind: 'other'; className: string; name: string }
  | { kind: 'invalid' }

/** The Java class ES names in its error (getClass().getSimpleName()). */
export function javaClassName(agg: InternalAggregation): string {
  if (agg instanceof InternalTerms) {
    const type = agg.settings.valueType
    return type === 'double' ? 'DoubleTerms' : type === 'long' ? 'LongTerms' : 'StringTerms'
  }
  if (agg instanceof InternalHistogram)
    return agg.settings.keyAsDouble ? 'InternalHistogram' : 'InternalDateHistogram'
  if (agg instanceof InternalSingleBucket) return agg.javaClassName
  return agg.constructor.name
}

/** InternalAggregation.getProperty(path) on a metric or single-bucket aggregation. */
function aggregationProperty(agg: InternalAggregation, path: readonly string[]): Property {
  const [first, ...rest] = path
  if (
    agg instanceof InternalNumericMetric ||
    agg instanceof InternalCardinality ||
    agg instanceof InternalWeightedAvg ||
    agg instanceof InternalMedianAbsoluteDeviation
  ) {
    if (first === undefined || (first === 'value' && rest.length === 0))
      return { kind: 'number', value: agg.sortValue() ?? NaN }
    return { kind: 'invalid' }
  }
  if (agg instanceof InternalSimpleValue) {
    if (first === undefined || (first === 'value' && rest.length === 0))
      return { kind: 'number', value: agg.value }
    return { kind: 'invalid' }
  }
  if (
    agg instanceof InternalStats ||
    agg instanceof InternalPercentiles ||
    agg instanceof InternalBoxplot ||
    agg instanceof InternalStringStats ||
    agg instanceof InternalTopMetrics ||
    agg instanceof InternalPercentilesBucket
  ) {
    if (first === undefined) return { kind: 'multi_value', name: agg.name }
    const value = rest.length === 0 ? agg.sortValue(first) : null
    return value === null ? { kind: 'invalid' } : { kind: 'number', value }
  }
  // InternalMultiBucketAggregation.getProperty: `_bucket_count`, else one value per bucket (an Object[])
  const buckets = agg.pipelineBuckets()
  if (buckets !== null && first === '_bucket_count' && rest.length === 0) {
    return { kind: 'number', value: buckets.length }
  }
  if (buckets !== null && first !== undefined) {
    return { kind: 'other', className: 'Object[]', name: agg.name }
  }
  if (agg instanceof InternalSingleBucket && first !== undefined) {
    return bucketProperty(agg.name, agg.bucket, null, path)
  }
  return { kind: 'other', className: javaClassName(agg), name: agg.name }
}

/** InternalBucket.getProperty(containingAggName, path). */
function bucketProperty(
  containing: string,
  bucket: Bucket,
  key: BucketKey | null,
  path: readonly string[],
): Property {
  const [first, ...rest] = path
  if (first === undefined) return { kind: 'other', className: 'Bucket', name: containing }
  if (first === '_count') {
    return rest.length > 0 ? { kind: 'invalid' } : { kind: 'number', value: bucket.docCount }
  }
  if (first === '_key') {
    if (rest.length > 0 || key === null) return { kind: 'invalid' }
    if (typeof key === 'number') return { kind: 'number', value: key }
    // multi_terms' key is a List of its terms
    return { kind: 'other', className: typeof key === 'string' ? 'String' : 'ArrayList', name: '_key' }
  }
  const agg = bucket.aggs.find((a) => a.name === first)
  return agg === undefined ? { kind: 'invalid' } : aggregationProperty(agg, rest)
}

export function pathError(reason: string): EsException {
  return new EsException({ type: 'aggregation_execution_exception', reason, status: 400 })
}

/** BucketHelpers.resolveBucketValue: null for a path that names nothing; NaN for a skipped gap. */
export function resolveBucketValue(
  aggName: string,
  entry: { bucket: Bucket; key: BucketKey | null },
  path: readonly string[],
  gapPolicy: GapPolicy,
): number | null {
  const property = bucketProperty(aggName, entry.bucket, entry.key, path)
  if (property.kind === 'invalid') return null
  if (property.kind === 'multi_value') {
    throw pathError(
      `buckets_path must reference either a number value or a single value numeric metric aggregation, but [${property.name}] contains multiple values. Please specify which to use.`,
    )
  }
  if (property.kind === 'other') {
    const at = path.length === 0 ? aggName : path[0]!
    throw pathError(
      `buckets_path must reference either a number value or a single value numeric metric aggregation, got: [${property.className}] at aggregation [${at}]`,
    )
  }
  const { value } = property
  const isDocCount = path.length === 1 && path[0] === '_count'
  if (!Number.isFinite(value) || (entry.bucket.docCount === 0 && !isDocCount)) {
    if (gapPolicy === 'insert_zeros') return 0
    if (gapPolicy === 'keep_values') return Number.isFinite(value) ? value : NaN
    return NaN
  }
  return value
}
