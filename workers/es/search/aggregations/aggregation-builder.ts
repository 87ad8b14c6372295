/**
 * AggregationBuilder: one parsed request aggregation (its name, `meta`, sub-aggregations and type-specific
 * settings) that collects a shard's matching documents into an InternalAggregation, as ES's
 * AggregationBuilder → AggregatorFactory → Aggregator chain does. A bucket aggregation collects its
 * sub-aggregations once per bucket, over that bucket's documents.
 */
import { EsException } from '../../errors/index.ts'
import type { XContentObject, XContentValue } from '../../xcontent/index.ts'
import type { ShardContext } from './aggregation-context.ts'
import type { InternalAggregation, InternalAggregations } from './internal-aggregation.ts'
import type { IndexLimits } from '../../index/index-limit-settings.ts'
import type { PipelineAggregator } from './pipeline/pipeline-aggregator.ts'
import { checkCompositeParents } from './bucket/composite.ts'

export interface AggregationBuilder {
  readonly name: string
  readonly type: string
  readonly meta: XContentObject | null
  readonly subs: readonly AggregationBuilder[]
  /** `parent`: how many buckets the aggregation collects into (its CardinalityUpperBound), 'one' if not given. */
  collect(shard: ShardContext, docs: readonly number[], parent?: ParentBuckets): InternalAggregation
  /**
   * Parses the Query DSL objects the aggregation holds (`filter`, `filters`, `adjacency_matrix`, `background_filter`) with `parse`, as
   * ES's parser reads them with the request; each throws what its ES parser throws.
   */
  checkQueries?(parse: (query: XContentValue) => void): void
  /**
   * AggregationBuilder.build's checks on the shard: against the index settings (top_hits' window), or of where the
   * aggregation sits (`parent`: the aggregation it is a sub-aggregation of, absent at the top level), if any.
   */
  checkLimits?(limits: IndexLimits, parent?: AggregationBuilder): void
  /** A histogram's min_doc_count, which the parent pipelines check (pipeline/pipeline-validation.ts). */
  readonly minDocCount?: number
  /** Set on pipeline aggregations: they collect nothing and run on the final reduce's result. */
  readonly pipeline?: PipelineAggregator
}

/**
 * CardinalityUpperBound of the buckets an aggregation collects into on a shard: ONE at the top level and under
 * single-bucket parents there, MANY under a multi-bucket parent (auto_date_histogram picks its collector by it).
 */
export type ParentBuckets = 'one' | 'many'

/**
 * CardinalityUpperBound.multiply: the sub-aggregations of an aggregation with a fixed number of buckets (range, filters)
 * collect into one bucket only when it has one bucket and collects into one itself.
 */
export function subBuckets(parent: ParentBuckets | undefined, buckets: number): ParentBuckets {
  return buckets === 1 ? (parent ?? 'one') : 'many'
}

/** Builds one aggregation type from its body; throws ES's parsing errors. */
export type AggregationParser = (
  name: string,
  body: XContentObject,
  meta: XContentObject | null,
  subs: readonly AggregationBuilder[],
) => AggregationBuilder

/**
 * Builds the aggregation tree on a shard: a composite's parents are checked (bucket/composite.ts), then every
 * builder's checkLimits, sub-aggregations included.
 */
export function checkAggregationLimits(builders: readonly AggregationBuilder[], limits: IndexLimits): void {
  checkCompositeParents(builders)
  checkBuilderLimits(builders, limits)
}

function checkBuilderLimits(
  builders: readonly AggregationBuilder[],
  limits: IndexLimits,
  parent?: AggregationBuilder,
): void {
  for (const builder of builders) {
    builder.checkLimits?.(limits, parent)
    checkBuilderLimits(builder.subs, limits, builder)
  }
}

/** Every aggregation's queries, sub-aggregations included, parsed with the request (checkQueries). */
export function checkAggregationQueries(
  builders: readonly AggregationBuilder[],
  parse: (query: XContentValue) => void,
): void {
  for (const builder of builders) {
    builder.checkQueries?.(parse)
    checkAggregationQueries(builder.subs, parse)
  }
}

export function collectAggregations(
  builders: readonly AggregationBuilder[],
  shard: ShardContext,
  docs: readonly number[],
  parent: ParentBuckets = 'one',
): InternalAggregations {
  return builders.flatMap((builder) => (builder.pipeline ? [] : [builder.collect(shard, docs, parent)]))
}

/** Metric aggregations take no sub-aggregations (AggregationInitializationException, a 500 in ES). */
export function rejectSubAggregations(name: string, type: string, subs: readonly AggregationBuilder[]): void {
  if (subs.length === 0) return
  throw new EsException({
    type: 'aggregation_initialization_exception',
    reason: `Aggregator [${name}] of type [${type}] cannot accept sub-aggregations`,
    status: 500,
  })
}
