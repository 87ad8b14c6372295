/**
 * The scalar functions this playground's SQL knows (SqlFunctionRegistry's names and aliases): the conditional,
 * date/time, math and string groups (conditional-functions.ts, date-time-functions.ts, math-functions.ts,
 * string-functions.ts) with their argument kinds, result types and how they compute a row's value, and HISTOGRAM:
 * of a number its bucket's lower bound (`floor(x / interval) * interval`), of a datetime with an INTERVAL the start
 * of its calendar year or month (an interval of one), else of its fixed-length bucket. SCORE() is the hit's score.
 */
import { AGGREGATE_FUNCTIONS } from './aggregate-functions.ts'
import { CONDITIONAL_FUNCTIONS } from './conditional-functions.ts'
import { DATE_TIME_FUNCTIONS } from './date-time-functions.ts'
import { MATH_FUNCTIONS } from './math-functions.ts'
import { STRING_FUNCTIONS } from './string-functions.ts'
import type { ScalarFunction } from './scalar-function.ts'
import { DateTimeValue, IntervalValue } from './sql-values.ts'
import { commonType } from './sql-data-types.ts'

export const SCALAR_FUNCTIONS: ReadonlyMap<string, ScalarFunction> = new Map<string, ScalarFunction>([
  ...CONDITIONAL_FUNCTIONS,
  ...DATE_TIME_FUNCTIONS,
  ...MATH_FUNCTIONS,
  ...STRING_FUNCTIONS,
  [
    'HISTOGRAM',
    {
      type: (a) => (a[0] === 'datetime' ? 'datetime' : commonType(a[0] ?? 'null', a[1] ?? 'null')),
      arity: [2, 2],
      params: ['any'],
      apply: ([value, interval]) => {
        if (value instanceof DateTimeValue && interval instanceof IntervalValue) return interval.bucket(value)
        if (typeof value === 'number' && typeof interval === 'number')
          return Math.floor(value / interval) * interval
        return null
      },
    },
  ],
])

/** The scalar groups of SqlFunctionRegistry after HISTOGRAM's, in its order (SHOW FUNCTIONS sorts each). */
export const SCALAR_GROUPS: readonly (readonly (readonly [string, ScalarFunction])[])[] = [
  CONDITIONAL_FUNCTIONS,
  DATE_TIME_FUNCTIONS,
  MATH_FUNCTIONS,
  [...STRING_FUNCTIONS],
]

/** SCORE(): the hit's relevance, a float. */
export const SCORE_FUNCTION = 'SCORE'

/** The datetime field functions' names (what EXTRACT may name), for its hints. */
export function datetimeFieldNames(): string[] {
  return [...SCALAR_FUNCTIONS].filter(([, fn]) => fn.datetimeField === true).map(([name]) => name)
}

/** Every function name, for "did you mean" hints. */
export function functionNames(): string[] {
  return [...AGGREGATE_FUNCTIONS.keys(), ...SCALAR_FUNCTIONS.keys(), SCORE_FUNCTION]
}
