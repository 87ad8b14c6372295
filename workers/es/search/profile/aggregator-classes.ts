/**
 * The Aggregator class ES 8 builds for an aggregation type (the profile's `type`): terms by its result type
 * (`sterms` from a keyword field's global ordinals, `lterms`/`dterms` from a numeric field), the others by their
 * aggregation type; a type not listed is named `<Type>Aggregator` from its camel-cased name.
 */
const AGGREGATOR_CLASSES: ReadonlyMap<string, string> = new Map([
  ['avg', 'AvgAggregator'],
  ['sum', 'SumAggregator'],
  ['min', 'MinAggregator'],
  ['max', 'MaxAggregator'],
  ['value_count', 'ValueCountAggregator'],
  ['stats', 'StatsAggregator'],
  ['extended_stats', 'ExtendedStatsAggregator'],
  ['cardinality', 'CardinalityAggregator'],
  ['percentiles', 'TDigestPercentilesAggregator'],
  ['histogram', 'NumericHistogramAggregator'],
  ['date_histogram', 'DateHistogramAggregator'],
  ['range', 'RangeAggregator'],
  ['global', 'GlobalAggregator'],
  ['nested', 'NestedAggregator'],
  ['top_hits', 'TopHitsAggregator'],
  ['significant_text', 'MapStringTermsAggregator'],
])

/** The aggregator class of an aggregation of `type` whose shard result has the typed_keys type `resultType`. */
export function aggregatorClass(type: string, resultType: string | null): string {
  if (type === 'terms')
    return resultType === 'lterms' || resultType === 'dterms'
      ? 'NumericTermsAggregator'
      : 'GlobalOrdinalsStringTermsAggregator'
  return (
    AGGREGATOR_CLASSES.get(type) ??
    `${type.replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase())}Aggregator`
  )
}
