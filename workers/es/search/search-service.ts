/**
 * SearchService: the parts of one search request's query-then-fetch (the coordinating node's fan-out is
 * action/transport-search-action.ts).
 * - Query phase (`executeQueryPhase`, a function of index, shard and request returning plain data): each
 *   shard scores with its own statistics (BM25 per shard, ES's default query_then_fetch), or with the global
 *   ones a DFS phase gathered (dfs_query_then_fetch, see dfs-phase.ts), and returns its
 *   top from+size: by score, or by the request's `sort` (see sort/), after `search_after`; with
 *   aggregations it also collects them over every match. A `post_filter` restricts the hits (top docs,
 *   hits.total, max_score) but not the aggregations, as QueryPhaseCollectorManager filters only the top docs
 *   collector; it never scores. With `collapse` the shard keeps the best document of each of its first
 *   from+size groups (collapse/); with `rescore` its top window is scored again (rescore/). An EsException it
 *   throws is a shard failure
 *   (see shard-failures.ts); the other shards still answer.
 * - Reduce (`mergeQueryResults`, pure): the shard results merged by score or sort values, then shard
 *   index, then doc id, as SearchPhaseController.sortDocs (Lucene's TopDocs.merge) does (collapsed: the first
 *   of each group); hits.total summed;
 *   max_score the best score, or null when a field sort does not track scores (track_scores: false);
 *   aggregations reduced across shards and indices.
 * - Fetch: `_source` and routing of the page's documents; a hit's `_score` is its score when the search
 *   is by score, the `_score` sort value when `_score` is a sort key, the score with track_scores, else null.
 */
import type { DfsStatistics, IndexQuery, ScoreDoc, TopDocs } from '../../../engine-wasm/src/index/index.ts'
import type { IndexService } from '../index/index-service.ts'
import type { Mapping } from '../index/mapper/mapping.ts'
import type { StoredDocument } from '../index/shard/index-shard.ts'
import type { ShardSearcher } from '../index/shard/shard-searcher.ts'
import type { JsonOut } from '../xcontent/index.ts'
import {
  collectAggregations,
  reduceShardAggregations,
  type AggregationBuilder,
  type DocValuesSource,
  type InternalAggregations,
} from './aggregations/index.ts'
import { docValuesIndex, shardDocValues } from './doc-values-source.ts'
import type { CollapseBuilder } from './collapse/collapse-builder.ts'
import type { QueryRescorerBuilder } from './rescore/rescorer-builder.ts'
import { checkRescorers, rescore, rescoreDepth, type QueryRescorer } from './rescore/query-rescorer.ts'
import {
  collapseContext,
  collapseDocs,
  firstOfEachGroup,
  type CollapseContext,
  type CollapseValue,
} from './collapse/collapse-context.ts'
import { searchFields } from './search-fields.ts'
import { NestedSortDocs, searchSortIndex, type NestedFilterBuilder } from './sort/nested-sort.ts'
import { withFilter } from './search-request.ts'
import { allMatches, docScores, shardAggregationContext } from './shard-aggregation-context.ts'
import {
  buildSortField,
  compareFieldDocs,
  formatSortValues,
  searchAfterValues,
  sortsByScore,
  topFieldDocs,
  type SearchAfterValue,
  type SortBuilder,
  type SortField,
  type SortValue,
} from './sort/index.ts'
import { indexLimits } from '../index/index-limit-settings.ts'
import { nanosOfSortableDouble } from '../index/mapper/date-nanos-field.ts'
import { timedAggregations, type AggregationTiming } from './profile/shard-profile.ts'
import type { StoredScriptLookup } from '../cluster/metadata/script-metadata.ts'

export interface SearchRequest {
  from: number
  size: number
  /** The request's sort keys in order; empty to sort by score. */
  sort: readonly SortBuilder[]
  searchAfter: readonly SearchAfterValue[] | null
  trackScores: boolean
  aggregations: readonly AggregationBuilder[] | null
  /** `min_score`: only matches scoring at least this (a Java float) are collected, for hits and aggregations. */
  minScore: number | null
  /** `terminate_after`: each shard collects at most this many matches, in doc id order (0: no limit). */
  terminateAfter: number
  /** `collapse`: one hit per value of a field (collapse/), or null. */
  collapse: CollapseBuilder | null
  /** `rescore`: the rescorers, in order (rescore/); empty without any. */
  rescore: readonly QueryRescorerBuilder[]
}

export interface ShardDoc {
  docId: number
  score: number
  /** The sort values when the search is sorted by fields, else null. */
  sortValues: SortValue[] | null
  /** With `collapse`: the document's collapse value (its group). */
  collapseValue?: CollapseValue
}

/** One shard's query phase result (QuerySearchResult): plain data, ready to cross a node boundary. */
export interface QuerySearchResult {
  index: string
  shard: number
  /** The shard's position among the search's shards: the merge's tie-breaker after the sort keys. */
  shardIndex: number
  totalHits: number
  /** The best score of the shard's matches; null when scores are not tracked. */
  maxScore: number | null
  /** The shard's best from+size documents, best first. */
  docs: ShardDoc[]
  /** The SortFields the shard sorted by, or null for a search by score. */
  sortFields: SortField[] | null
  aggregations: InternalAggregations | null
  /** With `terminate_after`: whether the shard stopped collecting at the limit; else null. */
  terminatedEarly: boolean | null
}

export interface SearchHit {
  index: string
  doc: StoredDocument
  /** The hit's `_score`, or null when not computed. */
  score: number | null
  /** The hit's `sort` values, or null when the search is by score. */
  sort: JsonOut[] | null
}

export function executeQueryPhase(
  index: IndexService,
  /** The mapping the search reads (runtime-mappings.ts). */
  mapping: Mapping,
  shard: ShardSearcher,
  shardIndex: number,
  query: IndexQuery,
  postFilter: IndexQuery | null,
  request: SearchRequest,
  now: number,
  buildNestedFilter: NestedFilterBuilder,
  dfs: DfsStatistics | null = null,
  totalHitsThreshold = Infinity,
  rescorers: readonly QueryRescorer[] = [],
  /** With `profile`: each top-level aggregation's collection is timed into this (profile/shard-profile.ts). */
  aggregationTimings: AggregationTiming[] | null = null,
): QuerySearchResult {
  const { name } = index.metadata
  const hitsQuery = postFilter === null ? query : withFilter(query, postFilter)
  const restricted = request.minScore !== null || request.terminateAfter > 0
  const collapse =
    request.collapse &&
    collapseContext(
      request.collapse,
      searchFields(mapping),
      shardDocValues(shard, mapping, docValuesIndex(index)),
      request.sort,
      request.searchAfter !== null,
    )
  checkRescorers(request.rescore, sortsByScore(request.sort), indexLimits(index.metadata).maxRescoreWindow)
  if (
    !restricted &&
    collapse === null &&
    rescorers.length === 0 &&
    request.aggregations === null &&
    request.searchAfter === null &&
    sortsByScore(request.sort)
  ) {
    // by score alone, the common case: the top k straight from the index
    const top = shard.searcherIndex.search(hitsQuery, request.from + request.size, dfs, totalHitsThreshold)
    return byScore(name, shard.shardId, shardIndex, top, request, null)
  }
  const sortFields = sortsByScore(request.sort)
    ? null
    : request.sort.map((builder) =>
        buildSortField(builder, {
          ...searchSortIndex({ ...index.metadata, mapping }),
          shardRequestIndex: shardIndex,
        }),
      )
  const after = request.searchAfter === null ? null : searchAfterValues(sortFields, request.searchAfter, now)
  const k = request.from + request.size
  // aggregations or a sort by fields: every match (of the query for aggregations, post_filter'ed for hits)
  let aggregations: InternalAggregations | null = null
  let matches: TopDocs | null = null
  let terminatedEarly: boolean | null = null
  if (request.aggregations !== null || restricted) {
    const collection = collected(allMatches(shard, query, dfs), request)
    matches = collection.matches
    terminatedEarly = collection.terminatedEarly
  }
  if (request.aggregations !== null) {
    const scores = docScores(matches!)
    const context = shardAggregationContext(index, mapping, shard, scores, now)
    const docs = [...scores.keys()]
    aggregations =
      aggregationTimings === null
        ? collectAggregations(request.aggregations, context, docs)
        : timedAggregations(request.aggregations, context, docs, aggregationTimings)
  }
  const all =
    matches === null
      ? allMatches(shard, hitsQuery, dfs)
      : postFilter === null
        ? matches
        : restrictTo(matches, allMatches(shard, hitsQuery, dfs))
  if (sortFields === null) {
    const top =
      rescorers.length === 0
        ? all
        : rescoredTopDocs(all, rescorers, request, (q) => allMatches(shard, q, dfs))
    return byScore(name, shard.shardId, shardIndex, top, request, terminatedEarly, aggregations, collapse)
  }
  const result = { index: name, shard: shard.shardId, shardIndex, sortFields, aggregations, terminatedEarly }
  const nestedDocs = new NestedSortDocs(
    (q) => new Set(allMatches(shard, q, null).scoreDocs.map((doc) => doc.docId)),
    buildNestedFilter,
  )
  const source = shardDocValues(shard, mapping, docValuesIndex(index))
  const docs = sortedTopDocs(all.scoreDocs, sortFields, { source, nestedDocs }, after, k, collapse)
  // A size of 0 collects no top docs (EmptyTopDocsCollectorContext): no max score either.
  const maxScore =
    request.trackScores && request.size > 0 && all.scoreDocs.length > 0
      ? all.scoreDocs.reduce((max, { score }) => Math.max(max, score), -Infinity)
      : null
  return { ...result, totalHits: all.totalHits, maxScore, docs }
}

/** The shard's top documents for the rescorers, rescored (rescore/query-rescorer.ts). */
function rescoredTopDocs(
  all: TopDocs,
  rescorers: readonly QueryRescorer[],
  request: SearchRequest,
  matches: (query: IndexQuery) => TopDocs,
): TopDocs {
  const depth = rescoreDepth(request.rescore, request.from + request.size)
  const scoreDocs = rescore(all.scoreDocs.slice(0, depth), rescorers, (query) => docScores(matches(query)))
  return { ...all, maxScore: scoreDocs[0]?.score ?? null, scoreDocs }
}

/** The top k by the sort fields; with `collapse`, the top k groups' best documents. */
function sortedTopDocs(
  matches: readonly ScoreDoc[],
  sortFields: SortField[],
  { source, nestedDocs }: { source: DocValuesSource; nestedDocs: NestedSortDocs },
  after: SortValue[] | null,
  k: number,
  collapse: CollapseContext | null,
): ShardDoc[] {
  if (collapse === null) return topFieldDocs(matches, sortFields, source, after, k, nestedDocs)
  return collapseDocs(
    topFieldDocs(matches, sortFields, source, after, matches.length, nestedDocs),
    collapse,
    k,
  )
}

/**
 * What the shard's collector keeps of every match: those scoring at least `min_score` (MinimumScoreCollector), then
 * the first `terminate_after` of them in doc id order, best first as they came; with `terminate_after`, whether a
 * match was left over (the collector terminated early).
 */
function collected(
  all: TopDocs,
  request: Pick<SearchRequest, 'minScore' | 'terminateAfter'>,
): { matches: TopDocs; terminatedEarly: boolean | null } {
  const { minScore, terminateAfter } = request
  let docs = minScore === null ? all.scoreDocs : all.scoreDocs.filter((d) => Math.fround(d.score) >= minScore)
  const terminatedEarly = terminateAfter > 0 ? docs.length > terminateAfter : null
  if (terminatedEarly === true) {
    const ids = docs.map((d) => d.docId).sort((a, b) => a - b)
    const kept = new Set(ids.slice(0, terminateAfter))
    docs = docs.filter((d) => kept.has(d.docId))
  }
  if (docs === all.scoreDocs) return { matches: all, terminatedEarly }
  return {
    matches: { totalHits: docs.length, maxScore: docs[0]?.score ?? null, scoreDocs: docs },
    terminatedEarly,
  }
}

/**
 * _count on a shard: the matches of `query`, all of them (a count's own collector, TotalHitCountCollector) or,
 * with `min_score` or `terminate_after`, those the shard's collector keeps, and whether it terminated early.
 */
export function countMatches(
  shard: ShardSearcher,
  query: IndexQuery,
  request: Pick<SearchRequest, 'minScore' | 'terminateAfter'>,
): { count: number; terminatedEarly: boolean | null } {
  if (request.minScore === null && request.terminateAfter === 0) {
    return { count: shard.searcherIndex.count(query), terminatedEarly: null }
  }
  const { matches, terminatedEarly } = collected(allMatches(shard, query, null), request)
  return { count: matches.scoreDocs.length, terminatedEarly }
}

/** The collected matches that also match the hits query (the post_filter'ed one). */
function restrictTo(matches: TopDocs, hits: TopDocs): TopDocs {
  const kept = new Set(hits.scoreDocs.map((d) => d.docId))
  const scoreDocs = matches.scoreDocs.filter((d) => kept.has(d.docId))
  return { totalHits: scoreDocs.length, maxScore: scoreDocs[0]?.score ?? null, scoreDocs }
}

/** The result of a search by score: its top from+size docs, best first. */
function byScore(
  index: string,
  shard: number,
  shardIndex: number,
  top: TopDocs,
  request: SearchRequest,
  terminatedEarly: boolean | null,
  aggregations: InternalAggregations | null = null,
  collapse: CollapseContext | null = null,
): QuerySearchResult {
  const k = request.from + request.size
  const docs: ShardDoc[] = []
  const picked: ReadonlyArray<ScoreDoc & { collapseValue?: CollapseValue }> =
    collapse === null ? top.scoreDocs : collapseDocs(top.scoreDocs, collapse, k)
  for (const { docId, score, collapseValue } of picked) {
    if (docs.length === k) break
    const doc: ShardDoc = { docId, score, sortValues: null }
    if (collapseValue !== undefined) doc.collapseValue = collapseValue
    docs.push(doc)
  }
  const maxScore = request.size === 0 ? null : (docs[0]?.score ?? null)
  const { totalHits } = top
  return {
    index,
    shard,
    shardIndex,
    sortFields: null,
    aggregations,
    terminatedEarly,
    totalHits,
    maxScore,
    docs,
  }
}

export interface ReducedQueryPhase {
  totalHits: number
  /** Whether a shard terminated early (terminate_after), null when none was asked to. */
  terminatedEarly: boolean | null
  maxScore: number | null
  /** The page (from, size) of the merged documents, with the shard result each came from. */
  docs: Array<{ result: QuerySearchResult; doc: ShardDoc }>
  aggregations: InternalAggregations | null
}

export function mergeQueryResults(
  results: readonly QuerySearchResult[],
  from: number,
  size: number,
  aggregationBuilders: readonly AggregationBuilder[] | null,
  reduce: { scripts: StoredScriptLookup; maxBuckets: number },
): ReducedQueryPhase {
  const sortFields = results.find((r) => r.sortFields !== null)?.sortFields ?? null
  const merged = results.flatMap((result) =>
    result.docs.map((doc) => ({ result, doc, keys: mergeKeys(result.sortFields, doc.sortValues ?? []) })),
  )
  merged.sort(
    (a, b) =>
      (sortFields === null ? b.doc.score - a.doc.score : compareFieldDocs(sortFields, a.keys, b.keys)) ||
      a.result.shardIndex - b.result.shardIndex ||
      a.doc.docId - b.doc.docId,
  )
  const collapsed = results.some((r) => r.docs.some((doc) => doc.collapseValue !== undefined))
  const page = collapsed ? firstOfEachGroup(merged) : merged
  const scores = results.flatMap((r) => (r.maxScore === null ? [] : [r.maxScore]))
  const aggregations = results.flatMap((r) => (r.aggregations === null ? [] : [r.aggregations]))
  const terminations = results.flatMap((r) => (r.terminatedEarly === null ? [] : [r.terminatedEarly]))
  return {
    totalHits: results.reduce((sum, r) => sum + r.totalHits, 0),
    terminatedEarly: terminations.length === 0 ? null : terminations.includes(true),
    maxScore: scores.length > 0 ? Math.max(...scores) : null,
    docs: page.slice(from, from + size),
    aggregations:
      aggregationBuilders !== null && aggregations.length > 0
        ? reduceShardAggregations(aggregations, reduce.maxBuckets, aggregationBuilders, reduce.scripts)
        : null,
  }
}

/**
 * A shard document's sort values as TopDocs.merge compares them: a date_nanos value as its long of nanoseconds, so
 * that, as in ES, one index's nanoseconds meet another's milliseconds as plain longs (without `numeric_type`).
 */
function mergeKeys(
  fields: readonly SortField[] | null,
  values: readonly SortValue[],
): ReadonlyArray<SortValue | bigint> {
  return values.map((value, i) =>
    fields?.[i]?.nanos === true && typeof value === 'number' ? nanosOfSortableDouble(value) : value,
  )
}

/** The hit a merged document becomes: its `_score` and `sort` values as the search asked for them. */
export function fetchHit(
  result: QuerySearchResult,
  doc: ShardDoc,
  stored: StoredDocument,
  trackScores: boolean,
): SearchHit {
  const fields = result.sortFields
  if (fields === null || doc.sortValues === null) {
    return { index: result.index, doc: stored, score: doc.score, sort: null }
  }
  // SearchPhaseController.getHits: the last `_score` sort key gives the hit its score.
  const scoreKey = fields.map((f) => f.type).lastIndexOf('score')
  const score = scoreKey >= 0 ? (doc.sortValues[scoreKey] as number) : trackScores ? doc.score : null
  return { index: result.index, doc: stored, score, sort: formatSortValues(fields, doc.sortValues) }
}
