/**
 * The parts of a hit's JSON that the fetch sub-phases add, written into the hit (a search's hits and top_hits'),
 * in SearchHit.toXContent's order: after `_index`, `_id` (unless `stored_fields: _none_`), `_version` and
 * `_seq_no`/`_primary_term` when asked; after `_score` the metadata fields (`_routing`, then `_ignored`, bucket 0 of the
 * hit's metadata HashMap, in the order the document's stored fields hold them); after `_source` the `fields` and
 * `ignored_field_values` sections. A hit is built key by key, each section only when it has a value: spreading
 * optional sections into a literal copies it on V8's slow runtime path, once per hit.
 */
import { RawJson, type JsonOut } from '../../xcontent/index.ts'
import type { StoredDocument } from '../../index/shard/index-shard.ts'
import type { DocumentFieldsJson } from './document-fields.ts'
import { fetchesMetadata, type FetchOptions } from './fetch-options.ts'

/** A hit's JSON object, its keys in the order they are added. */
export type HitJson = { [key: string]: JsonOut }

/** `_id`, `_version`, `_seq_no` and `_primary_term`, as the fetch options ask for them. */
export function addIdentityFields(hit: HitJson, doc: StoredDocument, fetch: FetchOptions): void {
  if (fetchesMetadata(fetch)) hit._id = doc.id
  if (fetch.version) hit._version = doc.version
  if (fetch.seqNoPrimaryTerm) {
    hit._seq_no = doc.seqNo
    hit._primary_term = doc.primaryTerm
  }
}

/** `_routing` and `_ignored`, each only when the document has it. */
export function addMetadataFields(hit: HitJson, routing: string | null, ignored: readonly string[]): void {
  if (routing !== null) hit._routing = routing
  if (ignored.length > 0) hit._ignored = ignored
}

/** `fields` and `ignored_field_values`, each only when it has a field. */
export function addDocumentFieldSections(hit: HitJson, sections: DocumentFieldsJson | null): void {
  if (sections?.fields) hit.fields = new RawJson(sections.fields)
  if (sections?.ignoredFieldValues) hit.ignored_field_values = new RawJson(sections.ignoredFieldValues)
}
