/**
 * The aggregation types an Elasticsearch 8 node with the default distribution registers (SearchModule plus
 * the x-pack plugins), used for ES's "did you mean" suggestion on an unknown type, which is
 * SuggestingErrorOnUnknown: candidates whose Lucene LevenshteinDistance similarity
 * (1 - edits / max(length)) is above 0.5, best first, then by name.
 */

export const REGISTERED_AGGREGATIONS: readonly string[] = [
  'adjacency_matrix',
  'auto_date_histogram',
  'avg',
  'avg_bucket',
  'boxplot',
  'bucket_correlation',
  'bucket_count_ks_test',
  'bucket_script',
  'bucket_selector',
  'bucket_sort',
  'cardinality',
  'categorize_text',
  'change_point',
  'children',
  'composite',
  'cumulative_cardinality',
  'cumulative_sum',
  'date_histogram',
  'date_range',
  'derivative',
  'diversified_sampler',
  'extended_stats',
  'extended_stats_bucket',
  'filter',
  'filters',
  'frequent_item_sets',
  'geo_bounds',
  'geo_centroid',
  'geo_distance',
  'geo_line',
  'geohash_grid',
  'geohex_grid',
  'geotile_grid',
  'global',
  'histogram',
  'inference',
  'ip_prefix',
  'ip_range',
  'matrix_stats',
  'max',
  'max_bucket',
  'median_absolute_deviation',
  'min',
  'min_bucket',
  'missing',
  'moving_fn',
  'moving_percentiles',
  'multi_terms',
  'nested',
  'normalize',
  'parent',
  'percentile_ranks',
  'percentiles',
  'percentiles_bucket',
  'random_sampler',
  'range',
  'rare_terms',
  'rate',
  'reverse_nested',
  'sampler',
  'scripted_metric',
  'serial_diff',
  'significant_terms',
  'significant_text',
  'stats',
  'stats_bucket',
  'string_stats',
  'sum',
  'sum_bucket',
  't_test',
  'terms',
  'time_series',
  'top_hits',
  'top_metrics',
  'value_count',
  'variable_width_histogram',
  'weighted_avg',
]

/** `" did you mean [terms]?"`, `" did you mean any of [a, b]?"` or "". */
export function suggest(unknown: string, candidates: readonly string[]): string {
  const scored = candidates
    .map((candidate) => ({ candidate, similarity: similarity(unknown, candidate) }))
    .filter((s) => s.similarity > 0.5)
    .sort((a, b) => b.similarity - a.similarity || (a.candidate < b.candidate ? -1 : 1))
    .map((s) => s.candidate)
  if (scored.length === 0) return ''
  return scored.length === 1
    ? ` did you mean [${scored[0]}]?`
    : ` did you mean any of [${scored.join(', ')}]?`
}

/** Lucene's LevenshteinDistance.getDistance, computed in float as Lucene does. */
export function similarity(a: string, b: string): number {
  if (a.length === 0 || b.length === 0) return a === b ? 1 : 0
  let previous = Array.from({ length: a.length + 1 }, (_, i) => i)
  for (let j = 1; j <= b.length; j++) {
    const current = [j]
    for (let i = 1; i <= a.length; i++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      current[i] = Math.min(current[i - 1]! + 1, previous[i]! + 1, previous[i - 1]! + cost)
    }
    previous = current
  }
  return Math.fround(1 - Math.fround(previous[a.length]!) / Math.max(a.length, b.length))
}
