/**
 * Figures of a benchmark repeated over several runs: each figure is reported as the median of its runs,
 * with the lowest and highest beside it, so one quiet or one loaded spell of the machine moves neither the
 * figure nor its ratio. Callers alternate the runs of the things they compare (A B A B …), so a slow spell
 * falls on both sides of a ratio.
 */
import { percentile } from './es/percentile.ts'
import type { BenchResult } from './result.ts'

/** How many runs a figure is the median of, and the lowest and highest of them. */
export interface RunSpread {
  count: number
  min: number
  max: number
}

/** The median of `values` (the upper middle one of an even count) and their spread; `values` is not empty. */
export function medianRun(values: readonly number[]): { value: number; runs: RunSpread } {
  if (values.length === 0) throw new Error('medianRun of no runs')
  return {
    value: percentile(Float64Array.from(values), 0.5),
    runs: { count: values.length, min: Math.min(...values), max: Math.max(...values) },
  }
}

/** One field of every run, as the median row figure: `{ value, runs }` to spread into a BenchResult. */
export function medianOf<R>(
  results: readonly R[],
  field: (result: R) => number,
): Pick<BenchResult, 'value' | 'runs'> {
  return medianRun(results.map(field))
}
