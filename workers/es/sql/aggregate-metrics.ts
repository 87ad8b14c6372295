/**
 * The metric aggregation ES SQL's QueryTranslator asks for per aggregate (its agg translators and their
 * querydsl/agg builders), as `_sql/translate` prints it and the composite path runs it, and how the aggregate's
 * value is read back from the rendered response (MetricAggExtractor, TopHitsAggExtractor):
 * - COUNT(x): `value_count` (ES counts through a filter), COUNT(DISTINCT x): `cardinality`; AVG, SUM, MIN, MAX:
 *   their metric's `value` (a datetime MIN/MAX as a datetime);
 * - FIRST/LAST: TopHitsAgg's `top_hits` of size 1 with the field in `docvalue_fields` (a datetime with
 *   strict_date_optional_time_nanos) and sorted by the ordering field, then the field, ascending or descending,
 *   `missing: _last`, `unmapped_type` the field's type: the one hit's field value;
 * - STDDEV_POP, STDDEV_SAMP, SUM_OF_SQUARES, VAR_POP, VAR_SAMP: `extended_stats` (sigma 2.0) and its
 *   `std_deviation`, `std_deviation_sampling`, `sum_of_squares`, `variance`, `variance_sampling`;
 * - KURTOSIS, SKEWNESS: `matrix_stats` of the one field (mode AVG) and its field's statistic;
 * - MAD: `median_absolute_deviation` (compression 1000.0); PERCENTILE and PERCENTILE_RANK: always merged (below),
 *   `percentiles` / `percentile_ranks`, keyed, with the method's configuration (tdigest compression 100.0, hdr 3
 *   significant digits).
 * Aggregates merged into one field's `stats`, `extended_stats` or `matrix_stats` (metric-merging.ts) read their
 * property of that metric: MIN, MAX, AVG and SUM its `min`, `max`, `avg` and `sum` (a SUM of no values, `count` 0,
 * is null); PERCENTILE and PERCENTILE_RANK the entry of a merged `percentiles` / `percentile_ranks` keyed by their
 * value (the request lists the values sorted, as the aggregation builders sort them). A non-finite value reads as null. `metricReadable` says which aggregates the composite path can read: COUNT(*)
 * and the metrics over a field with doc values of a type the metric reads (the others, and an hdr percentile,
 * are grouped on this node).
 */
import {
  JavaDouble,
  XNumber,
  type JsonOut,
  type XContentObject,
  type XContentValue,
} from '../xcontent/index.ts'
import type { EsField } from './index-resolver.ts'
import type { Expression, FunctionCall } from './sql-ast.ts'
import type { MergedMetric, PercentilesConfig } from './metric-merging.ts'
import { DATE_FORMAT } from './sql-data-types.ts'
import type { ZoneId } from '../common/time/zone-id.ts'
import { DateTimeValue, type SqlValue } from './sql-values.ts'

/** The numeric field types the metrics and histograms read. */
export const NUMERIC_FIELDS = new Set([
  'byte',
  'short',
  'integer',
  'long',
  'float',
  'half_float',
  'double',
  'scaled_float',
])

const EXTENDED_STATS: Readonly<Record<string, string>> = {
  STDDEV_POP: 'std_deviation',
  STDDEV_SAMP: 'std_deviation_sampling',
  SUM_OF_SQUARES: 'sum_of_squares',
  VAR_POP: 'variance',
  VAR_SAMP: 'variance_sampling',
}
const MATRIX_STATS: Readonly<Record<string, string>> = { KURTOSIS: 'kurtosis', SKEWNESS: 'skewness' }
const TOP_HITS: Readonly<Record<string, 'asc' | 'desc'>> = {
  FIRST: 'asc',
  FIRST_VALUE: 'asc',
  LAST: 'desc',
  LAST_VALUE: 'desc',
}
const PERCENTILES = new Set(['PERCENTILE', 'PERCENTILE_RANK'])

export function isCountStar(e: Expression): boolean {
  return e.kind === 'function' && e.name === 'COUNT' && (e.args.length === 0 || e.args[0]!.kind === 'star')
}

export function fieldOf(e: Expression | undefined, fields: ReadonlyMap<string, EsField>): EsField | null {
  return e?.kind === 'field' ? (fields.get(e.name) ?? null) : null
}

function literal(e: Expression | undefined): SqlValue {
  return e?.kind === 'literal' && !(e.value instanceof Object) ? e.value : null
}

/** Whether the composite path can read the aggregate from its metric. */
export function metricReadable(call: FunctionCall, fields: ReadonlyMap<string, EsField>): boolean {
  if (isCountStar(call)) return true
  const field = fieldOf(call.args[0], fields)
  if (field === null || field.exact === null) return false
  if (call.name === 'COUNT') return true
  if (TOP_HITS[call.name] !== undefined)
    return call.args.length === 1 || fieldOf(call.args[1], fields)?.exact != null
  if (PERCENTILES.has(call.name) && literal(call.args[2]) === 'hdr') return false
  const datetimeExtreme = field.sqlType === 'datetime' && (call.name === 'MIN' || call.name === 'MAX')
  return NUMERIC_FIELDS.has(field.sqlType) || datetimeExtreme
}

/** A sort on a field as FieldSortBuilder prints it, missing values last. */
function fieldSort(field: EsField, order: string): JsonOut {
  const unmappedType = field.exact === field.name ? field.esType : 'keyword'
  return { [field.exact!]: { order, missing: '_last', unmapped_type: unmappedType } }
}

/** A `percentiles` (`percentile_ranks`) request: its values sorted, keyed, the method's PercentilesConfig. */
function percentilesRequest(
  kind: string,
  field: string,
  values: readonly number[],
  { method, parameter }: PercentilesConfig,
): JsonOut {
  const key = kind === 'percentiles' ? 'percents' : 'values'
  const sorted = [...values].sort((a, b) => a - b).map((v) => new JavaDouble(v))
  const config =
    method === 'hdr'
      ? { number_of_significant_value_digits: parameter }
      : { compression: new JavaDouble(parameter) }
  return { [kind]: { field, [key]: sorted, keyed: true, [method]: config } }
}

/** A merged metric's request. */
export function mergedRequest(merged: MergedMetric, fields: ReadonlyMap<string, EsField>): JsonOut {
  const field = fields.get(merged.field)?.exact ?? merged.field
  if (merged.percentiles !== undefined)
    return percentilesRequest(merged.kind, field, merged.percentiles.values, merged.percentiles.config)
  if (merged.kind === 'stats') return { stats: { field } }
  if (merged.kind === 'extended_stats') return { extended_stats: { field, sigma: new JavaDouble(2) } }
  return { matrix_stats: { fields: [field], mode: 'AVG' } }
}

/** The metric aggregation for an aggregate over a field, or null (COUNT(*), or not over a field). */
export function metricRequest(call: FunctionCall, fields: ReadonlyMap<string, EsField>): JsonOut | null {
  const arg = call.args[0]
  if (arg === undefined || arg.kind !== 'field') return null
  const mapped = fields.get(arg.name)
  const field = mapped?.exact ?? arg.name
  const order = TOP_HITS[call.name]
  if (order !== undefined && mapped !== undefined) {
    const by = fieldOf(call.args[1], fields)
    const docvalue = mapped.sqlType === 'datetime' ? { field, format: DATE_FORMAT } : { field }
    const sort = [...(by === null ? [] : [fieldSort(by, order)]), fieldSort(mapped, order)]
    return {
      top_hits: {
        from: 0,
        size: 1,
        version: false,
        seq_no_primary_term: false,
        explain: false,
        docvalue_fields: [docvalue],
        sort,
      },
    }
  }
  if (EXTENDED_STATS[call.name] !== undefined) return { extended_stats: { field, sigma: new JavaDouble(2) } }
  if (MATRIX_STATS[call.name] !== undefined) return { matrix_stats: { fields: [field], mode: 'AVG' } }
  if (call.name === 'MAD') return { median_absolute_deviation: { field, compression: new JavaDouble(1000) } }
  if (call.name === 'COUNT') return call.distinct ? { cardinality: { field } } : { value_count: { field } }
  return { [call.name.toLowerCase()]: { field } }
}

function numberOf(value: XContentValue | undefined): number | null {
  return value instanceof XNumber && Number.isFinite(value.value) ? value.value : null
}

/** The entry of a keyed `values` object whose key (a Java double, `50.0`) is `value`. */
function keyedValue(values: XContentValue | undefined, value: number): number | null {
  const entries = values instanceof Map ? [...values] : []
  return numberOf(entries.find(([key]) => Number(key) === value)?.[1])
}

function objectOf(value: XContentValue | undefined): XContentObject | null {
  return value instanceof Map ? value : null
}

function firstOf(value: XContentValue | undefined): XContentValue | undefined {
  if (Array.isArray(value)) return value[0]
  return value instanceof Map ? [...value.values()][0] : undefined
}

/** A doc value as SQL reads it: a datetime string in the request's zone, a number, a string or a boolean. */
function docValue(value: XContentValue | undefined, field: EsField | null, zone: ZoneId): SqlValue {
  if (value instanceof XNumber) return value.value
  if (typeof value === 'string' && field?.sqlType === 'datetime')
    return new DateTimeValue(Date.parse(value), zone)
  return typeof value === 'string' || typeof value === 'boolean' ? value : null
}

/** The aggregate's value from its metric in `bucket` (COUNT(*): the bucket's doc count). */
export function metricValue(
  call: FunctionCall,
  bucket: XContentObject,
  docCount: number,
  fields: ReadonlyMap<string, EsField>,
  zone: ZoneId,
  merged: MergedMetric | undefined,
): SqlValue {
  if (isCountStar(call)) return docCount
  const metric = objectOf(bucket.get(merged?.name ?? call.text))
  if (metric === null) return null
  const field = fieldOf(call.args[0], fields)
  if (merged?.percentiles !== undefined)
    return keyedValue(metric.get('values'), Number(literal(call.args[1])))
  if (merged !== undefined && merged.kind !== 'matrix_stats' && EXTENDED_STATS[call.name] === undefined) {
    if (call.name === 'SUM' && numberOf(metric.get('count')) === 0) return null
    const value = numberOf(metric.get(call.name.toLowerCase()))
    return value !== null && field?.sqlType === 'datetime' ? new DateTimeValue(value, zone) : value
  }
  if (TOP_HITS[call.name] !== undefined) {
    const hit = objectOf(firstOf(objectOf(metric.get('hits'))?.get('hits')))
    return docValue(firstOf(objectOf(hit?.get('fields'))?.get(field?.exact ?? '')), field, zone)
  }
  const property = EXTENDED_STATS[call.name]
  if (property !== undefined) return numberOf(metric.get(property))
  const statistic = MATRIX_STATS[call.name]
  if (statistic !== undefined) return numberOf(objectOf(firstOf(metric.get('fields')))?.get(statistic))
  const value = numberOf(metric.get('value'))
  if (value === null) return null
  const datetime = field?.sqlType === 'datetime' && (call.name === 'MIN' || call.name === 'MAX')
  return datetime ? new DateTimeValue(value, zone) : value
}
