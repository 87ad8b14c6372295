/**
 * The QueryContext (ES's SearchExecutionContext) every API that builds a query over an index starts from: a
 * search on each shard (shard-search.ts), and `_explain`, `_validate/query`, `_count` and the by-query APIs
 * (`_delete_by_query`, `_update_by_query`, `_reindex`'s `source`). It holds the search fields of the mapping the
 * request reads (the index's, its `runtime` section among them, with the request's `runtime_mappings` laid over
 * it where the API accepts them, runtime-mappings.ts), the index's analyzers, its name in query_shard_exception
 * bodies, its limit settings and its nested fields, and the shard when the query is built on one (what its
 * percolate queries read of it among that).
 * Built without a shard (the coordinating node checks a query, `_validate/query`), a leaf on a runtime field is
 * checked and left as built; the shard that runs the query resolves it (`resolveQueryOnShard`, given the
 * same runtime_mappings) into the documents whose values it accepts, and a more_like_this query, which selects its
 * terms by the shard's statistics, a `_seq_no` query (seq-no-queries.ts) and a knn query, which finds the shard's
 * nearest vectors, are rewritten there too.
 */
import type { IndexQuery } from '../../../engine-wasm/src/index/index.ts'
import type { XContentObject } from '../xcontent/index.ts'
import type { IndexService } from '../index/index-service.ts'
import type { Mapping } from '../index/mapper/mapping.ts'
import type { ShardSearcher } from '../index/shard/shard-searcher.ts'
import { indexLimits } from '../index/index-limit-settings.ts'
import { nestedContext } from './queries/nested-scope.ts'
import { runtimeFieldsQuery } from './queries/runtime-field-queries.ts'
import { resolveSeqNoQueries } from './queries/seq-no-queries.ts'
import { resolveShapeQueries } from './queries/shape-queries.ts'
import { rewriteMoreLikeThisLeaves } from './queries/x-more-like-this.ts'
import { resolveKnnVectors } from './vectors/knn-query-builder.ts'
import type { MoreLikeThisItemVectors } from './queries/more-like-this.ts'
import type { QueryContext } from './query-builder.ts'
import { hasRuntimeFields, searchFields } from './search-fields.ts'
import { shardFieldValues } from './shard-field-values.ts'
import { docValuesIndex } from './doc-values-source.ts'
import { searchMapping } from './runtime-mappings.ts'
import { percolatorShard } from './percolator/percolator-shard.ts'
import { resolvePercolateQueries } from './queries/percolate-query.ts'

export interface IndexQueryContextOptions {
  /** The mapping the request reads (searchMapping of its runtime_mappings); absent: the index's. */
  mapping?: Mapping
  /** The shard the query is built on; absent: built for the index only. */
  shard?: ShardSearcher
  /** A search's own clauses: every one with a `_name` is recorded here. */
  namedQueries?: Map<string, IndexQuery>
  /** A search's own query: its nested queries' `inner_hits` sections are collected (`nested.innerHits`). */
  collectInnerHits?: boolean
  /** The more_like_this items' term vectors the request's coordinator fetched (queries/more-like-this.ts). */
  moreLikeThisItems?: MoreLikeThisItemVectors
}

export function indexQueryContext(
  index: IndexService,
  nowMillis: number,
  options: IndexQueryContextOptions = {},
): QueryContext {
  const { metadata } = index
  const mapping = options.mapping ?? metadata.mapping
  const nested = nestedContext(mapping)
  return {
    fields: searchFields(mapping),
    analyze: index.analysis.analyze,
    normalize: index.analysis.normalize,
    nowMillis,
    index: { name: metadata.name, uuid: metadata.uuid },
    limits: indexLimits(metadata),
    indexMatches: (pattern) => index.matchesExpression(pattern),
    ...(options.namedQueries !== undefined ? { namedQueries: options.namedQueries } : {}),
    ...(options.moreLikeThisItems !== undefined ? { moreLikeThisItems: options.moreLikeThisItems } : {}),
    percolator: percolatorShard(index, options.shard),
    ...(options.shard !== undefined
      ? { shard: shardFieldValues(options.shard, mapping, docValuesIndex(index)) }
      : {}),
    ...(nested !== null
      ? { nested: options.collectInnerHits === true ? nested : { ...nested, innerHits: undefined } }
      : {}),
  }
}

/**
 * A query built in indexQueryContext, resolved on this shard: its leaves on runtime fields replaced by what they
 * match, its shape queries run (shape-queries.ts), its more_like_this queries rewritten by the shard's statistics, its
 * knn queries by the shard's vectors, its percolate queries by the shard's stored queries.
 */
export function resolveQueryOnShard(
  query: IndexQuery,
  index: IndexService,
  shard: ShardSearcher,
  nowMillis: number,
  runtimeMappings: XContentObject | null = null,
): IndexQuery {
  const mapping = searchMapping(index.metadata.mapping, runtimeMappings)
  const context = indexQueryContext(index, nowMillis, { mapping, shard })
  const resolved = hasRuntimeFields(context.fields) ? runtimeFieldsQuery(query, context) : query
  const shapes = resolveShapeQueries(resolved, context)
  const rewritten = rewriteMoreLikeThisLeaves(resolveSeqNoQueries(shapes, context.shard!), context.shard!)
  return resolvePercolateQueries(resolveKnnVectors(rewritten, context), context)
}
