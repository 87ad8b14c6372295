/**
 * AggregateDoubleMetricFieldMapper (x-pack mapper-aggregate-metric, ES 8.17): pre-aggregated metrics per document.
 *
 * Mapping: `ignore_malformed`, `metrics`, `default_metric` and `meta` in the Builder's order; `time_series_metric` is
 * not available. `metrics` is a list of min, max, sum and value_count (kept as an EnumSet: in that order, once each;
 * another name fails with "Error parsing [metrics] on field [f]: Metric [x] is not supported."), required ("Property
 * [metrics] is required for field [f]."). Without `default_metric` a single metric is the default (then printed);
 * with more "Property [default_metric] is required for field [f]."; a default outside the metrics fails with "Default
 * metric [x] is not defined in the metrics of field [f].".
 *
 * Document (parseCreateField): null is nothing; a value must be an object (ensureExpectedToken) whose keys are metric
 * names (Metric.valueOf's "No enum constant ...Metric.x") of the mapping ("Aggregate metric [sum] does not exist in
 * the mapping of field [f]") with number values, each read by its NumberFieldMapper (min, max, sum: a double;
 * value_count: an integer without coerce), a refusal wrapped as "failed to parse [max] sub field: <reason>". Then:
 * "Aggregate metric field [f] max value cannot be smaller than min value", "Aggregate metric [value_count] of field
 * [f] cannot be a negative number", "Aggregate metric field [f] must contain all metrics [min, max]", and a second
 * value in one document "Field [f] of type [aggregate_metric_double] does not support indexing multiple values for
 * the same field in the same document". FieldMapper.parse wraps each failure ("failed to parse field [f] of type
 * [aggregate_metric_double] in document with id '1'. Preview of field's value: '...'") at the token the parser is on:
 * the value, a key's name (preview `null`) or the object's end (preview `null`). `ignore_malformed` drops any failing
 * value and lists the field as ignored.
 *
 * The values kept: the default metric's under the field's path (a double column, which its term, terms, range and
 * exists queries and its sort read, as the delegate NumberFieldType does), and each metric under `<field>#<metric>`
 * (`metricField`), which the min, max, sum, avg and value_count aggregations read; no other search sees those paths.
 */
import {
  EsException,
  failedToParseMapping,
  failedToParseMappingFrom,
  illegalArgumentException,
  mapperParsingException,
  parsingException,
} from '../../errors/index.ts'
import { XNumber, type XContentValue } from '../../xcontent/index.ts'
import { valueToken } from '../../action/value-token.ts'
import type { FieldMapping } from './mapping.ts'
import { documentFailure, failedIn, type TokenPart } from './document-failure.ts'
import { fieldParsingException, typedParameters, type ParameterSpec } from './field-parameters.ts'
import { parseNumberToken, valuePreview } from './number-field.ts'
import { previewOf } from './flattened-field.ts'
import { javaToString } from './mapping-parser.ts'

export const AGGREGATE_METRIC_DOUBLE = 'aggregate_metric_double'

/** AggregateDoubleMetricFieldMapper.Metric, in its declaration (EnumSet) order. */
export const METRICS = ['min', 'max', 'sum', 'value_count'] as const
export type Metric = (typeof METRICS)[number]

const PARAMETERS: ReadonlyMap<string, ParameterSpec> = new Map<string, ParameterSpec>([
  ['ignore_malformed', { kind: 'boolean', default: false }],
  ['metrics', { kind: 'value' }],
  ['default_metric', { kind: 'value' }],
  ['meta', { kind: 'value', shown: {} }],
  ['time_series_metric', { kind: 'unmodelled' }],
])

/** The NumberFieldMapper each metric's values are kept with: value_count an integer, the others doubles. */
const METRIC_MAPPINGS: Readonly<Record<Metric, FieldMapping>> = {
  min: { type: 'double' },
  max: { type: 'double' },
  sum: { type: 'double' },
  value_count: { type: 'integer' },
}

/** The index path a metric's values are kept under. */
export function metricField(path: string, metric: Metric): string {
  return `${path}#${metric}`
}

/** The number field type the field's queries and sort delegate to: its default metric's. */
export function defaultMetricMapping(field: FieldMapping): FieldMapping {
  return METRIC_MAPPINGS[field.default_metric as Metric]
}

/** An aggregate_metric_double field's mapping as parsed from `definition` (its own keys), defaults left out. */
export function aggregateMetricDoubleMapping(
  name: string,
  definition: Record<string, unknown>,
): FieldMapping {
  const mapping = typedParameters(name, AGGREGATE_METRIC_DOUBLE, definition, PARAMETERS)
  const given = mapping.metrics
  const metrics = given === undefined ? [] : parseMetricNames(name, given)
  if (metrics.length === 0) throw invalid(`Property [metrics] is required for field [${name}].`)
  mapping.metrics = metrics
  let defaultMetric: string
  if (mapping.default_metric !== undefined) {
    defaultMetric = parseMetric(name, 'default_metric', mapping.default_metric)
  } else {
    if (metrics.length > 1) throw invalid(`Property [default_metric] is required for field [${name}].`)
    defaultMetric = metrics[0]!
  }
  if (!metrics.includes(defaultMetric as Metric))
    throw invalid(`Default metric [${defaultMetric}] is not defined in the metrics of field [${name}].`)
  // printed after `metrics`, before `meta` (the Builder's order); multi-fields and copy_to are dropped (the mapper is
  // built with MultiFields.empty() and CopyTo.empty())
  const { meta } = mapping
  delete mapping.meta
  delete mapping.fields
  delete mapping.copy_to
  mapping.default_metric = defaultMetric
  if (meta !== undefined) mapping.meta = meta
  return mapping as unknown as FieldMapping
}

/** The `metrics` list as an EnumSet; a string fails as the parameter's cast to a List does. */
function parseMetricNames(name: string, given: unknown): Metric[] {
  if (typeof given === 'string') {
    const reason =
      'class java.lang.String cannot be cast to class java.util.List (java.lang.String and java.util.List are in ' +
      "module java.base of loader 'bootstrap')"
    const cause = new EsException({ type: 'class_cast_exception', reason, status: 500, rootCause: false })
    throw failedToParseMappingFrom(
      mapperParsingException(`Error parsing [metrics] on field [${name}]: ${reason}`, cause),
    )
  }
  if (!Array.isArray(given))
    throw illegalArgumentException(
      `[metrics] of field [${name}] other than a list is not available in the playground`,
    )
  const set = new Set((given as XContentValue[]).map((value) => parseMetric(name, 'metrics', value)))
  return METRICS.filter((metric) => set.has(metric))
}

/** Metric.valueOf of a parameter's value, refused as the parameter's parser refuses it. */
function parseMetric(name: string, parameter: string, value: unknown): Metric {
  const text = javaToString(value as XContentValue)
  if ((METRICS as readonly string[]).includes(text)) return text as Metric
  const reason = `Metric [${text}] is not supported.`
  const cause = illegalArgumentException(reason, noEnumConstant(text))
  throw failedToParseMappingFrom(
    mapperParsingException(`Error parsing [${parameter}] on field [${name}]: ${reason}`, cause),
  )
}

function noEnumConstant(text: string): EsException {
  return illegalArgumentException(
    `No enum constant org.elasticsearch.xpack.aggregatemetric.mapper.AggregateDoubleMetricFieldMapper.Metric.${text}`,
  )
}

/** FieldMapper.notInMultiFields: an aggregate_metric_double cannot be a multi-field. */
export function aggregateMetricInMultiField(name: string): never {
  throw failedToParseMapping(
    `Field [${name}] of type [${AGGREGATE_METRIC_DOUBLE}] can't be used in multifields`,
  )
}

/** A Builder's IllegalArgumentException, wrapped as MapperService wraps a mapping's failures. */
function invalid(message: string): EsException {
  return failedToParseMappingFrom(illegalArgumentException(message))
}

/** One document value: the default metric's value and every metric's. */
export interface AggregateMetricValue {
  readonly value: number
  readonly metrics: ReadonlyArray<{
    readonly field: string
    readonly mapping: FieldMapping
    readonly value: number
  }>
}

/**
 * The metrics of field `path`'s object (see the header), null for null, or the document's failure; `ignoreMalformed`
 * (or a document parsed again after its primary took it, `id` null) drops a failing value instead: `dropped`.
 */
export function aggregateMetricValue(
  path: string,
  field: FieldMapping,
  value: XContentValue,
  id: string | null,
  ignoreMalformed: boolean,
  hasValue: boolean,
): AggregateMetricValue | null | 'dropped' {
  if (value === null) return null
  try {
    // without an id the failure is dropped below, never shown
    return readMetrics(path, field, value, id ?? '', hasValue)
  } catch (error) {
    if (!(error instanceof EsException) || (id !== null && !ignoreMalformed)) throw error
    return 'dropped'
  }
}

function readMetrics(
  path: string,
  field: FieldMapping,
  value: XContentValue,
  id: string,
  hasValue: boolean,
): AggregateMetricValue {
  const failure = (cause: EsException, preview: string, part: TokenPart) =>
    fieldParsingException(path, AGGREGATE_METRIC_DOUBLE, preview, id, cause, part)
  if (!(value instanceof Map))
    throw failure(unexpectedToken('START_OBJECT', value), previewOf(value), 'start')
  const mapped = (field.metrics ?? []) as readonly Metric[]
  const parsed = new Map<Metric, number>()
  for (const [key, element] of value) {
    try {
      if (!(METRICS as readonly string[]).includes(key)) throw failure(noEnumConstant(key), 'null', 'name')
      const metric = key as Metric
      if (!mapped.includes(metric)) {
        const reason = `Aggregate metric [${metric}] does not exist in the mapping of field [${path}]`
        throw failure(illegalArgumentException(reason), 'null', 'name')
      }
      if (!(element instanceof XNumber)) {
        const part = element instanceof Map || Array.isArray(element) ? 'end' : 'start'
        throw failure(unexpectedToken('VALUE_NUMBER', element), previewOf(element), part)
      }
      parsed.set(
        metric,
        metricValue(metric, element, (cause) => failure(cause, valuePreview(element), 'start')),
      )
    } catch (error) {
      throw failedIn(error, key)
    }
  }
  const atEnd = (reason: string) => failure(illegalArgumentException(reason), 'null', 'end')
  const min = parsed.get('min')
  const max = parsed.get('max')
  if (min !== undefined && max !== undefined && max < min)
    throw atEnd(`Aggregate metric field [${path}] max value cannot be smaller than min value`)
  if ((parsed.get('value_count') ?? 0) < 0)
    throw atEnd(`Aggregate metric [value_count] of field [${path}] cannot be a negative number`)
  if (parsed.size !== mapped.length)
    throw atEnd(`Aggregate metric field [${path}] must contain all metrics [${mapped.join(', ')}]`)
  if (hasValue)
    throw atEnd(
      `Field [${path}] of type [${AGGREGATE_METRIC_DOUBLE}] does not support indexing multiple values for the same ` +
        'field in the same document',
    )
  return {
    value: parsed.get(field.default_metric as Metric)!,
    metrics: mapped.map((metric) => ({
      field: metricField(path, metric),
      mapping: METRIC_MAPPINGS[metric],
      value: parsed.get(metric)!,
    })),
  }
}

/** The metric's NumberFieldMapper.value of a number; its IllegalArgumentException wrapped as parseCreateField does. */
function metricValue(metric: Metric, token: XNumber, fail: (cause: EsException) => EsException): number {
  const type = METRIC_MAPPINGS[metric].type
  try {
    return parseNumberToken(type, token, metric !== 'value_count')
  } catch (error) {
    if (!(error instanceof EsException)) throw error
    if (error.type !== 'illegal_argument_exception') throw fail(error)
    throw fail(illegalArgumentException(`failed to parse [${metric}] sub field: ${error.reason}`, error))
  }
}

/** ensureExpectedToken's ParsingException at the value. */
function unexpectedToken(expected: string, value: XContentValue): EsException {
  const reason = `Failed to parse object: expecting token of type [${expected}] but found [${valueToken(value)}]`
  return documentFailure('start', (at) => parsingException(at.line, at.col, reason))
}
