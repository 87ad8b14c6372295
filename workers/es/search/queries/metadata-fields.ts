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
import { IGNORED_FIELD, ROUTING_FIELD } from '../../index/mapper/field-indexer.ts'
import type { FieldMapping } from '../../index/mapper/mapping.ts'
import { simpleMatch } from '../../common/simple-match.ts'
import type { EsException } from '../../errors/index.ts'
import {
  failedToCreateQuery,
  fieldQueryFailure,
  multiTermRefusal,
  type MultiTermKind,
} from '../query-string/field-queries.ts'
import type { QueryContext } from './query-parsing.ts'

export const ID_FIELD = '_id'
export const INDEX_FIELD = '_index'

const KEYWORD: FieldMapping = { type: 'keyword' }

/** The metadata fields queried through a keyword's terms. */
const TERM_FIELDS: ReadonlySet<string> = new Set([IGNORED_FIELD, ROUTING_FIELD])

/** The field's mapping for a term-level query: the mapping's, else a keyword metadata field's, else undefined. */
export function queryFieldMapping(context: QueryContext, name: string): FieldMapping | undefined {
  return context.fields.get(name) ?? (TERM_FIELDS.has(name) ? KEYWORD : undefined)
}

/** `_id` and `_index`, whose queries are not a keyword's. */
export function isSpecialMetadataField(name: string): boolean {
  return name === ID_FIELD || name === INDEX_FIELD
}

/** Whether `_index` of the searched index matches `pattern` (QueryRewriteContext.indexMatches). */
function indexMatches(context: QueryContext, pattern: string): boolean {
  if (context.indexMatches !== undefined) return context.indexMatches(pattern)
  return context.index !== undefined && simpleMatch(pattern, context.index.name)
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
  // IndexFieldType.matches: index names are lower case, so a case-insensitive pattern is lower-cased
  const matches = patterns.some((p) => indexMatches(context, caseInsensitive ? p.toLowerCase() : p))
  return matches ? { type: 'matchAll', boost } : { type: 'matchNone' }
}

/** `_id`: IdFieldType.termsQuery, a TermInSetQuery of the ids (constant score, the boost). */
export function idTermsQuery(ids: readonly string[], boost: number): IndexQuery {
  if (ids.length === 0) return { type: 'matchNone' }
  const terms = ids.map((id): IndexQuery => ({ type: 'term', field: ID_FIELD, term: id, boost: 1 }))
  const filter: IndexQuery =
    terms.length === 1
      ? terms[0]!
      : { type: 'bool', must: [], should: terms, mustNot: [], filter: [], minimumShouldMatch: 0, boost: 1 }
  return { type: 'constantScore', filter, boost }
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

/** `prefix` / `wildcard` on `_index` (ConstantFieldType); MappedFieldType's refusal of the other multi-term queries. */
export function metadataMultiTermQuery(
  context: QueryContext,
  field: string,
  kind: MultiTermKind,
  value: string,
  caseInsensitive: boolean,
): IndexQuery {
  if (field === INDEX_FIELD && kind === 'prefix')
    return constantQuery(context, [`${value}*`], caseInsensitive)
  if (field === INDEX_FIELD && kind === 'wildcard') return constantQuery(context, [value], caseInsensitive)
  return refusedOnShard(context, fieldQueryFailure(context.index, multiTermRefusal(field, field, kind)))
}

/**
 * A query the field type refuses fails each shard that builds it; the coordinating node's syntax check (a context
 * without an index) lets it through, as ES parses the request before any field type is looked up.
 */
function refusedOnShard(context: QueryContext, refusal: EsException): IndexQuery {
  if (context.index === undefined) return { type: 'matchNone' }
  throw refusal
}

/** A range query on `_id` or `_index`: MappedFieldType's refusal. */
export function metadataRangeQuery(context: QueryContext, field: string): IndexQuery {
  const reason = `Field [${field}] of type [${field}] does not support range queries`
  return refusedOnShard(context, failedToCreateQuery(context.index, 'illegal_argument_exception', reason))
}
