/**
 * The other metrics over a TDigestState (percentiles.ts: exact, a SortingDigest of the sorted samples, below
 * 20 · compression samples):
 * - `median_absolute_deviation` (InternalMedianAbsoluteDeviation): the median of the samples' absolute deviations
 *   from their median, both by Dist.quantile; `{"value": mad}`, null without samples, `value_as_string` under a
 *   non-RAW format. `compression` (default 1000) must be > 0.
 * - `boxplot` (x-pack InternalBoxplot): min, max, q1, q2, q3 (quantiles 0.25, 0.5, 0.75) and the whiskers: `lower` the
 *   first sample above q1 − 1.5 · IQR, `upper` the last sample before the first above q3 + 1.5 · IQR (else the max);
 *   each with `<name>_as_string` under a non-RAW format (a date format prints Java's (long) cast of the value, so an
 *   empty digest's NaN is the epoch and its Infinity Long.MAX_VALUE, 1 ms later here: a double holds only 2^63). Without samples min is Infinity, max and upper -Infinity,
 *   the rest NaN, printed as Jackson prints non-finite doubles ("Infinity", "NaN"). `compression` (default 100) must
 *   be >= 0.
 * Wire form: the sorted samples as a Float64Array and the format.
 */
import { illegalArgumentException } from '../../../errors/index.ts'
import { JavaDouble, javaDoubleToString, type JsonOut, type XContentObject } from '../../../xcontent/index.ts'
import type { ValueFormat } from '../aggregation-context.ts'
import {
  rejectSubAggregations,
  type AggregationBuilder,
  type AggregationParser,
} from '../aggregation-builder.ts'
import { AggregationParams } from '../aggregation-params.ts'
import { InternalAggregation, readMeta, type AggregationWireHeader } from '../internal-aggregation.ts'
import { readValueFormat, writeValueFormat, type ValueFormatWire } from '../doc-value-format.ts'
import { DateValueFormat } from '../date-value-format.ts'
import { checkCompression, collectSamples, sortedQuantile } from './percentiles.ts'

type DigestMetric = 'median_absolute_deviation' | 'boxplot'

export interface DigestMetricWire extends AggregationWireHeader<DigestMetric> {
  readonly samples: Float64Array
  readonly format: ValueFormatWire | null
}

/**
 * InternalMedianAbsoluteDeviation.computeMedianAbsoluteDeviation over a SortingDigest of `sorted` (ascending): the
 * median of the absolute deviations from the median (NaN without samples). ES|QL's MEDIAN_ABSOLUTE_DEVIATION too.
 */
export function medianAbsoluteDeviation(sorted: readonly number[]): number {
  const median = sortedQuantile(0.5, sorted)
  return sortedQuantile(
    0.5,
    sorted.map((v) => Math.abs(median - v)).sort((a, b) => a - b),
  )
}

abstract class InternalDigestMetric extends InternalAggregation {
  constructor(
    name: string,
    meta: XContentObject | null,
    /** Sorted ascending. */
    readonly samples: readonly number[],
    readonly format: ValueFormat | null,
  ) {
    super(name, meta)
  }

  protected abstract readonly type: DigestMetric

  getType(): string {
    return this.type
  }

  protected abstract create(samples: readonly number[]): InternalDigestMetric

  writeTo(): DigestMetricWire {
    return {
      ...this.header(this.type),
      samples: Float64Array.from(this.samples),
      format: writeValueFormat(this.format),
    }
  }

  reduce(all: readonly InternalAggregation[]): InternalAggregation {
    return this.create(
      (all as readonly InternalDigestMetric[]).flatMap((p) => p.samples).sort((a, b) => a - b),
    )
  }
}

export class InternalMedianAbsoluteDeviation extends InternalDigestMetric {
  protected readonly type = 'median_absolute_deviation'

  static readFrom(wire: DigestMetricWire): InternalMedianAbsoluteDeviation {
    return new InternalMedianAbsoluteDeviation(
      wire.name,
      readMeta(wire.meta),
      Array.from(wire.samples),
      readValueFormat(wire.format),
    )
  }

  protected create(samples: readonly number[]): InternalDigestMetric {
    return new InternalMedianAbsoluteDeviation(this.name, this.meta, samples, this.format)
  }

  get value(): number {
    return medianAbsoluteDeviation(this.samples)
  }

  override sortValue(): number {
    return this.value
  }

  protected body(out: Map<string, JsonOut>): void {
    const empty = this.samples.length === 0
    const value = this.value
    out.set('value', empty ? null : new JavaDouble(value))
    if (!empty && this.format !== null) out.set('value_as_string', this.format.format(value))
  }
}

/** Java's (long) cast of a double, as a double: NaN is 0, values past the long range are clamped to ±2^63. */
function javaLongCast(value: number): number {
  if (Number.isNaN(value)) return 0
  return Math.max(Math.min(Math.trunc(value), 2 ** 63), -(2 ** 63))
}

const BOXPLOT_METRICS = ['min', 'max', 'q1', 'q2', 'q3', 'lower', 'upper'] as const

export class InternalBoxplot extends InternalDigestMetric {
  protected readonly type = 'boxplot'

  static readFrom(wire: DigestMetricWire): InternalBoxplot {
    return new InternalBoxplot(
      wire.name,
      readMeta(wire.meta),
      Array.from(wire.samples),
      readValueFormat(wire.format),
    )
  }

  protected create(samples: readonly number[]): InternalDigestMetric {
    return new InternalBoxplot(this.name, this.meta, samples, this.format)
  }

  /** InternalBoxplot.Metrics by name, in output order. */
  private metrics(): Map<string, number> {
    const s = this.samples
    const n = s.length
    const q1 = sortedQuantile(0.25, s)
    const q3 = sortedQuantile(0.75, s)
    const iqr = q3 - q1
    const lowerFence = q1 - 1.5 * iqr
    const upperFence = q3 + 1.5 * iqr
    let lower = NaN
    let upper = NaN
    for (let i = 0; i < n; i++) {
      if (Number.isNaN(lower) && s[i]! > lowerFence) lower = s[i]!
      if (s[i]! > upperFence) {
        upper = s[i - 1]!
        break
      }
    }
    const max = n === 0 ? -Infinity : s[n - 1]!
    return new Map([
      ['min', n === 0 ? Infinity : s[0]!],
      ['max', max],
      ['q1', q1],
      ['q2', sortedQuantile(0.5, s)],
      ['q3', q3],
      ['lower', lower],
      ['upper', Number.isNaN(upper) ? max : upper],
    ])
  }

  override sortValue(metric: string | null): number | null {
    return metric === null ? null : (this.metrics().get(metric.toLowerCase()) ?? null)
  }

  protected body(out: Map<string, JsonOut>): void {
    const metrics = this.metrics()
    for (const name of BOXPLOT_METRICS) out.set(name, new JavaDouble(metrics.get(name)!))
    const format = this.format
    if (format === null) return
    for (const name of BOXPLOT_METRICS) {
      const value = metrics.get(name)!
      // DocValueFormat.DateTime.format(double) formats `(long) value`: NaN is 0, ±Infinity Long.MAX / MIN_VALUE
      const printed = format instanceof DateValueFormat ? javaLongCast(value) : value
      out.set(`${name}_as_string`, format.format(printed))
    }
  }
}

function digestMetricParser(type: DigestMetric): AggregationParser {
  return (name, body, meta, subs): AggregationBuilder => {
    rejectSubAggregations(name, type, subs)
    const params = new AggregationParams(type, body, [
      'field',
      'missing',
      'format',
      'script',
      'value_type',
      'compression',
    ])
    const field = params.valuesSource('double')
    const compression = params.raw('compression')
    if (type === 'boxplot') checkCompression(name, compression)
    else {
      const value = params.number('compression')
      if (value !== null && value <= 0) {
        // the builder's setter throws inside the ObjectParser, which names the field
        throw params.fieldFailure(
          'compression',
          illegalArgumentException(
            `[compression] must be greater than 0. Found [${javaDoubleToString(value)}] in [${name}]`,
          ),
        )
      }
    }
    return {
      name,
      type,
      meta,
      subs,
      collect(shard, docs) {
        const { samples, format } = collectSamples(shard, type, field, params, docs)
        return type === 'boxplot'
          ? new InternalBoxplot(name, meta, samples, format)
          : new InternalMedianAbsoluteDeviation(name, meta, samples, format)
      },
    }
  }
}

export const medianAbsoluteDeviationParser = digestMetricParser('median_absolute_deviation')
export const boxplotParser = digestMetricParser('boxplot')
