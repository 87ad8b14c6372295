/**
 * The statistics of one field merged into one metric aggregation, as ES SQL's Optimizer does before the
 * QueryTranslator asks for them (an InnerAggregate reads its value from the outer metric):
 * - ReplaceAggsWithMatrixStats: KURTOSIS and SKEWNESS of a field share one `matrix_stats`, named `MATRIX(f)`;
 * - ReplaceAggsWithExtendedStats: STDDEV_POP, STDDEV_SAMP, SUM_OF_SQUARES, VAR_POP and VAR_SAMP of a field share
 *   one `extended_stats`, named `EXT_STATS(f)`;
 * - ReplaceAggsWithStats: MIN, MAX, AVG and SUM of a field share one `stats`, named `STATS(f)`, once at least two
 *   of these functions are used on it; ReplaceSumWithStats then reads every other SUM from a `stats` too (its
 *   count tells a sum of no values, null, from a sum of zeros);
 * - PromoteStatsToExtendedStats: a field's `stats` becomes its `extended_stats` when it has one.
 * Each merged aggregate maps its text to the metric's name and kind; the others keep their own metric. Only
 * aggregates over a field are merged (the composite path reads no others).
 */
import type { SelectPlan } from './analyzer.ts'
import { isAggregate, walk } from './expressions.ts'
import type { FunctionCall } from './sql-ast.ts'

export type MergedKind = 'stats' | 'extended_stats' | 'matrix_stats'

export interface MergedMetric {
  /** The metric aggregation's name (the outer function's text). */
  readonly name: string
  readonly kind: MergedKind
  /** The field, by its SQL name. */
  readonly field: string
}

const MATRIX = new Set(['KURTOSIS', 'SKEWNESS'])
const EXTENDED = new Set(['STDDEV_POP', 'STDDEV_SAMP', 'SUM_OF_SQUARES', 'VAR_POP', 'VAR_SAMP'])
const STATS = new Set(['MIN', 'MAX', 'AVG', 'SUM'])

/** Every aggregate call of a grouped SELECT: its columns, HAVING and ORDER BY. */
export function planAggregates(plan: SelectPlan): FunctionCall[] {
  const sources = [
    ...plan.columns.map((c) => c.expression),
    ...(plan.having ? [plan.having] : []),
    ...plan.orderBy.map((o) => o.expression),
  ]
  return sources.flatMap((e) => [...walk(e)].filter(isAggregate)) as FunctionCall[]
}

/** The merged metric each aggregate (by its text) is read from. */
export function mergeStatistics(calls: readonly FunctionCall[]): Map<string, MergedMetric> {
  const onField = calls.filter((c) => c.args[0]?.kind === 'field' && !c.distinct)
  const fieldOf = (c: FunctionCall): string => (c.args[0]?.kind === 'field' ? c.args[0].name : '')
  const statsFunctions = new Map<string, Set<string>>()
  const extended = new Set<string>()
  for (const c of onField) {
    if (EXTENDED.has(c.name)) extended.add(fieldOf(c))
    if (STATS.has(c.name))
      statsFunctions.set(fieldOf(c), (statsFunctions.get(fieldOf(c)) ?? new Set()).add(c.name))
  }
  const merged = new Map<string, MergedMetric>()
  for (const c of onField) {
    const field = fieldOf(c)
    const text = c.args[0]!.text
    if (MATRIX.has(c.name)) merged.set(c.text, { name: `MATRIX(${text})`, kind: 'matrix_stats', field })
    else if (
      EXTENDED.has(c.name) ||
      (STATS.has(c.name) && extended.has(field) && promoted(c, statsFunctions))
    )
      merged.set(c.text, { name: `EXT_STATS(${text})`, kind: 'extended_stats', field })
    else if (STATS.has(c.name) && promoted(c, statsFunctions))
      merged.set(c.text, { name: `STATS(${text})`, kind: 'stats', field })
  }
  return merged
}

/** Whether ReplaceAggsWithStats (two functions or more on the field) or ReplaceSumWithStats applies. */
function promoted(c: FunctionCall, statsFunctions: ReadonlyMap<string, ReadonlySet<string>>): boolean {
  const field = c.args[0]?.kind === 'field' ? c.args[0].name : ''
  return c.name === 'SUM' || (statsFunctions.get(field)?.size ?? 0) > 1
}
