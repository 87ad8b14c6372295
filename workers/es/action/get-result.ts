/**
 * GetResult.toXContent: one document as GET, `_mget` and `_update`'s `get` print it, with
 * `_source` whole (the bytes that were sent), filtered (re-serialized, see source-map.ts) or left
 * out, as the request's FetchSourceContext asks.
 *
 * Field order: `_index`, `_id`, `_version`, `_seq_no`, `_primary_term`, `_routing`, `found`, `_source`, then
 * `fields`, the stored fields the request's `stored_fields` names (get-stored-fields.ts);
 * a missing document is `{"_index","_id","found":false}`. The embedded form (toXContentEmbedded, the explain
 * API's `get`) is the same from `_seq_no` on.
 */
import { RawJson, parseJson, type JsonOut, type XContentObject } from '../xcontent/index.ts'
import type { StoredDocument } from '../index/shard/index-shard.ts'
import type { Mapping } from '../index/mapper/mapping.ts'
import { storedSource } from './stored-source.ts'
import { filterSource, isFiltering, type FetchSourceContext } from './fetch-source.ts'
import { sourceToJson } from './source-map.ts'
import { getDocumentFields } from './get-stored-fields.ts'

/** The `_source` to print, or undefined when it is not fetched or not stored (`text` null, stored-source.ts). */
export function fetchedSource(
  text: string | null,
  parsed: XContentObject | null,
  fetch: FetchSourceContext | null,
): JsonOut | undefined {
  if (fetch !== null && !fetch.fetchSource) return undefined
  if (text === null) return undefined
  if (!isFiltering(fetch)) return parsed === null ? new RawJson(text) : sourceToJson(parsed)
  const source = parsed ?? (parseJson(text) as XContentObject)
  return sourceToJson(filterSource(source, fetch))
}

/** A hit's `_source` entry as the fetch context asks it: `{ _source }`, or nothing when it is not fetched. */
export function sourceField(text: string | null, fetch: FetchSourceContext | null): { _source?: JsonOut } {
  const source = fetchedSource(text, null, fetch)
  return source === undefined ? {} : { _source: source }
}

export function getResultFields(
  index: string,
  id: string,
  doc: StoredDocument | null,
  fetch: FetchSourceContext | null,
  storedFields: readonly string[] | null,
  mapping: Mapping,
): Map<string, JsonOut> {
  const fields = new Map<string, JsonOut>([
    ['_index', index],
    ['_id', id],
  ])
  if (doc === null) {
    fields.set('found', false)
    return fields
  }
  fields.set('_version', doc.version)
  for (const [key, value] of embeddedGetResultFields(doc, fetch, storedFields, mapping))
    fields.set(key, value)
  return fields
}

/**
 * GetResult.toXContentEmbedded of a document found: `_seq_no`, `_primary_term`, `_routing`, `found`, `_source`,
 * `fields`.
 */
export function embeddedGetResultFields(
  doc: StoredDocument,
  fetch: FetchSourceContext | null,
  storedFields: readonly string[] | null,
  mapping: Mapping,
): Map<string, JsonOut> {
  const documentFields = getDocumentFields(doc, storedFields, mapping)
  const fields = new Map<string, JsonOut>([
    ['_seq_no', doc.seqNo],
    ['_primary_term', doc.primaryTerm],
  ])
  if (doc.routing !== null) fields.set('_routing', doc.routing)
  fields.set('found', true)
  const source = fetchedSource(storedSource(mapping, doc.source), null, fetch)
  if (source !== undefined) fields.set('_source', source)
  if (documentFields !== null) fields.set('fields', documentFields)
  return fields
}
