/**
 * The wire form of one shard's aggregation results, as ES's InternalAggregations.writeTo and
 * NamedWriteableRegistry read them: a shard node writes its results to plain data (objects, arrays,
 * strings, numbers, booleans, null, Int32Array/Uint8Array/Float64Array) that survive a structured clone
 * between workers, and the coordinating node reads them back into InternalAggregation classes to reduce.
 *
 * Format: an array, one record per request aggregation in request order; each record is
 * `{type, name, meta, ...}` where `type` names the reader (one per InternalAggregation class) and the rest
 * is that class's own wire form, defined next to it; bucket results nest their sub-aggregations' records.
 * Numbers keep every double exactly (including -0, ±Infinity and NaN, which a structured clone keeps and
 * JSON.stringify would not).
 *
 * Invariant (property-tested): reducing read-back results renders byte for byte what reducing the
 * originals renders, and writing a read-back result gives the same wire form again.
 */
import { InternalTerms, type TermsWire } from './bucket/terms.ts'
import { InternalMultiTerms, type MultiTermsWire } from './bucket/multi-terms.ts'
import { InternalAutoDateHistogram, type AutoDateHistogramWire } from './bucket/auto-date-histogram.ts'
import { InternalAdjacencyMatrix, type AdjacencyMatrixWire } from './bucket/adjacency-matrix.ts'
import { InternalSignificantTerms, type SignificantTermsWire } from './bucket/significant-terms.ts'
import { InternalRareTerms, type RareTermsWire } from './bucket/rare-terms.ts'
import { InternalHistogram, type HistogramWire } from './bucket/histogram.ts'
import {
  InternalVariableWidthHistogram,
  type VariableWidthHistogramWire,
} from './bucket/variable-width-histogram.ts'
import { InternalRange, type RangeWire } from './bucket/range.ts'
import { InternalIpRange, type IpRangeWire } from './bucket/ip-range.ts'
import { InternalIpPrefix, type IpPrefixWire } from './bucket/ip-prefix.ts'
import { InternalRandomSampler, type RandomSamplerWire } from './bucket/random-sampler.ts'
import { InternalFilters, type FiltersWire } from './bucket/filters.ts'
import { InternalSingleBucket, type SingleBucketWire } from './bucket/single-bucket.ts'
import { InternalComposite, type CompositeWire } from './bucket/composite.ts'
import { InternalGeoGrid, type GeoGridWire } from './bucket/geo-grid.ts'
import { InternalNumericMetric, type NumericMetricWire } from './metrics/numeric-metrics.ts'
import { InternalStats, type StatsWire } from './metrics/stats.ts'
import { InternalCardinality, type CardinalityWire } from './metrics/cardinality.ts'
import { InternalPercentiles, type PercentilesWire } from './metrics/percentiles.ts'
import { InternalTopHits, type TopHitsWire } from './metrics/top-hits.ts'
import { InternalGeoBounds, type GeoBoundsWire } from './metrics/geo-bounds.ts'
import { InternalCentroid, type CentroidWire } from './metrics/internal-centroid.ts'
import { InternalCartesianBounds, type CartesianBoundsWire } from './metrics/cartesian-bounds.ts'
import {
  InternalBoxplot,
  InternalMedianAbsoluteDeviation,
  type DigestMetricWire,
} from './metrics/digest-metrics.ts'
import { InternalStringStats, type StringStatsWire } from './metrics/string-stats.ts'
import { InternalTopMetrics, type TopMetricsWire } from './metrics/top-metrics.ts'
import { InternalWeightedAvg, type WeightedAvgWire } from './metrics/weighted-avg.ts'
import { InternalRate, type RateWire } from './metrics/rate.ts'
import { InternalScriptedMetric, type ScriptedMetricWire } from './metrics/scripted-metric.ts'
import { InternalTTest, type TTestWire } from './metrics/t-test.ts'
import { InternalMatrixStats, type MatrixStatsWire } from './metrics/matrix-stats.ts'
import type { InternalAggregation, InternalAggregations } from './internal-aggregation.ts'

export type InternalAggregationWire =
  | TermsWire
  | HistogramWire
  | RangeWire
  | IpRangeWire
  | IpPrefixWire
  | RandomSamplerWire
  | FiltersWire
  | SingleBucketWire
  | NumericMetricWire
  | StatsWire
  | CardinalityWire
  | PercentilesWire
  | TopHitsWire
  | GeoGridWire
  | CompositeWire
  | GeoBoundsWire
  | CentroidWire
  | CartesianBoundsWire
  | WeightedAvgWire
  | DigestMetricWire
  | StringStatsWire
  | TopMetricsWire
  | RareTermsWire
  | AdjacencyMatrixWire
  | SignificantTermsWire
  | MultiTermsWire
  | AutoDateHistogramWire
  | RateWire
  | ScriptedMetricWire
  | VariableWidthHistogramWire
  | TTestWire
  | MatrixStatsWire

export type AggregationsWire = readonly InternalAggregationWire[]

/** How a bucket reads its sub-aggregations (readAggregations, passed in as StreamInput carries its registry). */
export type ReadAggregations = (wire: AggregationsWire) => InternalAggregations

export function writeAggregations(aggregations: InternalAggregations): AggregationsWire {
  return aggregations.map((agg) => agg.writeTo())
}

export function readAggregations(wire: AggregationsWire): InternalAggregations {
  return wire.map(readAggregation)
}

function readAggregation(wire: InternalAggregationWire): InternalAggregation {
  switch (wire.type) {
    case 'terms':
      return InternalTerms.readFrom(wire, readAggregations)
    case 'histogram':
      return InternalHistogram.readFrom(wire, readAggregations)
    case 'range':
      return InternalRange.readFrom(wire, readAggregations)
    case 'ip_range':
      return InternalIpRange.readFrom(wire, readAggregations)
    case 'ip_prefix':
      return InternalIpPrefix.readFrom(wire, readAggregations)
    case 'random_sampler':
      return InternalRandomSampler.readFrom(wire, readAggregations)
    case 'filters':
      return InternalFilters.readFrom(wire, readAggregations)
    case 'single_bucket':
      return InternalSingleBucket.readFrom(wire, readAggregations)
    case 'numeric_metric':
      return InternalNumericMetric.readFrom(wire)
    case 'stats':
      return InternalStats.readFrom(wire)
    case 'cardinality':
      return InternalCardinality.readFrom(wire)
    case 'percentiles':
      return InternalPercentiles.readFrom(wire)
    case 'top_hits':
      return InternalTopHits.readFrom(wire)
    case 'geo_grid':
      return InternalGeoGrid.readFrom(wire, readAggregations)
    case 'composite':
      return InternalComposite.readFrom(wire, readAggregations)
    case 'geo_bounds':
      return InternalGeoBounds.readFrom(wire)
    case 'geo_centroid':
    case 'cartesian_centroid':
      return InternalCentroid.readFrom(wire)
    case 'cartesian_bounds':
      return InternalCartesianBounds.readFrom(wire)
    case 'weighted_avg':
      return InternalWeightedAvg.readFrom(wire)
    case 'median_absolute_deviation':
      return InternalMedianAbsoluteDeviation.readFrom(wire)
    case 'boxplot':
      return InternalBoxplot.readFrom(wire)
    case 'string_stats':
      return InternalStringStats.readFrom(wire)
    case 'top_metrics':
      return InternalTopMetrics.readFrom(wire)
    case 'rare_terms':
      return InternalRareTerms.readFrom(wire, readAggregations)
    case 'adjacency_matrix':
      return InternalAdjacencyMatrix.readFrom(wire, readAggregations)
    case 'significant_terms':
      return InternalSignificantTerms.readFrom(wire, readAggregations)
    case 'multi_terms':
      return InternalMultiTerms.readFrom(wire, readAggregations)
    case 'auto_date_histogram':
      return InternalAutoDateHistogram.readFrom(wire, readAggregations)
    case 'rate':
      return InternalRate.readFrom(wire)
    case 'scripted_metric':
      return InternalScriptedMetric.readFrom(wire)
    case 'matrix_stats':
      return InternalMatrixStats.readFrom(wire)
    case 't_test':
      return InternalTTest.readFrom(wire)
    case 'variable_width_histogram':
      return InternalVariableWidthHistogram.readFrom(wire, readAggregations)
    default:
      // A message from a node that knows a type this one does not (NamedWriteableRegistry's failure).
      throw new TypeError(`Unknown NamedWriteable [InternalAggregation][${(wire as { type: string }).type}]`)
  }
}
