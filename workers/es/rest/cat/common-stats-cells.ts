/**
 * The statistics cells `_cat/shards` (RestShardsAction) and `_cat/indices` (RestIndicesAction) both read from a
 * CommonStats, by column name (the `pri.` twin of an indices column reads the same cell from the primaries' sum).
 * Each table lists its cells in its own column order: the order is the column declarations', never this map's.
 *
 * The statistics come from what the copies count (a copy's LocalShardStats, or their sum, common-stats.ts): the
 * ShardCounters, the segment count and the open reader contexts. Of the rest:
 * - gauges of work in flight (`*.current`, `refresh.listeners`) are 0: a node answers the stats request between two
 *   operations, never during one;
 * - every time is 0s: the simulated clock does not move while a copy works (docs/DEVIATIONS.md);
 * - `segments.memory` is 0b, as ES 8 always reports it;
 * - what the playground does not keep (completion, fielddata, query and request cache sizes, evictions and hits,
 *   fetch, scroll and suggest counts, external refreshes, warmers, bulk, failed indexing, writer,
 *   version map and bitset memory, vector counts) is empty.
 */
import type { ShardCounterValues } from '../../index/shard/shard-counters.ts'
import { ByteSize } from './byte-size.ts'
import { TimeCell } from './time-cell.ts'
import type { CatValue } from './rest-table.ts'

/** What a statistics cell reads: LocalShardStats and CommonStats both have it. */
export interface CountedStats {
  counters: ShardCounterValues
  segments: number
  /** The open scroll and point-in-time reader contexts (SearchStats' open_contexts). */
  openContexts: number
}

export type StatsCell = (stats: CountedStats) => CatValue

const ZERO_TIME = TimeCell.ofMillis(0)
const ZERO_BYTES = new ByteSize(0)

const notKept: StatsCell = () => null
const inFlight: StatsCell = () => 0
const time: StatsCell = () => ZERO_TIME

const CELLS: ReadonlyMap<string, StatsCell> = new Map<string, StatsCell>([
  ['completion.size', notKept],
  ['fielddata.memory_size', notKept],
  ['fielddata.evictions', notKept],
  ['query_cache.memory_size', notKept],
  ['query_cache.evictions', notKept],
  ['request_cache.memory_size', notKept],
  ['request_cache.evictions', notKept],
  ['request_cache.hit_count', notKept],
  ['request_cache.miss_count', notKept],
  ['flush.total', (s) => s.counters.flushTotal],
  ['flush.total_time', time],
  ['get.current', inFlight],
  ['get.time', time],
  ['get.total', (s) => s.counters.getTotal],
  ['get.exists_time', time],
  ['get.exists_total', (s) => s.counters.getExists],
  ['get.missing_time', time],
  ['get.missing_total', (s) => s.counters.getMissing],
  ['indexing.delete_current', inFlight],
  ['indexing.delete_time', time],
  ['indexing.delete_total', (s) => s.counters.deleteTotal],
  ['indexing.index_current', inFlight],
  ['indexing.index_time', time],
  ['indexing.index_total', (s) => s.counters.indexTotal],
  ['indexing.index_failed', notKept],
  ['merges.current', inFlight],
  ['merges.current_docs', inFlight],
  ['merges.current_size', () => ZERO_BYTES],
  ['merges.total', (s) => s.counters.mergeTotal],
  ['merges.total_docs', (s) => s.counters.mergeDocs],
  ['merges.total_size', (s) => new ByteSize(s.counters.mergeSizeInBytes)],
  ['merges.total_time', time],
  ['refresh.total', (s) => s.counters.refreshTotal],
  ['refresh.time', time],
  ['refresh.external_total', notKept],
  ['refresh.external_time', notKept],
  ['refresh.listeners', inFlight],
  ['search.fetch_current', inFlight],
  ['search.fetch_time', time],
  ['search.fetch_total', notKept],
  ['search.open_contexts', (s) => s.openContexts],
  ['search.query_current', inFlight],
  ['search.query_time', time],
  ['search.query_total', (s) => s.counters.queryTotal],
  ['search.scroll_current', notKept],
  ['search.scroll_time', notKept],
  ['search.scroll_total', notKept],
  ['segments.count', (s) => s.segments],
  ['segments.memory', () => ZERO_BYTES],
  ['segments.index_writer_memory', notKept],
  ['segments.version_map_memory', notKept],
  ['segments.fixed_bitset_memory', notKept],
  ['warmer.current', inFlight],
  ['warmer.total', notKept],
  ['warmer.total_time', notKept],
  ['suggest.current', inFlight],
  ['suggest.time', time],
  ['suggest.total', notKept],
  ['bulk.total_operations', notKept],
  ['bulk.total_time', notKept],
  ['bulk.total_size_in_bytes', notKept],
  ['bulk.avg_time', notKept],
  ['bulk.avg_size_in_bytes', notKept],
  ['dense_vector.value_count', notKept],
  ['sparse_vector.value_count', notKept],
])

/** The cell of the statistics column `name`; a name outside the table is a declaration slip, caught at load. */
export function statsCell(name: string): StatsCell {
  const cell = CELLS.get(name)
  if (cell === undefined) throw new Error(`no statistics cell for the _cat column [${name}]`)
  return cell
}
