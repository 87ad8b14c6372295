/**
 * The query for one term of a `query_string` in one concrete field, as the field's MappedFieldType and ES's
 * MatchQueryParser build it:
 * - text fields analyse the text with the search analyzer (or the forced `analyzer` / `quote_analyzer`):
 *   no token → no query; one → term; tokens stacked at one position → synonym; several positions → a bool of
 *   them (SHOULD, or MUST with default_operator AND), or a phrase with the slop when quoted;
 * - keyword fields (and the keyword-like metadata fields `_routing` and `_ignored`) take the whole text as one
 *   term; a constant_keyword field answers every kind from its value (constant-keyword-queries.ts); numeric, boolean and date fields check it (failures are `failed to create query` errors, which
 *   `lenient` turns into match_none for that field);
 * - a range (and a number's or date's term, a range of one value) on a field whose type parses its bounds is built
 *   once by the field type's range query, so a bound it cannot parse fails as a field query does;
 * - prefix / wildcard / fuzzy / range terms are normalized (lower-cased for text fields, as the standard
 *   analyzer's normalize does), regexps kept as typed; non-string fields refuse them as ES does.
 */
import { encodeVersion } from '../../index/mapper/version-field.ts'
import { javaTrim, parseJavaDouble } from '../../../net/java-double.ts'
import type { AnalyzedToken } from '../../../../engine-wasm/src/index/types.ts'
import { EsException } from '../../errors/index.ts'
import { formatAddress, termAddresses } from '../../common/network/inet-addresses.ts'
import {
  isAnalyzedText,
  isDateType,
  isKeywordLike,
  NUMERIC_TYPES,
  type FieldMapping,
} from '../../index/mapper/mapping.ts'
import { searchAnalyzer, type TextAnalyzer } from '../../index/mapper/field-indexer.ts'
import { queryShardException, type IndexRef } from './query-parser-errors.ts'
import type { BoolClause, Occur, QueryStringNode } from './query-string-node.ts'
import type { IndexLimits } from '../../index/index-limit-settings.ts'
import { metadataKeywordMapping } from '../queries/metadata-field-types.ts'
import { constantKeywordLeaf } from '../queries/constant-keyword-queries.ts'
import { unmappedFieldsReason } from '../queries/match-no-docs.ts'
import { shardRangeQuery } from '../queries/range-query.ts'
import {
  TooComplexToDeterminizeError,
  type Dfa,
} from '../../../../engine-wasm/src/index/automaton/determinize.ts'
import { compileRegexp, RegexpSyntaxError } from '../../../../engine-wasm/src/index/automaton/regexp.ts'

export interface FieldQueryContext {
  /** Leaf fields by full path, as `leafFields(mapping)` lists them. */
  fields: ReadonlyMap<string, FieldMapping>
  analyze: TextAnalyzer
  index?: IndexRef
  /** The index's limits, on the shard that builds the query (absent when a request is only validated). */
  limits?: IndexLimits
  /** How the index matches an index expression, for `_index` (QueryContext.indexMatches). */
  indexMatches?: (pattern: string) => boolean
  /** "now" for date math in a range's bounds (epoch millis; 0 when a request is only validated). */
  nowMillis?: number
}

/** SearchExecutionContext.toQuery's wrapping of a non-ES exception raised while building a query. */
export function failedToCreateQuery(
  index: IndexRef | undefined,
  javaClass: string,
  message: string,
): EsException {
  const cause = new EsException({ type: javaClass, reason: message, status: 400, rootCause: false })
  return queryShardException(`failed to create query: ${message}`, index, cause)
}

/** Thrown by the per-field builders; `lenient` catches it. */
export class FieldQueryError extends Error {
  override readonly name = 'FieldQueryError'
  constructor(
    readonly javaClass: string,
    message: string,
    /** The shard's failure as the field type's query raised it (already wrapped), when it has that shape. */
    readonly failure: EsException | null = null,
  ) {
    super(message)
  }
}

/** Field types with string terms; a version's are matched decoded (search/queries/version-queries.ts). */
function isString(mapping: FieldMapping): boolean {
  return isAnalyzedText(mapping) || isKeywordLike(mapping) || mapping.type === 'version'
}

/** The indexed term for an exact value of a non-text field. */
export function exactTerm(mapping: FieldMapping, text: string): string {
  if (NUMERIC_TYPES.has(mapping.type)) {
    // Double.parseDouble (NumberFieldMapper.hasDecimalPart / objectToDouble): trimmed, decimal, an optional
    // f/d suffix; blank text is "empty String".
    const value = parseJavaDouble(text)
    if (value !== null) return String(value)
    const trimmed = javaTrim(text)
    const message = trimmed === '' ? 'empty String' : `For input string: "${trimmed}"`
    throw new FieldQueryError('number_format_exception', message)
  }
  if (mapping.type === 'boolean') {
    if (text === 'true') return 'T'
    if (text === 'false') return 'F'
    throw new FieldQueryError(
      'illegal_argument_exception',
      `Can't parse boolean value [${text}], expected [true] or [false]`,
    )
  }
  // VersionStringFieldType.indexedValueForSearch
  if (mapping.type === 'version') return encodeVersion(text)
  return text
}

export interface TextQueryOptions {
  quoted: boolean
  slop: number
  occur: Occur
  analyzer: string | null
}

export function textQuery(
  context: FieldQueryContext,
  field: string,
  text: string,
  options: TextQueryOptions,
): QueryStringNode | null {
  const mapping = context.fields.get(field) ?? metadataKeywordMapping(field)
  if (mapping === undefined) return { kind: 'matchNone', reason: unmappedFieldsReason([field]) }
  if (mapping.type === 'ip' && options.analyzer === null) return ipQuery(field, text)
  if (mapping.type === 'constant_keyword') return constantNode(mapping, { kind: 'term', text })
  if (!isAnalyzedText(mapping) && options.analyzer === null) {
    const term = exactTerm(mapping, text)
    // the field type's termQuery: a number's point query and a date's range are the range from the value to itself
    if (!NUMERIC_TYPES.has(mapping.type) && !isDateType(mapping.type))
      return { kind: 'term', field, term, boost: 1 }
    const range = { lower: term, upper: term, includeLower: true, includeUpper: true }
    return parsedRange(context, field, mapping, range)
  }
  const tokens = context.analyze(searchAnalyzer(mapping, options.analyzer), text)
  if (tokens.length === 0) return null
  const positions = groupByPosition(tokens)
  if (options.quoted && positions.length > 1) {
    const terms = tokens.map((t) => ({ term: t.term, position: t.position - tokens[0]!.position }))
    return { kind: 'phrase', field, terms, slop: options.slop, boost: 1 }
  }
  const queries = positions.map((terms): QueryStringNode => positionQuery(field, terms))
  if (queries.length === 1) return queries[0]!
  const clauses = queries.map((query): BoolClause => ({ occur: options.occur, query }))
  return { kind: 'bool', clauses, minimumShouldMatch: 0, boost: 1 }
}

/**
 * IpFieldType.termQuery in a query_string: an address, or a CIDR block (its `/` escaped or the term quoted), as the
 * range of the addresses it covers; a malformed one fails as a field query does (`lenient` skips it).
 */
function ipQuery(field: string, text: string): QueryStringNode {
  try {
    const { lower, upper } = termAddresses(text)
    const range = {
      lower: formatAddress(lower),
      upper: formatAddress(upper),
      includeLower: true,
      includeUpper: true,
    }
    return { kind: 'range', field, ...range, boost: 1 }
  } catch (error) {
    if (!(error instanceof EsException)) throw error
    throw new FieldQueryError(error.type, error.reason)
  }
}

function groupByPosition(tokens: readonly AnalyzedToken[]): string[][] {
  const groups: string[][] = []
  let last = Number.NaN
  for (const token of tokens) {
    if (token.position === last) groups[groups.length - 1]!.push(token.term)
    else groups.push([token.term])
    last = token.position
  }
  return groups
}

function positionQuery(field: string, terms: string[]): QueryStringNode {
  if (terms.length === 1) return { kind: 'term', field, term: terms[0]!, boost: 1 }
  return { kind: 'synonym', field, terms, boost: 1 }
}

/** Analyzer.normalize: the standard analyzer's normalization chain is lowercase only. */
export function normalize(mapping: FieldMapping, text: string, analyzer: string | null): string {
  const name = isAnalyzedText(mapping) ? searchAnalyzer(mapping, analyzer) : (analyzer ?? 'keyword')
  return name === 'keyword' || name === 'whitespace' ? text : text.toLowerCase()
}

export type MultiTermKind = 'prefix' | 'wildcard' | 'regexp' | 'fuzzy'

/**
 * MappedFieldType's refusal of a multi-term query on a field of `type` without string terms: prefix and wildcard
 * name the wildcard type too; all but fuzzy throw a QueryShardException of their own, fuzzy an
 * IllegalArgumentException (which SearchExecutionContext.toQuery wraps as "failed to create query").
 */
export function multiTermRefusal(field: string, type: string, kind: MultiTermKind): FieldQueryError {
  const types = kind === 'prefix' || kind === 'wildcard' ? 'keyword, text and wildcard' : 'keyword and text'
  const reason = `Can only use ${kind} queries on ${types} fields - not on [${field}] which is of type [${type}]`
  return new FieldQueryError(
    kind === 'fuzzy' ? 'illegal_argument_exception' : 'query_shard_exception',
    reason,
  )
}

export function requireString(field: string, mapping: FieldMapping, kind: MultiTermKind): void {
  if (!isString(mapping)) throw multiTermRefusal(field, mapping.type, kind)
  // KeyedFlattenedFieldType's wildcardQuery, regexpQuery and fuzzyQuery
  if (mapping.keyed !== undefined && kind !== 'prefix') {
    const reason = `[${kind}] queries are not currently supported on keyed [${mapping.type}] fields.`
    throw new FieldQueryError('unsupported_operation_exception', reason)
  }
}

/** The shard failure of a field query's error: a query_shard_exception as it is, anything else wrapped. */
export function fieldQueryFailure(index: IndexRef | undefined, error: FieldQueryError): EsException {
  if (error.failure !== null) return error.failure
  if (error.javaClass === 'query_shard_exception') return queryShardException(error.message, index)
  return failedToCreateQuery(index, error.javaClass, error.message)
}

export type TermLevel =
  /** With `analyze` (analyze_wildcard), text fields analyse the prefix: terms, then a prefix on the last. */
  | { kind: 'prefix'; text: string; analyze: boolean; occur: Occur }
  | { kind: 'wildcard'; text: string }
  | { kind: 'regexp'; text: string }
  | { kind: 'fuzzy'; text: string; maxEdits: number; prefixLength: number; transpositions: boolean }
  | {
      kind: 'range'
      lower: string | null
      upper: string | null
      includeLower: boolean
      includeUpper: boolean
    }

export function termLevelQuery(
  context: FieldQueryContext,
  field: string,
  query: TermLevel,
  analyzer: string | null,
): QueryStringNode | null {
  const mapping = context.fields.get(field) ?? metadataKeywordMapping(field)
  if (mapping === undefined) return { kind: 'matchNone', reason: unmappedFieldsReason([field]) }
  if (mapping.type === 'constant_keyword') return constantNode(mapping, query)
  switch (query.kind) {
    case 'prefix':
      requireString(field, mapping, 'prefix')
      if (query.analyze && isAnalyzedText(mapping))
        return analyzedPrefix(context, field, mapping, query, analyzer)
      return { kind: 'prefix', field, prefix: normalize(mapping, query.text, analyzer), boost: 1 }
    case 'wildcard':
      requireString(field, mapping, 'wildcard')
      return { kind: 'wildcard', field, pattern: normalizeWildcard(mapping, query.text, analyzer), boost: 1 }
    case 'regexp':
      requireString(field, mapping, 'regexp')
      return { kind: 'regexp', field, pattern: query.text, boost: 1 }
    case 'fuzzy': {
      requireString(field, mapping, 'fuzzy')
      const { maxEdits, prefixLength, transpositions } = query
      const term = normalize(mapping, query.text, analyzer)
      return { kind: 'fuzzy', field, term, maxEdits, prefixLength, transpositions, boost: 1 }
    }
    case 'range': {
      const { includeLower, includeUpper } = query
      if (isString(mapping) && mapping.type !== 'version') {
        const bound = (text: string | null): string | null =>
          text === null ? null : normalize(mapping, text, analyzer)
        const [lower, upper] = [bound(query.lower), bound(query.upper)]
        return { kind: 'range', field, lower, upper, includeLower, includeUpper, boost: 1 }
      }
      const bound = (text: string | null): string | null => (text === null ? null : exactTerm(mapping, text))
      const range = { lower: bound(query.lower), upper: bound(query.upper), includeLower, includeUpper }
      return parsedRange(context, field, mapping, range)
    }
  }
}

/**
 * A range node over a field whose type parses the bounds (numbers, dates, addresses, versions, ranges): the field
 * type's range query is built once here, so that a bound that does not parse fails while the field is looked at,
 * where `lenient` skips the field (QueryStringQueryParser.getFieldQuerySingle / getRangeQuerySingle catch it), and
 * otherwise fails the shard as SearchExecutionContext.toQuery reports it (the same error as a `match` or `range`).
 */
function parsedRange(
  context: FieldQueryContext,
  field: string,
  mapping: FieldMapping,
  range: { lower: string | null; upper: string | null; includeLower: boolean; includeUpper: boolean },
): QueryStringNode {
  const { lower, upper, includeLower, includeUpper } = range
  try {
    const options = { nowMillis: context.nowMillis ?? 0, index: context.index }
    shardRangeQuery(field, mapping, { from: lower, to: upper, includeLower, includeUpper }, options, 1)
  } catch (e) {
    if (e instanceof EsException) throw new FieldQueryError(e.type, e.reason, e)
    throw e
  }
  return { kind: 'range', field, lower, upper, includeLower, includeUpper, boost: 1 }
}

/** A constant_keyword's leaf (constant-keyword-queries.ts): match_all, or MatchNoDocsQuery without a reason. */
function constantNode(
  mapping: FieldMapping,
  query: TermLevel | { kind: 'term'; text: string },
): QueryStringNode {
  const built = constantKeywordLeaf(mapping, query, compiledRegexp)
  return built.type === 'matchAll' ? { kind: 'matchAll', boost: 1 } : { kind: 'matchNone', reason: '' }
}

/** The default of RegexpQueryBuilder's max_determinized_states, which query_string's regexps take. */
const MAX_DETERMINIZED_STATES = 10000

/** A regexp compiled for a field type that runs it itself, its failure the FieldQueryError of a refusal. */
function compiledRegexp(pattern: string): Dfa {
  try {
    return compileRegexp(pattern, MAX_DETERMINIZED_STATES)
  } catch (e) {
    if (e instanceof RegexpSyntaxError) throw new FieldQueryError('illegal_argument_exception', e.message)
    if (e instanceof TooComplexToDeterminizeError)
      throw new FieldQueryError('too_complex_to_determinize_exception', e.message)
    throw e
  }
}

/** Normalizes the literal runs of a wildcard pattern, keeping `*`, `?` and escapes as typed. */
function normalizeWildcard(mapping: FieldMapping, pattern: string, analyzer: string | null): string {
  return pattern.replace(/(\\.)|([?*]+)|([^\\?*]+)/gs, (run: string, escape?: string, wild?: string) =>
    escape !== undefined || wild !== undefined ? run : normalize(mapping, run, analyzer),
  )
}

/** QueryStringQueryParser.getPossiblyAnalyzedPrefixQuery with analyze_wildcard on a text field. */
function analyzedPrefix(
  context: FieldQueryContext,
  field: string,
  mapping: FieldMapping,
  query: { text: string; occur: Occur },
  analyzer: string | null,
): QueryStringNode | null {
  const positions = groupByPosition(context.analyze(searchAnalyzer(mapping, analyzer), query.text))
  const prefix = (text: string): QueryStringNode => ({ kind: 'prefix', field, prefix: text, boost: 1 })
  const last = positions.length - 1
  const queries = positions.map((terms, i): QueryStringNode => {
    if (i < last) return positionQuery(field, terms)
    if (terms.length === 1) return prefix(terms[0]!)
    const clauses = terms.map((t): BoolClause => ({ occur: 'SHOULD', query: prefix(t) }))
    return { kind: 'bool', clauses, minimumShouldMatch: 0, boost: 1 }
  })
  if (queries.length <= 1) return queries[0] ?? null
  const clauses = queries.map((q): BoolClause => ({ occur: query.occur, query: q }))
  return { kind: 'bool', clauses, minimumShouldMatch: 0, boost: 1 }
}
