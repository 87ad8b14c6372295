/**
 * TransportSearchAction on the coordinating node: the search goes to one active copy of every target shard
 * (cluster/metadata/search-targets.ts: the shards routing selects, each with its index's alias filter; the
 * primary first), each answering its query phase with its best documents fetched (with
 * dfs_query_then_fetch over several shards, a DFS round first: its statistics summed, they go with every
 * shard's query request, one message per shard, and a shard whose DFS phase failed is not queried; a `knn` section
 * always has a DFS round, whose knn results are merged here and each shard's part sent with its query request); the
 * answers are merged here (SearchPhaseController: by score or sort values, then shard, then doc id),
 * aggregations reduced, and hits built. A shard whose copies all fail to answer, or whose query phase
 * failed, is a shard failure; the others still answer. A shard whose fetch sub-phases failed on a document
 * (search/fetch/fetch-phase-failure.ts) fails in the fetch phase when the page takes that document, and its hits are
 * then left out (in its query phase when it is the search's one shard). Each failure's phase is kept for the error a
 * search that fails answers (search/shard-failures.ts). _count sums the shards' counts. With `profile`, each
 * shard's profile comes back with its query result (and its DFS phase's with its DFS result).
 */
import type { DfsStatistics, ScoreDoc } from '../../../engine-wasm/src/index/index.ts'
import { EsException } from '../errors/index.ts'
import { fromWireException } from '../errors/wire-exception.ts'
import type { IndexService } from '../index/index-service.ts'
import { readAggregations, type InternalAggregations } from '../search/aggregations/index.ts'
import { storedScriptLookup } from '../cluster/metadata/script-metadata.ts'
import { intSetting, SEARCH_MAX_BUCKETS } from '../cluster/metadata/cluster-settings.ts'
import type { Explanation } from '../search/explain/index.ts'
import type { HitHighlight } from '../search/fetch/highlight/index.ts'
import type { MatchedQueries } from '../search/fetch/matched-queries-phase.ts'
import type { DocumentFieldsJson } from '../search/fetch/document-fields.ts'
import type { SearchPhaseName, ShardFailure } from '../search/shard-failures.ts'
import { fetchFailure } from '../search/fetch/fetch-phase-failure.ts'
import type { CollapseValue } from '../search/collapse/collapse-context.ts'
import { reduceSuggestions } from '../search/suggest/suggest-reduce.ts'
import type { Suggestion } from '../search/suggest/suggest-phase.ts'
import { aggregateDfs } from '../search/dfs-phase.ts'
import { mergeKnnResults } from '../search/vectors/knn-search-phase.ts'
import { parseSearchRequest, type ParsedSearch } from '../search/search-request.ts'
import { searchMapping } from '../search/runtime-mappings.ts'
import { shardRequestIndices } from '../search/slice/slice-builder.ts'
import type { SearchPreference } from '../cluster/routing/preference.ts'
import {
  fetchHit,
  mergeQueryResults,
  type QuerySearchResult,
  type SearchHit,
} from '../search/search-service.ts'
import type { ShardSearchRequest, ShardSearchResult, WireQuerySearchResult } from '../search/shard-search.ts'
import type { NestedInnerHitsWire } from '../search/fetch/nested-inner-hits.ts'
import type { JoinInnerHitsWire } from '../search/fetch/join-inner-hits.ts'
import { buildSortField, sortsByScore } from '../search/sort/index.ts'
import { searchSortIndex } from '../search/sort/nested-sort.ts'
import type { RestContext } from '../rest/rest-context.ts'
import { QueryPhaseResultConsumer } from './query-phase-result-consumer.ts'
import type { SearchProgressListener } from './search-progress-listener.ts'
import type { ShardResponse } from './shard-messages.ts'
import { storedSource } from './stored-source.ts'
import type { ReaderIdForNode } from '../search/context/scroll-id.ts'
import type { ShardProfileEntry } from '../search/profile/search-profile-results.ts'
import type { ProfileResult } from '../search/profile/profile-result.ts'

export interface SearchShardsRequest {
  body: string | null
  params: Array<[string, string]>
  isCount: boolean
  now: number
  /** `?scroll`: every shard opens a scroll context with this keep alive (ms). */
  scroll?: { keepAlive: number }
  /** The more_like_this items' term vectors (ShardSearchRequest.moreLikeThisItems). */
  moreLikeThisItems?: ShardSearchRequest['moreLikeThisItems']
}

export interface DistributedHit extends SearchHit {
  /** With `explain`: the shard (`[index][n]`), its node's id and the explanation. */
  explained: { shard: string; node: string; explanation: Explanation } | null
  /** With `highlight`: the hit's highlighted fields in ES's order, or null when none. */
  highlight: HitHighlight | null
  /** The named queries the hit matched, with their scores (empty when none matched or none is named). */
  matchedQueries: MatchedQueries
  /** The hit's `fields` and `ignored_field_values` sections, or null for none (fetch/document-fields.ts). */
  documentFields: DocumentFieldsJson | null
  /** The hit's `_ignored` fields (fetch/ignored-fields.ts). */
  ignored: readonly string[]
  /** With `collapse`: the hit's collapse value (its group). */
  collapseValue?: CollapseValue
  /** With a nested query's `inner_hits`: its sections (fetch/nested-inner-hits.ts). */
  nestedInnerHits?: readonly NestedInnerHitsWire[]
  /** With a has_child or has_parent query's `inner_hits`: each section's search, by name (fetch/join-inner-hits.ts). */
  joinInnerHits?: ReadonlyArray<[string, InnerHitsSearch]>
  /** The `_source` the hit's index stored (stored-source.ts): null when its mapping keeps none. */
  source: string | null
}

export interface DistributedSearchResult {
  shards: number
  failures: ShardFailure[]
  count: number
  totalHits: number
  /** With `terminate_after`: whether a shard terminated early; else null. */
  terminatedEarly: boolean | null
  maxScore: number | null
  hits: DistributedHit[]
  aggregations: InternalAggregations | null
  /** With `suggest`: the shards' suggestions reduced (suggest/suggest-reduce.ts). */
  suggest: Suggestion[] | null
  /** Of a scroll: the reader context of every shard that answered, in shard order, with how many hits it gave. */
  readers: Array<ReaderIdForNode & { emitted: number }>
  /** With `profile`: the profile of every shard that answered its query phase (search/profile/); else null. */
  profile: ShardProfileEntry[] | null
  /** The phase each of `failures` failed in, in the same order (which is the phases' order). */
  failurePhases: SearchPhaseName[]
  /** SearchResponse's num_reduce_phases: the batched partial reduces and the final one. */
  numReducePhases: number
}

/** An inner hits section found by a search of its own (a collapsed group's, a join's): its result and request. */
export interface InnerHitsSearch {
  result: DistributedSearchResult
  parsed: ParsedSearch
}

/** One index of the search: the shards read and the alias filter they apply (null: unfiltered). */
export interface IndexSearchTarget {
  index: IndexService
  shards: readonly number[]
  aliasFilter: string | null
  /** The index's `indices_boost`, or absent for none. */
  indexBoost?: number
}

export interface ShardAnswer {
  index: IndexService
  node: string
  result: ShardSearchResult
  reader?: { sessionId: string; id: number }
}

/** SearchProgressListener.NOOP. */
const NO_PROGRESS: SearchProgressListener = {
  onListShards: () => undefined,
  onQueryResult: () => undefined,
  onQueryFailure: () => undefined,
  onPartialReduce: () => undefined,
  onFinalReduce: () => undefined,
}

export async function executeDistributedSearch(
  context: RestContext,
  indices: readonly IndexSearchTarget[],
  request: SearchShardsRequest,
  parsed: ParsedSearch,
  preference?: SearchPreference,
  progress: SearchProgressListener = NO_PROGRESS,
): Promise<DistributedSearchResult> {
  const shards = indices.flatMap(({ index, shards: numbers, aliasFilter, indexBoost }) =>
    numbers.map((shard) => ({
      index,
      shard,
      aliasFilter,
      ...(indexBoost !== undefined ? { indexBoost } : {}),
    })),
  )
  const failures: ShardFailure[] = []
  /** The phase each of `failures` failed in. */
  const phases: SearchPhaseName[] = []
  // A sliced search tells each shard its place in ShardId order (ShardSearchRequest.shardRequestIndex).
  const slicePlaces =
    parsed.slice === null
      ? null
      : shardRequestIndices(shards.map(({ index, shard }) => ({ index: index.metadata, shard })))
  let targets = shards.map((target, shardIndex) => ({ ...target, shardIndex }))
  let dfs: DfsStatistics | null = null
  /** With `profile`: each shard's DFS phase profile, by its position among the shards. */
  const dfsProfiles = new Map<number, ProfileResult>()
  /** With a knn section: each shard's part of the knn searches' global top k, by shard index. */
  let knnHits = new Map<number, ScoreDoc[][]>()
  /** SearchQueryThenFetchAsyncAction's phase, or DfsQueryPhase after a DFS round. */
  let queryPhase: SearchPhaseName = 'query'
  const { scroll, ...shardRequest } = request
  progress.onListShards(shards.length, 0)
  /** One request of the round to an active copy of every target shard, in target order; `arrived` sees each answer. */
  const round = (
    type: 'dfs' | 'search',
    statistics: DfsStatistics | null,
    arrived: (target: number, response: ShardResponse | null) => void,
  ) =>
    Promise.all(
      targets.map(({ index, shard, shardIndex, aliasFilter, ...boost }, i) =>
        context.client
          .toActiveCopy(
            index.metadata.name,
            shard,
            (target) => ({
              type,
              ...target,
              ...shardRequest,
              ...(scroll && type === 'search'
                ? { scroll: { keepAlive: scroll.keepAlive, selfAdvance: shards.length === 1 } }
                : {}),
              shardIndex,
              ...(slicePlaces === null
                ? {}
                : {
                    sliceShard: {
                      shardRequestIndex: slicePlaces[shardIndex]!,
                      numberOfShards: shards.length,
                    },
                  }),
              dfs: statistics,
              aliasFilter,
              ...boost,
              ...(type === 'search' && knnHits.has(shardIndex) ? { knnHits: knnHits.get(shardIndex)! } : {}),
            }),
            preference,
          )
          .then((response) => {
            arrived(i, response)
            return response
          }),
      ),
    )
  // TransportSearchAction: a search of one shard needs no DFS phase (its own statistics are the global ones),
  // unless it has knn searches, which always run one.
  if (parsed.searchType === 'dfs_query_then_fetch' && (shards.length > 1 || parsed.knn.length > 0)) {
    const responses = await round('dfs', null, (i, response) => {
      const { index, shard, shardIndex } = targets[i]!
      if (response?.type !== 'dfs') progress.onQueryFailure(shardIndex, shardFailure(index, shard, response))
    })
    queryPhase = 'dfs_query'
    const results: DfsStatistics[] = []
    const knn: Array<{ shardIndex: number; knn: ScoreDoc[][] }> = []
    targets = targets.filter((target, i) => {
      const response = responses[i] ?? null
      if (response?.type === 'dfs' && response.profile) dfsProfiles.set(target.shardIndex, response.profile)
      if (response?.type === 'dfs') {
        results.push(response.result)
        knn.push({ shardIndex: target.shardIndex, knn: response.knn })
      } else {
        failures.push(shardFailure(target.index, target.shard, response))
        phases.push('dfs')
      }
      return response?.type === 'dfs'
    })
    if (shards.length > 1) dfs = aggregateDfs(results)
    if (parsed.knn.length > 0) knnHits = mergeKnnResults(parsed.knn, knn)
  }
  const answers: ShardAnswer[] = []
  const state = context.client.cluster.state()
  const consumer = new QueryPhaseResultConsumer(progress, {
    batchedReduceSize: parsed.batchedReduceSize,
    shards: shards.length,
    hasTopDocs: parsed.request.size !== 0,
    aggregations: parsed.request.aggregations,
    reduce: { scripts: storedScriptLookup(state), maxBuckets: intSetting(state, SEARCH_MAX_BUCKETS) },
  })
  const responses = await round('search', dfs, (i, response) => {
    const { index, shard, shardIndex } = targets[i]!
    if (response?.type !== 'search') progress.onQueryFailure(shardIndex, shardFailure(index, shard, response))
    else if (response.result.type === 'query') {
      const { totalHits, aggregations } = response.result.result
      consumer.consume({ shardIndex, totalHits, aggregations })
    }
  })
  responses.forEach((response, i) => {
    const { index, shard } = targets[i]!
    if (response?.type !== 'search') {
      failures.push(shardFailure(index, shard, response))
      phases.push(queryPhase)
    } else
      answers.push({
        index,
        node: response.node,
        result: response.result,
        ...(response.reader ? { reader: response.reader } : {}),
      })
  })
  const numReducePhases = consumer.finalReduce()
  const reduced = {
    ...reduceShardAnswers(shards.length, failures, answers, parsed, context, phases),
    numReducePhases,
  }
  if (scroll && shards.length > 1) await sendEmitted(context, reduced)
  if (reduced.profile === null || dfsProfiles.size === 0) return reduced
  const profile = reduced.profile.map((entry) => {
    const statistics = dfsProfiles.get(entry.shardIndex)
    return statistics ? { ...entry, dfs: statistics } : entry
  })
  return { ...reduced, profile }
}

/**
 * The reduce of the shards' answers (SearchPhaseController): `total` shards were asked, `failures` failed. A scroll's
 * first page and its next ones (action/search-scroll-action.ts) are reduced here too. The coordinating node's cluster
 * state is read from `context`: the pipeline aggregations compile their stored scripts from it, and its
 * search.max_buckets bounds the reduce's buckets. A hit's join inner hits are each reduced here as the one shard's
 * answer to its own search. `phases` gives the phase of each of `failures` (by default the query phase).
 */
export function reduceShardAnswers(
  total: number,
  failures: ShardFailure[],
  answers: readonly ShardAnswer[],
  parsed: ParsedSearch,
  context: RestContext,
  phases: readonly SearchPhaseName[] = failures.map(() => 'query'),
): DistributedSearchResult {
  const state = context.client.cluster.state()
  const counted = answers.flatMap(({ result }) => (result.type === 'count' ? [result] : []))
  const count = counted.reduce((sum, result) => sum + result.count, 0)
  // SearchPhaseController's terminatedEarly: true if one shard was, null if no shard was asked to
  const countTerminations = counted.flatMap((r) => (r.terminatedEarly === null ? [] : [r.terminatedEarly]))
  const queried = answers.flatMap(({ index, node, result }) =>
    result.type === 'query' ? [{ index, node, wire: result.result }] : [],
  )
  const results = queried.map(({ index, wire }) => querySearchResult(index, wire, parsed))
  const { from, size, aggregations, trackScores } = parsed.request
  const reduce = { scripts: storedScriptLookup(state), maxBuckets: intSetting(state, SEARCH_MAX_BUCKETS) }
  const reduced = mergeQueryResults(results, from, size, aggregations, reduce)
  const byShard = new Map(queried.map((entry) => [entry.wire.shardIndex, entry]))
  const taken = (shardIndex: number) =>
    reduced.docs.filter(({ result }) => result.shardIndex === shardIndex).length
  // FetchSearchPhase: a shard whose fetch of the page's documents failed is a shard failure; its hits are left out.
  const fetchFailed = queried.flatMap(({ node, wire }) => {
    if (wire.fetchFailures === undefined) return []
    const positions = reduced.docs
      .filter(({ result }) => result.shardIndex === wire.shardIndex)
      .map(({ doc }) => wire.docs.indexOf(doc))
    const docIds = wire.docs.map((doc) => doc.docId)
    const failure = fetchFailure(docIds, wire.fetchFailures, positions)
    if (failure === null) return []
    return [{ shardIndex: wire.shardIndex, index: wire.index, shard: wire.shard, node, failure }]
  })
  const failedShards = new Set(fetchFailed.map(({ shardIndex }) => shardIndex))
  // a search of one shard fetches in its query phase (SearchService.executeQueryPhase's query-and-fetch)
  const fetchPhase: SearchPhaseName = total > 1 ? 'fetch' : 'query'
  const allFailures = [
    ...failures,
    ...fetchFailed.map(({ index, shard, node, failure }) => ({
      index,
      shard,
      node,
      error: fromWireException(failure),
    })),
  ]
  return {
    shards: total,
    numReducePhases: 1,
    failures: allFailures,
    failurePhases: [...phases, ...fetchFailed.map(() => fetchPhase)],
    readers: answers.flatMap(({ node, reader, result }) => {
      const emitted = result.type === 'query' ? taken(result.result.shardIndex) : 0
      return reader ? [{ node, ...reader, emitted }] : []
    }),
    count,
    totalHits: reduced.totalHits,
    terminatedEarly:
      countTerminations.length > 0 ? countTerminations.includes(true) : reduced.terminatedEarly,
    maxScore: reduced.maxScore,
    aggregations: reduced.aggregations,
    profile: parsed.profile
      ? queried.flatMap(({ node, wire }) =>
          wire.profile
            ? [
                {
                  nodeId: node,
                  index: wire.index,
                  shard: wire.shard,
                  shardIndex: wire.shardIndex,
                  profile: wire.profile,
                  fetched: taken(wire.shardIndex) > 0,
                },
              ]
            : [],
        )
      : null,
    suggest: parsed.suggest && reduceSuggestions(queried.map(({ wire }) => wire.suggest ?? [])),
    hits: reduced.docs
      .filter(({ result }) => !failedShards.has(result.shardIndex))
      .map(({ result, doc }) => {
        const { wire, node, index } = byShard.get(result.shardIndex)!
        const position = wire.docs.indexOf(doc)
        const explanation = wire.explanations?.[position]
        const stored = wire.hits[position]!
        return {
          ...fetchHit(result, doc, stored, trackScores),
          source: storedSource(index.metadata.mapping, stored.source),
          explained: explanation ? { shard: `[${wire.index}][${wire.shard}]`, node, explanation } : null,
          highlight: wire.highlights?.[position] ?? null,
          matchedQueries: wire.matchedQueries?.[position] ?? [],
          documentFields: wire.documentFields?.[position] ?? null,
          ignored: wire.ignored?.[position] ?? [],
          ...(wire.nestedInnerHits ? { nestedInnerHits: wire.nestedInnerHits[position]! } : {}),
          ...(wire.joinInnerHits
            ? { joinInnerHits: joinInnerHitsSearches(wire.joinInnerHits[position]!, index, node, context) }
            : {}),
          ...(doc.collapseValue !== undefined ? { collapseValue: doc.collapseValue } : {}),
        }
      }),
  }
}

/** A hit's join inner hits sections: each the one answer of its search, read with the body it searched. */
function joinInnerHitsSearches(
  sections: ReadonlyArray<JoinInnerHitsWire<WireQuerySearchResult>>,
  index: IndexService,
  node: string,
  context: RestContext,
): Array<[string, InnerHitsSearch]> {
  return sections.map(({ name, body, result }) => {
    const parsed = parseSearchRequest(body, new Map(), false, context.analyze, context.clock.now(), true)
    const answer: ShardAnswer = { index, node, result: { type: 'query', result } }
    return [name, { result: reduceShardAnswers(1, [], [answer], parsed, context), parsed }]
  })
}

/**
 * A scroll page's fetch phase, reduced to what it tells the shards here: how many of each shard's documents the page
 * took (ShardFetchRequest.lastEmittedDoc), one message to each shard that had documents in the page.
 */
export async function sendEmitted(context: RestContext, result: DistributedSearchResult): Promise<void> {
  const { nodes } = context.client.cluster.state()
  await Promise.all(
    result.readers.map(({ node, sessionId, id, emitted }) => {
      const address = nodes.find((n) => n.id === node)?.address
      if (emitted === 0 || address === undefined) return Promise.resolve(null)
      return context.client.toNode(address, { type: 'scroll_emitted', sessionId, id, emitted })
    }),
  )
}

/** A shard's answer as the merge reads it: its sort fields rebuilt here, its aggregations read back. */
function querySearchResult(
  index: IndexService,
  wire: WireQuerySearchResult,
  parsed: ParsedSearch,
): QuerySearchResult {
  const { sort } = parsed.request
  return {
    index: wire.index,
    shard: wire.shard,
    shardIndex: wire.shardIndex,
    totalHits: wire.totalHits,
    maxScore: wire.maxScore,
    terminatedEarly: wire.terminatedEarly,
    docs: wire.docs,
    sortFields: sortsByScore(sort)
      ? null
      : sort.map((builder) =>
          buildSortField(
            builder,
            searchSortIndex({
              ...index.metadata,
              mapping: searchMapping(index.metadata.mapping, parsed.runtimeMappings),
            }),
          ),
        ),
    aggregations: wire.aggregations === null ? null : readAggregations(wire.aggregations),
  }
}

/** The failure of a shard whose phase did not answer with its result. */
function shardFailure(index: IndexService, shard: number, response: ShardResponse | null): ShardFailure {
  const name = index.metadata.name
  if (response?.type === 'search_failed')
    return { index: name, shard, node: response.node, error: fromWireException(response.error) }
  return { index: name, shard, node: null, error: noShardAvailable(name, shard) }
}

/** NoShardAvailableActionException: no copy of the shard answered. */
function noShardAvailable(index: string, shard: number): EsException {
  return new EsException({
    type: 'no_shard_available_action_exception',
    reason: `[${index}][${shard}] no shard available`,
    status: 503,
  })
}
