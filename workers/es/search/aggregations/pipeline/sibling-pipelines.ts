/**
 * The sibling pipelines (BucketMetricsPipelineAggregator and its subclasses): the first `buckets_path`
 * element names a multi-bucket aggregation of the same level; each of its buckets' values at the rest of
 * the path (buckets-path.ts, gap_policy skip by default) is collected unless null (the path names nothing
 * in the bucket) or NaN (a skipped gap), and one result is added after the level's aggregations:
 * - avg_bucket: sum / count (null with no values); sum_bucket: the sum (0.0 with none);
 * - min_bucket / max_bucket: the extreme and the keys (getKeyAsString) of every bucket holding it;
 * - stats_bucket / extended_stats_bucket: InternalStats over the values (`sigma`, default 2.0, for the
 *   latter), rendered as the stats and extended_stats aggregations render;
 * - percentiles_bucket: `percents` (default 1, 5, 25, 50, 75, 95, 99), `keyed` (default true).
 * Every result prints its values' text in the pipeline's `format` (`value_as_string`, stats' `min_as_string`...).
 */
import { illegalArgumentException, parsingException } from '../../../errors/index.ts'
import { XNumber, javaDoubleToString, type XContentObject } from '../../../xcontent/index.ts'
import type { AggregationParser } from '../aggregation-builder.ts'
import type { InternalAggregation, InternalAggregations } from '../internal-aggregation.ts'
import { InternalStats } from '../metrics/stats.ts'
import type { ValueFormat } from '../aggregation-context.ts'
import { pathElements, resolveBucketValue, type GapPolicy } from './buckets-path.ts'
import type { SiblingPipelineAggregator } from './pipeline-aggregator.ts'
import { PipelineParams, pipelineBuilder } from './pipeline-params.ts'
import { InternalBucketMetricValue, InternalPercentilesBucket, InternalSimpleValue } from './simple-value.ts'

interface BucketValue {
  readonly keyAsString: string
  readonly value: number
}

/** BucketMetricsPipelineAggregator.doReduce's walk over the named aggregation's buckets. */
function bucketValues(aggs: InternalAggregations, bucketsPath: string, gapPolicy: GapPolicy): BucketValue[] {
  const [first, ...rest] = pathElements(bucketsPath)
  const values: BucketValue[] = []
  for (const agg of aggs) {
    if (agg.name !== first) continue
    for (const entry of agg.pipelineBuckets() ?? []) {
      const value = resolveBucketValue(agg.name, entry, rest, gapPolicy)
      if (value !== null && !Number.isNaN(value)) values.push({ keyAsString: entry.keyAsString, value })
    }
  }
  return values
}

type Compute = (values: readonly BucketValue[], meta: XContentObject | null) => InternalAggregation

function siblingParser(
  type: string,
  extra: readonly string[],
  compute: (name: string, params: PipelineParams) => Compute,
): AggregationParser {
  return (name, body, meta, subs) => {
    const params = new PipelineParams(type, name, body, ['gap_policy', ...extra], true)
    const bucketsPaths = params.bucketsPaths()
    const gapPolicy = params.gapPolicy('skip')
    const computeResult = compute(name, params)
    const pipeline: SiblingPipelineAggregator = {
      kind: 'sibling',
      name,
      type,
      bucketsPaths,
      validate: (context) => context.validateSiblingPath(name, bucketsPaths),
      reduce: (aggs) => computeResult(bucketValues(aggs, bucketsPaths[0]!, gapPolicy), meta),
    }
    return pipelineBuilder(pipeline, meta, subs)
  }
}

const sum = (values: readonly BucketValue[]): number => values.reduce((n, v) => n + v.value, 0)

export const avgBucketParser = siblingParser(
  'avg_bucket',
  [],
  (name, params) => (values, meta) =>
    new InternalSimpleValue(name, meta, sum(values) / values.length, params.format),
)

export const sumBucketParser = siblingParser(
  'sum_bucket',
  [],
  (name, params) => (values, meta) => new InternalSimpleValue(name, meta, sum(values), params.format),
)

function extremeBucket(
  type: string,
  better: (a: number, b: number) => boolean,
  start: number,
): AggregationParser {
  return siblingParser(type, [], (name, params) => (values, meta) => {
    let best = start
    let keys: string[] = []
    for (const { keyAsString, value } of values) {
      if (better(value, best)) {
        best = value
        keys = [keyAsString]
      } else if (value === best) keys.push(keyAsString)
    }
    return new InternalBucketMetricValue(name, meta, best, keys, params.format)
  })
}

export const minBucketParser = extremeBucket('min_bucket', (a, b) => a < b, Infinity)
export const maxBucketParser = extremeBucket('max_bucket', (a, b) => a > b, -Infinity)

function statsOf(
  name: string,
  meta: XContentObject | null,
  values: readonly BucketValue[],
  sigma: number | null,
  format: ValueFormat | null,
): InternalStats {
  const state = {
    count: values.length,
    sum: sum(values),
    min: Math.min(...values.map((v) => v.value)),
    max: Math.max(...values.map((v) => v.value)),
    sumOfSquares: values.reduce((n, v) => n + v.value * v.value, 0),
  }
  return new InternalStats(name, meta, state, format, sigma, true)
}

export const statsBucketParser = siblingParser(
  'stats_bucket',
  [],
  (name, params) => (values, meta) => statsOf(name, meta, values, null, params.format),
)

export const extendedStatsBucketParser = siblingParser('extended_stats_bucket', ['sigma'], (name, params) => {
  const sigma = params.number('sigma') ?? 2
  if (sigma < 0) {
    throw illegalArgumentException(
      `[sigma] must be greater than or equal to 0. Found [${javaDoubleToString(sigma)}] in [${name}]`,
    )
  }
  return (values, meta) => statsOf(name, meta, values, sigma, params.format)
})

const DEFAULT_PERCENTS = [1, 5, 25, 50, 75, 95, 99]

export const percentilesBucketParser = siblingParser(
  'percentiles_bucket',
  ['percents', 'keyed'],
  (name, params) => {
    const raw = params.raw('percents')
    let percents = DEFAULT_PERCENTS
    if (raw !== undefined && raw !== null) {
      if (!Array.isArray(raw) || !raw.every((p) => p instanceof XNumber)) {
        throw parsingException(
          1,
          1,
          `Unexpected token ${Array.isArray(raw) ? 'VALUE_STRING' : 'VALUE_NUMBER'} in [${name}].`,
        )
      }
      percents = raw.map((p) => p.value)
      const bad = percents.find((p) => p < 0 || p > 100 || Number.isNaN(p))
      if (bad !== undefined) {
        throw illegalArgumentException(`percent must be in [0,100], got [${bad}]: [${name}]`)
      }
    }
    const keyed = params.boolean('keyed') ?? true
    return (values, meta) =>
      new InternalPercentilesBucket(
        name,
        meta,
        percents,
        values.map((v) => v.value).sort((a, b) => a - b),
        keyed,
        params.format,
      )
  },
)
