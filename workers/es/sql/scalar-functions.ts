/**
 * The scalar functions this playground's SQL knows (SqlFunctionRegistry's names and aliases), with their
 * result types and how they compute a row's value. A null argument gives null (CONCAT reads it as ''). Date
 * parts are read in the request's time_zone; DAY_OF_WEEK counts from Sunday = 1. HISTOGRAM of a number is
 * its bucket's lower bound (`floor(x / interval) * interval`), of a datetime with an INTERVAL the start of its
 * calendar year or month (an interval of one), else of its fixed-length bucket. SCORE() is the hit's score.
 */
import { DateTimeValue, IntervalValue, type SqlValue } from './sql-values.ts'
import { commonType } from './sql-data-types.ts'

export interface EvalEnv {
  /** The statement's start, epoch millis (NOW() and CURRENT_TIMESTAMP). */
  readonly now: number
  /** The request's time_zone, minutes east of UTC. */
  readonly offsetMinutes: number
}

export interface ScalarFunction {
  /** The result type for these argument types. */
  readonly type: (args: readonly string[]) => string
  /** How many arguments it takes: [min, max]. */
  readonly arity: readonly [number, number]
  readonly apply: (args: readonly SqlValue[], env: EvalEnv) => SqlValue
}

const str =
  (f: (s: string, rest: readonly SqlValue[]) => SqlValue) =>
  (args: readonly SqlValue[]): SqlValue =>
    args[0] === null || args[0] === undefined ? null : f(String(args[0]), args.slice(1))

const num =
  (f: (n: number, rest: readonly SqlValue[]) => SqlValue) =>
  (args: readonly SqlValue[]): SqlValue =>
    typeof args[0] === 'number' ? f(args[0], args.slice(1)) : null

const datePart = (f: (d: Date) => number): ScalarFunction => ({
  type: () => 'integer',
  arity: [1, 2],
  apply: (args) => (args[0] instanceof DateTimeValue ? f(args[0].fields()) : null),
})

const keyword = (): string => 'keyword'

const YEAR = datePart((d) => d.getUTCFullYear())
const MONTH = datePart((d) => d.getUTCMonth() + 1)
const DAY = datePart((d) => d.getUTCDate())
const DAY_OF_WEEK = datePart((d) => d.getUTCDay() + 1)
const HOUR = datePart((d) => d.getUTCHours())
const MINUTE = datePart((d) => d.getUTCMinutes())
const SECOND = datePart((d) => d.getUTCSeconds())
const NOW: ScalarFunction = {
  type: () => 'datetime',
  arity: [0, 1],
  apply: (_args, env) => new DateTimeValue(env.now, env.offsetMinutes),
}
const LENGTH: ScalarFunction = {
  type: () => 'integer',
  arity: [1, 1],
  apply: str((s) => s.replace(/ +$/, '').length),
}
const UPPER: ScalarFunction = { type: keyword, arity: [1, 1], apply: str((s) => s.toUpperCase()) }
const LOWER: ScalarFunction = { type: keyword, arity: [1, 1], apply: str((s) => s.toLowerCase()) }
const CEIL: ScalarFunction = { type: (a) => a[0] ?? 'double', arity: [1, 1], apply: num(Math.ceil) }
const FLOOR: ScalarFunction = { type: (a) => a[0] ?? 'double', arity: [1, 1], apply: num(Math.floor) }

export const SCALAR_FUNCTIONS: ReadonlyMap<string, ScalarFunction> = new Map<string, ScalarFunction>([
  ['ABS', { type: (a) => a[0] ?? 'double', arity: [1, 1], apply: num(Math.abs) }],
  ['CEIL', CEIL],
  ['CEILING', CEIL],
  ['FLOOR', FLOOR],
  [
    'ROUND',
    {
      type: (a) => a[0] ?? 'double',
      arity: [1, 2],
      apply: num((n, [digits]) => {
        const scale = 10 ** (typeof digits === 'number' ? digits : 0)
        return (Math.sign(n) * Math.round(Math.abs(n) * scale)) / scale
      }),
    },
  ],
  ['SQRT', { type: () => 'double', arity: [1, 1], apply: num(Math.sqrt) }],
  [
    'POWER',
    { type: () => 'double', arity: [2, 2], apply: num((n, [e]) => (typeof e === 'number' ? n ** e : null)) },
  ],
  ['UPPER', UPPER],
  ['UCASE', UPPER],
  ['LOWER', LOWER],
  ['LCASE', LOWER],
  ['LENGTH', LENGTH],
  ['CHAR_LENGTH', { type: () => 'integer', arity: [1, 1], apply: str((s) => s.length) }],
  [
    'CONCAT',
    {
      type: keyword,
      arity: [2, 2],
      apply: ([a, b]) =>
        `${a === null || a === undefined ? '' : String(a)}${b === null || b === undefined ? '' : String(b)}`,
    },
  ],
  [
    'SUBSTRING',
    {
      type: keyword,
      arity: [3, 3],
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
      apply: str((s, [n]) => (typeof n === 'number' ? s.slice(0, Math.max(0, n)) : null)),
    },
  ],
  [
    'RIGHT',
    {
      type: keyword,
      arity: [2, 2],
      apply: str((s, [n]) => (typeof n === 'number' ? s.slice(Math.max(0, s.length - n)) : null)),
    },
  ],
  ['TRIM', { type: keyword, arity: [1, 1], apply: str((s) => s.trim()) }],
  ['LTRIM', { type: keyword, arity: [1, 1], apply: str((s) => s.replace(/^ +/, '')) }],
  ['RTRIM', { type: keyword, arity: [1, 1], apply: str((s) => s.replace(/ +$/, '')) }],
  [
    'REPLACE',
    {
      type: keyword,
      arity: [3, 3],
      apply: str((s, [a, b]) => (typeof a === 'string' && typeof b === 'string' ? s.split(a).join(b) : null)),
    },
  ],
  ['YEAR', YEAR],
  ['MONTH', MONTH],
  ['MONTH_OF_YEAR', MONTH],
  ['DAY', DAY],
  ['DAY_OF_MONTH', DAY],
  ['DAYOFMONTH', DAY],
  ['DOM', DAY],
  ['DAY_OF_WEEK', DAY_OF_WEEK],
  ['DAYOFWEEK', DAY_OF_WEEK],
  ['DOW', DAY_OF_WEEK],
  ['HOUR', HOUR],
  ['HOUR_OF_DAY', HOUR],
  ['MINUTE', MINUTE],
  ['MINUTE_OF_HOUR', MINUTE],
  ['SECOND', SECOND],
  ['SECOND_OF_MINUTE', SECOND],
  ['NOW', NOW],
  ['CURRENT_TIMESTAMP', NOW],
  [
    'HISTOGRAM',
    {
      type: (a) => (a[0] === 'datetime' ? 'datetime' : commonType(a[0] ?? 'null', a[1] ?? 'null')),
      arity: [2, 2],
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

/** Every function name, for "did you mean" hints. */
export function functionNames(): string[] {
  return [...AGGREGATE_FUNCTIONS.keys(), ...SCALAR_FUNCTIONS.keys(), SCORE_FUNCTION]
}
