/**
 * The parts of a hit's JSON that the fetch sub-phases add, shared by a search's hits and top_hits' hits, in
 * SearchHit.toXContent's order: after `_index`, `_id` (unless `stored_fields: _none_`), `_version` and
 * `_seq_no`/`_primary_term` when asked; after `_score` the metadata fields (`_routing`, then `_ignored`, bucket 0 of the
 * hit's metadata HashMap, in the order the document's stored fields hold them); after `_source` the `fields` and
 * `ignored_field_values` sections.
 */
import { RawJson, type JsonOut } from '../../xcontent/index.ts'
import type { StoredDocument } from '../../index/shard/index-shard.ts'
import type { DocumentFieldsJson } from './document-fields.ts'
import { fetchesMetadata, type FetchOptions } from './fetch-options.ts'

/** `_id`, `_version`, `_seq_no` and `_primary_term`, as the fetch options ask for them. */
export function identityFields(doc: StoredDocument, fetch: FetchOptions): Record<string, JsonOut> {
  return {
    ...(fetchesMetadata(fetch) ? { _id: doc.id } : {}),
    ...(fetch.version ? { _version: doc.version } : {}),
    ...(fetch.seqNoPrimaryTerm ? { _seq_no: doc.seqNo, _primary_term: doc.primaryTerm } : {}),
  }
}

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
