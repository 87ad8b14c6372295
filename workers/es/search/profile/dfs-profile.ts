/**
 * A shard's DFS phase profile (DfsProfiler.buildDfsPhaseResults): the `statistics` ProfileResult, type `statistics`,
 * description `collect term statistics`, its time the phase's whole time (not its breakdown's sum), its breakdown
 * DfsTimingType's (`term_statistics` counted per call: one per term of the query the shard holds, as a TermWeight asks
 * only for those; `collection_statistics` counted as many times; `create_weight` and `rewrite` once). The engine weighs the query and gathers every statistic in one WASM call:
 * that call is `create_weight`'s time, building the shard's query is `rewrite`'s, the statistics calls take 0 ns.
 */
import type { DfsStatistics } from '../../../../engine-wasm/src/index/index.ts'
import { breakdownEntries, type ProfileResult } from './profile-result.ts'

/** DfsTimingType, in enum order. */
const DFS_TIMING_TYPES = ['term_statistics', 'collection_statistics', 'create_weight', 'rewrite'] as const

export function dfsStatisticsProfile(
  statistics: DfsStatistics,
  rewriteNanos: number,
  weightNanos: number,
  totalNanos: number,
): ProfileResult {
  const calls = statistics.terms.length
  const breakdown = new Map([
    ['term_statistics', { nanos: 0, count: calls }],
    ['collection_statistics', { nanos: 0, count: calls }],
    ['create_weight', { nanos: Math.round(weightNanos), count: 1 }],
    ['rewrite', { nanos: Math.round(rewriteNanos), count: 1 }],
  ])
  return {
    type: 'statistics',
    description: 'collect term statistics',
    timeInNanos: Math.round(totalNanos),
    breakdown: breakdownEntries(DFS_TIMING_TYPES, breakdown),
    debug: [],
    children: [],
  }
}
