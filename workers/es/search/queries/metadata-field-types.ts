/**
 * The metadata fields a query may name beside the mapping's fields, by name (metadata-fields.ts builds their
 * queries): `_id` (IdFieldType), `_index` (IndexFieldType, a ConstantFieldType), and `_routing` and `_ignored`,
 * which are indexed as keyword terms (field-indexer.ts) and queried as a keyword's terms; `_seq_no` (SeqNoFieldType)
 * has query builders of its own (seq-no-queries.ts). Other metadata fields (`_source`, ...) are not queryable
 * here. Invariant: every name starts with `_`.
 */
import { IGNORED_FIELD, ROUTING_FIELD } from '../../index/mapper/field-indexer.ts'
import type { FieldMapping } from '../../index/mapper/mapping.ts'

export const ID_FIELD = '_id'
export const INDEX_FIELD = '_index'
/** SeqNoFieldMapper's field: its queries are seq-no-queries.ts's, its doc values the document's sequence number. */
export const SEQ_NO_FIELD = '_seq_no'

/** In the order field expansion lists them after the mapping's fields. */
export const QUERYABLE_METADATA_FIELDS: readonly string[] = [
  ID_FIELD,
  INDEX_FIELD,
  ROUTING_FIELD,
  IGNORED_FIELD,
]

const KEYWORD: FieldMapping = { type: 'keyword' }

/** A keyword-like metadata field's mapping (`_routing`, `_ignored`), else undefined. */
export function metadataKeywordMapping(name: string): FieldMapping | undefined {
  return name === ROUTING_FIELD || name === IGNORED_FIELD ? KEYWORD : undefined
}

/** `_id` and `_index`, whose queries are not a keyword's. */
export function isSpecialMetadataField(name: string): boolean {
  return name === ID_FIELD || name === INDEX_FIELD
}
