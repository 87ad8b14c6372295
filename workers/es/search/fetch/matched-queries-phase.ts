/**
 * MatchedQueriesPhase, the fetch sub-phase behind `matched_queries`: every query clause given a `_name`
 * (collected while the shard builds the query, see query-builder.ts; a later clause of the same name replaces an
 * earlier one, as SearchExecutionContext.addNamedQuery puts into a map) is run again on its own, and each hit
 * lists the names whose query matches its document, with that query's own score (ScoreMode.COMPLETE: the named
 * clause scored standalone, its boost included, whatever context it sat in).
 *
 * The names come out in the iteration order of the java.util.HashMap ES keeps them in (net/java-hash.ts).
 * One search per named query and shard: the named query as MUST, the hits' `_id` terms as FILTER (which only
 * restricts, so a hit's score is the named query's), top k = the number of hits.
 */
import type { DfsStatistics, IndexQuery, InvertedIndex } from '../../../../engine-wasm/src/index/index.ts'
import { javaHashOrder, javaStringHashCode } from '../../../net/java-hash.ts'

/** A hit's matched names with their scores, in ES's order. */
export type MatchedQueries = Array<[string, number]>

export interface FetchedDoc {
  docId: number
  /** The document's `_id`. */
  id: string
}

function restrictedTo(named: IndexQuery, ids: readonly string[]): IndexQuery {
  const should = ids.map((id): IndexQuery => ({ type: 'term', field: '_id', term: id, boost: 1 }))
  const hits: IndexQuery = {
    type: 'bool',
    must: [],
    should,
    mustNot: [],
    filter: [],
    minimumShouldMatch: 1,
    boost: 1,
  }
  return {
    type: 'bool',
    must: [named],
    should: [],
    mustNot: [],
    filter: [hits],
    minimumShouldMatch: 0,
    boost: 1,
  }
}

/**
 * Each fetched document's matched named queries (in `docs` order), or null when the search names no query or
 * fetched nothing.
 */
export function matchedQueries(
  index: InvertedIndex,
  named: ReadonlyMap<string, IndexQuery>,
  docs: readonly FetchedDoc[],
  dfs: DfsStatistics | null,
): MatchedQueries[] | null {
  if (named.size === 0 || docs.length === 0) return null
  const ids = docs.map((doc) => doc.id)
  const matches = docs.map((): MatchedQueries => [])
  const position = new Map(docs.map((doc, i) => [doc.docId, i]))
  for (const [name, query] of javaHashOrder([...named], ([name]) => javaStringHashCode(name))) {
    for (const { docId, score } of index.search(restrictedTo(query, ids), docs.length, dfs).scoreDocs) {
      const at = position.get(docId)
      if (at !== undefined) matches[at]!.push([name, score])
    }
  }
  return matches
}

/** SearchHit's `matched_queries`: the names, or with include_named_queries_score an object name → score. */
export function matchedQueriesJson<F>(
  matches: MatchedQueries,
  withScores: boolean,
  float: (score: number) => F,
): string[] | Map<string, F> {
  return withScores
    ? new Map(matches.map(([name, score]) => [name, float(score)]))
    : matches.map(([name]) => name)
}
