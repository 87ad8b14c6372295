/**
 * The QueryContext (ES's SearchExecutionContext) every API that builds a query over an index starts from: a
 * search on each shard (shard-search.ts), and `_explain`, `_validate/query`, `_count` and the by-query APIs
 * (`_delete_by_query`, `_update_by_query`, `_reindex`'s `source`). It holds the search fields of the mapping the
 * request reads (the index's, its `runtime` section among them, with the request's `runtime_mappings` laid over
 * it where the API accepts them, runtime-mappings.ts), the index's analyzers, its name in query_shard_exception
 * bodies, its limit settings and its nested fields, and the shard when the query is built on one (what its
 * percolate queries read of it among that).
 * Built without a shard (the coordinating node checks a query; `_validate/query`), a query that reads the shard's
 * documents (a runtime field's leaf, a script, a join, a shape, knn, more_like_this, percolate or `_seq_no` query) is
 * checked and left unresolved; the APIs that run one send its source to the shard, which builds it there
 * (`buildQueryOnShard`), as a search's shards parse its request again (shard-search.ts).
 */
import type { IndexQuery } from '../../../engine-wasm/src/index/index.ts'
import { parseJson } from '../xcontent/index.ts'
import type { IndexService } from '../index/index-service.ts'
import type { Mapping } from '../index/mapper/mapping.ts'
import type { ShardSearcher } from '../index/shard/shard-searcher.ts'
import { indexLimits } from '../index/index-limit-settings.ts'
import { nestedContext, nonNestedFiltered } from './queries/nested-scope.ts'
import type { ItemTermVectors, MoreLikeThisItemVectors } from './queries/more-like-this.ts'
import type { PercolatedQuery } from './queries/percolate-query.ts'
import { parseTopLevelQuery, queryStringIndexQuery, type QueryContext } from './query-builder.ts'
import { filteredQuery } from './search-request.ts'
import type { UriQueryString } from './query-string/index.ts'
import { searchFields } from './search-fields.ts'
import { shardFieldValues } from './shard-field-values.ts'
import { docValuesIndex } from './doc-values-source.ts'
import { searchMapping } from './runtime-mappings.ts'
import { percolatorShard } from './percolator/percolator-shard.ts'

export interface IndexQueryContextOptions {
  /** The mapping the request reads (searchMapping of its runtime_mappings); absent: the index's. */
  mapping?: Mapping
  /** The shard the query is built on; absent: built for the index only. */
  shard?: ShardSearcher
  /** A search's own clauses: every one with a `_name` is recorded here. */
  namedQueries?: Map<string, IndexQuery>
  /**
   * A search's own query: its nested queries' `inner_hits` sections are collected (`nested.innerHits`), and on a
   * shard its join queries' (`joinInnerHits`).
   */
  collectInnerHits?: boolean
  /** The more_like_this items' term vectors the request's coordinator fetched (queries/more-like-this.ts). */
  moreLikeThisItems?: MoreLikeThisItemVectors
  /** The search's `size` (a count has none). */
  requestSize?: number
  /** A search's own query: what its percolate queries matched on the shard is recorded here. */
  percolated?: PercolatedQuery[]
}

export function indexQueryContext(
  index: IndexService,
  nowMillis: number,
  options: IndexQueryContextOptions = {},
): QueryContext {
  const { metadata } = index
  const mapping = options.mapping ?? metadata.mapping
  const nested = nestedContext(mapping)
  // One literal with every key (absent options as undefined): V8 copies an object spread and then given a key it
  // lacks by a slow runtime path (some microseconds a search), so no caller spreads this and adds to it.
  return {
    fields: searchFields(mapping),
    analyze: index.analysis.analyze,
    normalize: index.analysis.normalize,
    nowMillis,
    index: { name: metadata.name, uuid: metadata.uuid },
    limits: indexLimits(metadata),
    indexMatches: (pattern) => index.matchesExpression(pattern),
    namedQueries: options.namedQueries,
    moreLikeThisItems: options.moreLikeThisItems,
    percolator: percolatorShard(index, options.shard),
    shard: options.shard && shardFieldValues(options.shard, mapping, docValuesIndex(index)),
    nested:
      nested !== null && options.collectInnerHits !== true
        ? { ...nested, innerHits: undefined }
        : (nested ?? undefined),
    requestSize: options.requestSize,
    percolated: options.percolated,
    joinInnerHits: options.collectInnerHits === true && options.shard !== undefined ? [] : undefined,
  }
}

/**
 * What a shard builds an API's query from (`_explain`, the by-query APIs' scans): ES sends the QueryBuilder and the
 * shard's SearchExecutionContext builds it (TransportExplainAction.shardOperation, the scroll search of
 * AbstractBulkByScrollRequest), so every query that reads the shard (scripts, joins, shapes, knn, more_like_this,
 * percolate, runtime fields, `_seq_no`) is built against it. Plain data, crossing to the shard's node.
 */
export interface ShardQuerySource {
  /** The query's JSON text, its terms lookups and percolated documents fetched into it; null: match_all. */
  query: string | null
  /** A URI search `q` with its options, which stands for the query. */
  uri?: UriQueryString | null
  /** The filter (JSON text) of the alias the request read the index through, or null. */
  aliasFilter?: string | null
  /** The request's `runtime_mappings` as JSON text, or null. */
  runtimeMappings?: string | null
  /** The more_like_this items' term vectors the coordinating node fetched (queries/more-like-this.ts). */
  moreLikeThisItems?: Array<[string, ItemTermVectors | null]>
}

/** The query of `source` built on this shard of `index`, its documents of nested objects left out. */
export function buildQueryOnShard(
  source: ShardQuerySource,
  index: IndexService,
  shard: ShardSearcher,
  nowMillis: number,
): IndexQuery {
  const runtimeMappings = source.runtimeMappings == null ? null : parseJson(source.runtimeMappings)
  const mapping = searchMapping(
    index.metadata.mapping,
    runtimeMappings instanceof Map ? runtimeMappings : null,
  )
  const context = indexQueryContext(index, nowMillis, {
    mapping,
    shard,
    moreLikeThisItems: { fetched: new Map(source.moreLikeThisItems ?? []) },
  })
  const built =
    source.uri != null
      ? queryStringIndexQuery(source.uri.query, source.uri.options, context)
      : parseTopLevelQuery(source.query === null ? undefined : parseJson(source.query), context)
  return nonNestedFiltered(filteredQuery(built, source.aliasFilter ?? null, context), context.nested ?? null)
}
