/**
 * `stats` and `extended_stats` as ES 8's InternalStats and InternalExtendedStats compute and render them.
 *
 * stats: count, min, max, avg, sum; with no values `min`/`max`/`avg` are null and `sum` is 0.0. A non-RAW
 * format adds min_as_string, max_as_string, avg_as_string, sum_as_string.
 * extended_stats adds sum_of_squares, variance (= variance_population = (Σx² − (Σx)²/n) / n, clamped at 0),
 * variance_sampling (divides by n − 1), the three standard deviations (square roots) and
 * std_deviation_bounds {upper, lower, upper_population, lower_population, upper_sampling, lower_sampling}
 * = avg ± sigma·σ (sigma defaults to 2.0, must be >= 0); all null with no values.
 * Wire form: the state (count, sum, min, max, sum of squares; empty min/max are ±Infinity), the format and
 * sigma (null for `stats`).
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
import { numericValues } from '../values-source.ts'
import { compensatedSum, extreme } from './compensated-sum.ts'

export interface StatsState {
  count: number
  sum: number
  min: number
  max: number
  sumOfSquares: number
}

export interface StatsWire extends AggregationWireHeader<'stats'> {
  readonly state: StatsState
  readonly format: ValueFormatWire | null
  readonly sigma: number | null
}

/** One shard's state over its values (sums compensated, as the aggregator adds them). */
export function statsState(values: readonly number[]): StatsState {
  return {
    count: values.length,
    sum: compensatedSum(values),
    min: extreme(values, Math.min),
    max: extreme(values, Math.max),
    sumOfSquares: compensatedSum(values.map((v) => v * v)),
  }
}

/** InternalExtendedStats' variance: (Σx² − (Σx)²/n) / n (or n − 1 when `sampling`), clamped at 0. */
export function statsVariance(state: StatsState, sampling: boolean): number {
  const { count, sum, sumOfSquares } = state
  const variance = (sumOfSquares - (sum * sum) / count) / (sampling ? count - 1 : count)
  return variance < 0 ? 0 : variance
}

export class InternalStats extends InternalAggregation {
  constructor(
    name: string,
    meta: XContentObject | null,
    readonly state: StatsState,
    readonly format: ValueFormat | null,
    /** null for `stats`; the sigma of `extended_stats`. */
    readonly sigma: number | null,
    /** Made by stats_bucket or extended_stats_bucket (InternalStatsBucket, InternalExtendedStatsBucket). */
    readonly bucketPipeline = false,
  ) {
    super(name, meta)
  }

  static readFrom(wire: StatsWire): InternalStats {
    const format = readValueFormat(wire.format)
    return new InternalStats(wire.name, readMeta(wire.meta), { ...wire.state }, format, wire.sigma)
  }

  writeTo(): StatsWire {
    return {
      type: 'stats',
      name: this.name,
      meta: this.wireMeta(),
      state: { ...this.state },
      format: writeValueFormat(this.format),
      sigma: this.sigma,
    }
  }

  reduce(all: readonly InternalAggregation[]): InternalAggregation {
    const parts = (all as readonly InternalStats[]).map((p) => p.state)
    const state: StatsState = {
      count: parts.reduce((n, p) => n + p.count, 0),
      sum: compensatedSum(parts.map((p) => p.sum)),
      min: extreme(
        parts.map((p) => p.min),
        Math.min,
      ),
      max: extreme(
        parts.map((p) => p.max),
        Math.max,
      ),
      sumOfSquares: compensatedSum(parts.map((p) => p.sumOfSquares)),
    }
    return new InternalStats(this.name, this.meta, state, this.format, this.sigma)
  }

  get avg(): number {
    return this.state.sum / this.state.count
  }

  variance(sampling: boolean): number {
    return statsVariance(this.state, sampling)
  }

  override sortValue(metric: string | null): number | null {
    const { count, sum, min, max, sumOfSquares } = this.state
    const values: Record<string, number> = {
      count,
      sum,
      min,
      max,
      avg: this.avg,
      sum_of_squares: sumOfSquares,
    }
    return metric !== null && Object.hasOwn(values, metric) ? values[metric]! : null
  }

  getType(): string {
    const type = this.sigma === null ? 'stats' : 'extended_stats'
    return this.bucketPipeline ? `${type}_bucket` : type
  }

  protected body(out: Map<string, JsonOut>): void {
    const { count, sum, min, max, sumOfSquares } = this.state
    out.set('count', count)
    const fields: Array<[string, number]> = [
      ['min', min],
      ['max', max],
      ['avg', this.avg],
      ['sum', sum],
    ]
    if (count === 0) {
      for (const [key] of fields.slice(0, 3)) out.set(key, null)
      out.set('sum', new JavaDouble(0))
    } else {
      for (const [key, value] of fields) out.set(key, new JavaDouble(value))
      const format = this.format
      if (format !== null)
        for (const [key, value] of fields) out.set(`${key}_as_string`, format.format(value))
    }
    if (this.sigma !== null) this.extendedBody(out, count === 0 ? null : sumOfSquares, this.sigma)
  }

  private extendedBody(out: Map<string, JsonOut>, sumOfSquares: number | null, sigma: number): void {
    const d = (v: number): JsonOut => (sumOfSquares === null ? null : new JavaDouble(v))
    const population = this.variance(false)
    const sampling = this.variance(true)
    const stdPopulation = Math.sqrt(population)
    const stdSampling = Math.sqrt(sampling)
    out.set('sum_of_squares', d(sumOfSquares ?? 0))
    out.set('variance', d(population))
    out.set('variance_population', d(population))
    out.set('variance_sampling', d(sampling))
    out.set('std_deviation', d(stdPopulation))
    out.set('std_deviation_population', d(stdPopulation))
    out.set('std_deviation_sampling', d(stdSampling))
    const avg = this.avg
    out.set(
      'std_deviation_bounds',
      new Map<string, JsonOut>([
        ['upper', d(avg + stdPopulation * sigma)],
        ['lower', d(avg - stdPopulation * sigma)],
        ['upper_population', d(avg + stdPopulation * sigma)],
        ['lower_population', d(avg - stdPopulation * sigma)],
        ['upper_sampling', d(avg + stdSampling * sigma)],
        ['lower_sampling', d(avg - stdSampling * sigma)],
      ]),
    )
  }
}

function statsParser(type: 'stats' | 'extended_stats'): AggregationParser {
  return (name, body, meta, subs): AggregationBuilder => {
    rejectSubAggregations(name, type, subs)
    const allowed = [
      'field',
      'missing',
      'format',
      'script',
      'value_type',
      ...(type === 'extended_stats' ? ['sigma'] : []),
    ]
    const params = new AggregationParams(type, body, allowed)
    const field = params.valuesSource('double')
    const sigma = type === 'extended_stats' ? (params.number('sigma') ?? 2) : null
    if (sigma !== null && sigma < 0) {
      // ExtendedStatsAggregationBuilder.sigma's refusal, from inside its ObjectParser
      const refusal = `[sigma] must be greater than or equal to 0. Found [${javaDoubleToString(sigma)}] in [${name}]`
      throw params.fieldFailure('sigma', illegalArgumentException(refusal))
    }
    return {
      name,
      type,
      meta,
      subs,
      collect(shard, docs) {
        const source = numericValues(shard, type, field, params.raw('missing'), params.string('format'))
        const values = docs.flatMap((doc) => source.values(doc))
        return new InternalStats(name, meta, statsState(values), source.format, sigma)
      },
    }
  }
}

export const statsAggParser = statsParser('stats')
export const extendedStatsParser = statsParser('extended_stats')
