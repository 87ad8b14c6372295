/**
 * PipelineAggregator: an aggregation that collects nothing on the shards and runs on the coordinating node
 * over the final reduce's result, as ES's PipelineAggregationBuilder / PipelineAggregator pair does.
 * - sibling (BucketMetricsPipelineAggregator: avg_bucket, max_bucket, stats_bucket...): reads the buckets of
 *   a sibling multi-bucket aggregation and adds one result beside it;
 * - parent (derivative, cumulative_sum, bucket_script, bucket_selector, bucket_sort...): declared inside a
 *   multi-bucket aggregation, rewrites that aggregation's buckets (adding a value to each, dropping or
 *   reordering them).
 * `bucketsPaths` are the `buckets_path` values (buckets-path.ts), in the request's order; `validate` adds
 * its AggregatorFactories validation errors (pipeline-validation.ts) before any shard is asked. A parent
 * pipeline's reduce gets the coordinating node's stored scripts (AggregationReduceContext's ScriptService), from
 * which a script given by `id` is compiled.
 */
import type { InternalAggregation, InternalAggregations } from '../internal-aggregation.ts'
import type { ValidationContext } from './pipeline-validation.ts'
import type { StoredScriptLookup } from '../../../cluster/metadata/script-metadata.ts'

interface PipelineCommon {
  readonly name: string
  readonly type: string
  readonly bucketsPaths: readonly string[]
  validate(context: ValidationContext): void
}

export interface SiblingPipelineAggregator extends PipelineCommon {
  readonly kind: 'sibling'
  /** SiblingPipelineAggregator.doReduce: the result added after `aggs`, the aggregations of its level. */
  reduce(aggs: InternalAggregations): InternalAggregation
}

export interface ParentPipelineAggregator extends PipelineCommon {
  readonly kind: 'parent'
  /** PipelineAggregator.reduce: the multi-bucket aggregation it is declared in, rewritten. */
  reduce(agg: InternalAggregation, scripts: StoredScriptLookup): InternalAggregation
}

export type PipelineAggregator = SiblingPipelineAggregator | ParentPipelineAggregator
