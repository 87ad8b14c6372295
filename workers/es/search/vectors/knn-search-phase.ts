/**
 * A search's `knn` section across its phases (ES 8.17's DfsPhase.executeKnnVectorQuery, DfsQueryPhase and
 * SearchService's sub searches):
 * - DFS phase, on each shard: every knn search finds the shard's top k documents (knn-vector-query.ts), its filters
 *   ANDed with the index's alias filter; the scores are the similarity's, unboosted.
 * - Coordinating node (`mergeKnnResults`): each search's shard results merged to its global top k, as TopDocs.merge
 *   does (score, then shard index, then doc id), and handed back to each shard as its part.
 * - Query phase, on each shard (`withKnnQueries`): each search becomes a KnnScoreDocQuery of its documents with
 *   their scores times its `boost`, named by its `_name`; with the request's query they are SHOULD clauses of one
 *   bool (the scores summed), without one the single knn query stands alone, several are a bool of them.
 */
import type { IndexQuery, ScoreDoc } from '../../../../engine-wasm/src/index/index.ts'
import { parseJson } from '../../xcontent/index.ts'
import { buildQuery, parseInnerQuery } from '../query-builder.ts'
import type { QueryContext } from '../queries/query-parsing.ts'
import type { ParsedSearch } from '../search-request.ts'
import type { KnnSearchBuilder } from './knn-search-builder.ts'
import { knnScoreDocQuery, knnPreFilter, knnTopDocs } from './knn-vector-query.ts'

/** One shard's DFS results: for each knn search of the request, its top k documents there. */
export function knnDfsResults(
  knn: readonly KnnSearchBuilder[],
  context: QueryContext,
  aliasFilter: string | null,
): ScoreDoc[][] {
  return knn.map((search) => {
    const filters = search.filter.map((filter) => parseInnerQuery(filter, context))
    if (aliasFilter !== null) filters.push(buildQuery(parseJson(aliasFilter), context))
    const filter: IndexQuery | null = knnPreFilter(filters)
    return knnTopDocs({ ...search, filter }, context)
  })
}

/** SearchPhaseController.mergeKnnResults: each search's global top k, as each shard's part (by shard index). */
export function mergeKnnResults(
  knn: readonly KnnSearchBuilder[],
  shards: ReadonlyArray<{ shardIndex: number; knn: readonly ScoreDoc[][] }>,
): Map<number, ScoreDoc[][]> {
  const parts = new Map<number, ScoreDoc[][]>(shards.map(({ shardIndex }) => [shardIndex, []]))
  knn.forEach((search, i) => {
    const merged = shards
      .flatMap(({ shardIndex, knn: results }) => (results[i] ?? []).map((doc) => ({ ...doc, shardIndex })))
      .sort((a, b) => b.score - a.score || a.shardIndex - b.shardIndex || a.docId - b.docId)
      .slice(0, search.k)
    for (const [shardIndex, part] of parts)
      part.push(
        merged.filter((doc) => doc.shardIndex === shardIndex).map(({ docId, score }) => ({ docId, score })),
      )
  })
  return parts
}

/** The request's query on this shard with its knn searches' documents (`knnHits`) as SHOULD clauses. */
export function withKnnQueries(
  parsed: ParsedSearch,
  context: QueryContext,
  knnHits: readonly ScoreDoc[][] | undefined,
): IndexQuery {
  if (parsed.knn.length === 0) return parsed.queryFor(context)
  const clauses = parsed.hasQuery ? [parsed.queryFor(context)] : []
  parsed.knn.forEach((search, i) => {
    const query = knnScoreDocQuery(knnHits?.[i] ?? [], search.boost)
    if (search.queryName !== null) context.namedQueries?.set(search.queryName, query)
    clauses.push(query)
  })
  if (clauses.length === 1) return clauses[0]!
  return { type: 'bool', must: [], should: clauses, mustNot: [], filter: [], minimumShouldMatch: 0, boost: 1 }
}
