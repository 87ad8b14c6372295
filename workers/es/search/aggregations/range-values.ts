/**
 * The RANGE values source (CoreValuesSourceType.RANGE) of a range field (integer_range, long_range, float_range,
 * double_range, date_range, ip_range): what ES 8.17 aggregates over one and how it refuses the rest.
 *
 * ES registers RANGE for `histogram` (RangeHistogramAggregator), `date_histogram` (DateRangeHistogramAggregator),
 * `value_count`, `cardinality` and `missing` (ALL_CORE). Every other aggregation is refused by the registry
 * ("Field [f] of type [long_range] is not supported for aggregation [terms]"), and a `missing` value by
 * RANGE.replaceMissing before that ("Can't apply missing values on a class ...ValuesSource$Range"). A value script
 * is ignored, as RANGE.getField ignores it.
 *
 * A document's ranges: the index keeps its lower bounds under the field and its upper bounds under `<field>#to`,
 * each list sorted on its own (doc-values.ts), so which lower bound went with which upper bound is lost. Pairing the
 * i-th lowest lower bound with the i-th lowest upper bound gives ranges with lower ≤ upper whose union is the union of
 * the document's own ranges (a point x is covered iff more lower bounds are ≤ x than upper bounds are < x, which
 * depends on the two lists alone). The histograms count a document once in every bucket its union overlaps, so they
 * are exact; `cardinality` tells documents apart by the two lists (docs/DEVIATIONS.md). ES keeps a document's ranges
 * as one binary doc value, so `value_count` counts 1 per document with ranges.
 *
 * Invariant: `ranges(doc)` is sorted by lower bound, each pair's lower bound ≤ its upper bound. ip_range's bounds are
 * terms without doc values here: only the histograms' refusals reach them.
 */
import { illegalArgumentException } from '../../errors/index.ts'
import type { XContentValue } from '../../xcontent/index.ts'
import { isRangeType, rangeToField } from '../../index/mapper/range-type.ts'
import type { FieldInfo, FieldValue, ShardContext } from './aggregation-context.ts'

/** The aggregations other than the histograms whose registries take the RANGE values source type. */
const RANGE_METRICS: ReadonlySet<string> = new Set(['value_count', 'cardinality', 'missing'])

export interface RangeValuesSource {
  readonly info: FieldInfo
  /** The document's ranges as pairs of bounds (see the header). */
  ranges(doc: number): ReadonlyArray<readonly [number, number]>
}

/**
 * The range field `field` reads on this shard, null when it is not a mapped range field; a `missing` value fails as
 * RANGE.replaceMissing fails it.
 */
export function rangeValuesSource(
  shard: ShardContext,
  field: string | null,
  missing: XContentValue | undefined,
): RangeValuesSource | null {
  const info = field === null ? null : shard.source.field(field)
  if (field === null || info === null || !isRangeType(info.type)) return null
  if (missing !== undefined && missing !== null)
    throw illegalArgumentException(
      "Can't apply missing values on a class org.elasticsearch.search.aggregations.support.ValuesSource$Range",
    )
  const upperField = rangeToField(shard.source.concreteName(field))
  return {
    info,
    ranges(doc) {
      const lower = shard.source.values(field, doc) as readonly number[]
      const upper = shard.source.values(upperField, doc) as readonly number[]
      return lower.map((from, i): readonly [number, number] => [from, upper[i] as number])
    },
  }
}

/**
 * The values `value_count`, `cardinality` and `missing` read of a range field: one per document with ranges, which
 * tells its ranges apart (its sorted lower and upper bounds); null for an aggregation whose registry has no RANGE.
 */
export function rangeMetricValues(
  range: RangeValuesSource,
  field: string,
  aggregation: string,
): ((doc: number) => readonly FieldValue[]) | null {
  if (!RANGE_METRICS.has(aggregation)) return null
  if (range.info.type === 'ip_range')
    throw illegalArgumentException(
      `aggregations over the [ip_range] field [${field}] are not available in the playground`,
    )
  return (doc) => {
    const ranges = range.ranges(doc)
    return ranges.length === 0 ? [] : [JSON.stringify(ranges)]
  }
}

/**
 * The RangeHistogramAggregator / DateRangeHistogramAggregator constructors' checks of the range type: `histogram`
 * takes the numeric ones (date_range included), `date_histogram` date_range alone.
 */
export function checkHistogramRange(type: string, aggregation: string): void {
  if (aggregation === 'date_histogram' && type !== 'date_range')
    throw illegalArgumentException(`Expected date range type but found range type [${type}]`)
  if (aggregation === 'histogram' && type === 'ip_range')
    throw illegalArgumentException(`Expected numeric range type but found non-numeric range [${type}]`)
}
