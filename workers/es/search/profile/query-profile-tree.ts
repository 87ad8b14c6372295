/**
 * A shard's query as the profile's `query` section shows it (InternalQueryProfileTree): one ProfileResult per Lucene
 * query the searcher built a Weight for, the rewritten query's class simple name as `type`, its toString as
 * `description` (explain/query-description.ts, as `_validate/query?explain` prints it), children in the order the
 * parent creates their weights (BooleanQuery: must, must_not, should, filter; BoostQuery: the boosted query).
 * Rewrites the profile sees: a boost other than 1 is a BoostQuery around the unboosted query; a BooleanQuery of one
 * scoring clause (a must, or a should without minimum_should_match above 1) is that clause.
 *
 * Timings: the engine matches and scores a query tree in one pass inside WASM, so the root node's measured pass is
 * its `next_doc` time, `next_doc_count` the documents it matched and `score_count` those it scored; each child is
 * timed by counting its own matches on the shard (its `next_doc` time and count). Weight creation and scorer
 * building happen inside that pass: `create_weight_count` and `build_scorer_count` are 1 (one segment), their
 * times 0; advance, match, shallow_advance, compute_max_score, set_min_competitive_score and count_weight are 0.
 */
import { distanceFeatureClass } from '../explain/distance-feature-explanation.ts'
import type { IndexQuery, SpanQuery } from '../../../../engine-wasm/src/index/index.ts'
import { boolClauses, describeQuery } from '../explain/query-description.ts'
import { breakdownEntries, nodeTime, QUERY_TIMING_TYPES, type ProfileResult } from './profile-result.ts'

/** One query node's measured pass: how long it took and how many documents matched. */
export interface QueryMeasure {
  nanos: number
  matches: number
}

/**
 * The profile tree of `query`: the root from its measured search pass (`scored`: whether it computed scores),
 * every descendant measured by `measure`.
 */
export function queryProfileTree(
  query: IndexQuery,
  root: QueryMeasure & { scored: boolean },
  measure: (query: IndexQuery) => QueryMeasure,
): ProfileResult {
  return profileNode(profiledQuery(query), root, root.scored, measure)
}

function profileNode(
  query: IndexQuery,
  measured: QueryMeasure,
  scored: boolean,
  measure: (query: IndexQuery) => QueryMeasure,
): ProfileResult {
  const breakdown = new Map([
    ['create_weight', { nanos: 0, count: 1 }],
    ['build_scorer', { nanos: 0, count: 1 }],
    ['next_doc', { nanos: Math.round(measured.nanos), count: measured.matches }],
    ['score', { nanos: 0, count: scored ? measured.matches : 0 }],
  ])
  return {
    type: luceneQueryClass(query),
    description: describeQuery(query),
    timeInNanos: nodeTime(breakdown),
    breakdown: breakdownEntries(QUERY_TIMING_TYPES, breakdown),
    debug: [],
    children: childQueries(query).map(({ query: child, scoring }) => {
      const rewritten = profiledQuery(child)
      return profileNode(rewritten, measure(rewritten), scored && scoring, measure)
    }),
  }
}

/**
 * The query Lucene's rewrite leaves for the profiler: a one-clause BooleanQuery is its clause; a BooleanQuery drops
 * its MatchNoDocsQuery SHOULD and MUST_NOT clauses and is a required one itself, and DisjunctionMaxQuery drops its
 * MatchNoDocsQuery disjuncts (BooleanQuery.rewrite, DisjunctionMaxQuery.rewrite, with the reasons they give).
 */
function profiledQuery(query: IndexQuery): IndexQuery {
  if (query.type === 'disMax') return profiledDisMax(query)
  if (query.type !== 'bool') return query
  const clauses = boolClauses(query)
  const only = clauses.length === 1 ? clauses[0]! : null
  if (only !== null && (only.occur === '+' || (only.occur === '' && query.minimumShouldMatch <= 1))) {
    if (only.query.type === 'matchNone') return only.query
    return profiledQuery({ ...only.query, boost: Math.fround(only.query.boost * query.boost) })
  }
  const required = [...query.must, ...query.filter].find(isMatchNone)
  if (required !== undefined) return required
  if (!query.should.some(isMatchNone) && !query.mustNot.some(isMatchNone)) return query
  const should = query.should.filter((q) => !isMatchNone(q))
  const mustNot = query.mustNot.filter((q) => !isMatchNone(q))
  if (query.must.length + query.filter.length + should.length + mustNot.length === 0)
    return { type: 'matchNone', reason: 'empty BooleanQuery' }
  return profiledQuery({ ...query, should, mustNot })
}

function profiledDisMax(query: Extract<IndexQuery, { type: 'disMax' }>): IndexQuery {
  const live = query.queries.filter((q): q is Exclude<IndexQuery, { type: 'matchNone' }> => !isMatchNone(q))
  if (live.length === query.queries.length) return query
  const [only, ...rest] = live
  if (only === undefined) return { type: 'matchNone', reason: 'empty DisjunctionMaxQuery' }
  if (rest.length > 0) return { ...query, queries: live }
  return profiledQuery({ ...only, boost: Math.fround(only.boost * query.boost) })
}

function isMatchNone(query: IndexQuery): boolean {
  return query.type === 'matchNone'
}

/** The queries a node creates weights for, and whether each of them scores. */
function childQueries(query: IndexQuery): Array<{ query: IndexQuery; scoring: boolean }> {
  if (query.type !== 'matchNone' && Math.fround(query.boost) !== 1) {
    return [{ query: { ...query, boost: 1 }, scoring: true }]
  }
  switch (query.type) {
    case 'bool':
      return boolClauses(query).map(({ occur, query: clause }) => ({
        query: clause,
        scoring: occur === '+' || occur === '',
      }))
    case 'disMax':
    case 'covering':
      return query.queries.map((clause) => ({ query: clause, scoring: true }))
    case 'constantScore':
      return [{ query: query.filter, scoring: false }]
    case 'boosting':
      return [
        { query: query.positive, scoring: true },
        { query: query.negative, scoring: true },
      ]
    case 'functionScore':
    case 'nested':
    case 'cappedScore':
      return [{ query: query.query, scoring: true }]
    default:
      return []
  }
}

/** The simple name of the Lucene (or ES) query class that runs the node. */
function luceneQueryClass(query: IndexQuery): string {
  if (query.type !== 'matchNone' && Math.fround(query.boost) !== 1) return 'BoostQuery'
  if (query.type === 'distanceFeature') return distanceFeatureClass(query)
  if (query.type === 'knnScoreDoc' && query.percolate === true) return 'PercolateQuery'
  return query.type === 'span' ? SPAN_QUERY_CLASSES[query.query.type] : QUERY_CLASSES[query.type]
}

const SPAN_QUERY_CLASSES: Record<SpanQuery['type'], string> = {
  spanTerm: 'SpanTermQuery',
  spanNear: 'SpanNearQuery',
  spanOr: 'SpanOrQuery',
  spanFirst: 'SpanFirstQuery',
  spanNot: 'SpanNotQuery',
  spanContaining: 'SpanContainingQuery',
  spanWithin: 'SpanWithinQuery',
  fieldMaskingSpan: 'FieldMaskingSpanQuery',
  spanMulti: 'SpanMultiTermQueryWrapper',
  spanMatchNone: 'SpanMatchNoDocsQuery',
  spanGap: 'SpanGapQuery',
}

const QUERY_CLASSES: Record<Exclude<IndexQuery['type'], 'span' | 'distanceFeature'>, string> = {
  term: 'TermQuery',
  phrase: 'PhraseQuery',
  phrasePrefix: 'MultiPhrasePrefixQuery',
  blendedTerms: 'BlendedTermQuery',
  matchAll: 'MatchAllDocsQuery',
  matchNone: 'MatchNoDocsQuery',
  prefix: 'MultiTermQueryConstantScoreBlendedWrapper',
  wildcard: 'MultiTermQueryConstantScoreBlendedWrapper',
  regexp: 'MultiTermQueryConstantScoreBlendedWrapper',
  fuzzy: 'FuzzyQuery',
  termRange: 'MultiTermQueryConstantScoreBlendedWrapper',
  numericRange: 'PointRangeQuery',
  exists: 'FieldExistsQuery',
  geoDistance: 'IndexOrDocValuesQuery',
  geoBoundingBox: 'IndexOrDocValuesQuery',
  disMax: 'DisjunctionMaxQuery',
  cappedScore: 'CappedScoreQuery',
  constantScore: 'ConstantScoreQuery',
  boosting: 'FunctionScoreQuery',
  bool: 'BooleanQuery',
  functionScore: 'FunctionScoreQuery',
  nonNested: 'FieldExistsQuery',
  nested: 'ESToParentBlockJoinQuery',
  covering: 'CoveringQuery',
  combinedField: 'CombinedFieldQuery',
  synonym: 'SynonymQuery',
  moreLikeThis: 'MoreLikeThisQuery',
  intervals: 'IntervalQuery',
  rankFeature: 'FeatureQuery',
  knnScoreDoc: 'KnnScoreDocQuery',
  knnVector: 'ESKnnFloatVectorQuery',
  percolate: 'PercolateQuery',
}
