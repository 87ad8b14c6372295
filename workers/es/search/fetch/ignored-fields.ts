/**
 * The `_ignored` metadata field: the fields of a document whose values the mapper ignored at index time, which a
 * search hit shows after its `_score` (after `_routing`, both in bucket 0 of the hit's metadata HashMap). The
 * ignoring mappers here are a keyword (or keyword multi-field) or wildcard value longer than `ignore_above` (its own,
 * or the index's index.mapping.ignore_above)
 * (KeywordFieldMapper and WildcardFieldMapper add the field to DocumentParserContext's ignored HashSet) and a malformed value an ip,
 * boolean, numeric, date or histogram field with `ignore_malformed` (its own, or the index's index.mapping.ignore_malformed) dropped
 * (the parse lists those, ParsedDocument.malformed), and a new field the document left unmapped past
 * index.mapping.total_fields.limit under ignore_dynamic_beyond_limit (DocumentParserContext.addDynamicMapper; the
 * parse with the index's settings lists it as malformed). The names are listed in that HashSet's iteration order, as
 * IgnoredFieldMapper stores them.
 * Derived from `_source` through the mapping at fetch time; without a field that ignores malformed values, a source
 * no longer than the smallest `ignore_above` cannot hold such a value, so most hits skip the parse; the others (every
 * hit of an index that ignores dynamic fields beyond the limit) are parsed once per document and mapping.
 */
import { javaHashMapKeyOrder } from '../../../net/java-hash.ts'
import { parseJson, type XContentObject } from '../../xcontent/index.ts'
import { parseDocument, type IndexMapperSettings } from '../../index/mapper/document-parser.ts'
import { ignoredAbove } from '../../index/mapper/doc-values.ts'
import { isDateType, NUMERIC_TYPES, type Mapping } from '../../index/mapper/mapping.ts'
import type { StoredDocument } from '../../index/shard/index-shard.ts'
import { searchFields } from '../search-fields.ts'
import { fetchesMetadata, type FetchOptions } from './fetch-options.ts'

/**
 * The other field types with `ignore_malformed` (a histogram or an aggregate_metric_double drops a malformed object
 * whole).
 */
const TAKES_MALFORMED: ReadonlySet<string> = new Set([
  'ip',
  'boolean',
  'histogram',
  'aggregate_metric_double',
])

/**
 * Per mapping: the smallest `ignore_above` a keyword or wildcard field sets, whether one takes the index's, and
 * whether a field sets or could default to ignore_malformed.
 */
const limits = new WeakMap<
  Mapping,
  { ignoreAbove: number; takesIndexIgnoreAbove: boolean; ignoresMalformed: boolean; takesMalformed: boolean }
>()
/** Per mapping and stored document (both replaced, never changed), as doc-values-source.ts caches. */
const cache = new WeakMap<Mapping, WeakMap<StoredDocument, string[]>>()

/**
 * The document's `_ignored` values, empty when nothing was ignored; `limit`: the mapping's limitOf; `indexIgnoreAbove`:
 * the index's index.mapping.ignore_above.
 */
function ignoredFields(
  doc: StoredDocument,
  mapping: Mapping,
  limit: number,
  settings: IndexMapperSettings,
): string[] {
  if (doc.source.length <= limit) return []
  let perDoc = cache.get(mapping)
  if (perDoc === undefined) cache.set(mapping, (perDoc = new WeakMap()))
  let ignored = perDoc.get(doc)
  if (ignored === undefined) {
    const parsed = parseDocument(parseJson(doc.source) as XContentObject, mapping, null, true, {}, settings)
    // The root's fields and its nested documents' (DocumentParserContext's ignored set is the whole document's).
    const paths = [
      ...new Set(
        [...parsed.nested.flatMap((nested) => nested.fields), ...parsed.fields]
          .filter(({ mapping: field, values }) =>
            values.some((value) => ignoredAbove(field, value, settings.ignoreAbove)),
          )
          .map((field) => field.path),
      ),
    ]
    for (const path of parsed.malformed.keys()) if (!paths.includes(path)) paths.push(path)
    ignored = paths.length < 2 ? paths : javaHashMapKeyOrder(paths)
    perDoc.set(doc, ignored)
  }
  return ignored
}

/**
 * Each hit's `_ignored` values; null when none has any or metadata fields are not fetched (`_none_`).
 * `settings`: the index's (index.mapping.ignore_malformed and index.mapping.ignore_above, the fields' defaults).
 */
export function fetchIgnored(
  mapping: Mapping,
  options: FetchOptions,
  hits: readonly StoredDocument[],
  settings: IndexMapperSettings,
): string[][] | null {
  if (!fetchesMetadata(options)) return null
  const limit = limitOf(mapping, settings)
  if (hits.every((hit) => hit.source.length <= limit)) return null
  const ignored = hits.map((hit) => ignoredFields(hit, mapping, limit, settings))
  return ignored.some((names) => names.length > 0) ? ignored : null
}

/**
 * The smallest `ignore_above` of the keyword and wildcard fields (their own, else the index's; Infinity without one),
 * or 0 with a field that ignores malformed values (an ip, boolean, numeric or date field whose ignore_malformed, or
 * else the index's default, is true) or when the index ignores dynamic fields beyond index.mapping.total_fields.limit.
 */
function limitOf(mapping: Mapping, settings: IndexMapperSettings): number {
  let known = limits.get(mapping)
  if (known === undefined) {
    known = {
      ignoreAbove: Infinity,
      takesIndexIgnoreAbove: false,
      ignoresMalformed: false,
      takesMalformed: false,
    }
    for (const field of searchFields(mapping).values()) {
      if (field.type === 'keyword' || field.type === 'wildcard') {
        if (field.ignore_above === undefined) known.takesIndexIgnoreAbove = true
        else known.ignoreAbove = Math.min(known.ignoreAbove, field.ignore_above)
      }
      if (TAKES_MALFORMED.has(field.type) || NUMERIC_TYPES.has(field.type) || isDateType(field.type)) {
        known.takesMalformed = true
        if (field.ignore_malformed === true) known.ignoresMalformed = true
      }
    }
    limits.set(mapping, known)
  }
  const malformed = known.ignoresMalformed || (settings.ignoreMalformed && known.takesMalformed)
  if (malformed || settings.limits.ignoreDynamicBeyondLimit) return 0
  return known.takesIndexIgnoreAbove ? Math.min(known.ignoreAbove, settings.ignoreAbove) : known.ignoreAbove
}
