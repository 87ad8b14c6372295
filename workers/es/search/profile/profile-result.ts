/**
 * The profile API's result shapes (org.elasticsearch.search.profile): ProfileResult (`type`, `description`,
 * `time_in_nanos`, `breakdown`, `debug` when not empty, `children` when not empty), CollectorResult (`name`,
 * `reason`, `time_in_nanos`, `children` when not empty), and the breakdown maps of AbstractProfileBreakdown.
 *
 * A breakdown has one entry per timing type and one `<type>_count` entry (how many times it was timed), built
 * as a java.util.HashMap (Maps.newMapWithExpectedSize of twice the types) and read back into one on the
 * coordinating node, so it prints in that HashMap's iteration order (java-hash.ts), not in enum order.
 * Timings are integer nanoseconds. Everything here is plain data: it crosses nodes in a shard's query result.
 */
import { javaHashOrder, javaStringHashCode } from '../../../net/java-hash.ts'
import type { JsonOut } from '../../xcontent/index.ts'

/** One breakdown: per timing type, its total nanoseconds and how many times it ran. */
export type Breakdown = ReadonlyMap<string, { nanos: number; count: number }>

export interface ProfileResult {
  type: string
  description: string
  timeInNanos: number
  /** The breakdown's entries in print order (breakdownEntries). */
  breakdown: Array<[string, number]>
  /** The `debug` section's entries in print order; empty for none. */
  debug: Array<[string, JsonOut]>
  children: ProfileResult[]
}

export interface CollectorResult {
  name: string
  reason: string
  timeInNanos: number
  children: CollectorResult[]
}

/** QueryTimingType, in enum order. */
export const QUERY_TIMING_TYPES = [
  'create_weight',
  'count_weight',
  'build_scorer',
  'next_doc',
  'advance',
  'match',
  'score',
  'shallow_advance',
  'compute_max_score',
  'set_min_competitive_score',
] as const

/** AggregationTimingType, in enum order. */
export const AGGREGATION_TIMING_TYPES = [
  'initialize',
  'build_leaf_collector',
  'collect',
  'post_collection',
  'build_aggregation',
  'reduce',
] as const

/** FetchPhaseTiming (the fetch phase's own breakdown), in enum order. */
export const FETCH_TIMING_TYPES = ['next_reader', 'load_stored_fields', 'load_source'] as const

/** FetchSubPhaseTiming (each fetch sub-phase's breakdown), in enum order. */
export const FETCH_SUB_PHASE_TIMING_TYPES = ['next_reader', 'process'] as const

/**
 * toBreakdownMap's entries in the order the coordinating node's HashMap prints them: `<type>` then
 * `<type>_count` put for each type in enum order into Maps.newMapWithExpectedSize(2 × types).
 */
export function breakdownEntries(types: readonly string[], breakdown: Breakdown): Array<[string, number]> {
  const entries: Array<[string, number]> = types.flatMap((type) => {
    const timing = breakdown.get(type) ?? { nanos: 0, count: 0 }
    return [
      [type, timing.nanos],
      [`${type}_count`, timing.count],
    ] as Array<[string, number]>
  })
  return javaHashOrder(entries, ([key]) => javaStringHashCode(key), expectedSizeCapacity(entries.length))
}

/** The table size of Maps.newMapWithExpectedSize(n): new HashMap<>((int) (n / 0.75f) + 1), a power of two. */
function expectedSizeCapacity(expectedSize: number): number {
  const initial = Math.trunc(expectedSize / 0.75) + 1
  let capacity = 1
  while (capacity < initial) capacity *= 2
  return capacity
}

/** The sum of a breakdown's timings: a node's time_in_nanos (AbstractProfileBreakdown.toNodeTime). */
export function nodeTime(breakdown: Breakdown): number {
  let total = 0
  for (const { nanos } of breakdown.values()) total += nanos
  return total
}

/** ProfileResult.toXContent. */
export function profileResultJson(result: ProfileResult): JsonOut {
  return {
    type: result.type,
    description: result.description,
    time_in_nanos: result.timeInNanos,
    breakdown: new Map(result.breakdown),
    ...(result.debug.length > 0 ? { debug: new Map(result.debug) } : {}),
    ...(result.children.length > 0 ? { children: result.children.map(profileResultJson) } : {}),
  }
}

/** CollectorResult.toXContent. */
export function collectorResultJson(result: CollectorResult): JsonOut {
  return {
    name: result.name,
    reason: result.reason,
    time_in_nanos: result.timeInNanos,
    ...(result.children.length > 0 ? { children: result.children.map(collectorResultJson) } : {}),
  }
}
