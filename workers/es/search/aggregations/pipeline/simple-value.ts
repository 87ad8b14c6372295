/**
 * The results pipeline aggregations add, rendered as ES 8 renders them:
 * - InternalSimpleValue (avg_bucket, sum_bucket, cumulative_sum, bucket_script, serial_diff, moving_fn):
 *   `{"value": <double>}`, `null` when the value is NaN or infinite;
 * - InternalDerivative: the same, then `normalized_value` (value / (key distance / unit)) when a `unit`
 *   was given;
 * - InternalBucketMetricValue (min_bucket, max_bucket): `{"value": <double>, "keys": [...]}`, the value
 *   null when infinite (no buckets), the keys those of the buckets holding the extreme, as their
 *   getKeyAsString;
 * - InternalPercentilesBucket (percentiles_bucket): `{"values": {"<percent as a Java double>": <value>}}`,
 *   each value the one at index round(p / 100 · (n − 1)) of the sorted values, null when there are none.
 * `format` (a DecimalFormat pattern) is not available, so no `*_as_string` field is written.
 * They exist only on the coordinating node after the final reduce and never cross the wire.
 */
import { JavaDouble, javaDoubleToString, type JsonOut, type XContentObject } from '../../../xcontent/index.ts'
import type { InternalAggregationWire } from '../aggregation-wire.ts'
import { InternalAggregation } from '../internal-aggregation.ts'

function doubleOrNull(value: number): JsonOut {
  return Number.isFinite(value) ? new JavaDouble(value) : null
}

abstract class PipelineResult extends InternalAggregation {
  reduce(): InternalAggregation {
    return this
  }

  writeTo(): InternalAggregationWire {
    throw new TypeError(`pipeline result [${this.name}] is made after the final reduce and is never sent`)
  }
}

export class InternalSimpleValue extends PipelineResult {
  constructor(
    name: string,
    meta: XContentObject | null,
    readonly value: number,
  ) {
    super(name, meta)
  }

  override sortValue(): number {
    return this.value
  }

  protected body(out: Map<string, JsonOut>): void {
    out.set('value', doubleOrNull(this.value))
  }
}

export class InternalDerivative extends InternalSimpleValue {
  constructor(
    name: string,
    meta: XContentObject | null,
    value: number,
    /** The key distance in `unit`s; ≤ 0 when no unit was given. */
    readonly normalizationFactor: number,
  ) {
    super(name, meta, value)
  }

  protected override body(out: Map<string, JsonOut>): void {
    super.body(out)
    if (this.normalizationFactor > 0) {
      out.set('normalized_value', doubleOrNull(this.value / this.normalizationFactor))
    }
  }
}

export class InternalBucketMetricValue extends PipelineResult {
  constructor(
    name: string,
    meta: XContentObject | null,
    readonly value: number,
    readonly keys: readonly string[],
  ) {
    super(name, meta)
  }

  override sortValue(): number {
    return this.value
  }

  protected body(out: Map<string, JsonOut>): void {
    out.set('value', Number.isFinite(this.value) ? new JavaDouble(this.value) : null)
    out.set('keys', [...this.keys])
  }
}

export class InternalPercentilesBucket extends PipelineResult {
  constructor(
    name: string,
    meta: XContentObject | null,
    readonly percents: readonly number[],
    /** The bucket values, sorted ascending. */
    readonly sorted: readonly number[],
    readonly keyed: boolean,
  ) {
    super(name, meta)
  }

  percentile(percent: number): number {
    if (this.sorted.length === 0) return NaN
    const index = Math.round((percent / 100) * (this.sorted.length - 1))
    return this.sorted[index]!
  }

  override sortValue(metric: string | null): number | null {
    return metric === null ? null : this.percentile(Number(metric))
  }

  protected body(out: Map<string, JsonOut>): void {
    if (this.keyed) {
      const values = new Map<string, JsonOut>()
      for (const p of this.percents) values.set(javaDoubleToString(p), doubleOrNull(this.percentile(p)))
      out.set('values', values)
    } else {
      out.set(
        'values',
        this.percents.map(
          (p) =>
            new Map<string, JsonOut>([
              ['key', new JavaDouble(p)],
              ['value', doubleOrNull(this.percentile(p))],
            ]),
        ),
      )
    }
  }
}
