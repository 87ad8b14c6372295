/**
 * The AGGREGATE_METRIC values source (x-pack mapper-aggregate-metric AggregateMetricsValuesSourceType) of an
 * aggregate_metric_double field (index/mapper/aggregate-metric-double-field.ts): what ES 8.17 aggregates over one.
 *
 * ES registers AGGREGATE_METRIC for `min`, `max`, `sum`, `value_count` and `avg` alone (the AggregateMetricBacked*
 * aggregators): min and max read the `min` and `max` metrics, sum the `sum` metric (a Kahan sum), value_count the sum
 * of the `value_count` metric, avg the sum of `sum` over the sum of `value_count`; a metric the field does not keep
 * gives nothing. Every other aggregation is refused by the registry with AGGREGATE_METRIC.getUnregisteredException,
 * an UnsupportedAggregationOnDownsampledIndex (400): "Field [f] of type [aggregate_metric_double] is not supported for
 * aggregation [terms]". A `missing` value fails before that, as AGGREGATE_METRIC.replaceMissing fails it.
 */
import { EsException, illegalArgumentException } from '../../errors/index.ts'
import type { XContentValue } from '../../xcontent/index.ts'
import {
  AGGREGATE_METRIC_DOUBLE,
  metricField,
  type Metric,
} from '../../index/mapper/aggregate-metric-double-field.ts'
import type { ShardContext } from './aggregation-context.ts'
import type { MetricState } from './histogram-values.ts'
import { compensatedSum, extreme } from './metrics/compensated-sum.ts'

export interface AggregateMetricValuesSource {
  /** The document's values of one metric (none, or one). */
  values(metric: Metric, doc: number): readonly number[]
}

/**
 * The aggregate_metric_double field `field` reads on this shard, null when it is not one; a `missing` value fails as
 * AGGREGATE_METRIC.replaceMissing fails it.
 */
export function aggregateMetricValuesSource(
  shard: ShardContext,
  field: string | null,
  missing: XContentValue | undefined,
): AggregateMetricValuesSource | null {
  if (field === null || shard.source.field(field)?.type !== AGGREGATE_METRIC_DOUBLE) return null
  if (missing !== undefined && missing !== null)
    throw illegalArgumentException(
      "Can't apply missing values on a class org.elasticsearch.xpack.aggregatemetric.aggregations.support." +
        'AggregateMetricsValuesSource$AggregateDoubleMetric$Fielddata',
    )
  const path = shard.source.concreteName(field)
  return { values: (metric, doc) => shard.source.values(metricField(path, metric), doc) as readonly number[] }
}

/** The AggregateMetricBacked{Min,Max,Sum,Avg,ValueCount}Aggregator's state over `docs`. */
export function aggregateMetricState(
  source: AggregateMetricValuesSource,
  kind: 'avg' | 'sum' | 'min' | 'max' | 'value_count',
  docs: readonly number[],
): MetricState {
  const read = (metric: Metric) => docs.flatMap((doc) => source.values(metric, doc))
  if (kind === 'min') return { state: extreme(read('min'), Math.min), count: 0 }
  if (kind === 'max') return { state: extreme(read('max'), Math.max), count: 0 }
  const count = read('value_count').reduce((a, b) => a + b, 0)
  if (kind === 'value_count') return { state: count, count }
  return { state: compensatedSum(read('sum')), count }
}

/** AGGREGATE_METRIC.getUnregisteredException for an aggregation its registry lacks. */
export function unsupportedOnDownsampledIndex(field: string, aggregation: string): EsException {
  return new EsException({
    type: 'unsupported_aggregation_on_downsampled_index',
    reason: `Field [${field}] of type [${AGGREGATE_METRIC_DOUBLE}] is not supported for aggregation [${aggregation}]`,
    status: 400,
  })
}
