/**
 * CommonStats as the stats APIs write it (`_stats`, `_nodes/stats`): the sum of some shard copies' statistics
 * (LocalShardStats, answered by each node for the copies it holds), written group by group in CommonStats'
 * order (docs, shard_stats, store, indexing, get, search, merges, refresh, flush, ..., segments) with each
 * group's fields in its toXContent order.
 * Only the groups and fields the playground really counts are written (the others are in docs/DEVIATIONS.md):
 *   docs {count, deleted}, shard_stats {total_count}, store {size_in_bytes, total_data_set_size_in_bytes,
 *   reserved_in_bytes}, indexing {index_total, delete_total}, get {total, exists_total, missing_total},
 *   search {open_contexts, query_total}, merges {total, total_docs, total_size_in_bytes}, refresh {total}, flush {total, periodic},
 *   segments {count}
 * (no timings: the simulated clock does not move while a copy works; reserved_in_bytes is 0, as no recovery
 * here reserves space). A requested metric of the other groups writes nothing.
 */
import type { LocalShardStats } from '../../action/shard-messages.ts'
import type { ShardCounterValues } from '../../index/shard/shard-counters.ts'
import type { JsonOut } from '../../xcontent/index.ts'
import { illegalArgumentException } from '../../errors/index.ts'
import { unrecognized } from '../base-rest-handler.ts'

/** CommonStatsFlags.Flag's REST names, in declaration order (ES 8.17). */
export const STATS_METRICS = [
  'store',
  'indexing',
  'get',
  'search',
  'merge',
  'flush',
  'refresh',
  'query_cache',
  'fielddata',
  'docs',
  'warmer',
  'completion',
  'segments',
  'translog',
  'request_cache',
  'recovery',
  'bulk',
  'shard_stats',
  'mappings',
  'dense_vector',
  'sparse_vector',
] as const

/** The statistics of some copies, summed (CommonStats.add). */
export interface CommonStats {
  shards: number
  docs: number
  deleted: number
  storeBytes: number
  segments: number
  openContexts: number
  counters: ShardCounterValues
}

export function sumShardStats(copies: readonly LocalShardStats[]): CommonStats {
  const counters: ShardCounterValues = {
    indexTotal: 0,
    deleteTotal: 0,
    getTotal: 0,
    getExists: 0,
    getMissing: 0,
    queryTotal: 0,
    refreshTotal: 0,
    flushTotal: 0,
    flushPeriodic: 0,
    mergeTotal: 0,
    mergeDocs: 0,
    mergeSizeInBytes: 0,
  }
  const keys = Object.keys(counters) as Array<keyof ShardCounterValues>
  const sum: CommonStats = {
    shards: 0,
    docs: 0,
    deleted: 0,
    storeBytes: 0,
    segments: 0,
    openContexts: 0,
    counters,
  }
  for (const copy of copies) {
    sum.shards++
    sum.docs += copy.docs
    sum.deleted += copy.deleted
    sum.storeBytes += copy.storeBytes
    sum.segments += copy.segments
    sum.openContexts += copy.openContexts
    for (const key of keys) counters[key] += copy.counters[key]
  }
  return sum
}

/**
 * The groups of `metrics` (every one when null), as CommonStats.toXContent writes them. A sum that starts empty
 * (`new CommonStats()`, as IndicesStatsResponse sums copies) has no group until a copy is added; one that starts
 * from the flags (`new CommonStats(flags)`, as a node's NodeIndicesStats does) writes its groups with zeros.
 */
export function commonStatsJson(
  stats: CommonStats,
  metrics: ReadonlySet<string> | null,
  startsFromFlags = false,
): Map<string, JsonOut> {
  const present = startsFromFlags || stats.shards > 0
  const wanted = (metric: string): boolean => present && (metrics === null || metrics.has(metric))
  const { counters: c } = stats
  const out = new Map<string, JsonOut>()
  if (wanted('docs')) out.set('docs', { count: stats.docs, deleted: stats.deleted })
  if (wanted('shard_stats')) out.set('shard_stats', { total_count: stats.shards })
  if (wanted('store')) {
    out.set('store', {
      size_in_bytes: stats.storeBytes,
      total_data_set_size_in_bytes: stats.storeBytes,
      reserved_in_bytes: 0,
    })
  }
  if (wanted('indexing')) out.set('indexing', { index_total: c.indexTotal, delete_total: c.deleteTotal })
  if (wanted('get')) {
    out.set('get', { total: c.getTotal, exists_total: c.getExists, missing_total: c.getMissing })
  }
  if (wanted('search')) out.set('search', { open_contexts: stats.openContexts, query_total: c.queryTotal })
  if (wanted('merge')) {
    out.set('merges', {
      total: c.mergeTotal,
      total_docs: c.mergeDocs,
      total_size_in_bytes: c.mergeSizeInBytes,
    })
  }
  if (wanted('refresh')) out.set('refresh', { total: c.refreshTotal })
  if (wanted('flush')) out.set('flush', { total: c.flushTotal, periodic: c.flushPeriodic })
  if (wanted('segments')) out.set('segments', { count: stats.segments })
  return out
}

/**
 * A `{metric}` path parameter (RestIndicesStatsAction, RestNodesStatsAction): null for `_all` alone (every
 * metric); `_all` with others, and unknown names, are ES's illegal_argument_exceptions (`detail` names the
 * parameter in the latter: `metric`, `index metric`).
 */
export function parseMetrics(
  path: string,
  given: string | undefined,
  known: readonly string[],
  detail = 'metric',
): Set<string> | null {
  const metrics = new Set((given ?? '_all').split(',').filter((metric) => metric.length > 0))
  if (metrics.size === 1 && metrics.has('_all')) return null
  if (metrics.has('_all')) {
    throw illegalArgumentException(`request [${path}] contains _all and individual metrics [${given}]`)
  }
  // A sorted set, so that unrecognized names come in a reliable order.
  const invalid = [...metrics].filter((metric) => !known.includes(metric)).sort()
  if (invalid.length > 0) throw illegalArgumentException(unrecognized(path, invalid, known, detail))
  return metrics
}
