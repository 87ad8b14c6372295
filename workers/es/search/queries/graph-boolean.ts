/**
 * MatchQueryParser.analyzeGraphBoolean: a match (or bool_prefix) text whose analysis is a token graph (a token
 * spanning several positions: synonym_graph's multi-word synonyms) is cut at its articulation points, the positions
 * no token spans across, as Lucene's GraphTokenStreamFiniteStrings cuts it (`graphSegments`). A segment whose first
 * position's tokens all end at one position (no side path) is that position's terms: a term (bool_prefix's last
 * segment: a prefix) or a SynonymQuery; otherwise each path through the segment, in token order
 * (GraphTokenStreamFiniteStrings numbers the tokens in stream order and FiniteStringsIterator walks the transitions by
 * that number), is a query of its own (a phrase, or a phrase prefix in bool_prefix's last segment, with
 * `auto_generate_synonyms_phrase_query`, else the conjunction of its terms; one token alone is its term query), joined
 * as SHOULD clauses (QueryBuilder.newGraphSynonymQuery: one path alone is itself).
 * Invariant: tokens are in stream order with non-decreasing positions; a graph with a hole (a position no token
 * starts at, before its end: stop words removed after the synonyms) is not cut here and answers null.
 */
import type { AnalyzedToken, IndexQuery } from '../../../../engine-wasm/src/index/index.ts'

/** How a graph's pieces become queries: the field's term, prefix, synonym and path queries. */
export interface GraphQueries {
  term(term: string): IndexQuery
  prefix(term: string): IndexQuery
  synonym(terms: readonly string[]): IndexQuery
  /** A side path's tokens (two or more), at consecutive positions from 0; `prefix` in bool_prefix's last segment. */
  path(tokens: readonly AnalyzedToken[], prefix: boolean): IndexQuery
}

/**
 * A piece of the graph between two articulation points: without a side path, the terms of its one position (in
 * stream order, GraphTokenStreamFiniteStrings.getTerms); with one, every path through it (getFiniteStrings(start, end)).
 */
export type GraphSegment = { terms: string[] } | { paths: AnalyzedToken[][] }

/** The graph's segments in position order; null for a graph with a hole. */
export function graphSegments(tokens: readonly AnalyzedToken[]): GraphSegment[] | null {
  const endOf = (t: AnalyzedToken): number => t.position + (t.positionLength ?? 1)
  const starts = new Set(tokens.map((t) => t.position))
  const end = Math.max(...tokens.map(endOf))
  if (tokens.some((t) => endOf(t) !== end && !starts.has(endOf(t)))) return null
  const cuts = [...starts]
    .filter((s) => !tokens.some((t) => t.position < s && s < endOf(t)))
    .sort((a, b) => a - b)
  return cuts.map((start, i) => {
    const segmentEnd = i === cuts.length - 1 ? end : cuts[i + 1]!
    const inSegment = tokens.filter((t) => t.position >= start && t.position < segmentEnd)
    const first = inSegment.filter((t) => t.position === start)
    if (new Set(first.map(endOf)).size === 1) return { terms: first.map((t) => t.term) }
    return { paths: segmentPaths(inSegment, start, segmentEnd, endOf) }
  })
}

/** One query per segment of the graph, to be joined with the match's operator; null for a graph with a hole. */
export function graphSegmentQueries(
  tokens: readonly AnalyzedToken[],
  isPrefix: boolean,
  queries: GraphQueries,
): IndexQuery[] | null {
  const segments = graphSegments(tokens)
  return (
    segments?.map((segment, i) => {
      const usePrefix = isPrefix && i === segments.length - 1
      if ('terms' in segment) {
        const { terms } = segment
        if (terms.length > 1) return queries.synonym(terms)
        return usePrefix ? queries.prefix(terms[0]!) : queries.term(terms[0]!)
      }
      const paths = segment.paths.map((path) =>
        path.length === 1 && !usePrefix ? queries.term(path[0]!.term) : queries.path(path, usePrefix),
      )
      if (paths.length === 1) return paths[0]!
      return {
        type: 'bool',
        must: [],
        should: paths,
        mustNot: [],
        filter: [],
        minimumShouldMatch: 0,
        boost: 1,
      }
    }) ?? null
  )
}

/**
 * Every path of tokens from `from` to `to`, depth first with each position's tokens in stream order; the path's
 * tokens at consecutive positions from 0.
 */
function segmentPaths(
  tokens: readonly AnalyzedToken[],
  from: number,
  to: number,
  endOf: (t: AnalyzedToken) => number,
): AnalyzedToken[][] {
  const walk = (at: number): AnalyzedToken[][] =>
    at === to
      ? [[]]
      : tokens.filter((t) => t.position === at).flatMap((t) => walk(endOf(t)).map((rest) => [t, ...rest]))
  return walk(from).map((path) => path.map((t, position) => ({ term: t.term, position })))
}
