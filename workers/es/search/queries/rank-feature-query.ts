/**
 * ES's RankFeatureQueryBuilder (`rank_feature`, modules/mapper-extras): a rank_feature field, or a feature of a
 * rank_features field named `<field>.<feature>`, scored by one of FeatureField's functions: `saturation` (the
 * default; without a pivot the index's geometric-mean estimate, computed when the query runs), `log`, `sigmoid` or
 * `linear`, with the boost as the function's weight (Lucene's FeatureQuery, rank-feature-query.ts in assembly).
 *
 * Parse errors are its ConstructingObjectParser's (named `feature`): an undeclared key `[feature] unknown field [k]`;
 * a value of the wrong kind `[feature] k doesn't support values of type: T`; a function object's own failures
 * wrapped as `[feature] failed to parse field [log]` (its unknown keys `[log] unknown field [k]`, a missing
 * parameter `Required [scaling_factor]`, a parameter that is no float); no field `Required [field]`; two functions
 * `Failed to build [feature] after last required field arrived` caused by "Can only specify one of [log],
 * [saturation], [sigmoid] and [linear]".
 * doToQuery's refusals come as `failed to create query: ...`: a field of another type, `log` on a field with a
 * negative score impact, and FeatureField's checks of the parameters (pivot and exponent > 0, scaling factor >= 1).
 * An unmapped name that is no rank_features feature matches nothing. A rank_features feature always scores with
 * a positive impact, as ES passes it. A parse-only context (no index) raises none of doToQuery's errors.
 */
import type { FeatureFunction, IndexQuery } from '../../../../engine-wasm/src/index/index.ts'
import { EsException, illegalArgumentException, xContentParseException } from '../../errors/index.ts'
import { floatValue } from '../../index/mapper/number-field.ts'
import { RANK_FEATURE_FIELD } from '../../index/mapper/rank-feature-field.ts'
import { valueToken } from '../../action/value-token.ts'
import {
  endLocationOf,
  javaFloatToString,
  tokenLocation,
  XNumber,
  type XContentObject,
} from '../../xcontent/index.ts'
import { failedToCreateQuery } from '../query-string/field-queries.ts'
import { boostOf, checkDeclaredFields, type QueryContext } from './query-parsing.ts'
import { fieldParseFailure } from './query-parse-failures.ts'

const NAME = 'feature'
const FUNCTIONS = ['log', 'saturation', 'sigmoid', 'linear'] as const
/** Each function's parameters: [name, required]. */
const PARAMETERS: Readonly<Record<(typeof FUNCTIONS)[number], ReadonlyArray<readonly [string, boolean]>>> = {
  log: [['scaling_factor', true]],
  saturation: [['pivot', false]],
  sigmoid: [
    ['pivot', true],
    ['exponent', true],
  ],
  linear: [],
}

export function rankFeatureQuery(body: XContentObject, context: QueryContext): IndexQuery {
  checkDeclaredFields(NAME, body, ['field', ...FUNCTIONS])
  const field = body.get('field')
  if (field !== undefined && typeof field !== 'string') throw unsupportedValue(NAME, body, 'field')
  const given = FUNCTIONS.filter((name) => body.has(name))
  const fns = given.map((name) => functionOf(body, name))
  if (field === undefined) throw illegalArgumentException('Required [field]')
  if (fns.length > 1) {
    throw new EsException({
      type: 'x_content_parse_exception',
      reason: `Failed to build [${NAME}] after last required field arrived`,
      status: 400,
      causedBy: illegalArgumentException(
        'Can only specify one of [log], [saturation], [sigmoid] and [linear]',
      ),
      rootCause: false,
    })
  }
  const fn = fns[0] ?? { type: 'saturation', pivot: null }
  const boost = boostOf(body)
  const mapping = context.fields.get(field)
  if (mapping?.type === 'rank_feature')
    return featureQuery(
      context,
      RANK_FEATURE_FIELD,
      field,
      fn,
      mapping.positive_score_impact !== false,
      boost,
    )
  if (mapping === undefined) {
    const dot = field.lastIndexOf('.')
    const parent = dot < 0 ? undefined : context.fields.get(field.slice(0, dot))
    if (parent?.type === 'rank_features')
      return featureQuery(context, field.slice(0, dot), field.slice(dot + 1), fn, true, boost)
    return { type: 'matchNone' }
  }
  if (context.index === undefined) return { type: 'matchNone' }
  const reason = `[rank_feature] query only works on [rank_feature] fields and features of [rank_features] fields, not [${mapping.type}]`
  throw failedToCreateQuery(context.index, 'illegal_argument_exception', reason)
}

/** ScoreFunction.toQuery: FeatureField's query for the function, after its checks. */
function featureQuery(
  context: QueryContext,
  luceneField: string,
  feature: string,
  fn: FeatureFunction,
  positiveScoreImpact: boolean,
  boost: number,
): IndexQuery {
  const refusal = context.index === undefined ? null : functionRefusal(fn, positiveScoreImpact)
  if (refusal !== null) throw failedToCreateQuery(context.index, 'illegal_argument_exception', refusal)
  return { type: 'rankFeature', luceneField, feature, fn, boost }
}

/** Log's refusal of a negative score impact, then FeatureField.newXQuery's checks of the parameters. */
function functionRefusal(fn: FeatureFunction, positiveScoreImpact: boolean): string | null {
  const positive = (value: number): boolean => value > 0 && Number.isFinite(value)
  switch (fn.type) {
    case 'log':
      if (!positiveScoreImpact)
        return 'Cannot use the [log] function with a field that has a negative score impact as it would trigger negative scores'
      return fn.scalingFactor < 1 || !Number.isFinite(fn.scalingFactor)
        ? `scalingFactor must be >= 1, got: ${javaFloatToString(fn.scalingFactor)}`
        : null
    case 'saturation':
      return fn.pivot !== null && !positive(fn.pivot)
        ? `pivot must be > 0, got: ${javaFloatToString(fn.pivot)}`
        : null
    case 'sigmoid':
      if (!positive(fn.pivot)) return `pivot must be > 0, got: ${javaFloatToString(fn.pivot)}`
      return positive(fn.exponent) ? null : `exp must be > 0, got: ${javaFloatToString(fn.exponent)}`
    case 'linear':
      return null
  }
}

/** A function's object, read by its own parser; its failures wrapped as the `feature` parser's of that field. */
function functionOf(body: XContentObject, name: (typeof FUNCTIONS)[number]): FeatureFunction {
  const options = body.get(name)
  if (!(options instanceof Map)) throw unsupportedValue(NAME, body, name)
  const declared = PARAMETERS[name]
  const values = new Map<string, number>()
  try {
    checkDeclaredFields(
      name,
      options,
      declared.map(([key]) => key),
    )
    for (const [key] of declared) if (options.has(key)) values.set(key, floatParameter(name, options, key))
  } catch (error) {
    throw fieldParseFailure(NAME, name, error)
  }
  const missing = declared.filter(([key, required]) => required && !values.has(key)).map(([key]) => key)
  if (missing.length > 0) {
    // the function's parser ends on its object's closing brace, where the `feature` parser wraps its refusal
    const end = endLocationOf(options) ?? { line: 1, col: 1 }
    const cause = illegalArgumentException(`Required [${missing.join(', ')}]`)
    throw xContentParseException(end.line, end.col, `[${NAME}] failed to parse field [${name}]`, cause)
  }
  switch (name) {
    case 'log':
      return { type: 'log', scalingFactor: values.get('scaling_factor')! }
    case 'saturation':
      return { type: 'saturation', pivot: values.get('pivot') ?? null }
    case 'sigmoid':
      return { type: 'sigmoid', pivot: values.get('pivot')!, exponent: values.get('exponent')! }
    case 'linear':
      return { type: 'linear' }
  }
}

/** declareFloat: a number, or a numeric string (Float.parseFloat, its failure wrapped at the value). */
function floatParameter(parser: string, options: XContentObject, key: string): number {
  const value = options.get(key)!
  if (!(value instanceof XNumber) && typeof value !== 'string') throw unsupportedValue(parser, options, key)
  try {
    return floatValue(value, true)
  } catch (error) {
    if (!(error instanceof EsException)) throw error
    const [line, col] = tokenLocation(options, key, 'value')
    throw xContentParseException(line, col, `[${parser}] failed to parse field [${key}]`, error)
  }
}

/** ObjectParser's refusal of a value whose token the field does not take, at the value. */
function unsupportedValue(parser: string, object: XContentObject, key: string): EsException {
  const [line, col] = tokenLocation(object, key, 'value')
  const reason = `[${parser}] ${key} doesn't support values of type: ${valueToken(object.get(key)!)}`
  return xContentParseException(line, col, reason)
}
