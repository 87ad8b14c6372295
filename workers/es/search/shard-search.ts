/**
 * One shard's part of a search on the node that holds the copy (SearchService.executeQueryPhase with the
 * fetch folded in, as ES's query_and_fetch does): the request text is parsed again here (its queries, which the
 * coordinating node built once to check them, are built for the index only), the query built
 * against this index's mapping and analyzers at the coordinating node's request time, the query phase run
 * (with the search's global statistics after a DFS phase, see dfs-phase.ts),
 * and the shard's best from+size documents answered with their stored source (and their explanations,
 * highlights and matched named queries when asked, a collapsed hit's group in its `fields`, and the shard's
 * suggestions), so the coordinating node needs no second round. The query of an index in `indices_boost` is
 * boosted. With `profile`, the phases are timed and the shard's profile (profile/shard-profile.ts) answered too.
 * Everything answered is plain data.
 */
import { mapperSettings } from '../index/index-metadata.ts'
import type { DfsStatistics, IndexQuery, ScoreDoc } from '../../../engine-wasm/src/index/index.ts'
import type { XContentValue } from '../xcontent/index.ts'
import type { IndexService } from '../index/index-service.ts'
import type { Mapping } from '../index/mapper/mapping.ts'
import type { StoredDocument } from '../index/shard/index-shard.ts'
import type { ShardSearcher } from '../index/shard/shard-searcher.ts'
import type { TextAnalyzer } from '../index/mapper/field-indexer.ts'
import {
  checkAggregationLimits,
  writeAggregations,
  type AggregationsWire,
  type DocValuesSource,
} from './aggregations/index.ts'
import { explainDocument, type Explanation } from './explain/index.ts'
import { highlightHit, type HitHighlight } from './fetch/highlight/index.ts'
import { matchedQueries, type MatchedQueries } from './fetch/matched-queries-phase.ts'
import { fetchDocumentFields } from './fetch/fetch-fields-phase.ts'
import { documentFailures, fetchFailure, runFetchSubPhase } from './fetch/fetch-phase-failure.ts'
import { fromWireException, type WireException } from '../errors/wire-exception.ts'
import { withPercolatorSlots } from './fetch/percolator-matched-slots.ts'
import { withPercolatorHighlights } from './fetch/percolator-highlight.ts'
import type { PercolatedQuery } from './queries/percolate-query.ts'
import { resolveDocValueFields } from './fetch/fetch-doc-values-phase.ts'
import type { DocumentFieldsJson } from './fetch/document-fields.ts'
import { fetchIgnored } from './fetch/ignored-fields.ts'
import { docValuesIndex, shardDocValues } from './doc-values-source.ts'
import { searchFields } from './search-fields.ts'
import { indexQueryContext } from './index-query-context.ts'
import { parseInnerQuery } from './query-builder.ts'
import type { QueryContext } from './queries/query-parsing.ts'
import type { ItemTermVectors, MoreLikeThisItemVectors } from './queries/more-like-this.ts'
import { raisingScoreErrors } from './function-score-failures.ts'
import { filteredQuery, parseSearchRequest, withFilter, type ParsedSearch } from './search-request.ts'
import { countMatches, executeQueryPhase, type QuerySearchResult, type ShardDoc } from './search-service.ts'
import { withCollapseFields } from './collapse/collapse-fields.ts'
import type { QueryRescorer } from './rescore/query-rescorer.ts'
import { boostedQuery } from './indices-boost.ts'
import { checkResultWindow, checkScriptFields } from './result-window.ts'
import { checkInnerHitsWindow } from './inner-result-window.ts'
import { checkSlicesPerScroll } from './slice/slice-parser.ts'
import { sliceQuery, type SliceShard } from './slice/slice-query.ts'
import { executeSuggestions, type Suggestion } from './suggest/suggest-phase.ts'
import {
  executeNestedInnerHits,
  type NestedInnerHitsRequest,
  type NestedInnerHitsWire,
} from './fetch/nested-inner-hits.ts'
import { nonNestedFiltered } from './queries/nested-scope.ts'
import {
  executeJoinInnerHits,
  type JoinInnerHitsRequest,
  type JoinInnerHitsWire,
} from './fetch/join-inner-hits.ts'
import { joinerOfFields } from '../index/mapper/joiner.ts'
import { indexLimits } from '../index/index-limit-settings.ts'
import { searchMapping } from './runtime-mappings.ts'
import { sortsByScore } from './sort/index.ts'
import { withKnnQueries } from './vectors/knn-search-phase.ts'
import type { ProfileResult } from './profile/profile-result.ts'
import { queryProfileTree } from './profile/query-profile-tree.ts'
import {
  aggregationProfiles,
  collectorTree,
  fetchProfile,
  timed,
  untimed,
  type AggregationTiming,
  type ShardProfile,
} from './profile/shard-profile.ts'

export interface ShardSearchRequest {
  body: string | null
  params: Array<[string, string]>
  isCount: boolean
  /** The shard's position among the search's shards (the merge's tie-breaker). */
  shardIndex: number
  /** With a `slice`: the shard's place in ShardId order among the search's shards (slice/slice-query.ts). */
  sliceShard?: SliceShard
  /** The coordinating node's request time: date math and `now` resolve to it on every shard. */
  now: number
  /**
   * dfs_query_then_fetch: the statistics summed over the shards (AggregatedDfs) to score with; absent or null,
   * the shard scores with its own.
   */
  dfs?: DfsStatistics | null
  /** The alias filter of this shard's index (search-targets.ts), or absent/null when read unfiltered. */
  aliasFilter?: string | null
  /** The index's `indices_boost` (indices-boost.ts), or absent for 1. */
  indexBoost?: number
  /**
   * `?scroll`: open a scroll's reader context on this copy with this keep alive (ms); `selfAdvance` when the scroll
   * has this one shard (queryAndFetch: its pages advance it, no fetch phase tells it what was used).
   */
  scroll?: { keepAlive: number; selfAdvance: boolean }
  /**
   * A scroll page: the shard's documents after the first `skip` in the search's order (those earlier pages took),
   * `size` of them; only the first page (skip 0) collects aggregations and suggestions.
   */
  window?: { skip: number }
  /**
   * A point-in-time search: run on the reader context `id` of the target node's session `sessionId` (its frozen
   * view) instead of the copy's current one; the context's keep alive renewed when `keepAlive` (ms) is given.
   */
  reader?: { sessionId: string; id: number; keepAlive: number | null }
  /** The more_like_this items' term vectors the coordinator fetched, by request key (action/more-like-this-items.ts). */
  moreLikeThisItems?: Array<[string, ItemTermVectors | null]>
  /**
   * With a `knn` section, after its DFS phase: for each of its searches, this shard's documents among the search's
   * global top k, with their scores (vectors/knn-search-phase.ts).
   */
  knnHits?: ScoreDoc[][]
}

/** QuerySearchResult as it crosses nodes: sort fields are rebuilt by the coordinating node. */
export interface WireQuerySearchResult extends Omit<QuerySearchResult, 'sortFields' | 'aggregations'> {
  aggregations: AggregationsWire | null
  /** The stored document of each of `docs`, in the same order. */
  hits: StoredDocument[]
  /** With `explain`: each document's explanation (null where it failed), in the same order. */
  explanations: Array<Explanation | null> | null
  /** With `highlight`: each document's highlighted fields (null for none), in the same order. */
  highlights: Array<HitHighlight | null> | null
  /** With named queries: each document's matched ones (fetch/matched-queries-phase.ts), in the same order. */
  matchedQueries: MatchedQueries[] | null
  /**
   * With `fields` or `docvalue_fields`: each document's `fields` and `ignored_field_values` sections as JSON text,
   * in the same order (fetch/document-fields.ts).
   */
  documentFields: DocumentFieldsJson[] | null
  /**
   * When a fetch sub-phase failed: each document's first failure (null for none), in the same order, which fails the
   * shard in the fetch phase if the page takes that document (fetch/fetch-phase-failure.ts). The sections of the
   * sub-phase that failed are null.
   */
  fetchFailures?: Array<WireException | null>
  /** Each document's `_ignored` fields (fetch/ignored-fields.ts), in the same order; null when none has any. */
  ignored: string[][] | null
  /** With `suggest`: this shard's suggestions (suggest/term-suggester.ts). */
  suggest: Suggestion[] | null
  /** With nested queries' `inner_hits`: each document's sections (fetch/nested-inner-hits.ts), in the same order. */
  nestedInnerHits?: NestedInnerHitsWire[][] | null
  /** With join queries' `inner_hits`: each document's sections (fetch/join-inner-hits.ts), in the same order. */
  joinInnerHits?: Array<Array<JoinInnerHitsWire<WireQuerySearchResult>>> | null
  /** With `profile`: the shard's profile (profile/shard-profile.ts); absent otherwise. */
  profile?: ShardProfile
}

export type ShardSearchResult =
  | { type: 'count'; count: number; terminatedEarly: boolean | null }
  | { type: 'query'; result: WireQuerySearchResult }

export function parseForIndex(
  index: IndexService,
  request: ShardSearchRequest,
  analyze: TextAnalyzer,
  shard?: ShardSearcher,
  moreLikeThisItems: MoreLikeThisItemVectors = { fetched: new Map(request.moreLikeThisItems ?? []) },
): {
  parsed: ParsedSearch
  /** The mapping this search reads: the index's with the request's runtime_mappings (runtime-mappings.ts). */
  mapping: Mapping
  query: IndexQuery
  /** The `post_filter` (its named clauses listed with the query's), or null. */
  postFilter: IndexQuery | null
  namedQueries: ReadonlyMap<string, IndexQuery>
  /** What each percolate query of the search's query matched on the shard (fetch/percolator-matched-slots.ts). */
  percolated: readonly PercolatedQuery[]
  buildQuery: (body: XContentValue, nestedScope?: string) => IndexQuery
  /** The `rescore` section's rescorers, their queries built for this index. */
  rescorers: QueryRescorer[]
  /** The `inner_hits` of the query's nested queries. */
  innerHits: NestedInnerHitsRequest[]
  /** The `inner_hits` of the query's has_child and has_parent queries (built on a shard only). */
  joinInnerHits: JoinInnerHitsRequest[]
  /** What the request's queries are built with on this index (and shard, when given), its named queries aside. */
  context: QueryContext
} {
  const parsed = parseSearchRequest(
    request.body,
    new Map(request.params),
    request.isCount,
    analyze,
    request.now,
    true,
  )
  const mapping = searchMapping(index.metadata.mapping, parsed.runtimeMappings)
  const namedQueries = new Map<string, IndexQuery>()
  const percolated: PercolatedQuery[] = []
  // The search's own named clauses only: the alias filter's and highlight queries' are not matched_queries.
  const userContext = indexQueryContext(index, request.now, {
    mapping,
    shard,
    namedQueries,
    collectInnerHits: true,
    moreLikeThisItems,
    requestSize: request.isCount ? undefined : parsed.request.size,
    percolated,
  })
  const nested = userContext.nested ?? null
  const userQuery = withKnnQueries(parsed, userContext, request.knnHits)
  const postFilter = parsed.postFilterFor(userContext)
  // Only keys the context has are replaced (see indexQueryContext).
  const context: QueryContext = {
    ...userContext,
    namedQueries: undefined,
    percolated: undefined,
    nested: nested === null ? undefined : { ...nested, innerHits: undefined },
    joinInnerHits: undefined,
  }
  const query = boostedQuery(
    nonNestedFiltered(filteredQuery(userQuery, request.aliasFilter ?? null, context), nested),
    request.indexBoost ?? 1,
  )
  return {
    parsed,
    mapping,
    query,
    postFilter,
    namedQueries,
    percolated,
    buildQuery(body, nestedScope) {
      if (nestedScope === undefined || context.nested === undefined) return parseInnerQuery(body, context)
      return parseInnerQuery(body, { ...context, nested: { ...context.nested, scope: nestedScope } })
    },
    rescorers: parsed.rescoreFor(context),
    innerHits: nested?.innerHits ?? [],
    joinInnerHits: userContext.joinInnerHits ?? [],
    context,
  }
}

/**
 * Runs the shard's part; an EsException it throws is this shard's failure (a function_score's scoring error
 * included, see function-score-failures.ts).
 */
export function executeShardSearch(
  index: IndexService,
  shard: ShardSearcher,
  request: ShardSearchRequest,
  analyze: TextAnalyzer,
  now: number,
): ShardSearchResult {
  return raisingScoreErrors(() => shardSearch(index, shard, request, analyze, now))
}

function shardSearch(
  index: IndexService,
  shard: ShardSearcher,
  request: ShardSearchRequest,
  analyze: TextAnalyzer,
  now: number,
): ShardSearchResult {
  // After a DFS phase the shard searches the view its statistics came from (ES keeps that reader context).
  if ((request.dfs ?? null) === null) index.scheduledRefresh(now)
  return searchShard(index, shard, request, analyze)
}

/** The shard's query and fetch phases over its current view (an inner hit's search runs here too). */
function searchShard(
  index: IndexService,
  shard: ShardSearcher,
  request: ShardSearchRequest,
  analyze: TextAnalyzer,
): ShardSearchResult {
  const dfs = request.dfs ?? null
  const [prepared, rewriteNanos] = timed(() => parseForIndex(index, request, analyze, shard))
  const {
    parsed,
    mapping,
    postFilter,
    namedQueries,
    percolated,
    buildQuery: buildFor,
    rescorers,
    innerHits,
    joinInnerHits,
  } = prepared
  if (request.isCount) return { type: 'count', ...countMatches(shard, prepared.query, parsed.request) }
  const limits = indexLimits(index.metadata)
  checkInnerHitsWindow([...innerHits, ...joinInnerHits], limits.maxInnerResultWindow)
  if (parsed.request.aggregations !== null) checkAggregationLimits(parsed.request.aggregations, limits)
  if (parsed.fetch.docValueFields.length > 0) {
    resolveDocValueFields(searchFields(mapping), parsed.fetch.docValueFields, limits.maxDocvalueFieldsSearch)
  }
  checkScriptFields(parsed.fetch.scriptFields.length, parsed.request.size, limits.maxScriptFields)
  checkResultWindow(
    parsed.request.from,
    parsed.request.size,
    request.window !== undefined,
    limits.maxResultWindow,
  )
  const query = slicedQuery(prepared, request, limits.maxSlicesPerScroll, shard)
  const skip = request.window?.skip ?? 0
  const searchRequest =
    request.window === undefined
      ? parsed.request
      : {
          ...parsed.request,
          from: 0,
          size: skip + parsed.request.size,
          aggregations: skip > 0 ? null : parsed.request.aggregations,
        }
  const aggregationTimings: AggregationTiming[] | null = parsed.profile ? [] : null
  // The phases are timed for a profile only (the parse is timed before the request says whether it profiles).
  const phaseTimed = parsed.profile ? timed : untimed
  const [phase, queryNanos] = phaseTimed(() =>
    executeQueryPhase(
      index,
      mapping,
      shard,
      request.shardIndex,
      query,
      postFilter,
      searchRequest,
      request.now,
      buildFor,
      dfs,
      request.window === undefined ? (parsed.trackTotalHits ?? 0) : Infinity,
      rescorers,
      aggregationTimings,
    ),
  )
  const { aggregations } = phase
  const docs = skip > 0 ? phase.docs.slice(skip) : phase.docs
  const [hits, loadNanos] = phaseTimed(() => docs.map((doc: ShardDoc) => shard.searchedDocument(doc.docId)!))
  // what the fetch phases read of each hit, made once for all of them
  const fetched = docs.map((doc, i) => ({
    docId: doc.docId,
    id: hits[i]!.id,
    source: hits[i]!.source,
    storedFields: hits[i]!.storedFields,
  }))
  const builder = parsed.highlight
  let docValues: DocValuesSource | undefined
  const highlight = builder && {
    index,
    mapping,
    docValues: () => (docValues ??= shardDocValues(shard, mapping, docValuesIndex(index))),
    builder,
    query,
    buildQuery: buildFor,
    matchesElsewhere: (clause: IndexQuery, docId: number) =>
      shard.searcherIndex.explain(clause, docId).matched,
  }
  const docIds = docs.map((doc) => doc.docId)
  // ExplainPhase and HighlightPhase fail on one hit: each document's outcome apart (fetch/fetch-phase-failure.ts)
  const [explanations, explainNanos] = phaseTimed(() =>
    parsed.explain
      ? docIds.map((docId) => runFetchSubPhase(() => explainDocument(shard.searcherIndex, query, docId, dfs)))
      : null,
  )
  const [highlights, highlightNanos] = phaseTimed(() => {
    if (!highlight) return null
    const perDocument = docs.map((doc, i) =>
      runFetchSubPhase(() => highlightHit(highlight, hits[i]!.source, doc.docId)),
    )
    const values = perDocument.map((outcome) => outcome.value)
    const percolator = runFetchSubPhase(() =>
      withPercolatorHighlights(values, highlight, percolated, shard, docIds),
    )
    return { perDocument, percolator }
  })
  const [matched, matchedNanos] = phaseTimed(() =>
    matchedQueries(shard.searcherIndex, namedQueries, fetched, dfs),
  )
  const ignored = fetchIgnored(mapping, parsed.fetch, hits, mapperSettings(index.metadata))
  const suggest =
    parsed.suggest && skip === 0
      ? executeSuggestions(parsed.suggest, index, shard, phase.shardIndex, request.now)
      : null
  const [nestedInnerHits, innerHitsNanos] = phaseTimed(() =>
    runFetchSubPhase(() => executeNestedInnerHits(shard, mapping, innerHits, docIds)),
  )
  const [joinSections, joinInnerHitsNanos] = phaseTimed(() =>
    runFetchSubPhase(() =>
      executeJoinInnerHits(
        joinInnerHits,
        joinerOfFields(prepared.context.fields),
        fetched,
        (field) => prepared.context.shard?.bytesValues(field) ?? null,
        (body) => innerHitsSearch(index, shard, request, analyze, body),
      ),
    ),
  )
  const [documentFields, fieldsNanos] = phaseTimed(() =>
    runFetchSubPhase(() =>
      collapsedFields(
        parsed.request.collapse?.field,
        docs,
        withPercolatorSlots(
          fetchDocumentFields(index, mapping, shard, parsed.fetch, fetched),
          percolated,
          docIds,
        ),
      ),
    ),
  )
  // FetchPhase's sub-phase order: explain, docvalue_fields, script_fields, fields, highlight, inner hits
  const fetchFailures = documentFailures(docs.length, [
    ...(explanations ? [{ perDocument: explanations }] : []),
    { allDocuments: documentFields },
    ...(highlights ? [{ perDocument: highlights.perDocument }, { allDocuments: highlights.percolator }] : []),
    { allDocuments: nestedInnerHits },
    { allDocuments: joinSections },
  ])
  const profile = aggregationTimings && {
    query: profiledQueries(shard, query, postFilter, queryNanos, aggregationTimings, parsed),
    rewriteTime: rewriteNanos,
    collector: collectorTree(
      searchRequest,
      queryNanos,
      searchRequest.aggregations === null ? null : aggregationTimings.reduce((sum, t) => sum + t.nanos, 0),
    ),
    aggregations: aggregationProfiles(aggregationTimings),
    fetch: fetchProfile({
      docs: docs.length,
      loadNanos,
      fetchSource: parsed.fetchSource,
      fetch: parsed.fetch,
      explainNanos: parsed.explain ? explainNanos : null,
      highlightNanos: highlight ? highlightNanos : null,
      matchedQueriesNanos: namedQueries.size > 0 ? matchedNanos : null,
      fieldsNanos: parsed.fetch.fields !== null ? fieldsNanos : null,
      innerHitsNanos:
        innerHits.length + joinInnerHits.length > 0 ? innerHitsNanos + joinInnerHitsNanos : null,
    }),
  }
  return {
    type: 'query',
    result: {
      index: phase.index,
      shard: phase.shard,
      shardIndex: phase.shardIndex,
      totalHits: phase.totalHits,
      maxScore: phase.maxScore,
      terminatedEarly: phase.terminatedEarly,
      docs,
      aggregations: aggregations === null ? null : writeAggregations(aggregations),
      hits,
      explanations: explanations && explanations.map((outcome) => outcome.value),
      highlights: highlights && highlights.percolator.value,
      matchedQueries: matched,
      ignored,
      suggest,
      nestedInnerHits: nestedInnerHits.value,
      ...(joinSections.value !== null ? { joinInnerHits: joinSections.value } : {}),
      documentFields: documentFields.value,
      ...(fetchFailures === null ? {} : { fetchFailures }),
      ...(profile ? { profile } : {}),
    },
  }
}

/**
 * The query with the request's `slice` as a FILTER clause (DefaultSearchContext.preProcess: a scroll's slice count
 * checked against index.max_slices_per_scroll first, then buildFilteredQuery's SliceBuilder.toFilter).
 */
function slicedQuery(
  prepared: ReturnType<typeof parseForIndex>,
  request: ShardSearchRequest,
  maxSlicesPerScroll: number,
  shard: ShardSearcher,
): IndexQuery {
  const { parsed, query, context, mapping } = prepared
  const { slice } = parsed
  if (slice === null || request.sliceShard === undefined) return query
  const isScroll = request.window !== undefined
  if (isScroll) checkSlicesPerScroll(slice, maxSlicesPerScroll)
  const filter = sliceQuery(slice, request.sliceShard, isScroll, () => ({
    shard,
    scripting: context.shard!.scripting(),
    fields: searchFields(mapping),
  }))
  return withFilter(query, filter)
}

/**
 * An inner hit's search of the shard (fetch/join-inner-hits.ts): `body` over the same view, scored alike. InnerHitsPhase
 * fetches all its hits, so any of them failing fails it.
 */
function innerHitsSearch(
  index: IndexService,
  shard: ShardSearcher,
  request: ShardSearchRequest,
  analyze: TextAnalyzer,
  body: string,
): WireQuerySearchResult {
  const { shardIndex, now, dfs } = request
  const inner = searchShard(index, shard, { body, params: [], isCount: false, shardIndex, now, dfs }, analyze)
  if (inner.type !== 'query') throw new Error('an inner hits search counts nothing')
  const { docs, fetchFailures } = inner.result
  if (fetchFailures === undefined) return inner.result
  const docIds = docs.map((doc) => doc.docId)
  throw fromWireException(
    fetchFailure(
      docIds,
      fetchFailures,
      docIds.map((_, i) => i),
    )!,
  )
}

/**
 * The profile's `query` section: the post_filter's tree (when there is one) then the query's, the query's root timed
 * by the query phase's own pass (less its aggregations' collection), every other node by counting its matches.
 */
function profiledQueries(
  shard: ShardSearcher,
  query: IndexQuery,
  postFilter: IndexQuery | null,
  queryNanos: number,
  aggregationTimings: readonly AggregationTiming[],
  parsed: ParsedSearch,
): ProfileResult[] {
  // a clause counted on its own meets documents its parent never asks it about: the errors it raises there are not ES's
  const measure = (node: IndexQuery) => {
    const [matches, nanos] = timed(() => shard.searcherIndex.count(node, false))
    return { matches, nanos }
  }
  const aggregationNanos = aggregationTimings.reduce((sum, t) => sum + t.nanos, 0)
  const scored = sortsByScore(parsed.request.sort) || parsed.request.trackScores
  const root = {
    nanos: Math.max(0, queryNanos - aggregationNanos),
    matches: shard.searcherIndex.count(query),
    scored,
  }
  const tree = queryProfileTree(query, root, measure)
  if (postFilter === null) return [tree]
  return [queryProfileTree(postFilter, { ...measure(postFilter), scored: false }, measure), tree]
}

/** The hits' `fields` sections, with `collapse`: each with its collapse value (collapse/collapse-fields.ts). */
function collapsedFields(
  collapseField: string | undefined,
  docs: readonly ShardDoc[],
  sections: DocumentFieldsJson[] | null,
): DocumentFieldsJson[] | null {
  if (collapseField === undefined) return sections
  return withCollapseFields(
    sections,
    collapseField,
    docs.map((doc) => doc.collapseValue),
  )
}
