/**
 * The scalar functions of EsqlFunctionRegistry the playground runs, by lower-case name: string (CONCAT,
 * LENGTH, SUBSTRING, TO_UPPER, TO_LOWER, TRIM, LTRIM, RTRIM, STARTS_WITH, ENDS_WITH, SPLIT, REPLACE, LEFT,
 * RIGHT, LOCATE; BIT_LENGTH, BYTE_LENGTH, TO_BASE64, FROM_BASE64, REVERSE, REPEAT and SPACE are esql-strings.ts), math (ABS, CEIL, FLOOR, ROUND, POW, SQRT, LOG10, EXP, SIGNUM, PI, E; the trigonometric ones, CBRT,
 * HYPOT, LOG and TAU are esql-math.ts), date (NOW,
 * DATE_TRUNC, DATE_EXTRACT, DATE_FORMAT, DATE_PARSE, DATE_DIFF; BUCKET is esql-bucket.ts), conditional (CASE, COALESCE, GREATEST, LEAST)
 * and multi-value ones (MV_COUNT, MV_FIRST, MV_LAST, MV_MIN, MV_MAX, MV_SUM, MV_AVG, MV_CONCAT, MV_DEDUPE; MV_APPEND,
 * MV_SLICE, MV_SORT, MV_ZIP, MV_MEDIAN, MV_MEDIAN_ABSOLUTE_DEVIATION, MV_PERCENTILE, MV_PSERIES_WEIGHTED_SUM are
 * esql-mv-functions.ts). CIDR_MATCH and IP_PREFIX are esql-ip.ts.
 * Conversions (TO_*) are in esql-conversions.ts, the spatial ones and ST_X, ST_Y in esql-spatial.ts, ST_INTERSECTS,
 * ST_DISJOINT, ST_CONTAINS, ST_WITHIN and ST_DISTANCE in esql-spatial-relations.ts. Result types follow the
 * functions' dataType(): LENGTH is integer, ROUND keeps its type, POW and SQRT are double, DATE_EXTRACT is long,
 * string results are keyword.
 */
import {
  DATE,
  INTEGER,
  NUMERIC,
  SPAN,
  STRING,
  exactInteger,
  fixed,
  multi,
  same,
  single,
  typeName,
  type ScalarFunction,
} from './esql-function-support.ts'
import { BUCKET } from './esql-bucket.ts'
import { CONVERSIONS } from './esql-conversions.ts'
import { IP_FUNCTIONS } from './esql-ip.ts'
import { MATH_FUNCTIONS } from './esql-math.ts'
import { MV_FUNCTIONS } from './esql-mv-functions.ts'
import { STRING_BYTE_FUNCTIONS } from './esql-strings.ts'
import { SPATIAL_FUNCTIONS } from './esql-spatial.ts'
import { SPATIAL_RELATIONS } from './esql-spatial-relations.ts'
import {
  DEFAULT_DATE_FORMAT,
  extractField,
  formatDatePattern,
  parseDatePattern,
  truncateDate,
} from './esql-dates.ts'
import type { TimeSpan } from './esql-values.ts'
import { cellOf, comparator, valuesOf, type EsqlScalar, type EsqlValue } from './esql-values.ts'
import { EvaluationFailure } from './esql-warnings.ts'

const str = (v: EsqlScalar): string => String(v)
const num = (v: EsqlScalar): number => v as number
const KEYWORD = fixed('keyword')
const DOUBLE = fixed('double')

/** Java's Math.round for ROUND: half up, to `decimals` places (negative rounds left of the point). */
function round(n: number, decimals: number, type: string): number {
  const f = 10 ** decimals
  const r = (Math.sign(n) * Math.round(Math.abs(n) * f)) / f
  return type === 'double' ? r : Math.round(r)
}

const trimmer = (re: RegExp): ScalarFunction =>
  single([1, 1], [STRING], KEYWORD, ([s]) => str(s!).replace(re, ''))

function compare(a: EsqlScalar, b: EsqlScalar): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function commonType(types: readonly string[]): string | null {
  const known = types.filter((t) => t !== 'null')
  if (known.length === 0) return 'null'
  if (known.every((t) => t === 'integer' || t === 'long' || t === 'double')) {
    return known.includes('double') ? 'double' : known.includes('long') ? 'long' : 'integer'
  }
  if (known.every((t) => t === 'keyword' || t === 'text'))
    return known.every((t) => t === 'text') ? 'text' : 'keyword'
  return known.every((t) => t === known[0]) ? known[0]! : null
}

/** COALESCE / GREATEST / LEAST: arguments of one type (numbers and strings mixed as their common type). */
function sameTyped(f: (values: readonly EsqlValue[]) => EsqlValue, min = 1): ScalarFunction {
  return {
    arity: [min, Infinity],
    resolve: (args, callText) => {
      const type = commonType(args.map((a) => a.type))
      if (type !== null) return type
      const first = args[0]!
      const bad = args.findIndex((a) => a.type !== 'null' && a.type !== first.type)
      const ordinals = ['first', 'second', 'third', 'fourth', 'fifth']
      return {
        error: `${ordinals[bad]} argument of [${callText}] must be [${typeName(first.type)}], found value [${args[bad]!.text}] type [${typeName(args[bad]!.type)}]`,
      }
    },
    apply: (values) => f(values),
  }
}

function extreme(sign: 1 | -1): (values: readonly EsqlValue[]) => EsqlValue {
  return (values) => {
    let best: EsqlScalar | null = null
    for (const v of values) {
      if (v === null) return null
      for (const x of valuesOf(v)) if (best === null || compare(x, best) * sign > 0) best = x
    }
    return best
  }
}

const DIFF_UNITS: Readonly<Record<string, number | 'month'>> = {
  millisecond: 1,
  ms: 1,
  second: 1000,
  ss: 1000,
  s: 1000,
  minute: 60000,
  mi: 60000,
  n: 60000,
  hour: 3600000,
  hh: 3600000,
  day: 86400000,
  dd: 86400000,
  d: 86400000,
  week: 604800000,
  wk: 604800000,
  ww: 604800000,
  month: 'month',
  mm: 'month',
  m: 'month',
}

/** DATE_DIFF: whole units from `a` to `b` (months and years by the calendar, truncated toward zero). */
function dateDiff(unit: string, a: number, b: number): number {
  const name = unit.toLowerCase().replace(/s$/, '')
  const years = ['year', 'yy', 'yyyy'].includes(name)
  const quarters = ['quarter', 'qq', 'q'].includes(name)
  const size = years || quarters ? 'month' : DIFF_UNITS[name]
  if (size === undefined) {
    throw new EvaluationFailure(
      `org.elasticsearch.xpack.esql.core.InvalidArgumentException: A value of [YEAR, QUARTER, MONTH, DAYOFYEAR, DAY, ` +
        `WEEK, WEEKDAY, HOUR, MINUTE, SECOND, MILLISECOND, MICROSECOND, NANOSECOND] or their aliases is required; ` +
        `received [${unit}]`,
    )
  }
  if (size !== 'month') return exactInteger(Math.trunc((b - a) / size), 'integer')
  const [x, y] = [new Date(a), new Date(b)]
  let months = (y.getUTCFullYear() - x.getUTCFullYear()) * 12 + y.getUTCMonth() - x.getUTCMonth()
  const rest = (d: Date) => d.getTime() - Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)
  if (months > 0 && rest(y) < rest(x)) months--
  if (months < 0 && rest(y) > rest(x)) months++
  return Math.trunc(months / (years ? 12 : quarters ? 3 : 1))
}

export const SCALAR_FUNCTIONS: ReadonlyMap<string, ScalarFunction> = new Map<string, ScalarFunction>([
  ['concat', single([2, Infinity], [STRING], KEYWORD, (args) => args.map(str).join(''))],
  ['length', single([1, 1], [STRING], fixed('integer'), ([s]) => [...str(s!)].length)],
  [
    'substring',
    single([2, 3], [STRING, INTEGER, INTEGER], KEYWORD, ([s, start, length]) => {
      const chars = [...str(s!)]
      const from = num(start!) > 0 ? num(start!) - 1 : Math.max(0, chars.length + num(start!))
      return chars.slice(from, length === undefined ? undefined : from + Math.max(0, num(length))).join('')
    }),
  ],
  ['to_upper', single([1, 1], [STRING], same, ([s]) => str(s!).toUpperCase())],
  ['to_lower', single([1, 1], [STRING], same, ([s]) => str(s!).toLowerCase())],
  ['trim', trimmer(/^\s+|\s+$/g)],
  ['ltrim', trimmer(/^\s+/)],
  ['rtrim', trimmer(/\s+$/)],
  [
    'starts_with',
    single([2, 2], [STRING, STRING], fixed('boolean'), ([s, p]) => str(s!).startsWith(str(p!))),
  ],
  ['ends_with', single([2, 2], [STRING, STRING], fixed('boolean'), ([s, p]) => str(s!).endsWith(str(p!)))],
  ['split', single([2, 2], [STRING, STRING], KEYWORD, ([s, d]) => cellOf(str(s!).split(str(d!))))],
  [
    'replace',
    single([3, 3], [STRING, STRING, STRING], KEYWORD, ([s, re, to]) =>
      str(s!).replace(new RegExp(str(re!), 'g'), str(to!)),
    ),
  ],
  [
    'left',
    single([2, 2], [STRING, INTEGER], KEYWORD, ([s, n]) =>
      [...str(s!)].slice(0, Math.max(0, num(n!))).join(''),
    ),
  ],
  [
    'right',
    single([2, 2], [STRING, INTEGER], KEYWORD, ([s, n]) =>
      num(n!) <= 0 ? '' : [...str(s!)].slice(-num(n!)).join(''),
    ),
  ],
  [
    'locate',
    single(
      [2, 3],
      [STRING, STRING, INTEGER],
      fixed('integer'),
      ([s, sub, start]) =>
        [...str(s!)].join('').indexOf(str(sub!), Math.max(0, (start === undefined ? 1 : num(start)) - 1)) + 1,
    ),
  ],
  ['abs', single([1, 1], [NUMERIC], same, ([n]) => Math.abs(num(n!)))],
  ['ceil', single([1, 1], [NUMERIC], same, ([n]) => Math.ceil(num(n!)))],
  ['floor', single([1, 1], [NUMERIC], same, ([n]) => Math.floor(num(n!)))],
  [
    'round',
    single([1, 2], [NUMERIC, INTEGER], same, ([n, d], types) =>
      round(num(n!), d === undefined ? 0 : num(d), types[0]!),
    ),
  ],
  [
    'pow',
    single([2, 2], [NUMERIC, NUMERIC], DOUBLE, ([b, e]) => {
      const r = num(b!) ** num(e!)
      if (!Number.isFinite(r))
        throw new EvaluationFailure('java.lang.ArithmeticException: not a finite double number: ' + String(r))
      return r
    }),
  ],
  [
    'sqrt',
    single([1, 1], [NUMERIC], DOUBLE, ([n]) => {
      if (num(n!) < 0) throw new EvaluationFailure('java.lang.ArithmeticException: Square root of negative')
      return Math.sqrt(num(n!))
    }),
  ],
  [
    'log10',
    single([1, 1], [NUMERIC], DOUBLE, ([n]) => {
      if (num(n!) <= 0)
        throw new EvaluationFailure('java.lang.ArithmeticException: Log of non-positive number')
      return Math.log10(num(n!))
    }),
  ],
  ['exp', single([1, 1], [NUMERIC], DOUBLE, ([n]) => Math.exp(num(n!)))],
  ['signum', single([1, 1], [NUMERIC], DOUBLE, ([n]) => Math.sign(num(n!)))],
  ['pi', single([0, 0], [], DOUBLE, () => Math.PI)],
  ['e', single([0, 0], [], DOUBLE, () => Math.E)],
  ['now', single([0, 0], [], fixed('date'), (_args, _types, context) => context.now)],
  [
    'date_trunc',
    single([2, 2], [SPAN, DATE], fixed('date'), ([span, d]) => truncateDate(num(d!), span as TimeSpan)),
  ],
  [
    'date_extract',
    single([2, 2], [STRING, DATE], fixed('long'), ([part, d]) => {
      const value = extractField(num(d!), str(part!))
      if (value === null) {
        throw new EvaluationFailure(
          `java.lang.IllegalArgumentException: No enum constant java.time.temporal.ChronoField.${str(part!).toUpperCase()}`,
        )
      }
      return value
    }),
  ],
  [
    'date_format',
    single([1, 2], [STRING, DATE], KEYWORD, (args) =>
      args.length === 1
        ? formatDatePattern(num(args[0]!), DEFAULT_DATE_FORMAT)
        : formatDatePattern(num(args[1]!), str(args[0]!)),
    ),
  ],
  [
    'date_parse',
    single([1, 2], [STRING, STRING], fixed('date'), (args) => {
      const [pattern, text] =
        args.length === 1 ? [DEFAULT_DATE_FORMAT, str(args[0]!)] : [str(args[0]!), str(args[1]!)]
      const millis = parseDatePattern(text, pattern)
      if (millis === null) {
        throw new EvaluationFailure(
          `java.lang.IllegalArgumentException: failed to parse date field [${text}] with format [${pattern}]`,
        )
      }
      return millis
    }),
  ],
  [
    'date_diff',
    single([3, 3], [STRING, DATE, DATE], fixed('integer'), ([u, a, b]) =>
      dateDiff(str(u!), num(a!), num(b!)),
    ),
  ],
  ['bucket', BUCKET],
  ['coalesce', sameTyped((values) => values.find((v) => v !== null) ?? null)],
  ['greatest', sameTyped(extreme(1))],
  ['least', sameTyped(extreme(-1))],
  ['mv_count', multi(fixed('integer'), (values) => values.length)],
  ['mv_first', multi(same, (values) => values[0]!)],
  ['mv_last', multi(same, (values) => values[values.length - 1]!)],
  ['mv_min', multi(same, (values, type) => [...values].sort(comparator(type))[0]!)],
  ['mv_max', multi(same, (values, type) => [...values].sort(comparator(type))[values.length - 1]!)],
  [
    'mv_sum',
    multi(
      same,
      (values, type) =>
        exactInteger(
          values.reduce<number>((s, v) => s + num(v), 0),
          type,
        ),
      [1, 1],
      [NUMERIC],
    ),
  ],
  [
    'mv_avg',
    multi(
      DOUBLE,
      (values) => values.reduce<number>((s, v) => s + num(v), 0) / values.length,
      [1, 1],
      [NUMERIC],
    ),
  ],
  [
    'mv_concat',
    multi(
      KEYWORD,
      (values, _t, [d]) =>
        d === null || d === undefined ? null : values.map(str).join(str(d as EsqlScalar)),
      [2, 2],
      [STRING, STRING],
    ),
  ],
  ['mv_dedupe', multi(same, (values) => cellOf([...new Set(values)]))],
  ...STRING_BYTE_FUNCTIONS,
  ...IP_FUNCTIONS,
  ...MV_FUNCTIONS,
  ...MATH_FUNCTIONS,
  ...CONVERSIONS,
  ...SPATIAL_FUNCTIONS,
  ...SPATIAL_RELATIONS,
])
