/**
 * The `range` query (RangeQueryBuilder) and the Lucene query each field type builds for a range
 * (MappedFieldType.rangeQuery), shared with query_string's `[a TO b]`:
 * - keyword / text: TermRangeQuery over the terms, in code point order; version: over its encoded terms
 *   (version-field.ts: version precedence);
 * - long / integer / short / byte: a numeric range with integral inclusive bounds (a decimal lower bound
 *   rounds up, a decimal upper bound down; exclusive bounds step by one), as NumberFieldMapper does;
 * - double / float / half_float: inclusive bounds, exclusive ones moved to the next representable value
 *   (float types in float32, as FloatPoint.nextUp);
 * - scaled_float: ScaledFloatFieldType.rangeQuery: each bound scaled (scaled-float-field.ts), an exclusive one
 *   moved by Math.nextUp / nextDown, then the longs from Math.round(ceil(lower)) to Math.round(floor(upper)), as the
 *   column holds them (long × (1 / factor));
 * - ip: IpFieldType.rangeQuery: the addresses parsed, an exclusive bound moved to the next address (nothing matches
 *   past the ends), as a range of the index's address terms (common/network/inet-addresses.ts);
 * - date: DateFieldType's bounds through common/time's rangeQueryBounds (the query's `format` or the
 *   field's, date math, `time_zone`), inclusive epoch millis;
 * - date_nanos: the same in nanoseconds (rangeQueryNanosBounds), as the column's sortable doubles
 *   (date-nanos-field.ts); a bound outside 1970 – 2262 fails with DateUtils.toLong's message;
 * - boolean: the range over its indexed terms `F` and `T`;
 * - the range types: the query's `relation` to each indexed range (range-field-query.ts);
 * - constant_keyword: match_all or match_none from its mapped value (constant-keyword-queries.ts).
 * No bounds at all is an exists query; an unmapped field matches nothing. Numeric and date ranges read the
 * engine's numeric doc values.
 */
import { encodeVersion } from '../../index/mapper/version-field.ts'
import { constantKeywordRange } from './constant-keyword-queries.ts'
import { keywordSearchValue, type NormalizingContext } from './keyword-normalizer.ts'
import type { IndexQuery } from '../../../../engine-wasm/src/index/index.ts'
import { DateFormatter, rangeQueryBounds, rangeQueryNanosBounds, ZoneId } from '../../common/time/index.ts'
import { dateNanosFormat, sortableDouble } from '../../index/mapper/date-nanos-field.ts'
import { EsException } from '../../errors/index.ts'
import { NUMERIC_TYPES, type FieldMapping } from '../../index/mapper/mapping.ts'
import type { XContentObject, XContentValue } from '../../xcontent/index.ts'
import { DEFAULT_DATE_FORMAT } from '../../index/mapper/doc-values.ts'
import { failedToCreateQuery } from '../query-string/field-queries.ts'
import { isSpecialMetadataField, metadataRangeQuery, queryFieldMapping } from './metadata-fields.ts'
import { SEQ_NO_FIELD } from './metadata-field-types.ts'
import { seqNoRangeQuery, type SeqNoValue } from './seq-no-queries.ts'
import { queryShardException, type IndexRef } from '../query-string/query-parser-errors.ts'
import {
  boostOf,
  checkOptions,
  fieldAndOptions,
  parsingErrorAt,
  scalarText,
  type QueryContext,
} from './query-parsing.ts'
import { indexedTerm } from '../../index/mapper/field-indexer.ts'
import { queryDouble, scale, scalingFactor } from '../../index/mapper/scaled-float-field.ts'
import {
  addressTerm,
  forString,
  MAX_ADDRESS,
  MIN_ADDRESS,
  nextAddress,
  sameAddress,
} from '../../common/network/inet-addresses.ts'
import { isRangeType, nextAfter } from '../../index/mapper/range-type.ts'
import { parseRelation, rangeFieldQuery, type RangeRelation } from './range-field-query.ts'
import {
  AGGREGATE_METRIC_DOUBLE,
  defaultMetricMapping,
} from '../../index/mapper/aggregate-metric-double-field.ts'

export interface RangeBounds {
  from: string | null
  to: string | null
  includeLower: boolean
  includeUpper: boolean
}

export interface RangeOptions extends NormalizingContext {
  format?: string
  timeZone?: ZoneId
  nowMillis: number
  index?: IndexRef
  /** The query's `relation` to a range field's ranges (intersects when absent); other fields ignore it. */
  relation?: RangeRelation
}

/** The integral types (token_count is an integer: token-count-field.ts; unsigned_long a long: unsigned-long-field.ts). */
const INTEGRAL = new Set(['long', 'integer', 'short', 'byte', 'token_count', 'unsigned_long'])
const FLOAT32 = new Set(['float', 'half_float'])

function parseNumber(text: string, index: IndexRef | undefined): number {
  const value = text.trim() === '' ? NaN : Number(text)
  if (Number.isNaN(value))
    throw failedToCreateQuery(index, 'number_format_exception', `For input string: "${text}"`)
  return value
}

function numericBounds(type: string, bounds: RangeBounds, index: IndexRef | undefined): [number, number] {
  let lower = bounds.from === null ? -Infinity : parseNumber(bounds.from, index)
  let upper = bounds.to === null ? Infinity : parseNumber(bounds.to, index)
  if (INTEGRAL.has(type)) {
    if (bounds.from !== null) lower = bounds.includeLower ? Math.ceil(lower) : Math.floor(lower) + 1
    if (bounds.to !== null) upper = bounds.includeUpper ? Math.floor(upper) : Math.ceil(upper) - 1
    return [lower, upper]
  }
  const width = FLOAT32.has(type) ? 32 : 64
  if (width === 32) {
    lower = Math.fround(lower)
    upper = Math.fround(upper)
  }
  if (bounds.from !== null && !bounds.includeLower) lower = nextAfter(lower, 1, width)
  if (bounds.to !== null && !bounds.includeUpper) upper = nextAfter(upper, -1, width)
  return [lower, upper]
}

/** ScaledFloatFieldType.rangeQuery's bounds on the column (see the header). */
function scaledFloatBounds(mapping: FieldMapping, bounds: RangeBounds): [number, number] {
  const factor = scalingFactor(mapping)
  let lower = -Infinity
  let upper = Infinity
  if (bounds.from !== null) {
    const scaled = scale(queryDouble(bounds.from), factor)
    lower = Math.round(Math.ceil(bounds.includeLower ? scaled : nextAfter(scaled, 1, 64))) * (1 / factor)
  }
  if (bounds.to !== null) {
    const scaled = scale(queryDouble(bounds.to), factor)
    upper = Math.round(Math.floor(bounds.includeUpper ? scaled : nextAfter(scaled, -1, 64))) * (1 / factor)
  }
  return [lower, upper]
}

/** IpFieldType.rangeQuery's inclusive address terms; null when an exclusive bound leaves nothing. */
function ipRangeTerms(bounds: RangeBounds): { lower: string; upper: string } | null {
  let lower = bounds.from === null ? MIN_ADDRESS : forString(bounds.from)
  if (bounds.from !== null && !bounds.includeLower) {
    if (sameAddress(lower, MAX_ADDRESS)) return null
    lower = nextAddress(lower, 1)
  }
  let upper = bounds.to === null ? MAX_ADDRESS : forString(bounds.to)
  if (bounds.to !== null && !bounds.includeUpper) {
    if (sameAddress(upper, MIN_ADDRESS)) return null
    upper = nextAddress(upper, -1)
  }
  return { lower: addressTerm(lower), upper: addressTerm(upper) }
}

/** Builds a field type's query, its parse failure wrapped as SearchExecutionContext.toQuery wraps it. */
export function createQuery<T>(index: IndexRef | undefined, build: () => T): T {
  try {
    return build()
  } catch (error) {
    if (error instanceof EsException && error.causedBy === undefined)
      throw failedToCreateQuery(index, error.type, error.reason)
    throw error
  }
}

type PointType = 'long' | 'int' | 'double' | 'float'

/** The Lucene point a numeric field type's range query builds (NumberFieldMapper.NumberType). */
function pointOf(type: string): PointType {
  if (type === 'long' || type === 'unsigned_long') return 'long'
  if (INTEGRAL.has(type)) return 'int'
  return FLOAT32.has(type) ? 'float' : 'double'
}

/** A numeric range on a field's `point`, or MatchNoDocsQuery when it holds nothing. */
function numericRange(
  field: string,
  lower: number,
  upper: number,
  boost: number,
  point: PointType,
): IndexQuery {
  return lower > upper ? { type: 'matchNone' } : { type: 'numericRange', field, lower, upper, boost, point }
}

/** The field types whose range queries MappedFieldType refuses. */
const RANGE_REFUSING_TYPES: ReadonlySet<string> = new Set([
  'binary',
  'histogram',
  'geo_point',
  'dense_vector',
  'rank_feature',
  'rank_features',
  'sparse_vector',
])

/** The query a mapped field builds for a range (both bounds given as text, null when open). */
export function rangeIndexQuery(
  field: string,
  mapping: FieldMapping,
  bounds: RangeBounds,
  options: RangeOptions,
  boost: number,
): IndexQuery {
  // AggregateDoubleMetricFieldType.rangeQuery: its default metric's NumberFieldType, over the values kept at its path
  if (mapping.type === AGGREGATE_METRIC_DOUBLE)
    return rangeIndexQuery(field, defaultMetricMapping(mapping), bounds, options, boost)
  if (RANGE_REFUSING_TYPES.has(mapping.type)) {
    // SimpleMappedFieldType.rangeQuery
    const reason = `Field [${field}] of type [${mapping.type}] does not support range queries`
    throw failedToCreateQuery(options.index, 'illegal_argument_exception', reason)
  }
  if (mapping.type === 'constant_keyword') return constantKeywordRange(mapping, bounds, boost)
  if (bounds.from === null && bounds.to === null) return { type: 'exists', field, boost }
  if (isRangeType(mapping.type))
    return createQuery(options.index, () => rangeFieldQuery(field, mapping, bounds, options, boost))
  if (mapping.type === 'scaled_float') {
    const [lower, upper] = createQuery(options.index, () => scaledFloatBounds(mapping, bounds))
    return numericRange(field, lower, upper, boost, 'long')
  }
  if (mapping.type === 'ip') {
    const range = createQuery(options.index, () => ipRangeTerms(bounds))
    if (range === null) return { type: 'matchNone' }
    return { type: 'termRange', field, ...range, includeLower: true, includeUpper: true, boost }
  }
  if (NUMERIC_TYPES.has(mapping.type)) {
    const [lower, upper] = numericBounds(mapping.type, bounds, options.index)
    return numericRange(field, lower, upper, boost, pointOf(mapping.type))
  }
  if (mapping.type === 'date') {
    const formatter = DateFormatter.forPattern(options.format ?? mapping.format ?? DEFAULT_DATE_FORMAT)
    const { lower, upper } = rangeQueryBounds(bounds, options.nowMillis, options.timeZone ?? null, formatter)
    return numericRange(field, lower, upper, boost, 'long')
  }
  if (mapping.type === 'date_nanos') {
    const formatter = DateFormatter.forPattern(options.format ?? dateNanosFormat(mapping))
    const zone = options.timeZone ?? null
    const nanos = createQuery(options.index, () =>
      rangeQueryNanosBounds(bounds, options.nowMillis, zone, formatter),
    )
    const lower = nanos.lower === null ? -Infinity : sortableDouble(nanos.lower)
    const upper = nanos.upper === null ? Infinity : sortableDouble(nanos.upper)
    const range = numericRange(field, lower, upper, boost, 'long')
    return range.type === 'numericRange' ? { ...range, nanos: true } : range
  }
  const term = (text: string | null): string | null =>
    text === null
      ? null
      : mapping.type === 'version'
        ? encodeVersion(text)
        : mapping.type === 'boolean' && (text === 'true' || text === 'false')
          ? indexedTerm(text === 'true')
          : keywordSearchValue(mapping, text, options)
  const { includeLower, includeUpper } = bounds
  return {
    type: 'termRange',
    field,
    lower: term(bounds.from),
    upper: term(bounds.to),
    includeLower,
    includeUpper,
    boost,
  }
}

const RANGE_OPTIONS = ['gt', 'gte', 'lt', 'lte', 'from', 'to', 'include_lower', 'include_upper']
const RANGE_TEXT_OPTIONS = ['format', 'time_zone', 'relation']

function bound(value: XContentValue | undefined): string | null {
  return scalarText(value)
}

export function rangeQuery(body: XContentObject, context: QueryContext): IndexQuery {
  const { field, options } = fieldAndOptions('range', body)
  if (!(body.get(field) instanceof Map)) {
    throw parsingErrorAt(body, field, 'value', `[range] query does not support [${field}]`)
  }
  checkOptions('range', options, [...RANGE_OPTIONS, ...RANGE_TEXT_OPTIONS])
  const bounds = parseBounds(options)
  const format = scalarText(options.get('format')) ?? undefined
  if (format !== undefined) DateFormatter.forPattern(format)
  const zone = scalarText(options.get('time_zone'))
  const timeZone = zone === null ? undefined : ZoneId.of(zone)
  const relationText = scalarText(options.get('relation'))
  const relation = relationText === null ? undefined : parseRelation(relationText)
  if (field === SEQ_NO_FIELD) {
    const { lower, upper } = rawBounds(options)
    return seqNoRangeQuery(context, lower, upper, bounds.includeLower, bounds.includeUpper, boostOf(options))
  }
  if (isSpecialMetadataField(field)) return metadataRangeQuery(context, field)
  const mapping = queryFieldMapping(context, field)
  if (mapping === undefined) return { type: 'matchNone' }
  const nowMillis = context.nowMillis ?? 0
  return shardRangeQuery(
    field,
    mapping,
    bounds,
    { format, timeZone, nowMillis, index: context.index, normalize: context.normalize, relation },
    boostOf(options),
  )
}

/**
 * rangeIndexQuery as the shard builds it: a date that does not parse is the query_shard_exception "failed to
 * create query: ..." caused by the parse_exception (SearchExecutionContext.toQuery).
 */
export function shardRangeQuery(
  field: string,
  mapping: FieldMapping,
  bounds: RangeBounds,
  options: RangeOptions,
  boost: number,
): IndexQuery {
  try {
    return rangeIndexQuery(field, mapping, bounds, options, boost)
  } catch (e) {
    if (e instanceof EsException && e.type === 'parse_exception') {
      throw queryShardException(`failed to create query: ${e.reason}`, options.index, e)
    }
    throw e
  }
}

/** The options in order: gt/gte/from set the lower bound, lt/lte/to the upper, include_* their flags. */
/** The bounds' JSON values as parseBounds reads them (the last of `gt`/`gte`/`from`, of `lt`/`lte`/`to`), null when open. */
function rawBounds(options: XContentObject): { lower: SeqNoValue | null; upper: SeqNoValue | null } {
  let lower: SeqNoValue | null = null
  let upper: SeqNoValue | null = null
  for (const [key, value] of options) {
    const text = bound(value)
    const raw = text === null ? null : { value, text }
    if (key === 'gt' || key === 'gte' || key === 'from') lower = raw
    else if (key === 'lt' || key === 'lte' || key === 'to') upper = raw
  }
  return { lower, upper }
}

function parseBounds(options: XContentObject): RangeBounds {
  const bounds: RangeBounds = { from: null, to: null, includeLower: true, includeUpper: true }
  for (const [key, value] of options) {
    if (key === 'gt' || key === 'gte' || key === 'from') {
      bounds.from = bound(value)
      if (key !== 'from') bounds.includeLower = key === 'gte'
    } else if (key === 'lt' || key === 'lte' || key === 'to') {
      bounds.to = bound(value)
      if (key !== 'to') bounds.includeUpper = key === 'lte'
    } else if (key === 'include_lower') bounds.includeLower = value === true
    else if (key === 'include_upper') bounds.includeUpper = value === true
  }
  return bounds
}
