/**
 * The scalar functions this playground's SQL knows (SqlFunctionRegistry's names and aliases): the conditional,
 * date/time and math groups (conditional-functions.ts, date-time-functions.ts, math-functions.ts), the string
 * functions here, with their argument kinds, result types and how they compute a row's value. A null argument
 * gives null (CONCAT reads it as ''). HISTOGRAM of a number is
 * its bucket's lower bound (`floor(x / interval) * interval`), of a datetime with an INTERVAL the start of its
 * calendar year or month (an interval of one), else of its fixed-length bucket. SCORE() is the hit's score.
 */
import { CONDITIONAL_FUNCTIONS } from './conditional-functions.ts'
import { DATE_TIME_FUNCTIONS } from './date-time-functions.ts'
import { MATH_FUNCTIONS } from './math-functions.ts'
import type { ScalarFunction } from './scalar-function.ts'
import { DateTimeValue, IntervalValue, type SqlValue } from './sql-values.ts'
import { commonType } from './sql-data-types.ts'

const str =
  (f: (s: string, rest: readonly SqlValue[]) => SqlValue) =>
  (args: readonly SqlValue[]): SqlValue =>
    args[0] === null || args[0] === undefined ? null : f(String(args[0]), args.slice(1))

const keyword = (): string => 'keyword'

const LENGTH: ScalarFunction = {
  type: () => 'integer',
  arity: [1, 1],
  params: ['string'],
  apply: str((s) => s.replace(/ +$/, '').length),
}
const UCASE: ScalarFunction = {
  type: keyword,
  arity: [1, 1],
  params: ['string'],
  apply: str((s) => s.toUpperCase()),
}
const LCASE: ScalarFunction = {
  type: keyword,
  arity: [1, 1],
  params: ['string'],
  apply: str((s) => s.toLowerCase()),
}

export const SCALAR_FUNCTIONS: ReadonlyMap<string, ScalarFunction> = new Map<string, ScalarFunction>([
  ...CONDITIONAL_FUNCTIONS,
  ...DATE_TIME_FUNCTIONS,
  ...MATH_FUNCTIONS,
  ['UCASE', UCASE],
  ['LCASE', LCASE],
  ['LENGTH', LENGTH],
  ['CHAR_LENGTH', { type: () => 'integer', arity: [1, 1], params: ['string'], apply: str((s) => s.length) }],
  [
    'CONCAT',
    {
      type: keyword,
      arity: [2, 2],
      params: ['string', 'string'],
      apply: ([a, b]) =>
        `${a === null || a === undefined ? '' : String(a)}${b === null || b === undefined ? '' : String(b)}`,
    },
  ],
  [
    'SUBSTRING',
    {
      type: keyword,
      arity: [3, 3],
      params: ['string', 'integer', 'integer'],
      apply: str((s, [start, length]) =>
        typeof start === 'number' && typeof length === 'number'
          ? s.substring(start - 1, start - 1 + length)
          : null,
      ),
    },
  ],
  [
    'LEFT',
    {
      type: keyword,
      arity: [2, 2],
      params: ['string', 'integer'],
      apply: str((s, [n]) => (typeof n === 'number' ? s.slice(0, Math.max(0, n)) : null)),
    },
  ],
  [
    'RIGHT',
    {
      type: keyword,
      arity: [2, 2],
      params: ['string', 'integer'],
      apply: str((s, [n]) => (typeof n === 'number' ? s.slice(Math.max(0, s.length - n)) : null)),
    },
  ],
  ['TRIM', { type: keyword, arity: [1, 1], params: ['string'], apply: str((s) => s.trim()) }],
  ['LTRIM', { type: keyword, arity: [1, 1], params: ['string'], apply: str((s) => s.replace(/^ +/, '')) }],
  ['RTRIM', { type: keyword, arity: [1, 1], params: ['string'], apply: str((s) => s.replace(/ +$/, '')) }],
  [
    'REPLACE',
    {
      type: keyword,
      arity: [3, 3],
      params: ['string'],
      apply: str((s, [a, b]) => (typeof a === 'string' && typeof b === 'string' ? s.split(a).join(b) : null)),
    },
  ],
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

/** The aggregate functions and their result type for an argument of type `arg`. */
export const AGGREGATE_FUNCTIONS: ReadonlyMap<string, (arg: string) => string> = new Map([
  ['COUNT', () => 'long'],
  ['AVG', () => 'double'],
  ['SUM', (arg: string) => (['byte', 'short', 'integer', 'long'].includes(arg) ? 'long' : 'double')],
  ['MIN', (arg: string) => arg],
  ['MAX', (arg: string) => arg],
])

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
