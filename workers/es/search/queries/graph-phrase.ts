/**
 * MatchQueryParser.MatchQueryBuilder.analyzeGraphPhrase: a phrase whose analysis is a token graph (synonym_graph's
 * multi-word synonyms, word_delimiter_graph's catenated or preserved tokens) is not a PhraseQuery.
 * - With a slop: a BooleanQuery of one SHOULD clause per path through the whole graph
 *   (GraphTokenStreamFiniteStrings.getFiniteStrings, depth first in token order), each the path's phrase with the
 *   slop (a path of one token: its term query).
 * - Without: a SpanNearQuery (slop 0, in order) of one clause per segment between articulation points
 *   (graph-boolean.ts's graphSegments): a segment without a side path is its position's SpanTermQuery, or a
 *   SpanOrQuery of its terms in stream order; one with side paths is a SpanOrQuery of each path's SpanNearQuery
 *   (slop 0, in order; a path of one token: its SpanTermQuery). One segment is its clause alone.
 * Such spans are scored by SpanWeight: one idf summed over every term they hold, the sloppy frequency of the matches.
 * A graph with a hole answers null (graph-boolean.ts).
 */
import type { AnalyzedToken, IndexQuery, SpanQuery } from '../../../../engine-wasm/src/index/index.ts'
import { graphSegments, type GraphSegment } from './graph-boolean.ts'

/** How a path with a slop becomes a query: the field's term query and its phrase query. */
export interface GraphPhraseQueries {
  term(term: string): IndexQuery
  phrase(tokens: readonly AnalyzedToken[], slop: number): IndexQuery
}

/** The query a graph phrase becomes: a BooleanQuery of paths or a span query. */
export type GraphPhrase = Extract<IndexQuery, { type: 'bool' | 'span' }>

/** The graph phrase's query on `field`; null for a graph with a hole. */
export function graphPhraseQuery(
  field: string,
  tokens: readonly AnalyzedToken[],
  slop: number,
  queries: GraphPhraseQueries,
): GraphPhrase | null {
  const segments = graphSegments(tokens)
  if (segments === null) return null
  if (slop > 0) {
    const should = finiteStrings(segments).map((path) =>
      path.length === 1 ? queries.term(path[0]!) : queries.phrase(positioned(path), slop),
    )
    return { type: 'bool', must: [], should, mustNot: [], filter: [], minimumShouldMatch: 0, boost: 1 }
  }
  const spanTerm = (term: string): SpanQuery => ({ type: 'spanTerm', field, term })
  const near = (clauses: SpanQuery[]): SpanQuery =>
    clauses.length === 1 ? clauses[0]! : { type: 'spanNear', field, clauses, slop: 0, inOrder: true }
  const or = (clauses: SpanQuery[]): SpanQuery =>
    clauses.length === 1 ? clauses[0]! : { type: 'spanOr', field, clauses }
  const clauses = segments.map((segment) =>
    'terms' in segment
      ? or(segment.terms.map(spanTerm))
      : {
          type: 'spanOr' as const,
          field,
          clauses: segment.paths.map((path) => near(path.map((t) => spanTerm(t.term)))),
        },
  )
  return { type: 'span', query: near(clauses), boost: 1 }
}

/** Every path through the graph: the segments' alternatives combined, the first segment's varying slowest. */
function finiteStrings(segments: readonly GraphSegment[]): string[][] {
  return segments.reduce<string[][]>(
    (paths, segment) => {
      const pieces =
        'terms' in segment ? segment.terms.map((t) => [t]) : segment.paths.map((p) => p.map((t) => t.term))
      return paths.flatMap((path) => pieces.map((piece) => [...path, ...piece]))
    },
    [[]],
  )
}

function positioned(terms: readonly string[]): AnalyzedToken[] {
  return terms.map((term, position) => ({ term, position }))
}
