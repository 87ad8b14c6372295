/**
 * search_type=dfs_query_then_fetch: before the query phase, one copy of every shard answers the statistics its
 * scoring weights ask for (DfsPhase: the query rewritten and weighed, every TermStatistics and
 * CollectionStatistics the searcher hands out recorded; for fuzzy the expanded terms with their blended
 * docFreq), the coordinating node sums them (SearchPhaseController.aggregateDfs: per term docFreq and
 * totalTermFreq, per field maxDoc, docCount, sumTotalTermFreq and sumDocFreq, and maxDoc), and every shard's
 * query phase then scores with the sums (ContextIndexSearcher with its AggregatedDfs), so a score no longer
 * depends on how the documents are spread over the shards. With `profile`, the shard's DFS phase is profiled. A
 * search's `knn` section runs here too: each shard answers its top k documents of every knn search
 * (vectors/knn-search-phase.ts).
 */
import type {
  CollectionStatistics,
  DfsStatistics,
  ScoreDoc,
  TermStatistics,
} from '../../../engine-wasm/src/index/index.ts'
import type { IndexService } from '../index/index-service.ts'
import type { ShardSearcher } from '../index/shard/shard-searcher.ts'
import type { TextAnalyzer } from '../index/mapper/field-indexer.ts'
import { parseForIndex, type ShardSearchRequest } from './shard-search.ts'
import type { ProfileResult } from './profile/profile-result.ts'
import { nanoTime, timed } from './profile/shard-profile.ts'
import { dfsStatisticsProfile } from './profile/dfs-profile.ts'
import { knnDfsResults } from './vectors/knn-search-phase.ts'

/**
 * The shard's DFS phase (an EsException it throws is this shard's failure, as in the query phase), with its profile
 * when the search asks for one (profile/dfs-profile.ts), else null.
 */
export function executeDfsPhase(
  index: IndexService,
  shard: ShardSearcher,
  request: ShardSearchRequest,
  analyze: TextAnalyzer,
  now: number,
): { statistics: DfsStatistics; knn: ScoreDoc[][]; profile: ProfileResult | null } {
  index.scheduledRefresh(now)
  const start = nanoTime()
  const [{ parsed, query, context }, rewriteNanos] = timed(() =>
    parseForIndex(index, request, analyze, shard),
  )
  const [statistics, weightNanos] = timed(() => shard.searcherIndex.dfs(query))
  const knn = knnDfsResults(parsed.knn, context, request.aliasFilter ?? null)
  const profile = parsed.profile
    ? dfsStatisticsProfile(statistics, rewriteNanos, weightNanos, nanoTime() - start)
    : null
  return { statistics, knn, profile }
}

/** AggregatedDfs: the shards' statistics summed per term (field and text) and per field. */
export function aggregateDfs(results: readonly DfsStatistics[]): DfsStatistics {
  const terms = new Map<string, TermStatistics>()
  const fields = new Map<string, CollectionStatistics>()
  let maxDoc = 0
  for (const result of results) {
    for (const stats of result.terms) {
      const key = JSON.stringify([stats.field, stats.term])
      const seen = terms.get(key)
      terms.set(
        key,
        seen
          ? {
              ...seen,
              docFreq: seen.docFreq + stats.docFreq,
              totalTermFreq: seen.totalTermFreq + stats.totalTermFreq,
            }
          : stats,
      )
    }
    for (const stats of result.fields) {
      const seen = fields.get(stats.field)
      fields.set(
        stats.field,
        seen
          ? {
              field: stats.field,
              maxDoc: seen.maxDoc + stats.maxDoc,
              docCount: seen.docCount + stats.docCount,
              sumTotalTermFreq: seen.sumTotalTermFreq + stats.sumTotalTermFreq,
              sumDocFreq: seen.sumDocFreq + stats.sumDocFreq,
            }
          : stats,
      )
    }
    maxDoc += result.maxDoc
  }
  return { maxDoc, fields: [...fields.values()], terms: [...terms.values()] }
}
