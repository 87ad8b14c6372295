/**
 * The function_score query (ES 8's FunctionScoreQueryBuilder.fromXContent and doToQuery) with its score function
 * builders: weight, field_value_factor (FieldValueFactorFunctionBuilder), random_score (random-score.ts),
 * script_score (script-queries.ts: its values computed per document, then run as filtered constants) and the
 * gauss / exp / linear decays on numeric and date fields (DecayFunctionBuilder.parseNumberVariable / parseDateVariable: date origin with date
 * math, scale and offset as time values). A function whose filter is match_all has no filter (doToQuery).
 * Errors that need the mapping (ES's doToFunction, on the shard) are raised only in a context that names its
 * index: the coordinating node's parse-only validation has no mapping.
 */
import { concreteFieldName } from '../search-fields.ts'
import {
  FIELD_VALUE_MODIFIERS,
  type CombineFunction,
  type FunctionScoreMode,
  type IndexQuery,
  type IndexScoreFunction,
} from '../../../../engine-wasm/src/index/index.ts'
import { DateFormatter, parseDateMath, parseTimeValue, timeValueMillis } from '../../common/time/index.ts'
import { EsException, illegalArgumentException } from '../../errors/index.ts'
import { DEFAULT_DATE_FORMAT } from '../../index/mapper/doc-values.ts'
import { NUMERIC_TYPES } from '../../index/mapper/mapping.ts'
import { XNumber, type XContentObject, type XContentValue } from '../../xcontent/index.ts'
import { parseInnerQuery } from '../query-builder.ts'
import { boostOf, numberOption, parsingError, scalarText, type QueryContext } from './query-parsing.ts'
import { randomScoreFunction } from './random-score.ts'
import { expandScriptFunction, scriptScoreFunction, type ScriptScoreFunction } from './script-queries.ts'

const NAME = 'function_score'
const SCORE_MODES: readonly FunctionScoreMode[] = ['multiply', 'sum', 'avg', 'first', 'max', 'min']
const BOOST_MODES: readonly CombineFunction[] = ['multiply', 'replace', 'sum', 'avg', 'max', 'min']
const MULTI_VALUE_MODES = ['min', 'max', 'avg', 'sum'] as const
const DECAYS = ['gauss', 'exp', 'linear'] as const
const MISPLACED = 'you can either define [functions] array or a single function, not both. '

type Fn = IndexScoreFunction['fn']

function parseException(reason: string): EsException {
  return new EsException({ type: 'parse_exception', reason, status: 400 })
}

function enumValue<T extends string>(values: readonly T[], text: string, enumClass: string): T {
  const value = values.find((v) => v === text.toLowerCase())
  if (value === undefined) {
    throw illegalArgumentException(`No enum constant ${enumClass}.${text.toUpperCase()}`)
  }
  return value
}

function doubleOf(value: XContentValue | undefined): number | null {
  if (value instanceof XNumber) return value.value
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value)
  return null
}

function fieldValueFactor(body: XContentValue, context: QueryContext): Fn {
  if (!(body instanceof Map)) throw parsingError(`[field_value_factor] query malformed, no start_object`)
  const field = scalarText(body.get('field'))
  if (field === null) throw parsingError("[field_value_factor] required field 'field' missing")
  const missing = doubleOf(body.get('missing'))
  if (context.index !== undefined && !context.fields.has(field) && missing === null) {
    throw new EsException({
      type: 'exception',
      reason: `Unable to find a field mapper for field [${field}]. No 'missing' value defined.`,
      status: 500,
    })
  }
  const modifierText = scalarText(body.get('modifier')) ?? 'none'
  const modifier = enumValue(
    FIELD_VALUE_MODIFIERS,
    modifierText,
    'org.elasticsearch.common.lucene.search.function.FieldValueFactorFunction.Modifier',
  )
  return {
    type: 'fieldValueFactor',
    ...fieldAndAlias(context, field),
    factor: Math.fround(numberOption(body, 'factor', 1)),
    modifier,
    missing,
  }
}

/**
 * The field a function reads (a field alias's target) and, for an alias, the name the request gave, which
 * FieldValueFactorFunction and DecayFunctionBuilder keep and explain with.
 */
function fieldAndAlias(context: QueryContext, name: string): { field: string; alias?: string } {
  const field = concreteFieldName(context.fields, name)
  return field === name ? { field } : { field, alias: name }
}

function decayFunction(shape: (typeof DECAYS)[number], body: XContentValue, context: QueryContext): Fn {
  if (!(body instanceof Map)) throw parsingError(`[${shape}] query malformed, no start_object`)
  let mode: (typeof MULTI_VALUE_MODES)[number] = 'min'
  let variable: [string, XContentObject] | null = null
  for (const [key, value] of body) {
    if (key === 'multi_value_mode')
      mode = enumValue(MULTI_VALUE_MODES, scalarText(value) ?? '', 'org.elasticsearch.search.MultiValueMode')
    else if (value instanceof Map) variable = [key, value]
    else throw parsingError(`malformed score function score parameters.`)
  }
  if (variable === null) throw parsingError(`malformed score function score parameters.`)
  const [field, options] = variable
  const mapping = context.fields.get(field)
  if (context.index === undefined) return { type: 'weight' }
  if (mapping === undefined) throw parsingError(`unknown field [${field}]`)
  for (const key of options.keys()) {
    if (!['origin', 'scale', 'offset', 'decay'].includes(key))
      throw parseException(`parameter [${key}] not supported!`)
  }
  const decay = doubleOf(options.get('decay')) ?? 0.5
  let origin: number
  let scale: number
  let offset: number
  if (mapping.type === 'date') {
    const scaleText = scalarText(options.get('scale'))
    const originText = scalarText(options.get('origin'))
    const formatter = DateFormatter.forPattern(mapping.format ?? DEFAULT_DATE_FORMAT)
    const now = context.nowMillis ?? 0
    origin = originText === null ? now : parseDateMath(originText, now, false, null, formatter)
    if (scaleText === null) throw parseException('[scale] must be set for date fields.')
    scale = timeValueMillis(parseTimeValue(scaleText, 'DecayFunctionParser.scale'))
    offset = timeValueMillis(
      parseTimeValue(scalarText(options.get('offset')) ?? '0d', 'DecayFunctionParser.offset'),
    )
  } else if (NUMERIC_TYPES.has(mapping.type)) {
    const scaleValue = doubleOf(options.get('scale'))
    const originValue = doubleOf(options.get('origin'))
    if (scaleValue === null || originValue === null) {
      throw parseException('both [scale] and [origin] must be set for numeric fields.')
    }
    ;[origin, scale, offset] = [originValue, scaleValue, doubleOf(options.get('offset')) ?? 0]
  } else {
    throw parsingError(`field [${field}] is of type [${mapping.type}], but only numeric types are supported.`)
  }
  if (scale <= 0) throw illegalArgumentException(`${NAME} : scale must be > 0.0.`)
  if (decay <= 0 || decay >= 1) throw illegalArgumentException(`${NAME} : decay must be in the range [0..1].`)
  if (offset < 0) throw illegalArgumentException(`${NAME} : offset must be > 0.0`)
  return {
    type: 'decay',
    shape,
    ...fieldAndAlias(context, field),
    origin,
    scale,
    offset,
    decay,
    mode,
  }
}

/** A function as parsed: a script's values wait for the function_score's query (script-queries.ts). */
type ParsedFunction = Omit<IndexScoreFunction, 'fn'> & { fn: Fn | ScriptScoreFunction }

/** parser.namedObject(ScoreFunctionBuilder.class, name): the function named `name`. */
function scoreFunction(name: string, body: XContentValue, context: QueryContext): Fn | ScriptScoreFunction {
  if (name === 'script_score') return scriptScoreFunction(body)
  if (name === 'field_value_factor') return fieldValueFactor(body, context)
  if (name === 'random_score') return randomScoreFunction(body, context)
  const shape = DECAYS.find((d) => d === name)
  if (shape !== undefined) return decayFunction(shape, body, context)
  throw new EsException({
    type: 'named_object_not_found_exception',
    reason: `[1:1] unknown field [${name}]`,
    status: 400,
  })
}

/** One entry of the functions array (parseFiltersAndFunctions). */
function functionEntry(entry: XContentValue, context: QueryContext): ParsedFunction {
  if (!(entry instanceof Map)) {
    throw parsingError(
      `failed to parse [${NAME}]. malformed query, expected a [START_OBJECT] while parsing functions but got a [VALUE] instead`,
    )
  }
  let filter: IndexQuery | null = null
  let fn: { name: string; fn: Fn | ScriptScoreFunction } | null = null
  let weight: number | null = null
  for (const [key, value] of entry) {
    if (value instanceof Map) {
      if (key === 'filter') {
        filter = parseInnerQuery(value, context)
        continue
      }
      if (fn !== null) {
        throw parsingError(
          `failed to parse function_score functions. already found [${fn.name}], now encountering [${key}].`,
        )
      }
      fn = { name: key, fn: scoreFunction(key, value, context) }
    } else if (key === 'weight') {
      weight = Math.fround(doubleOf(value) ?? 1)
    } else {
      throw parsingError(`failed to parse [${NAME}] query. field [${key}] is not supported`)
    }
  }
  if (fn === null && weight === null) {
    throw parseException(`failed to parse [${NAME}] query. an entry in functions list is missing a function.`)
  }
  return { filter: filter?.type === 'matchAll' ? null : filter, weight, fn: fn?.fn ?? { type: 'weight' } }
}

export function functionScoreQuery(body: XContentObject, context: QueryContext): IndexQuery {
  let query: IndexQuery = { type: 'matchAll', boost: 1 }
  const parsed: ParsedFunction[] = []
  let single: string | null = null
  let array = false
  let scoreMode: FunctionScoreMode = 'multiply'
  let boostMode: CombineFunction | null = null
  let maxBoost = Math.fround(3.4028234663852886e38)
  let minScore: number | null = null
  const misplaced = (error: string): EsException =>
    parsingError(`failed to parse [${NAME}] query. [${MISPLACED}${error}]`)
  for (const [key, value] of body) {
    if (key === 'query' && value instanceof Map) query = parseInnerQuery(value, context)
    else if (key === 'functions' && Array.isArray(value)) {
      if (single !== null) throw misplaced(`already found [${single}], now encountering [functions].`)
      array = true
      for (const entry of value) parsed.push(functionEntry(entry, context))
    } else if (Array.isArray(value)) {
      throw parsingError(`failed to parse [${NAME}] query. array [${key}] is not supported`)
    } else if (key === 'score_mode') {
      scoreMode = enumValue(
        SCORE_MODES,
        scalarText(value) ?? '',
        'org.elasticsearch.common.lucene.search.function.FunctionScoreQuery.ScoreMode',
      )
    } else if (key === 'boost_mode') {
      boostMode = enumValue(
        BOOST_MODES,
        scalarText(value) ?? '',
        'org.elasticsearch.common.lucene.search.function.CombineFunction',
      )
    } else if (key === 'max_boost') maxBoost = Math.fround(doubleOf(value) ?? maxBoost)
    else if (key === 'min_score') minScore = Math.fround(doubleOf(value) ?? 0)
    else if (key !== 'boost' && key !== '_name') {
      if (single !== null) {
        throw parsingError(
          `failed to parse [${NAME}] query. already found function [${single}], now encountering [${key}]. use [functions] array if you want to define several functions.`,
        )
      }
      if (array) throw misplaced(`already found [functions] array, now encountering [${key}].`)
      single = key
      if (value instanceof Map)
        parsed.push({ filter: null, weight: null, fn: scoreFunction(key, value, context) })
      else if (key === 'weight')
        parsed.push({ filter: null, weight: Math.fround(doubleOf(value) ?? 1), fn: { type: 'weight' } })
      else throw parsingError(`failed to parse [${NAME}] query. field [${key}] is not supported`)
    }
  }
  const functions = parsed.flatMap(({ filter, weight, fn }): IndexScoreFunction[] =>
    fn.type === 'script'
      ? expandScriptFunction(fn, filter, weight, query, context)
      : [{ filter, weight, fn }],
  )
  const only = parsed.length === 1 && parsed[0]?.filter === null
  return {
    type: 'functionScore',
    query,
    functions,
    scoreMode: only ? 'first' : scoreMode,
    boostMode: parsed.length === 0 ? 'multiply' : (boostMode ?? 'multiply'),
    maxBoost,
    minScore,
    boost: boostOf(body),
  }
}
