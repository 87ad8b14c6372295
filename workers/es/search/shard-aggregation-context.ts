/**
 * The ShardContext the aggregations collect over: one shard's searcher view (doc values derived from
 * `_source`, every live document for `global`, a Query DSL filter run on the shard's inverted index for
 * `filter`/`filters`), and top_hits rendered as the search's hits are, ordered by the request query's
 * score (then doc id, as Lucene's TopScoreDocCollector breaks ties).
 */
import type { DfsStatistics, IndexQuery, TopDocs } from '../../../engine-wasm/src/index/index.ts'
import { illegalArgumentException } from '../errors/index.ts'
import { JavaFloat, type JsonOut } from '../xcontent/index.ts'
import { fetchSourceOption } from '../action/fetch-source.ts'
import { fetchedSource } from '../action/get-result.ts'
import type { IndexService } from '../index/index-service.ts'
import type { IndexShard } from '../index/shard/index-shard.ts'
import { leafFields } from '../index/mapper/mapping.ts'
import type { ShardContext, ShardTopHits } from './aggregations/index.ts'
import { shardDocValues } from './doc-values-source.ts'
import { buildQuery } from './query-builder.ts'

const MATCH_ALL: IndexQuery = { type: 'matchAll', boost: 1 }

/** A k no shard reaches: the collector keeps min(k, matches), so this asks for every match in one pass. */
const ALL_MATCHES = 0x7fffffff

/**
 * Every match of the query on the shard's searcher, best first (score, then doc id); scored with `dfs` when
 * given (dfs_query_then_fetch).
 */
export function allMatches(shard: IndexShard, query: IndexQuery, dfs: DfsStatistics | null = null): TopDocs {
  return shard.searcherIndex.search(query, ALL_MATCHES, dfs)
}

/** Every match by ascending doc id, with its score. */
export function docScores(top: TopDocs): Map<number, number> {
  const sorted = [...top.scoreDocs].sort((a, b) => a.docId - b.docId)
  return new Map(sorted.map(({ docId, score }) => [docId, score]))
}

/** Every document of the shard's searcher that matches, by ascending doc id, with its score. */
export function matchingDocs(shard: IndexShard, query: IndexQuery): Map<number, number> {
  return docScores(allMatches(shard, query))
}

export function shardAggregationContext(
  index: IndexService,
  shard: IndexShard,
  scores: ReadonlyMap<number, number>,
  now: number,
): ShardContext {
  const fields = leafFields(index.metadata.mapping)
  const name = index.metadata.name
  return {
    index: name,
    now,
    source: shardDocValues(shard, index.metadata.mapping),
    get allDocs() {
      return [...matchingDocs(shard, MATCH_ALL).keys()]
    },
    filter(query) {
      const built = buildQuery(query, { fields, analyze: index.analysis.analyze })
      return new Set(matchingDocs(shard, built).keys())
    },
    topHits(docs, request): ShardTopHits {
      if (request.options.has('sort')) {
        throw illegalArgumentException('[top_hits] [sort] is not available in the playground')
      }
      const fetch = fetchSourceOption(request.options.get('_source'))
      const ranked = docs
        .map((doc) => ({ doc, score: scores.get(doc) ?? 1 }))
        .sort((a, b) => b.score - a.score || a.doc - b.doc)
      const hits = ranked.slice(request.from, request.from + request.size).flatMap(({ doc, score }) => {
        const stored = shard.searchedDocument(doc)
        if (stored === undefined) return []
        const hit = new Map<string, JsonOut>([
          ['_index', name],
          ['_id', stored.id],
          ['_score', new JavaFloat(score)],
        ])
        if (stored.routing !== null) hit.set('_routing', stored.routing)
        const source = fetchedSource(stored.source, null, fetch)
        if (source !== undefined) hit.set('_source', source)
        return [{ sortKey: [-score], hit }]
      })
      return { totalHits: docs.length, maxScore: ranked[0]?.score ?? null, hits }
    },
  }
}
