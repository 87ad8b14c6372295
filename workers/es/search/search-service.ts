/**
 * SearchService: the query-then-fetch of one search request over the shards of the target indices.
 * Each shard scores with its own statistics (BM25 per shard, ES's default query_then_fetch) and
 * returns its top from+size; the coordinating step merges them by score, then shard, then doc id, as
 * ES's SearchPhaseController does, and fetches `_source` for the page. With aggregations, each shard
 * also collects them over every document the query matches (the query phase), and the coordinating
 * step reduces the shard results across shards and indices. A shard whose query phase throws an
 * EsException is a shard failure (see shard-failures.ts); the others still answer.
 */
import type { IndexQuery } from '../../../engine-wasm/src/index/index.ts'
import { EsException } from '../errors/index.ts'
import type { IndexService } from '../index/index-service.ts'
import type { StoredDocument } from '../index/shard/index-shard.ts'
import {
  collectAggregations,
  reduceShardAggregations,
  type AggregationBuilder,
  type InternalAggregations,
} from './aggregations/index.ts'
import { allMatches, docScores, shardAggregationContext } from './shard-aggregation-context.ts'
import type { ShardFailure } from './shard-failures.ts'

export interface SearchHit {
  index: string
  score: number
  doc: StoredDocument
}

export interface SearchResult {
  totalHits: number
  maxScore: number | null
  hits: SearchHit[]
  shards: number
  /** The reduced aggregations, or null when the request had none. */
  aggregations: InternalAggregations | null
  failures: ShardFailure[]
}

export function executeSearch(
  targets: ReadonlyArray<{ index: IndexService; query: IndexQuery }>,
  from: number,
  size: number,
  now: number,
  aggregations: readonly AggregationBuilder[] | null = null,
): SearchResult {
  const candidates: Array<SearchHit & { order: number; docId: number }> = []
  const perShard: InternalAggregations[] = []
  const failures: ShardFailure[] = []
  let totalHits = 0
  let shards = 0
  for (const { index, query } of targets) {
    index.scheduledRefresh(now)
    for (const shard of index.shards) {
      const order = shards++
      // With aggregations the shard collects every match once; its best from+size are the hits.
      const all = aggregations !== null ? allMatches(shard, query) : null
      try {
        if (aggregations !== null && all !== null) {
          const scores = docScores(all)
          const context = shardAggregationContext(index, shard, scores, now)
          perShard.push(collectAggregations(aggregations, context, [...scores.keys()]))
        }
      } catch (error) {
        if (!(error instanceof EsException)) throw error
        failures.push({ index: index.metadata.name, shard: shard.shardId, error })
        continue
      }
      const top = all ?? shard.searcherIndex.search(query, from + size)
      totalHits += top.totalHits
      for (const { docId, score } of top.scoreDocs.slice(0, from + size)) {
        const doc = shard.searchedDocument(docId)
        if (doc) candidates.push({ index: index.metadata.name, score, doc, order, docId })
      }
    }
  }
  candidates.sort((a, b) => b.score - a.score || a.order - b.order || a.docId - b.docId)
  return {
    totalHits,
    maxScore: candidates.length > 0 ? candidates[0]!.score : null,
    hits: candidates.slice(from, from + size).map(({ index, score, doc }) => ({ index, score, doc })),
    shards,
    aggregations: aggregations === null || perShard.length === 0 ? null : reduceShardAggregations(perShard),
    failures,
  }
}

export function countMatches(
  targets: ReadonlyArray<{ index: IndexService; query: IndexQuery }>,
  now: number,
): number {
  let count = 0
  for (const { index, query } of targets) {
    index.scheduledRefresh(now)
    for (const shard of index.shards) count += shard.searcherIndex.count(query)
  }
  return count
}
