/**
 * The parts of a hit's JSON that the fetch sub-phases add, shared by a search's hits and top_hits' hits, in
 * SearchHit.toXContent's order: after `_score` the metadata fields (`_routing`, then `_ignored`, bucket 0 of the
 * hit's metadata HashMap, in the order the document's stored fields hold them); after `_source` the `fields` and
 * `ignored_field_values` sections.
 */
import { RawJson, type JsonOut } from '../../xcontent/index.ts'
import type { DocumentFieldsJson } from './document-fields.ts'

/** `_routing` and `_ignored`, each only when the document has it. */
export function metadataFields(routing: string | null, ignored: readonly string[]): Record<string, JsonOut> {
  return {
    ...(routing !== null ? { _routing: routing } : {}),
    ...(ignored.length > 0 ? { _ignored: ignored } : {}),
  }
}

/** `fields` and `ignored_field_values`, each only when it has a field. */
export function documentFieldSections(sections: DocumentFieldsJson | null): Record<string, JsonOut> {
  return {
    ...(sections?.fields ? { fields: new RawJson(sections.fields) } : {}),
    ...(sections?.ignoredFieldValues
      ? { ignored_field_values: new RawJson(sections.ignoredFieldValues) }
      : {}),
  }
}
