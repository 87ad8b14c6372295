/**
 * The single-value numeric metrics as ES 8 computes and renders them: `avg` ({"value": sum/count} or null),
 * `sum` (Kahan sum, 0.0 for nothing), `min` / `max` (null for nothing), and `value_count` (a long; counts
 * every value of a multi-valued field, keywords included). A field with a non-RAW format (dates) adds
 * `value_as_string` when there is a value. A histogram field's values are read with their counts (histogram-values.ts), an
 * aggregate_metric_double's stored metrics (aggregate-metric-values.ts).
 * Wire form: the kind, the state, the count and the format.
 */
import { JavaDouble, type JsonOut, type XContentObject } from '../../../xcontent/index.ts'
import type { ValueFormat } from '../aggregation-context.ts'
import {
  rejectSubAggregations,
  type AggregationBuilder,
  type AggregationParser,
} from '../aggregation-builder.ts'
import { AggregationParams } from '../aggregation-params.ts'
import { InternalAggregation, readMeta, type AggregationWireHeader } from '../internal-aggregation.ts'
import { readValueFormat, writeValueFormat, type ValueFormatWire } from '../doc-value-format.ts'
import { numericValues, resolveValues, sourceField } from '../values-source.ts'
import { histogramMetric, histogramValuesSource } from '../histogram-values.ts'
import { aggregateMetricState, aggregateMetricValuesSource } from '../aggregate-metric-values.ts'
import { compensatedSum, extreme } from './compensated-sum.ts'

type Kind = 'avg' | 'sum' | 'min' | 'max' | 'value_count'

export interface NumericMetricWire extends AggregationWireHeader<'numeric_metric'> {
  readonly kind: Kind
  readonly state: number
  readonly count: number
  readonly format: ValueFormatWire | null
}

export class InternalNumericMetric extends InternalAggregation {
  constructor(
    name: string,
    meta: XContentObject | null,
    readonly kind: Kind,
    /** sum for avg/sum, the extreme for min/max, the count for value_count. */
    readonly state: number,
    readonly count: number,
    readonly format: ValueFormat | null,
  ) {
    super(name, meta)
  }

  static readFrom(wire: NumericMetricWire): InternalNumericMetric {
    const format = readValueFormat(wire.format)
    return new InternalNumericMetric(
      wire.name,
      readMeta(wire.meta),
      wire.kind,
      wire.state,
      wire.count,
      format,
    )
  }

  writeTo(): NumericMetricWire {
    return {
      type: 'numeric_metric',
      name: this.name,
      meta: this.wireMeta(),
      kind: this.kind,
      state: this.state,
      count: this.count,
      format: writeValueFormat(this.format),
    }
  }

  get value(): number | null {
    if (this.kind === 'avg') return this.count === 0 ? null : this.state / this.count
    if (this.kind === 'min' || this.kind === 'max') return Number.isFinite(this.state) ? this.state : null
    return this.state
  }

  reduce(all: readonly InternalAggregation[]): InternalAggregation {
    const parts = all as readonly InternalNumericMetric[]
    const count = parts.reduce((n, p) => n + p.count, 0)
    const states = parts.map((p) => p.state)
    const state =
      this.kind === 'min'
        ? extreme(states, Math.min)
        : this.kind === 'max'
          ? extreme(states, Math.max)
          : this.kind === 'value_count'
            ? states.reduce((a, b) => a + b, 0)
            : compensatedSum(states)
    return new InternalNumericMetric(this.name, this.meta, this.kind, state, count, this.format)
  }

  override sortValue(): number | null {
    return this.value ?? (this.kind === 'max' ? -Infinity : this.kind === 'min' ? Infinity : NaN)
  }

  getType(): string {
    return this.kind
  }

  protected body(out: Map<string, JsonOut>): void {
    const value = this.value
    out.set('value', value === null ? null : this.kind === 'value_count' ? value : new JavaDouble(value))
    if (value !== null && this.format !== null && this.kind !== 'value_count') {
      out.set('value_as_string', this.format.format(value))
    }
  }
}

function numericMetric(kind: Kind): AggregationParser {
  return (name, body, meta, subs): AggregationBuilder => {
    rejectSubAggregations(name, kind, subs)
    const params = new AggregationParams(kind, body, ['field', 'missing', 'format', 'script', 'value_type'])
    // a script's default values source type: ValueCountAggregationBuilder's keyword, the others' numeric
    const field = params.valuesSource(kind === 'value_count' ? 'keyword' : 'double')
    const missing = params.raw('missing')
    return {
      name,
      type: kind,
      meta,
      subs,
      collect(shard, docs) {
        const histogram = histogramValuesSource(shard, sourceField(field), missing)
        const aggregateMetric = aggregateMetricValuesSource(shard, sourceField(field), missing)
        const stored =
          histogram !== null
            ? histogramMetric(histogram, kind, docs)
            : aggregateMetric !== null
              ? aggregateMetricState(aggregateMetric, kind, docs)
              : null
        if (stored !== null)
          return new InternalNumericMetric(name, meta, kind, stored.state, stored.count, null)
        if (kind === 'value_count') {
          // ValueCountAggregator reads a numeric source's longValues
          const config = resolveValues(shard, field, missing, kind, true)
          let count = 0
          for (const doc of docs) count += config.values(doc).length
          return new InternalNumericMetric(name, meta, kind, count, count, null)
        }
        const source = numericValues(shard, kind, field, missing, params.string('format'))
        const values = docs.flatMap((doc) => source.values(doc))
        const state =
          kind === 'min'
            ? extreme(values, Math.min)
            : kind === 'max'
              ? extreme(values, Math.max)
              : compensatedSum(values)
        return new InternalNumericMetric(name, meta, kind, state, values.length, source.format)
      },
    }
  }
}

export const avgParser = numericMetric('avg')
export const sumParser = numericMetric('sum')
export const minParser = numericMetric('min')
export const maxParser = numericMetric('max')
export const valueCountParser = numericMetric('value_count')
