/**
 * One shard's profile (SearchProfileShardResult), built on the node that searched it and sent back in its query
 * result: the query phase's search (`query` tree, `rewrite_time`, the `collector` tree), the profiled aggregators, and
 * the fetch phase. Only a search with `"profile": true` builds one; without it nothing is measured.
 *
 * Collector tree (QueryPhaseCollectorManager with profiling): QueryPhaseCollector (`search_query_phase`) around the
 * top docs collector (`search_top_hits`: PartialHitCountCollector for size 0, SimpleTopScoreDocCollector or
 * PagingTopScoreDocCollector after search_after by score, SimpleFieldCollector or PagingFieldCollector by fields,
 * SinglePassGroupingCollector with collapse) and, with aggregations, the AggregatorCollector (`aggregation`).
 * Fetch (FetchProfiler): type `fetch`, the stored fields it loads in `debug`, one child per sub-phase that ran, in
 * FetchPhase's order. Times are nanoseconds of performance.now() around our own phases.
 */
import type { AggregationBuilder, InternalAggregation, ShardContext } from '../aggregations/index.ts'
import type { FetchSourceContext } from '../../action/fetch-source.ts'
import type { SearchRequest } from '../search-service.ts'
import type { FetchOptions } from '../fetch/fetch-options.ts'
import {
  AGGREGATION_TIMING_TYPES,
  breakdownEntries,
  FETCH_SUB_PHASE_TIMING_TYPES,
  FETCH_TIMING_TYPES,
  nodeTime,
  type CollectorResult,
  type ProfileResult,
} from './profile-result.ts'
import { javaStringHashCode } from '../../../net/java-hash.ts'
import { aggregatorClass } from './aggregator-classes.ts'

export interface ShardProfile {
  query: ProfileResult[]
  rewriteTime: number
  collector: CollectorResult
  aggregations: ProfileResult[]
  /** The fetch phase's profile; null when the shard fetched nothing. */
  fetch: ProfileResult | null
}

/** Nanoseconds on a monotonic clock (System.nanoTime's role). */
export function nanoTime(): number {
  return performance.now() * 1e6
}

/** Runs `fn`, returning its value and how long it took in nanoseconds. */
export function timed<T>(fn: () => T): [T, number] {
  const start = nanoTime()
  const value = fn()
  return [value, nanoTime() - start]
}

/** Runs `fn` untimed: what a search without `profile` measures its phases with (its time reads 0). */
export function untimed<T>(fn: () => T): [T, number] {
  return [fn(), 0]
}

/** One top-level aggregation's collection: its result, its time, and how many documents it collected. */
export interface AggregationTiming {
  builder: AggregationBuilder
  result: InternalAggregation
  nanos: number
  collected: number
}

/** collectAggregations with each top-level aggregation's collection timed into `timings`. */
export function timedAggregations(
  builders: readonly AggregationBuilder[],
  shard: ShardContext,
  docs: readonly number[],
  timings: AggregationTiming[],
): InternalAggregation[] {
  return builders.flatMap((builder) => {
    if (builder.pipeline) return []
    const [result, nanos] = timed(() => builder.collect(shard, docs))
    timings.push({ builder, result, nanos, collected: docs.length })
    return [result]
  })
}

/** The query phase's collector tree; `aggregationNanos` null without aggregations. */
export function collectorTree(
  request: SearchRequest,
  totalNanos: number,
  aggregationNanos: number | null,
): CollectorResult {
  const topDocs = {
    name: topDocsCollector(request),
    reason: 'search_top_hits',
    timeInNanos: Math.round(totalNanos - (aggregationNanos ?? 0)),
    children: [],
  }
  const aggregations =
    aggregationNanos === null
      ? []
      : [
          {
            name: aggregatorCollectorName(request.aggregations ?? []),
            reason: 'aggregation',
            timeInNanos: Math.round(aggregationNanos),
            children: [],
          },
        ]
  return {
    name: 'QueryPhaseCollector',
    reason: 'search_query_phase',
    timeInNanos: Math.round(totalNanos),
    children: [topDocs, ...aggregations],
  }
}

function topDocsCollector(request: SearchRequest): string {
  if (request.size === 0) return 'PartialHitCountCollector'
  if (request.collapse !== null) return 'SinglePassGroupingCollector'
  const paging = request.searchAfter !== null
  if (request.sort.length === 0) return paging ? 'PagingTopScoreDocCollector' : 'SimpleTopScoreDocCollector'
  return paging ? 'PagingFieldCollector' : 'SimpleFieldCollector'
}

/**
 * InternalProfileCollector's name for the aggregations' collector: the class, then its toString in brackets.
 * AggregatorCollector keeps Object.toString (class name and identity hash): the hash here is derived from the
 * aggregation names, so it is stable where Java's is arbitrary.
 */
function aggregatorCollectorName(builders: readonly AggregationBuilder[]): string {
  const identity = javaStringHashCode(builders.map((builder) => builder.name).join(',')) >>> 0
  return `AggregatorCollector: [org.elasticsearch.search.aggregations.AggregatorCollector@${identity.toString(16)}]`
}

/**
 * The profiled aggregators of the top-level aggregations (pipelines are not aggregators). Each is timed as a whole
 * (its `collect`); its sub-aggregators collect inside it, so they are listed with their calls counted but no time.
 */
export function aggregationProfiles(timings: readonly AggregationTiming[]): ProfileResult[] {
  return timings.map(({ builder, result, nanos, collected }) =>
    aggregatorProfile(builder, aggregatorClass(builder.type, result.getType()), nanos, collected),
  )
}

function aggregatorProfile(
  builder: AggregationBuilder,
  type: string,
  nanos: number,
  collected: number,
): ProfileResult {
  const breakdown = new Map([
    ['initialize', { nanos: 0, count: 1 }],
    ['build_leaf_collector', { nanos: 0, count: 1 }],
    ['collect', { nanos: Math.round(nanos), count: collected }],
    ['post_collection', { nanos: 0, count: 1 }],
    ['build_aggregation', { nanos: 0, count: 1 }],
  ])
  return {
    type,
    description: builder.name,
    timeInNanos: nodeTime(breakdown),
    breakdown: breakdownEntries(AGGREGATION_TIMING_TYPES, breakdown),
    debug: [],
    children: builder.subs
      .filter((sub) => sub.pipeline === undefined)
      .map((sub) => aggregatorProfile(sub, aggregatorClass(sub.type, null), 0, collected)),
  }
}

/** What the fetch phase did on the shard, each sub-phase's time measured around our own work for it. */
export interface FetchTimings {
  docs: number
  loadNanos: number
  fetchSource: FetchSourceContext | null
  fetch: FetchOptions
  explainNanos: number | null
  highlightNanos: number | null
  matchedQueriesNanos: number | null
  fieldsNanos: number | null
  innerHitsNanos: number | null
}

/** FetchProfiler's result for the shard (null when it fetched no document: the shard runs no fetch phase). */
export function fetchProfile(timings: FetchTimings): ProfileResult | null {
  const { docs, fetch, fetchSource } = timings
  if (docs === 0) return null
  const storedNone = fetch.storedFields !== null && !fetch.storedFields.fetchFields
  const sourceRequested = fetchSource === null || fetchSource.fetchSource
  const breakdown = new Map([
    ['next_reader', { nanos: 0, count: 1 }],
    ['load_stored_fields', { nanos: Math.round(timings.loadNanos), count: storedNone ? 0 : docs }],
    ['load_source', { nanos: 0, count: sourceRequested ? docs : 0 }],
  ])
  const fastPath =
    fetchSource === null || (fetchSource.includes.length === 0 && fetchSource.excludes.length === 0)
  const phases: Array<[string, number | null, Array<[string, number]>]> = [
    ['ExplainPhase', timings.explainNanos, []],
    ['FetchDocValuesPhase', fetch.docValueFields.length > 0 ? 0 : null, []],
    ['ScriptFieldsPhase', fetch.scriptFields.length > 0 ? 0 : null, []],
    ['FetchSourcePhase', sourceRequested ? 0 : null, [['fast_path', fastPath ? docs : 0]]],
    ['FetchFieldsPhase', timings.fieldsNanos, []],
    ['FetchVersionPhase', fetch.version ? 0 : null, []],
    ['SeqNoPrimaryTermPhase', fetch.seqNoPrimaryTerm ? 0 : null, []],
    ['MatchedQueriesPhase', timings.matchedQueriesNanos, []],
    ['HighlightPhase', timings.highlightNanos, []],
    ['InnerHitsPhase', timings.innerHitsNanos, []],
    ['StoredFieldsPhase', storedNone ? null : 0, []],
  ]
  const children = phases.flatMap(([type, nanos, debug]) =>
    nanos === null ? [] : [subPhase(type, nanos, docs, debug)],
  )
  return {
    type: 'fetch',
    description: '',
    timeInNanos: nodeTime(breakdown) + children.reduce((sum, child) => sum + child.timeInNanos, 0),
    breakdown: breakdownEntries(FETCH_TIMING_TYPES, breakdown),
    debug: [
      [
        'stored_fields',
        storedNone ? [] : sourceRequested ? ['_id', '_routing', '_source'] : ['_id', '_routing'],
      ],
    ],
    children,
  }
}

function subPhase(type: string, nanos: number, docs: number, debug: Array<[string, number]>): ProfileResult {
  const breakdown = new Map([
    ['next_reader', { nanos: 0, count: 1 }],
    ['process', { nanos: Math.round(nanos), count: docs }],
  ])
  return {
    type,
    description: '',
    timeInNanos: nodeTime(breakdown),
    breakdown: breakdownEntries(FETCH_SUB_PHASE_TIMING_TYPES, breakdown),
    debug,
    children: [],
  }
}
