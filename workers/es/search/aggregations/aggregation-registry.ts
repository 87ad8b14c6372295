/**
 * The aggregation types the playground implements, by the name the request uses (SearchModule's
 * registrations). date_histogram, date_range and geo_distance are built on histogram.ts and range.ts; the
 * pipeline aggregations (pipeline/) run after the reduce.
 */
import type { AggregationParser } from './aggregation-builder.ts'
import { adjacencyMatrixParser } from './bucket/adjacency-matrix.ts'
import { compositeParser } from './bucket/composite.ts'
import { dateHistogramParser } from './bucket/date-histogram.ts'
import { dateRangeParser } from './bucket/date-range.ts'
import { filtersParser } from './bucket/filters.ts'
import { geoDistanceParser } from './bucket/geo-distance.ts'
import { geohashGridParser, geotileGridParser } from './bucket/geo-grid.ts'
import { histogramParser } from './bucket/histogram.ts'
import { variableWidthHistogramParser } from './bucket/variable-width-histogram.ts'
import { ipRangeParser } from './bucket/ip-range.ts'
import { ipPrefixParser } from './bucket/ip-prefix.ts'
import { rangeParser } from './bucket/range.ts'
import { filterParser, globalParser, missingParser, samplerParser } from './bucket/single-bucket.ts'
import { diversifiedSamplerParser } from './bucket/diversified-sampler.ts'
import { randomSamplerParser } from './bucket/random-sampler.ts'
import { nestedParser, reverseNestedParser } from './bucket/nested.ts'
import { childrenParser, parentParser } from './bucket/parent-join.ts'
import { termsParser } from './bucket/terms.ts'
import { countedTermsParser } from './bucket/counted-terms.ts'
import { multiTermsParser } from './bucket/multi-terms.ts'
import { autoDateHistogramParser } from './bucket/auto-date-histogram.ts'
import { rareTermsParser } from './bucket/rare-terms.ts'
import { significantTermsParser } from './bucket/significant-terms.ts'
import { significantTextParser } from './bucket/significant-text.ts'
import { cardinalityParser } from './metrics/cardinality.ts'
import { boxplotParser, medianAbsoluteDeviationParser } from './metrics/digest-metrics.ts'
import { geoBoundsParser } from './metrics/geo-bounds.ts'
import { geoCentroidParser } from './metrics/geo-centroid.ts'
import { cartesianBoundsParser } from './metrics/cartesian-bounds.ts'
import { cartesianCentroidParser } from './metrics/cartesian-centroid.ts'
import { avgParser, maxParser, minParser, sumParser, valueCountParser } from './metrics/numeric-metrics.ts'
import { percentileRanksParser, percentilesParser } from './metrics/percentiles.ts'
import { extendedStatsParser, statsAggParser } from './metrics/stats.ts'
import { stringStatsParser } from './metrics/string-stats.ts'
import { topHitsParser } from './metrics/top-hits.ts'
import { topMetricsParser } from './metrics/top-metrics.ts'
import { weightedAvgParser } from './metrics/weighted-avg.ts'
import { rateParser } from './metrics/rate.ts'
import { scriptedMetricParser } from './metrics/scripted-metric.ts'
import { tTestParser } from './metrics/t-test.ts'
import { matrixStatsParser } from './metrics/matrix-stats.ts'
import { bucketScriptParser, bucketSelectorParser } from './pipeline/bucket-script.ts'
import { bucketSortParser } from './pipeline/bucket-sort.ts'
import { movingFnParser } from './pipeline/moving-fn.ts'
import { movingPercentilesParser } from './pipeline/moving-percentiles.ts'
import { normalizeParser } from './pipeline/normalize.ts'
import { cumulativeCardinalityParser } from './pipeline/cumulative-cardinality.ts'
import { cumulativeSumParser, derivativeParser, serialDiffParser } from './pipeline/parent-pipelines.ts'
import {
  avgBucketParser,
  extendedStatsBucketParser,
  maxBucketParser,
  minBucketParser,
  percentilesBucketParser,
  statsBucketParser,
  sumBucketParser,
} from './pipeline/sibling-pipelines.ts'

export const AGGREGATION_PARSERS: ReadonlyMap<string, AggregationParser> = new Map([
  ['terms', termsParser],
  ['counted_terms', countedTermsParser],
  ['multi_terms', multiTermsParser],
  ['rare_terms', rareTermsParser],
  ['significant_terms', significantTermsParser],
  ['significant_text', significantTextParser],
  ['histogram', histogramParser],
  ['variable_width_histogram', variableWidthHistogramParser],
  ['range', rangeParser],
  ['date_histogram', dateHistogramParser],
  ['auto_date_histogram', autoDateHistogramParser],
  ['date_range', dateRangeParser],
  ['ip_range', ipRangeParser],
  ['ip_prefix', ipPrefixParser],
  ['filter', filterParser],
  ['filters', filtersParser],
  ['adjacency_matrix', adjacencyMatrixParser],
  ['missing', missingParser],
  ['global', globalParser],
  ['sampler', samplerParser],
  ['diversified_sampler', diversifiedSamplerParser],
  ['random_sampler', randomSamplerParser],
  ['composite', compositeParser],
  ['nested', nestedParser],
  ['reverse_nested', reverseNestedParser],
  ['children', childrenParser],
  ['parent', parentParser],
  ['avg', avgParser],
  ['sum', sumParser],
  ['min', minParser],
  ['max', maxParser],
  ['value_count', valueCountParser],
  ['stats', statsAggParser],
  ['extended_stats', extendedStatsParser],
  ['cardinality', cardinalityParser],
  ['percentiles', percentilesParser],
  ['percentile_ranks', percentileRanksParser],
  ['median_absolute_deviation', medianAbsoluteDeviationParser],
  ['boxplot', boxplotParser],
  ['string_stats', stringStatsParser],
  ['top_hits', topHitsParser],
  ['weighted_avg', weightedAvgParser],
  ['top_metrics', topMetricsParser],
  ['rate', rateParser],
  ['scripted_metric', scriptedMetricParser],
  ['t_test', tTestParser],
  ['matrix_stats', matrixStatsParser],
  ['geo_distance', geoDistanceParser],
  ['geohash_grid', geohashGridParser],
  ['geotile_grid', geotileGridParser],
  ['geo_bounds', geoBoundsParser],
  ['geo_centroid', geoCentroidParser],
  ['cartesian_bounds', cartesianBoundsParser],
  ['cartesian_centroid', cartesianCentroidParser],
  ['avg_bucket', avgBucketParser],
  ['sum_bucket', sumBucketParser],
  ['min_bucket', minBucketParser],
  ['max_bucket', maxBucketParser],
  ['stats_bucket', statsBucketParser],
  ['extended_stats_bucket', extendedStatsBucketParser],
  ['percentiles_bucket', percentilesBucketParser],
  ['derivative', derivativeParser],
  ['cumulative_sum', cumulativeSumParser],
  ['serial_diff', serialDiffParser],
  ['bucket_script', bucketScriptParser],
  ['bucket_selector', bucketSelectorParser],
  ['bucket_sort', bucketSortParser],
  ['moving_fn', movingFnParser],
  ['moving_percentiles', movingPercentilesParser],
  ['normalize', normalizeParser],
  ['cumulative_cardinality', cumulativeCardinalityParser],
])
