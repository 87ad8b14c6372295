/**
 * The aggregate functions of SqlFunctionRegistry's Aggregate and Statistics groups, in its order (each group sorted
 * by name, aliases included): their builders' argument counts, their resolveType checks, their result types and
 * how a group's value is computed on this node (grouping.ts) from its rows' argument values, the way the search
 * aggregation ES's QueryTranslator asks for computes it (aggregate-metrics.ts builds and reads those):
 * - AVG, SUM (long over integers), MIN, MAX, COUNT (DISTINCT): avg, sum, min, max, value_count/cardinality;
 * - FIRST/FIRST_VALUE and LAST/LAST_VALUE(field[, ordering field]) (TopHits: neither argument a constant; the
 *   field's type): the field's value in the row first by the ordering field then the field, ascending for FIRST,
 *   descending for LAST, missing values last (a top_hits of size 1);
 * - KURTOSIS and SKEWNESS (matrix_stats' MatrixStatsResults), MAD (median_absolute_deviation), PERCENTILE(field,
 *   p[, method[, parameter]]) and PERCENTILE_RANK(field, value[, …]) (percentiles / percentile_ranks, exact here
 *   as the playground's digests are), STDDEV_POP, STDDEV_SAMP, SUM_OF_SQUARES, VAR_POP, VAR_SAMP (extended_stats):
 *   numeric fields (checked with ParamOrdinal.DEFAULT, so without `first`), a double, null over no values or where
 *   the statistic is not finite. PercentileAggregate's checks: the second argument a numeric constant, the method
 *   one of [tdigest, hdr], its parameter numeric (tdigest's compression) or integer (hdr's digits).
 */
import { medianAbsoluteDeviation } from '../search/aggregations/metrics/digest-metrics.ts'
import { sortedCdf, sortedQuantile } from '../search/aggregations/metrics/percentiles.ts'
import { RunningStats, kurtosis, skewness } from '../search/aggregations/metrics/running-stats.ts'
import { statsState, statsVariance } from '../search/aggregations/metrics/stats.ts'
import { kindFailure, type CallArg, type CallInfo, type FunctionSignature } from './scalar-function.ts'
import { isInteger, isNumeric, isString } from './sql-data-types.ts'
import { compareValues, type SqlValue } from './sql-values.ts'

export interface AggregateOptions {
  readonly distinct: boolean
  /** The call's arguments after the field, folded (PERCENTILE's p). */
  readonly params: readonly SqlValue[]
}

export interface AggregateFunction extends FunctionSignature {
  /** The group's value from each row's argument values. */
  readonly compute: (rows: readonly (readonly SqlValue[])[], options: AggregateOptions) => SqlValue
}

const double = (): string => 'double'
const argType = ([t = 'null']: readonly string[]): string => t

function numbers(rows: readonly (readonly SqlValue[])[]): number[] {
  return rows.map((r) => r[0]).filter((v): v is number => typeof v === 'number')
}

const finite = (x: number): SqlValue => (Number.isFinite(x) ? x : null)

/** A statistic of a numeric field: one argument, a double, null without values. */
function statistic(f: (values: number[]) => number): AggregateFunction {
  return {
    type: double,
    arity: [1, 1],
    params: ['numeric'],
    compute: (rows) => {
      const values = numbers(rows)
      return values.length === 0 ? null : finite(f(values))
    },
  }
}

const sorted = (values: number[]): number[] => values.sort((a, b) => a - b)

function moments(values: readonly number[], f: typeof kurtosis): number {
  const stats = new RunningStats()
  for (const v of values) stats.add(['x'], [v])
  return f(stats.fields.get('x')!, stats.docCount)
}

function constant(ordinal: string, call: CallInfo, arg: CallArg): string | null {
  return arg.literal === undefined
    ? `${ordinal}argument of [${call.text}] must be a constant, received [${arg.name}]`
    : null
}

const METHODS: Readonly<Record<string, (type: string) => boolean>> = { tdigest: isNumeric, hdr: isInteger }

/** PercentileAggregate.resolveType after the field's check. */
function percentileArguments(call: CallInfo): string | null {
  const [, value, method, parameter] = call.args
  const orNull = (ok: (t: string) => boolean) => (t: string) => t === 'null' || ok(t)
  if (value === undefined) return null
  const failure = constant('second ', call, value)
  if (failure !== null) return failure
  if (!orNull(isNumeric)(value.type)) return kindFailure('second ', call.text, value, 'numeric')
  if (method === undefined) return null
  const notConstant = constant('third ', call, method)
  if (notConstant !== null) return notConstant
  if (!orNull(isString)(method.type)) return kindFailure('third ', call.text, method, 'string')
  const name = String(method.literal)
  const accepts = METHODS[name]
  if (accepts === undefined)
    return `third argument of [${call.text}] must be one of [${Object.keys(METHODS).join(', ')}], received [${name}]`
  if (parameter === undefined || parameter.type === 'null') return null
  const parameterConstant = constant('fourth ', call, parameter)
  if (parameterConstant !== null) return parameterConstant
  return accepts(parameter.type)
    ? null
    : kindFailure('fourth ', call.text, parameter, name === 'tdigest' ? 'numeric' : 'integer')
}

function percentileFunction(f: (sorted: number[], p: number) => number): AggregateFunction {
  return {
    type: double,
    arity: [2, 4],
    arityMessage: 'expects minimum two, maximum four arguments',
    params: ['numeric', 'any'],
    unorderedFirst: true,
    verify: percentileArguments,
    compute: (rows, { params: [p] }) => {
      const values = numbers(rows)
      return values.length === 0 || typeof p !== 'number' ? null : finite(f(sorted(values), p))
    },
  }
}

/** TopHits.resolveType: neither the field nor the ordering field a constant. */
function tableColumns(call: CallInfo): string | null {
  for (const [i, arg] of call.args.entries()) {
    if (arg.literal !== undefined)
      return `${i === 0 ? 'first' : 'second'} argument of [${call.text}] must be a table column, found constant [${arg.name}]`
  }
  return null
}

/** Whether `a` sorts before `b` in `order` with missing values last, key by key. */
function before(a: readonly SqlValue[], b: readonly SqlValue[], order: 1 | -1): boolean {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!
    const y = b[i]!
    if (x === null || y === null) {
      if (x === y) continue
      return y === null
    }
    const c = compareValues(x, y) * order
    if (c !== 0) return c < 0
  }
  return false
}

function topHit(order: 1 | -1): AggregateFunction {
  const key = (row: readonly SqlValue[]): readonly SqlValue[] => (row.length > 1 ? [row[1]!, row[0]!] : row)
  return {
    type: argType,
    arity: [1, 2],
    params: ['any'],
    verify: tableColumns,
    compute: (rows) => {
      let best: readonly SqlValue[] | null = null
      for (const row of rows) if (best === null || before(key(row), key(best), order)) best = row
      return best === null ? null : best[0]!
    },
  }
}

function extremum(sign: 1 | -1): AggregateFunction {
  return {
    type: argType,
    arity: [1, 1],
    params: ['any'],
    compute: (rows) => {
      const values = rows.map((r) => r[0]!).filter((v) => v !== null)
      if (values.length === 0) return null
      return values.reduce((best, v) => (sign * compareValues(v, best) < 0 ? v : best))
    },
  }
}

function sumOrAvg(avg: boolean): AggregateFunction {
  return {
    type: ([t = 'null']) => (avg || !isInteger(t) ? 'double' : 'long'),
    arity: [1, 1],
    params: ['numeric'],
    compute: (rows) => {
      const values = numbers(rows)
      if (values.length === 0) return null
      const sum = values.reduce((a, b) => a + b, 0)
      return avg ? sum / values.length : sum
    },
  }
}

const FIRST = topHit(1)
const LAST = topHit(-1)

export const AGGREGATE_FUNCTIONS: ReadonlyMap<string, AggregateFunction> = new Map<string, AggregateFunction>(
  [
    ['AVG', sumOrAvg(true)],
    [
      'COUNT',
      {
        type: () => 'long',
        arity: [1, 1],
        params: ['any'],
        compute: (rows, { distinct }) => {
          const values = rows.map((r) => r[0]).filter((v) => v !== null && v !== undefined)
          return distinct ? new Set(values.map(String)).size : values.length
        },
      },
    ],
    ['FIRST', FIRST],
    ['FIRST_VALUE', FIRST],
    ['LAST', LAST],
    ['LAST_VALUE', LAST],
    ['MAX', extremum(-1)],
    ['MIN', extremum(1)],
    ['SUM', sumOrAvg(false)],
    ['KURTOSIS', statistic((values) => moments(values, kurtosis))],
    ['MAD', statistic((values) => medianAbsoluteDeviation(sorted(values)))],
    ['PERCENTILE', percentileFunction((values, p) => sortedQuantile(p / 100, values))],
    ['PERCENTILE_RANK', percentileFunction((values, x) => sortedCdf(x, values) * 100)],
    ['SKEWNESS', statistic((values) => moments(values, skewness))],
    ['STDDEV_POP', statistic((values) => Math.sqrt(statsVariance(statsState(values), false)))],
    ['STDDEV_SAMP', statistic((values) => Math.sqrt(statsVariance(statsState(values), true)))],
    ['SUM_OF_SQUARES', statistic((values) => statsState(values).sumOfSquares)],
    ['VAR_POP', statistic((values) => statsVariance(statsState(values), false))],
    ['VAR_SAMP', statistic((values) => statsVariance(statsState(values), true))],
  ],
)
