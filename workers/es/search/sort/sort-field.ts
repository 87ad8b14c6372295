/**
 * SortBuilder.build on one shard: a parsed sort turned into the SortField Lucene's TopFieldCollector
 * compares with, from the index mapping (FieldSortBuilder.build / ScoreSortBuilder.build, ES 8.17):
 * - `_score` (descending unless `asc`), `_doc` (doc id order), `_shard_doc` (ShardDocSortField: the shard's
 *   position in the search times 2^32 plus the doc id, a LONG), `_script` (ScriptSortBuilder: a `number` script
 *   sorts as DOUBLE, a `string` one by BytesRef order of its String.valueOf; a document's value is the script's),
 *   `_geo_distance` (DOUBLE: the distance to the origins, +Infinity when missing; geo-distance-sort.ts);
 * - long/integer/short/byte/date/boolean fields sort as LONG (ES 8.17; 8.19 moved the small integers to
 *   INT), date_nanos too (its longs of nanoseconds, held encoded: date-nanos-field.ts), double and scaled_float
 *   as DOUBLE, float/half_float as FLOAT, keyword and ip by BytesRef order (an ip's address terms are in its bytes'
 *   order);
 * - the multi-value mode defaults to MIN ascending and MAX descending; SUM/AVG/MEDIAN on a non-numeric
 *   field is a query_shard_exception;
 * - `missing`: `_last` (default) or `_first` become the type's extreme chosen so that `_last` is last in
 *   both orders (Long.MAX_VALUE / Long.MIN_VALUE, ±Infinity, or a null keyword); any other value is parsed
 *   as the sort type (Long.parseLong / Double.parseDouble: number_format_exception when it does not parse);
 * - `nested` (nested-sort.ts): resolved for a mapped field before its type is checked, as FieldSortBuilder.nested
 *   runs before the fielddata; a field inside a nested object without it is refused;
 * - an unmapped field without `unmapped_type`: `No mapping found for [x] in order to sort on`
 *   (query_shard_exception); a text field: TextFieldMapper's fielddata refusal (illegal_argument_exception);
 *   `_id`: the disabled `indices.id_field_data` refusal; `_routing`: MappedFieldType's (no fielddata); `_index`: a
 *   keyword whose value is the index name; `_seq_no`: a long, the document's sequence number.
 */
import { javaTrim, parseJavaDouble } from '../../../net/java-double.ts'
import { DateFormatter, MAX_NANOSECOND } from '../../common/time/index.ts'
import { dateNanosFormat, sortableDouble } from '../../index/mapper/date-nanos-field.ts'
import { illegalArgumentException, numberFormatException } from '../../errors/index.ts'
import { javaDoubleToString, XNumber } from '../../xcontent/index.ts'
import { DEFAULT_DATE_FORMAT } from '../../index/mapper/doc-values.ts'
import type { FieldMapping, FieldType } from '../../index/mapper/mapping.ts'
import { DateValueFormat } from '../aggregations/date-value-format.ts'
import {
  fieldTypeName,
  fielddataDisabled,
  idFielddataDisallowed,
  noDocValues,
  noFielddata,
  withoutDocValues,
} from '../aggregations/values-source.ts'
import { queryShardException } from '../query-string/query-parser-errors.ts'
import type { MissingValue, SortBuilder, SortMode } from './sort-builder.ts'
import type { ScriptSpec } from '../../script/search-script.ts'
import type { GeoDistanceSpec } from './geo-distance-sort.ts'
import type { NestedSortBuilder } from './nested-sort-builder.ts'
import { SHARD_DOC_FIELD } from '../point-in-time-builder.ts'
import { SEQ_NO_FIELD } from '../queries/metadata-field-types.ts'
import { concreteFieldName } from '../search-fields.ts'
import { resolveNestedSort, type NestedSort, type NestedSortIndex } from './nested-sort.ts'
import { countedKeywordSortRefusal } from '../../index/mapper/counted-keyword-field.ts'
import { HISTOGRAM, histogramSortRefusal } from '../../index/mapper/histogram-field.ts'

export type SortType = 'score' | 'doc' | 'shard_doc' | 'long' | 'double' | 'float' | 'keyword'

export interface SortField {
  type: SortType
  /** The field whose doc values are read; null for `_score`, `_doc` and unmapped fields. */
  field: string | null
  /** SortField.getField() as search_after errors print it: `null` for `_score` / `_doc`, `__anonymous_<type>`
   * for an unmapped field sorted as its `unmapped_type`. */
  name: string
  descending: boolean
  mode: SortMode
  /** A number for numeric sorts; a keyword substitute, or null (missing) for keyword sorts. */
  missing: number | string | null
  /** Keyword sorts: whether a missing (null) value comes first in the final order. */
  missingFirst: boolean
  /** A date field's format: parses search_after strings; prints sort values when `format` was given. */
  dateFormat: DateValueFormat | null
  formatSortValues: boolean
  /** A boolean field (DocValueFormat.BOOLEAN parses `true` / `false`). */
  boolean: boolean
  /** An ip field (DocValueFormat.IP: its values are address terms, printed and parsed as addresses). */
  ip?: boolean
  /** A version field (DocValueFormat VERSION_DOCVALUE: its values are encoded terms, printed decoded and parsed encoded). */
  version?: boolean
  /**
   * A date_nanos field: its values are the column's sortable doubles (date-nanos-field.ts), printed as the longs of
   * nanoseconds they stand for (or in `format` with their nanoseconds), and search_after values are encoded so.
   */
  nanos?: boolean
  /**
   * An unsigned_long field (DocValueFormat.UNSIGNED_LONG_SHIFTED): its values run from 0 to 2^64 - 1, the column's
   * 2^64 (unsigned-long-field.ts), and so do the values that stand for a missing one.
   */
  unsigned?: boolean
  /** A `_script` sort: the script, run per document on the shard (shard-sort.ts), and the index it reads. */
  script: { spec: ScriptSpec; index: string } | null
  /** A `_geo_distance` sort: the origins, unit and distance type its values are computed with (shard-sort.ts). */
  geoDistance: GeoDistanceSpec | null
  /** A field sort by the values of the documents' nested documents (nested-sort.ts). */
  nested: NestedSort | null
  /** `_shard_doc` (ShardDocSortField): the shard's position in the search, the high word of its values. */
  shardRequestIndex?: number
}

/** Long.MAX_VALUE and Long.MIN_VALUE as doubles (2^63 and -2^63). */
export const LONG_MAX = 2 ** 63
export const LONG_MIN = -(2 ** 63)

export interface SortIndex {
  name: string
  uuid: string
  fields: ReadonlyMap<string, FieldMapping>
  /** The index's object mappings, where `nested` sorts are built (not in `top_hits`). */
  nested?: NestedSortIndex
  /** The shard's position in the search (ShardSearchRequest.shardRequestIndex), for `_shard_doc`; 0 when absent. */
  shardRequestIndex?: number
}

/** `_index` sorts as a keyword whose one value is the index name (IndexFieldType's ConstantIndexFieldData). */
const INDEX_NAME_MAPPING: FieldMapping = { type: 'keyword' }
/** `_seq_no` sorts as a long (SeqNoFieldType's SortedNumericIndexFieldData of NumericType.LONG). */
const SEQ_NO_MAPPING: FieldMapping = { type: 'long' }

/** The metadata fields that sort as a mapped field of their type. */
function metadataSortMapping(name: string): FieldMapping | undefined {
  return name === '_index' ? INDEX_NAME_MAPPING : name === SEQ_NO_FIELD ? SEQ_NO_MAPPING : undefined
}

const SORT_TYPES: Partial<Record<FieldType, SortType>> = {
  long: 'long',
  integer: 'long',
  short: 'long',
  byte: 'long',
  date: 'long',
  date_nanos: 'long',
  boolean: 'long',
  double: 'double',
  float: 'float',
  half_float: 'float',
  scaled_float: 'double',
  keyword: 'keyword',
  ip: 'keyword',
  version: 'keyword',
  join: 'keyword',
  constant_keyword: 'keyword',
  token_count: 'long',
  unsigned_long: 'long',
  flattened: 'keyword',
  wildcard: 'keyword',
  // its default metric's SortedNumericSortField of type DOUBLE
  aggregate_metric_double: 'double',
}
const ANONYMOUS_TYPES: ReadonlySet<string> = new Set([...Object.keys(SORT_TYPES), 'text'])

export function buildSortField(builder: SortBuilder, index: SortIndex): SortField {
  const descending = builder.order === 'desc'
  const base = {
    descending,
    mode: 'min' as const,
    missing: null,
    missingFirst: false,
    dateFormat: null,
    formatSortValues: false,
    boolean: false,
    script: null,
    geoDistance: null,
    nested: null,
  }
  if (builder.kind === 'score') return { ...base, type: 'score', field: null, name: 'null' }
  if (builder.kind === 'script') {
    return {
      ...base,
      type: builder.type === 'number' ? 'double' : 'keyword',
      field: null,
      name: '_script',
      mode: builder.mode ?? (descending ? 'max' : 'min'),
      script: { spec: builder.script, index: index.name },
    }
  }
  if (builder.kind === 'geoDistance') {
    const mapping = index.fields.get(builder.field)
    if (mapping === undefined && !builder.ignoreUnmapped) {
      throw illegalArgumentException(
        `failed to find mapper for [${builder.field}] for geo distance based sort`,
      )
    }
    if (mapping !== undefined && mapping.type !== 'geo_point') {
      throw illegalArgumentException(
        `unable to apply geo distance sort to field [${builder.field}] of type [${mapping.type}]`,
      )
    }
    return {
      ...base,
      type: 'double',
      field: mapping === undefined ? null : builder.field,
      name: builder.field,
      mode: builder.mode ?? (descending ? 'max' : 'min'),
      missing: Infinity,
      geoDistance: builder.spec,
    }
  }
  const name = builder.field
  if (name === '_doc') return { ...base, type: 'doc', field: null, name: 'null' }
  if (name === SHARD_DOC_FIELD) {
    const shardRequestIndex = index.shardRequestIndex ?? 0
    return { ...base, type: 'shard_doc', field: null, name: SHARD_DOC_FIELD, shardRequestIndex }
  }
  if (name === '_id') throw idFielddataDisallowed()
  if (name === '_routing') throw noFielddata(name, name, index.name)!
  const mapped = index.fields.get(name) ?? metadataSortMapping(name)
  const nested = mapped === undefined ? null : fieldNestedSort(name, builder.nested, index)
  const mapping = mapped ?? anonymousField(builder.unmappedType, name, index)
  // a text field with fielddata sorts by its terms as a keyword does
  const type = mapping.type === 'text' && mapping.fielddata === true ? 'keyword' : SORT_TYPES[mapping.type]
  if (type === undefined) {
    if (mapping.type === 'geo_point') {
      // AbstractLatLonPointIndexFieldData.sortField
      throw illegalArgumentException(
        "can't sort on geo_point field without using specific sorting feature, like geo_distance",
      )
    }
    // AbstractLatLonShapeIndexFieldData.sortField
    if (mapping.type === 'geo_shape')
      throw illegalArgumentException(
        "can't sort on geo_shape field without using specific sorting feature, like geo_distance",
      )
    // BytesBinaryIndexFieldData.sortField, once failIfNoDocValues let the field through
    if (mapping.type === 'binary' && mapping.doc_values === true)
      throw illegalArgumentException("can't sort on binary field")
    if (mapping.type === HISTOGRAM) throw histogramSortRefusal()
    if (mapping.type === 'dense_vector') {
      // VectorIndexFieldData.sortField
      throw illegalArgumentException(`Field [${name}] of type [dense_vector] doesn't support sort`)
    }
    // CountedKeywordFieldType's fielddata: sortField throws UnsupportedOperationException
    if (mapping.type === 'counted_keyword') throw countedKeywordSortRefusal()
    // a field alias's refusal names its target, the MappedFieldType FieldTypeLookup hands out for it
    const concrete = concreteFieldName(index.fields, name)
    throw noFielddata(concrete, fieldTypeName(mapping), index.name) ?? fielddataDisabled(concrete, index.name)
  }
  const off = withoutDocValues(mapping)
  if (off !== undefined) throw noDocValues(concreteFieldName(index.fields, name), off)
  const mode = builder.mode ?? (descending ? 'max' : 'min')
  if (type === 'keyword' && (mode === 'sum' || mode === 'avg' || mode === 'median')) {
    throw queryShardException('we only support AVG, MEDIAN and SUM on number based fields', index)
  }
  const nanos = mapping.type === 'date_nanos'
  const unsigned = mapping.type === 'unsigned_long'
  if (nanos && (mode === 'sum' || mode === 'avg' || mode === 'median')) {
    throw illegalArgumentException(
      `sort mode [${mode}] on a date_nanos field is not available in the playground`,
    )
  }
  const defaultFormat = nanos ? dateNanosFormat(mapping) : (mapping.format ?? DEFAULT_DATE_FORMAT)
  const dateFormat =
    mapping.type === 'date' || nanos
      ? new DateValueFormat(DateFormatter.forPattern(builder.format ?? defaultFormat))
      : null
  if (builder.format !== null && dateFormat === null) {
    throw illegalArgumentException(
      `Field [${name}] of type [${mapping.type}] does not support custom formats`,
    )
  }
  const missing = builder.missing ?? '_last'
  const sortsFirst = missing === '_first'
  const extreme = missing === '_last' || sortsFirst
  return {
    ...base,
    type,
    field: mapped === undefined ? null : name,
    name: mapped === undefined ? `__anonymous_${mapping.type}` : name,
    mode,
    missing: extreme
      ? unsigned
        ? unsignedExtremeValue(sortsFirst !== descending)
        : extremeValue(type, sortsFirst !== descending)
      : nanos
        ? sortableDouble(clampToNanos(parseLongText(missing)))
        : missingValue(type, missing),
    missingFirst: sortsFirst,
    dateFormat,
    formatSortValues: builder.format !== null,
    boolean: mapping.type === 'boolean',
    ...(mapping.type === 'ip' ? { ip: true } : {}),
    ...(mapping.type === 'version' ? { version: true } : {}),
    ...(nanos ? { nanos } : {}),
    ...(unsigned ? { unsigned } : {}),
    nested,
  }
}

/** FieldSortBuilder.nested, where the caller builds nested sorts. */
function fieldNestedSort(
  name: string,
  nested: NestedSortBuilder | null,
  index: SortIndex,
): NestedSort | null {
  if (index.nested !== undefined) return resolveNestedSort(name, nested, index.nested, index)
  if (nested !== null) throw illegalArgumentException('[sort] [nested] is not available in the playground')
  return null
}

/** XFieldComparatorSource.missingObject for `_first` / `_last`: the smallest or largest value of the type. */
function extremeValue(type: SortType, min: boolean): number | null {
  if (type === 'keyword') return null
  if (type === 'long') return min ? LONG_MIN : LONG_MAX
  return min ? -Infinity : Infinity
}

/** An unsigned_long's missingObject for `_first` / `_last`: the shifted Long.MIN_VALUE and MAX_VALUE, 0 and 2^64 - 1. */
function unsignedExtremeValue(min: boolean): number {
  return min ? 0 : 2 ** 64
}

/** XFieldComparatorSource.missingObject for a custom value. */
function missingValue(type: SortType, value: MissingValue): number | string {
  if (type === 'keyword') {
    if (value instanceof XNumber) return value.isInteger ? value.text : javaDoubleToString(value.value)
    return String(value)
  }
  if (value instanceof XNumber) return type === 'long' ? Math.trunc(value.value) : value.value
  return type === 'long' ? parseJavaLong(String(value)) : parseDoubleOrThrow(String(value))
}

/** Long.parseLong exactly (a bigint): a number's lexeme or a text of an optional sign and decimal digits. */
export function parseLongText(value: XNumber | string | boolean): bigint {
  const text = value instanceof XNumber ? value.text : String(value)
  if (!/^[+-]?\d+$/.test(text)) throw numberFormatException(text)
  return BigInt(text)
}

/**
 * A long given for a date_nanos sort (`missing`, search_after) within the column's range: below 1970 as 0, after
 * 2262 as Long.MAX_VALUE nanoseconds. The column holds no value outside it, so only a tie with a value at its very
 * end differs from ES's comparison of the unclamped long.
 */
export function clampToNanos(nanos: bigint): bigint {
  return nanos < 0n ? 0n : nanos > MAX_NANOSECOND ? MAX_NANOSECOND : nanos
}

/** Long.parseLong: an optional sign and decimal digits. */
export function parseJavaLong(text: string): number {
  if (!/^[+-]?\d+$/.test(text)) throw numberFormatException(text)
  return Number(text)
}

/** Double.parseDouble / Float.parseFloat (common/java-double.ts), its NumberFormatException as ES reports it. */
export function parseDoubleOrThrow(text: string): number {
  const value = parseJavaDouble(text)
  if (value !== null) return value
  throw numberFormatException(text, javaTrim(text) === '' ? 'empty String' : undefined)
}

/** SearchExecutionContext.buildAnonymousFieldType for `unmapped_type`. */
function anonymousField(unmappedType: string | null, name: string, index: SortIndex): FieldMapping {
  if (unmappedType === null)
    throw queryShardException(`No mapping found for [${name}] in order to sort on`, index)
  if (!ANONYMOUS_TYPES.has(unmappedType))
    throw illegalArgumentException(`No mapper found for type [${unmappedType}]`)
  return { type: unmappedType as FieldType }
}
