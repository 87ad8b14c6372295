/**
 * The IndexRequest a bulk update item's pipelines run on (TransportBulkAction.getIndexWriteRequest for an
 * UpdateRequest): the `doc` when `doc_as_upsert` is true, else the `upsert` document; an update with neither
 * runs no pipeline. BulkRequestParser gives the item's `pipeline` (or the bulk's `?pipeline=`) to the upsert
 * request only, so a `doc_as_upsert` doc runs just the index's default and final pipelines.
 *
 * UpdateRequest builds that IndexRequest without an index, id or routing: the pipelines see `_index`, `_id`
 * and `_routing` null, and whatever they set there is dropped, since UpdateHelper gives the upsert the
 * update's own. The pipelines run whether or not the document exists (the shard decides that later): their
 * source replaces the upsert, or with `doc_as_upsert` the doc that is merged into an existing document.
 */
import type { IngestDocumentInput } from '../ingest/ingest-service.ts'
import { isBlank, parseRequestBody } from '../rest/request-body.ts'
import type { XContentObject } from '../xcontent/index.ts'
import { parseUpdateRequest } from './update-helper.ts'

export interface IndexWriteRequest {
  /** The IndexRequest's own `pipeline`, or null. */
  pipeline: string | null
  /** The ingest document's starting metadata and source. */
  input(): IngestDocumentInput
}

/** `text` is the update's body (already validated by the bulk parser); `pipeline` the item's. */
export function upsertWriteRequest(text: string, pipeline: string | null): IndexWriteRequest | null {
  const body = isBlank(text) ? (new Map() as XContentObject) : parseRequestBody(text)
  const request = parseUpdateRequest(body, text)
  const source = request.docAsUpsert ? request.doc : request.upsert
  if (source === null) return null
  return {
    pipeline: request.docAsUpsert ? null : pipeline,
    input: () => ({ index: null, id: null, routing: null, version: null, source }),
  }
}
