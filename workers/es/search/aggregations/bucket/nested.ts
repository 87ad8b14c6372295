/**
 * The `nested` and `reverse_nested` single-bucket aggregations (NestedAggregator, ReverseNestedAggregator):
 * - `nested` {path}: the nested documents of `path` in the blocks of the bucket's documents (those whose parent is
 *   one of them: a root document, or inside another nested aggregation a nested document of its path); doc_count
 *   counts nested documents. Its sub-aggregations collect over them, inside the path's nested scope. An unmapped
 *   path collects nothing (doc_count 0, as NestedAggregatorFactory's unmapped aggregator).
 * - `reverse_nested` {path?}: back from the bucket's nested documents to their parents, each counted once: the root
 *   documents without a path, else the nested documents of `path`. Only inside a `nested` aggregation.
 * Rendered as every single bucket is (single-bucket.ts): {"doc_count": N, <sub-aggregations>}.
 */
import { illegalArgumentException, parsingException } from '../../../errors/index.ts'
import type { XContentObject } from '../../../xcontent/index.ts'
import type { AggregationBuilder, AggregationParser } from '../aggregation-builder.ts'
import type { ShardContext } from '../aggregation-context.ts'
import { AggregationParams } from '../aggregation-params.ts'
import { shardBucket } from './internal-bucket.ts'
import { InternalSingleBucket } from './single-bucket.ts'

export const nestedParser: AggregationParser = (name, body, meta, subs) => {
  const path = new AggregationParams('nested', body, ['path']).string('path')
  if (path === null) throw parsingException(1, 1, `Missing [path] field for nested aggregation [${name}]`)
  return nestedBuilder('nested', name, meta, subs, (shard, docs) => {
    if (!shard.nestedPaths.has(path)) return { docs: [], scope: shard.nestedScope }
    return { docs: shard.nestedDocs(path, docs), scope: path }
  })
}

export const reverseNestedParser: AggregationParser = (name, body, meta, subs) => {
  const path = new AggregationParams('reverse_nested', body, ['path']).string('path')
  return nestedBuilder('reverse_nested', name, meta, subs, (shard, docs) => {
    if (shard.nestedScope === null) {
      throw illegalArgumentException(
        `Reverse nested aggregation [${name}] can only be used inside a [nested] aggregation`,
      )
    }
    if (path !== null && !shard.nestedPaths.has(path)) return { docs: [], scope: shard.nestedScope }
    return { docs: shard.reverseNestedDocs(path, docs), scope: path }
  })
}

function nestedBuilder(
  type: 'nested' | 'reverse_nested',
  name: string,
  meta: XContentObject | null,
  subs: readonly AggregationBuilder[],
  select: (shard: ShardContext, docs: readonly number[]) => { docs: readonly number[]; scope: string | null },
): AggregationBuilder {
  return {
    name,
    type,
    meta,
    subs,
    collect(shard, docs, parent) {
      const selected = select(shard, docs)
      const inner = shard.withNestedScope(selected.scope)
      return new InternalSingleBucket(name, meta, type, shardBucket(subs, inner, selected.docs, parent))
    },
  }
}
