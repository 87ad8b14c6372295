/**
 * The value sources of a `composite` aggregation (ES 8's CompositeValuesSourceParserHelper and the
 * Terms / Histogram / DateHistogram ValuesSourceBuilders): each entry of `sources` is `{name: {type: {...}}}`.
 * Common fields: `field`, `script` (../script-values.ts) or both (a value script, whose numeric values are doubles; no
 * script on geotile_grid), `missing_bucket` (documents without a value get the null key), `missing_order` (first,
 * last or default: first when ascending, last when descending), `order` (asc/desc), `value_type` (the type of a
 * script's values; a plain field's own type wins), `format`; `histogram` adds `interval`, `date_histogram`
 * calendar_interval / fixed_interval, `time_zone` and `offset`, `geotile_grid` `precision` and `bounds`.
 *
 * Per shard a source resolves to its key kind and DocValueFormat: `terms` keys are the field's terms (keyword,
 * ip), longs (long, date: RAW unless `format`; boolean: DocValueFormat.BOOLEAN) or doubles; an unmapped field is
 * a keyword without values; histogram keys are doubles, date_histogram keys epoch-millis longs (RAW unless
 * `format`, printed in `time_zone`); geotile_grid keys (`precision` 0..29, default 7; `bounds` not built) are the
 * tiles "zoom/x/y" of a geo_point's points, ordered by zoom, x, then y as their long encoding orders them. A key
 * value is a number, a term string (a tile's zero-padded) or null (the missing bucket).
 */
import { encodeVersion } from '../../../index/mapper/version-field.ts'
import {
  EsException,
  illegalArgumentException,
  numberFormatException,
  xContentParseException,
} from '../../../errors/index.ts'
import type { XContentObject, XContentValue } from '../../../xcontent/index.ts'
import { ZoneId, parseHistogramOffset } from '../../../common/time/index.ts'
import { addressTerm, forString } from '../../../common/network/inet-addresses.ts'
import type { FieldValue, ShardContext, ValueFormat } from '../aggregation-context.ts'
import { AggregationParams, tokenName } from '../aggregation-params.ts'
import { BOOLEAN_FORMAT, decimalValueFormat } from '../doc-value-format.ts'
import { DateValueFormat } from '../date-value-format.ts'
import {
  fieldFormatOf,
  noCustomFormat,
  numericValues,
  patternFormat,
  resolveValues,
  sourceField,
  unsupportedValuesSourceType,
  type ScriptValuesSpec,
  type ValuesSourceSpec,
} from '../values-source.ts'
import { geoPointValues } from '../geo-values.ts'
import { scriptDocValues, type ScriptValuesType } from '../script-values.ts'
import { geotile, MAX_ZOOM } from '../../../common/geo/geo-encoding.ts'
import { compareKeys } from './bucket-order.ts'
import { dateFormatOf, intervalRounding, intervalSpec } from './date-histogram.ts'
import { roundingOf, type HistogramRounding } from './histogram-rounding.ts'

export type CompositeKeyValue = FieldValue | null
export type CompositeKey = readonly CompositeKeyValue[]

/** How a source's keys print: the field's terms, an address term, a long, a double or a boolean (1/0). */
export type KeyKind = 'string' | 'ip' | 'version' | 'long' | 'double' | 'boolean' | 'geotile'

export type MissingOrder = 'default' | 'first' | 'last'

/** What every shard and the reduce need of a source: its name, order and missing bucket. */
export interface SourceOrder {
  readonly name: string
  readonly asc: boolean
  readonly missingBucket: boolean
  readonly missingOrder: MissingOrder
}

/** A source resolved on a shard: its key kind, format and each document's keys. */
export interface ShardSource extends SourceOrder {
  readonly kind: KeyKind
  readonly format: ValueFormat | null
  keys(doc: number): readonly FieldValue[]
  /** ES's parsing of the source's `after` value (format.parseBytesRef / parseLong / parseDouble). */
  afterValue(value: string | number | boolean, now: number): FieldValue
}

export interface CompositeSource extends SourceOrder {
  readonly type: 'terms' | 'histogram' | 'date_histogram' | 'geotile_grid'
  resolve(shard: ShardContext): ShardSource
}

const COMMON_KEYS = ['field', 'script', 'missing_bucket', 'missing_order', 'value_type', 'order', 'format']
const TYPE_KEYS: Readonly<Record<CompositeSource['type'], readonly string[]>> = {
  terms: COMMON_KEYS,
  histogram: [...COMMON_KEYS, 'interval'],
  date_histogram: [...COMMON_KEYS, 'calendar_interval', 'fixed_interval', 'time_zone', 'offset'],
  geotile_grid: [...COMMON_KEYS, 'precision', 'bounds'],
}

/** MissingOrder.compareAnyValueToMissing: how a present value compares with the missing one. */
function valueToMissing(source: SourceOrder): number {
  if (source.missingOrder === 'first') return 1
  if (source.missingOrder === 'last') return -1
  return source.asc ? 1 : -1
}

/** CompositeKey order: source by source, each in its order, the missing value placed by missing_order. */
export function compareCompositeKeys(
  sources: readonly SourceOrder[],
  a: CompositeKey,
  b: CompositeKey,
): number {
  for (let i = 0; i < sources.length; i++) {
    const x = a[i] ?? null
    const y = b[i] ?? null
    if (x === null && y === null) continue
    if (x === null) return -valueToMissing(sources[i]!)
    if (y === null) return valueToMissing(sources[i]!)
    const c = compareKeys(x, y)
    if (c !== 0) return sources[i]!.asc ? c : -c
  }
  return 0
}

/** Java's Enum.valueOf failure, as SortOrder.fromString and MissingOrder.fromString raise it. */
function enumValue<T extends string>(
  params: AggregationParams,
  key: string,
  javaEnum: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const text = params.string(key)
  if (text === null) return fallback
  const value = allowed.find((v) => v === text.toLowerCase())
  if (value !== undefined) return value
  throw params.fieldFailure(
    key,
    illegalArgumentException(`No enum constant ${javaEnum}.${text.toUpperCase()}`),
  )
}

/** CompositeValuesSourceParserHelper.fromXContent over one `sources` entry. */
export function parseCompositeSource(entry: XContentValue): CompositeSource {
  const named = expectObject(entry)
  const [name, typed] = [...named][0] ?? ['', null]
  const definition = expectObject(typed)
  const [type, body] = [...definition][0] ?? ['', null]
  const settings = expectObject(body)
  if (type !== 'terms' && type !== 'histogram' && type !== 'date_histogram' && type !== 'geotile_grid') {
    throw new EsException({ type: 'parsing_exception', reason: `invalid source type: ${type}`, status: 400 })
  }
  const params = new AggregationParams(type, settings, TYPE_KEYS[type])
  const order = {
    name,
    asc:
      enumValue(params, 'order', 'org.elasticsearch.search.sort.SortOrder', ['asc', 'desc'], 'asc') === 'asc',
    missingBucket: params.boolean('missing_bucket') ?? false,
    missingOrder: enumValue(
      params,
      'missing_order',
      'org.elasticsearch.search.aggregations.bucket.composite.MissingOrder',
      ['default', 'first', 'last'],
      'default',
    ),
  }
  const pattern = params.string('format')
  if (type === 'geotile_grid') {
    const precision = tilePrecision(params)
    if (params.has('bounds'))
      throw illegalArgumentException('[geotile_grid] [bounds] is not available in the playground')
    if (params.has('script'))
      throw illegalArgumentException('[geotile_grid] [script] is not available in the playground')
    const field = params.requiredField()
    return { ...order, type, resolve: (shard) => geotileSource(shard, order, field, precision) }
  }
  // value_type hints the type of a script's values (a plain field's own type wins); its kind is still checked
  const values = params.valuesSource(DEFAULT_SCRIPT_TYPES[type])
  if (type === 'terms')
    return { ...order, type, resolve: (shard) => termsSource(shard, order, values, pattern) }
  if (type === 'histogram') {
    const interval = params.number('interval')
    if (interval === null || !(interval > 0)) {
      // HistogramValuesSourceBuilder.interval's check, inside the ObjectParser when the field was given
      const cause = illegalArgumentException('[interval] must be greater than 0 for [histogram] source')
      if (interval === null) throw cause
      throw xContentParseException(1, 1, '[histogram] failed to parse field [interval]', cause)
    }
    const rounding = roundingOf({ type: 'interval', interval, offset: 0 })
    return {
      ...order,
      type,
      resolve: (shard) => roundedSource(shard, order, 'histogram', values, rounding, 'double', pattern, null),
    }
  }
  const interval = intervalSpec(params)
  const zone = params.timeZone()
  const offsetText = params.string('offset')
  const rounding = intervalRounding(
    interval,
    zone ?? ZoneId.UTC,
    offsetText === null ? 0 : parseHistogramOffset(offsetText),
  )
  return {
    ...order,
    type,
    resolve: (shard) =>
      roundedSource(shard, order, 'date_histogram', values, rounding, 'long', pattern, zone),
  }
}

function expectObject(value: XContentValue | undefined): XContentObject {
  if (value instanceof Map && value.size > 0) return value
  const found = value === undefined ? 'END_OBJECT' : value instanceof Map ? 'END_OBJECT' : tokenName(value)
  throw new EsException({
    type: 'parsing_exception',
    reason: `Failed to parse object: expecting token of type [START_OBJECT] but found [${found}]`,
    status: 400,
  })
}

/** Each source type's values source type for a script without a `value_type` (getDefaultValuesSourceType). */
const DEFAULT_SCRIPT_TYPES: Readonly<Record<'terms' | 'histogram' | 'date_histogram', ScriptValuesType>> = {
  terms: 'keyword',
  histogram: 'double',
  date_histogram: 'date',
}

/** A terms source's key kind of a script's values source type. */
const SCRIPT_KINDS: Readonly<Record<ScriptValuesType, KeyKind>> = {
  keyword: 'string',
  long: 'long',
  double: 'double',
  date: 'long',
  boolean: 'boolean',
}

function termsSource(
  shard: ShardContext,
  order: SourceOrder,
  values: ValuesSourceSpec,
  pattern: string | null,
): ShardSource {
  if (typeof values !== 'string' && !('field' in values)) {
    const kind = SCRIPT_KINDS[values.valueType]
    // a script's format is its values source type's (CoreValuesSourceType.getFormatter); a date's is RAW unless given
    const format =
      kind === 'boolean'
        ? BOOLEAN_FORMAT
        : values.valueType === 'date' && pattern !== null
          ? dateFormatOf(null, pattern, null)
          : values.valueType === 'double' || values.valueType === 'long'
            ? pattern === null
              ? null
              : decimalValueFormat(pattern)
            : null
    const keys = scriptDocValues(shard, values.script, values.valueType, kind === 'double')
    return { ...order, kind, format, keys, afterValue: afterParser(kind, format) }
  }
  // a field's values, or a value script's (doubles over a numeric field, as Numeric.WithScript is floating point)
  const config = resolveValues(shard, values, undefined, 'terms')
  const type = config.info?.type ?? 'keyword'
  if (type === 'geo_point') throw unsupportedValuesSourceType(values, type, 'terms')
  const kind: KeyKind =
    type === 'keyword'
      ? 'string'
      : type === 'ip' || type === 'version'
        ? type
        : type === 'double'
          ? 'double'
          : type === 'boolean'
            ? 'boolean'
            : 'long'
  const field = sourceField(values)
  if (
    pattern !== null &&
    field !== null &&
    config.info !== null &&
    (kind === 'string' || kind === 'ip' || kind === 'version' || kind === 'boolean')
  )
    throw noCustomFormat(shard.source.concreteName(field), config.info.type)
  // TermsValuesSourceBuilder: a date field without a `format` keeps RAW (its keys stay longs)
  const format =
    kind === 'boolean'
      ? BOOLEAN_FORMAT
      : pattern === null
        ? null
        : patternFormat(config.info?.format ?? null, pattern)
  return { ...order, kind, format, keys: (doc) => config.values(doc), afterValue: afterParser(kind, format) }
}

function roundedSource(
  shard: ShardContext,
  order: SourceOrder,
  type: 'histogram' | 'date_histogram',
  values: ValuesSourceSpec,
  rounding: HistogramRounding,
  kind: 'double' | 'long',
  pattern: string | null,
  zone: ZoneId | null,
): ShardSource {
  const read =
    typeof values !== 'string' && !('field' in values)
      ? scriptNumbers(shard, values, kind, pattern)
      : numericValues(shard, type, values, undefined, kind === 'double' ? pattern : null)
  const fieldFormat = fieldFormatOf(shard, values)
  const format =
    kind === 'long'
      ? pattern === null
        ? null
        : dateFormatOf(fieldFormat, pattern, zone)
      : pattern === null
        ? null
        : read.format
  return {
    ...order,
    kind,
    format,
    keys: (doc) => read.values(doc).map((v) => rounding.round(v)),
    afterValue: afterParser(kind, format),
  }
}

/** A histogram's (doubles) or date_histogram's (longs) values from a script; a histogram's `format` is decimal. */
function scriptNumbers(
  shard: ShardContext,
  values: ScriptValuesSpec,
  kind: 'double' | 'long',
  pattern: string | null,
): { values: (doc: number) => readonly number[]; format: ValueFormat | null } {
  if (values.valueType === 'keyword')
    throw illegalArgumentException(
      'a composite histogram source script of [value_type] string is not available in the playground',
    )
  const read = scriptDocValues(shard, values.script, values.valueType, kind === 'double')
  return {
    values: (doc) => read(doc) as number[],
    format: kind === 'double' && pattern !== null ? decimalValueFormat(pattern) : null,
  }
}

/** GeoTileUtils.checkPrecisionRange of `precision` (7 by default), as its ObjectParser field reports it. */
function tilePrecision(params: AggregationParams): number {
  const precision = params.int('precision') ?? 7
  if (precision >= 0 && precision <= MAX_ZOOM) return precision
  throw xContentParseException(
    1,
    1,
    '[geotile_grid] failed to parse field [precision]',
    illegalArgumentException(
      `Invalid geotile_grid precision of ${precision}. Must be between 0 and ${MAX_ZOOM}.`,
    ),
  )
}

/**
 * A tile "zoom/x/y" as a key whose text order is GeoTileUtils.longEncode's order (zoom, then x, then y): each part
 * zero-padded; `tileText` prints it back.
 */
function tileKey(zoom: number, x: number, y: number): string {
  return `${String(zoom).padStart(2, '0')}/${String(x).padStart(9, '0')}/${String(y).padStart(9, '0')}`
}

export function tileText(key: string): string {
  return key
    .split('/')
    .map((part) => String(Number(part)))
    .join('/')
}

/** DocValueFormat.GEOTILE.parseLong: GeoTileUtils.longEncode of "zoom/x/y". */
function parseTile(text: string): string {
  const parts = text.split('/')
  const [zoom, x, y] = parts.map((p) => (/^[+-]?\d+$/.test(p) ? Number(p) : NaN))
  if (parts.length === 3 && zoom !== undefined && x !== undefined && y !== undefined) {
    const tiles = 2 ** zoom
    if (zoom >= 0 && zoom <= MAX_ZOOM && x >= 0 && y >= 0 && x < tiles && y < tiles)
      return tileKey(zoom, x, y)
  }
  throw illegalArgumentException(
    `Invalid geotile_grid hash string of ${text}. Must be three integers in a form "zoom/x/y".`,
  )
}

function geotileSource(
  shard: ShardContext,
  order: SourceOrder,
  field: string,
  precision: number,
): ShardSource {
  const points = geoPointValues(shard, 'geotile_grid', field)
  return {
    ...order,
    kind: 'geotile',
    format: null,
    keys: (doc) =>
      points(doc).map(({ lat, lon }) => {
        const { x, y } = geotile(lon, lat, precision)
        return tileKey(precision, x, y)
      }),
    afterValue: (value) => parseTile(String(value)),
  }
}

/** DocValueFormat.parseBytesRef / parseLong / parseDouble of an `after` value for a source of this kind. */
function afterParser(kind: KeyKind, format: ValueFormat | null): ShardSource['afterValue'] {
  return (value, now) => {
    const text = String(value)
    if (kind === 'string') return text
    if (kind === 'ip') return addressTerm(forString(text))
    if (kind === 'version') return encodeVersion(text)
    if (kind === 'boolean' && (value === true || value === false)) return value ? 1 : 0
    if (kind === 'boolean' && (text === 'true' || text === 'false')) return text === 'true' ? 1 : 0
    if (typeof value === 'number') return value
    if (format instanceof DateValueFormat) return format.parse(text, now, false)
    const n = Number(text)
    if (text.trim() === '' || Number.isNaN(n)) throw numberFormatException(text)
    return n
  }
}
