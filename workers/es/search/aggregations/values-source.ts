/**
 * ValuesSourceConfig for the playground: a field's doc values (or a script's values, script-values.ts) on a shard
 * with the `missing` substitute,
 * and the checks ES makes when an aggregation meets a field type it does not support (text fields without
 * fielddata, keywords under a numeric metric). A date_nanos field aggregates as a date of epoch millis, as ES's
 * NanoSecondFieldData hands aggregations its values (DateUtils.toMilliSeconds) and its DocValueFormat prints them at
 * millisecond resolution in the field's format.
 */
import { encodeVersion } from '../../index/mapper/version-field.ts'
import { illegalArgumentException, type EsException } from '../../errors/index.ts'
import type { XContentValue } from '../../xcontent/index.ts'
import { XNumber } from '../../xcontent/index.ts'
import { addressTerm, forString } from '../../common/network/inet-addresses.ts'
import type { FieldInfo, FieldValue, ShardContext, ValueFormat } from './aggregation-context.ts'
import { BOOLEAN_FORMAT, decimalValueFormat } from './doc-value-format.ts'
import { millisOfSortableDouble } from '../../index/mapper/date-nanos-field.ts'
import { DEFAULT_DATE_FORMAT } from '../../index/mapper/doc-values.ts'
import { DateFormatter } from '../../common/time/index.ts'
import type { ScriptSpec } from '../../script/search-script.ts'
import { DateValueFormat } from './date-value-format.ts'
import { scriptDocValues, valueScriptDocValues, type ScriptValuesType } from './script-values.ts'
import { isRangeType } from '../../index/mapper/range-type.ts'
import { rangeMetricValues, rangeValuesSource } from './range-values.ts'
import { histogramValuesSource } from './histogram-values.ts'
import { aggregateMetricValuesSource, unsupportedOnDownsampledIndex } from './aggregate-metric-values.ts'
import { HISTOGRAM } from '../../index/mapper/histogram-field.ts'
import { NUMBER_FIELD_TYPES } from '../../index/mapper/mapping.ts'

export interface ValuesSourceConfig {
  /** null when the field is unmapped on this shard; a script's values source type. */
  info: FieldInfo | null
  missing: FieldValue | null
  values(doc: number): readonly FieldValue[]
}

/**
 * Where an aggregation reads its values: a field's name, a script read as a values source type, or a field's values
 * run through a value script.
 */
export type ValuesSourceSpec = string | ScriptValuesSpec | ValueScriptSpec | HintedFieldSpec

export interface ScriptValuesSpec {
  readonly script: ScriptSpec
  readonly valueType: ScriptValuesType
}

export interface ValueScriptSpec {
  readonly field: string
  readonly script: ScriptSpec
  /** The `value_type` hint's values source type; null: the field's own. */
  readonly valueType: ScriptValuesType | null
}

/**
 * A field with a `value_type` hint and no script: the hint types the field only where it is unmapped and a `missing`
 * stands in for its values (ValuesSourceConfig.resolve takes the hint's values source type and its default format when
 * the field has no field type); a mapped field keeps its own type.
 */
export interface HintedFieldSpec {
  readonly field: string
  readonly script: null
  readonly valueType: ScriptValuesType
}

/** The field a values source reads, null for a script without one. */
export function sourceField(source: ValuesSourceSpec): string | null {
  return typeof source === 'string' ? source : 'field' in source ? source.field : null
}

/** The format of the field a values source reads on a shard; null for a script without one or an unmapped field. */
export function fieldFormatOf(shard: ShardContext, source: ValuesSourceSpec): ValueFormat | null {
  const field = sourceField(source)
  return field === null ? null : (shard.source.field(field)?.format ?? null)
}

/**
 * The values source config on a shard for aggregation type `aggregation`; `integral`: the aggregation reads a numeric
 * value script's values as longs (date_histogram's and value_count's longValues), not as doubles. A range field's
 * values are range-values.ts's, for the aggregations that take them; a histogram or aggregate_metric_double field is
 * refused (the aggregations that take one read it through histogram-values.ts or aggregate-metric-values.ts first).
 */
export function resolveValues(
  shard: ShardContext,
  source: ValuesSourceSpec,
  missing: XContentValue | undefined,
  aggregation: string,
  integral = false,
): ValuesSourceConfig {
  const field = sourceField(source)
  const range = rangeValuesSource(shard, field, missing)
  if (range !== null) {
    const values = rangeMetricValues(range, field as string, aggregation)
    if (values === null) throw unsupportedValuesSourceType(field as string, range.info.type, aggregation)
    return { info: range.info, missing: null, values }
  }
  if (histogramValuesSource(shard, field, missing) !== null)
    throw unsupportedValuesSourceType(field as string, HISTOGRAM, aggregation)
  if (aggregateMetricValuesSource(shard, field, missing) !== null)
    throw unsupportedOnDownsampledIndex(field as string, aggregation)
  if (typeof source !== 'string') {
    if (!('field' in source)) return scriptValues(shard, source, missing)
    // ValuesSourceConfig drops a value script on an unmapped field
    if (source.script !== null && shard.source.field(source.field) !== null)
      return valueScriptValues(shard, source, missing, aggregation, integral)
  }
  const name = field as string
  const mapped = shard.source.field(name)
  const nanos = mapped?.type === 'date_nanos'
  const hint = typeof source === 'string' || mapped !== null || missing == null ? null : source.valueType
  const info: FieldInfo | null = nanos
    ? { type: 'date', format: mapped.format }
    : (mapped ?? (hint === null ? null : hintedInfo(hint)))
  const concrete = shard.source.concreteName(name)
  const refused = info === null ? null : noFielddata(concrete, info.type, shard.index)
  if (refused !== null) throw refused
  if (mapped?.withoutDocValues !== undefined) throw noDocValues(concrete, mapped.withoutDocValues)
  const substitute = missingValue(missing, info, shard.now)
  const read = nanos
    ? (doc: number) => shard.source.values(name, doc).map((v) => millisOfSortableDouble(v as number))
    : (doc: number) => shard.source.values(name, doc)
  const values =
    mapped === null
      ? () => (substitute === null ? [] : [substitute])
      : (doc: number) => {
          const found = read(doc)
          return found.length === 0 && substitute !== null ? [substitute] : found
        }
  return { info, missing: substitute, values }
}

/**
 * A script's values (script-values.ts) as its values source type reads them; a date's DocValueFormat is the default
 * date format's, as CoreValuesSourceType.DATE gives a script without a `format`.
 */
function scriptValues(
  shard: ShardContext,
  { script, valueType }: ScriptValuesSpec,
  missing: XContentValue | undefined,
): ValuesSourceConfig {
  return withMissing(
    hintedInfo(valueType),
    missing,
    scriptDocValues(shard, script, valueType, valueType === 'double'),
    shard.now,
  )
}

/** A values source type's own DocValueFormat: a date's is the default date format's (CoreValuesSourceType.DATE). */
function hintedInfo(valueType: ScriptValuesType): FieldInfo {
  const format =
    valueType === 'date' ? new DateValueFormat(DateFormatter.forPattern(DEFAULT_DATE_FORMAT)) : null
  return { type: valueType, format }
}

/**
 * A mapped field's values run through a value script (ValuesSourceConfig.resolve with both): read as the `value_type`
 * hint's values source type, else the field's; in the field's format. A numeric source over a field without numeric
 * doc values is refused as CoreValuesSourceType.NUMERIC.getField refuses it; the values of a numeric source are
 * doubles (ValuesSource.Numeric.WithScript.isFloatingPoint), so a long, date or boolean field's read as a double's.
 */
function valueScriptValues(
  shard: ShardContext,
  { field, script, valueType }: ValueScriptSpec,
  missing: XContentValue | undefined,
  aggregation: string,
  integral: boolean,
): ValuesSourceConfig {
  const plain = resolveValues(shard, field, undefined, aggregation)
  const info = plain.info as FieldInfo
  if (info.type === 'ip' || info.type === 'version' || info.type === 'geo_point') {
    throw illegalArgumentException(
      `a [script] with a [field] of type [${info.type}] is not available in the playground`,
    )
  }
  const numericField = info.type !== 'keyword'
  const numeric = valueType === null ? numericField : valueType !== 'keyword'
  if (numeric && !numericField) {
    const typeName = shard.source.field(field)?.type ?? info.type
    throw illegalArgumentException(`Expected numeric type on field [${field}], but got [${typeName}]`)
  }
  const read = valueScriptDocValues(
    shard,
    script,
    (doc) => plain.values(doc),
    numeric ? { kind: 'numeric', integral } : { kind: 'keyword', floating: info.type === 'double' },
  )
  if (!numeric) return withMissing({ type: 'keyword', format: null }, missing, read, shard.now)
  // a date's or a boolean's values keep their field's DocValueFormat
  const format = info.type === 'boolean' ? BOOLEAN_FORMAT : info.format
  return withMissing({ type: 'double', format }, missing, read, shard.now)
}

/** A config over `read` whose documents without a value get the `missing` substitute. */
function withMissing(
  info: FieldInfo,
  missing: XContentValue | undefined,
  read: (doc: number) => readonly FieldValue[],
  now: number,
): ValuesSourceConfig {
  const substitute = missingValue(missing, info, now)
  return {
    info,
    missing: substitute,
    values: (doc) => {
      const found = read(doc)
      return found.length === 0 && substitute !== null ? [substitute] : found
    },
  }
}

/**
 * The DocValueFormat of an aggregation's `format` pattern over a numeric or date values source's own format, as
 * NumberFieldType's and DateFieldType's docValueFormat(format, null) give it: a date's formatter replaced by the
 * pattern (its zone kept); a number's DocValueFormat.Decimal of the pattern; the source's own format without one.
 */
export function patternFormat(fieldFormat: ValueFormat | null, pattern: string | null): ValueFormat | null {
  if (pattern === null) return fieldFormat
  if (fieldFormat instanceof DateValueFormat) return fieldFormat.derive(pattern, null)
  return fieldFormat ?? decimalValueFormat(pattern)
}

/** MappedFieldType.checkNoFormat: the refusal of a `format` by a field type whose DocValueFormat takes none. */
export function noCustomFormat(field: string, typeName: string): EsException {
  return illegalArgumentException(`Field [${field}] of type [${typeName}] does not support custom formats`)
}

/**
 * The numeric values of a metric aggregation's field; keywords are rejected as ES rejects them. The format is the
 * field's (a date's), with the aggregation's own `format` pattern over it (patternFormat).
 */
export function numericValues(
  shard: ShardContext,
  type: string,
  field: ValuesSourceSpec,
  missing: XContentValue | undefined,
  pattern: string | null = null,
): { values: (doc: number) => readonly number[]; format: ValueFormat | null } {
  const config = resolveValues(
    shard,
    field,
    missing,
    type,
    type === 'date_histogram' || type === 'auto_date_histogram',
  )
  const fieldType = config.info?.type
  if (fieldType === 'keyword' || fieldType === 'ip' || fieldType === 'version' || fieldType === 'geo_point')
    throw unsupportedValuesSourceType(field, fieldType, type)
  return {
    values: (doc) => config.values(doc).filter((v): v is number => typeof v === 'number'),
    format:
      fieldType === 'long' || fieldType === 'double' || fieldType === 'date'
        ? patternFormat(config.info?.format ?? null, pattern)
        : (config.info?.format ?? null),
  }
}

/**
 * ValuesSourceRegistry.getAggregator's refusal of a values source the aggregation has no aggregator for:
 * ValuesSourceConfig.getDescription (`Field [f] of type [t]`, or `Script yielding [<value_type>]` with the
 * preferred name of the script's ValueType hint) and "is not supported for aggregation [a]". A script reaches it
 * only through a hint (each aggregation's default type is one it supports), so its type names the hint.
 */
export function unsupportedValuesSourceType(
  source: ValuesSourceSpec,
  valuesType: string,
  aggregation: string,
): EsException {
  const description =
    typeof source === 'string' || 'field' in source
      ? `Field [${sourceField(source)}] of type [${valuesType}]`
      : `Script yielding [${VALUE_TYPE_NAMES[source.valueType]}]`
  return illegalArgumentException(`${description} is not supported for aggregation [${aggregation}]`)
}

/** ValueType.getPreferredName of the hint a script values source type comes from. */
const VALUE_TYPE_NAMES: Readonly<Record<ScriptValuesType, string>> = {
  keyword: 'string',
  long: 'long',
  double: 'double',
  date: 'date',
  boolean: 'boolean',
}

function missingValue(
  missing: XContentValue | undefined,
  info: FieldInfo | null,
  now: number,
): FieldValue | null {
  if (missing === undefined || missing === null) return null
  // CoreValuesSourceType.DATE.replaceMissing: DocValueFormat.DateTime.parseLong of the value's text, date math too
  const text =
    missing instanceof XNumber ? missing.text : typeof missing === 'boolean' ? String(missing) : missing
  if (info?.format instanceof DateValueFormat && info.type === 'date' && typeof text === 'string')
    return info.format.parse(text, now, false)
  const numeric = info !== null && info.type !== 'keyword' && info.type !== 'ip' && info.type !== 'version'
  // VERSION_DOCVALUE.parseBytesRef: a version field's substitute is a version, kept as its term
  if (info?.type === 'version' && (typeof missing === 'string' || missing instanceof XNumber))
    return encodeVersion(missing instanceof XNumber ? missing.text : missing)
  // DocValueFormat.IP.parseBytesRef: an ip field's substitute is an address, kept as its term
  if (info?.type === 'ip' && (typeof missing === 'string' || missing instanceof XNumber))
    return addressTerm(forString(missing instanceof XNumber ? missing.text : missing))
  if (missing instanceof XNumber) return numeric || info === null ? missing.value : missing.text
  if (typeof missing === 'boolean') return numeric ? (missing ? 1 : 0) : String(missing)
  // DocValueFormat.BOOLEAN.parseDouble: the text true or false
  if (info?.type === 'boolean' && typeof missing === 'string') return booleanOf(missing)
  if (typeof missing === 'string') return numeric && missing.trim() !== '' ? Number(missing) : missing
  return null
}

function booleanOf(text: string): number {
  if (text === 'true' || text === 'false') return text === 'true' ? 1 : 0
  throw illegalArgumentException(`Cannot parse boolean [${text}], expected either [true] or [false]`)
}

/** Field types whose fielddataBuilder is MappedFieldType's refusal, by their typeName. */
const NO_FIELDDATA: ReadonlySet<string> = new Set([
  'search_as_you_type',
  'prefix',
  'phrase',
  'completion',
  '_routing',
])

/** ProvidedIdFieldMapper's fielddataBuilder while indices.id_field_data.enabled is false (ES 8's default). */
export function idFielddataDisallowed(): EsException {
  return illegalArgumentException(
    'Fielddata access on the _id field is disallowed, you can re-enable it by updating the dynamic cluster ' +
      'setting: indices.id_field_data.enabled',
  )
}

/**
 * The refusal of a field type without doc values (its fielddataBuilder): TextFieldType's, or MappedFieldType's for
 * search_as_you_type and its shingle subfields, the `._index_prefix` subfield (PrefixFieldType, typeName `prefix`),
 * a text field's `._index_phrase` (PhraseFieldType, typeName `phrase`), match_only_text's,
 * completion and `_routing`; `_id`'s; the range types' (sorting, docvalue_fields and scripts not available), a
 * histogram's and an aggregate_metric_double's (docvalue_fields and scripts not available); null for a type that has them. The search layer turns it into a shard failure.
 */
export function noFielddata(field: string, type: string, index: string): EsException | null {
  if (type === 'text') return fielddataDisabled(field, index)
  // MatchOnlyTextFieldType.fielddataBuilder (scripts read its _source there: docs/DEVIATIONS.md)
  if (type === 'match_only_text')
    return illegalArgumentException('match_only_text fields do not support sorting and aggregations')
  if (type === '_id') return idFielddataDisallowed()
  // scripts: a date_nanos field's doc values are encoded longs (date-nanos-field.ts) they cannot read yet
  if (type === 'date_nanos')
    return illegalArgumentException(
      `scripts over the date_nanos field [${field}] are not available in the playground`,
    )
  if (type === 'dense_vector')
    return illegalArgumentException(
      `aggregations, docvalue_fields and scripts over the dense_vector field [${field}] are not available in the playground`,
    )
  // RankFeatureFieldType's, RankFeaturesFieldType's and SparseVectorFieldType's fielddataBuilder
  if (type === 'rank_feature' || type === 'rank_features' || type === 'sparse_vector')
    return illegalArgumentException(`[${type}] fields do not support sorting, scripting or aggregating`)
  // RangeFieldType's BinaryIndexFieldData: aggregations read it through range-values.ts, nothing else here
  if (isRangeType(type))
    return illegalArgumentException(
      `sorting, docvalue_fields and scripts over the [${type}] field [${field}] are not available in the playground`,
    )
  // IndexHistogramFieldData, IndexAggregateDoubleMetricFieldData: aggregations read them through histogram-values.ts
  // and aggregate-metric-values.ts, nothing else here
  if (type === 'histogram' || type === 'aggregate_metric_double')
    return illegalArgumentException(
      `docvalue_fields and scripts over the [${type}] field [${field}] are not available in the playground`,
    )
  // BinaryFieldType.fielddataBuilder without doc values: failIfNoDocValues
  if (type === 'binary') return noDocValues(field, type)
  if (NO_FIELDDATA.has(type))
    return illegalArgumentException(`Fielddata is not supported on field [${field}] of type [${type}]`)
  return null
}

/**
 * The field types whose fielddataBuilder calls failIfNoDocValues for a search (sorts, aggregations, docvalue_fields;
 * a script reads `_source` instead): keyword, the numbers, dates and booleans (their FieldTypes in ES 8.17).
 */
const FAIL_IF_NO_DOC_VALUES: ReadonlySet<string> = new Set([
  'keyword',
  ...NUMBER_FIELD_TYPES,
  'scaled_float',
  'date',
  'date_nanos',
  'boolean',
])

/** The mapping's type when `mapping` turns off doc values a search would read (FAIL_IF_NO_DOC_VALUES), else undefined. */
export function withoutDocValues(mapping: { type: string; doc_values?: unknown }): string | undefined {
  return mapping.doc_values === false && FAIL_IF_NO_DOC_VALUES.has(mapping.type) ? mapping.type : undefined
}

/** MappedFieldType.failIfNoDocValues: the refusal of a search's fielddata on a field mapped without doc values. */
export function noDocValues(field: string, type: string): EsException {
  return illegalArgumentException(
    `Can't load fielddata on [${field}] because fielddata is unsupported on fields of type [${type}]. Use doc values instead.`,
  )
}

/**
 * A mapped field's typeName as its MappedFieldType gives it: a search_as_you_type or text field's `._index_prefix`
 * subfield's is `prefix`, a text field's `._index_phrase` subfield's `phrase` (PhraseFieldType).
 */
export function fieldTypeName(mapping: { type: string; derived?: { prefix: boolean } }): string {
  if (mapping.derived === undefined) return mapping.type
  return mapping.derived.prefix ? 'prefix' : mapping.type === 'text' ? 'phrase' : mapping.type
}

/** TextFieldType.fielddataBuilder's refusal. */
export function fielddataDisabled(field: string, index: string): EsException {
  return illegalArgumentException(
    `Fielddata is disabled on [${field}] in [${index}]. ` +
      'Text fields are not optimised for operations that require per-document field data like aggregations and ' +
      'sorting, so these operations are disabled by default. Please use a keyword field instead. Alternatively, ' +
      `set fielddata=true on [${field}] in order to load field data by uninverting the inverted index. Note ` +
      'that this can use significant memory.',
  )
}
