/**
 * Full-text queries, as ES's MatchQueryParser / MultiMatchQueryParser / QueryStringQueryBuilder build them:
 * - `match`: the text analysed with the field's search analyzer (or `analyzer`); one token → term; several
 *   → a bool of SHOULD terms (MUST with `operator: and`) with `minimum_should_match` applied, the terms at one
 *   position (synonyms) making one SynonymQuery (one position alone: the SynonymQuery itself); with
 *   `fuzziness` each token becomes a fuzzy query (prefix_length, max_expansions, fuzzy_transpositions);
 *   non-text fields take the whole text as one term;
 * - `match_phrase`: a phrase with `slop` (one token → term);
 * - `match_phrase_prefix`: a phrase prefix (MultiPhrasePrefixQuery, text fields only), `max_expansions` 50;
 * - `match_bool_prefix`: the `match` bool with a prefix query for the last term when the text ends with it;
 * - `multi_match`: the per-field match queries (fields with `^boost`, patterns, default `*`, which makes it
 *   lenient) combined by a dis_max with the type's tie_breaker: best_fields 0, most_fields 1 (a sum), phrase /
 *   phrase_prefix 0, bool_prefix 1; cross_fields one query per analyzer group (cross-fields.ts); one query is
 *   itself alone;
 * - `query_string`: parsed by ../query-string and converted with toIndexQuery.
 * Unmapped fields match nothing; no tokens match nothing, or everything with `zero_terms_query: all`. On a
 * search_as_you_type field the phrase, phrase prefix and last-term prefix queries go to its subfields
 * (search-as-you-type-queries.ts).
 */
import { keywordSearchValue, splitsQueriesOnWhitespace } from './keyword-normalizer.ts'
import { fieldAliasesQuery } from './field-alias-queries.ts'
import {
  termsByPosition,
  type AnalyzedToken,
  type IndexQuery,
} from '../../../../engine-wasm/src/index/index.ts'
import { compareUtf8 } from '../../index/mapper/doc-values.ts'
import { EsException, illegalArgumentException } from '../../errors/index.ts'
import { searchAnalyzer } from '../../index/mapper/field-indexer.ts'
import type { XContentObject } from '../../xcontent/index.ts'
import { failedToCreateQuery } from '../query-string/field-queries.ts'
import { resolveFields, parseFieldAndWeight } from '../query-string/field-resolution.ts'
import { parseQueryString, type QueryStringOptions } from '../query-string/query-string-query-parser.ts'
import { toIndexQuery } from '../query-string/to-index-query.ts'
import { crossFieldsQueries } from './cross-fields.ts'
import { graphSegmentQueries } from './graph-boolean.ts'
import { graphPhraseQuery } from './graph-phrase.ts'
import { lenientFieldReason, NO_TERMS_REASON, unmappedFieldsReason } from './match-no-docs.ts'
import { searchAsYouTypePhrase, searchAsYouTypePrefix } from './search-as-you-type-queries.ts'
import { indexPhrasesPhrase, indexPrefixesPrefix } from './text-subfield-queries.ts'
import { isAnalyzedText, isKeywordLike, type FieldMapping } from '../../index/mapper/mapping.ts'
import { parseMinimumShouldMatch } from './minimum-should-match.ts'
import {
  boosted,
  boostOf,
  checkOptions,
  fieldAndOptions,
  numberOption,
  parsingError,
  parsingErrorAtEnd,
  scalarText,
  type QueryContext,
} from './query-parsing.ts'
import { exactValueQuery, fuzzyOptions } from './term-level-queries.ts'
import {
  isSpecialMetadataField,
  metadataMatchQuery,
  metadataMultiTermQuery,
  queryFieldMapping,
} from './metadata-fields.ts'
import { SEQ_NO_FIELD } from './metadata-field-types.ts'

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

export function analyze(
  field: string,
  text: string,
  options: XContentObject,
  context: QueryContext,
): AnalyzedToken[] {
  const mapping = context.fields.get(field)
  const analyzer = scalarText(options.get('analyzer'))
  if (!mapping) return [{ term: text, position: 0 }]
  // a keyword's search analyzer is its normalizer, after the whitespace tokenizer when it splits (keyword-normalizer.ts)
  if (!isAnalyzedText(mapping) && analyzer === null) {
    if (!splitsQueriesOnWhitespace(mapping))
      return [{ term: keywordSearchValue(mapping, text, context), position: 0 }]
    const tokens = context.analyze('whitespace', text)
    return tokens.map((token) => ({ ...token, term: keywordSearchValue(mapping, token.term, context) }))
  }
  return context.analyze(searchAnalyzer(mapping, analyzer), text)
}

/** MatchQueryParser.Type: how a field's tokens become a query. */
export type MatchType = 'boolean' | 'phrase' | 'phrasePrefix' | 'boolPrefix'

/** The query of `match`, `match_phrase`, `match_phrase_prefix` or `match_bool_prefix` on one field. */
export function fieldQuery(
  field: string,
  text: string,
  options: XContentObject,
  context: QueryContext,
  type: MatchType,
  boost: number,
): IndexQuery {
  if (isSpecialMetadataField(field) || field === SEQ_NO_FIELD) {
    return metadataFieldQuery(field, text, options, context, type, boost)
  }
  const mapping = queryFieldMapping(context, field)
  // Queries.newUnmappedFieldQuery: newUnmappedFieldsQuery of the one field, a Java list printed
  if (mapping === undefined) return { type: 'matchNone', reason: unmappedFieldsReason([field]) }
  // MatchQueryParser: a field type without TextSearchInfo
  if (mapping.type === 'binary' || mapping.type === 'histogram') {
    const reason = `Field [${field}] of type [${mapping.type}] does not support match queries`
    return lenientFailure(field, options, context, reason)
  }
  const isText = isAnalyzedText(mapping)
  const split = splitsQueriesOnWhitespace(mapping)
  const analyzed = isText || options.has('analyzer') || split
  if (type === 'phrasePrefix' && !isText) {
    return lenientFailure(
      field,
      options,
      context,
      `Can only use phrase prefix queries on text fields - not on [${field}] which is of type [${mapping.type}]`,
    )
  }
  if (!isText && !isKeywordLike(mapping) && !analyzed) {
    return valueQuery(field, text, options, context, boost)
  }
  // the keyword analyzer: one term, or with bool_prefix one prefix
  if (type === 'boolPrefix' && !analyzed) return { type: 'prefix', field, prefix: text, boost }
  const tokens = analyze(field, text, options, context)
  if (tokens.length === 0) return zeroTermsQuery(options)
  const first = tokens[0]!.position
  const relative = tokens.map((t) => ({ term: t.term, position: t.position - first }))
  if (type === 'phrasePrefix') {
    const maxExpansions = numberOption(options, 'max_expansions', 50)
    const slop = slopOf(options)
    return (
      searchAsYouTypePhrase(field, mapping, tokens, slop, { maxExpansions }, boost) ?? {
        type: 'phrasePrefix',
        field,
        terms: relative,
        slop,
        maxExpansions,
        boost,
      }
    )
  }
  if (type === 'phrase' && tokens.length > 1) {
    // the field type's phraseQuery (TextFieldType's on a search_as_you_type or index_phrases subfield)
    const phrase = (terms: readonly AnalyzedToken[], slop: number, phraseBoost: number): IndexQuery =>
      searchAsYouTypePhrase(field, mapping, terms, slop, null, phraseBoost) ??
      indexPhrasesPhrase(field, mapping, terms, slop, phraseBoost) ?? {
        type: 'phrase',
        field,
        terms: terms.map((t) => ({ term: t.term, position: t.position - terms[0]!.position })),
        slop,
        boost: phraseBoost,
      }
    const slop = slopOf(options)
    const graph = isGraph(tokens)
      ? graphPhraseQuery(field, tokens, slop, {
          term: (term) => ({ type: 'term', field, term, boost: 1 }),
          phrase: (terms, pathSlop) => phrase(terms, pathSlop, 1),
        })
      : null
    return graph === null ? phrase(tokens, slop, boost) : { ...graph, boost }
  }
  const fuzzy = type !== 'phrase' && options.has('fuzziness')
  // bool_prefix: the last term is a prefix when the text ends where it does (MatchQueryParser's final offset)
  const reachesEnd = split && !options.has('analyzer') ? !/\s$/u.test(text) : endsInToken(text)
  const prefixAt = type === 'boolPrefix' && reachesEnd ? tokens.length - 1 : -1
  if (tokens.length === 1) {
    const term = tokens[0]!.term
    return prefixAt === 0
      ? boolPrefixLeaf(field, mapping, term, boost)
      : leafQuery(field, term, boost, fuzzy, options, context)
  }
  const norms = mapping.norms !== false
  const synonym = (terms: readonly string[], synonymBoost: number): IndexQuery => {
    return { type: 'synonym', field, terms: [...terms].sort(compareUtf8), norms, boost: synonymBoost }
  }
  if (isGraph(tokens)) {
    // a token graph (multi-word synonyms); bool_prefix takes its last segment as a prefix whatever the text's end
    const autoPhrase = scalarText(options.get('auto_generate_synonyms_phrase_query')) !== 'false'
    const segments = graphSegmentQueries(tokens, type === 'boolPrefix', {
      term: (term) => leafQuery(field, term, 1, fuzzy, options, context),
      prefix: (term) => boolPrefixLeaf(field, mapping, term, 1),
      synonym: (terms) => synonym(terms, 1),
      path: (path, prefix) => {
        if (!autoPhrase) {
          const terms = path.map((t) => leafQuery(field, t.term, 1, fuzzy, options, context))
          return terms.length === 1 ? terms[0]! : termsBool(terms, AND, 1)
        }
        if (!prefix) return { type: 'phrase', field, terms: path, slop: 0, boost: 1 }
        return { type: 'phrasePrefix', field, terms: path, slop: 0, maxExpansions: 50, boost: 1 }
      },
    })
    if (segments !== null) return termsBool(segments, options, boost)
  }
  // MatchQueryParser.analyzeBoolean / analyzeMultiBoolean: the terms at one position make one SynonymQuery, which
  // neither a fuzziness nor bool_prefix's last-term prefix applies to
  const groups = termsByPosition(tokens)
  const positionQuery = ([, terms]: [number, string[]], last: boolean, positionBoost: number): IndexQuery => {
    if (terms.length > 1) return synonym(terms, positionBoost)
    const term = terms[0]!
    return last && prefixAt >= 0
      ? boolPrefixLeaf(field, mapping, term, positionBoost)
      : leafQuery(field, term, positionBoost, fuzzy, options, context)
  }
  if (groups.length === 1) return positionQuery(groups[0]!, true, boost)
  const clauses = groups.map((group, i) => positionQuery(group, i === groups.length - 1, 1))
  return termsBool(clauses, options, boost)
}

/** ZeroTermsQueryOption.asQuery: what a text with no terms matches, `zero_terms_query` none (the default) or all. */
export function zeroTermsQuery(options: XContentObject): IndexQuery {
  const all = scalarText(options.get('zero_terms_query'))?.toLowerCase() === 'all'
  return all ? { type: 'matchAll', boost: 1 } : { type: 'matchNone', reason: NO_TERMS_REASON }
}

/** Whether a token spans several positions: QueryBuilder then reads the analysis as a graph. */
function isGraph(tokens: readonly AnalyzedToken[]): boolean {
  return tokens.some((t) => (t.positionLength ?? 1) > 1)
}

/**
 * MatchQueryParser's boolean of one clause per term: MUST clauses with `operator: and`, else SHOULD clauses with
 * `minimum_should_match` applied.
 */
export function termsBool(clauses: IndexQuery[], options: XContentObject, boost: number): IndexQuery {
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

/** The options of a conjunction of terms (a graph path's terms without auto_generate_synonyms_phrase_query). */
const AND: XContentObject = new Map([['operator', 'and']])

function slopOf(options: XContentObject): number {
  return numberOption(options, 'slop', 0)
}

/**
 * Whether the last token of the text reaches its end (the analyzer's final offset), approximated for the
 * tokenizers that drop every character that is not a letter, a mark or a digit.
 */
function endsInToken(text: string): boolean {
  return /[\p{L}\p{M}\p{N}]$/u.test(text)
}

/**
 * An IllegalArgumentException of the field type: with `lenient`, Queries.newLenientFieldQuery's match_none for that
 * field, else the shard fails.
 */
function lenientFailure(
  field: string,
  options: XContentObject,
  context: QueryContext,
  message: string,
): IndexQuery {
  const type = 'illegal_argument_exception'
  if (options.get('lenient') === true) return lenientFieldQuery(field, type, message)
  throw failedToCreateQuery(context.index, type, message)
}

/** Queries.newLenientFieldQuery: match_none naming the field and the failure it stands for. */
function lenientFieldQuery(field: string, type: string, message: string): IndexQuery {
  return { type: 'matchNone', reason: lenientFieldReason(field, type, message) }
}

/** One token's query: a term, with `fuzziness` a fuzzy query, or bool_prefix's last token a prefix query. */
/** bool_prefix's last term: a prefix query (on a search_as_you_type field or a text field with index_prefixes, on
 * its `._index_prefix` subfield). */
function boolPrefixLeaf(field: string, mapping: FieldMapping, term: string, boost: number): IndexQuery {
  return (
    searchAsYouTypePrefix(field, mapping, term, boost) ??
    indexPrefixesPrefix(field, mapping, term, boost) ?? { type: 'prefix', field, prefix: term, boost }
  )
}

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
 * MatchQueryParser on `_id`, `_index` or `_seq_no`: the keyword analyzer's one token, whose termQuery (a
 * match_phrase of one token too) the field type builds; a phrase prefix is refused as on any field that is not text,
 * a bool prefix is the field type's prefix query.
 */
function metadataFieldQuery(
  field: string,
  text: string,
  options: XContentObject,
  context: QueryContext,
  type: MatchType,
  boost: number,
): IndexQuery {
  if (type === 'phrasePrefix') {
    // refused on the shards only: the coordinating node's check has no index
    if (context.index === undefined) return { type: 'matchNone' }
    const reason = `Can only use phrase prefix queries on text fields - not on [${field}] which is of type [${field}]`
    return lenientFailure(field, options, context, reason)
  }
  if (type === 'boolPrefix')
    return boosted(metadataMultiTermQuery(context, field, 'prefix', text, false), boost)
  // SeqNoFieldType.termQuery of the text, which `lenient` lets fail to parse
  if (field === SEQ_NO_FIELD) return valueQuery(field, text, options, context, boost)
  return metadataMatchQuery(context, field, text, boost)
}

/**
 * MatchQueryParser on a field that is neither text nor keyword: the field type's termQuery of the whole text
 * (a numeric value's point query, a boolean's term, a date's range), which fails the shard when the text does
 * not parse, unless `lenient` makes that field match nothing.
 */
export function valueQuery(
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
      // the field type's own exception, which ES's "failed to create query" wraps
      const cause = e.causedBy ?? e
      return lenientFieldQuery(field, cause.type, cause.reason)
    }
    throw e
  }
}

/**
 * A match family query's text: MatchQueryBuilder.fromXContent refuses a missing one after its loop, at the query's
 * closing brace; the phrase and prefix variants leave it to their constructors' IllegalArgumentException.
 */
function queryText(kind: string, body: XContentObject, options: XContentObject): string {
  const text = scalarText(options.get('query'))
  if (text !== null) return text
  if (kind === 'match') throw parsingErrorAtEnd(body, 'No text specified for text query')
  throw illegalArgumentException(`[${kind}] requires query value`)
}

/** The single-field match queries: the MatchQueryParser.Type each builds and the options its fromXContent reads. */
const MATCH_QUERIES: ReadonlyMap<string, { type: MatchType; options: readonly string[] }> = new Map([
  ['match', { type: 'boolean', options: MATCH_OPTIONS }],
  ['match_phrase', { type: 'phrase', options: ['query', 'slop', 'analyzer', 'zero_terms_query'] }],
  [
    'match_phrase_prefix',
    { type: 'phrasePrefix', options: ['query', 'slop', 'analyzer', 'max_expansions', 'zero_terms_query'] },
  ],
  [
    'match_bool_prefix',
    {
      type: 'boolPrefix',
      options: [
        'query',
        'analyzer',
        'operator',
        'minimum_should_match',
        'fuzziness',
        'prefix_length',
        'max_expansions',
        'fuzzy_transpositions',
        'fuzzy_rewrite',
      ],
    },
  ],
])

/** `match`, `match_phrase`, `match_phrase_prefix` or `match_bool_prefix` (`kind`, a key of MATCH_QUERIES). */
export function matchQuery(kind: string, body: XContentObject, context: QueryContext): IndexQuery {
  const { type, options: allowed } = MATCH_QUERIES.get(kind)!
  const { field, options } = fieldAndOptions(kind, body)
  checkOptions(kind, options, allowed)
  return fieldQuery(field, queryText(kind, body, options), options, context, type, boostOf(options))
}

/** MultiMatchQueryBuilder.Type: the per-field match type and the default tie_breaker. */
const MULTI_MATCH_TYPES: ReadonlyMap<string, { type: MatchType; tieBreaker: number }> = new Map([
  ['best_fields', { type: 'boolean', tieBreaker: 0 }],
  ['most_fields', { type: 'boolean', tieBreaker: 1 }],
  ['phrase', { type: 'phrase', tieBreaker: 0 }],
  ['phrase_prefix', { type: 'phrasePrefix', tieBreaker: 0 }],
  ['bool_prefix', { type: 'boolPrefix', tieBreaker: 1 }],
  // term-centric: cross-fields.ts
  ['cross_fields', { type: 'boolean', tieBreaker: 0 }],
])

/** MultiMatchQueryBuilder.fromXContent's checks of options the type does not take. */
function checkMultiMatchType(type: string, body: XContentObject): void {
  if (body.has('fuzziness') && (type === 'phrase' || type === 'phrase_prefix' || type === 'cross_fields')) {
    throw parsingError(`Fuzziness not allowed for type [${type}]`)
  }
  if (type === 'bool_prefix' && numberOption(body, 'slop', 0) !== 0) {
    throw parsingError(`[slop] not allowed for type [${type}]`)
  }
}

export function multiMatchQuery(body: XContentObject, context: QueryContext): IndexQuery {
  checkOptions('multi_match', body, [...MATCH_OPTIONS, 'fields', 'type', 'tie_breaker', 'slop'])
  const text = scalarText(body.get('query'))
  if (text === null) throw parsingErrorAtEnd(body, 'No text specified for multi_match query')
  const typeName = (scalarText(body.get('type')) ?? 'best_fields').toLowerCase()
  checkMultiMatchType(typeName, body)
  const type = MULTI_MATCH_TYPES.get(typeName)
  if (type === undefined) {
    throw illegalArgumentException(`[multi_match] type [${typeName}] is not supported by the playground`)
  }
  const specs = body.get('fields')
  const list = Array.isArray(specs) ? specs : specs === undefined ? ['*'] : [specs]
  const weights = new Map<string, number>()
  for (const spec of list) {
    const [name, weight] = parseFieldAndWeight(scalarText(spec) ?? '')
    weights.set(name, (weights.get(name) ?? 1) * weight)
  }
  // the all-fields wildcard makes the query lenient unless the request says otherwise
  const options = weights.has('*') && !body.has('lenient') ? new Map(body).set('lenient', true) : body
  const fields = [...resolveFields(context.fields, weights, null)].map(
    ([field, weight]): [string, number] => [field, Math.fround(weight)],
  )
  const tieBreaker = Math.fround(numberOption(body, 'tie_breaker', type.tieBreaker))
  // MultiMatchQueryParser.parse: the resolved fields are all mapped (QueryParserHelper drops the others), so none
  // left prints the empty set; a field's MatchNoDocsQuery (lenient, no terms) stays a disjunct, unboosted
  if (fields.length === 0) return { type: 'matchNone', reason: unmappedFieldsReason([]) }
  const queries =
    typeName === 'cross_fields'
      ? crossFieldsQueries(text, fields, tieBreaker, options, context)
      : fields.map(([field, weight]) => fieldQuery(field, text, options, context, type.type, weight))
  const boost = boostOf(body)
  const [only, ...rest] = queries
  // combineGrouped
  if (!only) return zeroTermsQuery(options)
  if (rest.length === 0) return boosted(only, boost)
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

export function queryStringQuery(body: XContentObject, context: QueryContext): IndexQuery {
  checkOptions('query_string', body, QUERY_STRING_KEYS)
  const text = scalarText(body.get('query'))
  if (text === null) throw parsingErrorAtEnd(body, '[query_string] must be provided with a [query]')
  return boosted(queryStringIndexQuery(text, queryStringOptions(body), context), boostOf(body))
}

/** A query_string (the `query_string` query, or URI search `q=` via uriSearchQuery) as the engine's query. */
export function queryStringIndexQuery(
  text: string,
  options: QueryStringOptions,
  context: QueryContext,
): IndexQuery {
  const node = parseQueryString(text, options, context)
  // URI search builds it without buildQuery, which points a query's leaves on field aliases at their targets.
  const built = toIndexQuery(node, { fields: context.fields, nowMillis: context.nowMillis ?? 0 })
  return fieldAliasesQuery(built, context.fields)
}
