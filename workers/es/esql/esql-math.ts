/**
 * The trigonometric, hyperbolic and logarithm functions of EsqlFunctionRegistry's math group (ACOS, ASIN, ATAN,
 * ATAN2, COS, COSH, SIN, SINH, TAN, TANH, CBRT, HYPOT, LOG, TAU): numeric arguments, a double result, single-valued
 * (esql-function-support.ts). A value outside a function's domain is null with the ArithmeticException warning its
 * evaluator throws: `Acos input out of range`, `Asin input out of range`, `cosh overflow`, `sinh overflow`,
 * `Log of non-positive number`, `Log of base 1`. LOG(value) is the natural logarithm, LOG(base, value) divides two.
 */
import { NUMERIC, fixed, single, type ScalarFunction } from './esql-function-support.ts'
import { EvaluationFailure } from './esql-warnings.ts'

const DOUBLE = fixed('double')

function arithmetic(message: string): EvaluationFailure {
  return new EvaluationFailure(`java.lang.ArithmeticException: ${message}`)
}

/** A one-argument function of a double; `check` refuses a value or a result with its warning. */
function unary(
  f: (x: number) => number,
  check?: (x: number, result: number) => string | null,
): ScalarFunction {
  return single([1, 1], [NUMERIC], DOUBLE, ([x]) => {
    const result = f(x as number)
    const failure = check?.(x as number, result) ?? null
    if (failure !== null) throw arithmetic(failure)
    return result
  })
}

const inUnitRange = (name: string) => (x: number) => (Math.abs(x) > 1 ? `${name} input out of range` : null)
const finite = (name: string) => (_x: number, r: number) => (Number.isFinite(r) ? null : `${name} overflow`)

/** Log.process: ln(value) / ln(base), or ln(value) without a base. */
function log(base: number | null, value: number): number {
  if ((base !== null && base <= 0) || value <= 0) throw arithmetic('Log of non-positive number')
  if (base === 1) throw arithmetic('Log of base 1')
  return base === null ? Math.log(value) : Math.log(value) / Math.log(base)
}

export const MATH_FUNCTIONS: readonly (readonly [string, ScalarFunction])[] = [
  ['acos', unary(Math.acos, inUnitRange('Acos'))],
  ['asin', unary(Math.asin, inUnitRange('Asin'))],
  ['atan', unary(Math.atan)],
  ['atan2', single([2, 2], [NUMERIC, NUMERIC], DOUBLE, ([y, x]) => Math.atan2(y as number, x as number))],
  ['cos', unary(Math.cos)],
  ['cosh', unary(Math.cosh, finite('cosh'))],
  ['sin', unary(Math.sin)],
  ['sinh', unary(Math.sinh, finite('sinh'))],
  ['tan', unary(Math.tan)],
  ['tanh', unary(Math.tanh)],
  ['cbrt', unary(Math.cbrt)],
  ['hypot', single([2, 2], [NUMERIC, NUMERIC], DOUBLE, ([a, b]) => Math.hypot(a as number, b as number))],
  [
    'log',
    single([1, 2], [NUMERIC, NUMERIC], DOUBLE, (args) =>
      args.length === 1 ? log(null, args[0] as number) : log(args[0] as number, args[1] as number),
    ),
  ],
  ['tau', single([0, 0], [], DOUBLE, () => 2 * Math.PI)],
]
