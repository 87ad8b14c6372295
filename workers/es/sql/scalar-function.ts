/**
 * What one scalar function of this playground's SQL is (a FunctionDefinition of SqlFunctionRegistry with its
 * function class's resolveType, dataType and processor): how many arguments it takes (FunctionRegistry's
 * builder checks them, `error building [F]: expects …`), the argument kinds its resolveType checks, any
 * further check, its result type, and how it computes a row's value.
 */
import type { ZoneId } from '../common/time/zone-id.ts'
import type { SqlValue } from './sql-values.ts'

export interface EvalEnv {
  /** The statement's start, epoch millis (NOW() and CURRENT_TIMESTAMP). */
  readonly now: number
  /** The request's time_zone. */
  readonly zone: ZoneId
}

/**
 * The kind of value an argument must have (ql TypeResolutions and SqlTypeResolutions), named as the message
 * names it: `numeric`, `integer`, `string`, `boolean`, `date or datetime`, `date, time or datetime`, `date, datetime or an
 * interval data type`; `any` is not checked.
 */
export type ParamKind =
  | 'numeric'
  | 'integer'
  | 'string'
  | 'boolean'
  | 'date or datetime'
  | 'date, time or datetime'
  | 'date, datetime or an interval data type'
  | 'any'

/** An argument as the Verifier sees it: its type, its name in messages, and its value when it is a literal. */
export interface CallArg {
  readonly type: string
  readonly name: string
  readonly literal: SqlValue | undefined
}

export interface CallInfo {
  /** The call's text as typed. */
  readonly text: string
  readonly args: readonly CallArg[]
}

/** What the FunctionRegistry's builder and the function's resolveType check, shared by scalars and aggregates. */
export interface FunctionSignature {
  /** The result type for these argument types. */
  readonly type: (args: readonly string[]) => string
  /** How many arguments it takes: [min, max] (max Infinity for a list). */
  readonly arity: readonly [number, number]
  /** The builder's arity message when it is not the one `arity` implies (`expects three arguments`). */
  readonly arityMessage?: string
  /** The kind each argument must be, by position; the last one applies to any further arguments. */
  readonly params: readonly ParamKind[]
  /** Whether the first argument is checked without an ordinal (an aggregate's field: ParamOrdinal.DEFAULT). */
  readonly unorderedFirst?: boolean
  /** A check beyond the kinds (a unit name, compatible types): the failure message, or null. */
  readonly verify?: (call: CallInfo) => string | null
}

export interface ScalarFunction extends FunctionSignature {
  /** Whether it is a datetime field function, which EXTRACT(field FROM value) may name. */
  readonly datetimeField?: boolean
  /** The value for these argument values (`types`: the arguments' SQL types). */
  readonly apply: (args: readonly SqlValue[], env: EvalEnv, types?: readonly string[]) => SqlValue
}

/** TypeResolutions' kind failure: `[second ]argument of [F(…)] must be [numeric], found value [x] type [keyword]`. */
export function kindFailure(ordinal: string, call: string, arg: CallArg, kind: string): string {
  return `${ordinal}argument of [${call}] must be [${kind}], found value [${arg.name}] type [${arg.type}]`
}
