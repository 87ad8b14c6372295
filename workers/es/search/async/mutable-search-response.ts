/**
 * MutableSearchResponse (ES 8.17 x-pack async-search): a running async search's partial response, built from what
 * its SearchProgressListener (action/search-progress-listener.ts) was told.
 *
 * Before onListShards there is no response (an error then has none either). Once the shards are listed:
 * `took` (now − start), `timed_out` false, `num_reduce_phases` (the last reduce's phase number, 0 before any; printed
 * only when not 1, as SearchResponse does), `_shards` (the listed total; successful: the shards of the last reduce
 * plus the skipped ones; failed: the query failures so far, with `failures` grouped as a search response groups them),
 * `hits` (total `{"value":0,"relation":"gte"}` before any reduce, then the last reduce's count as the request's
 * track_total_hits shows it; `max_score` null; no hits: partial results hold no documents) and `aggregations` (the last
 * reduce's, reduced once when first shown). Every progress event first lets the task check its expiration
 * (AsyncSearchTask.checkCancellation).
 */
import type { JsonOut } from '../../xcontent/index.ts'
import { aggregationsResponse, type InternalAggregations } from '../aggregations/index.ts'
import type { ShardFailure } from '../shard-failures.ts'
import { groupedFailures } from '../shard-failures.ts'
import type { ParsedSearch } from '../search-request.ts'
import type { ReduceProgress, SearchProgressListener } from '../../action/search-progress-listener.ts'
import { totalHitsJson } from '../../rest/actions/search-actions.ts'
import type { ShardCounts } from './async-search-response.ts'

/** A search response printed without and with `typed_keys`, its `took` and shard counts. */
export type PrintedSearchResponse = { plain: JsonOut; typed: JsonOut; took: number; shards: ShardCounts }

export class MutableSearchResponse implements SearchProgressListener {
  private totalShards: number | null = null
  private skippedShards = 0
  private successfulShards = 0
  /** null: EMPTY_TOTAL_HITS, before any reduce. */
  private totalHits: number | null = null
  private reducedAggregations: () => InternalAggregations | null = () => null
  private reducePhase = 0
  private readonly queryFailures = new Map<number, ShardFailure>()

  constructor(
    private readonly hitsView: Pick<ParsedSearch, 'trackTotalHits' | 'totalHitsAsInt'>,
    private readonly checkCancellation: () => void,
  ) {}

  onListShards(total: number, skipped: number): void {
    this.checkCancellation()
    this.totalShards = total
    this.skippedShards = skipped
  }

  onQueryResult(): void {
    this.checkCancellation()
  }

  onQueryFailure(shardIndex: number, failure: ShardFailure): void {
    this.checkCancellation()
    this.queryFailures.set(shardIndex, failure)
  }

  onPartialReduce(progress: ReduceProgress): void {
    this.checkCancellation()
    this.update(progress)
  }

  onFinalReduce(progress: ReduceProgress): void {
    this.checkCancellation()
    this.update(progress)
  }

  private update({ shards, totalHits, aggregations, reducePhase }: ReduceProgress): void {
    this.successfulShards = shards + this.skippedShards
    this.totalHits = totalHits
    let reduced: InternalAggregations | null | undefined
    this.reducedAggregations = () => (reduced === undefined ? (reduced = aggregations()) : reduced)
    this.reducePhase = reducePhase
  }

  /** buildResponse: the partial response `took` ms after the start, or null before the shards were listed. */
  response(took: number): PrintedSearchResponse | null {
    const total = this.totalShards
    if (total === null) return null
    const failures = [...this.queryFailures.entries()].sort(([a], [b]) => a - b).map(([, f]) => f)
    const shards = {
      total,
      successful: this.successfulShards,
      skipped: this.skippedShards,
      failed: failures.length,
    }
    const { trackTotalHits, totalHitsAsInt } = this.hitsView
    const hitsTotal =
      this.totalHits === null
        ? { total: totalHitsAsInt ? 0 : { value: 0, relation: 'gte' } }
        : totalHitsJson(this.totalHits, trackTotalHits, totalHitsAsInt)
    const aggregations = this.reducedAggregations()
    const print = (typedKeys: boolean): JsonOut => {
      const body = new Map<string, JsonOut>([
        ['took', took],
        ['timed_out', false],
      ])
      if (this.reducePhase !== 1) body.set('num_reduce_phases', this.reducePhase)
      body.set('_shards', failures.length === 0 ? shards : { ...shards, failures: groupedFailures(failures) })
      body.set('hits', { ...hitsTotal, max_score: null, hits: [] })
      if (aggregations !== null) body.set('aggregations', aggregationsResponse(aggregations, { typedKeys }))
      return body
    }
    return { plain: print(false), typed: print(true), took, shards }
  }
}
