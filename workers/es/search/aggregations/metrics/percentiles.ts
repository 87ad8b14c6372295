/**
 * `percentiles` over ES 8's default TDigestState (HybridDigest, compression 100): below 20 · compression
 * samples it is a SortingDigest, whose quantile is Dist.quantile over the sorted values:
 * index = q · (n − 1), linear interpolation between the neighbours, clamped to the ends. Percents default
 * to [1, 5, 25, 50, 75, 95, 99] and are sorted; output is keyed by Double.toString of each percent
 * ({"values": {"50.0": 76.0}}), or a [{key, value}] list with keyed=false; values are null with no data.
 * Wire form (the digest state): the sorted samples as a Float64Array, the percents, keyed and the format.
 *
 * Known gap: past 20 · compression samples ES switches to a MergingDigest (approximate); this
 * implementation stays exact.
 */
import { illegalArgumentException } from '../../../errors/index.ts'
import {
  JavaDouble,
  XNumber,
  javaDoubleToString,
  type JsonOut,
  type XContentObject,
} from '../../../xcontent/index.ts'
import type { ValueFormat } from '../aggregation-context.ts'
import {
  rejectSubAggregations,
  type AggregationBuilder,
  type AggregationParser,
} from '../aggregation-builder.ts'
import { AggregationParams } from '../aggregation-params.ts'
import { InternalAggregation, readMeta, type AggregationWireHeader } from '../internal-aggregation.ts'
import { readValueFormat, writeValueFormat, type ValueFormatWire } from '../doc-value-format.ts'
import { numericValues } from '../values-source.ts'

const DEFAULT_PERCENTS = [1, 5, 25, 50, 75, 95, 99]

/** tdigest's Dist.quantile over sorted values. */
export function sortedQuantile(q: number, sorted: readonly number[]): number {
  const n = sorted.length
  if (n === 0) return NaN
  const index = q * (n - 1)
  let low = Math.floor(index)
  let high = low + 1
  let weight = index - low
  if (index <= 0) [low, high, weight] = [0, 0, 0]
  if (index >= n - 1) [low, high, weight] = [n - 1, n - 1, 0]
  const lowValue = sorted[low]!
  return lowValue + weight * (sorted[high]! - lowValue)
}

export interface PercentilesWire extends AggregationWireHeader<'percentiles'> {
  readonly samples: Float64Array
  readonly percents: readonly number[]
  readonly keyed: boolean
  readonly format: ValueFormatWire | null
}

export class InternalPercentiles extends InternalAggregation {
  constructor(
    name: string,
    meta: XContentObject | null,
    readonly samples: readonly number[],
    readonly percents: readonly number[],
    readonly keyed: boolean,
    readonly format: ValueFormat | null,
  ) {
    super(name, meta)
  }

  static readFrom(wire: PercentilesWire): InternalPercentiles {
    return new InternalPercentiles(
      wire.name,
      readMeta(wire.meta),
      Array.from(wire.samples),
      [...wire.percents],
      wire.keyed,
      readValueFormat(wire.format),
    )
  }

  writeTo(): PercentilesWire {
    return {
      ...this.header('percentiles'),
      samples: Float64Array.from(this.samples),
      percents: [...this.percents],
      keyed: this.keyed,
      format: writeValueFormat(this.format),
    }
  }

  reduce(all: readonly InternalAggregation[]): InternalAggregation {
    const samples = (all as readonly InternalPercentiles[]).flatMap((p) => p.samples).sort((a, b) => a - b)
    return new InternalPercentiles(this.name, this.meta, samples, this.percents, this.keyed, this.format)
  }

  value(percent: number): number {
    return sortedQuantile(percent / 100, this.samples)
  }

  override sortValue(metric: string | null): number | null {
    return metric === null ? null : this.value(Number(metric))
  }

  protected body(out: Map<string, JsonOut>): void {
    const empty = this.samples.length === 0
    const format = this.format
    if (this.keyed) {
      const values = new Map<string, JsonOut>()
      for (const percent of this.percents) {
        const key = javaDoubleToString(percent)
        const value = this.value(percent)
        values.set(key, empty ? null : new JavaDouble(value))
        if (format !== null && !empty) values.set(`${key}_as_string`, format.format(value))
      }
      out.set('values', values)
      return
    }
    out.set(
      'values',
      this.percents.map((percent) => {
        const value = this.value(percent)
        const entry = new Map<string, JsonOut>([
          ['key', new JavaDouble(percent)],
          ['value', empty ? null : new JavaDouble(value)],
        ])
        if (format !== null && !empty) entry.set('value_as_string', format.format(value))
        return entry
      }),
    )
  }
}

function parsePercents(params: AggregationParams): number[] {
  if (!params.has('percents')) return DEFAULT_PERCENTS
  const raw = params.raw('percents')
  const list = Array.isArray(raw) ? raw : [raw]
  if (list.length === 0) throw illegalArgumentException('[percents] must not be empty')
  return list
    .map((p) => {
      if (!(p instanceof XNumber)) {
        throw illegalArgumentException('[percents] must be an array of numbers')
      }
      if (p.value < 0 || p.value > 100)
        throw illegalArgumentException(`percent must be in [0,100], got [${javaDoubleToString(p.value)}]`)
      return p.value
    })
    .sort((a, b) => a - b)
}

export const percentilesParser: AggregationParser = (name, body, meta, subs): AggregationBuilder => {
  rejectSubAggregations(name, 'percentiles', subs)
  const params = new AggregationParams('percentiles', body, [
    'field',
    'missing',
    'format',
    'percents',
    'keyed',
    'tdigest',
    'script',
    'value_type',
  ])
  const field = params.valuesSource('double')
  const percents = parsePercents(params)
  const keyed = params.boolean('keyed') ?? true
  const compression = params.object('tdigest')?.get('compression')
  if (compression instanceof XNumber && compression.value < 0) {
    throw illegalArgumentException(
      `[compression] must be greater than or equal to 0. Found [${javaDoubleToString(compression.value)}] in [${name}]`,
    )
  }
  return {
    name,
    type: 'percentiles',
    meta,
    subs,
    collect(shard, docs) {
      const source = numericValues(
        shard,
        'percentiles',
        field,
        params.raw('missing'),
        params.string('format'),
      )
      const samples = docs.flatMap((doc) => source.values(doc)).sort((a, b) => a - b)
      return new InternalPercentiles(name, meta, samples, percents, keyed, source.format)
    },
  }
}
