/**
 * The metadata fields a query may name beside the mapping's fields (ES's MappingLookup holds the metadata mappers'
 * field types too), each built as its 8.17 field type builds it:
 * - `_ignored` (IgnoredFieldMapper) and `_routing` (RoutingFieldMapper): indexed keyword-like string fields
 *   (field-indexer.ts writes their terms), so every term-level query reads them as a keyword's terms;
 * - `_id` (ProvidedIdFieldMapper's IdFieldType, a TermBasedFieldType): `term`, `terms` (and `match`) are a
 *   TermInSetQuery of the ids, constant-scoring the boost; `exists` matches every document; prefix, wildcard,
 *   regexp, fuzzy and range queries are MappedFieldType's refusals naming the type `_id`. A case-insensitive term
 *   is an automaton over the plain text, which never equals the encoded (Uid.encodeId) terms, so it matches nothing;
 * - `_index` (IndexFieldMapper's IndexFieldType, a ConstantFieldType): `term`, `terms`, `prefix` (the prefix and
 *   `*`) and `wildcard` match every document or none, as the index matches the value as an index expression
 *   (SearchIndexNameMatcher: the value resolved leniently over the open indices, aliases and data streams, so an
 *   alias of the index or a pattern matches it; `*` is the only wildcard; a `cluster:index` value names a remote
 *   cluster and matches nothing). The term-level builders' rewrite (doIndexMetadataRewrite) turns such a query into
 *   a bare match_all or match_none, so its boost and `_name` are dropped; `case_insensitive` lower-cases the value.
 *   `exists` matches every document; regexp, fuzzy and range queries are refused.
 * A field pattern (`_*`) does not expand to them.
 */
import type { IndexQuery } from '../../../../engine-wasm/src/index/index.ts'
import type { FieldMapping } from '../../index/mapper/mapping.ts'
import { simpleMatch } from '../../common/simple-match.ts'
import { compareBytes, encodeId, termBytesToString } from '../../index/mapper/uid.ts'
import type { EsException } from '../../errors/index.ts'
import {
  FieldQueryError,
  fieldQueryFailure,
  multiTermRefusal,
  type MultiTermKind,
} from '../query-string/field-queries.ts'
import type { QueryContext } from './query-parsing.ts'
import { ID_FIELD, INDEX_FIELD, metadataKeywordMapping } from './metadata-field-types.ts'

export { ID_FIELD, INDEX_FIELD, isSpecialMetadataField } from './metadata-field-types.ts'

/** The field's mapping for a term-level query: the mapping's, else a keyword metadata field's, else undefined. */
export function queryFieldMapping(context: QueryContext, name: string): FieldMapping | undefined {
  return context.fields.get(name) ?? metadataKeywordMapping(name)
}

/** What `_index` queries ask of the context: the index, and how it matches an index expression. */
export type IndexFieldContext = Pick<QueryContext, 'index' | 'indexMatches'>

/** Whether `_index` of the searched index matches `pattern` (QueryRewriteContext.indexMatches). */
function indexMatches(context: IndexFieldContext, pattern: string): boolean {
  if (context.indexMatches !== undefined) return context.indexMatches(pattern)
  return context.index !== undefined && simpleMatch(pattern, context.index.name)
}

/** IndexFieldType.matches: whether the index matches one of the patterns (lower-cased when case-insensitive). */
export function indexFieldMatches(
  context: IndexFieldContext,
  patterns: readonly string[],
  caseInsensitive: boolean,
): boolean {
  // index names are lower case, so a case-insensitive pattern is lower-cased
  return patterns.some((p) => indexMatches(context, caseInsensitive ? p.toLowerCase() : p))
}

/**
 * ConstantFieldType's queries: match_all when the index matches one of the patterns, else match_none; `boost` is
 * kept only where no rewrite drops it (a `match` query's).
 */
function constantQuery(
  context: QueryContext,
  patterns: readonly string[],
  caseInsensitive: boolean,
  boost = 1,
): IndexQuery {
  return indexFieldMatches(context, patterns, caseInsensitive)
    ? { type: 'matchAll', boost }
    : { type: 'matchNone' }
}

/** The engine's filter of documents by their `_id` terms (one term, or a bool of them). */
export function idTermsFilter(ids: readonly string[]): IndexQuery {
  const terms = ids.map((id): IndexQuery => ({ type: 'term', field: ID_FIELD, term: id, boost: 1 }))
  if (terms.length === 1) return terms[0]!
  return { type: 'bool', must: [], should: terms, mustNot: [], filter: [], minimumShouldMatch: 0, boost: 1 }
}

/**
 * `_id`: IdFieldType.termsQuery, a TermInSetQuery of the ids (constant score, the boost), described as Lucene prints
 * it: the Uid-encoded terms, sorted and without duplicates, `_id:([fe 1f] [fe 3f])`.
 */
export function idTermsQuery(ids: readonly string[], boost: number): IndexQuery {
  if (ids.length === 0) return { type: 'matchNone' }
  const filter = idTermsFilter(ids)
  const encoded = ids.map(encodeId).sort(compareBytes)
  const unique = encoded.filter((bytes, i) => i === 0 || compareBytes(encoded[i - 1]!, bytes) !== 0)
  const description = `${ID_FIELD}:(${unique.map(termBytesToString).join(' ')})`
  return { type: 'constantScore', filter, boost, description }
}

/** `term` / `terms` on `_id` or `_index` (an `_index` query rewritten to a bare match_all or match_none). */
export function metadataTermsQuery(
  context: QueryContext,
  field: string,
  values: readonly string[],
  boost: number,
  caseInsensitive = false,
): IndexQuery {
  if (field === INDEX_FIELD) return constantQuery(context, values, caseInsensitive)
  return caseInsensitive ? { type: 'matchNone' } : idTermsQuery(values, boost)
}

/** The field type's termQuery of a `match` on `_id` or `_index`: the whole text (the keyword analyzer), boosted. */
export function metadataMatchQuery(
  context: QueryContext,
  field: string,
  text: string,
  boost: number,
): IndexQuery {
  return field === INDEX_FIELD ? constantQuery(context, [text], false, boost) : idTermsQuery([text], boost)
}

/**
 * `prefix` / `wildcard` on `_index` (ConstantFieldType); MappedFieldType's refusal of the other multi-term queries,
 * thrown as the FieldQueryError a lenient caller (query_string, simple_query_string) turns into match_none.
 */
export function metadataMultiTermFieldQuery(
  context: QueryContext,
  field: string,
  kind: MultiTermKind,
  value: string,
  caseInsensitive: boolean,
): IndexQuery {
  if (field === INDEX_FIELD && kind === 'prefix')
    return constantQuery(context, [`${value}*`], caseInsensitive)
  if (field === INDEX_FIELD && kind === 'wildcard') return constantQuery(context, [value], caseInsensitive)
  if (context.index === undefined) return { type: 'matchNone' }
  throw multiTermRefusal(field, field, kind)
}

/** metadataMultiTermFieldQuery, its refusal failing the shard. */
export function metadataMultiTermQuery(
  context: QueryContext,
  field: string,
  kind: MultiTermKind,
  value: string,
  caseInsensitive: boolean,
): IndexQuery {
  try {
    return metadataMultiTermFieldQuery(context, field, kind, value, caseInsensitive)
  } catch (e) {
    if (e instanceof FieldQueryError) throw fieldQueryFailure(context.index, e)
    throw e
  }
}

/**
 * A query the field type refuses fails each shard that builds it; the coordinating node's syntax check (a context
 * without an index) lets it through, as ES parses the request before any field type is looked up.
 */
function refusedOnShard(context: QueryContext, refusal: EsException): IndexQuery {
  if (context.index === undefined) return { type: 'matchNone' }
  throw refusal
}

/** MappedFieldType.rangeQuery's refusal on `_id` or `_index`. */
export function metadataRangeRefusal(field: string): FieldQueryError {
  const reason = `Field [${field}] of type [${field}] does not support range queries`
  return new FieldQueryError('illegal_argument_exception', reason)
}

/** A range query on `_id` or `_index`: MappedFieldType's refusal. */
export function metadataRangeQuery(context: QueryContext, field: string): IndexQuery {
  return refusedOnShard(context, fieldQueryFailure(context.index, metadataRangeRefusal(field)))
}
