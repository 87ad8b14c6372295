/**
 * Percentiles of latency samples, as Kafka's ProducerPerformance takes them: the value at index
 * floor(p × n) of the sorted samples (the median of an even count is the upper middle one).
 */

/** Sorts `samples` in place and returns its p-th percentile (0 ≤ p < 1); NaN when there are none. */
export function percentile(samples: Float64Array, p: number): number {
  samples.sort()
  return samples[Math.min(samples.length - 1, Math.floor(p * samples.length))] ?? Number.NaN
}
