/**
 * The aggregations framework's public surface, in the order a search uses it:
 * 1. `parseAggregations(body.get('aggs'))` once per request (ES parses before it resolves indices);
 * 2. `collectAggregations(builders, shardContext, matchingDocs)` per shard (the query phase);
 * 3. `reduceShardAggregations(perShard, maxBuckets, builders)` on the coordinating node, which also enforces
 *    search.max_buckets and then runs the pipeline aggregations (pipeline/apply-pipelines.ts);
 * 4. `aggregationsResponse(reduced, params)` writes `"aggregations": {...}` (`typed_keys` in the params).
 * Between 2 and 3 a shard's results cross to the coordinating node as `writeAggregations(results)` (plain
 * data for a structured clone) and are read back there with `readAggregations(wire)`.
 */
import type { JsonOut } from '../../xcontent/index.ts'
import type { AggregationBuilder } from './aggregation-builder.ts'
import { applyPipelines } from './pipeline/apply-pipelines.ts'
import { NO_STORED_SCRIPTS, type StoredScriptLookup } from '../../cluster/metadata/script-metadata.ts'
import {
  DEFAULT_PARAMS,
  aggregationsToXContent,
  reduceAggregations,
  reduceContext,
  type InternalAggregations,
  type ToXContentParams,
} from './internal-aggregation.ts'

export { parseAggregations } from './aggregator-factories.ts'
export {
  checkAggregationLimits,
  collectAggregations,
  type AggregationBuilder,
  type AggregationParser,
} from './aggregation-builder.ts'
export type {
  DocValuesSource,
  FieldInfo,
  FieldValue,
  ShardContext,
  ShardTopHits,
  SizedBucket,
  TextFieldSource,
  TopHitsRequest,
  ValueFormat,
  ValuesType,
} from './aggregation-context.ts'
export {
  InternalAggregation,
  aggregationsToXContent,
  type InternalAggregations,
  type ToXContentParams,
} from './internal-aggregation.ts'
export { DEFAULT_MAX_BUCKETS, tooManyBucketsException } from './multi-bucket-consumer.ts'
export { InternalHistogram, type HistogramSettings } from './bucket/histogram.ts'
export type { HistogramRounding } from './bucket/histogram-rounding.ts'
export {
  readAggregations,
  writeAggregations,
  type AggregationsWire,
  type InternalAggregationWire,
} from './aggregation-wire.ts'
export { AGGREGATION_PARSERS } from './aggregation-registry.ts'

export function reduceShardAggregations(
  perShard: readonly InternalAggregations[],
  maxBuckets?: number,
  builders?: readonly AggregationBuilder[],
  scripts: StoredScriptLookup = NO_STORED_SCRIPTS,
): InternalAggregations {
  const reduced = reduceAggregations(perShard, reduceContext(maxBuckets))
  return builders === undefined ? reduced : applyPipelines(reduced, builders, scripts)
}

/** The `aggregations` object of a search response. */
export function aggregationsResponse(
  aggs: InternalAggregations,
  params: ToXContentParams = DEFAULT_PARAMS,
): Map<string, JsonOut> {
  const out = new Map<string, JsonOut>()
  aggregationsToXContent(aggs, out, params)
  return out
}
