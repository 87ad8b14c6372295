/**
 * A shard's doc values, derived from the stored `_source` through the index mapping, as Lucene's doc
 * values hold them after ES's field mappers wrote them:
 * - long/integer/short/byte: integral numbers (decimals truncated, as the mappers coerce them);
 *   double: doubles; float: Java floats widened (Math.fround); half_float: IEEE half precision widened;
 * - keyword (and wildcard): strings, values longer than ignore_above left out; boolean: 1 and 0;
 * - ip: the addresses' terms (ip-field.ts); scaled_float: the scaled long read back as a double;
 * - date: epoch millis, parsed with the field's `format` (default strict_date_optional_time||epoch_millis);
 * - date_nanos: epoch nanoseconds as the index column's sortable doubles (date-nanos-field.ts);
 * - geo_point: each point's quantised latitude and longitude as two packed words (geo-point-field.ts);
 * - text, search_as_you_type (and its subfields) and completion: no doc values (FieldInfo type `text`,
 *   `search_as_you_type`, `prefix` or `completion`, which aggregations, sorts and docvalue_fields refuse).
 * Numbers are sorted ascending with repeats kept (SortedNumericDocValues); keywords sorted in UTF-8 byte
 * order and deduplicated (SortedSetDocValues).
 *
 * A nested document's doc values are those of its object in its root's `_source` (the parse yields the block's nested
 * documents in doc id order, document-parser.ts).
 * A runtime field (the mapping's `runtime` section, or a search's `runtime_mappings` folded into the mapping it
 * searches with) shadows a mapped field of the same name: its values are its script's (script/runtime-field-script.ts),
 * run when a document's values are first asked for and kept with its other doc values; a nested document has none.
 * A runtime field whose script reads itself, directly or through others, fails with ES's "Cyclic dependency
 * detected while resolving runtime fields: a -> b -> a".
 * Cache: per stored document (replaced, never mutated, on change: a refresh that replaces or deletes a document
 * hands the searcher a new StoredDocument and the old entries go with it), and
 * - the mapped fields' values per index mapping (a mapping is replaced, never mutated, on change), so a document's
 *   `_source` is parsed once per mapping version, whatever runtime_mappings the searches bring
 *   (runtime-mappings.ts: a search mapping shares its index mapping's);
 * - the runtime fields' values per search mapping: the index's own runtime fields' kept across searches, a
 *   search's runtime_mappings' (whose scripts may read one another) for that search only.
 * A constant_keyword field reads its mapped value for every document (none while it is not set). A flattened field
 * reads as a keyword: its own path every value, a key (`f.some.key`) its keyed field's values under the key, the key
 * stripped (flattened-field.ts).
 * A field alias reads its target's values (search-fields.ts concreteFieldName). `_index` reads the index name;
 * `_id` and `_routing` have field infos of their own type, which every reader refuses.
 */
import { parseJson, type XContentObject, type XContentValue } from '../xcontent/index.ts'
import {
  NO_INDEX_SETTINGS,
  parseDocument,
  type IndexMapperSettings,
  type ParsedField,
} from '../index/mapper/document-parser.ts'
import { mapperSettings } from '../index/index-metadata.ts'
import { leafFields, runtimeFields, type FieldMapping, type Mapping } from '../index/mapper/mapping.ts'
import { concreteFieldName, searchFields } from './search-fields.ts'
import type { RuntimeField } from '../index/mapper/runtime-field.ts'
import { illegalArgument } from '../script/script-errors.ts'
import { RuntimeFieldScript } from '../script/runtime-field-script.ts'
import type { StoredDocument } from '../index/shard/index-shard.ts'
import type { ShardSearcher } from '../index/shard/shard-searcher.ts'
import type { IndexService } from '../index/index-service.ts'
import { DateFormatter } from '../common/time/index.ts'
import type { DocValuesSource, FieldInfo, FieldValue, ValuesType } from './aggregations/index.ts'
import { DateValueFormat } from './aggregations/date-value-format.ts'
import { DEFAULT_DATE_FORMAT, docValues, halfFloat, type FieldAnalysis } from '../index/mapper/doc-values.ts'
import { dateNanosFormat } from '../index/mapper/date-nanos-field.ts'
import { indexMappingOf } from './runtime-mappings.ts'
import { keyedIndexField } from '../index/mapper/flattened-field.ts'
import { fieldTypeName, withoutDocValues } from './aggregations/values-source.ts'
import { SEQ_NO_FIELD } from './queries/metadata-field-types.ts'

type DocFields = ReadonlyMap<string, readonly FieldValue[]>

/** A root document's doc values and those of its nested documents, in block order. */
interface BlockFields {
  root: DocFields
  nested: readonly DocFields[]
}

/** A document's runtime fields' values, as far as they have been computed. */
type RuntimeValues = Map<string, readonly FieldValue[]>

/** By index mapping. */
const mappedCache = new WeakMap<Mapping, WeakMap<StoredDocument, BlockFields>>()
/** By search mapping. */
const runtimeCache = new WeakMap<Mapping, WeakMap<StoredDocument, RuntimeValues>>()
/** The compiled runtime fields of a mapping, by name. */
const runtimeScripts = new WeakMap<Mapping, ReadonlyMap<string, RuntimeFieldScript>>()

const VALUES_TYPES: Readonly<Record<string, ValuesType>> = {
  long: 'long',
  integer: 'long',
  short: 'long',
  byte: 'long',
  double: 'double',
  float: 'double',
  half_float: 'double',
  scaled_float: 'double',
  keyword: 'keyword',
  join: 'keyword',
  ip: 'ip',
  version: 'version',
  boolean: 'boolean',
  date: 'date',
  date_nanos: 'date_nanos',
  geo_point: 'geo_point',
  geo_shape: 'geo_shape',
  shape: 'shape',
  point: 'point',
  text: 'text',
  match_only_text: 'match_only_text',
  search_as_you_type: 'search_as_you_type',
  prefix: 'prefix',
  phrase: 'phrase',
  completion: 'completion',
  dense_vector: 'dense_vector',
  rank_feature: 'rank_feature',
  rank_features: 'rank_features',
  sparse_vector: 'sparse_vector',
  integer_range: 'integer_range',
  long_range: 'long_range',
  float_range: 'float_range',
  double_range: 'double_range',
  date_range: 'date_range',
  ip_range: 'ip_range',
  constant_keyword: 'keyword',
  token_count: 'long',
  unsigned_long: 'long',
  binary: 'binary',
  histogram: 'histogram',
  aggregate_metric_double: 'aggregate_metric_double',
  flattened: 'keyword',
  wildcard: 'keyword',
  counted_keyword: 'keyword',
}

/**
 * The metadata fields aggregations, sorts and scripts may name: `_index` (ConstantIndexFieldData: every document's
 * value is the index name), `_seq_no` (SeqNoFieldType's long doc values: the document's sequence number, which
 * its nested documents share), `_id` and `_routing` (refused, noFielddata).
 */
const METADATA_INFOS: ReadonlyMap<string, FieldInfo> = new Map([
  ['_index', { type: 'keyword', format: null }],
  [SEQ_NO_FIELD, { type: 'long', format: null }],
  ['_id', { type: '_id', format: null }],
  ['_routing', { type: '_routing', format: null }],
])

/** The runtime fields whose values are being computed, in the order they were entered (the cycle check). */
const resolving: string[] = []

/**
 * The index a shard's doc values are read for: its name (`_index`), its analysis (fielddata, normalizers) and its
 * mapper settings (index.mapping.ignore_above and the rest, as the document's mappers read them).
 */
export interface DocValuesIndex {
  readonly name: string
  readonly analysis: FieldAnalysis | null
  readonly mappers: IndexMapperSettings
}

/** The doc values' view of an index service. */
export function docValuesIndex(index: Pick<IndexService, 'metadata' | 'analysis'>): DocValuesIndex {
  return { name: index.metadata.name, analysis: index.analysis, mappers: mapperSettings(index.metadata) }
}

/** A shard of no named index, without analysis or settings (tests of the doc values alone). */
const UNNAMED_INDEX: DocValuesIndex = { name: '', analysis: null, mappers: NO_INDEX_SETTINGS }

export function shardDocValues(
  shard: Pick<ShardSearcher, 'searchedDocument' | 'blockRoot' | 'blockStart'>,
  mapping: Mapping,
  index: DocValuesIndex = UNNAMED_INDEX,
): DocValuesSource {
  const { name: indexName, analysis, mappers } = index
  const fields = leafFields(mapping)
  const runtime = runtimeFields(mapping)
  const scripts = compiledRuntimeFields(mapping)
  const infos = new Map<string, FieldInfo | null>()
  const indexMapping = indexMappingOf(mapping)
  const perDoc = cacheFor(mappedCache, indexMapping)
  const runtimePerDoc = cacheFor(runtimeCache, mapping)
  const blockFields = (stored: StoredDocument): BlockFields => {
    let values = perDoc.get(stored)
    if (values === undefined) {
      values = storedDocFields(stored, indexMapping, analysis, mappers)
      perDoc.set(stored, values)
    }
    return values
  }
  const searched = searchFields(mapping)
  /** The doc values of a mapped field's index field (a nested document's from its root's block). */
  const mappedValues = (
    field: string,
    doc: number,
    stored: StoredDocument | undefined,
  ): readonly FieldValue[] => {
    if (stored !== undefined) return blockFields(stored).root.get(field) ?? []
    const root = shard.blockRoot(doc)
    const rootDoc = root === undefined ? undefined : shard.searchedDocument(root)
    if (root === undefined || rootDoc === undefined) return []
    return blockFields(rootDoc).nested[doc - shard.blockStart(root)]?.get(field) ?? []
  }
  const source: DocValuesSource = {
    field(alias) {
      const metadata = METADATA_INFOS.get(alias)
      if (metadata !== undefined) return metadata
      const name = concreteFieldName(searched, alias)
      if (!infos.has(name)) {
        // a flattened field's key reads as a keyword (KeyedFlattenedFieldData)
        const mapped = fields.get(name) ?? searched.get(name)
        infos.set(name, fieldInfo(Object.hasOwn(runtime, name) ? runtime[name] : mapped))
      }
      return infos.get(name) ?? null
    },
    concreteName: (name) => concreteFieldName(searched, name),
    values(alias, doc) {
      if (alias === '_index') return [indexName]
      const field = concreteFieldName(searched, alias)
      const stored = shard.searchedDocument(doc)
      if (alias === SEQ_NO_FIELD) {
        const root = stored === undefined ? shard.blockRoot(doc) : doc
        const owner = root === undefined ? undefined : shard.searchedDocument(root)
        return owner === undefined ? [] : [owner.seqNo]
      }
      const script = scripts.get(field)
      if (script !== undefined) {
        if (stored === undefined) return []
        let computed = runtimePerDoc.get(stored)
        if (computed === undefined) {
          computed = new Map()
          runtimePerDoc.set(stored, computed)
        }
        const known = computed.get(field)
        if (known !== undefined) return known
        const values = resolve(field, () => script.values(source, indexName, doc, () => storedSource(stored)))
        computed.set(field, values)
        return values
      }
      // ConstantIndexFieldData: every document, nested ones included, has the mapping's value
      const constant = fields.get(field)
      if (constant?.type === 'constant_keyword') return constant.value === undefined ? [] : [constant.value]
      const keyed = constant === undefined ? searched.get(field)?.keyed : undefined
      if (keyed === undefined) return mappedValues(field, doc, stored)
      // KeyedFlattenedLeafFieldData: the keyed field's values under the key, the key stripped
      const { field: keyedField, prefix } = keyedIndexField(keyed)
      const values: FieldValue[] = []
      for (const value of mappedValues(keyedField, doc, stored))
        if (typeof value === 'string' && value.startsWith(prefix)) values.push(value.slice(prefix.length))
      return values
    },
  }
  return source
}

function cacheFor<T>(
  caches: WeakMap<Mapping, WeakMap<StoredDocument, T>>,
  mapping: Mapping,
): WeakMap<StoredDocument, T> {
  let perDoc = caches.get(mapping)
  if (perDoc === undefined) {
    perDoc = new WeakMap()
    caches.set(mapping, perDoc)
  }
  return perDoc
}

function compiledRuntimeFields(mapping: Mapping): ReadonlyMap<string, RuntimeFieldScript> {
  let scripts = runtimeScripts.get(mapping)
  if (scripts === undefined) {
    const entries = Object.entries(runtimeFields(mapping))
    scripts = new Map(entries.map(([name, field]) => [name, new RuntimeFieldScript(name, field)]))
    runtimeScripts.set(mapping, scripts)
  }
  return scripts
}

/** Computes a runtime field's values, failing as SearchLookup does when its script comes back to it. */
function resolve(name: string, compute: () => FieldValue[]): FieldValue[] {
  if (resolving.includes(name)) {
    const chain = [...resolving.slice(resolving.indexOf(name)), name].join(' -> ')
    throw illegalArgument(`Cyclic dependency detected while resolving runtime fields: ${chain}`)
  }
  resolving.push(name)
  try {
    return compute()
  } finally {
    resolving.pop()
  }
}

function storedSource(stored: StoredDocument): XContentObject {
  const source = parseJson(stored.source)
  return source instanceof Map ? source : new Map<string, XContentValue>()
}

/** NumberType.reduceToStoredPrecision of the types that index less than a double (NumberType.parse's rounding). */
const STORED_PRECISION: Readonly<Record<string, (value: number) => number>> = {
  float: Math.fround,
  half_float: (value) => halfFloat(Math.fround(value)),
}

function fieldInfo(
  mapping:
    Pick<FieldMapping, 'type' | 'format' | 'derived' | 'fielddata' | 'doc_values'> | RuntimeField | undefined,
): FieldInfo | null {
  // a text field with fielddata reads its terms as a keyword's values (PagedBytesIndexFieldData: BYTES); so does a
  // binary field with doc values (BytesBinaryIndexFieldData: KEYWORD, its values printed in base64)
  const fielddata =
    mapping !== undefined &&
    (('fielddata' in mapping && mapping.fielddata === true) ||
      (mapping.type === 'binary' && 'doc_values' in mapping && mapping.doc_values === true))
  const type =
    mapping === undefined ? undefined : fielddata ? 'keyword' : VALUES_TYPES[fieldTypeName(mapping)]
  if (mapping === undefined || type === undefined) return null
  // a date_range's DocValueFormat is its format's DateTime too (RangeFieldType.docValueFormat)
  const format =
    type === 'date' || type === 'date_range'
      ? new DateValueFormat(DateFormatter.forPattern(mapping.format ?? DEFAULT_DATE_FORMAT))
      : type === 'date_nanos'
        ? new DateValueFormat(DateFormatter.forPattern(dateNanosFormat(mapping)))
        : null
  const off = 'doc_values' in mapping ? withoutDocValues(mapping) : undefined
  const precision = STORED_PRECISION[fieldTypeName(mapping)]
  return {
    type,
    format,
    ...(off === undefined ? {} : { withoutDocValues: off }),
    ...(precision === undefined ? {} : { reduceToStoredPrecision: precision }),
  }
}

function storedDocFields(
  stored: StoredDocument,
  mapping: Mapping,
  analysis: FieldAnalysis | null,
  mappers: IndexMapperSettings,
): BlockFields {
  const source = parseJson(stored.source)
  if (!(source instanceof Map)) return { root: new Map(), nested: [] }
  const parsed = parseDocument(source, mapping, null, true, {}, mappers, stored)
  return {
    root: fieldValues(parsed.fields, analysis, mappers.ignoreAbove),
    nested: parsed.nested.map((doc) => fieldValues(doc.fields, analysis, mappers.ignoreAbove)),
  }
}

function fieldValues(
  fields: readonly ParsedField[],
  analysis: FieldAnalysis | null,
  indexIgnoreAbove: number,
): DocFields {
  const out = new Map<string, readonly FieldValue[]>()
  for (const { path, mapping: field, values } of fields) {
    const converted = docValues(field, values, analysis, indexIgnoreAbove)
    if (converted.length > 0) out.set(path, converted)
  }
  return out
}
