/**
 * The sequential parent pipelines, declared inside a histogram or date_histogram (min_doc_count 0) and
 * adding one value to its buckets, as ES 8's pipeline aggregators compute them after the final reduce:
 * Only the derivative refuses a parent histogram with min_doc_count > 0 (allowed for the others since 7.17.4).
 * - derivative (gap_policy skip): from the second bucket on, where both this bucket's and the previous
 *   bucket's values resolve (not null), value − previous (NaN, printed null, across a skipped gap); with
 *   `unit`, normalized_value = derivative / ((key − previous key) / unit in ms);
 * - cumulative_sum: the running sum of the finite values (gaps as 0, insert_zeros), on every bucket;
 * - serial_diff (gap_policy skip, `lag` default 1, > 0): value − the value `lag` buckets before, where
 *   both are present (not null or NaN).
 */
import { illegalArgumentException, parsingException } from '../../../errors/index.ts'
import type { XContentObject } from '../../../xcontent/index.ts'
import type { AggregationParser } from '../aggregation-builder.ts'
import type { Bucket } from '../bucket/internal-bucket.ts'
import type { BucketKey, InternalAggregation } from '../internal-aggregation.ts'
import { pathElements, resolveBucketValue, type GapPolicy } from './buckets-path.ts'
import type { ParentPipelineAggregator } from './pipeline-aggregator.ts'
import type { ValidationContext } from './pipeline-validation.ts'
import { PipelineParams, pipelineBuilder } from './pipeline-params.ts'
import { InternalDerivative, InternalSimpleValue } from './simple-value.ts'

export interface SeriesEntry {
  readonly bucket: Bucket
  readonly key: BucketKey
  /** The value at the path, null when the path names nothing in the bucket. */
  readonly value: number | null
}

/** This aggregation's buckets with their values at `bucketsPath`, and a way to rebuild it. */
export function series(agg: InternalAggregation, bucketsPath: string, gapPolicy: GapPolicy): SeriesEntry[] {
  const path = pathElements(bucketsPath)
  return (agg.pipelineBuckets() ?? []).map((entry) => ({
    bucket: entry.bucket,
    key: entry.key,
    value: resolveBucketValue(agg.name, entry, path, gapPolicy),
  }))
}

export function withValue(bucket: Bucket, value: InternalAggregation): Bucket {
  return { ...bucket, aggs: [...bucket.aggs, value] }
}

export function validateSequential(
  type: string,
  name: string,
  bucketsPaths: readonly string[],
  context: ValidationContext,
): void {
  if (bucketsPaths.length !== 1) {
    context.addBucketPathValidationError(`must contain a single entry for aggregation [${name}]`)
  }
  // only the derivative needs every bucket (validateParentAggSequentiallyOrderedWithoutSkips)
  context.validateParentAggSequentiallyOrdered(type, name, type === 'derivative')
}

function sequentialParser(
  type: string,
  extra: readonly string[],
  gapDefault: GapPolicy | null,
  setup: (
    name: string,
    params: PipelineParams,
    meta: XContentObject | null,
  ) => (entries: readonly SeriesEntry[]) => Bucket[],
): AggregationParser {
  return (name, body, meta, subs) => {
    const allowed = [...(gapDefault === null ? [] : ['gap_policy']), ...extra]
    const params = new PipelineParams(type, name, body, allowed, type === 'derivative')
    const bucketsPaths = params.bucketsPaths()
    const gapPolicy = gapDefault === null ? 'insert_zeros' : params.gapPolicy(gapDefault)
    const rewrite = setup(name, params, meta)
    const pipeline: ParentPipelineAggregator = {
      kind: 'parent',
      name,
      type,
      bucketsPaths,
      validate: (context) => validateSequential(type, name, bucketsPaths, context),
      reduce: (agg) => agg.withBuckets(rewrite(series(agg, bucketsPaths[0]!, gapPolicy))),
    }
    return pipelineBuilder(pipeline, meta, subs)
  }
}

/** DateHistogramAggregationBuilder.DATE_FIELD_UNITS: a unit's base duration (ChronoUnit.getDuration) in ms. */
const DAY = 86_400_000
const YEAR = 31_556_952_000
const CALENDAR_UNITS: ReadonlyMap<string, number> = new Map([
  ['year', YEAR],
  ['1y', YEAR],
  ['quarter', YEAR / 4],
  ['1q', YEAR / 4],
  ['month', YEAR / 12],
  ['1M', YEAR / 12],
  ['week', 7 * DAY],
  ['1w', 7 * DAY],
  ['day', DAY],
  ['1d', DAY],
  ['hour', 3_600_000],
  ['1h', 3_600_000],
  ['minute', 60_000],
  ['1m', 60_000],
  ['second', 1000],
  ['1s', 1000],
])
const TIME_UNITS: Readonly<Record<string, number>> = {
  nanos: 1e-6,
  micros: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: DAY,
}

/** The x-axis unit in ms: a calendar unit, else a TimeValue (`10s`, `2h`...). */
function unitMillis(unit: string): number {
  const calendar = CALENDAR_UNITS.get(unit)
  if (calendar !== undefined) return calendar
  const match = /^(\d+)(nanos|micros|ms|s|m|h|d)$/.exec(unit.trim().toLowerCase())
  if (match === null) {
    throw illegalArgumentException(
      `failed to parse setting [DerivativePipelineAggregationBuilder.unit] with value [${unit}] as a time value: unit is missing or unrecognized`,
    )
  }
  return Number(match[1]) * TIME_UNITS[match[2]!]!
}

export const derivativeParser: AggregationParser = sequentialParser(
  'derivative',
  ['unit'],
  'skip',
  (name, params, meta) => {
    const unitText = params.string('unit')
    const unit = unitText === null ? null : unitMillis(unitText)
    return (entries) => {
      let last: SeriesEntry | null = null
      return entries.map((entry) => {
        let bucket = entry.bucket
        if (last !== null && last.value !== null && entry.value !== null) {
          const gradient = entry.value - last.value
          const xDiff = unit === null ? -1 : (Number(entry.key) - Number(last.key)) / unit
          bucket = withValue(bucket, new InternalDerivative(name, meta, gradient, xDiff, params.format))
        }
        last = entry
        return bucket
      })
    }
  },
)

export const cumulativeSumParser: AggregationParser = sequentialParser(
  'cumulative_sum',
  [],
  null,
  (name, params, meta) => {
    return (entries) => {
      let sum = 0
      return entries.map((entry) => {
        if (entry.value !== null && Number.isFinite(entry.value)) sum += entry.value
        return withValue(entry.bucket, new InternalSimpleValue(name, meta, sum, params.format))
      })
    }
  },
)

export const serialDiffParser: AggregationParser = sequentialParser(
  'serial_diff',
  ['lag'],
  'skip',
  (name, params, meta) => {
    const lag = params.int('lag') ?? 1
    if (lag <= 0)
      throw parsingException(1, 1, `Lag must be a positive, non-zero integer.  Value supplied was${lag}`)
    return (entries) => {
      const window: Array<number | null> = []
      return entries.map((entry) => {
        let bucket = entry.bucket
        const value = entry.value
        if (value !== null && !Number.isNaN(value) && window.length === lag) {
          const previous = window[0]
          if (previous !== null && previous !== undefined && !Number.isNaN(previous)) {
            bucket = withValue(bucket, new InternalSimpleValue(name, meta, value - previous, params.format))
          }
        }
        window.push(value)
        if (window.length > lag) window.shift()
        return bucket
      })
    }
  },
)
