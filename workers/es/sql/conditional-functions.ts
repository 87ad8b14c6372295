/**
 * ES SQL's conditional functions (SqlFunctionRegistry's Conditional group; CASE is an expression of its own,
 * sql-ast.ts). COALESCE, GREATEST and LEAST take any number of arguments, IFNULL/ISNULL/NVL and NULLIF two,
 * IIF(condition, then [, else]) two or three. Their type is the common type of their arguments (NULLIF: its
 * first argument's); every argument after the first non-null-typed one must be compatible with it
 * (ConditionalFunction.resolveType: `2nd argument of [F(…)] must be [integer], found value ['4'] type
 * [keyword]`); IIF's condition must be a boolean and its else compatible with its then. GREATEST and LEAST
 * skip nulls; NULLIF is null when both are equal.
 */
import type { CallInfo, ScalarFunction } from './scalar-function.ts'
import { areCompatible, commonType } from './sql-data-types.ts'
import { compareValues, type SqlValue } from './sql-values.ts'

/** ql StringUtils.ordinal: 1st, 2nd, 3rd, 4th, 11th… */
function ordinal(i: number): string {
  if ([11, 12, 13].includes(i % 100)) return `${i}th`
  return `${i}${['th', 'st', 'nd', 'rd'][i % 10] ?? 'th'}`
}

const common = (types: readonly string[]): string => types.reduce(commonType, 'null')

/** ConditionalFunction.resolveType. */
function compatibleArguments(call: CallInfo): string | null {
  let expected = 'null'
  for (const [i, arg] of call.args.entries()) {
    if (expected === 'null') {
      if (arg.type !== 'null') expected = arg.type
    } else if (!areCompatible(expected, arg.type)) {
      return (
        `${ordinal(i + 1)} argument of [${call.text}] must be [${expected}], found value [${arg.name}] ` +
        `type [${arg.type}]`
      )
    }
  }
  return null
}

function extreme(sign: number) {
  return (args: readonly SqlValue[]): SqlValue => {
    let best: SqlValue = null
    for (const v of args) if (v !== null && (best === null || sign * compareValues(v, best) > 0)) best = v
    return best
  }
}

function variadic(apply: (args: readonly SqlValue[]) => SqlValue): ScalarFunction {
  return { type: common, arity: [0, Infinity], params: ['any'], verify: compatibleArguments, apply }
}

const IFNULL: ScalarFunction = {
  type: common,
  arity: [2, 2],
  params: ['any'],
  verify: compatibleArguments,
  apply: ([a = null, b = null]) => (a !== null ? a : b),
}

const NULLIF: ScalarFunction = {
  type: ([first = 'null']) => first,
  arity: [2, 2],
  params: ['any'],
  verify: compatibleArguments,
  apply: ([a = null, b = null]) => (a !== null && b !== null && compareValues(a, b) === 0 ? null : a),
}

/** Iif.resolveType. */
function iifCheck(call: CallInfo): string | null {
  const [condition, then, otherwise] = call.args
  if (condition !== undefined && condition.type !== 'boolean')
    return (
      `first argument of [${call.text}] must be [boolean], found value [${condition.name}] ` +
      `type [${condition.type}]`
    )
  if (then !== undefined && otherwise !== undefined && !areCompatible(then.type, otherwise.type))
    return (
      `third argument of [${call.text}] must be [${then.type}], found value [${otherwise.name}] ` +
      `type [${otherwise.type}]`
    )
  return null
}

const IIF: ScalarFunction = {
  type: ([, then = 'null', otherwise = 'null']) => commonType(then, otherwise),
  arity: [2, 3],
  params: ['any'],
  verify: iifCheck,
  apply: ([condition, then = null, otherwise = null]) => (condition === true ? then : otherwise),
}

/** The Conditional group of SqlFunctionRegistry after CASE, in its order. */
export const CONDITIONAL_FUNCTIONS: readonly (readonly [string, ScalarFunction])[] = [
  ['COALESCE', variadic((args) => args.find((v) => v !== null) ?? null)],
  ['IIF', IIF],
  ['IFNULL', IFNULL],
  ['ISNULL', IFNULL],
  ['NVL', IFNULL],
  ['NULLIF', NULLIF],
  ['GREATEST', variadic(extreme(1))],
  ['LEAST', variadic(extreme(-1))],
]
