/**
 * The `_ignored` metadata field: the fields of a document whose values the mapper ignored at index time, which a
 * search hit shows after its `_score` (after `_routing`, both in bucket 0 of the hit's metadata HashMap). The only
 * ignoring mapper here is a keyword (or keyword multi-field) value longer than `ignore_above`
 * (KeywordFieldMapper adds the field to DocumentParserContext's ignored HashSet). The names are listed in that
 * HashSet's iteration order, as IgnoredFieldMapper stores them.
 * Derived from `_source` through the mapping at fetch time; a source no longer than the smallest `ignore_above`
 * cannot hold such a value, so most hits skip the parse.
 */
import { javaHashMapKeyOrder } from '../../../net/java-hash.ts'
import { parseJson, type XContentObject } from '../../xcontent/index.ts'
import { parseDocument } from '../../index/mapper/document-parser.ts'
import type { Mapping } from '../../index/mapper/mapping.ts'
import { searchFields } from '../search-fields.ts'
import type { IndexService } from '../../index/index-service.ts'
import { fetchesMetadata, type FetchOptions } from './fetch-options.ts'

const smallestLimit = new WeakMap<Mapping, number>()

/** The document's `_ignored` values, empty when nothing was ignored. */
export function ignoredFields(source: string, mapping: Mapping): string[] {
  if (source.length <= limitOf(mapping)) return []
  const ignored = parseDocument(parseJson(source) as XContentObject, mapping)
    .fields.filter(
      ({ mapping: field, values }) =>
        field.type === 'keyword' &&
        field.ignore_above !== undefined &&
        values.some((value) => String(value).length > field.ignore_above!),
    )
    .map((field) => field.path)
  return ignored.length < 2 ? ignored : javaHashMapKeyOrder(ignored)
}

/** Each hit's `_ignored` values; null when none has any or metadata fields are not fetched (`_none_`). */
export function fetchIgnored(
  index: IndexService,
  options: FetchOptions,
  hits: ReadonlyArray<{ readonly source: string }>,
): string[][] | null {
  if (!fetchesMetadata(options)) return null
  const ignored = hits.map((hit) => ignoredFields(hit.source, index.metadata.mapping))
  return ignored.some((names) => names.length > 0) ? ignored : null
}

/** The smallest `ignore_above` of the mapping's keyword fields (Infinity without one). */
function limitOf(mapping: Mapping): number {
  let limit = smallestLimit.get(mapping)
  if (limit === undefined) {
    limit = Infinity
    for (const field of searchFields(mapping).values()) {
      if (field.type === 'keyword' && field.ignore_above !== undefined)
        limit = Math.min(limit, field.ignore_above)
    }
    smallestLimit.set(mapping, limit)
  }
  return limit
}
