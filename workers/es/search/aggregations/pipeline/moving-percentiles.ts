/**
 * moving_percentiles, as ES 8's MovingPercentilesPipelineAggregationBuilder (ConstructingObjectParser: `buckets_path`
 * and `window` required, `shift` default 0) and MovingPercentilesPipelineAggregator: declared inside a histogram or
 * date_histogram, it reads every bucket's TDigest percentiles at `buckets_path` (the first bucket's gives the percents,
 * keyed and format) and gives bucket n the merge of buckets [n − window + shift, n + shift) (clamped to the buckets),
 * printed as a percentiles result named after the pipeline; a bucket whose window is empty gets nothing.
 * The merge is TDigestState.add of each window bucket's digest into a new one of the same compression: below
 * 20 · compression samples a SortingDigest keeps every sample, so the merge is the samples' union (the playground's
 * percentiles keep their samples; see percentiles.ts for its gap past that size). The playground's percentiles have
 * no HDR method, so the HDR branch never runs.
 * `window` ≤ 0 fails the build ("[window] must be a positive, non-zero integer."); a path to something else than
 * TDigest percentiles is an illegal_argument_exception naming what it found.
 */
import { illegalArgumentException, type EsException } from '../../../errors/index.ts'
import type { AggregationParser } from '../aggregation-builder.ts'
import { AggregationParams, constructingBuildFailure } from '../aggregation-params.ts'
import type { Bucket } from '../bucket/internal-bucket.ts'
import { InternalSingleBucket } from '../bucket/single-bucket.ts'
import type { InternalAggregation } from '../internal-aggregation.ts'
import { InternalPercentiles } from '../metrics/percentiles.ts'
import { javaClassName, pathElements } from './buckets-path.ts'
import { validateSequential, withValue } from './parent-pipelines.ts'
import type { ParentPipelineAggregator } from './pipeline-aggregator.ts'
import { pipelineBuilder } from './pipeline-params.ts'

const CONSTRUCTOR_ARGS = ['buckets_path', 'window']

/** InternalBucket.getProperty over the path's names: the aggregation it ends at, a Double, or null for nothing. */
function bucketProperty(bucket: Bucket, path: readonly string[]): InternalAggregation | 'Double' | null {
  let aggs = bucket.aggs
  for (let i = 0; i < path.length; i++) {
    const agg = aggs.find((a) => a.name === path[i])
    if (agg === undefined) return null
    const rest = path.length - i - 1
    if (rest === 0) return agg
    if (agg instanceof InternalPercentiles && rest === 1) return 'Double'
    if (!(agg instanceof InternalSingleBucket)) return null
    aggs = agg.bucket.aggs
  }
  return null
}

function resolveError(
  histogram: string,
  path: readonly string[],
  found: InternalAggregation | 'Double' | null,
  method: string,
): EsException {
  if (found === null)
    return illegalArgumentException(`buckets_path must reference a ${method} percentile aggregation`)
  const className =
    found === 'Double'
      ? 'Double'
      : found instanceof InternalPercentiles
        ? 'InternalTDigestPercentileRanks'
        : javaClassName(found)
  return illegalArgumentException(
    `buckets_path must reference a ${method} percentiles aggregation, got: [${className}] at aggregation [${path[0] ?? histogram}]`,
  )
}

/** The TDigest percentiles (not ranks) at the path, or the resolve error with `method` in its text. */
function percentilesAt(
  histogram: string,
  bucket: Bucket,
  path: readonly string[],
  method: string,
): InternalPercentiles {
  const found = bucketProperty(bucket, path)
  if (found instanceof InternalPercentiles && !found.ranks) return found
  throw resolveError(histogram, path, found, method)
}

export const movingPercentilesParser: AggregationParser = (name, body, meta, subs) => {
  const params = new AggregationParams('moving_percentiles', body, ['buckets_path', 'window', 'shift'])
  const bucketsPath = params.string('buckets_path')
  const window = params.int('window')
  const shift = params.int('shift') ?? 0
  const missing = CONSTRUCTOR_ARGS.filter((key) => !params.has(key))
  if (bucketsPath === null || window === null || missing.length > 0)
    throw illegalArgumentException(`Required [${missing.join(', ')}]`)
  if (window <= 0) {
    // the builder is constructed as the second constructor argument arrives
    const last = [...body.keys()].filter((key) => CONSTRUCTOR_ARGS.includes(key)).pop() ?? null
    throw constructingBuildFailure(
      'moving_percentiles',
      body,
      last,
      '[window] must be a positive, non-zero integer.',
    )
  }
  const path = pathElements(bucketsPath)
  const pipeline: ParentPipelineAggregator = {
    kind: 'parent',
    name,
    type: 'moving_percentiles',
    bucketsPaths: [bucketsPath],
    validate: (context) => validateSequential('moving_percentiles', name, [bucketsPath], context),
    reduce: (agg) => {
      const buckets = (agg.pipelineBuckets() ?? []).map((entry) => entry.bucket)
      if (buckets.length === 0) return agg
      const config = percentilesAt(agg.name, buckets[0]!, path, 'percentiles')
      const digests = buckets.map((bucket) => percentilesAt(agg.name, bucket, path, 'TDigest'))
      const clamp = (i: number): number => Math.min(Math.max(i, 0), digests.length)
      return agg.withBuckets(
        buckets.map((bucket, index) => {
          const inWindow = digests.slice(clamp(index - window + shift), clamp(index + shift))
          if (inWindow.length === 0) return bucket
          const samples = inWindow.flatMap((digest) => digest.samples).sort((a, b) => a - b)
          const { percents, keyed, format } = config
          return withValue(
            bucket,
            new InternalPercentiles(name, meta, samples, percents, false, keyed, format),
          )
        }),
      )
    },
  }
  return pipelineBuilder(pipeline, meta, subs)
}
