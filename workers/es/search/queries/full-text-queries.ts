/**
 * Full-text queries, as ES's MatchQueryParser / MultiMatchQueryParser / QueryStringQueryBuilder build them:
 * - `match`: the text analysed with the field's search analyzer (or `analyzer`); one token → term; several
 *   → a bool of SHOULD terms (MUST with `operator: and`) with `minimum_should_match` applied; with
 *   `fuzziness` each token becomes a fuzzy query (prefix_length, max_expansions, fuzzy_transpositions);
 *   non-text fields take the whole text as one term;
 * - `match_phrase`: a phrase with `slop` (one token → term);
 * - `multi_match`: the per-field match queries (fields with `^boost`, patterns, default `*`) combined by a
 *   dis_max with the type's tie_breaker: best_fields 0, most_fields 1 (a sum), phrase / phrase_prefix 0;
 *   one field is its query alone;
 * - `query_string`: parsed by ../query-string and converted with toIndexQuery.
 * Unmapped fields match nothing; no tokens match nothing, or everything with `zero_terms_query: all`.
 */
import type { AnalyzedToken, IndexQuery } from '../../../../engine-wasm/src/index/index.ts'
import { EsException, illegalArgumentException } from '../../errors/index.ts'
import { searchAnalyzer } from '../../index/mapper/field-indexer.ts'
import type { XContentObject, XContentValue } from '../../xcontent/index.ts'
import { resolveFields, parseFieldAndWeight } from '../query-string/field-resolution.ts'
import { parseQueryString, type QueryStringOptions } from '../query-string/query-string-query-parser.ts'
import { toIndexQuery } from '../query-string/to-index-query.ts'
import { parseMinimumShouldMatch } from './minimum-should-match.ts'
import {
  boosted,
  boostOf,
  checkOptions,
  fieldAndOptions,
  numberOption,
  parsingError,
  scalarText,
  type QueryContext,
} from './query-parsing.ts'
import { exactValueQuery, fuzzyOptions } from './term-level-queries.ts'

const MATCH_OPTIONS = [
  'query',
  'operator',
  'minimum_should_match',
  'fuzziness',
  'prefix_length',
  'max_expansions',
  'fuzzy_transpositions',
  'fuzzy_rewrite',
  'analyzer',
  'lenient',
  'zero_terms_query',
  'auto_generate_synonyms_phrase_query',
]

function analyze(
  field: string,
  text: string,
  options: XContentObject,
  context: QueryContext,
): AnalyzedToken[] {
  const mapping = context.fields.get(field)
  const analyzer = scalarText(options.get('analyzer'))
  if (!mapping || (mapping.type !== 'text' && analyzer === null)) return [{ term: text, position: 0 }]
  return context.analyze(searchAnalyzer(mapping, analyzer), text)
}

/** The query of `match` (phrase false) or `match_phrase` (true) on one field. */
export function fieldQuery(
  field: string,
  text: string,
  options: XContentObject,
  context: QueryContext,
  phrase: boolean,
  boost: number,
): IndexQuery {
  const mapping = context.fields.get(field)
  if (mapping === undefined) return { type: 'matchNone' }
  if (mapping.type !== 'text' && mapping.type !== 'keyword' && !options.has('analyzer')) {
    return valueQuery(field, text, options, context, boost)
  }
  const tokens = analyze(field, text, options, context)
  if (tokens.length === 0) {
    const all = scalarText(options.get('zero_terms_query'))?.toLowerCase() === 'all'
    return all ? { type: 'matchAll', boost: 1 } : { type: 'matchNone' }
  }
  if (phrase && tokens.length > 1) {
    const first = tokens[0]!.position
    const terms = tokens.map((t) => ({ term: t.term, position: t.position - first }))
    return { type: 'phrase', field, terms, slop: numberOption(options, 'slop', 0), boost }
  }
  const fuzzy = !phrase && options.has('fuzziness')
  if (tokens.length === 1) return leafQuery(field, tokens[0]!.term, boost, fuzzy, options, context)
  const clauses = tokens.map((t) => leafQuery(field, t.term, 1, fuzzy, options, context))
  const and = scalarText(options.get('operator'))?.toLowerCase() === 'and'
  const msm = scalarText(options.get('minimum_should_match'))
  return {
    type: 'bool',
    must: and ? clauses : [],
    should: and ? [] : clauses,
    mustNot: [],
    filter: [],
    minimumShouldMatch: and ? 0 : parseMinimumShouldMatch(msm, clauses.length),
    boost,
  }
}

/** One token's query: a term, or with `fuzziness` a fuzzy query. */
function leafQuery(
  field: string,
  term: string,
  boost: number,
  fuzzy: boolean,
  options: XContentObject,
  context: QueryContext,
): IndexQuery {
  if (!fuzzy) return { type: 'term', field, term, boost }
  return {
    type: 'fuzzy',
    field,
    term,
    ...fuzzyOptions(options, term, context, 'fuzzy_transpositions'),
    boost,
  }
}

/**
 * MatchQueryParser on a field that is neither text nor keyword: the field type's termQuery of the whole text
 * (a numeric value's point query, a boolean's term, a date's range), which fails the shard when the text does
 * not parse, unless `lenient` makes that field match nothing.
 */
function valueQuery(
  field: string,
  text: string,
  options: XContentObject,
  context: QueryContext,
  boost: number,
): IndexQuery {
  try {
    return exactValueQuery(field, undefined, text, context, boost)
  } catch (e) {
    if (options.get('lenient') === true && e instanceof EsException && e.type === 'query_shard_exception') {
      return { type: 'matchNone' }
    }
    throw e
  }
}

function queryText(kind: string, options: XContentObject): string {
  const text = scalarText(options.get('query'))
  if (text === null) throw parsingError(`[${kind}] requires query value`)
  return text
}

export function matchQuery(body: XContentValue, context: QueryContext, phrase: boolean): IndexQuery {
  const kind = phrase ? 'match_phrase' : 'match'
  const { field, options } = fieldAndOptions(kind, body)
  checkOptions(kind, options, phrase ? ['query', 'slop', 'analyzer', 'zero_terms_query'] : MATCH_OPTIONS)
  return fieldQuery(field, queryText(kind, options), options, context, phrase, boostOf(options))
}

const MULTI_MATCH_TIE_BREAKERS: Readonly<Record<string, number>> = {
  best_fields: 0,
  most_fields: 1,
  phrase: 0,
}

export function multiMatchQuery(body: XContentValue, context: QueryContext): IndexQuery {
  if (!(body instanceof Map))
    throw parsingError('[multi_match] query malformed, no start_object after query name')
  checkOptions('multi_match', body, [...MATCH_OPTIONS, 'fields', 'type', 'tie_breaker', 'slop'])
  const text = scalarText(body.get('query'))
  if (text === null) throw parsingError('No text specified for multi_match query')
  const type = (scalarText(body.get('type')) ?? 'best_fields').toLowerCase()
  const defaultTie = MULTI_MATCH_TIE_BREAKERS[type]
  if (defaultTie === undefined) {
    throw illegalArgumentException(`[multi_match] type [${type}] is not supported by the playground`)
  }
  const specs = body.get('fields')
  const list = Array.isArray(specs) ? specs : specs === undefined ? ['*'] : [specs]
  const weights = new Map<string, number>()
  for (const spec of list) {
    const [name, weight] = parseFieldAndWeight(scalarText(spec) ?? '')
    weights.set(name, (weights.get(name) ?? 1) * weight)
  }
  const queries = [...resolveFields(context.fields, weights, null)]
    .map(([field, weight]) => fieldQuery(field, text, body, context, type === 'phrase', Math.fround(weight)))
    .filter((q) => q.type !== 'matchNone')
  const boost = boostOf(body)
  const [only, ...rest] = queries
  if (!only) return { type: 'matchNone' }
  if (rest.length === 0) return boosted(only, boost)
  const tieBreaker = Math.fround(numberOption(body, 'tie_breaker', defaultTie))
  return { type: 'disMax', queries, tieBreaker, boost }
}

const QUERY_STRING_KEYS = [
  'query',
  'fields',
  'default_field',
  'default_operator',
  'analyzer',
  'quote_analyzer',
  'quote_field_suffix',
  'allow_leading_wildcard',
  'analyze_wildcard',
  'lenient',
  'minimum_should_match',
  'fuzziness',
  'fuzzy_prefix_length',
  'fuzzy_transpositions',
  'phrase_slop',
  'tie_breaker',
  'escape',
]

function queryStringOptions(body: XContentObject): QueryStringOptions {
  const text = (key: string): string | undefined => scalarText(body.get(key)) ?? undefined
  const flag = (key: string): boolean | undefined => {
    const value = text(key)
    return value === undefined ? undefined : value === 'true'
  }
  const number = (key: string): number | undefined =>
    body.has(key) ? numberOption(body, key, NaN) : undefined
  const operator = text('default_operator')?.toUpperCase()
  const fields = body.get('fields')
  return {
    defaultField: text('default_field'),
    fields: Array.isArray(fields) ? fields.map((f) => scalarText(f) ?? '') : undefined,
    defaultOperator: operator === 'AND' ? 'AND' : operator === undefined ? undefined : 'OR',
    analyzer: text('analyzer'),
    quoteAnalyzer: text('quote_analyzer'),
    quoteFieldSuffix: text('quote_field_suffix'),
    allowLeadingWildcard: flag('allow_leading_wildcard'),
    analyzeWildcard: flag('analyze_wildcard'),
    lenient: flag('lenient'),
    minimumShouldMatch: text('minimum_should_match'),
    fuzziness: text('fuzziness'),
    fuzzyPrefixLength: number('fuzzy_prefix_length'),
    fuzzyTranspositions: flag('fuzzy_transpositions'),
    phraseSlop: number('phrase_slop'),
    tieBreaker: number('tie_breaker'),
    escape: flag('escape'),
  }
}

export function queryStringQuery(body: XContentValue, context: QueryContext): IndexQuery {
  if (!(body instanceof Map))
    throw parsingError('[query_string] query malformed, no start_object after query name')
  checkOptions('query_string', body, QUERY_STRING_KEYS)
  const text = scalarText(body.get('query'))
  if (text === null) throw parsingError('[query_string] must be provided with a [query]')
  return boosted(queryStringIndexQuery(text, queryStringOptions(body), context), boostOf(body))
}

/** A query_string (the `query_string` query, or URI search `q=` via uriSearchQuery) as the engine's query. */
export function queryStringIndexQuery(
  text: string,
  options: QueryStringOptions,
  context: QueryContext,
): IndexQuery {
  const node = parseQueryString(text, options, context)
  return toIndexQuery(node, { fields: context.fields, nowMillis: context.nowMillis ?? 0 })
}
