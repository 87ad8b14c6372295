/**
 * The `_source` a document shows under its index's `_source` mapping (index/mapper/source-field.ts), as
 * SourceFieldMapper stores it: nothing when the mapping disables it (GET still finds the document; search hits,
 * GET and multi-get carry no `_source`), the document filtered by the mapping's `includes` / `excludes` (the
 * same path rules as a request's source filtering, XContentMapValues.filter) and re-serialized, else the bytes sent.
 * The shards keep the whole document (their translog and replicas index from it); every reader of `_source`
 * for a response or a rewrite goes through here.
 *
 * What needs the source fails without it: an update of an existing document (document_source_missing_exception,
 * UpdateHelper), a reindex or update-by-query hit (`[index][id] didn't store _source`,
 * AbstractAsyncBulkByScrollAction.accept).
 */
import { EsException, illegalArgumentException } from '../errors/index.ts'
import { parseJson, toJson, type XContentObject } from '../xcontent/index.ts'
import type { Mapping } from '../index/mapper/mapping.ts'
import { filterSource } from './fetch-source.ts'
import { sourceToJson } from './source-map.ts'

/** The stored `_source` text of a document of this mapping, or null when the mapping keeps none. */
export function storedSource(mapping: Mapping, text: string): string | null {
  const config = mapping._source
  if (config === undefined) return text
  if (config.enabled === false) return null
  const includes = config.includes ?? []
  const excludes = config.excludes ?? []
  if (includes.length === 0 && excludes.length === 0) return text
  const filtered = filterSource(parseJson(text) as XContentObject, { fetchSource: true, includes, excludes })
  return toJson(sourceToJson(filtered))
}

/** DocumentSourceMissingException: an update of a document whose source was not stored. */
export function documentSourceMissing(index: string, uuid: string, shard: number, id: string): EsException {
  return new EsException({
    type: 'document_source_missing_exception',
    reason: `[${id}]: document source missing`,
    status: 400,
    metadata: [
      ['index_uuid', uuid],
      ['shard', String(shard)],
      ['index', index],
    ],
  })
}

/** AbstractAsyncBulkByScrollAction.accept: a hit to rewrite must have its source. */
export function requireStoredSource(index: string, id: string, source: string | null): string {
  if (source === null) throw illegalArgumentException(`[${index}][${id}] didn't store _source`)
  return source
}
