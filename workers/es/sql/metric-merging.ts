/**
 * The statistics of one field merged into one metric aggregation, as ES SQL's Optimizer does before the
 * QueryTranslator asks for them (an InnerAggregate reads its value from the outer metric):
 * - ReplaceAggsWithMatrixStats: KURTOSIS and SKEWNESS of a field share one `matrix_stats`, named `MATRIX(f)`;
 * - ReplaceAggsWithExtendedStats: STDDEV_POP, STDDEV_SAMP, SUM_OF_SQUARES, VAR_POP and VAR_SAMP of a field share
 *   one `extended_stats`, named `EXT_STATS(f)`;
 * - ReplaceAggsWithStats: MIN, MAX, AVG and SUM of a field share one `stats`, named `STATS(f)`, once at least two
 *   of these functions are used on it; ReplaceSumWithStats then reads every other SUM from a `stats` too (its
 *   count tells a sum of no values, null, from a sum of zeros);
 * - PromoteStatsToExtendedStats: a field's `stats` becomes its `extended_stats` when it has one;
 * - ReplaceAggsWithPercentiles / ReplaceAggsWithPercentileRanks: the PERCENTILEs (PERCENTILE_RANKs) of one field
 *   and one configuration (method and its parameter, the defaults included) share one `percentiles`
 *   (`percentile_ranks`) of all their distinct values, named `PERCENTILES(f)` (`PERCENTILE_RANKS(f)`), with the
 *   configuration after the field when it is not tdigest's default: `PERCENTILES(f, hdr, 3)`.
 * Each merged aggregate maps its text to the metric's name and kind; the others keep their own metric. Only
 * aggregates over a field are merged (the composite path reads no others).
 */
import type { SelectPlan } from './analyzer.ts'
import { isAggregate, walk } from './expressions.ts'
import type { Expression, FunctionCall } from './sql-ast.ts'

export type MergedKind = 'stats' | 'extended_stats' | 'matrix_stats' | 'percentiles' | 'percentile_ranks'

/** A percentiles aggregation's PercentilesConfig. */
export interface PercentilesConfig {
  readonly method: 'tdigest' | 'hdr'
  /** tdigest's compression or hdr's number_of_significant_value_digits. */
  readonly parameter: number
}

export interface MergedMetric {
  /** The metric aggregation's name (the outer function's text). */
  readonly name: string
  readonly kind: MergedKind
  /** The field, by its SQL name. */
  readonly field: string
  /** A percentiles metric's configuration and its values (percents or ranked values), in first-use order. */
  readonly percentiles?: { readonly config: PercentilesConfig; readonly values: readonly number[] }
}

const PERCENTILE_KINDS: Readonly<Record<string, MergedKind>> = {
  PERCENTILE: 'percentiles',
  PERCENTILE_RANK: 'percentile_ranks',
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
  mergePercentiles(onField, merged)
  return merged
}

function literalNumber(e: Expression | undefined): number | null {
  return e?.kind === 'literal' && typeof e.value === 'number' ? e.value : null
}

/** Percentile.percentilesConfig: tdigest (compression 100) unless the third argument names hdr (3 digits). */
function percentilesConfig(call: FunctionCall): PercentilesConfig {
  const third = call.args[2]
  const hdr = third?.kind === 'literal' && third.value === 'hdr'
  const parameter = literalNumber(call.args[3])
  return hdr
    ? { method: 'hdr', parameter: parameter ?? 3 }
    : { method: 'tdigest', parameter: parameter ?? 100 }
}

/** One `percentiles` / `percentile_ranks` per kind, field and configuration (PercentileKey). */
function mergePercentiles(calls: readonly FunctionCall[], merged: Map<string, MergedMetric>): void {
  const groups = new Map<string, { metric: MergedMetric; values: number[]; calls: FunctionCall[] }>()
  for (const c of calls) {
    const kind = PERCENTILE_KINDS[c.name]
    const arg = c.args[1]
    if (kind === undefined || arg?.kind !== 'literal' || c.args[0]?.kind !== 'field') continue
    const value = Number(arg.value)
    const config = percentilesConfig(c)
    const shown =
      config.method === 'tdigest' && config.parameter === 100 ? '' : `, ${config.method}, ${config.parameter}`
    const name = `${kind.toUpperCase()}(${c.args[0].text}${shown})`
    let group = groups.get(name)
    if (group === undefined) {
      group = { metric: { name, kind, field: c.args[0].name }, values: [], calls: [] }
      groups.set(name, group)
    }
    if (!group.values.includes(value)) group.values.push(value)
    group.calls.push(c)
  }
  for (const { metric, values, calls: members } of groups.values()) {
    const config = percentilesConfig(members[0]!)
    for (const c of members) merged.set(c.text, { ...metric, percentiles: { config, values } })
  }
}

/** Whether ReplaceAggsWithStats (two functions or more on the field) or ReplaceSumWithStats applies. */
function promoted(c: FunctionCall, statsFunctions: ReadonlyMap<string, ReadonlySet<string>>): boolean {
  const field = c.args[0]?.kind === 'field' ? c.args[0].name : ''
  return c.name === 'SUM' || (statsFunctions.get(field)?.size ?? 0) > 1
}
