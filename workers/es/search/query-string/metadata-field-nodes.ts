/**
 * A `query_string` leaf on `_id` or `_index`, built as QueryStringQueryParser builds it: by asking the field's
 * MappedFieldType (the keyword analyzer leaves the text whole).
 * - `_id` (IdFieldType): a term or phrase is termQuery, a TermInSetQuery of the one id (an `id` node);
 *   prefix, wildcard, regexp and fuzzy are MappedFieldType's refusals naming the type `_id`, range its range refusal.
 * - `_index` (IndexFieldType, a ConstantFieldType): a term, phrase, prefix (`value*`) or wildcard matches every
 *   document or none as the index matches the value as an index expression; regexp, fuzzy and range are refused.
 * A refusal is a FieldQueryError (`lenient` turns it into match_none); the coordinating node's check (no index)
 * lets it through, as the shards fail it.
 * `_routing` and `_ignored` are keyword terms and go through field-queries.ts as a keyword does.
 */
import { INDEX_FIELD } from '../queries/metadata-field-types.ts'
import {
  indexFieldMatches,
  metadataRangeRefusal,
  type IndexFieldContext,
} from '../queries/metadata-fields.ts'
import { multiTermRefusal, type FieldQueryError, type TermLevel } from './field-queries.ts'
import type { QueryStringNode } from './query-string-node.ts'

function constantNode(context: IndexFieldContext, pattern: string): QueryStringNode {
  return indexFieldMatches(context, [pattern], false)
    ? { kind: 'matchAll', boost: 1 }
    : { kind: 'matchNone', reason: `The index [${context.index?.name ?? ''}] did not match [${pattern}]` }
}

function refused(context: IndexFieldContext, error: FieldQueryError): QueryStringNode {
  if (context.index === undefined) return { kind: 'matchNone', reason: error.message }
  throw error
}

/** termQuery of the whole text on `_id` or `_index`. */
export function metadataTextNode(context: IndexFieldContext, field: string, text: string): QueryStringNode {
  return field === INDEX_FIELD ? constantNode(context, text) : { kind: 'id', id: text, boost: 1 }
}

/** prefixQuery, wildcardQuery, regexpQuery, fuzzyQuery or rangeQuery on `_id` or `_index`. */
export function metadataTermLevelNode(
  context: IndexFieldContext,
  field: string,
  query: TermLevel,
): QueryStringNode {
  if (query.kind === 'range') return refused(context, metadataRangeRefusal(field))
  if (field === INDEX_FIELD && query.kind === 'prefix') return constantNode(context, `${query.text}*`)
  if (field === INDEX_FIELD && query.kind === 'wildcard') return constantNode(context, query.text)
  return refused(context, multiTermRefusal(field, field, query.kind))
}
