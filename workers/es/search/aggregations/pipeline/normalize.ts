/**
 * `normalize` (x-pack analytics' NormalizePipelineAggregationBuilder, NormalizePipelineAggregator and
 * NormalizePipelineMethods): declared inside a multi-bucket aggregation, it resolves every bucket's value at its one
 * `buckets_path` (gap_policy skip: a gap is NaN) and adds {"value": method(value)} to each bucket, NaN (printed
 * null) for a gap. The statistics are over the non-NaN values, as ES's single pass computes them: min starts at
 * Double.MAX_VALUE and max at Double.MIN_VALUE (the smallest positive double, so an all-negative series keeps
 * max = 4.9E-324), a plain sum, mean = sum / count (NaN for none), the z-score's population deviation.
 *
 * Parsing is ConstructingObjectParser's: `format`, `method` and `buckets_path` are constructor arguments; `method`
 * and `buckets_path` are required (`Required [method, buckets_path]`, listing the missing ones). The builder is
 * built, and an unknown method refused (`invalid method [x]`), when the last of the three arrives (wrapped in
 * "[normalize] failed to parse field [<that key>]"), or at the end of the object when `format` is absent; either way
 * inside "Failed to build [normalize] after last required field arrived".
 */
import { EsException, illegalArgumentException } from '../../../errors/index.ts'
import type { AggregationParser } from '../aggregation-builder.ts'
import { series, withValue } from './parent-pipelines.ts'
import type { ParentPipelineAggregator } from './pipeline-aggregator.ts'
import { PipelineParams, pipelineBuilder } from './pipeline-params.ts'
import { InternalSimpleValue } from './simple-value.ts'

const TYPE = 'normalize'
const CONSTRUCTOR_ARGS = ['format', 'method', 'buckets_path'] as const

type Method = (values: readonly number[]) => (value: number) => number

interface Statistics {
  min: number
  max: number
  sum: number
  mean: number
  count: number
}

/** SinglePassSimpleStatisticsMethod's statistics. */
function statistics(values: readonly number[]): Statistics {
  let count = 0
  let sum = 0
  let min = Number.MAX_VALUE
  let max = Number.MIN_VALUE
  for (const value of values) {
    if (Number.isNaN(value)) continue
    count++
    min = Math.min(value, min)
    max = Math.max(value, max)
    sum += value
  }
  return { min, max, sum, count, mean: count === 0 ? NaN : sum / count }
}

const METHODS: ReadonlyMap<string, Method> = new Map<string, Method>([
  [
    'rescale_0_1',
    (values) => {
      const { min, max } = statistics(values)
      return (value) => (value - min) / (max - min)
    },
  ],
  [
    'rescale_0_100',
    (values) => {
      const { min, max } = statistics(values)
      return (value) => (100 * (value - min)) / (max - min)
    },
  ],
  [
    'mean',
    (values) => {
      const { min, max, mean } = statistics(values)
      return (value) => (value - mean) / (max - min)
    },
  ],
  [
    'percent_of_sum',
    (values) => {
      const { sum } = statistics(values)
      return (value) => value / sum
    },
  ],
  [
    'z-score',
    (values) => {
      const { mean, count } = statistics(values)
      let variance = 0
      for (const value of values) if (!Number.isNaN(value)) variance += (value - mean) * (value - mean)
      const stdev = Math.sqrt(variance / count)
      return (value) => (value - mean) / stdev
    },
  ],
  [
    'softmax',
    (values) => {
      let sumExp = 0
      for (const value of values) if (!Number.isNaN(value)) sumExp += Math.exp(value)
      return (value) => Math.exp(value) / sumExp
    },
  ],
])

export const normalizeParser: AggregationParser = (name, body, meta, subs) => {
  const params = new PipelineParams(TYPE, name, body, ['method'])
  const missing = ['method', 'buckets_path'].filter((key) => !body.has(key))
  const complete = CONSTRUCTOR_ARGS.every((key) => body.has(key))
  if (!complete && missing.length > 0) throw illegalArgumentException(`Required [${missing.join(', ')}]`)
  const methodText = params.string('method')!
  const method = METHODS.get(methodText)
  if (method === undefined) {
    const failure = new EsException({
      type: 'x_content_parse_exception',
      reason: `Failed to build [${TYPE}] after last required field arrived`,
      status: 400,
      causedBy: illegalArgumentException(`invalid method [${methodText}]`),
      rootCause: false,
    })
    // built when the last constructor argument arrives, inside that field's parsing
    const last = [...body.keys()]
      .filter((key) => (CONSTRUCTOR_ARGS as readonly string[]).includes(key))
      .at(-1)
    throw complete ? params.fieldFailure(last!, failure) : failure
  }
  const bucketsPaths = params.bucketsPaths()
  const pipeline: ParentPipelineAggregator = {
    kind: 'parent',
    name,
    type: TYPE,
    bucketsPaths,
    validate: (context) => {
      if (bucketsPaths.length !== 1) {
        context.addBucketPathValidationError(`must contain a single entry for aggregation [${name}]`)
      }
      context.validateHasParent(TYPE, name)
    },
    reduce: (agg) => {
      const entries = series(agg, bucketsPaths[0]!, 'skip')
      const values = entries.map((entry) => entry.value ?? NaN)
      const apply = method(values)
      return agg.withBuckets(
        entries.map((entry, i) => {
          const value = values[i]!
          const normalized = Number.isNaN(value) ? NaN : apply(value)
          return withValue(entry.bucket, new InternalSimpleValue(name, meta, normalized, params.format))
        }),
      )
    },
  }
  return pipelineBuilder(pipeline, meta, subs)
}
