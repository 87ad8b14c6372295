/**
 * The metadata fields a term-level query may name beside the mapping's fields (ES's MappingLookup holds the metadata
 * mappers' field types too). Only `_ignored` is here: IgnoredFieldMapper's field, a keyword-like string field whose
 * terms are the paths of the document's fields whose values the mapper ignored (indexed by field-indexer.ts), so
 * `term`, `terms` and `exists` on it find the documents with ignored values. A field pattern (`_*`) does not expand
 * to it.
 */
import { IGNORED_FIELD } from '../../index/mapper/field-indexer.ts'
import type { FieldMapping } from '../../index/mapper/mapping.ts'
import type { QueryContext } from './query-parsing.ts'

const IGNORED_MAPPING: FieldMapping = { type: 'keyword' }

/** The field's mapping for a term-level query: the mapping's, else the metadata field's, else undefined. */
export function queryFieldMapping(context: QueryContext, name: string): FieldMapping | undefined {
  return context.fields.get(name) ?? (name === IGNORED_FIELD ? IGNORED_MAPPING : undefined)
}
