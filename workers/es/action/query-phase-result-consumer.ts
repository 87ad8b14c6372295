/**
 * QueryPhaseResultConsumer (ES 8.17 server) as far as a SearchProgressListener sees it: the shards' query results are
 * consumed as they arrive; when a result arrives while the buffer holds `batchReduceSize` results (counting the last
 * partial reduce as one), the buffer is reduced with it (numReducePhases + 1, onPartialReduce with every shard reduced
 * so far) before the result is buffered. The batch size is min(batched_reduce_size, shards) when the search has
 * aggregations or top docs (`size` above 0), else the shard count (no partial reduce). The final reduce is one more
 * phase. The coordinating node's actual reduce (transport-search-action.ts) takes all the results at once; the
 * aggregations a partial reduce reports are every reduced shard's aggregations reduced in one final reduce, in shard
 * order, which is what AsyncSearchTask shows of ES's partially reduced ones.
 */
import {
  readAggregations,
  reduceShardAggregations,
  type AggregationBuilder,
  type AggregationsWire,
  type InternalAggregations,
} from '../search/aggregations/index.ts'
import type { StoredScriptLookup } from '../cluster/metadata/script-metadata.ts'
import type { SearchProgressListener } from './search-progress-listener.ts'

/** A shard's query result as the consumer holds it. */
export interface ConsumedResult {
  shardIndex: number
  totalHits: number
  aggregations: AggregationsWire | null
}

export interface ConsumerOptions {
  /** The request's batched_reduce_size. */
  batchedReduceSize: number
  /** How many shards answer (the expected result size). */
  shards: number
  hasTopDocs: boolean
  /** The request's aggregations, or null. */
  aggregations: readonly AggregationBuilder[] | null
  reduce: { scripts: StoredScriptLookup; maxBuckets: number }
}

export class QueryPhaseResultConsumer {
  private readonly batchReduceSize: number
  private buffer: ConsumedResult[] = []
  private readonly reduced: ConsumedResult[] = []
  private hasPartialReduce = false
  private numReducePhases = 0

  constructor(
    private readonly listener: SearchProgressListener,
    private readonly options: ConsumerOptions,
  ) {
    const { batchedReduceSize, shards, hasTopDocs, aggregations } = options
    this.batchReduceSize = aggregations !== null || hasTopDocs ? Math.min(batchedReduceSize, shards) : shards
  }

  consume(result: ConsumedResult): void {
    this.listener.onQueryResult(result.shardIndex)
    if (this.buffer.length + (this.hasPartialReduce ? 1 : 0) >= this.batchReduceSize) {
      this.hasPartialReduce = true
      this.reduced.push(...this.buffer)
      this.buffer = []
      this.numReducePhases++
      this.listener.onPartialReduce(this.progress(this.reduced, this.numReducePhases))
    }
    this.buffer.push(result)
  }

  /** The final reduce of every result consumed; returns its phase number (the response's num_reduce_phases). */
  finalReduce(): number {
    const phase = this.numReducePhases + 1
    this.listener.onFinalReduce(this.progress([...this.reduced, ...this.buffer], phase))
    return phase
  }

  private progress(results: readonly ConsumedResult[], reducePhase: number) {
    const shards = [...results].sort((a, b) => a.shardIndex - b.shardIndex)
    const { aggregations: builders, reduce } = this.options
    const aggregations = (): InternalAggregations | null => {
      const wires = shards.flatMap(({ aggregations }) => (aggregations === null ? [] : [aggregations]))
      if (builders === null || wires.length === 0) return null
      return reduceShardAggregations(wires.map(readAggregations), reduce.maxBuckets, builders, reduce.scripts)
    }
    return {
      shards: shards.length,
      totalHits: shards.reduce((sum, { totalHits }) => sum + totalHits, 0),
      aggregations,
      reducePhase,
    }
  }
}
