/**
 * MultiValuesSourceFieldConfig: one named values source of an aggregation that reads several (weighted_avg's
 * `value` and `weight`, top_metrics' `metrics`, multi_terms' `terms`), parsed by its ObjectParser (`field_config`):
 * `field`, `missing` and, where the aggregation allows it, `script`, `time_zone`, `filter` (a query, parsed with the
 * request through the aggregation's checkQueries), `value_type` and `format` (parserBuilder's scriptable,
 * timezoneAware, filtered and heterogeneous flags); Builder.build's checks that exactly one of
 * `field` and `script` is set. A failure inside the object is the outer parser's
 * "[<type>] failed to parse field [<key>]" with the cause, at the cause's location, or at the object's closing
 * brace for Builder.build's refusal once the object is read.
 */
import { EsException, illegalArgumentException, xContentParseException } from '../../errors/index.ts'
import { XNumber, endLocationOf, type XContentObject, type XContentValue } from '../../xcontent/index.ts'
import { AggregationParams, failureLocation } from './aggregation-params.ts'
import type { ValuesSourceSpec } from './values-source.ts'
import type { ScriptValuesType } from './script-values.ts'

export interface FieldConfig {
  readonly source: ValuesSourceSpec
  readonly missing: XContentValue | undefined
  /** `time_zone` (timezoneAware parsers only): a zone id, or a number of hours. */
  readonly timeZone: string | number | null
  /** `format` (heterogeneous parsers only). */
  readonly format: string | null
  /** `filter` (filtered parsers only): the Query DSL object that limits the documents read. */
  readonly filter: XContentValue | null
}

/** The parserBuilder flags: `script`; `time_zone`; `filter`; `value_type` and `format` (heterogeneous). */
export interface FieldConfigParser {
  readonly scriptable: boolean
  readonly timezoneAware?: boolean
  readonly filtered?: boolean
  readonly heterogeneous?: boolean
  /** The values source type a script alone reads (the aggregation's default: NUMERIC unless it says otherwise). */
  readonly scriptDefault?: ScriptValuesType
}

/** Parses `body` (the value under `key`) as a field config of aggregation `type`. */
export function parseFieldConfig(
  type: string,
  key: string,
  body: XContentObject,
  parser: FieldConfigParser,
): FieldConfig {
  try {
    const params = new AggregationParams('field_config', body, [
      'field',
      'missing',
      ...(parser.scriptable ? ['script'] : []),
      ...(parser.timezoneAware === true ? ['time_zone'] : []),
      ...(parser.filtered === true ? ['filter'] : []),
      ...(parser.heterogeneous === true ? ['value_type', 'format'] : []),
    ])
    const field = params.string('field')
    const hasField = field !== null && field !== ''
    if (hasField === params.has('script')) {
      throw illegalArgumentException(
        `[field] and [script] cannot both be ${hasField ? 'configured' : 'null'}.  Please specify one or the other.`,
      )
    }
    const zoneParam = params.raw('time_zone')
    return {
      source: params.valuesSource(parser.scriptDefault ?? 'double'),
      missing: params.raw('missing'),
      timeZone: zoneParam instanceof XNumber ? zoneParam.value : params.string('time_zone'),
      format: params.string('format'),
      filter: params.object('filter'),
    }
  } catch (cause) {
    if (!(cause instanceof EsException)) throw cause
    const end = endLocationOf(body)
    const [line, col] = failureLocation(cause, end === null ? [1, 1] : [end.line, end.col])
    throw xContentParseException(line, col, `[${type}] failed to parse field [${key}]`, cause)
  }
}
