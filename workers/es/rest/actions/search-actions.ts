/**
 * _search and _count over one index, a comma-separated list or wildcard patterns (or every index). The
 * request is parsed first (search-request.ts: the Query DSL body, URI search, aggregations, sort,
 * search_after, track_scores, explain), then the indices are resolved and the search runs on a copy of
 * every shard wherever it is (transport-search-action.ts). Responses have ES 8's shape: `took`,
 * `timed_out`, `_shards` (with `failures` when some shards failed), `hits.total` as {value, relation}
 * counted exactly up to track_total_hits (10,000 by default; none when it is false, track-total-hits.ts), hits with `_shard`, `_node` and
 * `_explanation` when explained, `highlight` (after `_source`, before `sort`, as SearchHit writes it), `sort` values
 * of a sorted search (`_score` null unless tracked), `matched_queries` (names, or name → score with
 * `include_named_queries_score`, fetch/matched-queries-phase.ts), a collapsed hit's `inner_hits` (one search per
 * group, collapse/expand-search-phase.ts), then `aggregations` and `suggest`; `indices_boost` is resolved here;
 * `terms` lookups are fetched first (action/terms-lookup-rewrite.ts), more_like_this items' term vectors once the
 * indices are resolved (action/more-like-this-items.ts). _count answers `count` and `_shards`. Through
 * aliases, each index is read with its alias filter and on the shards the alias's search_routing or the `routing`
 * parameter select (cluster/metadata/search-targets.ts).
 */
import { paramAsInt } from './rest-params.ts'
import type { RestResponse } from '../../../protocol/es.ts'
import { urlFlag } from '../../common/booleans.ts'
import { JavaFloat, type JsonOut } from '../../xcontent/index.ts'
import { fetchedSource } from '../../action/get-result.ts'
import { aggregationsResponse } from '../../search/aggregations/index.ts'
import { explanationJson } from '../../search/explain/index.ts'
import { matchedQueriesJson } from '../../search/fetch/matched-queries-phase.ts'
import { nestedInnerHitsJson } from '../../search/fetch/nested-inner-hits.ts'
import { fetchesMetadata } from '../../search/fetch/fetch-options.ts'
import {
  addDocumentFieldSections,
  addIdentityFields,
  addMetadataFields,
  type HitJson,
} from '../../search/fetch/hit-sections.ts'
import { parseSearchRequest, type ParsedSearch } from '../../search/search-request.ts'
import { expandHits, originalQuery, postFilterOf } from '../../search/collapse/expand-search-phase.ts'
import { suggestResponse } from '../../search/suggest/suggest-reduce.ts'
import { resolveIndexBoosts } from '../../search/indices-boost.ts'
import { groupedFailures, searchPhaseFailure } from '../../search/shard-failures.ts'
import { defaultAllowPartialSearchResults } from '../../cluster/metadata/cluster-settings.ts'
import {
  executeDistributedSearch,
  type DistributedHit,
  type DistributedSearchResult,
  type IndexSearchTarget,
  type InnerHitsSearch,
} from '../../action/transport-search-action.ts'
import type { SearchProgressListener } from '../../action/search-progress-listener.ts'
import { searchTargets } from '../../cluster/metadata/search-targets.ts'
import { resolveDateMathExpressions } from '../../cluster/metadata/date-math-index-name.ts'
import {
  eachIndexBlockedRaiseException,
  globalBlockedRaiseException,
} from '../../cluster/block/cluster-blocks.ts'
import {
  STRICT_EXPAND_OPEN_FORBID_CLOSED,
  indicesOptionsFromRequest,
  type IndicesOptions,
} from '../../cluster/metadata/indices-options.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { searchPreference, type SearchPreference } from '../../cluster/routing/preference.ts'
import { activeCopies } from '../../action/node-client.ts'
import { resolveNodes } from './resolve-nodes.ts'
import { javaHashMapKeyOrder } from '../../../net/java-hash.ts'
import { guarded, json, withWarnings } from '../responses.ts'
import { buildScrollId } from '../../search/context/scroll-id.ts'
import { exactTotal } from '../../action/search-scroll-action.ts'
import { scrollKeepAlive } from '../../search/scroll-validation.ts'
import { executePitSearch, validatePitSearch } from '../../action/point-in-time-search.ts'
import { rewriteTermsLookupsInText } from '../../action/terms-lookup-rewrite.ts'
import { fetchMoreLikeThisItems } from '../../action/more-like-this-items.ts'
import { parseForIndex } from '../../search/shard-search.ts'
import { searchProfileJson } from '../../search/profile/search-profile-results.ts'

export function registerSearchActions(controller: RestController, context: RestContext): void {
  const search = (req: RestHandlerRequest) => guarded(() => runSearch(context, req, false))
  const count = (req: RestHandlerRequest) => guarded(() => runSearch(context, req, true))
  for (const method of ['GET', 'POST'] as const) {
    controller
      .register(method, '/_search', search, 'search')
      .register(method, '/{index}/_search', search, 'search')
      .register(method, '/_count', count, 'count')
      .register(method, '/{index}/_count', count, 'count')
  }
}

/**
 * The indices a search of `expression` (names, date math names, aliases, commas, `*` wildcards, `_all`) reads, with their
 * shards and alias filters (search-targets.ts), resolved with `options` (the search's defaults without them).
 * TransportSearchAction's blocks are checked on the way: the global READ blocks before the indices are resolved,
 * then each index's in turn (the first with a READ block, `index.blocks.read`, fails the search alone).
 */
export function resolveSearchTargets(
  context: RestContext,
  expression: string | undefined,
  routing: string | null,
  options: IndicesOptions = STRICT_EXPAND_OPEN_FORBID_CLOSED,
): IndexSearchTarget[] {
  const state = context.client.cluster.state()
  globalBlockedRaiseException(state, 'READ')
  const indices = context.indices.all()
  const byName = new Map(indices.map((index) => [index.metadata.name, index]))
  // IndexNameExpressionResolver resolves each name's date math first (`<logstash-{now/d}>`), at the request's time
  const resolved =
    expression === undefined ? undefined : resolveDateMathExpressions(expression, context.clock.now())
  const targets = searchTargets(
    indices.map((index) => index.metadata),
    resolved,
    routing,
    options,
  )
  eachIndexBlockedRaiseException(
    state,
    'READ',
    targets.map(({ index }) => index),
  )
  return targets.map(({ index, shards, filter }) => ({
    index: byName.get(index)!,
    shards,
    aliasFilter: filter,
  }))
}

async function runSearch(
  context: RestContext,
  req: RestHandlerRequest,
  isCount: boolean,
): Promise<RestResponse> {
  const started = context.clock.now()
  // ES parses the whole request before it resolves the indices: a bad query fails even with no index.
  const parsed = parseSearchRequest(req.request.body, req.params, isCount, context.analyze, started)
  const { body, warnings } = await executeSearch(context, req, parsed, isCount, started)
  return withWarnings(json(200, body), warnings)
}

type SearchResponseBody = { readonly [key: string]: JsonOut }

/**
 * A search's (or count's) response body, from its parsed request; `_msearch` runs each of its searches here.
 * `render` prints it again with or without `typed_keys` (an async search's stored response is printed with the
 * parameters of the request that reads it).
 */
export async function executeSearch(
  context: RestContext,
  original: RestHandlerRequest,
  parsed: ParsedSearch,
  isCount: boolean,
  started: number,
  /** Told of the search's progress (an async search's MutableSearchResponse). */
  progress?: SearchProgressListener,
): Promise<{
  body: SearchResponseBody
  render: (typedKeys: boolean) => SearchResponseBody
  warnings: readonly string[]
}> {
  const asked = typedKeys(original.params)
  const allowPartial = allowPartialSearchResults(context, original.params)
  const req = await withTermsLookupsFetched(context, original, parsed)
  if (parsed.pit !== null) {
    validatePitSearch(req)
    const result = await executePitSearch(context, req, parsed.pit, parsed, started)
    const shards = shardsJson(result, allowPartial)
    const took = context.clock.now() - started
    const render = (typed: boolean): SearchResponseBody =>
      searchResponseBody(result, parsed, {
        scrollId: null,
        pitId: parsed.pit!.id,
        shards,
        took,
        withScores: withNamedQueryScores(req.params),
        typedKeys: typed,
        innerHits: null,
      })
    return { body: render(asked), render, warnings: parsed.deprecations }
  }
  const targets = resolveSearchTargets(
    context,
    req.path.index,
    req.params.get('routing') ?? null,
    searchIndicesOptions(req.params),
  )
  const boosts = resolveIndexBoosts(
    parsed.indicesBoost,
    context.indices.all().map((index) => index.metadata),
  )
  const preference = requestPreference(context, req.params)
  const indices = targets.map((target) => {
    const indexBoost = boosts.get(target.index.metadata.name)
    const shards = target.shards.filter((shard) => preference.readsShard(shard))
    return indexBoost === undefined ? { ...target, shards } : { ...target, shards, indexBoost }
  })
  checkShardCopies(context, indices, preference)
  const keepAlive = isCount ? null : scrollKeepAlive(req.params)
  const searched = keepAlive === null ? parsed : exactTotal(parsed)
  const request = { body: req.request.body, params: [...req.params], isCount, now: started }
  const items = parsed.moreLikeThisItems
    ? await fetchMoreLikeThisItems(context, (recording) => {
        for (const { index } of indices)
          parseForIndex(index, { ...request, shardIndex: 0 }, context.analyze, undefined, recording)
      })
    : null
  const result = await executeDistributedSearch(
    context,
    indices,
    {
      ...request,
      ...(keepAlive !== null ? { scroll: { keepAlive } } : {}),
      ...(items !== null ? { moreLikeThisItems: [...items.fetched] } : {}),
    },
    searched,
    preference,
    progress,
  )
  const shards = shardsJson(result, allowPartial)
  if (isCount) {
    // RestCountAction: terminated_early first when terminate_after is not its default 0
    const body: SearchResponseBody =
      paramAsInt(req.params, 'terminate_after', 0) === 0
        ? { count: result.count, _shards: shards }
        : { terminated_early: result.terminatedEarly, count: result.count, _shards: shards }
    return { body, render: () => body, warnings: parsed.deprecations }
  }
  const { collapse } = parsed.request
  const innerHits =
    collapse === null || collapse.innerHits.length === 0
      ? null
      : await expandHits(
          collapse,
          result.hits.map((hit) => hit.collapseValue ?? null),
          originalQuery(req.request.body, req.params),
          postFilterOf(req.request.body),
          (body) => searchGroup(context, req, body, started),
        )
  const scrollId = keepAlive === null ? null : buildScrollId(result.readers, result.shards)
  const took = context.clock.now() - started
  const render = (typed: boolean): SearchResponseBody =>
    searchResponseBody(result, searched, {
      scrollId,
      shards,
      took,
      withScores: withNamedQueryScores(req.params),
      typedKeys: typed,
      innerHits,
    })
  return { body: render(asked), render, warnings: parsed.deprecations }
}

/**
 * The request as its shards see it: its body with every `terms` lookup replaced by the values it fetches
 * (Rewriteable.rewriteAndFetch, before the indices are resolved).
 */
async function withTermsLookupsFetched(
  context: RestContext,
  req: RestHandlerRequest,
  parsed: ParsedSearch,
): Promise<RestHandlerRequest> {
  const text = req.request.body
  if (parsed.termsLookups.length === 0 || text === null) return req
  const body = await rewriteTermsLookupsInText(context, text, parsed.termsLookups)
  return { ...req, request: { ...req.request, body } }
}

/** A search's IndicesOptions: SearchRequest.DEFAULT_INDICES_OPTIONS with the request's parameters. */
export function searchIndicesOptions(params: ReadonlyMap<string, string>): IndicesOptions {
  return indicesOptionsFromRequest(params, STRICT_EXPAND_OPEN_FORBID_CLOSED)
}

/** A response parameter (SearchHit.toXContent reads it with paramAsBoolean(key, false)). */
export function withNamedQueryScores(params: ReadonlyMap<string, string>): boolean {
  return urlFlag(params, 'include_named_queries_score') ?? false
}

/** `typed_keys`, a response parameter (InternalAggregation and Suggestion read it with paramAsBoolean(key, false)). */
export function typedKeys(params: ReadonlyMap<string, string>): boolean {
  return urlFlag(params, 'typed_keys') ?? false
}

/**
 * SearchRequest.allowPartialSearchResults: the `allow_partial_search_results` parameter (an `_msearch` header's
 * key), else the cluster's search.default_allow_partial_results, as TransportSearchAction sets it (`_count` has no
 * parameter: the cluster's).
 */
function allowPartialSearchResults(context: RestContext, params: ReadonlyMap<string, string>): boolean {
  return (
    urlFlag(params, 'allow_partial_search_results') ??
    defaultAllowPartialSearchResults(context.client.cluster.state())
  )
}

/**
 * `_shards`, with the failures grouped when some shards failed; every shard failed is the search's failure, and so
 * is any failure when partial results are not allowed (shard-failures.ts).
 */
export function shardsJson(result: DistributedSearchResult, allowPartial = true): JsonOut {
  const { shards, failures } = result
  const failure = searchPhaseFailure(shards, failures, result.failurePhases, allowPartial)
  if (failure !== null) throw failure
  const failed = failures.length
  const shardsBody = { total: shards, successful: shards - failed, skipped: 0, failed }
  return failed === 0 ? shardsBody : { ...shardsBody, failures: groupedFailures(failures) }
}

/**
 * SearchResponse.toXContent: `_scroll_id` (of a scroll), `pit_id` (of a point-in-time search), took, timed_out,
 * terminated_early, num_reduce_phases (when not 1: batched reduces, batched_reduce_size), _shards, hits, aggregations,
 * suggest, profile.
 */
export function searchResponseBody(
  result: DistributedSearchResult,
  parsed: ParsedSearch,
  options: {
    scrollId: string | null
    /** A point-in-time search's `pit_id` (the id it was given). */
    pitId?: string
    /** `_shards` (shardsJson) */
    shards: JsonOut
    took: number
    withScores: boolean
    /** `typed_keys`: aggregations and suggestions under `<type>#<name>`. */
    typedKeys: boolean
    innerHits: ReadonlyArray<ReadonlyArray<[string, InnerHitsSearch]>> | null
  },
): { readonly [key: string]: JsonOut } {
  const { scrollId, pitId, shards, took, withScores, innerHits } = options
  const params = { typedKeys: options.typedKeys }
  return {
    ...(scrollId !== null ? { _scroll_id: scrollId } : {}),
    ...(pitId !== undefined ? { pit_id: pitId } : {}),
    took,
    timed_out: false,
    ...(result.terminatedEarly !== null ? { terminated_early: result.terminatedEarly } : {}),
    ...(result.numReducePhases !== 1 ? { num_reduce_phases: result.numReducePhases } : {}),
    _shards: shards,
    hits: searchHitsJson(result, parsed, withScores, innerHits),
    ...(result.aggregations !== null
      ? { aggregations: aggregationsResponse(result.aggregations, params) }
      : {}),
    ...(result.suggest !== null ? { suggest: suggestResponse(result.suggest, params) } : {}),
    ...(result.profile !== null ? { profile: searchProfileJson(result.profile) } : {}),
  }
}

/** The request's `preference` (cluster/routing/preference.ts), its `_only_nodes` specs resolved on this node. */
function requestPreference(context: RestContext, params: ReadonlyMap<string, string>): SearchPreference {
  return searchPreference(params.get('preference'), {
    localNodeId: context.identity.nodeId,
    resolveNodeIds: (specs) =>
      new Set(
        resolveNodes(context.client.cluster.state(), specs, context.identity.nodeId).map((node) => node.id),
      ),
  })
}

/**
 * OperationRouting.searchShards orders every target shard's copies before any is asked, so a preference that leaves
 * a shard no node to go to (`_only_nodes`) fails the request before it starts.
 */
function checkShardCopies(
  context: RestContext,
  indices: readonly IndexSearchTarget[],
  preference: SearchPreference,
): void {
  const state = context.client.cluster.state()
  for (const { index, shards } of indices) {
    const name = index.metadata.name
    for (const shard of shards) preference.copies(name, shard, activeCopies(state, name, shard))
  }
}

/** A collapsed hit's group search (expand-search-phase.ts): the same indices and routing, this body. */
async function searchGroup(
  context: RestContext,
  req: RestHandlerRequest,
  body: string,
  now: number,
): Promise<InnerHitsSearch> {
  const parsed = parseSearchRequest(body, new Map(), false, context.analyze, now)
  const indices = resolveSearchTargets(
    context,
    req.path.index,
    req.params.get('routing') ?? null,
    searchIndicesOptions(req.params),
  )
  const result = await executeDistributedSearch(
    context,
    indices,
    { body, params: [], isCount: false, now },
    parsed,
  )
  const failure = searchPhaseFailure(result.shards, result.failures, result.failurePhases, true)
  if (failure !== null) throw failure
  return { result, parsed }
}

/** Inner hits sections found by searches of their own (a collapsed group's, a join's), by name. */
function innerHitsSections(
  searches: ReadonlyArray<[string, InnerHitsSearch]>,
  withScores: boolean,
  totalHitsAsInt: boolean,
): Array<[string, JsonOut]> {
  return searches.map(([name, inner]) => [
    name,
    { hits: searchHitsJson(inner.result, inner.parsed, withScores, null, totalHitsAsInt) },
  ])
}

/**
 * A hit's `inner_hits`, or undefined for a hit without any: the sections of its query's nested queries, or a
 * collapsed hit's group searches; with join queries' sections, those and the nested ones in the order of
 * InnerHitsPhase's HashMap.
 */
function innerHitsJson(
  hit: DistributedHit,
  groups: ReadonlyArray<[string, InnerHitsSearch]> | undefined,
  withScores: boolean,
  totalHitsAsInt: boolean,
): JsonOut | undefined {
  const nested = hit.nestedInnerHits && nestedInnerHitsJson(hit.nestedInnerHits, hit.index, hit.doc.id)
  if (hit.joinInnerHits === undefined)
    return nested ?? (groups && new Map(innerHitsSections(groups, withScores, totalHitsAsInt)))
  const sections = new Map([
    ...(nested ?? []),
    ...innerHitsSections(hit.joinInnerHits, withScores, totalHitsAsInt),
  ])
  return new Map(javaHashMapKeyOrder([...sections.keys()]).map((name) => [name, sections.get(name)!]))
}

/**
 * SearchHits.toXContent's `total`: with rest_total_hits_as_int the count alone, -1 when it was not tracked;
 * else `{value, relation}` counted up to `limit`, and no `total` at all when it was not tracked.
 */
export function totalHitsJson(
  totalHits: number,
  limit: number | null,
  totalHitsAsInt: ParsedSearch['totalHitsAsInt'],
): { total?: JsonOut } {
  if (totalHitsAsInt) return { total: limit === null ? -1 : Math.min(totalHits, limit) }
  if (limit === null) return {}
  return { total: { value: Math.min(totalHits, limit), relation: totalHits > limit ? 'gte' : 'eq' } }
}

/** The response's `hits` (and an inner hits section's): total, max_score and each hit as SearchHit writes it. */
function searchHitsJson(
  result: DistributedSearchResult,
  parsed: ParsedSearch,
  withScores: boolean,
  innerHits: ReadonlyArray<ReadonlyArray<[string, InnerHitsSearch]>> | null,
  totalHitsAsInt: ParsedSearch['totalHitsAsInt'] = parsed.totalHitsAsInt,
): JsonOut {
  const limit = parsed.trackTotalHits
  const { fetch } = parsed
  const metadata = fetchesMetadata(fetch)
  return {
    ...totalHitsJson(result.totalHits, limit, totalHitsAsInt),
    max_score: result.maxScore === null ? null : new JavaFloat(result.maxScore),
    // Each hit is built key by key in SearchHit.toXContent's order, adding only the sections it has (hit-sections.ts).
    hits: result.hits.map((hit, i) => {
      const { doc, explained, documentFields } = hit
      const out: HitJson = {}
      if (explained) {
        out._shard = explained.shard
        out._node = explained.node
      }
      out._index = hit.index
      addIdentityFields(out, doc, fetch)
      out._score = hit.score === null ? null : new JavaFloat(hit.score)
      if (metadata) addMetadataFields(out, doc.routing, hit.ignored)
      const source = fetchedSource(hit.source, null, parsed.fetchSource)
      if (source !== undefined) out._source = source
      addDocumentFieldSections(out, documentFields)
      if (hit.highlight !== null) out.highlight = new Map(hit.highlight)
      if (hit.sort !== null) out.sort = hit.sort
      if (hit.matchedQueries.length > 0)
        out.matched_queries = matchedQueriesJson(hit.matchedQueries, withScores, (s) => new JavaFloat(s))
      if (explained) out._explanation = explanationJson(explained.explanation)
      const sections = innerHitsJson(hit, innerHits?.[i], withScores, totalHitsAsInt)
      if (sections !== undefined) out.inner_hits = sections
      return out
    }),
  }
}
