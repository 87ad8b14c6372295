/**
 * SearchProgressListener (ES 8.17 server, action/search): what TransportSearchAction tells a listener while a search
 * runs on the coordinating node, in this order: onListShards once, before any shard is asked (the shards to query, the
 * skipped ones: none here, the playground has no can_match phase); then, as each shard's query phase answers,
 * onQueryResult or onQueryFailure (a DFS phase's failure too); onPartialReduce at each batched reduce
 * (QueryPhaseResultConsumer, query-phase-result-consumer.ts); onFinalReduce once every shard answered. Shard indices
 * are positions in the listed shards' order. Async search's MutableSearchResponse is the one listener.
 */
import type { InternalAggregations } from '../search/aggregations/index.ts'
import type { ShardFailure } from '../search/shard-failures.ts'

/** One reduce: how many shards it holds, their hits counted, the aggregations reduced on demand, its phase number. */
export interface ReduceProgress {
  shards: number
  totalHits: number
  /** The reduced aggregations, reduced only when asked (null: the search has none). */
  aggregations: () => InternalAggregations | null
  reducePhase: number
}

export interface SearchProgressListener {
  onListShards(total: number, skipped: number): void
  onQueryResult(shardIndex: number): void
  onQueryFailure(shardIndex: number, failure: ShardFailure): void
  onPartialReduce(progress: ReduceProgress): void
  onFinalReduce(progress: ReduceProgress): void
}
