/**
 * The multi-value functions of EsqlFunctionRegistry that take more than MV_COUNT … MV_DEDUPE (esql-functions.ts):
 * - MV_APPEND(a, b): a's values then b's (a null side adds nothing); b's type must be a's (keyword and text mix).
 * - MV_SLICE(field, start[, end]): the values from index start to end, both included (0-based, negative counts from
 *   the end, end defaults to start); none is null. Start after end, or a negative start with a non-negative end, is
 *   null with InvalidArgumentException's warning, or fails the query when both are constants (MvSlice.toEvaluator).
 * - MV_SORT(field[, order]): the values in the type's order (esql-values.ts orderKey), repeats kept; the order a
 *   constant `ASC` or `DESC` in any case, else a Verifier failure placed at the order.
 * - MV_ZIP(a, b[, delim]): the values of a and b paired into `a<delim>b` (delim `,` by default); the longer side's
 *   extra values are kept alone; a null side gives the other side.
 * - MV_MEDIAN, MV_MEDIAN_ABSOLUTE_DEVIATION, MV_PERCENTILE (the field's type): as MvMedian, MvMedianAbsoluteDeviation
 *   and MvPercentile compute them over the exact sorted values (not a TDigest): an integer median of an even count
 *   averages the middle two rounding down (MV_MEDIAN) or toward zero (the deviation's medians), a double one as
 *   (a + b) / 2 (MV_MEDIAN) or a / 2 + b / 2; a percentile interpolates linearly between its neighbours, truncating
 *   for integers; a percentile outside [0, 100] is null with the IllegalArgumentException warning.
 * - MV_PSERIES_WEIGHTED_SUM(field, p): sum of value[i] / (i + 1)^p in a CompensatedSum (double; p a constant), a
 *   non-finite sum null with `double overflow`.
 */
import { EsException } from '../errors/index.ts'
import { compensatedSum } from '../search/aggregations/metrics/compensated-sum.ts'
import { javaDoubleToString } from '../xcontent/index.ts'
import {
  ANY,
  DOUBLE_ARG,
  INTEGER,
  NUMERIC,
  STRING,
  checkArgs,
  multi,
  notConstant,
  same,
  typeName,
  type ArgType,
  type FunctionArg,
  type ScalarFunction,
} from './esql-function-support.ts'
import {
  NUMERIC_TYPES,
  cellOf,
  comparator,
  valuesOf,
  type EsqlScalar,
  type EsqlValue,
} from './esql-values.ts'
import { EvaluationFailure, MULTI_VALUE_FAILURE } from './esql-warnings.ts'

/** DataType.noText: a text result is keyword. */
const noText = (type: string): string => (type === 'text' ? 'keyword' : type)

/** A single-valued argument of a multi-value function: null, or its one value (a multi-value warns). */
function one(value: EsqlValue | undefined): EsqlScalar | null {
  if (value === null || value === undefined) return null
  if (Array.isArray(value)) throw new EvaluationFailure(MULTI_VALUE_FAILURE)
  return value as EsqlScalar
}

const NUMERIC_EXCEPT_UL: ArgType = {
  accepts: (t) => NUMERIC_TYPES.has(t) && t !== 'unsigned_long',
  expected: 'numeric except unsigned_long',
}

const sortedNumbers = (values: readonly EsqlScalar[]): number[] =>
  values.map((v) => v as number).sort((a, b) => a - b)

/** The middle of sorted values, an even count's two middle ones averaged by `average`. */
function middle(sorted: readonly number[], average: (a: number, b: number) => number): number {
  const half = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[half]! : average(sorted[half - 1]!, sorted[half]!)
}

function median(values: readonly EsqlScalar[], type: string): number {
  return middle(
    sortedNumbers(values),
    type === 'double' ? (a, b) => (a + b) / 2 : (a, b) => Math.floor((a + b) / 2),
  )
}

function medianAbsoluteDeviation(values: readonly EsqlScalar[], type: string): number {
  const average =
    type === 'double'
      ? (a: number, b: number) => a / 2 + b / 2
      : (a: number, b: number) => Math.trunc((a + b) / 2)
  const center = middle(sortedNumbers(values), average)
  const deviations = values.map((v) => Math.abs((v as number) - center)).sort((a, b) => a - b)
  return middle(deviations, average)
}

function percentile(values: readonly EsqlScalar[], type: string, p: number): number {
  if (p < 0 || p > 100) {
    throw new EvaluationFailure(
      `java.lang.IllegalArgumentException: Percentile parameter must be a number between 0 and 100, found [${javaDoubleToString(p)}]`,
    )
  }
  const sorted = sortedNumbers(values)
  if (sorted.length === 1 || p === 0) return sorted[0]!
  if (p === 100) return sorted[sorted.length - 1]!
  const index = (p / 100) * (sorted.length - 1)
  const lower = Math.trunc(index)
  const fraction = index - lower
  const [low, high] = [sorted[lower]!, sorted[lower + 1]!]
  if (type !== 'double') return low + Math.trunc(fraction * (high - low))
  return low < 0 && high > 0 ? low + fraction * high - fraction * low : low + fraction * (high - low)
}

const MV_APPEND: ScalarFunction = {
  arity: [2, 2],
  resolve: ([first, second], callText) => {
    const type = noText(first!.type === 'null' ? second!.type : first!.type)
    if (second!.type !== 'null' && noText(second!.type) !== type) {
      return {
        error: `second argument of [${callText}] must be [${typeName(type)}], found value [${second!.text}] type [${typeName(second!.type)}]`,
      }
    }
    return type
  },
  apply: ([a, b]) => cellOf([...valuesOf(a ?? null), ...valuesOf(b ?? null)]),
}

const INVALID_ARGUMENT = 'org.elasticsearch.xpack.esql.core.InvalidArgumentException'

/** MvSlice.checkStartEnd's refusal, or null. */
function sliceProblem(start: number, end: number): string | null {
  if (start > end) return 'Start offset is greater than end offset'
  if (start < 0 && end >= 0) return 'Start and end offset have different signs'
  return null
}

const MV_SLICE: ScalarFunction = {
  arity: [2, 3],
  resolve: (args, callText) => {
    const failure = checkArgs(args, [ANY, INTEGER, INTEGER], callText)
    if (failure !== null) return failure
    const [start, end] = [args[1]!.constant, (args[2] ?? args[1]!).constant]
    const problem = typeof start === 'number' && typeof end === 'number' ? sliceProblem(start, end) : null
    // toEvaluator checks constant offsets before the query runs
    if (problem !== null)
      throw new EsException({ type: 'invalid_argument_exception', reason: problem, status: 400 })
    return noText(args[0]!.type)
  },
  apply: ([field, startValue, endValue]) => {
    const start = one(startValue)
    const end = endValue === undefined ? start : one(endValue)
    if (start === null || end === null) return null
    const [s, e] = [start as number, end as number]
    const problem = sliceProblem(s, e)
    if (problem !== null) throw new EvaluationFailure(`${INVALID_ARGUMENT}: ${problem}`)
    const values = valuesOf(field ?? null)
    const from = Math.max(0, s < 0 ? s + values.length : s)
    const to = Math.min(values.length - 1, e < 0 ? e + values.length : e)
    return from >= values.length || to < 0 ? null : cellOf(values.slice(from, to + 1))
  },
}

/** MvSort's order check (Verifier failures placed at the order). */
function sortOrder(order: FunctionArg, callText: string): { error: string; argument: number } | null {
  const constant = notConstant(order, 'second ', callText)
  if (constant !== null) return { error: constant, argument: 1 }
  const value = order.constant === null ? 'null' : String(order.constant)
  if (['asc', 'desc'].includes(value.toLowerCase())) return null
  return {
    error: `Invalid order value in [${callText}], expected one of [ASC, DESC] but got [${value}]`,
    argument: 1,
  }
}

const MV_SORT: ScalarFunction = {
  arity: [1, 2],
  resolve: (args, callText) =>
    checkArgs(args, [ANY, STRING], callText) ??
    (args[1] === undefined ? null : sortOrder(args[1], callText)) ??
    noText(args[0]!.type),
  apply: ([field, order], [type]) => {
    const values = [...valuesOf(field ?? null)].sort(comparator(type!))
    if (String(order ?? 'asc').toLowerCase() === 'desc') values.reverse()
    return cellOf(values)
  },
}

const MV_ZIP: ScalarFunction = {
  arity: [2, 3],
  resolve: (args, callText) => checkArgs(args, [STRING, STRING, STRING], callText) ?? 'keyword',
  apply: ([a, b, delimiter]) => {
    const d = delimiter === undefined ? ',' : one(delimiter)
    if (d === null) return null
    const [left, right] = [valuesOf(a ?? null), valuesOf(b ?? null)]
    if (left.length === 0 || right.length === 0) return cellOf(left.length === 0 ? right : left)
    const out: EsqlScalar[] = []
    for (let i = 0; i < Math.max(left.length, right.length); i++) {
      if (i < left.length && i < right.length) out.push(`${String(left[i])}${String(d)}${String(right[i])}`)
      else out.push(i < left.length ? left[i]! : right[i]!)
    }
    return cellOf(out)
  },
}

const MV_PERCENTILE: ScalarFunction = {
  arity: [2, 2],
  resolve: (args, callText) => checkArgs(args, [NUMERIC_EXCEPT_UL], callText) ?? args[0]!.type,
  apply: ([field, p], [type]) => {
    const at = one(p)
    const values = valuesOf(field ?? null)
    return at === null || values.length === 0 ? null : percentile(values, type!, at as number)
  },
}

const MV_PSERIES_WEIGHTED_SUM: ScalarFunction = {
  arity: [2, 2],
  resolve: (args, callText) => {
    const failure = checkArgs(args, [DOUBLE_ARG], callText)
    if (failure !== null) return failure
    if (args[1]!.type === 'null') return 'null'
    const constant = notConstant(args[1]!, 'second ', callText)
    return constant === null ? args[0]!.type : { error: constant }
  },
  apply: ([field, p]) => {
    // the evaluator reads the block as it is: a null field sums no values
    const sum = compensatedSum(
      valuesOf(field ?? null).map((v, i) => (v as number) / Math.pow(i + 1, p as number)),
    )
    if (!Number.isFinite(sum)) throw new EvaluationFailure('java.lang.ArithmeticException: double overflow')
    return sum
  },
}

export const MV_FUNCTIONS: readonly (readonly [string, ScalarFunction])[] = [
  ['mv_append', MV_APPEND],
  ['mv_slice', MV_SLICE],
  ['mv_sort', MV_SORT],
  ['mv_zip', MV_ZIP],
  ['mv_median', multi(same, median, [1, 1], [NUMERIC])],
  ['mv_median_absolute_deviation', multi(same, medianAbsoluteDeviation, [1, 1], [NUMERIC])],
  ['mv_percentile', MV_PERCENTILE],
  ['mv_pseries_weighted_sum', MV_PSERIES_WEIGHTED_SUM],
]
