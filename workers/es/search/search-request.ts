/**
 * A _search or _count request as SearchSourceBuilder parses it (RestSearchAction.parseSearchRequest): the
 * body's `query`, `from`, `size`, `_source` (a FetchSourceContext: true/false, fields, includes/excludes; the
 * `_source`, `_source_includes` and `_source_excludes` parameters replace it, as RestSearchAction's do), `track_total_hits`, `aggs`/`aggregations`, `sort`,
 * `search_after`, `track_scores`, `explain`, `profile`, `highlight` (fetch/highlight/), `post_filter` (a query that
 * filters the hits, not what the aggregations see), and `collapse`, `rescore`, `suggest`, `indices_boost`
 * (request-features.ts), `runtime_mappings` (runtime-mappings.ts), `slice` (slice/slice-parser.ts), `knn` (vectors/knn-search-builder.ts: with it the
 * search runs a DFS phase and refuses a `search_type`), and the URI's `search_type`, `q`
 * (with its options, replacing the body's query), `from`, `size`, `sort` (appended after the body's),
 * `track_scores` and `explain`. _count takes only `query`. The coordinating node parses a request to validate
 * it before it resolves indices (a bad query fails even with no index); each data node parses the same text
 * again to run it on its shards, so the request crosses between nodes as text. A search through filtered
 * aliases carries the alias filter beside it, ANDed with the query (filteredQuery). The check records the `terms`
 * lookups of the queries it builds; the coordinator rewrites the text with the values they find before any shard
 * parses it.
 */
import { requestDoesNotSupport } from './queries/query-parsing.ts'
import type { IndexQuery } from '../../../engine-wasm/src/index/index.ts'
import {
  actionRequestValidationException,
  illegalArgumentException,
  numberFormatException,
  parsingException,
} from '../errors/index.ts'
import {
  parseJson,
  tokenLocation,
  XNumber,
  type XContentObject,
  type XContentValue,
} from '../xcontent/index.ts'
import type { TextAnalyzer } from '../index/mapper/field-indexer.ts'
import { parseRequestBody } from '../rest/request-body.ts'
import { paramAsFloat, paramAsInt } from '../rest/actions/rest-params.ts'
import { parseJavaDouble } from '../../net/java-double.ts'
import { valueToken } from '../action/value-token.ts'
import { fetchSourceFromParams, fetchSourceOption, type FetchSourceContext } from '../action/fetch-source.ts'
import { parseBoolean, urlFlag } from '../common/booleans.ts'
import { parseAggregations, type AggregationBuilder } from './aggregations/index.ts'
import { checkAggregationQueries } from './aggregations/aggregation-builder.ts'
import {
  buildQuery,
  parseInnerQuery,
  parseQueryContent,
  parseTopLevelQuery,
  queryStringIndexQuery,
} from './query-builder.ts'
import { scalarText, type QueryContext, type RewriteSite } from './queries/query-parsing.ts'
import type { MoreLikeThisItemVectors } from './queries/more-like-this.ts'
import { optionalBooleanParam, uriSearchQuery } from './query-string/index.ts'
import {
  parseSearchAfter,
  parseSort,
  parseUriSort,
  type SearchAfterValue,
  type SortBuilder,
} from './sort/index.ts'
import type { SearchRequest } from './search-service.ts'
import { parseHighlight, type HighlightBuilder } from './fetch/highlight/index.ts'
import { FetchOptionsReader, hitSource, type FetchOptions } from './fetch/fetch-options.ts'
import { parseTimeValue } from '../common/time/index.ts'
import { SearchFeaturesReader } from './request-features.ts'
import { scrollKeepAlive, scrollRequestErrors, scrollSourceErrors } from './scroll-validation.ts'
import type { SuggestionBuilder } from './suggest/suggest-builder.ts'
import type { QueryRescorer } from './rescore/query-rescorer.ts'
import type { IndexBoost } from './indices-boost.ts'
import { parseKnnSection, type KnnSearchBuilder } from './vectors/knn-search-builder.ts'
import {
  bodyTrackTotalHits,
  restTotalHitsAsInt,
  totalHitsLimit,
  TRACK_TOTAL_HITS_ACCURATE,
  urlTrackTotalHits,
} from './track-total-hits.ts'
import {
  parsePointInTime,
  shardDocWithoutPit,
  withPitTiebreaker,
  type PointInTimeBuilder,
} from './point-in-time-builder.ts'
import { parseSlice, slicesWithoutContext } from './slice/slice-parser.ts'
import type { SliceBuilder } from './slice/slice-builder.ts'

const SEARCH_KEYS = new Set(['query', 'post_filter', 'from', 'size', '_source'])
/** Flags read from a value token with parser.booleanValue(). */
const BOOLEAN_KEYS = new Set(['track_scores', 'explain', 'profile'])
const AGGREGATIONS_KEYS = new Set(['aggs', 'aggregations'])
/** Query-phase options read from a value token (`min_score`, `terminate_after`, `timeout`). */
const QUERY_PHASE_KEYS = new Set(['min_score', 'terminate_after', 'timeout'])

/** How the shards are searched: with their own statistics, or with everyone's (a DFS phase first). */
export type SearchType = 'query_then_fetch' | 'dfs_query_then_fetch'

export interface ParsedSearch {
  request: SearchRequest
  /** `search_type` (query_then_fetch by default; _count has none). */
  searchType: SearchType
  /** `batched_reduce_size`: how many shard results the coordinating node reduces at once (512; _count: unused). */
  batchedReduceSize: number
  /** `explain`: each hit carries the explanation of its score. */
  explain: boolean
  /** `profile`: the response carries each shard's profile (search/profile/). */
  profile: boolean
  /** Whether hits carry `_source`, and which parts of it (null: all of it). */
  fetchSource: FetchSourceContext | null
  /** What else hits carry: `_version`, `_seq_no`, stored, docvalue and `fields` values (fetch/fetch-options.ts). */
  fetch: FetchOptions
  /** The `highlight` section, or null without one. */
  highlight: HighlightBuilder | null
  /** hits.total counts exactly up to this many (track_total_hits); null: not at all, the response has none. */
  trackTotalHits: number | null
  /** `rest_total_hits_as_int`: hits.total is written as a number (-1 when not tracked), not as `{value, relation}`. */
  totalHitsAsInt: boolean
  /** The query for one index: the URI's `q`, else the body's query. */
  queryFor(context: QueryContext): IndexQuery
  /** The body's `post_filter` for one index, or null without one (build it after `queryFor`, as ES does). */
  postFilterFor(context: QueryContext): IndexQuery | null
  /** The deprecation warnings parsing the query raised (the response's Warning headers). */
  deprecations: readonly string[]
  /** The `suggest` section's suggestions (suggest/), or null without one. */
  suggest: readonly SuggestionBuilder[] | null
  /** `indices_boost`, in order (indices-boost.ts; empty without one). */
  indicesBoost: readonly IndexBoost[]
  /** The `rescore` section's rescorers with their queries built for one index (empty without one). */
  rescoreFor(context: QueryContext): QueryRescorer[]
  /** Whether the request has a query (the body's `query` or the URI's `q`); without one it matches all. */
  hasQuery: boolean
  /**
   * The `knn` section's searches (vectors/knn-search-builder.ts; empty without one): with any, the search runs a
   * DFS phase that finds their documents, and each becomes a SHOULD clause beside the query.
   */
  knn: readonly KnnSearchBuilder[]
  /** The `pit` section (point-in-time-builder.ts), or null: its sort has the implicit `_shard_doc` tiebreaker. */
  pit: PointInTimeBuilder | null
  /** The `slice` section (slice/slice-parser.ts), or null: each shard filters its part (slice/slice-query.ts). */
  slice: SliceBuilder | null
  /** `runtime_mappings`, as given (parsed on each shard, runtime-mappings.ts), or null without any. */
  runtimeMappings: XContentObject | null
  /**
   * The `terms` lookups and percolate indexed documents of the request's queries (query, post_filter, rescore,
   * highlight, sort and aggregation queries), which its coordinator fetches before the shards see it
   * (action/terms-lookup-rewrite.ts); empty without any.
   */
  termsLookups: readonly RewriteSite[]
  /**
   * Whether the request's queries have more_like_this items, whose term vectors its coordinator fetches for the
   * shards (action/more-like-this-items.ts).
   */
  moreLikeThisItems: boolean
}

/** SearchSourceBuilder.from and size: neither may be negative. */
const WINDOW_CHECKS = {
  from: (n: number) => `[from] parameter cannot be negative but was [${n}]`,
  size: (n: number) => `[size] parameter cannot be negative, found [${n}]`,
}

/**
 * `from` or `size` as RestSearchAction sets it: the body's (parser.intValue(): a number, or a string holding one,
 * truncated), then the URL parameter's over it; each value checked as SearchSourceBuilder sets it.
 */
function windowParam(
  body: XContentObject,
  params: ReadonlyMap<string, string>,
  name: 'from' | 'size',
  fallback: number,
): number {
  const check = (n: number): number => {
    if (n < 0) throw illegalArgumentException(WINDOW_CHECKS[name](n))
    return n
  }
  const value = body.get(name)
  let n =
    value !== undefined && isValueToken(value) && typeof value !== 'boolean'
      ? check(Math.trunc(numberValue(value)))
      : fallback
  if (params.has(name)) n = check(paramAsInt(params, name, fallback))
  return n
}

/** parser.floatValue() / intValue(): a number, or a string holding one (Java's NumberFormatException otherwise). */
function numberValue(value: string | boolean | XNumber): number {
  if (value instanceof XNumber) return value.value
  const n = typeof value === 'string' ? parseJavaDouble(value) : null
  if (n === null) throw numberFormatException(String(value))
  return n
}

/** A value token (a string, a number or a boolean), as XContentParser.Token.isValue. */
function isValueToken(value: XContentValue): value is string | boolean | XNumber {
  return typeof value === 'string' || typeof value === 'boolean' || value instanceof XNumber
}

/** XContentParser.booleanValue: a boolean, or the strings `true` / `false`. */
function booleanValue(value: string | boolean | null | XNumber): boolean {
  return typeof value === 'boolean' ? value : parseBoolean(String(value))
}

/** SearchType.fromString: ES 8 runs these two (query_and_fetch and dfs_query_and_fetch are gone). */
function parseSearchType(value: string | undefined): SearchType {
  if (value === undefined || value === 'query_then_fetch') return 'query_then_fetch'
  if (value === 'dfs_query_then_fetch') return value
  throw illegalArgumentException(`No search type for [${value}]`)
}

/**
 * `queriesChecked`: on a data node, whose coordinating node parsed the same text and params first (which built
 * every query of the request once, to check it, and threw what building them throws), the queries are not built
 * again before they are built for an index (queryFor, postFilterFor, rescoreFor).
 */
/** SearchRequest.DEFAULT_BATCHED_REDUCE_SIZE. */
const DEFAULT_BATCHED_REDUCE_SIZE = 512

export function parseSearchRequest(
  text: string | null,
  params: ReadonlyMap<string, string>,
  isCount: boolean,
  analyze: TextAnalyzer,
  now: number,
  queriesChecked = false,
  /** A wrapping request's validation after the search's (SubmitAsyncSearchRequest.validate), told if it only suggests. */
  wrapperErrors: (suggestOnly: boolean) => string[] = () => [],
): ParsedSearch {
  const source = text ?? ''
  const body: XContentObject = text ? parseRequestBody(source) : new Map<string, XContentValue>()
  const validation = {
    fields: new Map(),
    analyze,
    nowMillis: now,
    deprecations: new Set<string>(),
    termsLookups: [] as RewriteSite[],
    moreLikeThisItems: { fetched: new Map() } as MoreLikeThisItemVectors,
  }
  let aggregations: AggregationBuilder[] | null = null
  let sort: SortBuilder[] = []
  let searchAfter: SearchAfterValue[] | null = null
  let pit: PointInTimeBuilder | null = null
  let slice: SliceBuilder | null = null
  let trackScores = false
  let explain = false
  let profile = false
  let highlight: HighlightBuilder | null = null
  let minScore: number | null = null
  let terminateAfter = 0
  let runtimeMappings: XContentObject | null = null
  let trackTotalHitsUpTo: number | null = null
  let knnSection: XContentValue | undefined
  const fetch = new FetchOptionsReader()
  const features = new SearchFeaturesReader(source)
  for (const [key, value] of body) {
    if (isCount && key !== 'query') throw requestDoesNotSupport(body, key)
    if (fetch.read(key, value)) continue
    if (features.read(key, value)) continue
    if (QUERY_PHASE_KEYS.has(key) && !(value instanceof Map) && !Array.isArray(value) && value !== null) {
      // parser.floatValue() / intValue() / text() of the value token
      if (key === 'min_score') minScore = Math.fround(numberValue(value))
      else if (key === 'terminate_after') terminateAfter = Math.trunc(numberValue(value))
      else parseTimeValue(scalarText(value)!, 'timeout')
      continue
    }
    if (AGGREGATIONS_KEYS.has(key) && value instanceof Map) {
      // Both spellings are one ParseField: a later definition replaces an earlier one.
      aggregations = parseAggregations(value)
      continue
    }
    if (key === 'sort') {
      sort = parseSort(value, source, (query) => parseInnerQuery(query, validation))
      continue
    }
    if (key === 'runtime_mappings' && value instanceof Map) {
      runtimeMappings = value
      continue
    }
    if (key === 'pit' && value instanceof Map) {
      pit = parsePointInTime(value, source)
      continue
    }
    if (key === 'slice' && value instanceof Map) {
      slice = parseSlice(value, source)
      continue
    }
    if (key === 'search_after' && Array.isArray(value)) {
      searchAfter = parseSearchAfter(value, source)
      continue
    }
    if (BOOLEAN_KEYS.has(key) && !(value instanceof Map) && !Array.isArray(value)) {
      if (key === 'explain') explain = booleanValue(value)
      else if (key === 'profile') profile = booleanValue(value)
      else trackScores = booleanValue(value)
      continue
    }
    if (key === 'track_total_hits' && isValueToken(value)) {
      trackTotalHitsUpTo = bodyTrackTotalHits(value)
      continue
    }
    if (key === 'highlight') {
      highlight = parseHighlight(value, source)
      continue
    }
    if (key === 'knn') {
      knnSection = value
      continue
    }
    if (SEARCH_KEYS.has(key)) continue
    // SearchSourceBuilder.parseXContent stands on the key's value
    throw parsingException(
      ...tokenLocation(body, key, 'value'),
      `Unknown key for a ${valueToken(value)} in [${key}].`,
    )
  }
  // SearchSourceBuilder builds the knn searches once the body is read, with the body's size
  const bodySize = body.get('size')
  const knn =
    knnSection === undefined
      ? []
      : parseKnnSection(
          body,
          knnSection,
          bodySize instanceof XNumber ? Math.trunc(bodySize.value) : undefined,
        )
  // RestSearchAction reads batched_reduce_size (SearchRequest.setBatchedReduceSize's check) and search_type after the
  // body, before the URI's search source parameters; a knn search
  // always runs a DFS phase (TransportSearchAction.adjustSearchType).
  const batchedReduceSize = isCount
    ? DEFAULT_BATCHED_REDUCE_SIZE
    : paramAsInt(params, 'batched_reduce_size', DEFAULT_BATCHED_REDUCE_SIZE)
  if (batchedReduceSize <= 1) throw illegalArgumentException('batchedReduceSize must be >= 2')
  // then pre_filter_shard_size and max_concurrent_shard_requests, when given (their setters' checks)
  if (!isCount) {
    if (params.has('pre_filter_shard_size') && paramAsInt(params, 'pre_filter_shard_size', 1) < 1)
      throw illegalArgumentException('preFilterShardSize must be >= 1')
    if (
      params.has('max_concurrent_shard_requests') &&
      paramAsInt(params, 'max_concurrent_shard_requests', 1) < 1
    )
      throw illegalArgumentException('maxConcurrentShardRequests must be >= 1')
  }
  if (knn.length > 0 && params.has('search_type'))
    throw illegalArgumentException(
      'cannot set [search_type] when using [knn] search, since the search type is determined automatically',
    )
  const searchType: SearchType =
    knn.length > 0
      ? 'dfs_query_then_fetch'
      : isCount
        ? 'query_then_fetch'
        : parseSearchType(params.get('search_type'))
  const uriSort = params.get('sort')
  if (uriSort !== undefined) sort = [...sort, ...parseUriSort(uriSort)]
  trackScores = urlFlag(params, 'track_scores') ?? trackScores
  const timeout = params.get('timeout')
  if (timeout !== undefined) parseTimeValue(timeout, 'timeout')
  if (params.has('terminate_after')) {
    terminateAfter = paramAsInt(params, 'terminate_after', 0)
    // SearchSourceBuilder.terminateAfter's check
    if (terminateAfter < 0) throw illegalArgumentException('terminateAfter must be > 0')
  }
  if (isCount) {
    // RestCountAction: min_score from the URL, -1 meaning none
    const urlMinScore = paramAsFloat(params, 'min_score', -1)
    if (urlMinScore !== -1) minScore = urlMinScore
  }
  fetch.readParams(params)
  // paramAsBoolean("explain", null): a present parameter without text sets explain to null (off).
  if (params.has('explain')) explain = optionalBooleanParam(params, 'explain') ?? false
  const from = windowParam(body, params, 'from', 0)
  const size = windowParam(body, params, 'size', 10)
  const uri = uriSearchQuery(params)
  const queryBody = body.get('query')
  const postFilter = body.get('post_filter')
  if (!queriesChecked) {
    // _count reads its body with RestActions.getQueryContent, _search with SearchSourceBuilder
    if (!uri && isCount && queryBody !== undefined) parseQueryContent(queryBody, validation)
    else if (!uri) parseTopLevelQuery(queryBody, validation)
    if (postFilter !== undefined) parseInnerQuery(postFilter, validation)
    const highlightQueries = [highlight?.global, ...(highlight?.fields.map((field) => field.options) ?? [])]
    for (const options of highlightQueries)
      if (options?.highlightQuery) parseInnerQuery(options.highlightQuery, validation)
    for (const rescorer of features.rescore) parseInnerQuery(rescorer.query, validation)
    for (const search of knn) for (const filter of search.filter) parseInnerQuery(filter, validation)
    // the aggregations' queries, parsed with the request (their terms lookups recorded for the rewrite)
    if (aggregations) checkAggregationQueries(aggregations, (query) => parseInnerQuery(query, validation))
  }
  // SearchSourceBuilder.validate, then SearchRequest.validate, before the indices are resolved.
  const explicitSource = fetchSourceFromParams(params) ?? fetchSourceOption(body.get('_source'))
  // RestSearchAction reads these as it reads the request, before the request's own validation
  const track = isCount ? null : urlTrackTotalHits(params, trackTotalHitsUpTo)
  const trackTotalHitsLimited = track !== null && track !== TRACK_TOTAL_HITS_ACCURATE
  const totalHitsAsInt = !isCount && restTotalHitsAsInt(params, track)
  const scroll = !isCount && scrollKeepAlive(params) !== null
  const errors = [
    ...(scroll
      ? scrollSourceErrors({
          trackTotalHitsLimited,
          from,
          size,
          rescores: features.rescore.length,
          searchAfter: searchAfter !== null,
          collapse: features.collapse !== null,
        })
      : []),
    ...slicesWithoutContext(slice, scroll, pit !== null),
    ...(from > 0 && searchAfter !== null
      ? ['[from] parameter must be set to 0 when [search_after] is used']
      : []),
    ...fetch.validationErrors(explicitSource),
    ...features.validationErrors(),
    ...(scroll ? scrollRequestErrors(params) : []),
    ...(pit === null ? shardDocWithoutPit(sort) : []),
    // SearchSourceBuilder.isSuggestOnly
    ...wrapperErrors(
      features.suggest !== null &&
        uri === null &&
        queryBody === undefined &&
        knn.length === 0 &&
        aggregations === null,
    ),
  ]
  if (errors.length > 0) throw actionRequestValidationException(errors)
  const fetchOptions = fetch.build()
  return {
    request: {
      from,
      size,
      sort: pit === null ? sort : withPitTiebreaker(sort, searchAfter),
      searchAfter,
      trackScores,
      aggregations,
      minScore,
      terminateAfter,
      collapse: features.collapse,
      rescore: features.rescore,
    },
    searchType,
    batchedReduceSize,
    explain,
    profile,
    fetchSource: hitSource(explicitSource, fetchOptions.storedFields, fetchOptions.scriptFields.length > 0),
    fetch: fetchOptions,
    highlight,
    trackTotalHits: totalHitsLimit(track, totalHitsAsInt),
    totalHitsAsInt,
    queryFor(context) {
      return uri
        ? queryStringIndexQuery(uri.query, uri.options, context)
        : parseTopLevelQuery(queryBody, context)
    },
    postFilterFor(context) {
      return postFilter === undefined ? null : parseInnerQuery(postFilter, context)
    },
    deprecations: [...validation.deprecations],
    suggest: features.suggest,
    indicesBoost: features.indicesBoost,
    rescoreFor(context) {
      return features.rescore.map((rescorer) => ({
        ...rescorer,
        query: parseInnerQuery(rescorer.query, context),
      }))
    },
    hasQuery: uri !== null || queryBody !== undefined,
    knn,
    pit,
    slice,
    runtimeMappings,
    termsLookups: validation.termsLookups,
    moreLikeThisItems: validation.moreLikeThisItems.itemsMet === true,
  }
}

/** The query as a MUST clause and a filter as a FILTER clause: the filter restricts without scoring. */
export function withFilter(query: IndexQuery, filter: IndexQuery): IndexQuery {
  return {
    type: 'bool',
    must: [query],
    should: [],
    mustNot: [],
    filter: [filter],
    minimumShouldMatch: 0,
    boost: 1,
  }
}

/**
 * DefaultSearchContext.buildFilteredQuery: the query with the alias filter (compact JSON of a query, see
 * cluster/metadata/search-targets.ts) as its FILTER clause; without a filter, the query itself.
 */
export function filteredQuery(
  query: IndexQuery,
  aliasFilter: string | null,
  context: QueryContext,
): IndexQuery {
  return aliasFilter === null ? query : withFilter(query, buildQuery(parseJson(aliasFilter), context))
}
