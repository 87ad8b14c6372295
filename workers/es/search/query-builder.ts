/**
 * Turns the Query DSL into the inverted index's query tree, as ES's QueryBuilders build Lucene queries:
 * one builder per query family under ./queries (full text, term level, range, compound, geo). A clause read from a
 * request (parseInnerQuery) must name a query: `{}` fails as parseInnerQueryBuilder refuses it, at its closing
 * brace; buildQuery itself takes an empty object as match_all. More than one query name, a name without an object
 * or an unknown one fails with ES's parsing_exception texts at the token parseInnerQueryBuilder stands on (the
 * second name, the name's value). A clause with a `_name` is recorded in the context's namedQueries, as
 * AbstractQueryBuilder.toQuery adds it. Clauses on runtime fields are run over the shard's documents
 * (queries/runtime-field-queries.ts); clauses on match_only_text fields score a constant
 * (queries/match-only-text-queries.ts); multi-term clauses on version fields run on their decoded terms
 * (queries/version-queries.ts); clauses on wildcard fields score a constant (queries/wildcard-queries.ts).
 */
import type { IndexQuery } from '../../../engine-wasm/src/index/index.ts'
import { EsException, parsingException } from '../errors/index.ts'
import { suggest } from '../common/did-you-mean.ts'
import { tokenLocation, type XContentObject, type XContentValue } from '../xcontent/index.ts'
import { boolQuery, boostingQuery, constantScoreQuery, disMaxQuery } from './queries/compound-queries.ts'
import { functionScoreQuery } from './queries/function-score.ts'
import { geoBoundingBoxQuery, geoDistanceQuery } from './queries/geo-queries.ts'
import { cartesianShapeQuery, geoShapeQuery } from './queries/shape-queries.ts'
import { matchQuery, multiMatchQuery, queryStringQuery } from './queries/full-text-queries.ts'
import { combinedFieldsQuery } from './queries/combined-fields-query.ts'
import {
  boostOf,
  parsingError,
  parsingErrorAt,
  scalarText,
  type QueryContext,
} from './queries/query-parsing.ts'
import { nestedQuery } from './queries/nested-query.ts'
import { moreLikeThisQuery } from './queries/more-like-this.ts'
import { hasChildQuery, hasParentQuery, parentIdQuery } from './queries/join-queries.ts'
import { emptyClauseException, queryContentFailure } from './queries/query-parse-failures.ts'
import { rangeQuery } from './queries/range-query.ts'
import { scriptQuery, scriptScoreQuery } from './queries/script-queries.ts'
import { runtimeFieldsQuery } from './queries/runtime-field-queries.ts'
import { fieldAliasesQuery } from './queries/field-alias-queries.ts'
import { matchOnlyTextQuery } from './queries/match-only-text-queries.ts'
import { versionQuery } from './queries/version-queries.ts'
import { wildcardFieldQuery } from './queries/wildcard-queries.ts'
import { flattenedQuery } from './queries/flattened-queries.ts'
import { simpleQueryStringQuery } from './queries/simple-query-string.ts'
import { termsSetQuery } from './queries/terms-set-query.ts'
import { wrapperQuery } from './queries/wrapper-query.ts'
import { rankFeatureQuery } from './queries/rank-feature-query.ts'
import { sparseVectorQuery } from './queries/sparse-vector-query.ts'
import { weightedTokensQueryBuilder } from './queries/weighted-tokens-query.ts'
import { distanceFeatureQuery } from './queries/distance-feature-query.ts'
import { pinnedQuery } from './queries/pinned-query.ts'
import { percolateQuery } from './queries/percolate-query.ts'
import {
  fieldMaskingSpanQuery,
  spanContainingQuery,
  spanFirstQuery,
  spanNearQuery,
  spanNotQuery,
  spanOrQuery,
  spanTermQuery,
  spanWithinQuery,
} from './queries/span-queries.ts'
import { spanMultiQuery } from './queries/span-multi-query.ts'
import { intervalsQuery } from './queries/intervals-query.ts'
import { spanGapQuery } from './queries/span-gap-query.ts'
import {
  existsQuery,
  fuzzyQuery,
  idsQuery,
  prefixQuery,
  regexpQuery,
  termQuery,
  termsQuery,
  wildcardQuery,
} from './queries/term-level-queries.ts'

import { knnQuery } from './vectors/knn-query-builder.ts'

export type { QueryContext } from './queries/query-parsing.ts'
export { queryStringIndexQuery } from './queries/full-text-queries.ts'

type QueryParser = (body: XContentObject, context: QueryContext) => IndexQuery

const PARSERS: ReadonlyMap<string, QueryParser> = new Map<string, QueryParser>([
  ['match_all', (body) => ({ type: 'matchAll', boost: boostOf(body) })],
  // MatchNoneQueryBuilder.doToQuery without a rewrite reason
  ['match_none', () => ({ type: 'matchNone', reason: 'User requested "match_none" query.' })],
  ['match', (body, context) => matchQuery('match', body, context)],
  ['match_phrase', (body, context) => matchQuery('match_phrase', body, context)],
  ['match_phrase_prefix', (body, context) => matchQuery('match_phrase_prefix', body, context)],
  ['match_bool_prefix', (body, context) => matchQuery('match_bool_prefix', body, context)],
  ['multi_match', multiMatchQuery],
  ['combined_fields', combinedFieldsQuery],
  ['query_string', queryStringQuery],
  ['simple_query_string', simpleQueryStringQuery],
  ['term', termQuery],
  ['terms', termsQuery],
  ['terms_set', termsSetQuery],
  ['prefix', prefixQuery],
  ['wildcard', wildcardQuery],
  ['regexp', regexpQuery],
  ['fuzzy', fuzzyQuery],
  ['exists', existsQuery],
  ['ids', idsQuery],
  ['range', rangeQuery],
  ['bool', boolQuery],
  ['constant_score', constantScoreQuery],
  ['dis_max', disMaxQuery],
  ['boosting', boostingQuery],
  ['function_score', functionScoreQuery],
  ['script', scriptQuery],
  ['script_score', scriptScoreQuery],
  ['nested', nestedQuery],
  ['has_child', hasChildQuery],
  ['has_parent', hasParentQuery],
  ['parent_id', parentIdQuery],
  ['geo_distance', geoDistanceQuery],
  ['geo_bounding_box', geoBoundingBoxQuery],
  ['geo_shape', geoShapeQuery],
  ['shape', cartesianShapeQuery],
  ['span_term', spanTermQuery],
  ['span_near', spanNearQuery],
  ['span_or', spanOrQuery],
  ['span_first', spanFirstQuery],
  ['span_not', spanNotQuery],
  ['span_containing', spanContainingQuery],
  ['span_within', spanWithinQuery],
  ['span_multi', spanMultiQuery],
  ['field_masking_span', fieldMaskingSpanQuery],
  ['intervals', intervalsQuery],
  ['span_gap', spanGapQuery],
  ['wrapper', wrapperQuery],
  ['more_like_this', moreLikeThisQuery],
  ['rank_feature', rankFeatureQuery],
  ['sparse_vector', sparseVectorQuery],
  ['weighted_tokens', weightedTokensQueryBuilder],
  ['distance_feature', distanceFeatureQuery],
  ['pinned', pinnedQuery],
  ['knn', knnQuery],
  ['percolate', percolateQuery],
])

/**
 * A clause's `_name` (AbstractQueryBuilder.queryName): beside the query's options, or inside the one field's
 * options of a single-field query (`{"match":{"title":{"query":"fox","_name":"n"}}}`).
 */
function queryNameOf(body: XContentValue): string | null {
  if (!(body instanceof Map)) return null
  const own = scalarText(body.get('_name'))
  if (own !== null || body.size !== 1) return own
  const options = [...body.values()][0]
  return options instanceof Map ? scalarText(options.get('_name')) : null
}

export function buildQuery(query: XContentValue, context: QueryContext): IndexQuery {
  if (!(query instanceof Map)) throw parsingError('[_na] query malformed, must start with start_object')
  const entries = [...query]
  if (entries.length === 0) return { type: 'matchAll', boost: 1 }
  if (entries.length > 1) {
    const reason = `[${entries[0]![0]}] malformed query, expected [END_OBJECT] but found [FIELD_NAME]`
    throw parsingErrorAt(query, entries[1]![0], 'key', reason)
  }
  const [name, body] = entries[0]!
  if (!(body instanceof Map))
    throw parsingErrorAt(query, name, 'value', `[${name}] query malformed, no start_object after query name`)
  context.queryNames?.(name, body)
  const parser = PARSERS.get(name)
  if (parser) {
    const concrete = fieldAliasesQuery(parser(body, context), context.fields)
    const keyed = flattenedQuery(concrete, context.fields, context.index)
    const typed = versionQuery(matchOnlyTextQuery(keyed, context.fields), context.fields)
    const built = runtimeFieldsQuery(wildcardFieldQuery(typed, context.fields), context)
    const named = context.namedQueries
    const queryName = named ? queryNameOf(body) : null
    if (named && queryName !== null) named.set(queryName, built)
    return built
  }
  // NamedXContentRegistry's lookup fails at the query's object, and the ParsingException takes its location
  const [line, col] = tokenLocation(query, name, 'value')
  throw parsingException(
    line,
    col,
    `unknown query [${name}]${suggest(name, [...PARSERS.keys()])}`,
    new EsException({
      type: 'named_object_not_found_exception',
      reason: `[${line}:${col}] unknown field [${name}]`,
      status: 400,
      // An XContentParseException, not an ElasticsearchException: never a root cause.
      rootCause: false,
    }),
  )
}

/**
 * A query clause read from a request's JSON (AbstractQueryBuilder.parseInnerQueryBuilder): `{}` is refused with an
 * IllegalArgumentException naming the clause's closing brace, where the parser stands (removed in 6.0); any other
 * clause is built.
 */
export function parseInnerQuery(clause: XContentValue, context: QueryContext): IndexQuery {
  if (clause instanceof Map && clause.size === 0) throw emptyClauseException(clause)
  return buildQuery(clause, context)
}

/** A request's optional `query`: match_all without one (SearchSourceBuilder's default), else parseInnerQuery. */
export function parseTopLevelQuery(query: XContentValue | undefined, context: QueryContext): IndexQuery {
  return query === undefined ? { type: 'matchAll', boost: 1 } : parseInnerQuery(query, context)
}

/**
 * The `query` of a query-only request body (RestActions.getQueryContent: _count, _explain, _validate/query): a parse
 * failure other than a ParsingException is rethrown as ParsingException `Failed to parse` where the parser stood.
 */
export function parseQueryContent(query: XContentValue, context: QueryContext): IndexQuery {
  try {
    return parseInnerQuery(query, context)
  } catch (error) {
    throw queryContentFailure(error)
  }
}
