/**
 * `cumulative_cardinality` (x-pack analytics' CumulativeCardinalityPipelineAggregationBuilder and
 * CumulativeCardinalityPipelineAggregator): declared inside a histogram or date_histogram, it merges the
 * HyperLogLog++ sketch of each bucket's `cardinality` aggregation (its one `buckets_path`, a string) into a running
 * sketch and adds the running cardinality to every bucket as InternalSimpleLongValue (`{"value": <long>}`, then
 * `value_as_string` in its `format`); a bucket before the first sketch gets 0. A path to anything but a
 * cardinality is refused on the reduce: `buckets_path must reference a cardinality aggregation, got: [<class>] at
 * aggregation [<first path element>]`. ConstructingObjectParser: `Required [buckets_path]`.
 */
import { illegalArgumentException } from '../../../errors/index.ts'
import type { AggregationParser } from '../aggregation-builder.ts'
import { HyperLogLogPlusPlus } from '../metrics/hyper-log-log-plus-plus.ts'
import { InternalCardinality } from '../metrics/cardinality.ts'
import type { Bucket } from '../bucket/internal-bucket.ts'
import { javaClassName, pathElements, pathError } from './buckets-path.ts'
import { withValue } from './parent-pipelines.ts'
import type { ParentPipelineAggregator } from './pipeline-aggregator.ts'
import { PipelineParams, pipelineBuilder } from './pipeline-params.ts'
import { InternalSimpleLongValue } from './simple-value.ts'

const TYPE = 'cumulative_cardinality'

/** The bucket's cardinality sketch at `path` (CumulativeCardinalityPipelineAggregator.resolveBucketValue). */
function sketchAt(bucket: Bucket, path: readonly string[]): HyperLogLogPlusPlus {
  const [first] = path
  const agg = bucket.aggs.find((a) => a.name === first)
  if (agg instanceof InternalCardinality && path.length === 1) return agg.counts
  // Bucket.getProperty: the doc count is a Long, a metric's named value a Double
  const got =
    agg !== undefined && path.length === 1 ? javaClassName(agg) : first === '_count' ? 'Long' : 'Double'
  throw pathError(
    `buckets_path must reference a cardinality aggregation, got: [${got}] at aggregation [${first}]`,
  )
}

export const cumulativeCardinalityParser: AggregationParser = (name, body, meta, subs) => {
  if (!body.has('buckets_path')) throw illegalArgumentException('Required [buckets_path]')
  const params = new PipelineParams(TYPE, name, body, [])
  const text = params.string('buckets_path')!
  const path = pathElements(text)
  const pipeline: ParentPipelineAggregator = {
    kind: 'parent',
    name,
    type: TYPE,
    bucketsPaths: [text],
    validate: (context) => context.validateParentAggSequentiallyOrdered(TYPE, name, false),
    reduce: (agg) => {
      let running: HyperLogLogPlusPlus | null = null
      let cardinality = 0
      const buckets = (agg.pipelineBuckets() ?? []).map(({ bucket }) => {
        const sketch = sketchAt(bucket, path)
        running ??= new HyperLogLogPlusPlus(sketch.precision)
        running.merge(sketch)
        cardinality = running.cardinality()
        return withValue(bucket, new InternalSimpleLongValue(name, meta, cardinality, params.format))
      })
      return agg.withBuckets(buckets)
    },
  }
  return pipelineBuilder(pipeline, meta, subs)
}
