/**
 * What ES's field mappers write as doc values for a document's field, from its parsed `_source` values:
 * - long/integer/short/byte: integral numbers (decimals truncated, as the mappers coerce them);
 *   double: doubles; float: Java floats widened (Math.fround); half_float: IEEE half precision widened;
 * - keyword: strings (through the field's normalizer), values longer than ignore_above left out (wildcard: the same,
 *   it has no normalizer); join: the relation
 *   name; boolean: 1 and 0; text with `fielddata`: the terms its index analyzer makes of its values (uninverted);
 * - unsigned_long: the nearest double of each value's exact text (unsigned-long-field.ts; ES keeps the exact long);
 * - token_count: the count of positions its analyzer makes of each value (token-count-field.ts; none without the
 *   index's analysis), a null_value as it is;
 * - flattened: its values, under its path and (as `key\0value`) its keyed field's (flattened-field.ts), sorted and
 *   deduplicated as a keyword's;
 * - counted_keyword: its strings sorted as a keyword's, repeats kept (counted-keyword-field.ts);
 * - ip: each address's term (32 hex digits, ip-field.ts), sorted and deduplicated as a keyword's;
 * - binary: with `doc_values`, each value's decoded bytes in base64, sorted unsigned and deduplicated (binary-field.ts);
 * - histogram: its one encoded histogram (histogram-field.ts: the pairs with a count above 0), as it is;
 * - aggregate_metric_double: its default metric's value under its path, each metric's (a double, value_count an
 *   integer) under `<field>#<metric>` (aggregate-metric-double-field.ts);
 * - version: each value's encoded term (version-field.ts), sorted and deduplicated as a keyword's;
 * - scaled_float: Math.round(value × scaling_factor) × (1 / scaling_factor) (scaled-float-field.ts);
 * - date: epoch millis, parsed with the field's `format` (default strict_date_optional_time||epoch_millis);
 * - date_nanos: epoch nanoseconds as the column's sortable doubles (date-nanos-field.ts);
 * - geo_point: each point's quantised latitude and longitude as two packed words (geo-point-field.ts);
 * - geo_shape, shape, point: the quantised components of the value's geometries as a stream of packed words
 *   (shape-doc-values.ts);
 * - dense_vector: each element's float bits tagged with its position, one word each (dense-vector-values.ts);
 * - rank_feature, and each feature of a rank_features field: FeatureField's term frequency of its value
 *   (rank-feature-field.ts; the column stands in for the term's postings, nothing else reads it);
 * - integer_range, long_range, float_range, double_range, date_range: the bounds the document parser gives each of
 *   its two index paths (range-field.ts: the lower bounds under the field's path, the upper under rangeToField's),
 *   as numbers (range-type.ts), which the range queries read;
 * - other text fields, ip_range (whose bounds are terms) and objects: none.
 * Numbers are sorted ascending with repeats kept (SortedNumericDocValues); keywords sorted in UTF-8 byte
 * order and deduplicated (SortedSetDocValues). Aggregations read them; the inverted index keeps the
 * numeric ones as its per-document numeric column for range and exists queries.
 */
import { DateFormatter } from '../../common/time/index.ts'
import { EsException } from '../../errors/index.ts'
import type { LeafValue, ParsedDocument } from './document-parser.ts'
import { NUMERIC_TYPES, type FieldMapping } from './mapping.ts'
import { geoPointDocValues } from './geo-point-field.ts'
import { coordinateSystem, SHAPE_FIELD_TYPES } from './shape-field.ts'
import { shapeDocValues } from './shape-doc-values.ts'
import { denseVectorDocValues } from './dense-vector-values.ts'
import { featureFrequency } from './rank-feature-field.ts'
import { tokenCount } from './token-count-field.ts'
import { binaryDocValues } from './binary-field.ts'
import { scaledDocValue } from './scaled-float-field.ts'
import { dateNanos, sortableDouble } from './date-nanos-field.ts'
import { fieldParsingException } from './field-parameters.ts'
import { NUMERIC_RANGE_TYPES } from './range-type.ts'
import { encodeVersion } from './version-field.ts'
import { effectiveIgnoreAbove, IGNORE_ABOVE_DEFAULT } from './keyword-field.ts'
import { DEFAULT_ANALYZER } from '../../analysis/index.ts'

export type DocValue = number | string

/** What the keyword normalizer and text fielddata need of the index's analysis (index-analysis.ts). */
export interface FieldAnalysis {
  normalize(normalizer: string, text: string): string
  terms(analyzer: string, text: string): readonly string[]
  /** The positions of the tokens the named analyzer makes of `text` (a token_count's count). */
  positions(analyzer: string, text: string): readonly number[]
}

/** The format a date field without `format` parses and prints with. */
export const DEFAULT_DATE_FORMAT = 'strict_date_optional_time||epoch_millis'

/** Field types whose doc values are numbers the index keeps in its numeric column. */
const NUMERIC_COLUMN_TYPES: ReadonlySet<string> = new Set([
  ...NUMERIC_TYPES,
  'date',
  'date_nanos',
  'boolean',
  'geo_point',
  ...SHAPE_FIELD_TYPES,
  'dense_vector',
  'rank_feature',
  'rank_features',
  'sparse_vector',
  ...NUMERIC_RANGE_TYPES,
  'aggregate_metric_double',
])

/**
 * The numeric doc values of every numeric, date and boolean field of a parsed document (or of one of its nested
 * documents), by the field's index in
 * `document.fields` (null for a field of another type).
 * A date that does not parse fails the whole document with ES's document_parsing_exception.
 */
export function numericDocValues(
  document: Pick<ParsedDocument, 'fields'>,
  id: string,
  analysis: FieldAnalysis | null = null,
): Array<number[] | null> {
  const fields = document.fields
  const out = new Array<number[] | null>(fields.length).fill(null)
  for (let f = 0; f < fields.length; f++) {
    const { path, mapping, values } = fields[f]!
    if (!NUMERIC_COLUMN_TYPES.has(mapping.type)) continue
    try {
      out[f] = docValues(mapping, values, analysis) as number[]
    } catch (error) {
      if (!(error instanceof EsException)) throw error
      throw fieldParsingException(path, mapping.type, String(values[0]), id, error)
    }
  }
  return out
}

/**
 * A field's values as its doc values hold them (see the header); none for object fields. `analysis`: the index's,
 * for a keyword's normalizer and a text field's fielddata (without it they are read as not normalized, and none);
 * `indexIgnoreAbove`: the index's index.mapping.ignore_above (without an index, as for a runtime field's source
 * values: none).
 */
export function docValues(
  field: FieldMapping,
  values: readonly LeafValue[],
  analysis: FieldAnalysis | null = null,
  indexIgnoreAbove = IGNORE_ABOVE_DEFAULT,
): DocValue[] {
  switch (field.type) {
    case 'keyword':
    case 'wildcard':
    case 'join': {
      const { normalizer } = field
      const kept: string[] = []
      for (const value of values) {
        if (ignoredAbove(field, value, indexIgnoreAbove)) continue
        const text = String(value)
        kept.push(normalizer === undefined || analysis === null ? text : analysis.normalize(normalizer, text))
      }
      return distinctUtf8(kept)
    }
    case 'text': {
      if (field.fielddata !== true || analysis === null) return []
      const analyzer = field.analyzer ?? DEFAULT_ANALYZER
      return distinctUtf8(values.flatMap((value) => analysis.terms(analyzer, String(value))))
    }
    case 'flattened':
      return distinctUtf8(values.map(String))
    case 'counted_keyword':
      return values.map(String).sort(compareUtf8)
    case 'ip':
      return [...new Set(values.map(String))].sort()
    case 'version':
      return distinctUtf8(values.map((v) => encodeVersion(String(v))))
    case 'binary':
      return binaryDocValues(field, values)
    case 'histogram':
      return values.map(String)
    case 'scaled_float':
      return sortNumbers(values.map((v) => scaledDocValue(field, Number(v))))
    case 'boolean':
      return sortNumbers(values.map((v) => (v === true || v === 'true' ? 1 : 0)))
    case 'date':
      return sortNumbers(values.map(dateMillis(field)))
    case 'date_nanos': {
      const parse = dateNanos(field)
      return sortNumbers(values.map((v) => sortableDouble(parse(v))))
    }
    case 'long':
    case 'integer':
    case 'short':
    case 'byte':
      return sortNumbers(values.map((v) => Math.trunc(Number(v))))
    case 'double':
    case 'unsigned_long':
    case 'aggregate_metric_double':
      return sortNumbers(values.map(Number))
    case 'float':
      return sortNumbers(values.map((v) => Math.fround(Number(v))))
    case 'half_float':
      return sortNumbers(values.map((v) => halfFloat(Number(v))))
    case 'token_count': {
      if (analysis === null) return []
      const positions = (analyzer: string, text: string) => analysis.positions(analyzer, text)
      return sortNumbers(values.map((v) => tokenCount(field, v, positions)))
    }
    case 'geo_point':
      return geoPointDocValues(values)
    case 'geo_shape':
    case 'shape':
    case 'point':
      return shapeDocValues(coordinateSystem(field.type), values)
    case 'dense_vector':
      return denseVectorDocValues(values as readonly number[])
    case 'rank_feature':
    case 'rank_features':
    case 'sparse_vector':
      return values.map((v) => featureFrequency(Number(v)))
    case 'integer_range':
    case 'long_range':
    case 'float_range':
    case 'double_range':
    case 'date_range':
      return sortNumbers(values.map(Number))
    default:
      return []
  }
}

/**
 * Whether a keyword or wildcard field's mapper ignores this value: longer than its `ignore_above`, or else the index's
 * (`indexIgnoreAbove`: keyword-field.ts effectiveIgnoreAbove), in UTF-16 units as Java's.
 */
export function ignoredAbove(field: FieldMapping, value: LeafValue, indexIgnoreAbove: number): boolean {
  return (
    (field.type === 'keyword' || field.type === 'wildcard') &&
    String(value).length > effectiveIgnoreAbove(field, indexIgnoreAbove)
  )
}

/** How a date field reads a `_source` value: epoch millis, parsed with the field's `format`. */
export function dateMillis(field: FieldMapping): (value: LeafValue) => number {
  const format = field.format ?? DEFAULT_DATE_FORMAT
  const formatter = DateFormatter.forPattern(format)
  return (value) =>
    (format === DEFAULT_DATE_FORMAT ? defaultFormatMillis(value) : undefined) ??
    formatter.parseMillis(String(value))
}

/**
 * The epoch millis of a JSON number in a date field of the default format, without parsing its text (ES parses
 * the number's text): an integer's text is digits, which strict_date_optional_time takes only when there are
 * four of them, as a year ("2020", "-1000"), so any other safe integer is epoch_millis' reading of itself (-0
 * reads as "0"). Undefined when the text must be parsed.
 */
export function defaultFormatMillis(value: LeafValue): number | undefined {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) return undefined
  const magnitude = Math.abs(value)
  if (magnitude >= 1000 && magnitude <= 9999) return undefined
  return value === 0 ? 0 : value
}

function ascending(a: number, b: number): number {
  return a - b
}

/** The distinct strings in BytesRef order (SortedSetDocValues); a single value (most fields) is already so. */
function distinctUtf8(values: string[]): string[] {
  return values.length < 2 ? values : [...new Set(values)].sort(compareUtf8)
}

/** Sorts in place; a single value (most fields) is already sorted. */
function sortNumbers(values: number[]): number[] {
  return values.length < 2 ? values : values.sort(ascending)
}

/** BytesRef order: UTF-8 bytes compare as code points do (UTF-16 units do not above U+FFFF). */
export function compareUtf8(a: string, b: string): number {
  const length = Math.min(a.length, b.length)
  for (let i = 0; i < length; i++) {
    const x = a.codePointAt(i)!
    const y = b.codePointAt(i)!
    if (x !== y) return x - y
    if (x > 0xffff) i++
  }
  return a.length - b.length
}

/** Rounds to the nearest IEEE 754 half-precision value (ties to even), as HalfFloatPoint stores it. */
export function halfFloat(value: number): number {
  if (!Number.isFinite(value) || value === 0) return value
  const magnitude = Math.abs(value)
  if (magnitude >= 65520) return Math.sign(value) * Infinity
  const exponent = Math.max(Math.floor(Math.log2(magnitude)), -14)
  const quantum = 2 ** (exponent - 10)
  const scaled = magnitude / quantum
  const floor = Math.floor(scaled)
  const rest = scaled - floor
  const rounded = rest > 0.5 || (rest === 0.5 && floor % 2 === 1) ? floor + 1 : floor
  return Math.sign(value) * rounded * quantum
}
