/**
 * The results pipeline aggregations add, rendered as ES 8 renders them:
 * - InternalSimpleValue (avg_bucket, sum_bucket, cumulative_sum, bucket_script, serial_diff, moving_fn):
 *   `{"value": <double>}`, `null` when the value is NaN or infinite;
 * - InternalSimpleLongValue (cumulative_cardinality): `{"value": <long>}`;
 * - InternalDerivative: the same as InternalSimpleValue, then `normalized_value` (value / (key distance / unit)) when a `unit`
 *   was given;
 * - InternalBucketMetricValue (min_bucket, max_bucket): `{"value": <double>, "keys": [...]}`, the value
 *   null when infinite (no buckets), the keys those of the buckets holding the extreme, as their
 *   getKeyAsString;
 * - InternalPercentilesBucket (percentiles_bucket): `{"values": {"<percent as a Java double>": <value>}}`,
 *   each value the one at index round(p / 100 · (n − 1)) of the sorted values, null when there are none.
 * With a `format` (DocValueFormat.Decimal, the pipeline's `format`), each value that is written (not null) is followed
 * by its text: `value_as_string`, `normalized_value_as_string`, `"<percent>_as_string"`.
 * They exist only on the coordinating node after the final reduce and never cross the wire.
 */
import { JavaDouble, javaDoubleToString, type JsonOut, type XContentObject } from '../../../xcontent/index.ts'
import type { InternalAggregationWire } from '../aggregation-wire.ts'
import { InternalAggregation } from '../internal-aggregation.ts'
import type { ValueFormat } from '../aggregation-context.ts'

function doubleOrNull(value: number): JsonOut {
  return Number.isFinite(value) ? new JavaDouble(value) : null
}

/** `key` and, with a format and a finite value, `<key>_as_string` (hasValue && format != RAW). */
function setValue(out: Map<string, JsonOut>, key: string, value: number, format: ValueFormat | null): void {
  out.set(key, doubleOrNull(value))
  if (format !== null && Number.isFinite(value)) out.set(`${key}_as_string`, format.format(value))
}

abstract class PipelineResult extends InternalAggregation {
  reduce(): InternalAggregation {
    return this
  }

  writeTo(): InternalAggregationWire {
    throw new TypeError(`pipeline result [${this.name}] is made after the final reduce and is never sent`)
  }
}

/** A pipeline's one number and the format it is printed with; its sort value is that number. */
abstract class PipelineValue extends PipelineResult {
  constructor(
    name: string,
    meta: XContentObject | null,
    readonly value: number,
    readonly format: ValueFormat | null,
  ) {
    super(name, meta)
  }

  override sortValue(): number {
    return this.value
  }
}

export class InternalSimpleValue extends PipelineValue {
  getType(): string {
    return 'simple_value'
  }

  protected body(out: Map<string, JsonOut>): void {
    setValue(out, 'value', this.value, this.format)
  }
}

export class InternalSimpleLongValue extends PipelineValue {
  getType(): string {
    return 'simple_long_value'
  }

  protected body(out: Map<string, JsonOut>): void {
    out.set('value', this.value)
    if (this.format !== null) out.set('value_as_string', this.format.format(this.value))
  }
}

export class InternalDerivative extends InternalSimpleValue {
  constructor(
    name: string,
    meta: XContentObject | null,
    value: number,
    /** The key distance in `unit`s; ≤ 0 when no unit was given. */
    readonly normalizationFactor: number,
    format: ValueFormat | null,
  ) {
    super(name, meta, value, format)
  }

  override getType(): string {
    return 'derivative'
  }

  protected override body(out: Map<string, JsonOut>): void {
    super.body(out)
    if (this.normalizationFactor > 0) {
      setValue(out, 'normalized_value', this.value / this.normalizationFactor, this.format)
    }
  }
}

export class InternalBucketMetricValue extends PipelineResult {
  constructor(
    name: string,
    meta: XContentObject | null,
    readonly value: number,
    readonly keys: readonly string[],
    readonly format: ValueFormat | null,
  ) {
    super(name, meta)
  }

  override sortValue(): number {
    return this.value
  }

  getType(): string {
    return 'bucket_metric_value'
  }

  protected body(out: Map<string, JsonOut>): void {
    setValue(out, 'value', this.value, this.format)
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
    readonly format: ValueFormat | null,
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

  getType(): string {
    return 'percentiles_bucket'
  }

  protected body(out: Map<string, JsonOut>): void {
    if (this.keyed) {
      const values = new Map<string, JsonOut>()
      for (const p of this.percents) setValue(values, javaDoubleToString(p), this.percentile(p), this.format)
      out.set('values', values)
    } else {
      out.set(
        'values',
        this.percents.map((p) => {
          const entry = new Map<string, JsonOut>([['key', new JavaDouble(p)]])
          const value = this.percentile(p)
          entry.set('value', doubleOrNull(value))
          // InternalPercentilesBucket names the text after the percent, not after `value`
          if (this.format !== null && Number.isFinite(value))
            entry.set(`${javaDoubleToString(p)}_as_string`, this.format.format(value))
          return entry
        }),
      )
    }
  }
}
