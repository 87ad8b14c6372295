/**
 * What one shard copy counts for the stats APIs (ES's per-shard IndexingStats, GetStats, SearchStats,
 * RefreshStats, FlushStats and MergeStats counters), from the copy's start: counts only, no timings (the
 * simulated clock does not move while a copy works). Who counts what:
 * - indexTotal / deleteTotal: index and delete operations the copy applied as primary or replica
 *   (not those replayed by a recovery), counted by the shard request handler;
 * - getTotal / getExists / getMissing: realtime GETs the copy answered;
 * - queryTotal: query phases the copy ran;
 * - refreshTotal: refreshes the copy ran (IndexShard.refresh), flushTotal: commits it stored (IndicesService),
 *   flushPeriodic: those of them the translog's size or age started (IndexShard.afterWriteOperation);
 * - mergeTotal / mergeDocs / mergeSizeInBytes: merges the copy ran (ShardSegments), with the documents and
 *   bytes of the segments they merged
 *   (OneMerge.totalNumDocs: deleted documents included).
 * Plain numbers, so a snapshot crosses between nodes as is.
 */
export interface ShardCounterValues {
  indexTotal: number
  deleteTotal: number
  getTotal: number
  getExists: number
  getMissing: number
  queryTotal: number
  refreshTotal: number
  flushTotal: number
  flushPeriodic: number
  mergeTotal: number
  mergeDocs: number
  mergeSizeInBytes: number
}

export class ShardCounters implements ShardCounterValues {
  indexTotal = 0
  deleteTotal = 0
  getTotal = 0
  getExists = 0
  getMissing = 0
  queryTotal = 0
  refreshTotal = 0
  flushTotal = 0
  flushPeriodic = 0
  mergeTotal = 0
  mergeDocs = 0
  mergeSizeInBytes = 0

  snapshot(): ShardCounterValues {
    return { ...this }
  }
}
