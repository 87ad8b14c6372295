/**
 * MultiValuesSourceFieldConfig: one named values source of an aggregation that reads several (weighted_avg's
 * `value` and `weight`, top_metrics' `metrics`, multi_terms' `terms`), parsed by its ObjectParser (`field_config`):
 * `field`, `missing` and, where the aggregation allows it, `script`; Builder.build's checks that exactly one of
 * `field` and `script` is set. A failure inside the object is the outer parser's
 * "[<type>] failed to parse field [<key>]" with the cause.
 */
import { EsException, illegalArgumentException, xContentParseException } from '../../errors/index.ts'
import type { XContentObject, XContentValue } from '../../xcontent/index.ts'
import { AggregationParams } from './aggregation-params.ts'
import type { ValuesSourceSpec } from './values-source.ts'

export interface FieldConfig {
  readonly source: ValuesSourceSpec
  readonly missing: XContentValue | undefined
}

/** Parses `body` (the value under `key`) as a field config of aggregation `type`. */
export function parseFieldConfig(
  type: string,
  key: string,
  body: XContentObject,
  scriptable: boolean,
): FieldConfig {
  try {
    const params = new AggregationParams(
      'field_config',
      body,
      scriptable ? ['field', 'missing', 'script'] : ['field', 'missing'],
    )
    const field = params.string('field')
    const hasField = field !== null && field !== ''
    if (hasField === params.has('script')) {
      throw illegalArgumentException(
        `[field] and [script] cannot both be ${hasField ? 'configured' : 'null'}.  Please specify one or the other.`,
      )
    }
    // a script alone reads numbers, as the aggregations taking field configs default to (CoreValuesSourceType.NUMERIC)
    return { source: params.valuesSource('double'), missing: params.raw('missing') }
  } catch (cause) {
    if (!(cause instanceof EsException)) throw cause
    throw xContentParseException(1, 1, `[${type}] failed to parse field [${key}]`, cause)
  }
}
