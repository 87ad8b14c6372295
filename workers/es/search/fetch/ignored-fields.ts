/**
 * The `_ignored` metadata field: the fields of a document whose values the mapper ignored at index time, which a
 * search hit shows after its `_score` (after `_routing`, both in bucket 0 of the hit's metadata HashMap). The
 * ignoring mappers here are a keyword (or keyword multi-field) value longer than `ignore_above`
 * (KeywordFieldMapper adds the field to DocumentParserContext's ignored HashSet) and a malformed value an ip or
 * numeric field with `ignore_malformed` dropped (the parse lists those, ParsedDocument.malformed). The
 * names are listed in that HashSet's iteration order, as IgnoredFieldMapper stores them.
 * Derived from `_source` through the mapping at fetch time; without an `ignore_malformed` field, a source no longer
 * than the smallest `ignore_above` cannot hold such a value, so most hits skip the parse; the others are parsed once
 * per document and mapping.
 */
import { javaHashMapKeyOrder } from '../../../net/java-hash.ts'
import { parseJson, type XContentObject } from '../../xcontent/index.ts'
import { parseDocument } from '../../index/mapper/document-parser.ts'
import { ignoredAbove } from '../../index/mapper/doc-values.ts'
import { NUMERIC_TYPES, type Mapping } from '../../index/mapper/mapping.ts'
import type { StoredDocument } from '../../index/shard/index-shard.ts'
import { searchFields } from '../search-fields.ts'
import { fetchesMetadata, type FetchOptions } from './fetch-options.ts'

const smallestLimit = new WeakMap<Mapping, number>()
/** Per mapping and stored document (both replaced, never changed), as doc-values-source.ts caches. */
const cache = new WeakMap<Mapping, WeakMap<StoredDocument, string[]>>()

/** The document's `_ignored` values, empty when nothing was ignored; `limit`: the mapping's limitOf. */
function ignoredFields(doc: StoredDocument, mapping: Mapping, limit: number): string[] {
  if (doc.source.length <= limit) return []
  let perDoc = cache.get(mapping)
  if (perDoc === undefined) cache.set(mapping, (perDoc = new WeakMap()))
  let ignored = perDoc.get(doc)
  if (ignored === undefined) {
    const parsed = parseDocument(parseJson(doc.source) as XContentObject, mapping)
    const paths = parsed.fields
      .filter(({ mapping: field, values }) => values.some((value) => ignoredAbove(field, value)))
      .map((field) => field.path)
    for (const path of parsed.malformed.keys()) if (!paths.includes(path)) paths.push(path)
    ignored = paths.length < 2 ? paths : javaHashMapKeyOrder(paths)
    perDoc.set(doc, ignored)
  }
  return ignored
}

/** Each hit's `_ignored` values; null when none has any or metadata fields are not fetched (`_none_`). */
export function fetchIgnored(
  mapping: Mapping,
  options: FetchOptions,
  hits: readonly StoredDocument[],
): string[][] | null {
  if (!fetchesMetadata(options)) return null
  const limit = limitOf(mapping)
  if (hits.every((hit) => hit.source.length <= limit)) return null
  const ignored = hits.map((hit) => ignoredFields(hit, mapping, limit))
  return ignored.some((names) => names.length > 0) ? ignored : null
}

/** The smallest `ignore_above` of the keyword fields (Infinity without one; 0 with an ignore_malformed field). */
function limitOf(mapping: Mapping): number {
  let limit = smallestLimit.get(mapping)
  if (limit === undefined) {
    limit = Infinity
    for (const field of searchFields(mapping).values()) {
      if (field.type === 'keyword' && field.ignore_above !== undefined)
        limit = Math.min(limit, field.ignore_above)
      if ((field.type === 'ip' || NUMERIC_TYPES.has(field.type)) && field.ignore_malformed === true) limit = 0
    }
    smallestLimit.set(mapping, limit)
  }
  return limit
}
