import type { RunSpread } from './repeat.ts'

/** One figure of a benchmark run, optionally with the peer it was measured against in the same run. */
export interface BenchResult {
  name: string
  value: number
  unit: string
  /** What the figure is compared with, measured in the same run. */
  peer?: string
  /** value / peer's value: above 1 means faster than the peer for throughputs, slower for times. */
  ratio?: number
  /** When `value` is the median of several runs (repeat.ts): how many, and their lowest and highest. */
  runs?: RunSpread
}
