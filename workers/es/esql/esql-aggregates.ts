/**
 * The aggregate functions STATS runs, over every value of a group's rows (each value of a multi-value counts):
 * COUNT (long; `*` counts rows), COUNT_DISTINCT (long; exact: HyperLogLog++ is exact below its default
 * precision_threshold of 3000), AVG, MEDIAN and PERCENTILE (double; MEDIAN and PERCENTILE as the default
 * TDigest's SortingDigest: linear interpolation over the sorted values), MEDIAN_ABSOLUTE_DEVIATION (double; the
 * median_absolute_deviation aggregation's computation over the same digest), SUM (long for integer and long, else
 * double), MIN and MAX (the field's type) and VALUES (the distinct values as a multi-value; not of unsigned_long
 * or a spatial type), TOP (esql-top.ts), WEIGHTED_AVG (a surrogate, esql-weighted-avg.ts) and ST_CENTROID_AGG
 * (esql-spatial-centroid.ts). The numeric ones take no unsigned_long (NumericAggregate). With no values COUNT is 0
 * and the others are null.
 */
import { compensatedSum } from '../search/aggregations/metrics/compensated-sum.ts'
import { medianAbsoluteDeviation } from '../search/aggregations/metrics/digest-metrics.ts'
import { sortedQuantile } from '../search/aggregations/metrics/percentiles.ts'
import type { EsqlExpression } from './esql-ast.ts'
import {
  ANY,
  NUMERIC,
  NUMERIC_AGG,
  checkArgs,
  exactInteger,
  type ArgType,
  type FunctionArg,
  type ResolveError,
} from './esql-function-support.ts'
import { SPATIAL_TYPES, cellOf, comparator, type EsqlScalar, type EsqlValue } from './esql-values.ts'
import { SPATIAL_POINT } from './esql-spatial.ts'
import { spatialCentroid } from './esql-spatial-centroid.ts'
import { TOP } from './esql-top.ts'
import { WEIGHTED_AVG } from './esql-weighted-avg.ts'

export interface AggregateFunction {
  readonly arity: readonly [number, number]
  resolve(args: readonly FunctionArg[], callText: string): string | ResolveError
  /**
   * A constant argument is taken once per group, not once per row: the function's surrogate over a foldable field is
   * the MV_ function of its values (TOP's MvMin / MvMax / MvSlice of MvSort, MEDIAN_ABSOLUTE_DEVIATION's).
   */
  readonly foldsOnce?: boolean
  /**
   * The result over the values of the group (all values of its rows' cells) and the constant arguments; `docValues`:
   * the argument is a field the data node reads from doc values (SpatialDocValuesExtraction; esql-plan.ts).
   */
  apply(
    values: readonly EsqlScalar[],
    rows: number,
    type: string,
    constants: readonly EsqlValue[],
    docValues: boolean,
  ): EsqlValue
}

const ORDERABLE: ArgType = {
  accepts: (t) => NUMERIC.accepts(t) || ['date', 'boolean', 'ip', 'keyword', 'text', 'version'].includes(t),
  expected: 'boolean, datetime, ip or numeric except unsigned_long or counter types',
}

/** Values.resolveType: anything but unsigned_long and the geometries. */
/**
 * A SurrogateExpression that never aggregates itself: once its arguments check out, the compiler compiles
 * `surrogate(call, args)` (built of other functions, carrying the call's source) in the call's place.
 */
export interface SurrogateAggregate {
  readonly arity: readonly [number, number]
  resolve(args: readonly FunctionArg[], callText: string): string | { error: string }
  surrogate(call: Extract<EsqlExpression, { kind: 'call' }>, args: readonly FunctionArg[]): EsqlExpression
}

const VALUES_ARG: ArgType = {
  accepts: (t) => t !== 'unsigned_long' && !SPATIAL_TYPES.has(t),
  expected: 'any type except unsigned_long and spatial types',
}

const nums = (values: readonly EsqlScalar[]): number[] => values.map((v) => v as number)
const sorted = (values: readonly EsqlScalar[]): number[] => nums(values).sort((a, b) => a - b)

function aggregate(
  checks: readonly ArgType[],
  arity: readonly [number, number],
  result: (type: string) => string,
  f: (
    values: readonly EsqlScalar[],
    type: string,
    constants: readonly EsqlValue[],
    rows: number,
    docValues: boolean,
  ) => EsqlValue,
): AggregateFunction {
  return {
    arity,
    resolve: (args, callText) => checkArgs(args, checks, callText) ?? result(args[0]?.type ?? 'null'),
    apply: (values, rows, type, constants, docValues) => f(values, type, constants, rows, docValues),
  }
}

/** MIN / MAX: the least or greatest value in the type's order (an ip by its bytes, as the IpMaxAggregator does). */
function extreme(sign: 1 | -1): (values: readonly EsqlScalar[], type: string) => EsqlValue {
  return (values, type) => {
    const compare = comparator(type)
    let best: EsqlScalar | null = null
    for (const v of values) if (best === null || compare(v, best) * sign > 0) best = v
    return best
  }
}

export const AGGREGATE_FUNCTIONS: ReadonlyMap<string, AggregateFunction | SurrogateAggregate> = new Map<
  string,
  AggregateFunction | SurrogateAggregate
>([
  [
    'count',
    aggregate(
      [ANY],
      [0, 1],
      () => 'long',
      (values, _t, _c, rows) => (values === ALL_ROWS ? rows : values.length),
    ),
  ],
  [
    'count_distinct',
    aggregate(
      [ANY, ANY],
      [1, 2],
      () => 'long',
      (values) => new Set(values).size,
    ),
  ],
  [
    'avg',
    aggregate(
      [NUMERIC_AGG],
      [1, 1],
      () => 'double',
      (v) => (v.length === 0 ? null : compensatedSum(nums(v)) / v.length),
    ),
  ],
  [
    'sum',
    aggregate(
      [NUMERIC_AGG],
      [1, 1],
      (t) => (t === 'double' ? 'double' : 'long'),
      (v, type) =>
        v.length === 0
          ? null
          : type === 'double'
            ? compensatedSum(nums(v))
            : exactInteger(
                nums(v).reduce((a, b) => a + b, 0),
                'long',
              ),
    ),
  ],
  ['min', aggregate([ORDERABLE], [1, 1], (t) => t, extreme(-1))],
  ['max', aggregate([ORDERABLE], [1, 1], (t) => t, extreme(1))],
  [
    'median',
    aggregate(
      [NUMERIC_AGG],
      [1, 1],
      () => 'double',
      (v) => (v.length === 0 ? null : sortedQuantile(0.5, sorted(v))),
    ),
  ],
  [
    'median_absolute_deviation',
    {
      ...aggregate(
        [NUMERIC_AGG],
        [1, 1],
        () => 'double',
        (v) => (v.length === 0 ? null : medianAbsoluteDeviation(sorted(v))),
      ),
      foldsOnce: true,
    },
  ],
  [
    'percentile',
    aggregate(
      [NUMERIC_AGG, NUMERIC],
      [2, 2],
      () => 'double',
      (v, _t, [p]) => (v.length === 0 || typeof p !== 'number' ? null : sortedQuantile(p / 100, sorted(v))),
    ),
  ],
  [
    'st_centroid_agg',
    aggregate(
      [SPATIAL_POINT],
      [1, 1],
      (t) => t,
      (v, type, _c, _r, docValues) => spatialCentroid(v, type, docValues),
    ),
  ],
  ['top', TOP],
  ['weighted_avg', WEIGHTED_AVG],
  [
    'values',
    aggregate(
      [VALUES_ARG],
      [1, 1],
      (t) => t,
      (v) => cellOf([...new Set(v)]),
    ),
  ],
])

/** The values COUNT(*) is given: a marker for "count the rows". */
export const ALL_ROWS: readonly EsqlScalar[] = Object.freeze([])
