/**
 * ES SQL's math functions (SqlFunctionRegistry's Math group; MathProcessor, BinaryMathProcessor and
 * BinaryOptionalMathProcessor). Every argument must be numeric; a null argument gives null. Result types:
 * ABS keeps its argument's type; CEIL/CEILING and FLOOR give an integer type (the argument's when it is whole,
 * else long: DataTypeConverter.asInteger); ROUND and TRUNCATE/TRUNC keep their first argument's type (a whole
 * number rounded or cut to negative digits in long arithmetic, any other as a double: `round(|x·10^d|) / 10^d`
 * with x's sign, or `floor`/`ceil` towards zero); SIGN/SIGNUM is an integer; MOD is `%` (the arithmetic
 * operator's common type); everything else a double. DEGREES and RADIANS multiply by Java's constants;
 * RANDOM/RAND(seed) is java.util.Random(seed).nextDouble() (the statement's start seeds one without a seed).
 */
import type { ParamKind, ScalarFunction } from './scalar-function.ts'
import { commonType, isInteger } from './sql-data-types.ts'
import { sqlIllegalArgumentException } from './sql-exceptions.ts'

const double = (): string => 'double'

function unary(f: (x: number) => number): ScalarFunction {
  return {
    type: double,
    arity: [1, 1],
    params: ['numeric'],
    apply: ([x]) => (typeof x === 'number' ? f(x) : null),
  }
}

function binary(f: (x: number, y: number) => number): ScalarFunction {
  return {
    type: double,
    arity: [2, 2],
    params: ['numeric', 'numeric'],
    apply: ([x, y]) => (typeof x === 'number' && typeof y === 'number' ? f(x, y) : null),
  }
}

function constant(value: number): ScalarFunction {
  return { type: double, arity: [0, 0], params: [], apply: () => value }
}

/** Ceil and Floor: DataTypeConverter.asInteger of the argument's type. */
function toWhole(f: (x: number) => number): ScalarFunction {
  return {
    type: ([t = 'null']) => (t === 'null' || isInteger(t) ? t : 'long'),
    arity: [1, 1],
    params: ['numeric'],
    apply: ([x]) => (typeof x === 'number' ? f(x) : null),
  }
}

/** ROUND and TRUNCATE: BinaryOptionalMathOperation over a whole or a rational first argument. */
function optionalDigits(
  whole: (x: number, divider: number) => number,
  rational: (x: number, digits: number) => number,
): ScalarFunction {
  const params: readonly ParamKind[] = ['numeric', 'integer']
  return {
    type: ([t = 'null']) => t,
    arity: [1, 2],
    params,
    apply: ([x, d], _env, [type = 'null'] = []) => {
      if (typeof x !== 'number') return null
      const digits = typeof d === 'number' ? d : 0
      if (['integer', 'long'].includes(type)) {
        if (x === 0 || digits >= 0) return x
        if (Math.trunc(Math.log10(Math.abs(x)) + 1) <= -digits) return 0
        return whole(x, 10 ** -digits)
      }
      return rational(x, digits)
    },
  }
}

const ROUND = optionalDigits(
  (x, divider) => {
    const remainder = x % divider
    let middle = Math.trunc(x / divider)
    if (remainder >= 5 * (divider / 10)) middle++
    else if (remainder <= -5 * (divider / 10)) middle--
    return middle * divider
  },
  (x, digits) => {
    const tenAtScale = 10 ** digits
    const middle = x * tenAtScale
    const sign = middle > 0 ? 1 : -1
    return (Math.round(Math.abs(middle)) / tenAtScale) * sign
  },
)

const TRUNCATE = optionalDigits(
  (x, divider) => Math.trunc(x / divider) * divider,
  (x, digits) => {
    const tenAtScale = 10 ** digits
    const g = x * tenAtScale
    return (x < 0 ? Math.ceil(g) : Math.floor(g)) / tenAtScale
  },
)

const MASK = (1n << 48n) - 1n
const MULTIPLIER = 0x5deece66dn

/** new java.util.Random(seed).nextDouble(). */
export function javaRandomDouble(seed: bigint): number {
  let state = (seed ^ MULTIPLIER) & MASK
  const next = (bits: number): number => {
    state = (state * MULTIPLIER + 0xbn) & MASK
    return Number(state >> BigInt(48 - bits))
  }
  const high = next(26)
  const low = next(27)
  return (high * 2 ** 27 + low) * 2 ** -53
}

const RANDOM: ScalarFunction = {
  type: double,
  arity: [0, 1],
  params: ['numeric'],
  apply: ([seed], env) =>
    javaRandomDouble(BigInt.asIntN(64, BigInt(Math.trunc(typeof seed === 'number' ? seed : env.now)))),
}

const ABS: ScalarFunction = {
  type: ([t = 'null']) => t,
  arity: [1, 1],
  params: ['numeric'],
  apply: ([x]) => {
    if (typeof x !== 'number') return null
    if (x === -9223372036854775808)
      throw sqlIllegalArgumentException(`[${x}] cannot be negated since the result is outside the range`)
    return Math.abs(x)
  },
}

const SIGN: ScalarFunction = {
  type: () => 'integer',
  arity: [1, 1],
  params: ['numeric'],
  apply: ([x]) => (typeof x === 'number' ? Math.sign(x) || 0 : null),
}

/** MOD(a, b): the `%` operator as a function (Java's remainder; an integer one by zero is null). */
const MOD: ScalarFunction = {
  type: ([a = 'null', b = 'null']) => commonType(a, b),
  arity: [2, 2],
  params: ['numeric', 'numeric'],
  apply: ([a, b]) => (typeof a === 'number' && typeof b === 'number' ? a % b : null),
}

const CEIL = toWhole(Math.ceil)
const SIGNUM = SIGN

/** The Math group of SqlFunctionRegistry, in its order. */
export const MATH_FUNCTIONS: readonly (readonly [string, ScalarFunction])[] = [
  ['ABS', ABS],
  ['ACOS', unary(Math.acos)],
  ['ASIN', unary(Math.asin)],
  ['ATAN', unary(Math.atan)],
  ['ATAN2', binary(Math.atan2)],
  ['CBRT', unary(Math.cbrt)],
  ['CEIL', CEIL],
  ['CEILING', CEIL],
  ['COS', unary(Math.cos)],
  ['COSH', unary(Math.cosh)],
  ['COT', unary((x) => 1 / Math.tan(x))],
  ['DEGREES', unary((x) => x * 57.29577951308232)],
  ['E', constant(Math.E)],
  ['EXP', unary(Math.exp)],
  ['EXPM1', unary(Math.expm1)],
  ['FLOOR', toWhole(Math.floor)],
  ['LOG', unary(Math.log)],
  ['LOG10', unary(Math.log10)],
  ['MOD', MOD],
  ['PI', constant(Math.PI)],
  ['POWER', binary(Math.pow)],
  ['RADIANS', unary((x) => x * 0.017453292519943295)],
  ['RANDOM', RANDOM],
  ['RAND', RANDOM],
  ['ROUND', ROUND],
  ['SIGN', SIGN],
  ['SIGNUM', SIGNUM],
  ['SIN', unary(Math.sin)],
  ['SINH', unary(Math.sinh)],
  ['SQRT', unary(Math.sqrt)],
  ['TAN', unary(Math.tan)],
  ['TRUNCATE', TRUNCATE],
  ['TRUNC', TRUNCATE],
]
