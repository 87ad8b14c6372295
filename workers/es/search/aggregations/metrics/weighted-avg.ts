/**
 * `weighted_avg` as ES 8's WeightedAvgAggregator and InternalWeightedAvg compute and print it: two field configs,
 * `value` and `weight` (multi-values-source.ts: field or script, each with its `missing`); a document with both adds
 * value × weight to the sum and weight to the total weight once per value (Kahan sums), and more than one weight
 * fails the shard; `{"value": sum / weight}`, null while the weight is 0, with `value_as_string` only under the
 * aggregation's own `format` (a DocValueFormat.Decimal pattern: the NUMERIC values source type's formatter, whatever
 * the fields' types). Wire form: the sum, the weight and the format.
 */
import { EsException } from '../../../errors/index.ts'
import { JavaDouble, type JsonOut, type XContentObject } from '../../../xcontent/index.ts'
import type { ValueFormat } from '../aggregation-context.ts'
import {
  rejectSubAggregations,
  type AggregationBuilder,
  type AggregationParser,
} from '../aggregation-builder.ts'
import { AggregationParams } from '../aggregation-params.ts'
import { InternalAggregation, readMeta, type AggregationWireHeader } from '../internal-aggregation.ts'
import {
  decimalValueFormat,
  readValueFormat,
  writeValueFormat,
  type ValueFormatWire,
} from '../doc-value-format.ts'
import { parseFieldConfig, type FieldConfig } from '../multi-values-source.ts'
import { numericValues } from '../values-source.ts'
import { CompensatedSum, compensatedSum } from './compensated-sum.ts'

export interface WeightedAvgWire extends AggregationWireHeader<'weighted_avg'> {
  readonly sum: number
  readonly weight: number
  readonly format: ValueFormatWire | null
}

export class InternalWeightedAvg extends InternalAggregation {
  constructor(
    name: string,
    meta: XContentObject | null,
    readonly sum: number,
    readonly weight: number,
    readonly format: ValueFormat | null,
  ) {
    super(name, meta)
  }

  static readFrom(wire: WeightedAvgWire): InternalWeightedAvg {
    return new InternalWeightedAvg(
      wire.name,
      readMeta(wire.meta),
      wire.sum,
      wire.weight,
      readValueFormat(wire.format),
    )
  }

  writeTo(): WeightedAvgWire {
    return {
      type: 'weighted_avg',
      name: this.name,
      meta: this.wireMeta(),
      sum: this.sum,
      weight: this.weight,
      format: writeValueFormat(this.format),
    }
  }

  reduce(all: readonly InternalAggregation[]): InternalAggregation {
    const parts = all as readonly InternalWeightedAvg[]
    return new InternalWeightedAvg(
      this.name,
      this.meta,
      compensatedSum(parts.map((p) => p.sum)),
      compensatedSum(parts.map((p) => p.weight)),
      this.format,
    )
  }

  override sortValue(): number {
    return this.sum / this.weight
  }

  getType(): string {
    return 'weighted_avg'
  }

  protected body(out: Map<string, JsonOut>): void {
    const value = this.sum / this.weight
    out.set('value', this.weight === 0 ? null : new JavaDouble(value))
    if (this.weight !== 0 && this.format !== null) out.set('value_as_string', this.format.format(value))
  }
}

function requiredConfig(params: AggregationParams, key: 'value' | 'weight'): FieldConfig {
  const body = params.object(key)
  if (body === null) {
    // ES fails later, on the shard, without a message of its own (docs/DEVIATIONS.md)
    throw new EsException({ type: 'illegal_argument_exception', reason: `Required [${key}]`, status: 400 })
  }
  return parseFieldConfig('weighted_avg', key, body, { scriptable: true })
}

export const weightedAvgParser: AggregationParser = (name, body, meta, subs): AggregationBuilder => {
  rejectSubAggregations(name, 'weighted_avg', subs)
  const params = new AggregationParams('weighted_avg', body, ['value', 'weight', 'format', 'value_type'])
  const value = requiredConfig(params, 'value')
  const weight = requiredConfig(params, 'weight')
  const pattern = params.string('format')
  const format = pattern === null ? null : decimalValueFormat(pattern)
  return {
    name,
    type: 'weighted_avg',
    meta,
    subs,
    collect(shard, docs) {
      const values = numericValues(shard, 'weighted_avg', value.source, value.missing)
      const weights = numericValues(shard, 'weighted_avg', weight.source, weight.missing)
      const sum = new CompensatedSum()
      const total = new CompensatedSum()
      for (const doc of docs) {
        const docValues = values.values(doc)
        const docWeights = weights.values(doc)
        if (docValues.length === 0 || docWeights.length === 0) continue
        if (docWeights.length > 1) {
          throw new EsException({
            type: 'aggregation_execution_exception',
            reason:
              'Encountered more than one weight for a single document. Use a script to combine multiple weights-per-doc into a single value.',
            status: 500,
          })
        }
        const w = docWeights[0]!
        for (const v of docValues) {
          sum.add(v * w)
          total.add(w)
        }
      }
      return new InternalWeightedAvg(name, meta, sum.value, total.value, format)
    },
  }
}
