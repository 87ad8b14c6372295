/**
 * What the scalar function registry is built from: a function's arity, its argument type checks with
 * TypeResolutions' texts (`[first ]argument of [call] must be [string], found value [arg] type [integer]`;
 * the ordinal is left out for a one-argument function; a null argument passes any check) and how it
 * evaluates. Most functions are single-valued: a null argument gives null and a multi-valued one gives
 * null with the `single-value function encountered multi-value` warning.
 */
import { NUMERIC_TYPES, STRING_TYPES, valuesOf, type EsqlScalar, type EsqlValue } from './esql-values.ts'
import { EvaluationFailure, MULTI_VALUE_FAILURE } from './esql-warnings.ts'

/** An argument as the type checker sees it. */
export interface FunctionArg {
  readonly type: string
  readonly text: string
  /** Its value when it is a constant (a literal or an expression of literals). */
  readonly constant: EsqlValue | undefined
}

export interface ResolveError {
  readonly error: string
  readonly argument?: number
}

export interface FunctionContext {
  readonly now: number
}

export interface ScalarFunction {
  /** The fewest and most arguments. */
  readonly arity: readonly [number, number]
  /** The result type, or the Verifier's message (placed at argument `argument` when given, else at the call). */
  resolve(args: readonly FunctionArg[], callText: string): string | ResolveError
  /** The value for one row; throws EvaluationFailure for a null result with a warning. */
  apply(values: readonly EsqlValue[], types: readonly string[], context: FunctionContext): EsqlValue
}

/** DataType#typeName: the type as messages name it (`date` is `datetime`). */
export function typeName(type: string): string {
  return type === 'date' ? 'datetime' : type
}

const ORDINALS = ['first ', 'second ', 'third ', 'fourth ', 'fifth ']

/** An argument check: the types it takes and their name in a message. */
export interface ArgType {
  readonly accepts: (type: string) => boolean
  readonly expected: string
}

export const STRING: ArgType = { accepts: (t) => STRING_TYPES.has(t), expected: 'string' }
export const NUMERIC: ArgType = { accepts: (t) => NUMERIC_TYPES.has(t), expected: 'numeric' }
/** NumericAggregate's check: numeric but unsigned_long. */
export const NUMERIC_AGG: ArgType = {
  accepts: (t) => NUMERIC_TYPES.has(t) && t !== 'unsigned_long',
  expected: 'numeric except unsigned_long or counter types',
}
export const IP: ArgType = { accepts: (t) => t === 'ip', expected: 'ip' }
export const DOUBLE_ARG: ArgType = { accepts: (t) => t === 'double', expected: 'double' }
export const INTEGER: ArgType = { accepts: (t) => t === 'integer', expected: 'integer' }
export const WHOLE: ArgType = { accepts: (t) => t === 'integer' || t === 'long', expected: 'integer or long' }
export const DATE: ArgType = { accepts: (t) => t === 'date', expected: 'datetime' }
export const BOOLEAN: ArgType = { accepts: (t) => t === 'boolean', expected: 'boolean' }
export const ANY: ArgType = { accepts: () => true, expected: 'any' }
export const SPAN: ArgType = {
  accepts: (t) => t === 'date_period' || t === 'time_duration',
  expected: 'dateperiod or timeduration',
}

/** The first argument that fails its check, as the Verifier words it, or null. */
export function checkArgs(
  args: readonly FunctionArg[],
  checks: readonly ArgType[],
  callText: string,
): { error: string } | null {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    const check = checks[Math.min(i, checks.length - 1)]!
    if (arg.type === 'null' || check.accepts(arg.type)) continue
    const ordinal = checks.length === 1 && args.length === 1 ? '' : (ORDINALS[i] ?? '')
    return {
      error: `${ordinal}argument of [${callText}] must be [${check.expected}], found value [${arg.text}] type [${typeName(arg.type)}]`,
    }
  }
  return null
}

/**
 * A single-valued function: `result` gives the result type from the argument types, `f` the value from one
 * scalar per argument (a null argument gives null without calling it).
 */
export function single(
  arity: readonly [number, number],
  checks: readonly ArgType[],
  result: (types: readonly string[]) => string,
  f: (args: readonly EsqlScalar[], types: readonly string[], context: FunctionContext) => EsqlValue,
): ScalarFunction {
  return {
    arity,
    resolve: (args, callText) => checkArgs(args, checks, callText) ?? result(args.map((a) => a.type)),
    apply: (values, types, context) => {
      const scalars: EsqlScalar[] = []
      for (const v of values) {
        if (v === null) return null
        if (Array.isArray(v)) throw new EvaluationFailure(MULTI_VALUE_FAILURE)
        scalars.push(v as EsqlScalar)
      }
      return f(scalars, types, context)
    },
  }
}

/** A multi-value function: over all the values of its first argument (null when it has none). */
export function multi(
  result: (types: readonly string[]) => string,
  f: (values: readonly EsqlScalar[], type: string, rest: readonly EsqlValue[]) => EsqlValue,
  arity: readonly [number, number] = [1, 1],
  checks = [ANY],
): ScalarFunction {
  return {
    arity,
    resolve: (args, callText) => checkArgs(args, checks, callText) ?? result(args.map((a) => a.type)),
    apply: (values, types) => {
      const all = valuesOf(values[0] ?? null)
      return all.length === 0 ? null : f(all, types[0]!, values.slice(1))
    },
  }
}

/** TypeResolutions.isFoldable: `argument` must be a constant (TO_DATEPERIOD's, with no ordinal, names no ordinal). */
export function notConstant(arg: FunctionArg, ordinal: string, callText: string): string | null {
  return arg.constant === undefined
    ? `${ordinal}argument of [${callText}] must be a constant, received [${arg.text}]`
    : null
}

export const same = (types: readonly string[]): string => types[0]!
export const fixed = (type: string) => (): string => type

/** The wider of two numeric types (integer < long < double). */
export function widerNumeric(a: string, b: string): string {
  if (a === 'double' || b === 'double') return 'double'
  if (a === 'long' || b === 'long') return 'long'
  if (a === 'null') return b
  if (b === 'null') return a
  return 'integer'
}

/** An int result that does not fit 32 bits fails as Math.addExact does. */
export function exactInteger(n: number, type: string): number {
  if (type === 'integer' && (n > 2147483647 || n < -2147483648)) {
    throw new EvaluationFailure('java.lang.ArithmeticException: integer overflow')
  }
  if (type === 'long' && !Number.isSafeInteger(n) && Math.abs(n) >= 2 ** 63) {
    throw new EvaluationFailure('java.lang.ArithmeticException: long overflow')
  }
  return n
}
