/**
 * A shard's doc values, derived from the stored `_source` through the index mapping, as Lucene's doc
 * values hold them after ES's field mappers wrote them:
 * - long/integer/short/byte: integral numbers (decimals truncated, as the mappers coerce them);
 *   double: doubles; float: Java floats widened (Math.fround); half_float: IEEE half precision widened;
 * - keyword: strings, values longer than ignore_above left out; boolean: 1 and 0;
 * - date: epoch millis, parsed with the field's `format` (default strict_date_optional_time||epoch_millis);
 * - text: no doc values (FieldInfo type `text`, which aggregations refuse).
 * Numbers are sorted ascending with repeats kept (SortedNumericDocValues); keywords sorted in UTF-8 byte
 * order and deduplicated (SortedSetDocValues).
 *
 * Cache: per mapping object and per stored document (both replaced, never mutated, on change), so a
 * document's `_source` is parsed once per mapping version; a refresh that replaces or deletes a document
 * hands the searcher a new StoredDocument and the old entry is dropped with it.
 */
import { parseJson } from '../xcontent/index.ts'
import { parseDocument } from '../index/mapper/document-parser.ts'
import { leafFields, type FieldMapping, type Mapping } from '../index/mapper/mapping.ts'
import type { IndexShard, StoredDocument } from '../index/shard/index-shard.ts'
import { DateFormatter } from '../common/time/index.ts'
import type { DocValuesSource, FieldInfo, FieldValue, ValuesType } from './aggregations/index.ts'
import { DateValueFormat } from './aggregations/date-value-format.ts'
import { DEFAULT_DATE_FORMAT, docValues } from '../index/mapper/doc-values.ts'

type DocFields = ReadonlyMap<string, readonly FieldValue[]>

const cache = new WeakMap<Mapping, WeakMap<StoredDocument, DocFields>>()

const VALUES_TYPES: Readonly<Record<string, ValuesType>> = {
  long: 'long',
  integer: 'long',
  short: 'long',
  byte: 'long',
  double: 'double',
  float: 'double',
  half_float: 'double',
  keyword: 'keyword',
  boolean: 'boolean',
  date: 'date',
  text: 'text',
}

export function shardDocValues(shard: IndexShard, mapping: Mapping): DocValuesSource {
  const fields = leafFields(mapping)
  const infos = new Map<string, FieldInfo | null>()
  const perDoc = cache.get(mapping) ?? new WeakMap<StoredDocument, DocFields>()
  cache.set(mapping, perDoc)
  return {
    field(name) {
      if (!infos.has(name)) infos.set(name, fieldInfo(fields.get(name)))
      return infos.get(name) ?? null
    },
    values(field, doc) {
      const stored = shard.searchedDocument(doc)
      if (stored === undefined) return []
      let values = perDoc.get(stored)
      if (values === undefined) {
        values = storedDocFields(stored, mapping)
        perDoc.set(stored, values)
      }
      return values.get(field) ?? []
    },
  }
}

function fieldInfo(mapping: FieldMapping | undefined): FieldInfo | null {
  const type = mapping === undefined ? undefined : VALUES_TYPES[mapping.type]
  if (mapping === undefined || type === undefined) return null
  const format =
    type === 'date'
      ? new DateValueFormat(DateFormatter.forPattern(mapping.format ?? DEFAULT_DATE_FORMAT))
      : null
  return { type, format }
}

function storedDocFields(stored: StoredDocument, mapping: Mapping): DocFields {
  const source = parseJson(stored.source)
  const out = new Map<string, readonly FieldValue[]>()
  if (!(source instanceof Map)) return out
  for (const { path, mapping: field, values } of parseDocument(source, mapping).fields) {
    const converted = docValues(field, values)
    if (converted.length > 0) out.set(path, converted)
  }
  return out
}
