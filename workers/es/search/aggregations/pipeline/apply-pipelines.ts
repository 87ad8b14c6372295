/**
 * The pipeline aggregations run over the final reduce's result (InternalAggregations.reducePipelines and
 * InternalMultiBucketAggregation.reducePipelines): depth first, each aggregation's buckets have their own
 * sub-aggregations' pipelines applied, then the pipelines declared in the aggregation run in dependency
 * order (resolvePipelineOrder): a sibling one adds its result to every bucket's aggregations, a parent one
 * rewrites the aggregation's buckets. At each level the sibling pipelines' results come after the level's
 * aggregations, in that order, as ES appends them.
 */
import type { AggregationBuilder } from '../aggregation-builder.ts'
import { InternalSingleBucket } from '../bucket/single-bucket.ts'
import type { InternalAggregation, InternalAggregations } from '../internal-aggregation.ts'
import { resolvePipelineOrder } from './pipeline-validation.ts'
import type { StoredScriptLookup } from '../../../cluster/metadata/script-metadata.ts'

export function applyPipelines(
  aggs: InternalAggregations,
  builders: readonly AggregationBuilder[],
  scripts: StoredScriptLookup,
): InternalAggregations {
  let out = aggs.map((agg) => {
    const builder = builders.find((b) => b.pipeline === undefined && b.name === agg.name)
    return builder === undefined ? agg : applyInside(agg, builder.subs, scripts)
  })
  for (const pipeline of resolvePipelineOrder(builders)) {
    if (pipeline.kind === 'sibling') out = [...out, pipeline.reduce(out)]
  }
  return out
}

/** The pipelines of `subs` applied inside a bucket aggregation; other aggregations are left as they are. */
function applyInside(
  agg: InternalAggregation,
  subs: readonly AggregationBuilder[],
  scripts: StoredScriptLookup,
): InternalAggregation {
  if (subs.length === 0) return agg
  const entries =
    agg.pipelineBuckets()?.map((e) => e.bucket) ?? (agg instanceof InternalSingleBucket ? [agg.bucket] : null)
  if (entries === null) return agg
  let result = agg.withBuckets(
    entries.map((bucket) => ({ ...bucket, aggs: applyPipelines(bucket.aggs, subs, scripts) })),
  )
  for (const pipeline of resolvePipelineOrder(subs)) {
    if (pipeline.kind === 'parent') result = pipeline.reduce(result, scripts)
  }
  return result
}
