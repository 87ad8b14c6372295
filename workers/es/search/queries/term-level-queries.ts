/**
 * Term-level queries (ES's TermQueryBuilder, TermsQueryBuilder, PrefixQueryBuilder, WildcardQueryBuilder,
 * RegexpQueryBuilder, FuzzyQueryBuilder, ExistsQueryBuilder, IdsQueryBuilder): the value is not analysed.
 * Scoring follows ES 8: `term` is BM25 on one term; `terms` and `ids` are constant score; prefix, wildcard and
 * regexp rewrite constant score; fuzzy rewrites to top_terms_blended_freqs_50 (see engine-wasm's
 * multi-term-queries.ts). A regexp is compiled here to report ES's errors (syntax, the index's index.max_regex_length,
 * max_determinized_states 10000) as query_shard_exception "failed to create query: ...", as is a `terms` query
 * with more terms than the index's index.max_terms_count. Multi-term queries on
 * a field without string terms fail as MappedFieldType does; an unmapped field matches nothing. The metadata fields
 * `_id`, `_index`, `_routing` and `_ignored` are built as their field types build them (metadata-fields.ts), a
 * constant_keyword field's from its mapped value (constant-keyword-queries.ts). A `terms`
 * query's document lookup is recorded for the request's coordinator to fetch (terms-lookup.ts); the shards see it
 * rewritten into the values found.
 */
import { decodeVersion, encodeVersion } from '../../index/mapper/version-field.ts'
import { keywordSearchValue, keywordWildcardPattern } from './keyword-normalizer.ts'
import { DEFAULT_INDEX_LIMITS } from '../../index/index-limit-settings.ts'
import type { FeatureFunction, IndexQuery } from '../../../../engine-wasm/src/index/index.ts'
import { TooComplexToDeterminizeError } from '../../../../engine-wasm/src/index/automaton/determinize.ts'
import {
  compileRegexp,
  RegexpFlags,
  RegexpSyntaxError,
} from '../../../../engine-wasm/src/index/automaton/regexp.ts'
import { illegalArgumentException } from '../../errors/index.ts'
import { addressTerm, termAddresses } from '../../common/network/inet-addresses.ts'
import { scaledTermValue } from '../../index/mapper/scaled-float-field.ts'
import type { XContentObject, XContentValue } from '../../xcontent/index.ts'
import { indexedTerm } from '../../index/mapper/field-indexer.ts'
import { isAnalyzedText, isKeywordLike, NUMERIC_TYPES } from '../../index/mapper/mapping.ts'
import { featureIndexField, RANK_FEATURE_FIELD } from '../../index/mapper/rank-feature-field.ts'
import { queryShardException, type IndexRef } from '../query-string/query-parser-errors.ts'
import { searchAsYouTypePrefix } from './search-as-you-type-queries.ts'
import { indexPrefixesPrefix } from './text-subfield-queries.ts'
import { recordTermsLookup } from './terms-lookup.ts'
import { pointSetQuery } from './point-set-query.ts'
import { seqNoTermQuery, seqNoTermsQuery } from './seq-no-queries.ts'
import {
  constantKeywordExists,
  constantKeywordFuzzy,
  constantKeywordPatternQuery,
  constantKeywordRegexp,
  constantKeywordTermQuery,
} from './constant-keyword-queries.ts'
import { SEQ_NO_FIELD } from './metadata-field-types.ts'
import {
  exactTerm,
  failedToCreateQuery,
  FieldQueryError,
  fieldQueryFailure,
  requireString,
} from '../query-string/field-queries.ts'
import { isPattern, simpleMatch } from '../query-string/field-resolution.ts'
import { fuzzyDistance, parseFuzziness } from '../query-string/query-parser-base.ts'
import {
  boostOf,
  checkDeclaredFields,
  checkOptions,
  fieldAndOptions,
  numberOption,
  parsingError,
  parsingErrorAt,
  parsingErrorAtEnd,
  scalarText,
  type QueryContext,
} from './query-parsing.ts'
import { createQuery, shardRangeQuery } from './range-query.ts'
import { isRangeType } from '../../index/mapper/range-type.ts'
import { AGGREGATE_METRIC_DOUBLE } from '../../index/mapper/aggregate-metric-double-field.ts'
import {
  METADATA_FIELD_NAMES,
  checkExistsRefusals,
  isMetadataField,
  metadataExists,
} from './metadata-exists.ts'
import {
  ID_FIELD,
  idTermsQuery,
  INDEX_FIELD,
  isSpecialMetadataField,
  metadataMatchQuery,
  metadataMultiTermQuery,
  metadataTermsQuery,
  queryFieldMapping,
} from './metadata-fields.ts'

const DEFAULT_MAX_DETERMINIZED_STATES = 10000
const MULTI_TERM_OPTIONS = ['value', 'rewrite', 'case_insensitive']

function constantScoreOf(queries: IndexQuery[], boost: number): IndexQuery {
  const should = queries.length === 1 ? queries[0]! : bool(queries)
  return { type: 'constantScore', filter: should, boost }
}

function bool(should: IndexQuery[]): IndexQuery {
  return { type: 'bool', must: [], should, mustNot: [], filter: [], minimumShouldMatch: 0, boost: 1 }
}

/** The value of a `{ field: value }` or `{ field: { value } }` term-level query. */
function valueOf(name: string, body: XContentObject, allowed: readonly string[]) {
  const { field, options } = fieldAndOptions(name, body, 'value')
  checkOptions(name, options, allowed)
  const value = options.get('value') ?? options.get(name)
  const text = scalarText(value)
  if (text === null) throw parsingError(`[${name}] query does not support [value]`)
  return { field, options, value, text }
}

/**
 * MappedFieldType.termQuery for an exact value: text and keyword fields take the term as given (TermQuery,
 * BM25-scored); boolean fields parse it first (BooleanFieldMapper) and stay a scored TermQuery; numeric fields
 * parse it (NumberFieldMapper's Double.parseDouble) into a point query of the value, a range from the value to
 * itself that scores the boost and explains as `field:[v TO v]` (LongPoint.newExactQuery and its kin); a date
 * field and a range field run the range from the value to itself (DateFieldType.termQuery, RangeFieldType.termQuery:
 * the ranges holding the value). A value that does not parse fails the
 * shard with "failed to create query: ...".
 */
export function exactValueQuery(
  field: string,
  value: XContentValue | undefined,
  text: string,
  context: QueryContext,
  boost: number,
): IndexQuery {
  if (field === SEQ_NO_FIELD) return seqNoTermQuery(context, { value, text }, boost)
  if (isSpecialMetadataField(field)) return metadataMatchQuery(context, field, text, boost)
  const mapping = queryFieldMapping(context, field)
  if (mapping === undefined) return { type: 'matchNone' }
  const valueRange = (): IndexQuery => {
    const bounds = { from: text, to: text, includeLower: true, includeUpper: true }
    const options = { nowMillis: context.nowMillis ?? 0, index: context.index }
    return shardRangeQuery(field, mapping, bounds, options, boost)
  }
  if (mapping.type === 'date' || mapping.type === 'date_nanos' || isRangeType(mapping.type))
    return valueRange()
  // AggregateDoubleMetricFieldType.termQuery: its default metric's (rangeIndexQuery delegates)
  if (mapping.type === AGGREGATE_METRIC_DOUBLE) return valueRange()
  if (mapping.type === 'constant_keyword') return constantKeywordTermQuery(mapping, text, boost)
  if (mapping.type === 'ip') return createQuery(context.index, () => ipTermQuery(field, text, boost))
  if (mapping.type === 'scaled_float') {
    const value = createQuery(context.index, () => scaledTermValue(mapping, text))
    return { type: 'numericRange', field, lower: value, upper: value, boost }
  }
  if (mapping.type === 'binary') {
    // BinaryFieldType.termQuery
    throw failedToCreateQuery(
      context.index,
      'illegal_argument_exception',
      'Binary fields do not support searching',
    )
  }
  if (mapping.type === 'histogram') {
    // HistogramFieldType.termQuery
    const reason = `[histogram] field do not support searching, use dedicated aggregations instead: [${field}]`
    throw failedToCreateQuery(context.index, 'illegal_argument_exception', reason)
  }
  if (mapping.type === 'geo_point') {
    const reason = `Geometry fields do not support exact searching, use dedicated geometry queries instead: [${field}]`
    throw failedToCreateQuery(context.index, 'illegal_argument_exception', reason)
  }
  if (mapping.type === 'dense_vector') {
    // DenseVectorFieldType.termQuery
    const reason = `Field [${field}] of type [dense_vector] doesn't support term queries`
    throw failedToCreateQuery(context.index, 'illegal_argument_exception', reason)
  }
  if (mapping.type === 'rank_feature') {
    // RankFeatureFieldType.termQuery
    const reason = 'Queries on [rank_feature] fields are not supported'
    throw failedToCreateQuery(context.index, 'illegal_argument_exception', reason)
  }
  if (mapping.type === 'percolator') {
    // PercolatorFieldType.termQuery
    const reason = 'Percolator fields are not searchable directly, use a percolate query instead'
    throw queryShardException(reason, context.index)
  }
  // RankFeaturesFieldType.termQuery: the feature's value, as the linear function scores it
  if (mapping.type === 'rank_features')
    return { type: 'rankFeature', luceneField: field, feature: text, fn: LINEAR, linearTerm: true, boost }
  // SparseVectorFieldType.termQuery: FeatureField.newLinearQuery of the token, weight 1
  if (mapping.type === 'sparse_vector')
    return { type: 'rankFeature', luceneField: field, feature: text, fn: LINEAR, boost }
  // VersionStringFieldType.indexedValueForSearch: the value's encoded term
  if (mapping.type === 'version') return { type: 'term', field, term: encodeVersion(text), boost }
  // a string field's term is the value's text (BytesRefs.toBytesRef: `true`), a boolean field's Lucene's T / F
  if (isAnalyzedText(mapping) || isKeywordLike(mapping))
    return { type: 'term', field, term: keywordSearchValue(mapping, text, context), boost }
  if (typeof value === 'boolean') return { type: 'term', field, term: indexedTerm(value), boost }
  const term = checked(context, () => exactTerm(mapping, text))
  return NUMERIC_TYPES.has(mapping.type) ? valueRange() : { type: 'term', field, term, boost }
}

export function termQuery(body: XContentObject, context: QueryContext): IndexQuery {
  const { field, options, value, text } = valueOf('term', body, ['value', 'case_insensitive'])
  const boost = boostOf(options)
  if (isSpecialMetadataField(field))
    return metadataTermsQuery(context, field, [text], boost, caseInsensitive(options))
  if (field === SEQ_NO_FIELD) return seqNoTermQuery(context, { value, text }, boost)
  const mapping = queryFieldMapping(context, field)
  if (mapping === undefined) return { type: 'matchNone' }
  // TermQueryBuilder.doIndexMetadataRewrite: a constant field's query is a bare match_all or match_none
  if (mapping.type === 'constant_keyword')
    return constantKeywordPatternQuery(mapping, [text], caseInsensitive(options))
  const query = exactValueQuery(field, value, text, context, boost)
  if (caseInsensitive(options) && query.type === 'term') {
    // a version's encoded term differs from its decoded text in marker bytes only (version-queries.ts)
    const version = queryFieldMapping(context, field)?.type === 'version'
    const term = version ? decodeVersion(query.term) : query.term
    // AutomatonQueries.caseInsensitiveTermQuery: an automaton of the term, so constant score
    return { type: 'wildcard', field, pattern: term.replace(/[\\*?]/g, '\\$&'), caseInsensitive: true, boost }
  }
  return query
}

export function termsQuery(body: XContentObject, context: QueryContext): IndexQuery {
  let field: string | null = null
  let values: XContentValue[] = []
  for (const [key, value] of body) {
    if (key === 'boost' || key === '_name') continue
    if (value instanceof Map) {
      // TermsQueryBuilder.fromXContent: an object is the field's document lookup
      if (field !== null) {
        throw parsingErrorAt(
          body,
          key,
          'value',
          `[terms] query does not support more than one field. Already got: [${field}] but also found [${key}]`,
        )
      }
      field = key
      recordTermsLookup(body, key, value, context)
      continue
    }
    if (!Array.isArray(value))
      throw parsingErrorAt(body, key, 'value', `[terms] query does not support [${key}]`)
    if (field !== null)
      throw parsingErrorAt(body, key, 'value', '[terms] query does not support multiple fields')
    field = key
    values = value
  }
  if (field === null) {
    throw parsingErrorAtEnd(
      body,
      '[terms] query requires a field name, followed by array of terms or a document lookup specification',
    )
  }
  // A lookup is only ever built here on the coordinating node's check, which keeps nothing it builds.
  if (body.get(field) instanceof Map) return { type: 'matchNone' }
  const texts = values.map((v) => {
    const text = scalarText(v)
    if (text === null) throw parsingError('[terms] query does not support [null] values')
    return text
  })
  const name = field
  // TermsQueryBuilder.doIndexMetadataRewrite: a constant field's query is decided before anything else
  if (name === INDEX_FIELD) return metadataTermsQuery(context, name, texts, 1)
  const constant = queryFieldMapping(context, name)
  if (constant?.type === 'constant_keyword') return constantKeywordPatternQuery(constant, texts, false)
  const metadata = name === ID_FIELD || name === SEQ_NO_FIELD
  if (texts.length === 0 || (queryFieldMapping(context, name) === undefined && !metadata))
    return { type: 'matchNone' }
  // TermsQueryBuilder.doToQuery, once the rewrite kept the query (a mapped field, some terms).
  const { maxTermsCount } = context.limits ?? DEFAULT_INDEX_LIMITS
  if (texts.length > maxTermsCount) {
    throw failedToCreateQuery(
      context.index,
      'illegal_argument_exception',
      `The number of terms [${texts.length}] used in the Terms Query request has exceeded the allowed maximum ` +
        `of [${maxTermsCount}]. This maximum can be set by changing the [index.max_terms_count] index level setting.`,
    )
  }
  if (name === ID_FIELD) return metadataTermsQuery(context, name, texts, boostOf(body))
  if (name === SEQ_NO_FIELD) {
    const seqNos = values.map((value, i) => ({ value, text: texts[i]! }))
    return seqNoTermsQuery(context, seqNos, boostOf(body))
  }
  const queries = texts.map((text, i) => exactValueQuery(name, values[i], text, context, 1))
  const type = queryFieldMapping(context, name)?.type ?? ''
  return pointSetQuery(name, type, queries, boostOf(body)) ?? constantScoreOf(queries, boostOf(body))
}

function caseInsensitive(options: XContentObject): boolean {
  const value = options.get('case_insensitive')
  return value === true || value === 'true'
}

/** RegexpFlag.resolveValue: names joined by `|`, case-insensitive; ALL wins; empty is ALL. */
function regexpFlags(options: XContentObject): number {
  const text = scalarText(options.get('flags'))
  if (text === null || text === '') return numberOption(options, 'flags_value', RegexpFlags.ALL)
  let flags: number = RegexpFlags.NONE
  for (const name of text.split('|')) {
    if (name === '') continue
    const flag = (RegexpFlags as Record<string, number>)[name.toUpperCase()]
    if (flag === undefined) throw illegalArgumentException(`Unknown regexp flag [${name}]`)
    if (flag === RegexpFlags.ALL) return flag
    flags |= flag
  }
  return flags
}

/**
 * IpFieldType.termQuery: an address matches its own term, a CIDR (`192.168.0.0/16`, InetAddressPoint.newPrefixQuery)
 * the terms of the addresses it covers; a constant-score range of terms, as a point query scores.
 */
function ipTermQuery(field: string, text: string, boost: number): IndexQuery {
  const { lower, upper } = termAddresses(text)
  const range = {
    lower: addressTerm(lower),
    upper: addressTerm(upper),
    includeLower: true,
    includeUpper: true,
  }
  return { type: 'termRange', field, ...range, boost }
}

/** Runs a field-type check, turning its refusal into ES's query_shard_exception. */
function checked<T>(context: QueryContext, build: () => T): T {
  try {
    return build()
  } catch (e) {
    if (e instanceof FieldQueryError) throw fieldQueryFailure(context.index, e)
    throw e
  }
}

export function prefixQuery(body: XContentObject, context: QueryContext): IndexQuery {
  const { field, options, text } = valueOf('prefix', body, MULTI_TERM_OPTIONS)
  if (isSpecialMetadataField(field) || field === SEQ_NO_FIELD)
    return metadataMultiTermQuery(context, field, 'prefix', text, caseInsensitive(options))
  const mapping = queryFieldMapping(context, field)
  if (mapping === undefined) return { type: 'matchNone' }
  if (mapping.type === 'constant_keyword')
    return constantKeywordPatternQuery(mapping, [`${text}*`], caseInsensitive(options))
  checked(context, () => requireString(field, mapping, 'prefix'))
  const rewrite = scalarText(options.get('rewrite'))
  const scoring = rewrite !== null && !rewrite.startsWith('constant_score')
  if (!caseInsensitive(options)) {
    const subfield =
      searchAsYouTypePrefix(field, mapping, text, boostOf(options), scoring) ??
      indexPrefixesPrefix(field, mapping, text, boostOf(options), scoring)
    if (subfield !== null) return subfield
  }
  return {
    type: 'prefix',
    field,
    prefix: keywordSearchValue(mapping, text, context),
    caseInsensitive: caseInsensitive(options),
    boost: boostOf(options),
  }
}

export function wildcardQuery(body: XContentObject, context: QueryContext): IndexQuery {
  const { field, options, text } = valueOf('wildcard', body, [...MULTI_TERM_OPTIONS, 'wildcard'])
  if (isSpecialMetadataField(field) || field === SEQ_NO_FIELD)
    return metadataMultiTermQuery(context, field, 'wildcard', text, caseInsensitive(options))
  const mapping = queryFieldMapping(context, field)
  if (mapping === undefined) return { type: 'matchNone' }
  if (mapping.type === 'constant_keyword')
    return constantKeywordPatternQuery(mapping, [text], caseInsensitive(options))
  checked(context, () => requireString(field, mapping, 'wildcard'))
  return {
    type: 'wildcard',
    field,
    pattern: keywordWildcardPattern(mapping, text, context),
    caseInsensitive: caseInsensitive(options),
    boost: boostOf(options),
  }
}

export function regexpQuery(body: XContentObject, context: QueryContext): IndexQuery {
  const { field, options, text } = valueOf('regexp', body, [
    ...MULTI_TERM_OPTIONS,
    'flags',
    'flags_value',
    'max_determinized_states',
  ])
  const maxDeterminizedStates = numberOption(
    options,
    'max_determinized_states',
    DEFAULT_MAX_DETERMINIZED_STATES,
  )
  const flags = regexpFlags(options)
  if (isSpecialMetadataField(field) || field === SEQ_NO_FIELD)
    return metadataMultiTermQuery(context, field, 'regexp', text, false)
  const mapping = queryFieldMapping(context, field)
  if (mapping === undefined) return { type: 'matchNone' }
  if (mapping.type !== 'constant_keyword') checked(context, () => requireString(field, mapping, 'regexp'))
  const { maxRegexLength } = context.limits ?? DEFAULT_INDEX_LIMITS
  // RegexpQueryBuilder: the value's length in UTF-16 units (Java's String.length).
  if (text.length > maxRegexLength) {
    throw failedToCreateQuery(
      context.index,
      'illegal_argument_exception',
      `The length of regex [${text.length}] used in the Regexp Query request has exceeded the allowed ` +
        `maximum of [${maxRegexLength}]. This maximum can be set by changing the [index.max_regex_length] ` +
        'index level setting.',
    )
  }
  // WildcardFieldType.regexpQuery: an empty regex matches nothing, before it is parsed
  if (text === '' && mapping.type === 'wildcard') return { type: 'matchNone' }
  let dfa
  try {
    dfa = compileRegexp(text, maxDeterminizedStates, flags, caseInsensitive(options))
  } catch (e) {
    if (e instanceof RegexpSyntaxError)
      throw failedToCreateQuery(context.index, 'illegal_argument_exception', e.message)
    if (e instanceof TooComplexToDeterminizeError) {
      throw failedToCreateQuery(context.index, 'too_complex_to_determinize_exception', e.message)
    }
    throw e
  }
  const boost = boostOf(options)
  if (mapping.type === 'constant_keyword') return constantKeywordRegexp(mapping, dfa, boost)
  return {
    type: 'regexp',
    field,
    pattern: text,
    maxDeterminizedStates,
    flags,
    caseInsensitive: caseInsensitive(options),
    boost,
  }
}

export interface FuzzyOptions {
  maxEdits: number
  prefixLength: number
  maxExpansions: number
  transpositions: boolean
}

/** `fuzziness` (AUTO = AUTO:3,6, or 0/1/2), `prefix_length` 0, `max_expansions` 50, `transpositions` true. */
export function fuzzyOptions(
  options: XContentObject,
  text: string,
  context: QueryContext,
  transpositionsKey = 'transpositions',
): FuzzyOptions {
  const fuzziness = checked(context, () => parseFuzziness(scalarText(options.get('fuzziness')) ?? 'AUTO'))
  const transpositions = options.get(transpositionsKey)
  return {
    maxEdits: fuzzyDistance(fuzziness, text),
    prefixLength: numberOption(options, 'prefix_length', 0),
    maxExpansions: numberOption(options, 'max_expansions', 50),
    transpositions: transpositions !== false && transpositions !== 'false',
  }
}

export function fuzzyQuery(body: XContentObject, context: QueryContext): IndexQuery {
  const { field, options, text } = valueOf('fuzzy', body, [
    'value',
    'fuzziness',
    'prefix_length',
    'max_expansions',
    'transpositions',
    'rewrite',
  ])
  if (isSpecialMetadataField(field) || field === SEQ_NO_FIELD)
    return metadataMultiTermQuery(context, field, 'fuzzy', text, false)
  const mapping = queryFieldMapping(context, field)
  if (mapping === undefined) return { type: 'matchNone' }
  if (mapping.type === 'constant_keyword')
    return constantKeywordFuzzy(mapping, text, fuzzyOptions(options, text, context), boostOf(options))
  checked(context, () => requireString(field, mapping, 'fuzzy'))
  return {
    type: 'fuzzy',
    field,
    term: keywordSearchValue(mapping, text, context),
    ...fuzzyOptions(options, text, context),
    boost: boostOf(options),
  }
}

export function existsQuery(body: XContentObject, context: QueryContext): IndexQuery {
  checkOptions('exists', body, ['field'])
  const name = scalarText(body.get('field'))
  if (name === null) throw parsingErrorAtEnd(body, '[exists] must be provided with a [field]')
  // ExistsQueryBuilder.getMappedFields: a name no field matches may be an object's, so `name.*` is tried next
  const matching = matchingFieldNames(name, context)
  const fields = matching.length > 0 ? matching : matchingFieldNames(`${name}.*`, context)
  if (fields.length === 0) return { type: 'matchNone' }
  checkExistsRefusals(fields, context.index)
  const exists = (field: string): IndexQuery => {
    const mapping = context.fields.get(field)
    const type = mapping?.type
    if (mapping?.type === 'constant_keyword') return constantKeywordExists(mapping)
    if (type === 'rank_feature' || type === 'rank_features')
      return rankFeatureExists(field, type, context.index)
    if (!isMetadataField(field) || context.fields.has(field)) return { type: 'exists', field, boost: 1 }
    const found = metadataExists(field)
    return found === 'all'
      ? { type: 'matchAll', boost: 1 }
      : found === 'indexed'
        ? { type: 'exists', field, boost: 1 }
        : { type: 'matchNone' }
  }
  return constantScoreOf(fields.map(exists), boostOf(body))
}

const LINEAR: FeatureFunction = { type: 'linear' }

/**
 * RankFeatureFieldType.existsQuery: the term query of its feature in `_feature` (its documents: those with a value),
 * described as Lucene prints it; RankFeaturesFieldType refuses.
 */
function rankFeatureExists(field: string, type: string, index: IndexRef | undefined): IndexQuery {
  if (type === 'rank_features') {
    const reason = '[rank_features] fields do not support [exists] queries'
    throw failedToCreateQuery(index, 'illegal_argument_exception', reason)
  }
  const filter: IndexQuery = { type: 'exists', field: featureIndexField(RANK_FEATURE_FIELD, field), boost: 1 }
  return { type: 'constantScore', filter, boost: 1, description: `${RANK_FEATURE_FIELD}:${field}` }
}

/**
 * FieldTypeLookup.getMatchingFieldNames: the mapping's fields and the metadata fields, which a shard's lookup holds
 * (the coordinating node's parse check has no index and leaves them to the shards).
 */
function matchingFieldNames(pattern: string, context: QueryContext): string[] {
  const metadata = context.index === undefined ? [] : METADATA_FIELD_NAMES
  if (isPattern(pattern))
    return [...new Set([...context.fields.keys(), ...metadata])].filter((f) => simpleMatch(pattern, f))
  return queryFieldMapping(context, pattern) !== undefined || metadata.includes(pattern) ? [pattern] : []
}

/** `ids`: IdFieldType.termsQuery of the values. */
export function idsQuery(body: XContentObject): IndexQuery {
  // IdsQueryBuilder parses with an ObjectParser
  checkDeclaredFields('ids', body, ['values'])
  const values = body.get('values')
  if (!Array.isArray(values)) throw parsingError('[ids] query malformed, no start_object after query name')
  return idTermsQuery(
    values.map((v) => scalarText(v) ?? ''),
    boostOf(body),
  )
}
